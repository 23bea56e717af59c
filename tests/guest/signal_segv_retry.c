/* A SIGSEGV handler that makes the page writable and returns: the faulting store runs again,
 * once, with the registers as they were at that instruction (work done before it in the same
 * block is neither lost nor repeated). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static char *page;
static volatile int faults;
static volatile long offset;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    faults++;
    offset = (char *)si->si_addr - page;
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    page = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile long a = 5, b = 7;
    long sum = 0;
    for (int i = 0; i < 3; i++) {
        long x = a * (i + 1) + b; /* register work before the store */
        sum += x;
        page[100 + i] = (char)x;  /* the first store faults */
        sum += page[100 + i];
    }
    printf("faults %d at offset %ld, sum %ld, bytes %d %d %d\n", faults, offset, sum, page[100],
           page[101], page[102]);

    /* Straight after the mapping call: the store is in the block that takes its result. */
    faults = 0;
    page = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile long c = 1, d = 2;
    long x = c + d;
    page[100] = (char)x;
    long y = x * 3 + page[100];
    printf("faults %d at offset %ld, x %ld y %ld\n", faults, offset, x, y);
    return 0;
}
