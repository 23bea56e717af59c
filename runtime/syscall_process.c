/* The process: lifetime, identity, limits, scheduling and futexes.  Each
 * guest thread is a host thread (thread.c), so ids are the host's. */
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

/* exit ends the calling thread (the process when it is the last one). */
int64_t rt_sys_exit(struct zarm_user *u, const uint64_t a[6]) {
    rt_thread_exit(u, (int)(a[0] & 0xff), false);
    return 0;
}

int64_t rt_sys_exit_group(struct zarm_user *u, const uint64_t a[6]) {
    rt_thread_exit(u, (int)(a[0] & 0xff), true);
    return 0;
}

int64_t rt_sys_getpid(struct zarm_user *u, const uint64_t a[6]) { return getpid(); }
int64_t rt_sys_getppid(struct zarm_user *u, const uint64_t a[6]) { return getppid(); }
int64_t rt_sys_gettid(struct zarm_user *u, const uint64_t a[6]) { return gettid(); }
int64_t rt_sys_getuid(struct zarm_user *u, const uint64_t a[6]) { return getuid(); }
int64_t rt_sys_geteuid(struct zarm_user *u, const uint64_t a[6]) { return geteuid(); }
int64_t rt_sys_getgid(struct zarm_user *u, const uint64_t a[6]) { return getgid(); }
int64_t rt_sys_getegid(struct zarm_user *u, const uint64_t a[6]) { return getegid(); }

int64_t rt_sys_setpgid(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(setpgid((pid_t)a[0], (pid_t)a[1]));
}

int64_t rt_sys_getpgid(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(getpgid((pid_t)a[0]));
}
int64_t rt_sys_getsid(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(getsid((pid_t)a[0]));
}
int64_t rt_sys_setsid(struct zarm_user *u, const uint64_t a[6]) { return rt_ret(setsid()); }
int64_t rt_sys_umask(struct zarm_user *u, const uint64_t a[6]) {
    return umask((mode_t)a[0] & 0777);
}

int64_t rt_sys_sched_yield(struct zarm_user *u, const uint64_t a[6]) {
    sched_yield();
    return 0;
}

int64_t rt_sys_set_tid_address(struct zarm_user *u, const uint64_t a[6]) {
    /* Cleared (and woken) when the thread exits. */
    u->tid_address = a[0];
    rt_self->clear_tid = a[0];
    return gettid();
}

int64_t rt_sys_set_robust_list(struct zarm_user *u, const uint64_t a[6]) {
    /* struct robust_list_head is 24 bytes on arm64. */
    if (a[1] != 24)
        return -EINVAL;
    u->robust_list = a[0];
    u->robust_len = a[1];
    return 0;
}

int64_t rt_sys_get_robust_list(struct zarm_user *u, const uint64_t a[6]) {
    if (a[0] && (pid_t)a[0] != gettid())
        return -EPERM;
    uint8_t head[8], len[8];
    st_le64(head, u->robust_list);
    st_le64(len, u->robust_len ? u->robust_len : 24);
    if (!rt_copy_to_guest(&u->mem, a[1], head, 8) || !rt_copy_to_guest(&u->mem, a[2], len, 8))
        return -EFAULT;
    return 0;
}

int64_t rt_sys_rseq(struct zarm_user *u, const uint64_t a[6]) {
    /* Restartable sequences are not offered; glibc then does without. */
    return -ENOSYS;
}

/* ---- limits ---- */

#define G_RLIMIT_DATA 2
#define G_RLIMIT_STACK 3
#define G_RLIMIT_AS 9
#define G_RLIM_NLIMITS 16

static int get_rlimit(struct zarm_user *u, uint64_t addr, struct rlimit *rl) {
    uint8_t b[16];
    if (!rt_copy_from_guest(&u->mem, b, addr, sizeof b))
        return -EFAULT;
    rl->rlim_cur = (rlim_t)ld_le64(b);
    rl->rlim_max = (rlim_t)ld_le64(b + 8);
    return 0;
}

static int put_rlimit(struct zarm_user *u, uint64_t addr, const struct rlimit *rl) {
    uint8_t b[16];
    st_le64(b, (uint64_t)rl->rlim_cur);
    st_le64(b + 8, (uint64_t)rl->rlim_max);
    return rt_copy_to_guest(&u->mem, addr, b, sizeof b) ? 0 : -EFAULT;
}

