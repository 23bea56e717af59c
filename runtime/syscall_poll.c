/* Event descriptors: epoll, eventfd, timerfd, signalfd and inotify, through
 * the host libc.  Their flag bits and event masks have the same values on
 * every Linux architecture (the CLOEXEC and NONBLOCK ones are O_CLOEXEC and
 * O_NONBLOCK, converted as open flags).  What a read(2) of such a descriptor
 * returns is a host-order structure, so zarm remembers which descriptors are
 * which and converts those reads (and eventfd writes) in rt_sys_fd_hook,
 * called by the dispatcher before the generic read/write handlers. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "syscall.h"

#define G_O_CLOEXEC 02000000u
#define G_O_NONBLOCK 04000u
#define G_EFD_SEMAPHORE 1u
#define G_EPOLL_EVENT_SIZE 16 /* u32 events, 4 bytes padding, u64 data: arm64 is not packed */
#define G_SIGNALFD_SIGINFO_SIZE 128
#define G_INOTIFY_EVENT_HDR 16
#define G_ITIMERSPEC_SIZE 32

/* ---- what each descriptor is ---- */

enum fd_kind { FDK_NONE, FDK_COUNTER, FDK_SIGNALFD, FDK_INOTIFY };
#define FDK_MAX 4096
/* Descriptors above FDK_MAX are not tracked: their reads pass unconverted,
 * which is only wrong on big-endian hosts. */
static uint8_t fd_kind[FDK_MAX];
/* Signals some signalfd of the guest's waits for. */
static uint64_t signalfd_mask;

static void set_kind(int fd, enum fd_kind k)
{
    if (fd >= 0 && fd < FDK_MAX)
        fd_kind[fd] = (uint8_t)k;
}

static enum fd_kind kind_of(uint64_t fd)
{
    int f = rt_fd(fd);
    return f >= 0 && f < FDK_MAX ? (enum fd_kind)fd_kind[f] : FDK_NONE;
}

/* CLOEXEC and NONBLOCK, the only flags of these calls beside their own. */
static int cn_flags(uint32_t g, uint32_t own, int *host)
{
    if (g & ~(G_O_CLOEXEC | G_O_NONBLOCK | own))
        return -EINVAL;
    *host = (int)(g & own) | (g & G_O_CLOEXEC ? O_CLOEXEC : 0) |
            (g & G_O_NONBLOCK ? O_NONBLOCK : 0);
    return 0;
}

static int64_t new_fd(int fd, enum fd_kind k)
{
    if (fd < 0)
        return -errno;
    set_kind(fd, k);
    return fd;
}

/* A read of one of the tracked descriptors, converted to the guest's order. */
static int64_t read_special(struct zarm_user *u, int fd, enum fd_kind k, uint64_t addr,
                            uint64_t count)
{
    if (count > 65536)
        count = 65536;
    if (count && !rt_mem_range_mapped(&u->mem, addr, count))
        return -EFAULT;
    uint8_t *b = malloc(count ? count : 1);
    if (!b)
        return -ENOMEM;
    ssize_t n = read(fd, b, count);
    if (n < 0) {
        int e = errno;
        free(b);
        return -e;
    }
    if (k == FDK_COUNTER && n == 8) {
        uint64_t v;
        memcpy(&v, b, 8);
        st_le64(b, v);
    } else if (k == FDK_SIGNALFD) {
        /* struct signalfd_siginfo: sixteen 32-bit fields, then 64-bit ptr,
         * utime, stime, addr, a 16-bit addr_lsb, s32 syscall, u64 call_addr,
         * u32 arch: the same layout everywhere. */
        static const struct {
            uint8_t off, size;
        } f[] = {{0, 4},  {4, 4},  {8, 4},  {12, 4},  {16, 4},  {20, 4},  {24, 4},
                 {28, 4}, {32, 4}, {36, 4}, {40, 4},  {44, 4},  {48, 8},  {56, 8},
                 {64, 8}, {72, 8}, {80, 2}, {84, 4},  {88, 8},  {96, 4}};
        for (ssize_t off = 0; off + G_SIGNALFD_SIGINFO_SIZE <= n; off += G_SIGNALFD_SIGINFO_SIZE)
            for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
                uint8_t *p = b + off + f[i].off;
                if (f[i].size == 2) {
                    uint16_t v;
                    memcpy(&v, p, 2);
                    st_le16(p, v);
                } else if (f[i].size == 4) {
                    uint32_t v;
                    memcpy(&v, p, 4);
                    st_le32(p, v);
                } else {
                    uint64_t v;
                    memcpy(&v, p, 8);
                    st_le64(p, v);
                }
            }
    } else if (k == FDK_INOTIFY) {
        /* struct inotify_event: s32 wd, u32 mask, u32 cookie, u32 len, name[len]. */
        ssize_t off = 0;
        while (off + G_INOTIFY_EVENT_HDR <= n) {
            uint32_t w[4];
            memcpy(w, b + off, sizeof w);
            for (int i = 0; i < 4; i++)
                st_le32(b + off + 4 * i, w[i]);
            off += G_INOTIFY_EVENT_HDR + w[3];
        }
    }
    bool ok = !n || rt_copy_to_guest(&u->mem, addr, b, (uint64_t)n);
    free(b);
    return ok ? n : -EFAULT;
}

