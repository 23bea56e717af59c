/* The sigmask of ppoll, pselect and epoll_pwait: a pending signal the call's mask
 * unblocks ends the wait with EINTR and runs its handler, and the thread's own mask
 * is back afterwards; a mask that keeps it blocked lets the wait time out; a signal
 * arriving during the wait (an itimer) interrupts it. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <unistd.h>

static volatile int got_usr1, got_alrm;

static void on_usr1(int sig) { got_usr1 += sig == SIGUSR1; }
static void on_alrm(int sig) { got_alrm += sig == SIGALRM; }

static int blocked(int sig)
{
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    return sigismember(&now, sig);
}

int main(void)
{
    int fds[2];
    pipe(fds);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_alrm;
    sigaction(SIGALRM, &sa, NULL);
    sigset_t block, empty, keep;
    sigemptyset(&empty);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    sigemptyset(&keep);
    sigaddset(&keep, SIGUSR1);

    raise(SIGUSR1);
    struct pollfd p = {.fd = fds[0], .events = POLLIN};
    struct timespec ts = {1, 0};
    int r = ppoll(&p, 1, &ts, &empty);
    printf("ppoll: %d %s, handler ran %d, still blocked %d\n", r, r < 0 && errno == EINTR ? "EINTR" : "-",
           got_usr1, blocked(SIGUSR1));

    raise(SIGUSR1);
    struct timespec short_ts = {0, 10000000};
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    r = pselect(fds[0] + 1, &rd, NULL, NULL, &short_ts, &keep);
    printf("pselect keeping it blocked: %d, handler ran %d\n", r, got_usr1);
    r = pselect(fds[0] + 1, &rd, NULL, NULL, &ts, &empty);
    printf("pselect unblocking it: %d %s, handler ran %d\n", r,
           r < 0 && errno == EINTR ? "EINTR" : "-", got_usr1);

    struct itimerval it = {{0, 0}, {0, 30000}};
    setitimer(ITIMER_REAL, &it, NULL);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fds[0]}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
    r = epoll_pwait(ep, &out, 1, 2000, &keep);
    printf("epoll_pwait during an itimer: %d %s, alarm handler ran %d, alarm blocked %d\n", r,
           r < 0 && errno == EINTR ? "EINTR" : "-", got_alrm, blocked(SIGALRM));
    return 0;
}
