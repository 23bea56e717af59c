/* A run of scalar FP operations (one JIT group) that starts while earlier results are still
 * only in host registers (a conversion, a square root) and overwrites them, with operands
 * that make a later operation of the run leave the fast path (a result in the smallest normal
 * binade, a NaN, an overflow): the run is then redone from the registers as they were at its
 * start, which must include those earlier results.  Results and FPSR are printed. */
#include <stdint.h>
#include <stdio.h>

#include "guest.h"

static void run(const char *what, int64_t n, double a, double b, double c)
{
    double r0, r1, r2, r3;
    uint64_t fpsr;
    __asm__ volatile("msr fpsr, xzr\n\t"
                     "fmov %d0, %d5\n\t"
                     "scvtf %d1, %6\n\t"
                     "fsqrt %d0, %d0\n\t"
                     "fadd %d1, %d1, %d7\n\t"
                     "fmul %d2, %d0, %d8\n\t"
                     "fdiv %d3, %d2, %d1\n\t"
                     "fadd %d0, %d3, %d8\n\t"
                     "mrs %4, fpsr"
                     : "=&w"(r0), "=&w"(r1), "=&w"(r2), "=&w"(r3), "=&r"(fpsr)
                     : "w"(a), "r"(n), "w"(b), "w"(c));
    printf("%-14s %016llx %016llx %016llx %016llx fpsr %02llx\n", what,
           (unsigned long long)guest_dbits(r0), (unsigned long long)guest_dbits(r1),
           (unsigned long long)guest_dbits(r2), (unsigned long long)guest_dbits(r3),
           (unsigned long long)fpsr);
}

int main(void)
{
    for (int round = 0; round < 3; round++) {
        run("plain", 7, 2.0, 0.5, 3.0);
        run("negative-n", -12345, 9.0, 1e10, -0.25);
        run("min-normal", 1, 4.0, -1.0, guest_dfrom(0x0010000000000000)); /* fmul in the binade */
        run("div-tiny", 3, 1.0, 1e300, guest_dfrom(0x0018000000000000));
        run("nan-sqrt", 5, -1.0, 2.0, 3.0);
        run("overflow", 2, 1e200, 1.0, 1e300);
        run("zero-div", 0, 0.0, 0.0, 1.0);
        run("subnormal", 9, 0.25, 0.5, guest_dfrom(0x0000000000000010));
        run("big-n", 0x7fffffffffffffff, 16.0, -3.0, 1e-300);
    }
    return 0;
}
