/* Pipes and event descriptors: ppoll, pselect6, epoll (the arm64 struct
 * epoll_event is 16 bytes, data at offset 8), eventfd, timerfd, signalfd,
 * inotify, record locks and the FIONREAD/FIONBIO ioctls. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHECK(x) check(#x, (long)(x))
static long check(const char *what, long r) {
    printf("%-64s = %ld", what, r);
    if (r < 0)
        printf(" (%s)", strerror(errno));
    printf("\n");
    return r;
}

static void test_poll(void) {
    int p[2];
    CHECK(pipe2(p, O_CLOEXEC));
    struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
    struct timespec zero = {0, 0};
    CHECK(ppoll(pf, 2, &zero, NULL));
    printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
    CHECK(write(p[1], "hello", 5));
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    struct timespec ms = {0, 1000000};
    CHECK(ppoll(pf, 2, &ms, &mask));
    printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
    CHECK(poll(pf, 1, 10));
    int n = -1;
    CHECK(ioctl(p[0], FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    int on = 1;
    CHECK(ioctl(p[0], FIONBIO, &on));
    printf("O_NONBLOCK %d\n", !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    struct timeval tv = {0, 1000};
    CHECK(select(p[1] + 1, &r, &w, NULL, &tv));
    printf("isset %d %d\n", FD_ISSET(p[0], &r), FD_ISSET(p[1], &w));
    char buf[16];
    CHECK(read(p[0], buf, sizeof buf));
    CHECK(read(p[0], buf, sizeof buf));
    close(p[1]);
    CHECK(poll(pf, 1, 0));
    printf("revents after close %#x\n", pf[0].revents);
    close(p[0]);
}

static void test_epoll(void) {
    int ep = CHECK(epoll_create1(EPOLL_CLOEXEC));
    CHECK(epoll_create1(12345));
    int p[2], q[2];
    pipe(p);
    pipe(q);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull};
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xdeadbeefcafef00dull;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
    struct epoll_event out[4];
    memset(out, 0, sizeof out);
    CHECK(epoll_wait(ep, out, 4, 0));
    write(p[1], "x", 1);
    write(q[1], "yy", 2);
    int n = CHECK(epoll_wait(ep, out, 4, 100));
    /* Order of ready events is the kernel's; sort by data for stable output. */
    if (n == 2 && out[0].data.u64 > out[1].data.u64) {
        struct epoll_event t = out[0];
        out[0] = out[1];
        out[1] = t;
    }
    for (int i = 0; i < n; i++)
        printf("event %#x data %#llx\n", out[i].events, (unsigned long long)out[i].data.u64);
    /* Edge triggered: q is not reported again; p is. */
    n = CHECK(epoll_wait(ep, out, 4, 0));
    for (int i = 0; i < n; i++)
        printf("event %#x data %#llx\n", out[i].events, (unsigned long long)out[i].data.u64);
    ev.events = EPOLLOUT;
    ev.data.fd = p[1];
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));
    CHECK(epoll_wait(ep, out, 4, 0));
    sigset_t mask;
    sigemptyset(&mask);
    CHECK(epoll_pwait(ep, out, 4, 0, &mask));
    CHECK(epoll_wait(ep, out, 0, 0));
    close(ep);
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
}

static void test_eventfd(void) {
    int e = CHECK(eventfd(5, EFD_NONBLOCK));
    uint64_t v = 0;
    CHECK(read(e, &v, 8));
    printf("value %llu\n", (unsigned long long)v);
    CHECK(read(e, &v, 8));
    v = 0x100000001ull;
    CHECK(write(e, &v, 8));
    CHECK(write(e, &v, 4));
    CHECK(eventfd_read(e, &v));
    printf("value %#llx\n", (unsigned long long)v);
    int d = dup(e);
    eventfd_write(e, 7);
    CHECK(read(d, &v, 8));
    printf("value via dup %llu\n", (unsigned long long)v);
    close(d);
    close(e);
    e = CHECK(eventfd(3, EFD_SEMAPHORE | EFD_CLOEXEC));
    CHECK(read(e, &v, 8));
    printf("semaphore %llu\n", (unsigned long long)v);
    close(e);
    CHECK(eventfd(0, 0x1234));
}

static void test_timerfd(void) {
    int t = CHECK(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC));
    struct itimerspec its = {{0, 2000000}, {0, 1000000}}, old;
    CHECK(timerfd_settime(t, 0, &its, &old));
    printf("old %ld %ld\n", (long)old.it_value.tv_sec, old.it_value.tv_nsec);
    uint64_t ticks = 0;
    CHECK(read(t, &ticks, 8));
    printf("ticks >= 1: %d\n", ticks >= 1);
    struct itimerspec cur;
    CHECK(timerfd_gettime(t, &cur));
    printf("interval %ld %ld, value <= 2ms: %d\n", (long)cur.it_interval.tv_sec,
           cur.it_interval.tv_nsec, cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 2000000);
    struct itimerspec off = {{0, 0}, {0, 0}};
    CHECK(timerfd_settime(t, 0, &off, NULL));
    CHECK(timerfd_gettime(t, &cur));
    printf("disarmed %ld %ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
    struct itimerspec bad = {{0, 0}, {0, 1000000000}};
    CHECK(timerfd_settime(t, 0, &bad, NULL));
    /* An absolute time in the past fires at once. */
    struct itimerspec abs = {{0, 0}, {0, 1}};
    CHECK(timerfd_settime(t, TFD_TIMER_ABSTIME, &abs, NULL));
    CHECK(read(t, &ticks, 8));
    printf("ticks %llu\n", (unsigned long long)ticks);
    close(t);
}

