/* FPSR's cumulative inexact flag across blocks: an inexact operation in one block, then, in
 * later blocks, whatever may read, clear or lose the flag before FPSR is read: MRS FPSR,
 * MSR FPSR, an FP operation done by a helper (exact, or one whose host instruction raises an
 * inexact flag Arm does not), a system call, a signal handler's view of FPSR, and an FPCR change
 * in the middle of a loop.  A translator that keeps the flag in the host's FP status between
 * blocks must commit it at each of these; each line prints FPSR (and results) as the guest
 * sees it. */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "guest.h"

static double one = 1.0, tiny = 0x1p-60, big = 1e300;

/* Each "cbz xzr" starts a new block (a branch that is always taken). */
static __attribute__((noinline)) uint64_t read_after_branch(void)
{
    uint64_t s;
    double r;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fadd %d[r], %d[a], %d[b]\n\t" /* inexact */
                     "cbz xzr, 1f\n\t"
                     "nop\n"
                     "1:\tmrs %[s], fpsr"
                     : [s] "=&r"(s), [r] "=&w"(r)
                     : [a] "w"(one), [b] "w"(tiny));
    return s;
}

static __attribute__((noinline)) uint64_t cleared_in_later_block(void)
{
    uint64_t s;
    double r;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fadd %d[r], %d[a], %d[b]\n\t" /* inexact */
                     "cbz xzr, 1f\n\t"
                     "nop\n"
                     "1:\tmsr fpsr, xzr\n\t"
                     "cbz xzr, 2f\n\t"
                     "nop\n"
                     "2:\tfadd %d[r], %d[a], %d[a]\n\t" /* exact */
                     "cbz xzr, 3f\n\t"
                     "nop\n"
                     "3:\tmrs %[s], fpsr"
                     : [s] "=&r"(s), [r] "=&w"(r)
                     : [a] "w"(one), [b] "w"(tiny));
    return s;
}

static __attribute__((noinline)) uint64_t helper_after_inexact(void)
{
    uint64_t s;
    double r, m;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fadd %d[r], %d[a], %d[b]\n\t" /* inexact */
                     "cbz xzr, 1f\n\t"
                     "nop\n"
                     "1:\tfmaxnm %d[m], %d[a], %d[b]\n\t" /* exact */
                     "frintx %d[m], %d[m]\n\t"
                     "cbz xzr, 2f\n\t"
                     "nop\n"
                     "2:\tmrs %[s], fpsr"
                     : [s] "=&r"(s), [r] "=&w"(r), [m] "=&w"(m)
                     : [a] "w"(one), [b] "w"(tiny));
    return s;
}

/* Division by zero and overflow, scalar and in vector lanes: infinities that native code keeps,
 * with DZC and OFC (and IXC) pending until FPSR is read in a later block. */
static __attribute__((noinline)) uint64_t dz_overflow(int vec)
{
    uint64_t s;
    double r;
    if (vec)
        __asm__ volatile("msr fpsr, xzr\n\t"
                         "dup v16.2d, %[a].d[0]\n\t"
                         "movi v17.2d, #0\n\t"
                         "fdiv v18.2d, v16.2d, v17.2d\n\t"
                         "dup v17.2d, %[g].d[0]\n\t"
                         "fmul v18.2d, v17.2d, v17.2d\n\t"
                         "cbz xzr, 1f\n\t"
                         "nop\n"
                         "1:\tmrs %[s], fpsr"
                         : [s] "=&r"(s)
                         : [a] "w"(one), [g] "w"(big)
                         : "v16", "v17", "v18");
    else
        __asm__ volatile("msr fpsr, xzr\n\t"
                         "fdiv %d[r], %d[a], %d[z]\n\t"
                         "cbz xzr, 1f\n\t"
                         "nop\n"
                         "1:\tfmul %d[r], %d[g], %d[g]\n\t"
                         "cbz xzr, 2f\n\t"
                         "nop\n"
                         "2:\tmrs %[s], fpsr"
                         : [s] "=&r"(s), [r] "=&w"(r)
                         : [a] "w"(one), [g] "w"(big), [z] "w"(0.0));
    return s;
}

/* FCVTZS with fraction bits of an out-of-range value: Arm raises only invalid; the host's
 * conversion (if a helper tries it) raises inexact too. */
