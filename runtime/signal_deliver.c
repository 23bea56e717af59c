/* Signal delivery: pending signals (per thread and per process), the host handlers
 * that turn host signals into guest ones, and delivery at an instruction boundary
 * from the run loop (a handler frame, or the default action).
 *
 * Host dispositions follow the guest's: SIG_IGN is the host's SIG_IGN, SIG_DFL the
 * host's SIG_DFL (so zarm stops, or dies, as the guest would), a handler is
 * host_async, which marks the signal pending and stops every engine at its next
 * block.  host_async is installed without SA_RESTART: a blocking host call it
 * interrupts returns EINTR and rt_syscall decides, as Linux does, between restarting
 * the call and returning -EINTR.  Signals the guest sends itself never go through the
 * host: they are posted here and the target thread is kicked with RT_KICK_SIGNAL.
 *
 * A signal arriving between the run loop's check and a blocking host call is seen
 * when the call returns (a small window, as in qemu-user); rt_signal_wait blocks host
 * signals around its own check-then-sleep so sigsuspend and sigtimedwait have none. */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ir/endian.h"
#include "rt.h"
#include "signals.h"

__thread struct rt_thread *rt_self;
static struct zarm_user *owner;

static uint64_t sigbit(int sig) { return 1ull << (sig - 1); }

bool rt_signal_default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

static bool default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

void rt_siginfo_make(uint8_t *info, int sig, int code)
{
    memset(info, 0, RT_SIGINFO_SIZE);
    st_le32(info, (uint32_t)sig);
    st_le32(info + 8, (uint32_t)code);
}

void rt_siginfo_sender(uint8_t *info, int sig, int code)
{
    rt_siginfo_make(info, sig, code);
    st_le32(info + 16, (uint32_t)getpid());
    st_le32(info + 20, (uint32_t)getuid());
}

/* The guest's siginfo from the host's: the union members by si_code, as the kernel
 * fills them (the layout is the generic 64-bit one on every host zarm runs on). */
static void info_from_host(uint8_t *b, int sig, const siginfo_t *si)
{
    rt_siginfo_make(b, sig, si->si_code);
    st_le32(b + 4, (uint32_t)si->si_errno);
    if (sig == SIGCHLD && si->si_code > 0) {
        st_le32(b + 16, (uint32_t)si->si_pid);
        st_le32(b + 20, (uint32_t)si->si_uid);
        st_le32(b + 24, (uint32_t)si->si_status);
        st_le64(b + 32, (uint64_t)si->si_utime);
        st_le64(b + 40, (uint64_t)si->si_stime);
    } else if (si->si_code == SI_TIMER) {
        st_le32(b + 16, (uint32_t)si->si_timerid);
        st_le32(b + 20, (uint32_t)si->si_overrun);
        st_le64(b + 24, (uint64_t)(uintptr_t)si->si_value.sival_ptr);
    } else if (si->si_code <= 0) {
        st_le32(b + 16, (uint32_t)si->si_pid);
        st_le32(b + 20, (uint32_t)si->si_uid);
        st_le64(b + 24, (uint64_t)(uintptr_t)si->si_value.sival_ptr);
    } else if (sig == SIGIO || sig == SIGPOLL) {
        st_le64(b + 16, (uint64_t)si->si_band);
        st_le32(b + 24, (uint32_t)si->si_fd);
    }
}

static void stop_engines(struct zarm_user *u)
{
    for (struct rt_thread *t = u->threads; t; t = t->next)
        if (!t->exited)
            ir_env_interrupt(t->env);
}

static void host_async(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    struct zarm_user *u = owner;
    if (!u || sig < 1 || sig > RT_NSIG)
        return;
    info_from_host(u->sig.info[sig], sig, si);
    __atomic_or_fetch(&u->sig.pending, sigbit(sig), __ATOMIC_SEQ_CST);
    if (rt_self)
        rt_self->host_signalled = 1;
    stop_engines(u);
}

/* A kick carries no signal: the poster already marked one pending. */
static void host_kick(int sig)
{
    (void)sig;
    if (rt_self) {
        rt_self->host_signalled = 1;
        ir_env_interrupt(rt_self->env);
    }
}

