/* Blocks that follow a short B over a gap (ir/translate.c) and fault after it: the fault is
 * taken at the load's own pc with the instructions before it done (the output is compared
 * with qemu-aarch64 by jit/.../gap_fault; tests/unit/test_interp.c checks the instruction
 * count). */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile uintptr_t fault_pc;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    fault_pc = ((ucontext_t *)uc)->uc_mcontext.pc;
    siglongjmp(env, 1);
}

/* x5 += 1, skip two instructions, load through p (maybe faulting), x7 = loaded + 1. */
__attribute__((noinline)) static uint64_t gap_load(const uint64_t *p, uint64_t *count)
{
    uint64_t five = *count, seven;
    __asm__ volatile("add %0, %0, #1\n\t"
                     "b 1f\n\t"
                     "add %0, %0, #100\n\t"
                     "add %0, %0, #100\n"
                     "1:\tldr %1, [%2]\n\t"
                     "add %1, %1, #1"
                     : "+r"(five), "=&r"(seven)
                     : "r"(p)
                     : "memory");
    *count = five;
    return seven;
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 200;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    uint64_t *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static uint64_t good = 41;
    uint64_t count = 0, sum = 0, faults = 0;
    uintptr_t first_pc = 0;
    for (unsigned i = 0; i < n; i++) {
        volatile uint64_t before = count;
        if (sigsetjmp(env, 1)) {
            faults++;
            if (!first_pc)
                first_pc = fault_pc;
            /* The load faulted: the add before the B ran, the skipped adds did not. */
            if (count != before && count != before + 1)
                printf("count %llu after a fault from %llu\n", (unsigned long long)count,
                       (unsigned long long)before);
            continue;
        }
        sum += gap_load(i % 3 == 0 ? bad : &good, &count);
    }
    printf("gap_fault %u: count %llu sum %llu faults %llu, fault pc gap_load+%lld\n", n,
           (unsigned long long)count, (unsigned long long)sum, (unsigned long long)faults,
           first_pc ? (long long)(first_pc - (uintptr_t)gap_load) : -1ll);
    return 0;
}
