/* Guest threads: clone with CLONE_THREAD runs the new guest thread on a host
 * pthread with its own ir_env (its CPU state) and its own signal mask, sharing the
 * process: memory, the block cache, signal dispositions.  Host tid = guest tid.
 *
 * A thread's rt_thread is never freed while the process runs (host signal handlers
 * walk the list without a lock); an ended thread's is reused by a later clone. */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hw.h"
#include "ir/endian.h"
#include "ir/ir.h"
#include "rt.h"
#include "signals.h"

/* clone flags are the same on every architecture: the host's <sched.h> names serve. */
static struct zarm_user *fork_owner;

struct rt_thread *rt_thread_find(struct zarm_user *u, int tid)
{
    struct rt_thread *found = NULL;
    pthread_mutex_lock(&u->threads_lock);
    for (struct rt_thread *t = u->threads; t && !found; t = t->next)
        if (t->live && !t->exited && t->tid == tid)
            found = t;
    pthread_mutex_unlock(&u->threads_lock);
    return found;
}

void rt_thread_kick(struct rt_thread *t)
{
    ir_env_interrupt(t->env);
    if (t->live && t != rt_self)
        pthread_kill(t->host, RT_KICK_SIGNAL);
}

/* fork() copies only the calling host thread: in the child it is the only guest thread,
 * and the locks the other threads may have held are taken around the fork. */
static void fork_prepare(void)
{
    if (!fork_owner)
        return;
    pthread_mutex_lock(&fork_owner->threads_lock);
    pthread_mutex_lock(&fork_owner->cache_lock);
}

static void fork_parent(void)
{
    if (!fork_owner)
        return;
    pthread_mutex_unlock(&fork_owner->cache_lock);
    pthread_mutex_unlock(&fork_owner->threads_lock);
}

static void fork_child(void)
{
    struct zarm_user *u = fork_owner;
    if (!u)
        return;
    pthread_mutex_init(&u->cache_lock, NULL);
    pthread_mutex_init(&u->threads_lock, NULL);
    pthread_cond_init(&u->threads_cv, NULL);
    struct rt_thread *me = rt_self;
    if (!me)
        return;
    for (struct rt_thread *t = u->threads; t; t = t->next)
        if (t != me) {
            t->live = false;
            t->exited = true;
        }
    me->tid = (int)gettid();
    me->host = pthread_self();
    u->nthreads = 1;
    /* A child starts with no pending signals (nor queued ones). */
    me->pending = 0;
    u->sig.pending = 0;
    pthread_mutex_init(&u->sig.queue_lock, NULL);
    for (int sig = RT_SIGRTMIN; sig <= RT_NSIG; sig++)
        rt_signal_drop_queued(u, sig);
    /* Syscall handlers that reach for the process's vCPU find this one. */
    u->env = me->env;
}

void rt_thread_start_main(struct zarm_user *u)
{
    struct rt_thread *t = &u->main;
    t->u = u;
    t->env = u->env;
    t->tid = (int)gettid();
    t->host = pthread_self();
    t->live = true;
    if (!u->threads)
        u->threads = t;
    u->nthreads = 1;
    rt_self = t;
    rt_signal_init(u);
    rt_signal_frame_init(u);
    static bool atfork;
    fork_owner = u;
    if (!atfork) {
        pthread_atfork(fork_prepare, fork_parent, fork_child);
        atfork = true;
    }
}

/* The thread's CLONE_CHILD_CLEARTID word becomes 0 and its waiters wake (pthread_join),
 * as the kernel's mm_release does: glibc waits on it as a shared futex. */
