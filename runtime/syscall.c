/* Syscall dispatch: x8 selects the handler from syscalls.def, x0-x5 are the
 * arguments, x0 gets the result.  Unknown numbers answer -ENOSYS and are logged
 * with -d unimp; -d strace prints every call with decoded arguments.  Also the
 * guest-memory helpers every handler uses. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"
#include "syscall.h"

struct sys_entry {
    int64_t (*fn)(struct zarm_user *u, const uint64_t a[6]);
    const char *name;
    const char *args;
};

#define SYS_MAX 512
static const struct sys_entry sys_table[SYS_MAX] = {
#define SYSCALL(nr, n, args) [nr] = {rt_sys_##n, #n, args},
#include "syscalls.def"
#undef SYSCALL
};

/* ---- guest memory ---- */

void *rt_sys_buf(struct zarm_user *u, uint64_t addr, uint64_t len)
{
    if (addr > u->mem.size || len > u->mem.size - addr)
        return NULL;
    return rt_g2h(&u->mem, addr);
}

int rt_sys_string(struct zarm_user *u, uint64_t addr, char *buf, size_t size)
{
    for (size_t n = 0; n < size; n++) {
        /* Byte by byte: a string may end just before an unmapped page. */
        if (!rt_copy_from_guest(&u->mem, buf + n, addr + n, 1))
            return -EFAULT;
        if (!buf[n])
            return 0;
    }
    return -ENAMETOOLONG;
}

bool rt_sys_is_proc_exe(const char *path)
{
    static const char self[] = "/proc/self/exe";
    if (!strcmp(path, self))
        return true;
    char mine[64];
    snprintf(mine, sizeof mine, "/proc/%d/exe", (int)getpid());
    return !strcmp(path, mine);
}

