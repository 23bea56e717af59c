// GUEST_CFLAGS: -lm
/* long double is IEEE binary128 on AArch64 Linux and has no hardware support:
 * every operation is a libgcc soft-float call (__addtf3, __multf3, __divtf3,
 * __fixtfdi, __extenddftf2...) made of 64-bit integer arithmetic, CLZ, UMULH,
 * shifts and carries, plus glibc's printf/strtold for 113-bit mantissas and
 * the sqrtl/expl/logl/sinl libm. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

static uint64_t h = GUEST_HASH_INIT;

static void mixl(long double x)
{
    uint64_t w[2];
    memcpy(w, &x, 16);
    h = guest_mix(h, w[0]);
    h = guest_mix(h, w[1]);
}

static void show(const char *what, long double x)
{
    uint64_t w[2];
    memcpy(w, &x, 16);
    printf("%-16s %016llx%016llx %.36Lg %La\n", what, (unsigned long long)w[1],
           (unsigned long long)w[0], x, x);
}

int main(void)
{
    long double one = OPAQUE(1.0L), three = OPAQUE(3.0L), two = OPAQUE(2.0L);
    show("1/3", one / three);
    show("sqrtl(2)", sqrtl(two));
    show("1+eps", one + LDBL_EPSILON);
    show("1+eps/2", one + LDBL_EPSILON / 2);
    show("max", LDBL_MAX);
    show("min", LDBL_MIN);
    show("denorm_min", LDBL_TRUE_MIN * OPAQUE(1.0L));
    show("max*2", LDBL_MAX * two);
    show("0/0", (one - one) / (one - one));
    show("-1/0", -one / (one - one));
    show("expl(1)", expl(one));
    show("logl(10)", logl(OPAQUE(10.0L)));
    show("sinl(1e6)", sinl(OPAQUE(1e6L)));
    show("powl(3,-40.5)", powl(three, OPAQUE(-40.5L)));
    show("fmal", fmal(one / three, three, -one));
    show("(ld)0.1", (long double)OPAQUE(0.1));
    show("strtold(0.1)", strtold("0.1", NULL));
    show("(ld)UINT64_MAX", (long double)OPAQUE(UINT64_MAX));
    show("(ld)INT64_MIN", (long double)OPAQUE(INT64_MIN));
    long double big = OPAQUE(1.8446744073709551615e19L);
    printf("conversions: (double)(1/3)=%a (float)=%a (long)=%ld (ulong)(2^64-1)=%llu "
           "(int128)>>64=%llx\n",
           (double)(one / three), (double)(float)(one / three), (long)OPAQUE(-123456.999L),
           (unsigned long long)big,
           (unsigned long long)((unsigned __int128)(OPAQUE(1e30L)) >> 64));
    printf("compare: %d %d %d %d\n", one < three, one / three == (long double)(1.0 / 3.0),
           isnan((one - one) / (one - one)), (one / three) > 0.3333333333333333333333333333333L);
    printf("printf: %.40Lf %Le %Lg\n", one / three, LDBL_MAX, two / 7);

    /* Harmonic sum and random arithmetic, hashed. */
    long double s = 0;
    for (int i = 1; i <= 2000; i++)
        s += one / i;
    show("H(2000)", s);
    for (int i = 0; i < 1000; i++) {
        long double a = (long double)(int64_t)guest_rand() / (long double)(guest_rand() | 1);
        long double b = (long double)guest_rand() * 0x1p-40L;
        mixl(a + b);
        mixl(a - b);
        mixl(a * b);
        mixl(a / b);
        mixl(sqrtl(fabsl(a)));
        h = guest_mix(h, (uint64_t)(int64_t)(a * 1e6L));
        h = guest_mix(h, (uint64_t)(a < b) | (uint64_t)(a == a) << 1);
        char buf[64];
        snprintf(buf, sizeof buf, "%.36Lg", a);
        mixl(strtold(buf, NULL) - a);
    }
    printf("random hash %016llx\n", (unsigned long long)h);
    return 0;
}