static __attribute__((noinline)) uint64_t helper_spurious_inexact(int64_t *out)
{
    uint64_t s;
    int64_t x;
    double r;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fcvtzs %[x], %d[g], #16\n\t"
                     "cbz xzr, 1f\n\t"
                     "nop\n"
                     "1:\tfadd %d[r], %d[a], %d[a]\n\t" /* exact */
                     "mrs %[s], fpsr"
                     : [s] "=&r"(s), [x] "=&r"(x), [r] "=&w"(r)
                     : [a] "w"(one), [g] "w"(big));
    *out = x;
    return s;
}

static __attribute__((noinline)) uint64_t across_syscall(void)
{
    uint64_t s;
    double r;
    register uint64_t x8 __asm__("x8") = SYS_getppid;
    register uint64_t x0 __asm__("x0");
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fadd %d[r], %d[a], %d[b]\n\t" /* inexact */
                     "svc #0\n\t"
                     "mrs %[s], fpsr"
                     : [s] "=&r"(s), [r] "=&w"(r), "=r"(x0)
                     : [a] "w"(one), [b] "w"(tiny), "r"(x8)
                     : "memory");
    return s;
}

static volatile uint64_t handler_fpsr;
static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
    struct fpsimd_context *fp = (struct fpsimd_context *)uc->uc_mcontext.__reserved;
    handler_fpsr = fp->head.magic == FPSIMD_MAGIC ? fp->fpsr : 0xdead;
}

static __attribute__((noinline)) uint64_t seen_by_handler(void)
{
    double r;
    pid_t pid = getpid();
    register uint64_t x8 __asm__("x8") = SYS_kill;
    register uint64_t x0 __asm__("x0") = (uint64_t)pid;
    register uint64_t x1 __asm__("x1") = SIGUSR1;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fadd %d[r], %d[a], %d[b]\n\t" /* inexact */
                     "cbz xzr, 1f\n\t"
                     "nop\n"
                     "1:\tsvc #0"
                     : [r] "=&w"(r), "+r"(x0)
                     : [a] "w"(one), [b] "w"(tiny), "r"(x8), "r"(x1)
                     : "memory");
    return handler_fpsr;
}

/* A loop of inexact operations that switches FPCR to round towards zero half way. */
static __attribute__((noinline)) uint64_t mode_switch_loop(uint64_t *fpsr)
{
    double acc = 0.1;
    uint64_t h = 0;
    __asm__ volatile("msr fpsr, xzr\n\tmsr fpcr, xzr");
    for (int i = 0; i < 64; i++) {
        if (i == 32)
            __asm__ volatile("msr fpcr, %0" : : "r"((uint64_t)3 << 22));
        acc = OPAQUE(acc) * 1.0000001 + 0.3;
        uint64_t b;
        memcpy(&b, &acc, sizeof b);
        h = h * 31 + b;
    }
    __asm__ volatile("mrs %0, fpsr" : "=r"(*fpsr));
    __asm__ volatile("msr fpcr, xzr");
    return h;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);

    /* Three rounds: the first runs each block as it is translated, the later ones with the
     * blocks chained to each other. */
    for (int round = 0; round < 3; round++) {
        printf("round %d\n", round);
        printf("mrs in a later block: fpsr %llx\n", (unsigned long long)read_after_branch());
        printf("msr fpsr in a later block: fpsr %llx\n",
               (unsigned long long)cleared_in_later_block());
        printf("helper after inexact: fpsr %llx\n", (unsigned long long)helper_after_inexact());
        int64_t x;
        uint64_t s = helper_spurious_inexact(&x);
        printf("fixed-point conversion out of range: %lld fpsr %llx\n", (long long)x,
               (unsigned long long)s);
        printf("across a system call: fpsr %llx\n", (unsigned long long)across_syscall());
        printf("divide by zero, overflow: fpsr %llx, in lanes %llx\n",
               (unsigned long long)dz_overflow(0), (unsigned long long)dz_overflow(1));
        printf("signal handler's fpsr %llx\n", (unsigned long long)seen_by_handler());
        uint64_t f, h = mode_switch_loop(&f);
        printf("fpcr switch in a loop: hash %016llx fpsr %llx\n", (unsigned long long)h,
               (unsigned long long)f);
    }
    return 0;
}
