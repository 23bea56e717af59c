/* Signal syscalls: dispositions (process-wide), the blocked mask and the
 * alternate stack (per thread), sending, waiting and rt_sigreturn.  Delivery is
 * signal_deliver.c's.  Signal numbers are the same on arm64, x86_64 and s390x. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"
#include "syscall.h"

#define G_NSIG 64
#define G_SS_ONSTACK 1
#define G_SS_DISABLE 2
#define G_SS_AUTODISARM (1u << 31)
#define G_MINSIGSTKSZ 5120 /* arm64's, with room for the SVE and ZA contexts */
#define G_SIG_BLOCK 0
#define G_SIG_UNBLOCK 1
#define G_SIG_SETMASK 2
#define G_SI_USER 0
#define G_SI_TKILL (-6)

static uint64_t sigbit(int sig) { return 1ull << (sig - 1); }

/* SIGKILL and SIGSTOP can be neither caught, ignored nor blocked. */
#define UNBLOCKABLE (sigbit(SIGKILL) | sigbit(SIGSTOP))

int64_t rt_sys_raise(struct zarm_user *u, int sig)
{
    if (sig == 0)
        return 0;
    uint8_t info[RT_SIGINFO_SIZE];
    rt_siginfo_sender(info, sig, G_SI_USER);
    rt_signal_post(u, NULL, sig, info);
    return 0;
}

/* A signal to one thread of this process (tgkill, tkill, rt_tgsigqueueinfo). */
static int64_t to_thread(struct zarm_user *u, int tid, int sig, const uint8_t *info)
{
    struct rt_thread *t = rt_thread_find(u, tid);
    if (!t)
        return -ESRCH;
    if (sig)
        rt_signal_post(u, t, sig, info);
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
    if (tgid == getpid()) {
        uint8_t info[RT_SIGINFO_SIZE];
        rt_siginfo_sender(info, sig, G_SI_TKILL);
        return to_thread(u, tid, sig, info);
    }
    return rt_ret(tgkill(tgid, tid, sig));
}

int64_t rt_sys_tkill(struct zarm_user *u, const uint64_t a[6])
{
    pid_t tid = (pid_t)a[0];
    int sig = (int)a[1];
    if (sig < 0 || sig > G_NSIG || tid <= 0)
        return -EINVAL;
    uint8_t info[RT_SIGINFO_SIZE];
    rt_siginfo_sender(info, sig, G_SI_TKILL);
    if (rt_thread_find(u, tid))
        return to_thread(u, tid, sig, info);
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
        /* A handler may run while this thread is in a loop of translated code. */
        if (nact.handler != RT_SIG_IGN && nact.handler != RT_SIG_DFL)
            rt_jit_need_polls(u);
        u->sig.act[sig] = nact;
        rt_signal_host_sync(u, sig);
        /* Ignoring a signal discards it if pending. */
        if (nact.handler == RT_SIG_IGN ||
            (nact.handler == RT_SIG_DFL && rt_signal_default_ignores(sig))) {
            __atomic_and_fetch(&u->sig.pending, ~sigbit(sig), __ATOMIC_SEQ_CST);
            rt_signal_drop_queued(u, sig);
            pthread_mutex_lock(&u->threads_lock);
            for (struct rt_thread *t = u->threads; t; t = t->next)
                __atomic_and_fetch(&t->pending, ~sigbit(sig), __ATOMIC_SEQ_CST);
            pthread_mutex_unlock(&u->threads_lock);
        }
    }
    return 0;
}

int64_t rt_sys_rt_sigprocmask(struct zarm_user *u, const uint64_t a[6])
{
    struct rt_thread *t = rt_self;
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
        st_le64(b, t->blocked);
        if (!rt_copy_to_guest(&u->mem, a[2], b, 8))
            return -EFAULT;
    }
    if (a[1]) {
        switch (a[0]) {
        case G_SIG_BLOCK: t->blocked |= set; break;
        case G_SIG_UNBLOCK: t->blocked &= ~set; break;
        default: t->blocked = set; break;
        }
        t->blocked &= ~UNBLOCKABLE;
        /* Process-directed signals this thread now blocks may be another's to take. */
        if (u->sig.pending & t->blocked)
            rt_signal_route(u);
    }
    /* Unblocked pending signals are delivered on the way back to the guest. */
    return 0;
}

int64_t rt_sys_rt_sigpending(struct zarm_user *u, const uint64_t a[6])
{
    if (a[1] > 8)
        return -EINVAL;
    uint8_t b[8];
    st_le64(b, (u->sig.pending | rt_self->pending) & rt_self->blocked);
    return rt_copy_to_guest(&u->mem, a[0], b, a[1]) ? 0 : -EFAULT;
}

int64_t rt_sys_rt_sigsuspend(struct zarm_user *u, const uint64_t a[6])
{
    struct rt_thread *t = rt_self;
    uint8_t b[8];
    if (a[1] != 8)
        return -EINVAL;
    if (!rt_copy_from_guest(&u->mem, b, a[0], 8))
        return -EFAULT;
    /* The handler's frame records the mask from before the call (signal_deliver.c). */
    t->saved_mask = t->blocked;
    t->in_sigsuspend = true;
    t->blocked = ld_le64(b) & ~UNBLOCKABLE;
    rt_signal_wait(u, t, ~t->blocked, NULL);
    return -EINTR;
}