int64_t rt_sys_prlimit64(struct zarm_user *u, const uint64_t a[6]) {
    pid_t pid = (pid_t)a[0];
    int res = (int)a[1];
    if (res < 0 || res >= G_RLIM_NLIMITS)
        return -EINVAL;
    struct rlimit nl, ol;
    if (a[2]) {
        int r = get_rlimit(u, a[2], &nl);
        if (r)
            return r;
    }
    /* The guest's address-space limits would also bind zarm's own memory:
     * as qemu-user does, setting them for itself is accepted and ignored. */
    bool ignore_set = (pid == 0 || pid == getpid()) &&
                      (res == G_RLIMIT_AS || res == G_RLIMIT_DATA || res == G_RLIMIT_STACK);
    if (prlimit(pid, (__rlimit_resource_t)res, a[2] && !ignore_set ? &nl : NULL, &ol) != 0)
        return -errno;
    if (a[3])
        return put_rlimit(u, a[3], &ol);
    return 0;
}

int64_t rt_sys_getrlimit(struct zarm_user *u, const uint64_t a[6]) {
    const uint64_t b[6] = {0, a[0], 0, a[1], 0, 0};
    return rt_sys_prlimit64(u, b);
}

int64_t rt_sys_setrlimit(struct zarm_user *u, const uint64_t a[6]) {
    const uint64_t b[6] = {0, a[0], a[1], 0, 0, 0};
    return rt_sys_prlimit64(u, b);
}

/* ---- scheduling ---- */

int64_t rt_sys_sched_getaffinity(struct zarm_user *u, const uint64_t a[6]) {
    uint64_t len = a[1];
    long ncpu = sysconf(_SC_NPROCESSORS_CONF);
    if (ncpu < 1)
        ncpu = 1;
    /* The kernel's cpumask_size(): whole longs covering nr_cpu_ids bits. */
    uint64_t mask_bytes = ((uint64_t)ncpu + 63) / 64 * 8;
    if (len * 8 < (uint64_t)ncpu || (len & 7))
        return -EINVAL;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity((pid_t)a[0], sizeof set, &set) != 0)
        return -errno;
    uint64_t n = len < mask_bytes ? len : mask_bytes;
    uint8_t out[sizeof set];
    if (n > sizeof out)
        n = sizeof out;
    memset(out, 0, sizeof out);
    for (uint64_t cpu = 0; cpu < n * 8 && cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET(cpu, &set))
            out[cpu / 8] |= (uint8_t)(1u << (cpu % 8)); /* LE words: byte order = bit order */
    return rt_copy_to_guest(&u->mem, a[2], out, n) ? (int64_t)n : -EFAULT;
}

int64_t rt_sys_getcpu(struct zarm_user *u, const uint64_t a[6]) {
    int cpu = sched_getcpu();
    uint8_t b[4];
    if (cpu < 0)
        cpu = 0;
    st_le32(b, (uint32_t)cpu);
    if (a[0] && !rt_copy_to_guest(&u->mem, a[0], b, 4))
        return -EFAULT;
    st_le32(b, 0);
    if (a[1] && !rt_copy_to_guest(&u->mem, a[1], b, 4))
        return -EFAULT;
    return 0;
}

/* ---- prctl ---- */

enum {
    G_PR_SET_PDEATHSIG = 1,
    G_PR_GET_PDEATHSIG = 2,
    G_PR_GET_DUMPABLE = 3,
    G_PR_SET_DUMPABLE = 4,
    G_PR_SET_NAME = 15,
    G_PR_GET_NAME = 16,
    G_PR_GET_KEEPCAPS = 7,
    G_PR_SET_KEEPCAPS = 8,
    G_PR_CAPBSET_READ = 23,
    G_PR_GET_CHILD_SUBREAPER = 37,
    G_PR_SET_CHILD_SUBREAPER = 36,
    G_PR_GET_THP_DISABLE = 42,
    G_PR_SET_NO_NEW_PRIVS = 38,
    G_PR_GET_NO_NEW_PRIVS = 39,
};

