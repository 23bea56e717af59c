/* Float -> integer conversions where C casts would be undefined: out of range,
 * infinities, NaN, -0.0 and halfway cases, through inline FCVTZS/FCVTZU/
 * FCVTNS/FCVTAS/FCVTMS/FCVTPS/FCVTNU/FCVTAU (W and X destinations, S and D
 * sources, and the fixed-point #fbits form), which saturate and return 0 for
 * NaN; plus SCVTF/UCVTF with and without fbits. FPSR's cumulative IOC/IXC
 * bits are read back (and cleared) around the conversions. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

#define CVT(insn, dst, src, dreg, sreg, extra)                                                     \
    ({                                                                                             \
        dst r_;                                                                                    \
        __asm__ volatile(insn " %" dreg "0, %" sreg "1" extra : "=r"(r_) : "w"(src));             \
        r_;                                                                                        \
    })

static uint64_t fpsr_take(void)
{
    uint64_t f;
    __asm__ volatile("mrs %0, fpsr\n\tmsr fpsr, xzr" : "=r"(f));
    return f & 0x9f;
}

static uint64_t h = GUEST_HASH_INIT;

static void conv_double(double d)
{
    fpsr_take();
    int32_t zs_w = CVT("fcvtzs", int32_t, d, "w", "d", "");
    uint64_t f1 = fpsr_take();
    uint32_t zu_w = CVT("fcvtzu", uint32_t, d, "w", "d", "");
    int64_t zs_x = CVT("fcvtzs", int64_t, d, "x", "d", "");
    uint64_t zu_x = CVT("fcvtzu", uint64_t, d, "x", "d", "");
    int64_t ns = CVT("fcvtns", int64_t, d, "x", "d", "");
    int32_t as = CVT("fcvtas", int32_t, d, "w", "d", "");
    int64_t ms = CVT("fcvtms", int64_t, d, "x", "d", "");
    int32_t ps = CVT("fcvtps", int32_t, d, "w", "d", "");
    uint32_t nu = CVT("fcvtnu", uint32_t, d, "w", "d", "");
    uint64_t au = CVT("fcvtau", uint64_t, d, "x", "d", "");
    int32_t fix = CVT("fcvtzs", int32_t, d, "w", "d", ", #16");
    uint64_t fixu = CVT("fcvtzu", uint64_t, d, "x", "d", ", #40");
    uint64_t f2 = fpsr_take();
    printf("%-24.17g zs.w %d (fpsr %02llx) zu.w %u zs.x %lld zu.x %llu ns %lld as %d ms %lld ps %d "
           "nu %u au %llu fix16 %d fixu40 %llu (fpsr %02llx)\n",
           d, zs_w, (unsigned long long)f1, zu_w, (long long)zs_x, (unsigned long long)zu_x,
           (long long)ns, as, (long long)ms, ps, nu, (unsigned long long)au, fix,
           (unsigned long long)fixu, (unsigned long long)f2);
}

static void conv_float(float f)
{
    fpsr_take();
    int32_t zs = CVT("fcvtzs", int32_t, f, "w", "s", "");
    uint64_t zu = CVT("fcvtzu", uint64_t, f, "x", "s", "");
    int64_t ns = CVT("fcvtns", int64_t, f, "x", "s", "");
    uint32_t pu = CVT("fcvtpu", uint32_t, f, "w", "s", "");
    int32_t mfix = CVT("fcvtzs", int32_t, f, "w", "s", ", #31");
    uint64_t fl = fpsr_take();
    printf("%-16.9g zs.w %d zu.x %llu ns.x %lld pu.w %u fix31 %d (fpsr %02llx)\n", (double)f, zs,
           (unsigned long long)zu, (long long)ns, pu, mfix, (unsigned long long)fl);
}

int main(void)
{
    static const double dv[] = {0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 2147483647.0,
                                2147483647.5, 2147483648.0, -2147483648.0, -2147483649.0,
                                4294967295.0, 4294967296.0, 9.2233720368547758e18,
                                9.2233720368547748e18, -9.2233720368547758e18, 1.8446744073709552e19,
                                1e300, -1e300, 1e-300, 32767.99999, -1.0};
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++)
        conv_double(OPAQUE(dv[i]));
    conv_double(INFINITY);
    conv_double(-INFINITY);
    conv_double(NAN);
    static const float fv[] = {0.0f, -1.0f, 0.999999f, -0.999999f, 2147483520.0f, 2147483648.0f,
                               -3e9f, 1.8e19f, 9.3e18f, 0.5f, 1.5f, -1.5f};
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++)
        conv_float(OPAQUE(fv[i]));
    conv_float(-INFINITY);
    conv_float(NAN);

    /* Int -> FP with fixed point, and rounding of large integers. */
    int64_t iv[] = {0, 1, -1, 0x7fffffffffffffffll, (int64_t)0x8000000000000000ull, 0x20000000000001ll,
                    0x20000000000003ll, 16777217, -16777219, 0x123456789abcdefll};
    for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
        int64_t x = OPAQUE(iv[i]);
        double d1, d2;
        float s1, s2;
        __asm__("scvtf %d0, %x1" : "=w"(d1) : "r"(x));
        __asm__("ucvtf %d0, %x1, #12" : "=w"(d2) : "r"(x));
        __asm__("scvtf %s0, %w1, #3" : "=w"(s1) : "r"(x));
        __asm__("ucvtf %s0, %x1" : "=w"(s2) : "r"(x));
        uint64_t db1, db2;
        uint32_t sb1, sb2;
        memcpy(&db1, &d1, 8);
        memcpy(&db2, &d2, 8);
        memcpy(&sb1, &s1, 4);
        memcpy(&sb2, &s2, 4);
        printf("%20lld scvtf.d %016llx ucvtf.d#12 %016llx scvtf.s(w)#3 %08x ucvtf.s %08x\n",
               (long long)x, (unsigned long long)db1, (unsigned long long)db2, sb1, sb2);
    }

    /* Random bit patterns, hashed. */
    for (int i = 0; i < 2000; i++) {
        uint64_t u = guest_rand();
        double d;
        u = (u & 0x800fffffffffffffull) | (uint64_t)(0x3c0 + (u >> 52) % 0x90) << 52;
        memcpy(&d, &u, 8);
        h = guest_mix(h, (uint64_t)CVT("fcvtzs", int64_t, d, "x", "d", ""));
        h = guest_mix(h, CVT("fcvtzu", uint32_t, d, "w", "d", ""));
        h = guest_mix(h, (uint64_t)CVT("fcvtas", int64_t, d, "x", "d", ""));
        h = guest_mix(h, (uint64_t)CVT("fcvtns", int32_t, d, "w", "d", ""));
        h = guest_mix(h, (uint64_t)CVT("fcvtzs", int64_t, d, "x", "d", ", #20"));
        h = guest_mix(h, fpsr_take());
    }
    printf("random conversions: hash %016llx\n", (unsigned long long)h);
    return 0;
}