static void test_signalfd(void) {
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGCHLD);
    CHECK(sigprocmask(SIG_BLOCK, &mask, NULL));
    int s = CHECK(signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC));
    struct signalfd_siginfo si;
    CHECK(read(s, &si, sizeof si));
    CHECK(kill(getpid(), SIGUSR1));
    memset(&si, 0, sizeof si);
    CHECK(read(s, &si, sizeof si));
    printf("signo %u code %d pid ok %d uid ok %d\n", si.ssi_signo, si.ssi_code,
           si.ssi_pid == (uint32_t)getpid(), si.ssi_uid == (uint32_t)getuid());
    pid_t c = fork();
    if (c == 0)
        _exit(7);
    struct pollfd pf = {s, POLLIN, 0};
    CHECK(poll(&pf, 1, 5000));
    memset(&si, 0, sizeof si);
    CHECK(read(s, &si, sizeof si));
    printf("signo %u code %d status %d pid ok %d\n", si.ssi_signo, si.ssi_code, si.ssi_status,
           si.ssi_pid == (uint32_t)c);
    int st;
    CHECK(waitpid(c, &st, 0) == c);
    printf("exit %d\n", WEXITSTATUS(st));
    CHECK(read(s, &si, 100));
    close(s);
}

static void test_inotify(void) {
    int in = CHECK(inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
    mkdir("watched", 0755);
    int wd = CHECK(inotify_add_watch(in, "watched", IN_CREATE | IN_DELETE | IN_MODIFY));
    CHECK(inotify_add_watch(in, "missing", IN_CREATE));
    int f = open("watched/a_file", O_CREAT | O_WRONLY, 0644);
    write(f, "z", 1);
    close(f);
    unlink("watched/a_file");
    char buf[4096] __attribute__((aligned(8)));
    long n = CHECK(read(in, buf, sizeof buf));
    for (long off = 0; off < n;) {
        struct inotify_event *e = (struct inotify_event *)(buf + off);
        printf("wd ok %d mask %#x cookie %u len>0 %d name %s\n", e->wd == wd, e->mask, e->cookie,
               e->len > 0, e->len ? e->name : "");
        off += sizeof *e + e->len;
    }
    CHECK(inotify_rm_watch(in, wd));
    n = CHECK(read(in, buf, sizeof buf));
    if (n > 0) {
        struct inotify_event *e = (struct inotify_event *)buf;
        printf("mask %#x\n", e->mask);
    }
    CHECK(inotify_rm_watch(in, wd));
    close(in);
    rmdir("watched");
}

static void test_locks(void) {
    int fd = open("lockfile", O_CREAT | O_RDWR, 0644);
    write(fd, "0123456789", 10);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 4};
    CHECK(fcntl(fd, F_SETLK, &fl));
    pid_t c = fork();
    if (c == 0) {
        int f2 = open("lockfile", O_RDWR);
        struct flock q = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
        int r = fcntl(f2, F_GETLK, &q);
        printf("child getlk %d type %d start %ld len %ld pid ok %d\n", r, q.l_type,
               (long)q.l_start, (long)q.l_len, q.l_pid == getppid());
        q.l_type = F_RDLCK;
        q.l_start = 3;
        q.l_len = 1;
        r = fcntl(f2, F_SETLK, &q);
        printf("child setlk %d %s\n", r, r ? strerror(errno) : "");
        q.l_start = 8;
        r = fcntl(f2, F_SETLKW, &q);
        printf("child setlkw %d\n", r);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    struct flock o = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    CHECK(fcntl(fd, F_OFD_GETLK, &o));
    /* The conflicting lock is this process's own (an OFD lock conflicts with it). */
    printf("ofd getlk type %d start %ld len %ld pid ok %d\n", o.l_type, (long)o.l_start,
           (long)o.l_len, o.l_pid == getpid());
    int fd2 = open("lockfile", O_RDWR);
    struct flock ofd = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    CHECK(fcntl(fd2, F_OFD_SETLK, &ofd));
    CHECK(fcntl(fd, F_OFD_SETLK, &ofd));
    ofd.l_type = F_UNLCK;
    CHECK(fcntl(fd2, F_OFD_SETLKW, &ofd));
    fl.l_type = F_UNLCK;
    CHECK(fcntl(fd, F_SETLK, &fl));
    close(fd2);
    close(fd);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    test_poll();
    test_epoll();
    test_eventfd();
    test_timerfd();
    test_signalfd();
    test_inotify();
    test_locks();
    return 0;
}
