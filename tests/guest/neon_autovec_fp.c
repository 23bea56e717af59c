// GUEST_CFLAGS: -ffp-contract=off -lm
// GUEST_OPTFLAGS: -O3 -fno-math-errno -fno-trapping-math -fno-signed-zeros -fassociative-math
/* -O3 auto-vectorised float/double loops: saxpy (FMUL+FADD and explicit fma ->
 * FMLA), dot products and sums (reduced with FADDP; the data are small integers
 * so any summation order gives the same exact result), min/max (FMINNM/FMAXNM
 * and their reductions), abs/neg, sqrt/div, floor/ceil/round/trunc (FRINT*),
 * int<->float conversions (SCVTF/FCVTZS/UCVTF) and float<->double (FCVTL/FCVTN).
 * -ffp-contract=off in every variant keeps a*x+y unfused, so O0 and O3 agree. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

#define N 515

static float xf[N], yf[N], zf[N], sf1[N], sf2[N];
static double xd[N], yd[N], zd[N];
static int32_t i32[N];
static int16_t i16[N];
static uint32_t u32[N];
static uint64_t h = GUEST_HASH_INIT;

static uint64_t hash_f(const float *p, int n)
{
    uint64_t hh = GUEST_HASH_INIT;
    for (int i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &p[i], 4);
        hh = guest_mix(hh, u);
    }
    return hh;
}

static uint64_t hash_d(const double *p, int n)
{
    uint64_t hh = GUEST_HASH_INIT;
    for (int i = 0; i < n; i++) {
        uint64_t u;
        memcpy(&u, &p[i], 8);
        hh = guest_mix(hh, u);
    }
    return hh;
}

static void out(const char *name, uint64_t v, double sample)
{
    h = guest_mix(h, v);
    printf("%-14s %016llx  [%.17g]\n", name, (unsigned long long)v, sample);
}

__attribute__((noinline)) static void saxpy(float *y, const float *x, float a, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
}

__attribute__((noinline)) static void daxpy_fma(double *y, const double *x, double a, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = fma(a, x[i], y[i]);
}

__attribute__((noinline)) static void saxpy_fma(float *y, const float *x, float a, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = fmaf(a, x[i], y[i]);
}

__attribute__((noinline)) static float sdot(const float *x, const float *y, int n)
{
    float s = 0;
    for (int i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

__attribute__((noinline)) static double dsum(const double *x, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += x[i];
    return s;
}

__attribute__((noinline)) static float fmaxv(const float *x, int n)
{
    float m = -INFINITY;
    for (int i = 0; i < n; i++)
        m = fmaxf(m, x[i]);
    return m;
}

__attribute__((noinline)) static double dminv(const double *x, int n)
{
    double m = INFINITY;
    for (int i = 0; i < n; i++)
        m = fmin(m, x[i]);
    return m;
}

__attribute__((noinline)) static void fminmax(float *d, const float *x, const float *y, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = fminf(x[i], y[i]) + 2 * fmaxf(x[i], -y[i]);
}

__attribute__((noinline)) static void absneg(double *d, const double *x, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = -fabs(x[i]) * 0.5;
}

__attribute__((noinline)) static void sqrtdiv(float *d, const float *x, const float *y, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = sqrtf(fabsf(x[i])) / (y[i] + 1000.0f);
}

__attribute__((noinline)) static void dsqrtdiv(double *d, const double *x, const double *y, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = sqrt(fabs(x[i]) + 1) / (y[i] - 1000.5);
}

__attribute__((noinline)) static void rounders(float *d, const float *x, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = floorf(x[i] * 0.37f) + ceilf(x[i] * 0.11f) * 3 + roundf(x[i] * 0.5f) * 7 +
               truncf(x[i] * 0.23f) * 11;
}

__attribute__((noinline)) static void drounders(double *d, const double *x, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = floor(x[i] / 3) + ceil(x[i] * 0.3) * 5 + round(x[i] * 0.25) * 9 + rint(x[i] / 7);
}

__attribute__((noinline)) static void to_int(int32_t *d, const float *x, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (int32_t)(x[i] * 1000.0f);
}

__attribute__((noinline)) static void from_int(float *d, const int32_t *a, const int16_t *b,
                                               const uint32_t *c, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = ((float)a[i] * 0.25f - (float)c[i]) * (float)(b[i] >> 6);
}

__attribute__((noinline)) static void f2d(double *d, const float *x, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (double)x[i] * 1.0000001;
}

__attribute__((noinline)) static void d2f(float *d, const double *x, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (float)(x[i] / 3.0);
}

__attribute__((noinline)) static int count_gt(const double *x, const double *y, int n)
{
    int c = 0;
    for (int i = 0; i < n; i++)
        c += x[i] > y[i];
    return c;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        uint64_t r = guest_rand();
        xf[i] = (float)((int)(r & 0xfff) - 2048);
        yf[i] = (float)((int)((r >> 12) & 0xfff) - 2048);
        xd[i] = (double)((int64_t)(r >> 24) % 100000);
        yd[i] = (double)((int)((r >> 44) & 0xfffff) - 500000) / 64.0;
        i32[i] = (int32_t)(r >> 7);
        i16[i] = (int16_t)(r >> 33);
        u32[i] = (uint32_t)(r >> 29);
        sf1[i] = (float)((int)(r >> 50 & 127) - 64);
        sf2[i] = (float)((int)(r >> 57 & 127) - 64);
    }
    memcpy(zf, yf, sizeof zf);
    saxpy(zf, xf, 1.5f, N);
    out("saxpy", hash_f(zf, N), zf[17]);
    memcpy(zf, yf, sizeof zf);
    saxpy_fma(zf, xf, 0.1f, N);
    out("saxpy_fma", hash_f(zf, N), zf[17]);
    memcpy(zd, yd, sizeof zd);
    daxpy_fma(zd, xd, 1.0 / 3, N);
    out("daxpy_fma", hash_d(zd, N), zd[17]);
    out("sdot", 0, sdot(sf1, sf2, N));
    out("dsum", 0, dsum(xd, N));
    out("fmaxv", 0, fmaxv(xf, N));
    out("dminv", 0, dminv(yd, N));
    fminmax(zf, xf, yf, N);
    out("fminmax", hash_f(zf, N), zf[3]);
    absneg(zd, yd, N);
    out("absneg", hash_d(zd, N), zd[3]);
    sqrtdiv(zf, xf, yf, N);
    out("sqrtdiv", hash_f(zf, N), zf[3]);
    dsqrtdiv(zd, xd, yd, N);
    out("dsqrtdiv", hash_d(zd, N), zd[3]);
    rounders(zf, xf, N);
    out("rounders", hash_f(zf, N), zf[3]);
    drounders(zd, xd, N);
    out("drounders", hash_d(zd, N), zd[3]);
    for (int i = 0; i < N; i++)
        zf[i] = xf[i] / 7.0f;
    to_int(i32, zf, N);
    uint64_t hi = GUEST_HASH_INIT;
    for (int i = 0; i < N; i++)
        hi = guest_mix(hi, (uint32_t)i32[i]);
    out("to_int", hi, i32[3]);
    from_int(zf, i32, i16, u32, N);
    out("from_int", hash_f(zf, N), zf[3]);
    f2d(zd, xf, N);
    out("f2d", hash_d(zd, N), zd[3]);
    d2f(zf, yd, N);
    out("d2f", hash_f(zf, N), zf[3]);
    out("count_gt", (uint64_t)count_gt(xd, yd, N), 0);
    printf("all %016llx\n", (unsigned long long)h);
    return 0;
}
