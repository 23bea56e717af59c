/* A store that faults after FP arithmetic in the same block (and, in a loop, in later
 * iterations): the SIGSEGV handler reads the FP registers and FPSR of the interrupted state from
 * the frame's fpsimd_context, so FP results the JIT keeps in host registers and the inexact flag
 * it has not yet put into FPSR must be there at the fault. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static unsigned char *page;
static volatile int faults;
static uint64_t seen_v0, seen_v1, seen_fpsr;

static void on_segv(int sig, siginfo_t *si, void *p)
{
    (void)sig, (void)si;
    ucontext_t *uc = p;
    struct fpsimd_context *fp = (struct fpsimd_context *)uc->uc_mcontext.__reserved;
    faults++;
    seen_v0 = (uint64_t)fp->vregs[0];
    seen_v1 = (uint64_t)fp->vregs[1];
    seen_fpsr = fp->fpsr;
    mprotect(page + 4096, 4096, PROT_READ | PROT_WRITE);
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, NULL);
    page = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    /* Straight-line: two inexact results, then the store. */
    mprotect(page + 4096, 4096, PROT_READ);
    double one = 1.0, three = 3.0, r0, r1;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fdiv d0, %d2, %d3\n\t"
                     "fadd d1, d0, %d2\n\t"
                     "str %4, [%5]\n\t"
                     "fmov %d0, d0\n\t"
                     "fmov %d1, d1"
                     : "=&w"(r0), "=&w"(r1)
                     : "w"(one), "w"(three), "r"(7L), "r"(page + 4096)
                     : "v0", "v1", "memory");
    printf("block: faults %d, v0 %016llx v1 %016llx fpsr %llx; after %a %a\n", faults,
           (unsigned long long)seen_v0, (unsigned long long)seen_v1,
           (unsigned long long)seen_fpsr, r0, r1);

    /* A loop: the store of the third iteration faults, before that iteration's FP work (the
     * inexact flag is the earlier iterations'). */
    mprotect(page + 4096, 4096, PROT_READ);
    faults = 0;
    double acc = 1.0, step = 1.1;
    unsigned char *q = page + 4096 - 16;
    long n = 5;
    /* x9 and x10, which the JIT keeps in host registers across the loop's iterations. */
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fmov d0, %d0\n\t"
                     "mov x9, %1\n\t"
                     "mov x10, %2\n"
                     "1:\n\t"
                     "str x9, [x10], #8\n\t"
                     "fmul d0, d0, %d3\n\t"
                     "fadd d1, d0, %d3\n\t"
                     "subs x9, x9, #1\n\t"
                     "b.ne 1b\n\t"
                     "fmov %d0, d0\n\t"
                     "mov %1, x9"
                     : "+w"(acc), "+r"(n)
                     : "r"(q), "w"(step)
                     : "v0", "v1", "x9", "x10", "memory", "cc");
    printf("loop: faults %d, v0 %016llx v1 %016llx fpsr %llx; after %a\n", faults,
           (unsigned long long)seen_v0, (unsigned long long)seen_v1,
           (unsigned long long)seen_fpsr, acc);
    return 0;
}
