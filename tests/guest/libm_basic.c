// GUEST_CFLAGS: -lm
/* glibc libm over fixed and pseudo-random arguments: transcendental functions
 * (FMADD-heavy polynomial kernels, table lookups, FCVT/FMOV bit tricks) and the
 * exact functions (fmod, remainder, nextafter, ldexp, frexp, modf). Results are
 * hashed by bit pattern; a few are printed with %a so a slip shows its size. */
#include <math.h>
#include <stdint.h>
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

typedef double (*fn1)(double);
typedef double (*fn2)(double, double);
typedef float (*fn1f)(float);

static const struct {
    const char *name;
    fn1 f;
    fn1f ff;
} unary[] = {
    {"sin", sin, sinf},   {"cos", cos, cosf},     {"tan", tan, tanf},     {"exp", exp, expf},
    {"log", log, logf},   {"sqrt", sqrt, sqrtf},  {"cbrt", cbrt, cbrtf},  {"atan", atan, atanf},
    {"asin", asin, asinf}, {"sinh", sinh, sinhf}, {"tanh", tanh, tanhf}, {"log2", log2, log2f},
    {"log10", log10, log10f}, {"exp2", exp2, exp2f}, {"expm1", expm1, expm1f},
    {"log1p", log1p, log1pf}, {"erf", erf, erff}, {"lgamma", lgamma, lgammaf},
};

static const struct {
    const char *name;
    fn2 f;
} binary[] = {
    {"pow", pow},   {"atan2", atan2},         {"fmod", fmod},   {"remainder", remainder},
    {"hypot", hypot}, {"nextafter", nextafter}, {"fmax", fmax}, {"fmin", fmin},
    {"fdim", fdim}, {"copysign", copysign},
};

static double rand_double(void)
{
    /* Spread over magnitudes 2^-40..2^40 with both signs. */
    uint64_t r = guest_rand();
    double m = (double)(r >> 11) / 9007199254740992.0;
    int e = (int)((r >> 3) & 63) - 32;
    return ldexp(r & 1 ? -m : m, e);
}

int main(void)
{
    static const double fixed[] = {0.0, -0.0, 0.5, 1.0, -1.0, 2.0, 3.14159, 10.0, 100.5, -7.25,
                                   1e-300, 700.0, -745.0, 1e10, INFINITY, -INFINITY, NAN};
    const unsigned nfixed = sizeof fixed / sizeof fixed[0];
    for (unsigned k = 0; k < sizeof unary / sizeof unary[0]; k++) {
        uint64_t h = GUEST_HASH_INIT;
        for (unsigned i = 0; i < nfixed; i++) {
            h = guest_mix(h, dbits(unary[k].f(fixed[i])));
            h = guest_mix(h, fbits(unary[k].ff((float)fixed[i])));
        }
        for (int i = 0; i < 400; i++) {
            double x = rand_double();
            h = guest_mix(h, dbits(unary[k].f(x)));
            h = guest_mix(h, fbits(unary[k].ff((float)x)));
        }
        printf("%-7s %016llx  f(0.7)=%a f(1.5)=%.17g f(0.7f)=%a\n", unary[k].name,
               (unsigned long long)h, unary[k].f(OPAQUE(0.7)), unary[k].f(OPAQUE(1.5)),
               (double)unary[k].ff(OPAQUE(0.7f)));
    }
    for (unsigned k = 0; k < sizeof binary / sizeof binary[0]; k++) {
        uint64_t h = GUEST_HASH_INIT;
        for (unsigned i = 0; i < nfixed; i++)
            for (unsigned j = 0; j < nfixed; j++)
                h = guest_mix(h, dbits(binary[k].f(fixed[i], fixed[j])));
        for (int i = 0; i < 400; i++) {
            double x = rand_double(), y = rand_double();
            h = guest_mix(h, dbits(binary[k].f(x, y)));
        }
        printf("%-9s %016llx  f(2.5,-1.75)=%a f(1e300,3)=%.17g\n", binary[k].name,
               (unsigned long long)h, binary[k].f(OPAQUE(2.5), -1.75),
               binary[k].f(OPAQUE(1e300), 3.0));
    }

    /* fma: the single rounding must be visible. */
    double a = OPAQUE(1.0 + 0x1p-52), b = OPAQUE(1.0 - 0x1p-53);
    /* volatile: keeps -O2 from contracting the reference product into an FMADD */
    volatile double prod = a * b;
    printf("fma %a vs mul+add %a; fmaf %a\n", fma(a, b, -1.0), prod - 1.0,
           (double)fmaf((float)OPAQUE(1.0f + 0x1p-23f), 1.0f - 0x1p-24f, -1.0f));
    uint64_t h = GUEST_HASH_INIT;
    for (int i = 0; i < 500; i++) {
        double x = rand_double(), y = rand_double(), z = rand_double();
        h = guest_mix(h, dbits(fma(x, y, z)));
        h = guest_mix(h, fbits(fmaf((float)x, (float)y, (float)z)));
    }
    printf("fma hash %016llx\n", (unsigned long long)h);

    /* frexp/ldexp/modf/ilogb/logb/scalbn round trips, including denormals. */
    h = GUEST_HASH_INIT;
    static const double ex[] = {0.0, 1.0, -3.5, 1e-310, 4.9e-324, 1e308, 0.75, 123456.789};
    for (unsigned i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        int e;
        double m = frexp(OPAQUE(ex[i]), &e);
        double ip, fp = modf(ex[i] * 1.37, &ip);
        printf("frexp(%g)=%a*2^%d ldexp back %s modf(%g)=%g+%g ilogb=%d logb=%g scalbn(,-1070)=%a\n",
               ex[i], m, e, ldexp(m, e) == ex[i] ? "ok" : "BAD", ex[i] * 1.37, ip, fp,
               ex[i] != 0 ? ilogb(ex[i]) : 0, logb(ex[i]), scalbn(ex[i], -1070));
    }
    double x = OPAQUE(1.0);
    for (int i = 0; i < 2000; i++) {
        x = nextafter(x, i < 1000 ? 2.0 : 0.0);
        h = guest_mix(h, dbits(x));
        h = guest_mix(h, dbits(ldexp(x, i - 1000)));
    }
    printf("nextafter/ldexp hash %016llx back to %a; nextafter(0,1)=%a nextafterf(1,2)=%a\n",
           (unsigned long long)h, x, nextafter(OPAQUE(0.0), 1.0),
           (double)nextafterf(OPAQUE(1.0f), 2.0f));
    printf("fmod(-7.5,2)=%g remainder(7.5,2)=%g remquo:", fmod(OPAQUE(-7.5), 2.0),
           remainder(OPAQUE(7.5), 2.0));
    for (int i = -5; i <= 5; i++) {
        int q;
        double r = remquo(OPAQUE(i * 2.5), 2.0, &q);
        printf(" %g/%d", r, q);
    }
    printf("\n");
    return 0;
}
