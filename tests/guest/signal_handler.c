/* Signals delivered to guest handlers: raise() with sigaction, SA_SIGINFO,
 * sigprocmask blocking and pending, and a SIGSEGV handler that siglongjmps. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "guest.h"

static volatile sig_atomic_t got_usr1, got_usr2_code;
static sigjmp_buf recover;

static void on_usr1(int sig) { got_usr1 += sig; }
static void on_usr2(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_usr2_code = si->si_signo == sig && si->si_code == SI_TKILL ? 1 : 2;
}
static void on_segv(int sig) { siglongjmp(recover, sig); }

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);
    printf("usr1 handler sum %d\n", (int)got_usr1);
    sa.sa_handler = NULL;
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR2);
    sigset_t pend;
    sigpending(&pend);
    printf("usr2 pending while blocked %d, delivered %d\n", sigismember(&pend, SIGUSR2),
           (int)got_usr2_code);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("usr2 delivered after unblock: code %d\n", (int)got_usr2_code);
    signal(SIGSEGV, on_segv);
    int r = sigsetjmp(recover, 1);
    if (r == 0) {
        volatile int *p = OPAQUE((int *)16);
        *p = 1;
        printf("not reached\n");
    } else {
        printf("recovered from signal %d\n", r);
    }
    signal(SIGINT, SIG_IGN);
    raise(SIGINT);
    printf("ignored SIGINT, done\n");
    return 0;
}
