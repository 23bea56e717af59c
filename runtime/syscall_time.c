/* Clocks, sleeping and CPU accounting.  Clock ids, TIMER_ABSTIME and the
 * RUSAGE_* values are the same on every Linux architecture; the CPU-time
 * clocks measure zarm's own process, which is the guest's. */
#include <errno.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

#include "syscall.h"

int64_t rt_sys_clock_gettime(struct zarm_user *u, const uint64_t a[6])
{
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) != 0)
        return -errno;
    return rt_sys_put_timespec(u, a[1], &ts);
}

int64_t rt_sys_clock_getres(struct zarm_user *u, const uint64_t a[6])
{
    struct timespec ts;
    if (clock_getres((clockid_t)a[0], &ts) != 0)
        return -errno;
    return a[1] ? rt_sys_put_timespec(u, a[1], &ts) : 0;
}

int64_t rt_sys_gettimeofday(struct zarm_user *u, const uint64_t a[6])
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    if (a[0]) {
        uint8_t b[ARM64_TIMEVAL_SIZE];
        rt_abi_put_timeval(b, &tv);
        if (!rt_copy_to_guest(&u->mem, a[0], b, sizeof b))
            return -EFAULT;
    }
    if (a[1]) {
        /* struct timezone: two ints, always zero on Linux today. */
        uint8_t z[8] = {0};
        if (!rt_copy_to_guest(&u->mem, a[1], z, sizeof z))
            return -EFAULT;
    }
    return 0;
}

int64_t rt_sys_nanosleep(struct zarm_user *u, const uint64_t a[6])
{
    struct timespec req, rem;
    int r = rt_sys_get_timespec(u, a[0], &req);
    if (r)
        return r;
    if (nanosleep(&req, &rem) == 0)
        return 0;
    int e = errno;
    if (e == EINTR && a[1] && rt_sys_put_timespec(u, a[1], &rem))
        return -EFAULT;
    return -e;
}

int64_t rt_sys_clock_nanosleep(struct zarm_user *u, const uint64_t a[6])
{
    struct timespec req, rem;
    int r = rt_sys_get_timespec(u, a[2], &req);
    if (r)
        return r;
    int flags = (int)a[1] & TIMER_ABSTIME;
    /* Returns the error number itself, not -1 and errno. */
    int e = clock_nanosleep((clockid_t)a[0], flags, &req, &rem);
    if (e == EINTR && !flags && a[3] && rt_sys_put_timespec(u, a[3], &rem))
        return -EFAULT;
    return -e;
}

int64_t rt_sys_times(struct zarm_user *u, const uint64_t a[6])
{
    struct tms t;
    /* The clock tick is USER_HZ, 100, on the arm64 kernel and on the hosts. */
    clock_t now = times(&t);
    if (a[0]) {
        uint8_t b[ARM64_TMS_SIZE];
        rt_abi_put_tms(b, &t);
        if (!rt_copy_to_guest(&u->mem, a[0], b, sizeof b))
            return -EFAULT;
    }
    return (int64_t)now;
}

int64_t rt_sys_getrusage(struct zarm_user *u, const uint64_t a[6])
{
    struct rusage ru;
    if (getrusage((int)a[0], &ru) != 0)
        return -errno;
    uint8_t b[ARM64_RUSAGE_SIZE];
    rt_abi_put_rusage(b, &ru);
    return rt_copy_to_guest(&u->mem, a[1], b, sizeof b) ? 0 : -EFAULT;
}
