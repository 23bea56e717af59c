/* Runs of consecutive scalar FP operations (which the JIT checks as one group) where one
 * operation in the run raises a flag other than inexact or gives a special result: every
 * result and FPSR after the run, for operands that make the first, a middle or the last
 * operation overflow, divide by zero, be invalid, underflow or give a NaN. */
#include <stdint.h>
#include <stdio.h>

#include "guest.h"

static void run(const char *what, double a, double b, double c)
{
    double r0, r1, r2, r3;
    uint64_t fpsr;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fmul %d0, %d5, %d6\n\t"
                     "fdiv %d1, %d0, %d7\n\t"
                     "fadd %d2, %d1, %d5\n\t"
                     "fmadd %d3, %d2, %d6, %d7\n\t"
                     "mrs %4, fpsr"
                     : "=&w"(r0), "=&w"(r1), "=&w"(r2), "=&w"(r3), "=r"(fpsr)
                     : "w"(a), "w"(b), "w"(c));
    printf("%-12s %016llx %016llx %016llx %016llx fpsr %02llx\n", what,
           (unsigned long long)guest_dbits(r0), (unsigned long long)guest_dbits(r1),
           (unsigned long long)guest_dbits(r2), (unsigned long long)guest_dbits(r3),
           (unsigned long long)fpsr);
}

int main(void)
{
    run("plain", 1.5, 2.25, 3.0);
    run("inexact", 1.1, 2.2, 3.3);
    run("overflow", 1e300, 1e300, 3.0);
    run("mid-overflow", 1e300, 1e8, 1e-300);
    run("div-zero", 1.5, 2.0, 0.0);
    run("invalid", 0.0, 1e308 * 10, 0.0);
    run("last-inval", 1.0, 1e308 * 10, 1.0);
    run("underflow", 1e-300, 1e-300, 3.0);
    run("mid-tiny", 1e-200, 1e-100, 1e10);
    run("min-normal", 0x1p-511, 0x1p-511, 1.0);
    run("nan", __builtin_nan(""), 1.0, 2.0);
    run("exact-zero", 0.0, 5.0, 1.0);
    return 0;
}
