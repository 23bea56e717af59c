// GUEST_CFLAGS: -lm
/* Basic floating point (FADD/FMUL/FDIV/FSQRT/FCVT*, SCVTF/UCVTF/FCVTZS,
 * FCMP, FMADD) printed with fixed precision; the full SIMD/FP coverage is
 * elsewhere. */
#include <math.h>
#include <stdio.h>
#include "guest.h"

int main(void)
{
    double x = OPAQUE(1.0), s = 0;
    for (int i = 1; i <= 1000; i++) {
        s += x / i;
        x = -x;
    }
    printf("alternating harmonic %.12f (ln2 %.12f)\n", s, log(2.0));
    float f = OPAQUE(3.0f);
    printf("sqrt(3)f=%.6f sqrt(2)=%.15f fma=%.17g\n", sqrtf(f), sqrt(OPAQUE(2.0)),
           fma(OPAQUE(0.1), 10.0, -1.0));
    const double v[] = {0.5, -0.5, 1.5, -2.5, 1e10, -1e-10, 3e9, -3e9, 123.456};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        double d = OPAQUE(v[i]);
        printf("%g: (int)=%d (long)=%ld (unsigned)=%u round=%g floor=%g ceil=%g trunc=%g lrint=%ld "
               "(float)=%.9g\n",
               d, (int)fmax(fmin(d, 2e9), -2e9), (long)d, d > 0 && d < 4e9 ? (unsigned)d : 0,
               round(d), floor(d), ceil(d), trunc(d), lrint(d), (double)(float)d);
    }
    long l = OPAQUE(-123456789012345l);
    unsigned long ul = OPAQUE(18446744073709551615ul);
    printf("scvtf %.1f ucvtf %.1f int->float %.1f\n", (double)l, (double)ul, (double)(float)OPAQUE(16777217));
    double a = OPAQUE(0.1), b = OPAQUE(0.2);
    printf("0.1+0.2=%.17g ==0.3:%d <:%d nan<1:%d inf=%f\n", a + b, a + b == 0.3, a < b,
           OPAQUE(NAN) < 1.0, OPAQUE(1.0) / OPAQUE(0.0));
    return 0;
}
