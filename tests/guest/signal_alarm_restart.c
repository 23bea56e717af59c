/* Alarms interrupt a read from an empty pipe: with SA_RESTART the read goes on
 * (and gets the byte the second alarm's handler writes); without it, the read
 * fails with EINTR.  Then pause() until an alarm. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int fds[2];
static volatile int alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
    if (alarms == 2) {
        char c = 'x';
        write(fds[1], &c, 1);
    }
}

static void arm(int ms, int repeat_ms)
{
    struct itimerval it = {{0, repeat_ms * 1000}, {0, ms * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    pipe(fds);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    arm(20, 20);
    char c = 0;
    ssize_t n = read(fds[0], &c, 1);
    arm(0, 0);
    printf("SA_RESTART: read returned %zd '%c' after at least 2 alarms: %d\n", n, c, alarms >= 2);

    /* A repeating timer: an alarm that comes before the read blocks (a slow emulator)
     * only counts, the next one interrupts it. */
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    alarms = 0;
    arm(20, 20);
    n = read(fds[0], &c, 1);
    int e = errno;
    arm(0, 0);
    printf("no SA_RESTART: read returned %zd errno %s, alarms seen %d\n", n,
           e == EINTR ? "EINTR" : "other", alarms >= 1);

    /* pause(): the handler runs, pause returns EINTR. */
    arm(30, 30);
    int r = pause();
    arm(0, 0);
    printf("pause returned %d errno %s\n", r, errno == EINTR ? "EINTR" : "other");
    return 0;
}
