/* Runs of scalar FP operations (one JIT group) in which a NaN, made by an invalid operation
 * or brought in by an operand, appears in a result that only a later operation of the run
 * reads, or that a later operation overwrites unread: the JIT checks only the results no later
 * operation of a run reads (a NaN propagates to those), so each such NaN must still send the
 * run to its slow path, with Arm's NaN and FPSR.IOC.  Also under a non-default FPCR (the whole
 * run through the helpers).  Results and FPSR are printed. */
#include <stdint.h>
#include <stdio.h>

#include "guest.h"

/* t = a * b (read by the next op only); u = t + c; v = u * c; w = a - c, overwritten unread by
 * w = b * c; the result v + w. */
static void chain(const char *what, uint64_t fpcr, double a, double b, double c)
{
    double t, u, w, r;
    uint64_t fpsr;
    __asm__ volatile("msr fpcr, %6\n\t"
                     "msr fpsr, xzr\n\t"
                     "fmul %d0, %d7, %d8\n\t"
                     "fadd %d1, %d0, %d9\n\t"
                     "fmul %d1, %d1, %d9\n\t"
                     "fsub %d2, %d7, %d9\n\t"
                     "fmul %d2, %d8, %d9\n\t"
                     "fmadd %d3, %d1, %d9, %d2\n\t"
                     "mrs %4, fpsr\n\t"
                     "msr fpcr, xzr"
                     : "=&w"(t), "=&w"(u), "=&w"(w), "=&w"(r), "=&r"(fpsr), "+w"(a)
                     : "r"(fpcr), "w"(a), "w"(b), "w"(c));
    printf("%-22s %016llx %016llx %016llx %016llx fpsr %02llx\n", what,
           (unsigned long long)guest_dbits(t), (unsigned long long)guest_dbits(u), (unsigned long long)guest_dbits(w),
           (unsigned long long)guest_dbits(r), (unsigned long long)fpsr);
}

/* A NaN made first and overwritten before anything reads it, the run's last result normal. */
static void overwritten(const char *what, double a, double b, double c)
{
    double x, y;
    uint64_t fpsr;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fdiv %d0, %d3, %d4\n\t"
                     "fsqrt %d1, %d5\n\t"
                     "fmul %d0, %d5, %d5\n\t"
                     "fadd %d1, %d5, %d0\n\t"
                     "mrs %2, fpsr"
                     : "=&w"(x), "=&w"(y), "=&r"(fpsr)
                     : "w"(a), "w"(b), "w"(c));
    printf("%-22s %016llx %016llx fpsr %02llx\n", what, (unsigned long long)guest_dbits(x),
           (unsigned long long)guest_dbits(y), (unsigned long long)fpsr);
}

/* Only the last op's result is checked: s = a + b, read by p = s * c, which alone may be NaN. */
static void last_only(const char *what, uint64_t fpcr, double a, double b, double c)
{
    double sum, p;
    uint64_t fpsr;
    __asm__ volatile("msr fpcr, %3\n\t"
                     "msr fpsr, xzr\n\t"
                     "fadd %d0, %d4, %d5\n\t"
                     "fmul %d1, %d0, %d6\n\t"
                     "mrs %2, fpsr\n\t"
                     "msr fpcr, xzr"
                     : "=&w"(sum), "=&w"(p), "=&r"(fpsr)
                     : "r"(fpcr), "w"(a), "w"(b), "w"(c));
    printf("%-22s %016llx %016llx fpsr %02llx\n", what, (unsigned long long)guest_dbits(sum),
           (unsigned long long)guest_dbits(p), (unsigned long long)fpsr);
}

int main(void)
{
    const double inf = __builtin_inf(), nan_payload = guest_dfrom(0x7ff4000000000123ull);
    const double snan = guest_dfrom(0x7ff0000000000042ull), qnan = guest_dfrom(0xfff8000000000077ull);
    chain("normal", 0, 1.5, 2.25, 3.0);
    chain("inf*0 in t", 0, inf, 0.0, 3.0);
    chain("inf-inf in u", 0, inf, 1.0, -inf);
    chain("qnan operand", 0, qnan, 2.0, 3.0);
    chain("snan operand", 0, 2.0, snan, 3.0);
    chain("payload in c", 0, 2.0, 3.0, nan_payload);
    chain("nan only in w", 0, inf, 1.0, inf);
    chain("fpcr rmode zero", 3u << 22, 1.1, 2.3, 3.7);
    chain("fpcr fz, tiny", 1u << 24, 1e-300, 1e-10, 3.0);
    chain("fpcr dn, nan", 1u << 25, qnan, 2.0, 3.0);
    overwritten("normal", 1.0, 2.0, 3.0);
    overwritten("0/0 overwritten", 0.0, 0.0, 3.0);
    overwritten("sqrt(-1) overwritten", 1.0, 2.0, -1.0);
    overwritten("inf/inf overwritten", inf, inf, 0.5);
    last_only("normal", 0, 1.1, 2.3, 3.7);
    last_only("inf*0 last", 0, __builtin_inf(), 1.0, 0.0);
    last_only("fpcr rmode zero", 3u << 22, 1.1, 2.3, 3.7);
    for (int i = 0; i < 3; i++) { /* again once the blocks are hot */
        last_only("loop inf*0 last", 0, inf, 1.0, 0.0 * i);
        chain("loop inf*0", 0, inf, 0.0, 3.0 + i);
        overwritten("loop 0/0", 0.0, 0.0, 3.0 + i);
    }
    return 0;
}