static void clear_tid(struct zarm_user *u, struct rt_thread *t)
{
    uint64_t a = t->clear_tid;
    if (!a || !rt_mem_range_mapped(&u->mem, a, 4) || (a & 3))
        return;
    uint32_t *w = rt_g2h(&u->mem, a);
    __atomic_store_n(w, 0, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, w, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

void rt_thread_exit(struct zarm_user *u, int status, bool group)
{
    struct rt_thread *t = rt_self;
    pthread_mutex_lock(&u->threads_lock);
    if (group) {
        if (!u->exited) {
            u->exit_status = status;
            u->exited = true;
        }
        for (struct rt_thread *o = u->threads; o; o = o->next)
            if (o != t && o->live)
                rt_thread_kick(o);
    } else {
        t->exited = true;
        t->exit_code = status;
    }
    pthread_mutex_unlock(&u->threads_lock);
}

void rt_thread_end(struct zarm_user *u, struct rt_thread *t)
{
    /* The hardware engine's vCPU of this thread (on the thread itself). */
    if (t == rt_self)
        rt_hw_thread_end(u);
    if (!u->exited)
        clear_tid(u, t);
    pthread_mutex_lock(&u->threads_lock);
    t->exited = true;
    t->live = false;
    /* The last thread to leave with exit ends the process with its status. */
    if (--u->nthreads == 0 && !u->exited) {
        u->exit_status = t->exit_code;
        u->exited = true;
    }
    pthread_cond_broadcast(&u->threads_cv);
    pthread_mutex_unlock(&u->threads_lock);
}

void rt_thread_wait_all(struct zarm_user *u)
{
    pthread_mutex_lock(&u->threads_lock);
    while (u->nthreads > 0) {
        /* Threads in a host call are kicked out of it again until they notice. */
        if (u->exited)
            for (struct rt_thread *o = u->threads; o; o = o->next)
                if (o->live)
                    rt_thread_kick(o);
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 20 * 1000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&u->threads_cv, &u->threads_lock, &ts);
    }
    pthread_mutex_unlock(&u->threads_lock);
}

struct thread_start {
    struct rt_thread *t;
    sem_t ready, go;
};

static void *thread_main(void *arg)
{
    struct thread_start *s = arg;
    struct rt_thread *t = s->t;
    struct zarm_user *u = t->u;
    t->tid = (int)gettid();
    rt_self = t;
    sem_post(&s->ready);
    sem_wait(&s->go);
    /* s belongs to the parent and is gone after this. */
    sem_post(&s->ready);
    rt_thread_loop(u, t);
    ir_thread_release();
    s390_jit_thread_release();
    rt_thread_end(u, t);
    /* In a process forked from this thread, it is the last host thread: the process
     * ends here, with the guest's status (zarm_user_run's caller is not in it). */
    if (u->env == t->env) {
        if (u->log)
            fflush(u->log);
        exit(u->exit_status);
    }
    return NULL;
}

/* A free rt_thread (one whose host thread has ended), or a new one. */
static struct rt_thread *thread_slot(struct zarm_user *u)
{
    for (struct rt_thread *t = u->threads; t; t = t->next)
        if (t != &u->main && !t->live && t->exited)
            return t;
    struct rt_thread *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (!(t->env = ir_env_new())) {
        free(t);
        return NULL;
    }
    t->next = u->threads;
    u->threads = t;
    return t;
}

static void put_tid(struct zarm_user *u, uint64_t addr, int tid)
{
    uint8_t b[4];
    st_le32(b, (uint32_t)tid);
    rt_copy_to_guest(&u->mem, addr, b, 4);
}

/* arm64's argument order: flags, new stack, parent tid pointer, tls, child tid pointer. */
int64_t rt_thread_clone(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t flags = a[0];
    uint64_t need = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND;
    uint64_t known = need | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | CLONE_SETTLS |
                     CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED |
                     CLONE_CHILD_SETTID;
    if ((flags & need) != need || (flags & ~known)) {
        if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
            rt_log(u, "unimplemented clone flags 0x%llx for a thread\n", (unsigned long long)flags);
        return -EINVAL;
    }
    struct rt_thread *parent = rt_self;
    rt_jit_end_pin_profile(u);
    rt_jit_need_polls(u);
    pthread_mutex_lock(&u->threads_lock);
    struct rt_thread *t = thread_slot(u);
    if (!t) {
        pthread_mutex_unlock(&u->threads_lock);
        return -EAGAIN;
    }
    struct ir_env *env = t->env;
    ir_env_copy(env, parent->env);
    env->exit = IR_EXIT_NONE;
    ir_env_interrupt_clear(env);
    env->insns = 0;
    env->helper_calls = 0;
    env->cpu.x[0] = 0;
    env->cpu.excl_size = 0;
    if (a[1])
        env->cpu.sp = a[1];
    if (flags & CLONE_SETTLS)
        env->cpu.tpidr_el0 = a[3];
    t->u = u;
    t->blocked = parent->blocked;
    t->pending = 0;
    /* A thread starts without the parent's alternate stack (the kernel's
     * CLONE_VM rule). */
    t->altstack_sp = t->altstack_size = 0;
    t->altstack_flags = 0;
    t->clear_tid = flags & CLONE_CHILD_CLEARTID ? a[4] : 0;
    t->host_signalled = 0;
    t->in_sigsuspend = false;
    t->exit_code = 0;
    t->exited = false;
    t->live = true;
    t->quiescent_gen = ~0ull;
    u->nthreads++;
    pthread_mutex_unlock(&u->threads_lock);
    /* From now on another thread may run a block this one drops. */
    pthread_mutex_lock(&u->cache_lock);
    u->cache.defer_free = true;
    pthread_mutex_unlock(&u->cache_lock);

    struct thread_start s;
    s.t = t;
    sem_init(&s.ready, 0, 0);
    sem_init(&s.go, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int e = pthread_create(&t->host, &attr, thread_main, &s);
    pthread_attr_destroy(&attr);
    if (e) {
        pthread_mutex_lock(&u->threads_lock);
        t->live = false;
        t->exited = true;
        u->nthreads--;
        pthread_mutex_unlock(&u->threads_lock);
        sem_destroy(&s.ready);
        sem_destroy(&s.go);
        return -EAGAIN;
    }
    while (sem_wait(&s.ready) != 0)
        ;
    if (flags & CLONE_PARENT_SETTID)
        put_tid(u, a[2], t->tid);
    if (flags & CLONE_CHILD_SETTID)
        put_tid(u, a[4], t->tid);
    int tid = t->tid;
    sem_post(&s.go);
    /* The child has taken s.go once it runs; wait for that before s goes away. */
    while (sem_wait(&s.ready) != 0)
        ;
    sem_destroy(&s.ready);
    sem_destroy(&s.go);
    return tid;
}
