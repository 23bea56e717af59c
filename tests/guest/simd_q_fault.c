/* 128-bit loads and stores (LDR/STR Q) that straddle into a page the program protected: the
 * SIGSEGV handler sees the address the access faulted at, opens the page and returns, and the
 * access runs again.  A straddling store has stored its first doubleword before the fault (as
 * an access split in two doublewords does).  Also a plain EOR of whole registers. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static unsigned char *page;
static volatile int faults;
static volatile long offset;
static unsigned char seen[8]; /* the doubleword before the protected page, at the fault */

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    faults++;
    offset = (unsigned char *)si->si_addr - page;
    memcpy(seen, page + 4088, 8);
    mprotect(page + 4096, 4096, PROT_READ | PROT_WRITE);
}

static void show(const char *what, const unsigned char *p)
{
    printf("%s: faults %d at offset %ld, first half then %02x%02x:", what, faults, offset,
           seen[0], seen[7]);
    for (int i = 0; i < 16; i++)
        printf(" %02x", p[i]);
    printf("\n");
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, NULL);
    page = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 8192; i++)
        page[i] = (unsigned char)(i * 7 + 3);

    unsigned char out[16];
    for (int off = 8; off >= 0; off -= 8) {
        /* Load: the protected page holds the second doubleword, or (off 0) all of it. */
        mprotect(page + 4096, 4096, PROT_NONE);
        faults = 0, offset = 0;
        unsigned char *a = page + 4096 - off;
        __asm__ volatile("ldr q0, [%1]\n\tstr q0, [%0]" : : "r"(out), "r"(a) : "v0", "memory");
        show("load", out);

        /* Store: the same, into a read-only page. */
        mprotect(page + 4096, 4096, PROT_READ);
        faults = 0, offset = 0;
        unsigned char src[16];
        for (int i = 0; i < 16; i++)
            src[i] = (unsigned char)(0xa0 + i + off);
        __asm__ volatile("ldr q1, [%0]\n\tstr q1, [%1]" : : "r"(src), "r"(a) : "v1", "memory");
        show("store", a);
    }

    /* In range, with a displacement: no fault. */
    faults = 0, offset = 0;
    __asm__ volatile("ldr q2, [%1, #32]\n\tstr q2, [%0]" : : "r"(out), "r"(page) : "v2", "memory");
    show("disp", out);

    /* Whole-register logic on loaded values. */
    uint64_t r[2];
    __asm__ volatile("ldr q3, [%1]\n\tldr q4, [%1, #16]\n\t"
                     "eor v5.16b, v3.16b, v4.16b\n\tand v6.16b, v3.16b, v4.16b\n\t"
                     "orr v7.16b, v5.16b, v6.16b\n\tbic v5.16b, v7.16b, v3.16b\n\t"
                     "str q5, [%0]"
                     : : "r"(r), "r"(page + 100) : "v3", "v4", "v5", "v6", "v7", "memory");
    printf("logic %016llx %016llx\n", (unsigned long long)r[0], (unsigned long long)r[1]);
    return 0;
}