int64_t rt_sys_prctl(struct zarm_user *u, const uint64_t a[6]) {
    switch ((int)a[0]) {
    case G_PR_SET_NAME: {
        char name[16];
        for (int i = 0; i < 16; i++) {
            if (!rt_copy_from_guest(&u->mem, name + i, a[1] + i, 1))
                return -EFAULT;
            if (!name[i])
                break;
        }
        name[15] = 0;
        memcpy(u->comm, name, sizeof name);
        return 0;
    }
    case G_PR_GET_NAME:
        return rt_copy_to_guest(&u->mem, a[1], u->comm, sizeof u->comm) ? 0 : -EFAULT;
    case G_PR_SET_PDEATHSIG:
    case G_PR_SET_DUMPABLE:
    case G_PR_GET_DUMPABLE:
    case G_PR_SET_NO_NEW_PRIVS:
    case G_PR_GET_NO_NEW_PRIVS:
    case G_PR_GET_KEEPCAPS:
    case G_PR_SET_KEEPCAPS:
    case G_PR_CAPBSET_READ:
    case G_PR_SET_CHILD_SUBREAPER:
    case G_PR_GET_THP_DISABLE:
        /* Integer-only options: the host's answer is the process's. */
        return rt_ret(prctl((int)a[0], (unsigned long)a[1], (unsigned long)a[2],
                            (unsigned long)a[3], (unsigned long)a[4]));
    case G_PR_GET_PDEATHSIG:
    case G_PR_GET_CHILD_SUBREAPER: {
        /* An int the kernel stores at the address. */
        int v = 0;
        if (prctl((int)a[0], &v) != 0)
            return -errno;
        uint8_t b[4];
        st_le32(b, (uint32_t)v);
        return rt_copy_to_guest(&u->mem, a[1], b, 4) ? 0 : -EFAULT;
    }
    }
    /* Everything else (SVE vector length, pointer authentication, tagged
     * addresses...) is a feature zarm does not offer. */
    if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
        rt_log(u, "unimplemented prctl option %d\n", (int)a[0]);
    return -EINVAL;
}

/* ---- futex ---- */

/* The guest window is memory of this one host process, so a guest futex is the host
 * futex at the same word: threads (host threads) and forked processes sharing a
 * mapping wait and wake each other directly.  The host kernel reads the word in host
 * byte order: compared values are passed as the host sees the guest's little-endian
 * word, and the operations that interpret the word (WAKE_OP's arithmetic, the PI
 * ops' owner tid) are done here on a big-endian host. */
enum {
    G_FUTEX_WAIT = 0,
    G_FUTEX_WAKE = 1,
    G_FUTEX_REQUEUE = 3,
    G_FUTEX_CMP_REQUEUE = 4,
    G_FUTEX_WAKE_OP = 5,
    G_FUTEX_LOCK_PI = 6,
    G_FUTEX_UNLOCK_PI = 7,
    G_FUTEX_TRYLOCK_PI = 8,
    G_FUTEX_WAIT_BITSET = 9,
    G_FUTEX_WAKE_BITSET = 10,
    G_FUTEX_WAIT_REQUEUE_PI = 11,
    G_FUTEX_CMP_REQUEUE_PI = 12,
    G_FUTEX_LOCK_PI2 = 13,
    G_FUTEX_PRIVATE = 128,
    G_FUTEX_CLOCK_REALTIME = 256,
};

static bool host_is_le(void)
{
    const uint16_t one = 1;
    return *(const uint8_t *)&one == 1;
}

/* The value v as the host reads the guest's little-endian word holding it. */
static uint32_t as_host_word(uint32_t v)
{
    uint8_t b[4];
    uint32_t h;
    st_le32(b, v);
    memcpy(&h, b, 4);
    return h;
}

static uint32_t *futex_ptr(struct zarm_user *u, uint64_t addr)
{
    if ((addr & 3) || !rt_mem_range_mapped(&u->mem, addr, 4))
        return NULL;
    return rt_g2h(&u->mem, addr);
}

static long host_futex(uint32_t *w, int op, uint32_t val, const void *ts_or_val2, uint32_t *w2,
                       uint32_t val3)
{
    long r = syscall(SYS_futex, w, op, val, ts_or_val2, w2, val3);
    return r < 0 ? -errno : r;
}

/* FUTEX_WAKE_OP in guest byte order: the old value of *w2 is replaced atomically,
 * then waiters on w wake, and those on w2 too if the comparison holds. */
