/* POSIX timers (SIGEV_NONE, SIGEV_SIGNAL with the default action, reported
 * through a child's wait status), interval timers and clock_nanosleep.
 * Remaining times are printed as bounds, not values. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
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

static int within(const struct timespec *t, long lo_ns, long hi_ns) {
    long long v = t->tv_sec * 1000000000ll + t->tv_nsec;
    return v >= lo_ns && v <= hi_ns;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_NONE;
    timer_t t;
    CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t));
    struct itimerspec its = {{0, 0}, {5, 0}}, cur, old;
    CHECK(timer_settime(t, 0, &its, NULL));
    CHECK(timer_gettime(t, &cur));
    printf("remaining in (4s, 5s]: %d interval %ld\n", within(&cur.it_value, 4000000000l, 5000000000l),
           (long)cur.it_interval.tv_sec);
    struct itimerspec per = {{0, 1000000}, {0, 1000000}};
    CHECK(timer_settime(t, 0, &per, &old));
    printf("old remaining in (4s, 5s]: %d\n", within(&old.it_value, 4000000000l, 5000000000l));
    struct timespec nap = {0, 20000000};
    CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, NULL));
    printf("overrun > 0: %d\n", timer_getoverrun(t) > 0);
    CHECK(timer_delete(t));
    CHECK(timer_gettime(t, &cur));
    struct itimerspec bad = {{0, 0}, {0, 2000000000}};
    CHECK(timer_create(CLOCK_REALTIME, &ev, &t));
    CHECK(timer_settime(t, 0, &bad, NULL));
    /* Absolute time already past: expires at once, SIGEV_NONE records it. */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct itimerspec past = {{0, 0}, {now.tv_sec - 1, 0}};
    CHECK(timer_settime(t, TIMER_ABSTIME, &past, NULL));
    CHECK(timer_gettime(t, &cur));
    printf("expired %ld %ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
    CHECK(timer_delete(t));

    /* SIGEV_SIGNAL with SIGALRM left at its default: the child dies of it. */
    pid_t c = fork();
    if (c == 0) {
        struct sigevent sev;
        memset(&sev, 0, sizeof sev);
        sev.sigev_notify = SIGEV_SIGNAL;
        sev.sigev_signo = SIGALRM;
        timer_t ct;
        if (timer_create(CLOCK_MONOTONIC, &sev, &ct))
            _exit(1);
        struct itimerspec s = {{0, 0}, {0, 10000000}};
        timer_settime(ct, 0, &s, NULL);
        struct timespec lng = {5, 0};
        nanosleep(&lng, NULL);
        _exit(2);
    }
    int st;
    CHECK(waitpid(c, &st, 0) == c);
    printf("signaled %d sig %d\n", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : -1);

    /* setitimer/getitimer, and ITIMER_REAL's SIGALRM in a child. */
    struct itimerval iv = {{0, 0}, {10, 0}}, ov, gv;
    CHECK(setitimer(ITIMER_REAL, &iv, NULL));
    CHECK(getitimer(ITIMER_REAL, &gv));
    printf("itimer in (9s, 10s]: %d\n",
           gv.it_value.tv_sec * 1000000l + gv.it_value.tv_usec > 9000000l &&
               gv.it_value.tv_sec * 1000000l + gv.it_value.tv_usec <= 10000000l);
    struct itimerval zero = {{0, 0}, {0, 0}};
    CHECK(setitimer(ITIMER_REAL, &zero, &ov));
    printf("old in (9s, 10s]: %d\n", ov.it_value.tv_sec * 1000000l + ov.it_value.tv_usec > 9000000l);
    CHECK(getitimer(ITIMER_REAL, &gv));
    printf("disarmed %ld %ld\n", (long)gv.it_value.tv_sec, (long)gv.it_value.tv_usec);
    CHECK(getitimer(ITIMER_VIRTUAL, &gv));
    CHECK(getitimer(7, &gv));
    c = fork();
    if (c == 0) {
        struct itimerval a = {{0, 0}, {0, 10000}};
        setitimer(ITIMER_REAL, &a, NULL);
        for (int i = 0; i < 500; i++)
            usleep(10000);
        _exit(3);
    }
    CHECK(waitpid(c, &st, 0) == c);
    printf("signaled %d sig %d\n", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : -1);

    /* clock_nanosleep: absolute past deadline, bad nsec, remaining untouched. */
    clock_gettime(CLOCK_MONOTONIC, &now);
    CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL));
    struct timespec badns = {0, 1000000000};
    printf("clock_nanosleep bad nsec = %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &badns, NULL));
    return 0;
}
