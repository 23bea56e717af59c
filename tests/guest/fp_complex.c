// GUEST_CFLAGS: -ffp-contract=off -lm
/* <complex.h>: multiplication and division (the C99 Annex G helpers __muldc3/
 * __divdc3 with their inf/NaN recovery), cexp/clog/csqrt/cpow/csin/catan/
 * cabs/carg/cproj in double and float, and a small radix-2 FFT whose inverse
 * must reproduce the input. Printed with %a, and hashed over random inputs.
 * -ffp-contract=off: -O2 would fuse the inline complex products into FMADDs. */
#include <complex.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

static uint64_t h = GUEST_HASH_INIT;

static void mixc(double complex z)
{
    double re = creal(z), im = cimag(z);
    uint64_t a, b;
    memcpy(&a, &re, 8);
    memcpy(&b, &im, 8);
    h = guest_mix(h, a);
    h = guest_mix(h, b);
}

static void show(const char *what, double complex z)
{
    printf("%-22s %a %+a i\n", what, creal(z), cimag(z));
}

static void fft(double complex *x, int n, int inverse)
{
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            double complex t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }
    for (int len = 2; len <= n; len <<= 1) {
        double complex w = cexp((inverse ? 2 : -2) * M_PI * I / len);
        for (int i = 0; i < n; i += len) {
            double complex wk = 1;
            for (int k = 0; k < len / 2; k++) {
                double complex u = x[i + k], v = x[i + k + len / 2] * wk;
                x[i + k] = u + v;
                x[i + k + len / 2] = u - v;
                wk *= w;
            }
        }
    }
    if (inverse)
        for (int i = 0; i < n; i++)
            x[i] /= n;
}

int main(void)
{
    double complex a = OPAQUE(1.5) + OPAQUE(-2.25) * I, b = OPAQUE(0.3) + 4.0 * I;
    show("a*b", a * b);
    show("a/b", a / b);
    show("cexp(a)", cexp(a));
    show("clog(a)", clog(a));
    show("csqrt(a)", csqrt(a));
    show("csqrt(-4)", csqrt(OPAQUE(-4.0) + 0.0 * I));
    show("cpow(a,b)", cpow(a, b));
    show("csin(b)", csin(b));
    show("ccos(a)", ccos(a));
    show("catan(a)", catan(a));
    show("casinh(b)", casinh(b));
    show("ctanh(a)", ctanh(a));
    show("conj(a)", conj(a));
    printf("%-22s %a %a\n", "cabs carg", cabs(a), carg(a));
    /* Annex G: infinities survive multiplication and division. */
    double inf = OPAQUE(INFINITY), nan = OPAQUE(NAN);
    double complex zinf = CMPLX(inf, nan), z0 = CMPLX(OPAQUE(0.0), 0.0);
    show("(inf,nan)*(1,1)", zinf * (1.0 + 1.0 * I));
    show("(1,1)/(0,0)", (1.0 + 1.0 * I) / z0);
    show("(1,1)/(inf,inf)", (1.0 + 1.0 * I) / CMPLX(inf, inf));
    show("cproj(inf,-3)", cproj(CMPLX(inf, -3.0)));
    show("big/big", CMPLX(1e300, 1e300) / CMPLX(OPAQUE(1e300), 1e-300));
    float complex fa = OPAQUE(1.5f) - 2.25f * I;
    float complex fb = fa * fa / (OPAQUE(0.5f) + 1.0f * I);
    printf("%-22s %a %+a i\n", "float fa*fa/(.5+i)", (double)crealf(fb), (double)cimagf(fb));
    float complex fe = cexpf(fa);
    printf("%-22s %a %+a i\n", "cexpf(fa)", (double)crealf(fe), (double)cimagf(fe));

    for (int i = 0; i < 500; i++) {
        double re = (double)(int64_t)guest_rand() / 9.2e18 * 20;
        double im = (double)(int64_t)guest_rand() / 9.2e18 * 20;
        double complex z = CMPLX(re, im), w = CMPLX(im / 3, re * 2);
        mixc(z * w);
        mixc(z / w);
        mixc(cexp(z));
        mixc(clog(z));
        mixc(csqrt(z));
        mixc(cpow(z, w / 10));
        mixc(csin(z));
    }
    printf("random hash %016llx\n", (unsigned long long)h);

    enum { n = 64 };
    double complex x[n], orig[n];
    for (int i = 0; i < n; i++)
        x[i] = orig[i] = CMPLX((double)(i % 7) - 3, (double)(i * i % 5));
    fft(x, n, 0);
    show("fft[1]", x[1]);
    show("fft[33]", x[33]);
    fft(x, n, 1);
    double err = 0;
    for (int i = 0; i < n; i++)
        err = fmax(err, cabs(x[i] - orig[i]));
    printf("ifft(fft(x)) max error %a\n", err);
    return 0;
}
