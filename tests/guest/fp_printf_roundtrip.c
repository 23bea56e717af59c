// GUEST_CFLAGS: -lm
/* printf/strtod/strtof round trips of doubles and floats: %a, %e, %g, %.17g,
 * hex float input, denormals, infinities and NaNs. glibc's conversions are
 * long integer/FP code paths (multi-precision, FMOV, FCVT, FRINT), so this
 * catches both FP and integer slips. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static void show_double(double d)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", d);
    double back = strtod(buf, NULL);
    char hex[64];
    snprintf(hex, sizeof hex, "%a", d);
    double hback = strtod(hex, NULL);
    printf("%016llx %%a=%s %%e=%e %%g=%g %%.17g=%s rt=%s hexrt=%s\n", (unsigned long long)dbits(d),
           hex, d, d, buf, dbits(back) == dbits(d) || (isnan(d) && isnan(back)) ? "ok" : "BAD",
           dbits(hback) == dbits(d) || (isnan(d) && isnan(hback)) ? "ok" : "BAD");
}

static void show_float(float f)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.9g", f);
    float back = strtof(buf, NULL);
    printf("%08x %%a=%a %%e=%e %%.9g=%s rt=%s\n", (unsigned)fbits(f), (double)f, (double)f, buf,
           fbits(back) == fbits(f) || (isnan(f) && isnan(back)) ? "ok" : "BAD");
}

int main(void)
{
    static const double dv[] = {0.0,     -0.0,      1.0,     -1.0,    0.1,     1.0 / 3,
                                2.0 / 3, 1e300,     1e-300,  DBL_MAX, DBL_MIN, DBL_EPSILON,
                                5e-324,  2.2e-308, 123456789.125, -9.87654321e-15, M_PI, M_E};
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++)
        show_double(OPAQUE(dv[i]));
    double zero = OPAQUE(0.0);
    show_double(1.0 / zero);
    show_double(-1.0 / zero);
    show_double(zero / zero);
    show_double(-(zero / zero));
    show_double(from_bits(0x000fffffffffffffull)); /* largest denormal */
    show_double(from_bits(0x0000000000000001ull));
    show_double(from_bits(0x7ff4000000000000ull)); /* signalling NaN, printed only */

    static const float fv[] = {0.0f, -0.0f, 0.1f, 1.0f / 3, 16777217.0f, FLT_MAX, FLT_MIN,
                               1e-45f, 1.17549421e-38f, 3.4e38f, -2.5f, 65504.0f};
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++)
        show_float(OPAQUE(fv[i]));
    float fz = OPAQUE(0.0f);
    show_float(1.0f / fz);
    show_float(fz / fz);

    /* Parse hex floats, denormal strings, inf/nan spellings, rounding edge cases. */
    static const char *in[] = {"0x1.fffffffffffffp1023", "0x1p-1074", "0x1.8p-1075",
                               "0x1p-1075",             "0x1.0000000000001p0", "0X1.FFFFFFFFFFFFF8P0",
                               "2.4703282292062328e-324", "2.4703282292062327e-324",
                               "1.7976931348623158e308", "1.7976931348623159e308", "inf",
                               "-Infinity", "nan", "-nan", "nan(0x123)", "1e-400", "1e400",
                               "9007199254740993", "0.1e1", ".5", "-0x.8p1", "4.9406564584124654e-324",
                               "2.2250738585072011e-308", "123456789012345678901234567890"};
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        char *end;
        double d = strtod(in[i], &end);
        float f = strtof(in[i], NULL);
        printf("strtod(%s) = %016llx %.17g used %d; strtof = %08x %a\n", in[i],
               (unsigned long long)dbits(d), d, (int)(end - in[i]), (unsigned)fbits(f), (double)f);
    }

    /* Many random round trips, hashed. */
    uint64_t h = GUEST_HASH_INIT;
    int bad = 0;
    for (int i = 0; i < 3000; i++) {
        uint64_t u = guest_rand();
        double d = from_bits(u);
        if (isnan(d))
            continue;
        char buf[40];
        snprintf(buf, sizeof buf, "%.17g", d);
        double b = strtod(buf, NULL);
        bad += dbits(b) != u;
        for (char *p = buf; *p; p++)
            h = guest_mix(h, (uint8_t)*p);
        float f;
        uint32_t fu = (uint32_t)(u >> 17);
        memcpy(&f, &fu, 4);
        if (isnan(f))
            continue;
        snprintf(buf, sizeof buf, "%.9e", f);
        bad += fbits(strtof(buf, NULL)) != fu;
        h = guest_mix(h, fbits((float)d));
        h = guest_mix(h, dbits((double)f));
    }
    printf("random round trips: %d bad, hash %016llx\n", bad, (unsigned long long)h);
    printf("%.0f %.20f %.3Lf %10.4f|%-10.2e|%+g\n", 1e22, 0.1, (long double)2.5L, M_PI, -M_PI,
           1e-5);
    return 0;
}
