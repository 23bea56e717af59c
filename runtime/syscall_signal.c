/* Signal state: dispositions, the blocked mask and the alternate stack are
 * recorded in u->sig for the delivery code; signals the guest sends itself
 * take their default action here.  Signal numbers are the same on arm64,
 * x86_64 and s390x. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "syscall.h"

#define G_NSIG 64
#define G_SIG_DFL 0
#define G_SIG_IGN 1
#define G_SS_ONSTACK 1
#define G_SS_DISABLE 2
#define G_SS_AUTODISARM (1u << 31)
#define G_MINSIGSTKSZ 5120 /* arm64's, with room for the SVE and ZA contexts */
#define G_SIG_BLOCK 0
#define G_SIG_UNBLOCK 1
#define G_SIG_SETMASK 2

static uint64_t sigbit(int sig) { return 1ull << (sig - 1); }

/* SIGKILL and SIGSTOP can be neither caught, ignored nor blocked. */
#define UNBLOCKABLE (sigbit(SIGKILL) | sigbit(SIGSTOP))

static bool default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

static bool default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

int64_t rt_sys_raise(struct zarm_user *u, int sig)
{
    if (sig == 0)
        return 0;
    uint64_t handler = u->sig.act[sig].handler;
    if (sig != SIGKILL && sig != SIGSTOP) {
        if ((u->sig.blocked & sigbit(sig)) || (handler != G_SIG_DFL && handler != G_SIG_IGN)) {
            /* Left pending for the delivery code. */
            u->sig.pending |= sigbit(sig);
            if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP) && !(u->sig.blocked & sigbit(sig)))
                rt_log(u, "signal %d left pending: handler delivery is not implemented\n", sig);
            return 0;
        }
        if (handler == G_SIG_IGN || default_ignores(sig))
            return 0;
    }
    if (default_stops(sig)) {
        /* Stopping the guest is stopping zarm; SIGCONT resumes both. */
        raise(SIGSTOP);
        return 0;
    }
    rt_guest_signal(u, sig, 0);
    return 0;
}

int64_t rt_sys_kill(struct zarm_user *u, const uint64_t a[6])
{
    pid_t pid = (pid_t)a[0];
    int sig = (int)a[1];
    if (sig < 0 || sig > G_NSIG)
        return -EINVAL;
    if (pid == getpid() || pid == 0)
        return rt_sys_raise(u, sig);
    return rt_ret(kill(pid, sig));
}

int64_t rt_sys_tgkill(struct zarm_user *u, const uint64_t a[6])
{
    pid_t tgid = (pid_t)a[0], tid = (pid_t)a[1];
    int sig = (int)a[2];
    if (sig < 0 || sig > G_NSIG || tgid <= 0 || tid <= 0)
        return -EINVAL;
    if (tgid == getpid() && tid == gettid())
        return rt_sys_raise(u, sig);
    return rt_ret(tgkill(tgid, tid, sig));
}

int64_t rt_sys_tkill(struct zarm_user *u, const uint64_t a[6])
{
    pid_t tid = (pid_t)a[0];
    int sig = (int)a[1];
    if (sig < 0 || sig > G_NSIG || tid <= 0)
        return -EINVAL;
    if (tid == gettid())
        return rt_sys_raise(u, sig);
    return rt_ret(tgkill(getpid(), tid, sig));
}

/* struct sigaction as the arm64 kernel takes it: handler, flags, restorer,
 * mask, each 64 bits. */
int64_t rt_sys_rt_sigaction(struct zarm_user *u, const uint64_t a[6])
{
    int sig = (int)a[0];
    if (a[3] != 8 || sig < 1 || sig > G_NSIG)
        return -EINVAL;
    if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    struct rt_sigaction_rec nact;
    uint8_t b[ARM64_SIGACTION_SIZE];
    if (a[1]) {
        if (!rt_copy_from_guest(&u->mem, b, a[1], sizeof b))
            return -EFAULT;
        nact.handler = ld_le64(b);
        nact.flags = ld_le64(b + 8);
        nact.restorer = ld_le64(b + 16);
        nact.mask = ld_le64(b + 24) & ~UNBLOCKABLE;
    }
    if (a[2]) {
        const struct rt_sigaction_rec *o = &u->sig.act[sig];
        st_le64(b, o->handler);
        st_le64(b + 8, o->flags);
        st_le64(b + 16, o->restorer);
        st_le64(b + 24, o->mask);
        if (!rt_copy_to_guest(&u->mem, a[2], b, sizeof b))
            return -EFAULT;
    }
    if (a[1]) {
        u->sig.act[sig] = nact;
        /* Ignoring a signal discards it if pending. */
        if (nact.handler == G_SIG_IGN || (nact.handler == G_SIG_DFL && default_ignores(sig)))
            u->sig.pending &= ~sigbit(sig);
    }
    return 0;
}