int64_t rt_sys_rt_sigtimedwait(struct zarm_user *u, const uint64_t a[6])
{
    struct rt_thread *t = rt_self;
    uint8_t b[8];
    if (a[3] != 8)
        return -EINVAL;
    if (!rt_copy_from_guest(&u->mem, b, a[0], 8))
        return -EFAULT;
    uint64_t want = ld_le64(b) & ~UNBLOCKABLE;
    struct timespec deadline, *dl = NULL;
    if (a[2]) {
        struct timespec rel;
        int r = rt_sys_get_timespec(u, a[2], &rel);
        if (r)
            return r;
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += rel.tv_sec;
        deadline.tv_nsec += rel.tv_nsec;
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000;
        }
        dl = &deadline;
    }
    for (;;) {
        uint8_t info[RT_SIGINFO_SIZE];
        int sig = rt_signal_take(u, t, want, info);
        if (sig) {
            if (a[1] && !rt_copy_to_guest(&u->mem, a[1], info, sizeof info))
                return -EFAULT;
            return sig;
        }
        /* Signals outside the set that the thread takes interrupt the wait. */
        if (rt_signal_next(u, t))
            return -EINTR;
        int r = rt_signal_wait(u, t, want | ~t->blocked, dl);
        if (r)
            return r;
    }
}

/* siginfo from the guest for rt_sigqueueinfo: the kernel refuses codes that would
 * pretend to come from it (si_code >= 0) or from tkill, unless sent to oneself. */
static int64_t queued_info(struct zarm_user *u, uint64_t addr, int sig, bool self, uint8_t *info)
{
    if (!rt_copy_from_guest(&u->mem, info, addr, RT_SIGINFO_SIZE))
        return -EFAULT;
    int code = (int)ld_le32(info + 8);
    if (!self && (code >= 0 || code == G_SI_TKILL))
        return -EPERM;
    st_le32(info, (uint32_t)sig);
    return 0;
}

int64_t rt_sys_rt_sigqueueinfo(struct zarm_user *u, const uint64_t a[6])
{
    int sig = (int)a[1];
    if (sig < 0 || sig > G_NSIG)
        return -EINVAL;
    if ((pid_t)a[0] != getpid()) {
        /* Another process: the host's sigqueue carries the value (si_code SI_QUEUE). */
        uint8_t info[RT_SIGINFO_SIZE];
        if (!rt_copy_from_guest(&u->mem, info, a[2], sizeof info))
            return -EFAULT;
        union sigval v = {.sival_ptr = (void *)(uintptr_t)ld_le64(info + 24)};
        return rt_ret(sigqueue((pid_t)a[0], sig, v));
    }
    uint8_t info[RT_SIGINFO_SIZE];
    int64_t r = queued_info(u, a[2], sig, true, info);
    if (r || !sig)
        return r;
    rt_signal_post(u, NULL, sig, info);
    return 0;
}

int64_t rt_sys_rt_tgsigqueueinfo(struct zarm_user *u, const uint64_t a[6])
{
    int sig = (int)a[2];
    if (sig < 0 || sig > G_NSIG)
        return -EINVAL;
    if ((pid_t)a[0] != getpid())
        return -ESRCH;
    uint8_t info[RT_SIGINFO_SIZE];
    int64_t r = queued_info(u, a[3], sig, true, info);
    return r ? r : to_thread(u, (int)a[1], sig, info);
}

int64_t rt_sys_rt_sigreturn(struct zarm_user *u, const uint64_t a[6])
{
    (void)a;
    if (!rt_signal_frame_restore(u)) {
        /* A bad frame is the kernel's SIGSEGV. */
        rt_guest_signal(u, SIGSEGV, rt_self->env->cpu.sp);
        return (int64_t)rt_self->env->cpu.x[0];
    }
    /* x0 is the interrupted code's, not a result. */
    return (int64_t)rt_self->env->cpu.x[0];
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
        st_le64(b, rt_self->altstack_sp);
        uint64_t sp_now = rt_self->env->cpu.sp;
        bool on = rt_self->altstack_size && sp_now - rt_self->altstack_sp <= rt_self->altstack_size;
        st_le32(b + 8, !rt_self->altstack_size ? G_SS_DISABLE
                       : on ? G_SS_ONSTACK
                            : rt_self->altstack_flags & G_SS_AUTODISARM);
        st_le64(b + 16, rt_self->altstack_size);
        if (!rt_copy_to_guest(&u->mem, a[1], b, sizeof b))
            return -EFAULT;
    }
    if (a[0]) {
        /* The stack in use cannot be changed (EPERM), as the kernel says. */
        uint64_t sp_now = rt_self->env->cpu.sp;
        if (rt_self->altstack_size && sp_now - rt_self->altstack_sp <= rt_self->altstack_size)
            return -EPERM;
        flags &= G_SS_AUTODISARM;
        rt_self->altstack_sp = sp;
        rt_self->altstack_size = size;
        rt_self->altstack_flags = flags;
    }
    return 0;
}
