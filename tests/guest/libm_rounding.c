// GUEST_CFLAGS: -frounding-math -lm
/* The rounding functions under each fesetround mode: rint/nearbyint/lrint/
 * llrint follow the current mode (FRINTX/FRINTI, FCVT with FPCR.RMode),
 * round/lround/trunc/floor/ceil do not (FRINTA/Z/M/P, FCVTAS...). Arithmetic
 * rounding under each mode too (FADD/FDIV/FSQRT/FCVT narrowing), and
 * fegetround reading FPCR back. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

static const struct {
    int mode;
    const char *name;
} modes[] = {
    {FE_TONEAREST, "nearest"},
    {FE_UPWARD, "upward"},
    {FE_DOWNWARD, "downward"},
    {FE_TOWARDZERO, "towardzero"},
};

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

int main(void)
{
    static const double v[] = {0.5,  1.5,  2.5,   -0.5, -1.5, -2.5, 0.49999999999999994,
                               2.7,  -2.7, 1e15 + 0.5, -0.0, 4503599627370495.5, 1e300,
                               8388608.5, -3.0};
    const unsigned n = sizeof v / sizeof v[0];
    for (unsigned m = 0; m < 4; m++) {
        if (fesetround(modes[m].mode) != 0)
            printf("fesetround failed\n");
        printf("== %s (fegetround %s)\n", modes[m].name,
               fegetround() == modes[m].mode ? "matches" : "DIFFERS");
        for (unsigned i = 0; i < n; i++) {
            double d = OPAQUE(v[i]);
            float f = (float)d;
            printf("%-22.17g rint=%g nearbyint=%g lrint=%ld llrint=%lld rintf=%g lrintf=%ld | "
                   "round=%g lround=%ld llround=%lld trunc=%g floor=%g ceil=%g roundf=%g\n",
                   d, rint(d), nearbyint(d), fabs(d) < 1e18 ? lrint(d) : 0,
                   fabs(d) < 1e18 ? llrint(d) : 0, (double)rintf(f),
                   fabsf(f) < 1e18f ? lrintf(f) : 0, round(d), fabs(d) < 1e18 ? lround(d) : 0,
                   fabs(d) < 1e18 ? llround(d) : 0, trunc(d), floor(d), ceil(d),
                   (double)roundf(f));
        }
        /* Arithmetic follows the mode too. */
        double one = OPAQUE(1.0), three = OPAQUE(3.0), two = OPAQUE(2.0);
        float f3 = OPAQUE(3.0f);
        double big = OPAQUE(1e308);
        printf("1/3=%a -1/3=%a sqrt2=%a 1/3f=%a (float)0.1=%a 1+2^-60=%a big*10=%g -big*10=%g "
               "(float)1e300=%g sum=%a\n",
               one / three, -one / three, sqrt(two), (double)(1.0f / f3),
               (double)(float)OPAQUE(0.1), one + 0x1p-60, big * 10, -big * 10,
               (double)(float)OPAQUE(1e300), 0.1 + OPAQUE(0.2));
        uint64_t h = GUEST_HASH_INIT;
        for (int i = 0; i < 1000; i++) {
            double a = (double)(int64_t)guest_rand() / 1048576.0;
            double b = (double)(guest_rand() >> 20) / 3.0 + 1;
            h = guest_mix(h, dbits(a / b));
            h = guest_mix(h, dbits(a * b));
            h = guest_mix(h, dbits(a + b));
            h = guest_mix(h, dbits(rint(a / 1024)));
            h = guest_mix(h, dbits(sqrt(b)));
            h = guest_mix(h, (uint64_t)lrint(a / 4096));
            h = guest_mix(h, (uint64_t)(int64_t)(float)a);
        }
        printf("random hash %016llx\n", (unsigned long long)h);
    }
    fesetround(FE_TONEAREST);
    return 0;
}