void rt_signal_host_sync(struct zarm_user *u, int sig)
{
    /* SIGSEGV and SIGBUS are run.c's (guest faults); glibc keeps 32 and 33 for itself. */
    if (sig < 1 || sig > RT_NSIG || sig == SIGKILL || sig == SIGSTOP || sig == SIGSEGV ||
        sig == SIGBUS || (sig >= 32 && sig < SIGRTMIN) || sig == RT_KICK_SIGNAL)
        return;
    uint64_t h = u->sig.act[sig].handler;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigfillset(&sa.sa_mask);
    if (h == RT_SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else if (h == RT_SIG_DFL) {
        sa.sa_handler = SIG_DFL;
    } else {
        sa.sa_sigaction = host_async;
        sa.sa_flags = SA_SIGINFO;
    }
    sigaction(sig, &sa, NULL);
}

void rt_signal_init(struct zarm_user *u)
{
    owner = u;
    pthread_mutex_init(&u->sig.queue_lock, NULL);
    /* Signals ignored across execve stay ignored: zarm inherited them from the process
     * that ran it (a guest's execve re-runs zarm), so the guest starts with them. */
    for (int sig = 1; sig <= RT_NSIG; sig++) {
        struct sigaction old;
        if (sig != SIGKILL && sig != SIGSTOP && sigaction(sig, NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            u->sig.act[sig].handler = RT_SIG_IGN;
    }
    /* The blocked mask survives execve: zarm started with the host mask the program
     * before it had (a guest's execve sets it, rt_signal_exec), and is the guest's now.
     * The host's own mask is cleared: host signals must reach zarm's handlers. */
    sigset_t host;
    if (pthread_sigmask(SIG_SETMASK, NULL, &host) == 0) {
        for (int sig = 1; sig <= RT_NSIG; sig++)
            if (sig != SIGKILL && sig != SIGSTOP && sigismember(&host, sig) == 1)
                u->main.blocked |= sigbit(sig);
        sigemptyset(&host);
        pthread_sigmask(SIG_SETMASK, &host, NULL);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = host_kick;
    sigfillset(&sa.sa_mask);
    sigaction(RT_KICK_SIGNAL, &sa, NULL);
}

static const char *signame(int sig)
{
    static const char *const n[32] = {
        "0",       "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",    "SIGTRAP", "SIGABRT",
        "SIGBUS",  "SIGFPE",  "SIGKILL",   "SIGUSR1", "SIGSEGV",   "SIGUSR2", "SIGPIPE",
        "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",   "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG",    "SIGXCPU", "SIGXFSZ",   "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO",  "SIGPWR",    "SIGSYS",
    };
    return sig > 0 && sig < 32 ? n[sig] : "SIGRT";
}

static void log_delivery(struct zarm_user *u, int sig, const uint8_t *info)
{
    if (!u->log || !(u->opt.log_mask & ZARM_LOG_STRACE))
        return;
    int code = (int)ld_le32(info + 8);
    rt_log(u, "%d --- %s {si_signo=%d, si_code=%d", (int)gettid(), signame(sig), sig, code);
    if (code > 0 && (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP ||
                     sig == SIGFPE))
        rt_log(u, ", si_addr=0x%" PRIx64, ld_le64(info + 16));
    else if (code <= 0 || sig == SIGCHLD)
        rt_log(u, ", si_pid=%d, si_uid=%d", (int)ld_le32(info + 16), (int)ld_le32(info + 20));
    rt_log(u, "} ---\n");
}

/* The default action of sig: ignore, stop (zarm stops with the guest), or end the
 * process with the status a shell shows for a death by sig. */
static void default_action(struct zarm_user *u, int sig)
{
    if (rt_signal_default_ignores(sig))
        return;
    if (default_stops(sig)) {
        raise(SIGSTOP);
        return;
    }
    u->term_signal = sig;
    rt_thread_exit(u, 128 + sig, true);
}

static void deliver_one(struct zarm_user *u, int sig, const uint8_t *info)
{
    struct rt_thread *t = rt_self;
    struct rt_sigaction_rec *act = &u->sig.act[sig];
    log_delivery(u, sig, info);
    if (act->handler == RT_SIG_IGN)
        return;
    if (act->handler == RT_SIG_DFL) {
        default_action(u, sig);
        return;
    }
    uint64_t old = t->in_sigsuspend ? t->saved_mask : t->blocked;
    t->in_sigsuspend = false;
    if (!rt_signal_frame_setup(u, sig, info, old)) {
        /* The kernel's answer to an unwritable frame: SIGSEGV, fatal. */
        u->term_signal = SIGSEGV;
        rt_thread_exit(u, 128 + SIGSEGV, true);
        return;
    }
    t->blocked |= act->mask | (act->flags & RT_SA_NODEFER ? 0 : sigbit(sig));
    t->blocked &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    if (act->flags & RT_SA_RESETHAND) {
        act->handler = RT_SIG_DFL;
        act->flags &= ~RT_SA_SIGINFO;
        rt_signal_host_sync(u, sig);
    }
}

/* A real-time signal sig pending for t (or the process): its slot's siginfo into info, and the
 * next queued instance, if any, into the slot.  False if another thread took it first. */
static bool take_rt(struct zarm_user *u, struct rt_thread *t, int sig, uint8_t *info)
{
    pthread_mutex_lock(&u->sig.queue_lock);
    struct rt_thread *who = (t->pending & sigbit(sig)) ? t : NULL;
    volatile uint64_t *pend = who ? &t->pending : &u->sig.pending;
    uint8_t *slot = who ? t->info[sig] : u->sig.info[sig];
    bool got = *pend & sigbit(sig);
    if (got) {
        memcpy(info, slot, RT_SIGINFO_SIZE);
        __atomic_and_fetch(pend, ~sigbit(sig), __ATOMIC_SEQ_CST);
        for (struct rt_sigqueued **q = &u->sig.queue; *q; q = &(*q)->next)
            if ((*q)->t == who && (*q)->sig == sig) {
                struct rt_sigqueued *e = *q;
                memcpy(slot, e->info, RT_SIGINFO_SIZE);
                __atomic_or_fetch(pend, sigbit(sig), __ATOMIC_SEQ_CST);
                *q = e->next;
                u->sig.queued--;
                free(e);
                break;
            }
    }
    pthread_mutex_unlock(&u->sig.queue_lock);
    return got;
}

/* Posts a real-time signal: into its slot if none is pending, else onto the queue. */
static void post_rt(struct zarm_user *u, struct rt_thread *t, int sig, const uint8_t *info)
{
    pthread_mutex_lock(&u->sig.queue_lock);
    volatile uint64_t *pend = t ? &t->pending : &u->sig.pending;
    if (!(*pend & sigbit(sig))) {
        memcpy(t ? t->info[sig] : u->sig.info[sig], info, RT_SIGINFO_SIZE);
        __atomic_or_fetch(pend, sigbit(sig), __ATOMIC_SEQ_CST);
    } else if (u->sig.queued < RT_SIGQUEUE_MAX) {
        struct rt_sigqueued *e = malloc(sizeof *e), **q = &u->sig.queue;
        if (e) {
            e->t = t;
            e->sig = sig;
            memcpy(e->info, info, RT_SIGINFO_SIZE);
            e->next = NULL;
            while (*q)
                q = &(*q)->next;
            *q = e;
            u->sig.queued++;
        }
    }
    pthread_mutex_unlock(&u->sig.queue_lock);
}

void rt_signal_drop_queued(struct zarm_user *u, int sig)
{
    pthread_mutex_lock(&u->sig.queue_lock);
    for (struct rt_sigqueued **q = &u->sig.queue; *q;) {
        struct rt_sigqueued *e = *q;
        if (e->sig == sig) {
            *q = e->next;
            u->sig.queued--;
            free(e);
        } else {
            q = &e->next;
        }
    }
    pthread_mutex_unlock(&u->sig.queue_lock);
}

int rt_signal_take(struct zarm_user *u, struct rt_thread *t, uint64_t want, uint8_t *info)
{
    for (;;) {
        uint64_t ready = (t->pending | u->sig.pending) & want;
        if (!ready)
            return 0;
        /* Synchronous signals first (the kernel's SYNCHRONOUS_MASK), then the lowest. */
        uint64_t sync = ready & (sigbit(SIGSEGV) | sigbit(SIGBUS) | sigbit(SIGILL) |
                                 sigbit(SIGTRAP) | sigbit(SIGFPE) | sigbit(SIGSYS));
        int sig = __builtin_ctzll(sync ? sync : ready) + 1;
        if (sig >= RT_SIGRTMIN) {
            if (take_rt(u, t, sig, info))
                return sig;
            continue;
        }
        if (t->pending & sigbit(sig)) {
            t->pending &= ~sigbit(sig);
            memcpy(info, t->info[sig], RT_SIGINFO_SIZE);
            return sig;
        }
        memcpy(info, u->sig.info[sig], RT_SIGINFO_SIZE);
        if (__atomic_fetch_and(&u->sig.pending, ~sigbit(sig), __ATOMIC_SEQ_CST) & sigbit(sig))
            return sig;
        /* Another thread took it first. */
    }
}

void rt_signal_deliver(struct zarm_user *u)
{
    struct rt_thread *t = rt_self;
    uint8_t info[RT_SIGINFO_SIZE];
    int sig;
    while (!u->exited && !t->exited && (sig = rt_signal_take(u, t, ~t->blocked, info)))
        deliver_one(u, sig, info);
    if (t->in_sigsuspend) {
        t->blocked = t->saved_mask;
        t->in_sigsuspend = false;
    }
}

int rt_signal_next(struct zarm_user *u, struct rt_thread *t)
{
    uint64_t ready = (t->pending | u->sig.pending) & ~t->blocked;
    return ready ? __builtin_ctzll(ready) + 1 : 0;
}

/* Process-directed signals this thread blocks go to a thread that does not. */
void rt_signal_route(struct zarm_user *u)
{
    uint64_t p = u->sig.pending;
    if (!p)
        return;
    pthread_mutex_lock(&u->threads_lock);
    for (struct rt_thread *t = u->threads; t; t = t->next)
        if (!t->exited && t != rt_self && (p & ~t->blocked)) {
            rt_thread_kick(t);
            break;
        }
    pthread_mutex_unlock(&u->threads_lock);
}

void rt_signal_post(struct zarm_user *u, struct rt_thread *t, int sig, const uint8_t *info)
{
    uint64_t h = u->sig.act[sig].handler;
    uint64_t blocked = t ? t->blocked : rt_self->blocked;
    /* An ignored signal is discarded when sent, unless blocked (its action may change
     * before it is unblocked). */
    if (!(blocked & sigbit(sig)) &&
        (h == RT_SIG_IGN || (h == RT_SIG_DFL && rt_signal_default_ignores(sig))))
        return;
    if (sig >= RT_SIGRTMIN) {
        post_rt(u, t, sig, info);
        if (t && t != rt_self)
            rt_thread_kick(t);
        if (!t && (rt_self->blocked & sigbit(sig)))
            rt_signal_route(u);
        return;
    }
    if (t) {
        memcpy(t->info[sig], info, RT_SIGINFO_SIZE);
        __atomic_or_fetch(&t->pending, sigbit(sig), __ATOMIC_SEQ_CST);
        if (t != rt_self)
            rt_thread_kick(t);
        return;
    }
    memcpy(u->sig.info[sig], info, RT_SIGINFO_SIZE);
    __atomic_or_fetch(&u->sig.pending, sigbit(sig), __ATOMIC_SEQ_CST);
    if (rt_self->blocked & sigbit(sig))
        rt_signal_route(u);
}

void rt_guest_signal(struct zarm_user *u, int sig, uint64_t addr)
{
    struct rt_thread *t = rt_self;
    int code = 1; /* SEGV_MAPERR, BUS_ADRALN, ILL_ILLOPC, TRAP_BRKPT */
    if (sig == SIGSEGV && rt_mem_prot(&u->mem, addr) >= 0)
        code = 2; /* SEGV_ACCERR: mapped, without the access */
    uint8_t info[RT_SIGINFO_SIZE];
    rt_siginfo_make(info, sig, code);
    st_le64(info + 16, addr);
    /* A synchronous signal the thread blocks or ignores kills it, as Linux's
     * force_sig_info does (it unblocks and resets it to SIG_DFL). */
    uint64_t h = u->sig.act[sig].handler;
    if ((t->blocked & sigbit(sig)) || h == RT_SIG_IGN) {
        u->sig.act[sig].handler = RT_SIG_DFL;
        t->blocked &= ~sigbit(sig);
    }
    deliver_one(u, sig, info);
}

void rt_signal_exec(struct zarm_user *u, bool before)
{
    (void)u;
    sigset_t set;
    sigemptyset(&set);
    if (before)
        for (int sig = 1; sig <= RT_NSIG; sig++)
            if ((rt_self->blocked & sigbit(sig)) && sig != SIGSEGV && sig != SIGBUS &&
                sig != RT_KICK_SIGNAL)
                sigaddset(&set, sig);
    pthread_sigmask(SIG_SETMASK, &set, NULL);
}

int rt_signal_wait(struct zarm_user *u, struct rt_thread *t, uint64_t want,
                   const struct timespec *deadline)
{
    sigset_t all, old;
    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int r;
    for (;;) {
        if (u->exited || t->exited) {
            r = -EINTR;
            break;
        }
        if ((t->pending | u->sig.pending) & want) {
            r = 0;
            break;
        }
        struct timespec rel, *timeout = NULL;
        if (deadline) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            int64_t ns = (int64_t)(deadline->tv_sec - now.tv_sec) * 1000000000 +
                         (deadline->tv_nsec - now.tv_nsec);
            if (ns <= 0) {
                r = -EAGAIN;
                break;
            }
            rel.tv_sec = ns / 1000000000;
            rel.tv_nsec = ns % 1000000000;
            timeout = &rel;
        }
        ppoll(NULL, 0, timeout, &old);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return r;
}