int rt_sys_path(struct zarm_user *u, uint64_t addr, char *buf, size_t size)
{
    int r = rt_sys_string(u, addr, buf, size);
    if (r)
        return r;
    if (rt_sys_is_proc_exe(buf)) {
        snprintf(buf, size, "%s", u->exe_path);
        return 0;
    }
    const char *root = u->opt.sysroot;
    if (buf[0] == '/' && root && root[0]) {
        char alt[4096];
        int n = snprintf(alt, sizeof alt, "%s%s", root, buf);
        if (n > 0 && (size_t)n < sizeof alt && (size_t)n < size &&
            faccessat(AT_FDCWD, alt, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
            memcpy(buf, alt, (size_t)n + 1);
    }
    return 0;
}

int rt_sys_get_timespec(struct zarm_user *u, uint64_t addr, struct timespec *ts)
{
    uint8_t b[ARM64_TIMESPEC_SIZE];
    if (!rt_copy_from_guest(&u->mem, b, addr, sizeof b))
        return -EFAULT;
    return rt_abi_get_timespec(b, ts, false);
}

int rt_sys_put_timespec(struct zarm_user *u, uint64_t addr, const struct timespec *ts)
{
    uint8_t b[ARM64_TIMESPEC_SIZE];
    rt_abi_put_timespec(b, ts);
    return rt_copy_to_guest(&u->mem, addr, b, sizeof b) ? 0 : -EFAULT;
}

/* ---- -d strace ---- */

struct flag_name {
    uint64_t bit;
    const char *name;
};

/* Prints v as NAME|NAME|0xrest from a table of single bits. */
static void log_flags(struct zarm_user *u, uint64_t v, const struct flag_name *t, size_t n,
                      bool first)
{
    for (size_t i = 0; i < n; i++)
        if (v & t[i].bit) {
            rt_log(u, "%s%s", first ? "" : "|", t[i].name);
            first = false;
            v &= ~t[i].bit;
        }
    if (v || first)
        rt_log(u, "%s0x%" PRIx64, first ? "" : "|", v);
}

#define NFLAGS(t) (sizeof(t) / sizeof((t)[0]))

/* The arm64 values (asm-generic/fcntl.h with arm64's four overrides). */
static const struct flag_name open_flags[] = {
    {0100, "O_CREAT"},       {0200, "O_EXCL"},          {0400, "O_NOCTTY"},
    {01000, "O_TRUNC"},      {02000, "O_APPEND"},       {04000, "O_NONBLOCK"},
    {04000000, "O_SYNC"},    {010000, "O_DSYNC"},       {020000, "O_ASYNC"},
    {GUEST_O_DIRECTORY, "O_DIRECTORY"}, {GUEST_O_NOFOLLOW, "O_NOFOLLOW"},
    {GUEST_O_DIRECT, "O_DIRECT"}, {GUEST_O_LARGEFILE, "O_LARGEFILE"},
    {01000000, "O_NOATIME"}, {02000000, "O_CLOEXEC"},   {010000000, "O_PATH"},
    {020000000, "O_TMPFILE"},
};

static const struct flag_name prot_flags[] = {
    {1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}, {0x10, "PROT_BTI"}, {0x20, "PROT_MTE"},
};

static const struct flag_name map_flags[] = {
    {0x10, "MAP_FIXED"},        {0x20, "MAP_ANONYMOUS"},   {0x100, "MAP_GROWSDOWN"},
    {0x800, "MAP_DENYWRITE"},   {0x1000, "MAP_EXECUTABLE"}, {0x2000, "MAP_LOCKED"},
    {0x4000, "MAP_NORESERVE"},  {0x8000, "MAP_POPULATE"},  {0x10000, "MAP_NONBLOCK"},
    {0x20000, "MAP_STACK"},     {0x40000, "MAP_HUGETLB"},  {0x100000, "MAP_FIXED_NOREPLACE"},
};

static const char *const signal_names[32] = {
    NULL,      "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",    "SIGTRAP", "SIGABRT",
    "SIGBUS",  "SIGFPE",  "SIGKILL",   "SIGUSR1", "SIGSEGV",   "SIGUSR2", "SIGPIPE",
    "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",   "SIGSTOP", "SIGTSTP",
    "SIGTTIN", "SIGTTOU", "SIGURG",    "SIGXCPU", "SIGXFSZ",   "SIGVTALRM", "SIGPROF",
    "SIGWINCH", "SIGIO",  "SIGPWR",    "SIGSYS",
};

static const char *const clock_names[] = {
    "CLOCK_REALTIME",        "CLOCK_MONOTONIC",        "CLOCK_PROCESS_CPUTIME_ID",
    "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW",  "CLOCK_REALTIME_COARSE",
    "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",
};

static void strace_arg(struct zarm_user *u, char kind, uint64_t v)
{
    switch (kind) {
    case 'd':
        rt_log(u, "%" PRId64, (int64_t)v);
        break;
    case 'f':
        if ((int32_t)v == -100)
            rt_log(u, "AT_FDCWD");
        else
            rt_log(u, "%" PRId32, (int32_t)v);
        break;
    case 'm':
        rt_log(u, "0%" PRIo64, v);
        break;
    case 'o': {
        static const char *const acc[4] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
        rt_log(u, "%s", acc[v & 3]);
        if (v & ~3ull)
            log_flags(u, v & ~3ull, open_flags, NFLAGS(open_flags), false);
        break;
    }
    case 'P':
        if (!v)
            rt_log(u, "PROT_NONE");
        else
            log_flags(u, v, prot_flags, NFLAGS(prot_flags), true);
        break;
    case 'M': {
        static const char *const type[4] = {"0", "MAP_SHARED", "MAP_PRIVATE",
                                            "MAP_SHARED_VALIDATE"};
        rt_log(u, "%s", type[v & 3]);
        if (v & ~3ull)
            log_flags(u, v & ~3ull, map_flags, NFLAGS(map_flags), false);
        break;
    }
    case 'g':
        if (v < 32 && signal_names[v])
            rt_log(u, "%s", signal_names[v]);
        else
            rt_log(u, "%" PRId64, (int64_t)v);
        break;
    case 'c':
        if (v < NFLAGS(clock_names))
            rt_log(u, "%s", clock_names[v]);
        else
            rt_log(u, "%" PRId64, (int64_t)v);
        break;
    case 'p':
        if (!v)
            rt_log(u, "NULL");
        else
            rt_log(u, "0x%" PRIx64, v);
        break;
    case 's': {
        char buf[64];
        uint64_t n = 0;
        if (!v) {
            rt_log(u, "NULL");
            break;
        }
        while (n < sizeof buf - 1 && rt_copy_from_guest(&u->mem, buf + n, v + n, 1) && buf[n])
            n++;
        buf[n] = 0;
        rt_log(u, "\"%s\"%s", buf, n == sizeof buf - 1 ? "..." : "");
        break;
    }
    case 'u':
        rt_log(u, "%" PRIu64, v);
        break;
    default:
        rt_log(u, "0x%" PRIx64, v);
        break;
    }
}

/* Calls that Linux never restarts after a handler ran, SA_RESTART or not
 * (-ERESTARTNOHAND and -ERESTART_RESTARTBLOCK in the kernel, and the ones with
 * timeouts that signal(7) lists as always failing with EINTR). */
static bool never_restarted(uint64_t nr)
{
    switch (nr) {
    case 22:  /* epoll_pwait */
    case 72:  /* pselect6 */
    case 73:  /* ppoll */
    case 101: /* nanosleep */
    case 115: /* clock_nanosleep */
    case 133: /* rt_sigsuspend */
    case 137: /* rt_sigtimedwait */
    case 441: /* epoll_pwait2 */
        return true;
    }
    return false;
}

/* A host call interrupted by a host signal said EINTR: Linux restarts the call when
 * no handler runs (the signal is blocked, ignored or went to another thread), and
 * after a handler with SA_RESTART for the calls that allow it; else -EINTR. */
static bool restart_call(struct zarm_user *u, uint64_t nr)
{
    struct rt_thread *t = rt_self;
    if (!t->host_signalled || u->exited || t->exited)
        return false;
    int sig = rt_signal_next(u, t);
    if (!sig) {
        rt_signal_route(u);
        return true;
    }
    const struct rt_sigaction_rec *act = &u->sig.act[sig];
    return act->handler != RT_SIG_DFL && act->handler != RT_SIG_IGN &&
           (act->flags & RT_SA_RESTART) && !never_restarted(nr);
}

/* ppoll, pselect6 and epoll_pwait(2) wait with the guest's sigmask in place of the
 * thread's: a signal it unblocks that is pending, or arrives, ends the wait with EINTR,
 * and its handler's frame records the thread's own mask, restored afterwards (as after
 * sigsuspend).  The host call itself waits with the host's mask: host signals reach
 * zarm whatever the guest blocks. */
static int64_t call_with_sigmask(struct zarm_user *u, const struct sys_entry *e, uint64_t nr,
                                 const uint64_t a[6])
{
    uint64_t addr = 0, size = 0;
    uint8_t b[16];
    switch (nr) {
    case 22:  /* epoll_pwait */
    case 441: /* epoll_pwait2 */
        addr = a[4];
        size = a[5];
        break;
    case 73: /* ppoll */
        addr = a[3];
        size = a[4];
        break;
    case 72: /* pselect6: the sixth argument points to {sigset pointer, size} */
        if (a[5]) {
            if (!rt_copy_from_guest(&u->mem, b, a[5], 16))
                return -EFAULT;
            addr = ld_le64(b);
            size = ld_le64(b + 8);
        }
        break;
    }
    if (!addr)
        return e->fn(u, a);
    if (size != 8)
        return -EINVAL;
    if (!rt_copy_from_guest(&u->mem, b, addr, 8))
        return -EFAULT;
    struct rt_thread *t = rt_self;
    t->saved_mask = t->blocked;
    t->in_sigsuspend = true;
    t->blocked = ld_le64(b) & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    int64_t r = rt_signal_next(u, t) ? -EINTR : e->fn(u, a);
    if (r != -EINTR || !rt_signal_next(u, t)) {
        t->blocked = t->saved_mask;
        t->in_sigsuspend = false;
    }
    return r;
}

void rt_syscall(struct zarm_user *u)
{
    struct zarm_cpu *c = &rt_env(u)->cpu;
    uint64_t nr = c->x[8];
    const uint64_t a[6] = {c->x[0], c->x[1], c->x[2], c->x[3], c->x[4], c->x[5]};
    const struct sys_entry *e = nr < SYS_MAX && sys_table[nr].fn ? &sys_table[nr] : NULL;
    bool strace = u->log && (u->opt.log_mask & ZARM_LOG_STRACE);
    u->syscalls++;
    if (strace) {
        rt_log(u, "%d ", (int)getpid());
        if (e) {
            rt_log(u, "%s(", e->name);
            for (size_t i = 0; e->args[i]; i++) {
                if (i)
                    rt_log(u, ",");
                strace_arg(u, e->args[i], a[i]);
            }
            rt_log(u, ")");
        } else {
            rt_log(u, "syscall_%" PRIu64 "(0x%" PRIx64 ",0x%" PRIx64 ",0x%" PRIx64 ")", nr, a[0],
                   a[1], a[2]);
        }
    }
    int64_t r;
    if (rt_sys_fd_hook(u, nr, a, &r)) {
        /* an event descriptor's read or write, converted */
    } else if (e) {
        rt_self->host_signalled = 0;
        /* Calls that change the address space are one step for the other threads. */
        bool mm = nr == 214 || nr == 215 || nr == 216 || nr == 222 || nr == 226;
        if (mm)
            pthread_mutex_lock(&u->mem.mm_lock);
        bool exec = nr == 221;
        if (exec)
            rt_signal_exec(u, true);
        r = call_with_sigmask(u, e, nr, a);
        if (exec)
            rt_signal_exec(u, false);
        if (mm)
            pthread_mutex_unlock(&u->mem.mm_lock);
        if (r == -EINTR && restart_call(u, nr)) {
            /* Back to the SVC with the arguments untouched: it runs again after any
             * handler returns. */
            if (strace)
                rt_log(u, " = ? ERESTARTSYS\n");
            c->pc -= 4;
            return;
        }
        rt_sys_fd_after(u, nr, a, r);
    } else {
        r = -ENOSYS;
        if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
            rt_log(u, "%sunimplemented syscall %" PRIu64 "\n", strace ? "\n" : "", nr);
    }
    if (strace) {
        if (u->exited || rt_self->exited)
            rt_log(u, " = ?\n");
        else if (r < 0 && r > -4096)
            rt_log(u, " = -1 errno=%d (%s)\n", (int)-r, strerror((int)-r));
        else if (e && (e->fn == rt_sys_mmap || e->fn == rt_sys_brk || e->fn == rt_sys_mremap))
            rt_log(u, " = 0x%" PRIx64 "\n", (uint64_t)r);
        else
            rt_log(u, " = %" PRId64 "\n", r);
    }
    if (!u->exited && !rt_self->exited)
        c->x[0] = (uint64_t)r;
}