bool rt_sys_fd_hook(struct zarm_user *u, uint64_t nr, const uint64_t a[6], int64_t *r)
{
    switch (nr) {
    case 57: /* close */
        set_kind(rt_fd(a[0]), FDK_NONE);
        return false;
    case 63: { /* read */
        enum fd_kind k = kind_of(a[0]);
        if (k == FDK_NONE)
            return false;
        *r = read_special(u, rt_fd(a[0]), k, a[1], a[2]);
        return true;
    }
    case 64: { /* write: an eventfd takes a guest u64 */
        if (kind_of(a[0]) != FDK_COUNTER)
            return false;
        uint8_t b[8];
        if (a[2] < 8) {
            *r = -EINVAL;
        } else if (!rt_copy_from_guest(&u->mem, b, a[1], 8)) {
            *r = -EFAULT;
        } else {
            uint64_t v = ld_le64(b);
            *r = rt_ret(write(rt_fd(a[0]), &v, 8));
        }
        return true;
    }
    case 129: /* kill */
    case 130: /* tkill */
    case 131: { /* tgkill */
        /* A signal the guest sends itself while a signalfd waits for it (and
         * the guest blocks it) must reach the host's queue for the signalfd. */
        int sig = (int)(nr == 131 ? a[2] : a[1]);
        bool self = nr == 129 ? (pid_t)a[0] == getpid() || a[0] == 0
                  : nr == 130 ? (pid_t)a[0] == gettid()
                              : (pid_t)a[0] == getpid() && (pid_t)a[1] == gettid();
        if (!self || sig < 1 || sig > 64)
            return false;
        uint64_t bit = 1ull << (sig - 1);
        if (!(signalfd_mask & bit & rt_self->blocked))
            return false;
        *r = rt_ret(kill(getpid(), sig));
        return true;
    }
    }
    return false;
}

void rt_sys_fd_after(struct zarm_user *u, uint64_t nr, const uint64_t a[6], int64_t r)
{
    (void)u;
    bool dup = nr == 23 || nr == 24 || (nr == 25 && (a[1] == 0 || a[1] == 1030));
    if (dup && r >= 0)
        set_kind((int)r, kind_of(a[0]));
}

/* ---- epoll ---- */

int64_t rt_sys_epoll_create1(struct zarm_user *u, const uint64_t a[6])
{
    /* EPOLL_CLOEXEC is the only flag. */
    if ((uint32_t)a[0] & ~G_O_CLOEXEC)
        return -EINVAL;
    return new_fd(epoll_create1(a[0] ? EPOLL_CLOEXEC : 0), FDK_NONE);
}

int64_t rt_sys_epoll_ctl(struct zarm_user *u, const uint64_t a[6])
{
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    int op = (int)a[1];
    if (op != EPOLL_CTL_DEL || a[3]) {
        uint8_t b[G_EPOLL_EVENT_SIZE];
        if (op != EPOLL_CTL_DEL && !rt_copy_from_guest(&u->mem, b, a[3], sizeof b))
            return -EFAULT;
        if (op != EPOLL_CTL_DEL) {
            ev.events = ld_le32(b);
            ev.data.u64 = ld_le64(b + 8);
        }
    }
    return rt_ret(epoll_ctl(rt_fd(a[0]), op, rt_fd(a[2]), &ev));
}

