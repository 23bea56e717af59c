/* An asynchronous signal must stop chained code: a SIGALRM handler (setitimer) bumps a counter
 * that only it changes, while the program spins in a loop that never returns to the runtime by
 * itself: one self-branching block (the JIT's loop mode), a loop over several chained blocks,
 * and a loop of indirect calls.  Each loop ends only once the signal is delivered. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
}

static void arm(void)
{
    struct itimerval it = {.it_value = {.tv_usec = 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

__attribute__((noinline)) static unsigned long one_block(void)
{
    unsigned long n = 0;
    int t = ticks;
    arm();
    while (ticks == t)
        n++;
    return n != 0;
}

__attribute__((noinline)) static unsigned long many_blocks(volatile unsigned long *p)
{
    unsigned long n = 0;
    int t = ticks;
    arm();
    while (ticks == t) {
        if (*p & 1)
            n += 3;
        else
            n += 5;
        (*p)++;
        if (n & 8)
            n ^= 1;
    }
    return n != 0;
}

__attribute__((noinline)) static int step_a(int x) { return x + 1; }
__attribute__((noinline)) static int step_b(int x) { return x ^ 2; }
static int (*volatile steps[2])(int) = {step_a, step_b};

__attribute__((noinline)) static unsigned long indirect(void)
{
    int x = 0;
    int t = ticks;
    arm();
    for (unsigned i = 0; ticks == t; i++)
        x = steps[i & 1](x);
    return x != 0x12345678;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    volatile unsigned long v = 0;
    printf("one block: %lu\n", one_block());
    printf("many blocks: %lu\n", many_blocks(&v));
    printf("indirect: %lu\n", indirect());
    printf("ticks: %d\n", (int)ticks);
    return 0;
}
