/* POSIX timers and interval timers, as host timers.  Their expiry signal
 * reaches zarm as a host signal, which signal_deliver.c turns into the guest's
 * (ignored, default action, or pending for the guest's handler). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "syscall.h"

#define G_SIGEV_SIGNAL 0
#define G_SIGEV_NONE 1
#define G_SIGEV_THREAD 2
#define G_SIGEV_THREAD_ID 4
#define G_SIGEVENT_SIZE 64 /* sigval, signo, notify, then the union */
#define G_TIMER_MAX 64

static struct {
    bool used;
    timer_t host;
} timers[G_TIMER_MAX];

/* The host delivers the timer's signal to zarm; the host disposition follows the
 * guest's (signal_deliver.c), so a handler gets it as a pending guest signal. */
static int catch_signal(struct zarm_user *u, int sig)
{
    if (sig < 1 || sig > 64)
        return -EINVAL;
    rt_signal_host_sync(u, sig);
    return 0;
}

int64_t rt_sys_timer_create(struct zarm_user *u, const uint64_t a[6])
{
    int id = 0;
    while (id < G_TIMER_MAX && timers[id].used)
        id++;
    if (id == G_TIMER_MAX)
        return -EAGAIN;
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    if (a[1]) {
        uint8_t b[G_SIGEVENT_SIZE];
        if (!rt_copy_from_guest(&u->mem, b, a[1], sizeof b))
            return -EFAULT;
        ev.sigev_value.sival_ptr = (void *)(uintptr_t)ld_le64(b);
        ev.sigev_signo = (int)ld_le32(b + 8);
        int notify = (int)ld_le32(b + 12);
        switch (notify) {
        case G_SIGEV_NONE:
            ev.sigev_notify = SIGEV_NONE;
            break;
        case G_SIGEV_SIGNAL:
        case G_SIGEV_THREAD_ID: /* the one thread is the process */
            ev.sigev_notify = SIGEV_SIGNAL;
            break;
        default:
            /* SIGEV_THREAD is glibc's, built on threads zarm does not run. */
            return -EINVAL;
        }
    } else {
        /* No sigevent: SIGALRM with the timer id as its value. */
        ev.sigev_notify = SIGEV_SIGNAL;
        ev.sigev_signo = SIGALRM;
        ev.sigev_value.sival_int = id;
    }
    if (ev.sigev_notify == SIGEV_SIGNAL) {
        if (ev.sigev_signo < 1 || ev.sigev_signo > 64 || ev.sigev_signo == SIGKILL ||
            ev.sigev_signo == SIGSTOP)
            return -EINVAL;
        int r = catch_signal(u, ev.sigev_signo);
        if (r)
            return r;
    }
    uint8_t idb[4];
    st_le32(idb, (uint32_t)id);
    if (!rt_mem_range_mapped(&u->mem, a[2], 4))
        return -EFAULT;
    if (timer_create((clockid_t)a[0], &ev, &timers[id].host) != 0)
        return -errno;
    timers[id].used = true;
    rt_copy_to_guest(&u->mem, a[2], idb, 4);
    return 0;
}

static timer_t *find_timer(uint64_t id)
{
    int32_t i = (int32_t)id;
    return i >= 0 && i < G_TIMER_MAX && timers[i].used ? &timers[i].host : NULL;
}

int64_t rt_sys_timer_settime(struct zarm_user *u, const uint64_t a[6])
{
    timer_t *t = find_timer(a[0]);
    if (!t)
        return -EINVAL;
    struct itimerspec nv, ov;
    int r = rt_sys_get_itimerspec(u, a[2], &nv);
    if (r)
        return r;
    if (timer_settime(*t, (int)a[1] & TIMER_ABSTIME, &nv, &ov) != 0)
        return -errno;
    return a[3] ? rt_sys_put_itimerspec(u, a[3], &ov) : 0;
}

int64_t rt_sys_timer_gettime(struct zarm_user *u, const uint64_t a[6])
{
    timer_t *t = find_timer(a[0]);
    if (!t)
        return -EINVAL;
    struct itimerspec cur;
    if (timer_gettime(*t, &cur) != 0)
        return -errno;
    return rt_sys_put_itimerspec(u, a[1], &cur);
}

int64_t rt_sys_timer_getoverrun(struct zarm_user *u, const uint64_t a[6])
{
    timer_t *t = find_timer(a[0]);
    return t ? rt_ret(timer_getoverrun(*t)) : -EINVAL;
}

int64_t rt_sys_timer_delete(struct zarm_user *u, const uint64_t a[6])
{
    timer_t *t = find_timer(a[0]);
    if (!t)
        return -EINVAL;
    if (timer_delete(*t) != 0)
        return -errno;
    timers[(int32_t)a[0]].used = false;
    return 0;
}

/* ---- interval timers ---- */

/* struct itimerval: it_interval, then it_value, each a 16-byte timeval. */
static void put_itimerval(uint8_t *b, const struct itimerval *v)
{
    rt_abi_put_timeval(b, &v->it_interval);
    rt_abi_put_timeval(b + 16, &v->it_value);
}

int64_t rt_sys_getitimer(struct zarm_user *u, const uint64_t a[6])
{
    struct itimerval v;
    if (getitimer((__itimer_which_t)a[0], &v) != 0)
        return -errno;
    uint8_t b[32];
    put_itimerval(b, &v);
    return rt_copy_to_guest(&u->mem, a[1], b, sizeof b) ? 0 : -EFAULT;
}

int64_t rt_sys_setitimer(struct zarm_user *u, const uint64_t a[6])
{
    static const int sig_of[3] = {SIGALRM, SIGVTALRM, SIGPROF};
    if (a[0] > 2)
        return -EINVAL;
    struct itimerval nv, ov;
    memset(&nv, 0, sizeof nv);
    if (a[1]) {
        uint8_t b[32];
        if (!rt_copy_from_guest(&u->mem, b, a[1], sizeof b))
            return -EFAULT;
        nv.it_interval.tv_sec = (time_t)ld_le64(b);
        nv.it_interval.tv_usec = (suseconds_t)ld_le64(b + 8);
        nv.it_value.tv_sec = (time_t)ld_le64(b + 16);
        nv.it_value.tv_usec = (suseconds_t)ld_le64(b + 24);
    }
    int r = catch_signal(u, sig_of[a[0]]);
    if (r)
        return r;
    if (setitimer((__itimer_which_t)a[0], &nv, &ov) != 0)
        return -errno;
    if (a[2]) {
        uint8_t b[32];
        put_itimerval(b, &ov);
        if (!rt_copy_to_guest(&u->mem, a[2], b, sizeof b))
            return -EFAULT;
    }
    return 0;
}