/* The kernel's limit: INT_MAX / sizeof(struct epoll_event). */
#define G_EP_MAX_EVENTS (0x7fffffff / G_EPOLL_EVENT_SIZE)

static int64_t epoll_wait_common(struct zarm_user *u, const uint64_t a[6], int timeout_ms)
{
    int max = (int)a[2];
    if (max <= 0 || max > G_EP_MAX_EVENTS)
        return -EINVAL;
    /* Fewer events than asked for is always a valid answer. */
    int n = max > 1024 ? 1024 : max;
    if (!rt_mem_range_mapped(&u->mem, a[1], (uint64_t)n * G_EPOLL_EVENT_SIZE))
        return -EFAULT;
    struct epoll_event *ev = calloc((size_t)n, sizeof *ev);
    if (!ev)
        return -ENOMEM;
    /* The sigmask (a[4]) is accepted and not applied, as in ppoll: host
     * signals are not delivered to the guest while it waits. */
    int got = epoll_wait(rt_fd(a[0]), ev, n, timeout_ms);
    if (got < 0) {
        int e = errno;
        free(ev);
        return -e;
    }
    uint8_t *b = calloc((size_t)(got ? got : 1), G_EPOLL_EVENT_SIZE);
    if (!b) {
        free(ev);
        return -ENOMEM;
    }
    for (int i = 0; i < got; i++) {
        st_le32(b + i * G_EPOLL_EVENT_SIZE, ev[i].events);
        st_le64(b + i * G_EPOLL_EVENT_SIZE + 8, ev[i].data.u64);
    }
    bool ok = !got || rt_copy_to_guest(&u->mem, a[1], b, (uint64_t)got * G_EPOLL_EVENT_SIZE);
    free(b);
    free(ev);
    return ok ? got : -EFAULT;
}

int64_t rt_sys_epoll_pwait(struct zarm_user *u, const uint64_t a[6])
{
    if (a[4] && a[5] != 8)
        return -EINVAL;
    return epoll_wait_common(u, a, (int)a[3]);
}

int64_t rt_sys_epoll_pwait2(struct zarm_user *u, const uint64_t a[6])
{
    if (a[4] && a[5] != 8)
        return -EINVAL;
    int ms = -1;
    if (a[3]) {
        struct timespec ts;
        int r = rt_sys_get_timespec(u, a[3], &ts);
        if (r)
            return r;
        int64_t t = (int64_t)ts.tv_sec * 1000 + (ts.tv_nsec + 999999) / 1000000;
        ms = t > 0x7fffffff ? 0x7fffffff : (int)t;
    }
    return epoll_wait_common(u, a, ms);
}

/* ---- eventfd and timerfd ---- */

int64_t rt_sys_eventfd2(struct zarm_user *u, const uint64_t a[6])
{
    int hf;
    if (cn_flags((uint32_t)a[1], G_EFD_SEMAPHORE, &hf))
        return -EINVAL;
    int f = (hf & 1 ? EFD_SEMAPHORE : 0) | (hf & O_CLOEXEC ? EFD_CLOEXEC : 0) |
            (hf & O_NONBLOCK ? EFD_NONBLOCK : 0);
    return new_fd(eventfd((unsigned)a[0], f), FDK_COUNTER);
}

int64_t rt_sys_timerfd_create(struct zarm_user *u, const uint64_t a[6])
{
    int hf;
    if (cn_flags((uint32_t)a[1], 0, &hf))
        return -EINVAL;
    int f = (hf & O_CLOEXEC ? TFD_CLOEXEC : 0) | (hf & O_NONBLOCK ? TFD_NONBLOCK : 0);
    return new_fd(timerfd_create((clockid_t)a[0], f), FDK_COUNTER);
}

/* struct itimerspec: it_interval, then it_value. */
static int get_itimerspec(struct zarm_user *u, uint64_t addr, struct itimerspec *it)
{
    uint8_t b[G_ITIMERSPEC_SIZE];
    if (!rt_copy_from_guest(&u->mem, b, addr, sizeof b))
        return -EFAULT;
    int r = rt_abi_get_timespec(b, &it->it_interval, false);
    return r ? r : rt_abi_get_timespec(b + 16, &it->it_value, false);
}

