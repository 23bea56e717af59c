/* Real-time signals queue: three sigqueue()s of one blocked SIGRTMIN+1, each with its own
 * value, are all delivered, in order, when it is unblocked; a standard signal sent three times
 * while blocked is delivered once.  The handlers nest as Linux delivers them (every deliverable
 * signal gets its frame before returning to user code), so the order seen is the kernel's. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int got[16], ngot;
static int usr1;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (ngot < 16)
        got[ngot++] = (sig - SIGRTMIN) * 100 + si->si_value.sival_int;
}

static void on_usr1(int sig)
{
    (void)sig;
    usr1++;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigaction(SIGRTMIN + 2, &sa, NULL);
    signal(SIGUSR1, on_usr1);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 1);
    sigaddset(&set, SIGRTMIN + 2);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    for (int i = 1; i <= 3; i++) {
        union sigval v = {.sival_int = i};
        sigqueue(getpid(), SIGRTMIN + 2, v);
        v.sival_int = 10 + i;
        sigqueue(getpid(), SIGRTMIN + 1, v);
        kill(getpid(), SIGUSR1);
    }
    sigset_t p;
    sigpending(&p);
    printf("pending: rt1 %d rt2 %d usr1 %d\n", sigismember(&p, SIGRTMIN + 1),
           sigismember(&p, SIGRTMIN + 2), sigismember(&p, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("usr1 delivered %d time(s); real-time:", usr1);
    for (int i = 0; i < ngot; i++)
        printf(" %d", got[i]);
    printf("\n");
    /* sigtimedwait takes queued instances one by one too. */
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 1; i <= 2; i++) {
        union sigval v = {.sival_int = 20 + i};
        sigqueue(getpid(), SIGRTMIN + 1, v);
    }
    struct timespec ts = {1, 0};
    for (int i = 0; i < 2; i++) {
        siginfo_t si;
        int s = sigtimedwait(&set, &si, &ts);
        printf("sigtimedwait: %d value %d\n", s - SIGRTMIN, si.si_value.sival_int);
    }
    return 0;
}