int64_t rt_sys_rt_sigprocmask(struct zarm_user *u, const uint64_t a[6])
{
    if (a[3] != 8)
        return -EINVAL;
    uint8_t b[8];
    uint64_t set = 0;
    if (a[1]) {
        if (!rt_copy_from_guest(&u->mem, b, a[1], 8))
            return -EFAULT;
        set = ld_le64(b);
        if (a[0] > G_SIG_SETMASK)
            return -EINVAL;
    }
    if (a[2]) {
        st_le64(b, u->sig.blocked);
        if (!rt_copy_to_guest(&u->mem, a[2], b, 8))
            return -EFAULT;
    }
    if (a[1]) {
        switch (a[0]) {
        case G_SIG_BLOCK: u->sig.blocked |= set; break;
        case G_SIG_UNBLOCK: u->sig.blocked &= ~set; break;
        default: u->sig.blocked = set; break;
        }
        u->sig.blocked &= ~UNBLOCKABLE;
    }
    /* An unblocked pending signal with its default action takes it now. */
    uint64_t ready = u->sig.pending & ~u->sig.blocked;
    for (int sig = 1; ready && sig <= G_NSIG; sig++)
        if ((ready & sigbit(sig)) && u->sig.act[sig].handler == G_SIG_DFL) {
            u->sig.pending &= ~sigbit(sig);
            rt_sys_raise(u, sig);
            if (u->exited)
                break;
        }
    return 0;
}

int64_t rt_sys_rt_sigpending(struct zarm_user *u, const uint64_t a[6])
{
    if (a[1] > 8)
        return -EINVAL;
    uint8_t b[8];
    st_le64(b, u->sig.pending & u->sig.blocked);
    return rt_copy_to_guest(&u->mem, a[0], b, a[1]) ? 0 : -EFAULT;
}

/* stack_t on arm64: u64 ss_sp, s32 ss_flags, 4 bytes padding, u64 ss_size. */
int64_t rt_sys_sigaltstack(struct zarm_user *u, const uint64_t a[6])
{
    uint8_t b[ARM64_STACK_T_SIZE];
    uint64_t sp = 0, size = 0;
    uint32_t flags = 0;
    if (a[0]) {
        if (!rt_copy_from_guest(&u->mem, b, a[0], sizeof b))
            return -EFAULT;
        sp = ld_le64(b);
        flags = ld_le32(b + 8);
        size = ld_le64(b + 16);
        uint32_t mode = flags & ~G_SS_AUTODISARM;
        if (mode != 0 && mode != G_SS_DISABLE && mode != G_SS_ONSTACK)
            return -EINVAL;
        if (mode == G_SS_DISABLE) {
            sp = 0;
            size = 0;
        } else if (size < G_MINSIGSTKSZ) {
            return -ENOMEM;
        }
    }
    if (a[1]) {
        memset(b, 0, sizeof b);
        st_le64(b, u->sig.altstack_sp);
        st_le32(b + 8, (u->sig.altstack_size ? 0 : G_SS_DISABLE) |
                           (u->sig.altstack_flags & G_SS_AUTODISARM));
        st_le64(b + 16, u->sig.altstack_size);
        if (!rt_copy_to_guest(&u->mem, a[1], b, sizeof b))
            return -EFAULT;
    }
    if (a[0]) {
        u->sig.altstack_sp = sp;
        u->sig.altstack_size = size;
        u->sig.altstack_flags = flags;
    }
    return 0;
}
