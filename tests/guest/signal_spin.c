// GUEST_STATUS: 3
/* Signals and exits that must reach a thread spinning in guest code, which makes no system
 * call: a timer's SIGALRM stops a busy loop (the handler sets a flag the loop polls), then a
 * second thread spins forever while the main thread leaves with exit_group. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t fired;
static volatile unsigned long spins;

static void on_alarm(int sig)
{
    (void)sig;
    fired = 1;
}

static void *spin_forever(void *arg)
{
    (void)arg;
    for (;;)
        spins++;
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long n = 0;
    while (!fired)
        n++;
    printf("busy loop stopped by SIGALRM: %s\n", n > 0 ? "yes" : "no");

    pthread_t t;
    pthread_create(&t, NULL, spin_forever, NULL);
    while (spins < 1000)
        ;
    printf("spinning thread started; exiting the process\n");
    fflush(stdout);
    _exit(3);
}
