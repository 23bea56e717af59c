/* The process: lifetime, identity, limits, scheduling and futexes.  zarm
 * runs one guest thread, which is the host process's thread, so ids are the
 * host's. */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

int64_t rt_sys_exit(struct zarm_user *u, const uint64_t a[6]) {
    /* One thread for now: exit ends the process. */
    u->exited = true;
    u->exit_status = (int)(a[0] & 0xff);
    return 0;
}

int64_t rt_sys_exit_group(struct zarm_user *u, const uint64_t a[6]) {
    u->exited = true;
    u->exit_status = (int)(a[0] & 0xff);
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
    /* Cleared (and woken) when the thread exits; matters once there are threads. */
    u->tid_address = a[0];
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
        /* Integer-only options: the host's answer is the process's. */
        return rt_ret(prctl((int)a[0], (unsigned long)a[1], (unsigned long)a[2],
                            (unsigned long)a[3], (unsigned long)a[4]));
    case G_PR_GET_PDEATHSIG: {
        int sig = 0;
        if (prctl(PR_GET_PDEATHSIG, &sig) != 0)
            return -errno;
        uint8_t b[4];
        st_le32(b, (uint32_t)sig);
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

enum {
    G_FUTEX_WAIT = 0,
    G_FUTEX_WAKE = 1,
    G_FUTEX_REQUEUE = 3,
    G_FUTEX_CMP_REQUEUE = 4,
    G_FUTEX_WAKE_OP = 5,
    G_FUTEX_WAIT_BITSET = 9,
    G_FUTEX_WAKE_BITSET = 10,
    G_FUTEX_PRIVATE = 128,
    G_FUTEX_CLOCK_REALTIME = 256,
};

static int futex_word(struct zarm_user *u, uint64_t addr, uint32_t *v) {
    uint8_t b[4];
    if ((addr & 3) != 0)
        return -EINVAL;
    if (!rt_copy_from_guest(&u->mem, b, addr, 4))
        return -EFAULT;
    *v = ld_le32(b);
    return 0;
}

/* FUTEX_WAKE_OP's operation on *uaddr2: returns the old value's comparison. */
static int futex_wake_op(struct zarm_user *u, uint64_t addr, uint32_t encoded) {
    uint32_t old;
    int r = futex_word(u, addr, &old);
    if (r)
        return r;
    unsigned op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
    uint32_t oparg = (encoded >> 12) & 0xfff, cmparg = encoded & 0xfff;
    if (encoded & (8u << 28)) /* FUTEX_OP_OPARG_SHIFT */
        oparg = oparg < 32 ? 1u << oparg : 0;
    uint32_t nv;
    switch (op) {
    case 0:
        nv = oparg;
        break;
    case 1:
        nv = old + oparg;
        break;
    case 2:
        nv = old | oparg;
        break;
    case 3:
        nv = old & ~oparg;
        break;
    case 4:
        nv = old ^ oparg;
        break;
    default:
        return -ENOSYS;
    }
    uint8_t b[4];
    st_le32(b, nv);
    if (!rt_copy_to_guest(&u->mem, addr, b, 4))
        return -EFAULT;
    (void)cmp;
    (void)cmparg;
    return 0;
}

/* One thread: nobody else can wake a waiter, and nobody waits to be woken. */
int64_t rt_sys_futex(struct zarm_user *u, const uint64_t a[6]) {
    int op = (int)a[1];
    int cmd = op & ~(G_FUTEX_PRIVATE | G_FUTEX_CLOCK_REALTIME);
    uint32_t cur;
    int r;
    switch (cmd) {
    case G_FUTEX_WAIT:
    case G_FUTEX_WAIT_BITSET: {
        if (cmd == G_FUTEX_WAIT_BITSET && (uint32_t)a[5] == 0)
            return -EINVAL;
        r = futex_word(u, a[0], &cur);
        if (r)
            return r;
        if (cur != (uint32_t)a[2])
            return -EAGAIN;
        if (a[3]) {
            struct timespec ts;
            r = rt_sys_get_timespec(u, a[3], &ts);
            if (r)
                return r;
            /* FUTEX_WAIT's timeout is relative (CLOCK_MONOTONIC); the
             * bitset form's is absolute on the chosen clock. */
            if (cmd == G_FUTEX_WAIT)
                clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
            else
                clock_nanosleep(op & G_FUTEX_CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC,
                                TIMER_ABSTIME, &ts, NULL);
            return -ETIMEDOUT;
        }
        /* The kernel would block this thread forever; so does zarm, after saying why. */
        if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
            rt_log(u, "futex wait at 0x%llx without timeout: the only thread waits forever\n",
                   (unsigned long long)a[0]);
        for (;;)
            pause();
    }
    case G_FUTEX_WAKE:
    case G_FUTEX_WAKE_BITSET:
        return 0;
    case G_FUTEX_REQUEUE:
        return 0;
    case G_FUTEX_CMP_REQUEUE:
        r = futex_word(u, a[0], &cur);
        if (r)
            return r;
        return cur != (uint32_t)a[5] ? -EAGAIN : 0;
    case G_FUTEX_WAKE_OP:
        r = futex_wake_op(u, a[4], (uint32_t)a[5]);
        return r ? r : 0;
    }
    if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
        rt_log(u, "unimplemented futex operation %d\n", cmd);
    return -ENOSYS;
}
