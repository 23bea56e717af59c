/* Queued and waited-for signals: sigqueue's value and SI_QUEUE reach an SA_SIGINFO
 * handler; sigtimedwait takes a blocked pending signal with its siginfo, times out
 * with EAGAIN, and sigwaitinfo takes a signal another sigqueue sent; sigsuspend
 * returns after a handler with the mask restored. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile int seen_value, seen_code, seen_pid_ok, usr2_runs;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    seen_value = si->si_value.sival_int;
    seen_code = si->si_code;
    seen_pid_ok = si->si_pid == getpid();
}

static void on_usr2(int sig) { usr2_runs += sig == SIGUSR2; }

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    union sigval v = {.sival_int = 1234};
    sigqueue(getpid(), SIGUSR1, v);
    printf("handler: value %d code %s pid ok %d\n", seen_value,
           seen_code == SI_QUEUE ? "SI_QUEUE" : "other", seen_pid_ok);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    v.sival_int = 77;
    sigqueue(getpid(), SIGRTMIN + 2, v);
    raise(SIGUSR2);
    siginfo_t si;
    struct timespec ts = {0, 20000000};
    int s1 = sigtimedwait(&set, &si, &ts);
    int c1 = si.si_code;
    int s2 = sigwaitinfo(&set, &si);
    printf("first %s code %s; then rt+2 %d value %d code %s\n", s1 == SIGUSR2 ? "SIGUSR2" : "?",
           c1 == SI_TKILL ? "SI_TKILL" : c1 == SI_USER ? "SI_USER" : "other",
           s2 == SIGRTMIN + 2, si.si_value.sival_int, si.si_code == SI_QUEUE ? "SI_QUEUE" : "other");
    int s3 = sigtimedwait(&set, &si, &ts);
    printf("nothing pending: %d %s\n", s3, s3 < 0 && errno == EAGAIN ? "EAGAIN" : "-");

    sa.sa_handler = on_usr2;
    sa.sa_flags = 0;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    sigset_t none;
    sigemptyset(&none);
    int r = sigsuspend(&none);
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("sigsuspend %d %s, handler ran %d, SIGUSR2 blocked again %d\n", r,
           errno == EINTR ? "EINTR" : "-", usr2_runs, sigismember(&now, SIGUSR2));
    return 0;
}