static int64_t wake_op_emulated(uint32_t *w, uint32_t *w2, int priv, uint32_t n1, uint32_t n2,
                                uint32_t encoded)
{
    unsigned op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
    uint32_t oparg = (encoded >> 12) & 0xfff, cmparg = encoded & 0xfff;
    if (encoded & (8u << 28)) /* FUTEX_OP_OPARG_SHIFT */
        oparg = oparg < 32 ? 1u << oparg : 0;
    uint32_t raw = __atomic_load_n(w2, __ATOMIC_SEQ_CST), old, nv;
    do {
        old = ld_le32(&raw);
        switch (op) {
        case 0: nv = oparg; break;
        case 1: nv = old + oparg; break;
        case 2: nv = old | oparg; break;
        case 3: nv = old & ~oparg; break;
        case 4: nv = old ^ oparg; break;
        default: return -ENOSYS;
        }
    } while (!__atomic_compare_exchange_n(w2, &raw, as_host_word(nv), false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    bool hit;
    switch (cmp) {
    case 0: hit = old == cmparg; break;
    case 1: hit = old != cmparg; break;
    case 2: hit = (int32_t)old < (int32_t)cmparg; break;
    case 3: hit = (int32_t)old <= (int32_t)cmparg; break;
    case 4: hit = (int32_t)old > (int32_t)cmparg; break;
    case 5: hit = (int32_t)old >= (int32_t)cmparg; break;
    default: return -ENOSYS;
    }
    long r = host_futex(w, FUTEX_WAKE | priv, n1, NULL, NULL, 0);
    if (r >= 0 && hit) {
        long r2 = host_futex(w2, FUTEX_WAKE | priv, n2, NULL, NULL, 0);
        r += r2 > 0 ? r2 : 0;
    }
    return r;
}

/* The PI lock operations on a big-endian host, where the kernel would read the guest's
 * little-endian owner tid wrongly: the same protocol on the guest's word (owner tid, WAITERS
 * bit, OWNER_DIED kept), waiting on the host futex at it.  Mutual exclusion, waking and the
 * error cases are Linux's; priority inheritance itself is not (it only affects scheduling). */
#define G_FUTEX_WAITERS 0x80000000u
#define G_FUTEX_OWNER_DIED 0x40000000u
#define G_FUTEX_TID_MASK 0x3fffffffu

static bool pi_cas(uint32_t *w, uint32_t *raw, uint32_t nv)
{
    return __atomic_compare_exchange_n(w, raw, as_host_word(nv), false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

static int64_t pi_emulated(uint32_t *w, int cmd, int flags, const struct timespec *abs)
{
    uint32_t tid = (uint32_t)gettid(), raw = __atomic_load_n(w, __ATOMIC_SEQ_CST);
    bool waited = false;
    for (;;) {
        uint32_t v = ld_le32(&raw);
        if (cmd == G_FUTEX_UNLOCK_PI) {
            if ((v & G_FUTEX_TID_MASK) != tid)
                return -EPERM;
            if (!pi_cas(w, &raw, 0))
                continue;
            if (v & G_FUTEX_WAITERS)
                host_futex(w, FUTEX_WAKE | (flags & G_FUTEX_PRIVATE), 1, NULL, NULL, 0);
            return 0;
        }
        if ((v & G_FUTEX_TID_MASK) == tid)
            return -EDEADLK;
        if (!(v & G_FUTEX_TID_MASK)) {
            /* Free: take it; after a wait others may still wait, so WAITERS stays. */
            uint32_t nv = tid | (v & G_FUTEX_OWNER_DIED) | (waited ? G_FUTEX_WAITERS : 0) |
                          (v & G_FUTEX_WAITERS);
            if (pi_cas(w, &raw, nv))
                return 0;
            continue;
        }
        if (cmd == G_FUTEX_TRYLOCK_PI)
            return -EAGAIN;
        if (!(v & G_FUTEX_WAITERS) && !pi_cas(w, &raw, v | G_FUTEX_WAITERS))
            continue;
        /* LOCK_PI's timeout is absolute on CLOCK_REALTIME, LOCK_PI2's on the clock the
         * operation names (CLOCK_MONOTONIC by default). */
        int clock = cmd == G_FUTEX_LOCK_PI || (flags & G_FUTEX_CLOCK_REALTIME)
                        ? FUTEX_CLOCK_REALTIME : 0;
        long r = host_futex(w, FUTEX_WAIT_BITSET | clock | (flags & G_FUTEX_PRIVATE),
                            as_host_word(v | G_FUTEX_WAITERS), abs, NULL, FUTEX_BITSET_MATCH_ANY);
        if (r == -ETIMEDOUT || r == -EINTR)
            return r;
        waited = true;
        raw = __atomic_load_n(w, __ATOMIC_SEQ_CST);
    }
}

int64_t rt_sys_futex(struct zarm_user *u, const uint64_t a[6]) {
    int op = (int)a[1];
    int cmd = op & ~(G_FUTEX_PRIVATE | G_FUTEX_CLOCK_REALTIME);
    int flags = op & (G_FUTEX_PRIVATE | G_FUTEX_CLOCK_REALTIME);
    uint32_t *w = futex_ptr(u, a[0]);
    if (!w)
        return (a[0] & 3) ? -EINVAL : -EFAULT;
    struct timespec ts;
    const struct timespec *tsp = NULL;
    bool has_timeout = cmd == G_FUTEX_WAIT || cmd == G_FUTEX_WAIT_BITSET ||
                       cmd == G_FUTEX_LOCK_PI || cmd == G_FUTEX_LOCK_PI2 ||
                       cmd == G_FUTEX_WAIT_REQUEUE_PI;
    if (has_timeout && a[3]) {
        int r = rt_sys_get_timespec(u, a[3], &ts);
        if (r)
            return r;
        tsp = &ts;
    }
    bool two = cmd == G_FUTEX_REQUEUE || cmd == G_FUTEX_CMP_REQUEUE || cmd == G_FUTEX_WAKE_OP ||
               cmd == G_FUTEX_WAIT_REQUEUE_PI || cmd == G_FUTEX_CMP_REQUEUE_PI;
    uint32_t *w2 = two ? futex_ptr(u, a[4]) : NULL;
    if (two && !w2)
        return (a[4] & 3) ? -EINVAL : -EFAULT;
    /* The count of requeued waiters travels in the timeout argument. */
    const void *val2 = (const void *)(uintptr_t)(uint32_t)a[3];
    switch (cmd) {
    case G_FUTEX_WAIT:
    case G_FUTEX_WAIT_BITSET:
        return host_futex(w, cmd | flags, as_host_word((uint32_t)a[2]), tsp, NULL,
                          (uint32_t)a[5]);
    case G_FUTEX_WAKE:
    case G_FUTEX_WAKE_BITSET:
        return host_futex(w, cmd | flags, (uint32_t)a[2], NULL, NULL, (uint32_t)a[5]);
    case G_FUTEX_REQUEUE:
        return host_futex(w, cmd | flags, (uint32_t)a[2], val2, w2, 0);
    case G_FUTEX_CMP_REQUEUE:
        return host_futex(w, cmd | flags, (uint32_t)a[2], val2, w2,
                          as_host_word((uint32_t)a[5]));
    case G_FUTEX_WAKE_OP:
        if (host_is_le())
            return host_futex(w, cmd | flags, (uint32_t)a[2], val2, w2, (uint32_t)a[5]);
        return wake_op_emulated(w, w2, flags & G_FUTEX_PRIVATE, (uint32_t)a[2], (uint32_t)a[3],
                                (uint32_t)a[5]);
    case G_FUTEX_LOCK_PI:
    case G_FUTEX_LOCK_PI2:
    case G_FUTEX_UNLOCK_PI:
    case G_FUTEX_TRYLOCK_PI:
    case G_FUTEX_WAIT_REQUEUE_PI:
    case G_FUTEX_CMP_REQUEUE_PI:
        /* The kernel reads an owner tid from the word: the host's byte order must be the
         * guest's.  Host tids are guest tids.  On a big-endian host the lock operations are
         * done here; the requeue ones (not used by glibc's condition variables) are not. */
        if (!host_is_le()) {
            if (cmd == G_FUTEX_WAIT_REQUEUE_PI || cmd == G_FUTEX_CMP_REQUEUE_PI)
                break;
            return pi_emulated(w, cmd, flags, tsp);
        }
        if (cmd == G_FUTEX_CMP_REQUEUE_PI)
            return host_futex(w, cmd | flags, (uint32_t)a[2], val2, w2, (uint32_t)a[5]);
        return host_futex(w, cmd | flags, (uint32_t)a[2], tsp, w2, (uint32_t)a[5]);
    }
    if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
        rt_log(u, "unimplemented futex operation %d\n", cmd);
    return -ENOSYS;
}