int rt_sys_put_itimerspec(struct zarm_user *u, uint64_t addr, const struct itimerspec *it)
{
    uint8_t b[G_ITIMERSPEC_SIZE];
    rt_abi_put_timespec(b, &it->it_interval);
    rt_abi_put_timespec(b + 16, &it->it_value);
    return rt_copy_to_guest(&u->mem, addr, b, sizeof b) ? 0 : -EFAULT;
}

int rt_sys_get_itimerspec(struct zarm_user *u, uint64_t addr, struct itimerspec *it)
{
    return get_itimerspec(u, addr, it);
}

int64_t rt_sys_timerfd_settime(struct zarm_user *u, const uint64_t a[6])
{
    struct itimerspec nv, ov;
    int r = get_itimerspec(u, a[2], &nv);
    if (r)
        return r;
    /* TFD_TIMER_ABSTIME 1, TFD_TIMER_CANCEL_ON_SET 2 everywhere. */
    if (timerfd_settime(rt_fd(a[0]), (int)a[1], &nv, &ov) != 0)
        return -errno;
    return a[3] ? rt_sys_put_itimerspec(u, a[3], &ov) : 0;
}

int64_t rt_sys_timerfd_gettime(struct zarm_user *u, const uint64_t a[6])
{
    struct itimerspec cur;
    if (timerfd_gettime(rt_fd(a[0]), &cur) != 0)
        return -errno;
    return rt_sys_put_itimerspec(u, a[1], &cur);
}

/* ---- signalfd ---- */

int64_t rt_sys_signalfd4(struct zarm_user *u, const uint64_t a[6])
{
    int hf;
    if (cn_flags((uint32_t)a[3], 0, &hf) || a[2] != 8)
        return -EINVAL;
    uint8_t b[8];
    if (!rt_copy_from_guest(&u->mem, b, a[1], 8))
        return -EFAULT;
    uint64_t mask = ld_le64(b);
    sigset_t set;
    sigemptyset(&set);
    for (int sig = 1; sig <= 64; sig++)
        if (mask & (1ull << (sig - 1)))
            sigaddset(&set, sig); /* glibc refuses its own two; nothing to do then */
    int f = (hf & O_CLOEXEC ? SFD_CLOEXEC : 0) | (hf & O_NONBLOCK ? SFD_NONBLOCK : 0);
    int fd = signalfd(rt_fd(a[0]), &set, f);
    if (fd < 0)
        return -errno;
    /* The guest blocks these signals (emulated) so that they queue for the
     * signalfd; zarm's host process must block them too, or the host would
     * take their default action before the signalfd could see them. */
    sigset_t host_block;
    sigemptyset(&host_block);
    for (int sig = 1; sig <= 64; sig++)
        if ((mask & rt_self->blocked) & (1ull << (sig - 1)) && sig != SIGKILL && sig != SIGSTOP)
            sigaddset(&host_block, sig);
    sigprocmask(SIG_BLOCK, &host_block, NULL);
    signalfd_mask |= mask;
    set_kind(fd, FDK_SIGNALFD);
    return fd;
}

/* ---- inotify ---- */

int64_t rt_sys_inotify_init1(struct zarm_user *u, const uint64_t a[6])
{
    int hf;
    if (cn_flags((uint32_t)a[0], 0, &hf))
        return -EINVAL;
    int f = (hf & O_CLOEXEC ? IN_CLOEXEC : 0) | (hf & O_NONBLOCK ? IN_NONBLOCK : 0);
    return new_fd(inotify_init1(f), FDK_INOTIFY);
}

int64_t rt_sys_inotify_add_watch(struct zarm_user *u, const uint64_t a[6])
{
    char path[4096];
    int r = rt_sys_path(u, a[1], path, sizeof path);
    if (r)
        return r;
    return rt_ret(inotify_add_watch(rt_fd(a[0]), path, (uint32_t)a[2]));
}

int64_t rt_sys_inotify_rm_watch(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(inotify_rm_watch(rt_fd(a[0]), (int)a[1]));
}
