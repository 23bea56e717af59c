/* Scalar floating point against special values: NaN payloads (quiet and
 * signalling), infinities, signed zeros, subnormals; arithmetic, fused
 * multiply-add, min/max, square root, conversions, rounding, comparisons.
 * Prints result bits. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t dvals[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000123ull, 0xfff8000000000456ull,
    0x7ff0000000000789ull, 0xfff4000000000abcull, 0x0000000000000001ull, 0x800fffffffffffffull,
    0x7fefffffffffffffull, 0x41dfffffffc00000ull, 0x43e0000000000000ull, 0xc3e0000000000001ull,
    0x4004000000000000ull, 0x400c000000000000ull, 0xc00a000000000000ull, 0x3fe0000000000000ull,
    0x41f0000000000000ull, 0x4340000000000001ull, 0x3fb999999999999aull, 0xc1e0000000200000ull,
};
static const uint32_t fvals[] = {
    0x00000000u, 0x80000000u, 0x3f800000u, 0xbfc00000u, 0x7f800000u, 0xff800000u, 0x7fc00123u,
    0xffc00456u, 0x7f800789u, 0xffa00abcu, 0x00000001u, 0x807fffffu, 0x7f7fffffu, 0x4effffffu,
    0x5f000000u, 0xdf000001u, 0x40200000u, 0x40600000u, 0xc0500000u, 0x3f000000u, 0x4f800000u,
    0x4b000001u, 0x3dcccccdu, 0xcf000001u,
};
#define ND (sizeof dvals / sizeof dvals[0])
#define NF (sizeof fvals / sizeof fvals[0])

static double D(uint64_t x) { double d; memcpy(&d, &x, 8); return d; }
static float F(uint32_t x) { float f; memcpy(&f, &x, 4); return f; }
static uint64_t BD(double d) { uint64_t x; memcpy(&x, &d, 8); return x; }
static uint32_t BF(float f) { uint32_t x; memcpy(&x, &f, 4); return x; }

static uint64_t h = 1469598103934665603ull;
static void mix(uint64_t v) { h = (h ^ v) * 1099511628211ull; }
static void report(const char *what)
{
    printf("%-8s %016llx\n", what, (unsigned long long)h);
    h = 1469598103934665603ull;
}

/* Each operation is its own instruction; the asm keeps the compiler from folding. */
#define OP2(name, insn, reg, type)                                                                 \
    static type name(type a, type b)                                                               \
    {                                                                                              \
        type r;                                                                                    \
        __asm__(insn " %" reg "0, %" reg "1, %" reg "2" : "=w"(r) : "w"(a), "w"(b));              \
        return r;                                                                                  \
    }
OP2(fadd_d, "fadd", "d", double) OP2(fsub_d, "fsub", "d", double) OP2(fmul_d, "fmul", "d", double)
OP2(fdiv_d, "fdiv", "d", double) OP2(fmax_d, "fmax", "d", double) OP2(fmin_d, "fmin", "d", double)
OP2(fmaxnm_d, "fmaxnm", "d", double) OP2(fminnm_d, "fminnm", "d", double)
OP2(fnmul_d, "fnmul", "d", double)
OP2(fadd_s, "fadd", "s", float) OP2(fsub_s, "fsub", "s", float) OP2(fmul_s, "fmul", "s", float)
OP2(fdiv_s, "fdiv", "s", float) OP2(fmax_s, "fmax", "s", float) OP2(fmin_s, "fmin", "s", float)
OP2(fmaxnm_s, "fmaxnm", "s", float) OP2(fminnm_s, "fminnm", "s", float)
OP2(fnmul_s, "fnmul", "s", float)

#define OP3(name, insn, reg, type)                                                                 \
    static type name(type a, type b, type c)                                                       \
    {                                                                                              \
        type r;                                                                                    \
        __asm__(insn " %" reg "0, %" reg "1, %" reg "2, %" reg "3"                                 \
                : "=w"(r) : "w"(a), "w"(b), "w"(c));                                               \
        return r;                                                                                  \
    }
OP3(fmadd_d, "fmadd", "d", double) OP3(fmsub_d, "fmsub", "d", double)
OP3(fnmadd_d, "fnmadd", "d", double) OP3(fnmsub_d, "fnmsub", "d", double)
OP3(fmadd_s, "fmadd", "s", float) OP3(fnmsub_s, "fnmsub", "s", float)

#define OP1(name, insn, rd, rn, tr, ta)                                                            \
    static tr name(ta a)                                                                           \
    {                                                                                              \
        tr r;                                                                                      \
        __asm__(insn " %" rd "0, %" rn "1" : "=r"(r) : "w"(a));                                    \
        return r;                                                                                  \
    }
OP1(fcvtzs_xd, "fcvtzs", "x", "d", int64_t, double) OP1(fcvtzu_xd, "fcvtzu", "x", "d", uint64_t, double)
OP1(fcvtzs_wd, "fcvtzs", "w", "d", int32_t, double) OP1(fcvtzu_wd, "fcvtzu", "w", "d", uint32_t, double)
OP1(fcvtns_xd, "fcvtns", "x", "d", int64_t, double) OP1(fcvtas_wd, "fcvtas", "w", "d", int32_t, double)
OP1(fcvtms_xd, "fcvtms", "x", "d", int64_t, double) OP1(fcvtpu_wd, "fcvtpu", "w", "d", uint32_t, double)
OP1(fcvtzs_ws, "fcvtzs", "w", "s", int32_t, float) OP1(fcvtzu_xs, "fcvtzu", "x", "s", uint64_t, float)
OP1(fcvtau_xs, "fcvtau", "x", "s", uint64_t, float)

#define FOP1(name, insn, reg, type)                                                                \
    static type name(type a)                                                                       \
    {                                                                                              \
        type r;                                                                                    \
        __asm__(insn " %" reg "0, %" reg "1" : "=w"(r) : "w"(a));                                  \
        return r;                                                                                  \
    }
FOP1(fsqrt_d, "fsqrt", "d", double) FOP1(frintn_d, "frintn", "d", double)
FOP1(frintp_d, "frintp", "d", double) FOP1(frintm_d, "frintm", "d", double)
FOP1(frintz_d, "frintz", "d", double) FOP1(frinta_d, "frinta", "d", double)
FOP1(frintx_d, "frintx", "d", double) FOP1(frinti_d, "frinti", "d", double)
FOP1(fsqrt_s, "fsqrt", "s", float) FOP1(frinta_s, "frinta", "s", float)
FOP1(frintn_s, "frintn", "s", float) FOP1(fabs_d, "fabs", "d", double) FOP1(fneg_s, "fneg", "s", float)

static uint64_t fcmp_flags(double a, double b)
{
    uint64_t r;
    __asm__("fcmp %d1, %d2\n\tmrs %0, nzcv" : "=r"(r) : "w"(a), "w"(b));
    return r;
}
static uint64_t fcmpe_flags_s(float a, float b)
{
    uint64_t r;
    __asm__("fcmpe %s1, %s2\n\tmrs %0, nzcv" : "=r"(r) : "w"(a), "w"(b));
    return r;
}
static uint64_t fcmp_zero(double a)
{
    uint64_t r;
    __asm__("fcmp %d1, #0.0\n\tmrs %0, nzcv" : "=r"(r) : "w"(a));
    return r;
}
static uint64_t fccmp_sel(double a, double b, long c)
{
    uint64_t r;
    double s;
    __asm__("cmp %3, #1\n\tfccmp %d1, %d2, #5, eq\n\tmrs %0, nzcv\n\tfcsel %d4, %d1, %d2, gt"
            : "=r"(r) : "w"(a), "w"(b), "r"(c), "w"(s));
    return r;
}

int main(void)
{
    for (unsigned i = 0; i < ND; i++)
        for (unsigned j = 0; j < ND; j++) {
            double a = D(dvals[i]), b = D(dvals[j]);
            mix(BD(fadd_d(a, b))); mix(BD(fsub_d(a, b))); mix(BD(fmul_d(a, b)));
            mix(BD(fdiv_d(a, b))); mix(BD(fnmul_d(a, b)));
        }
    report("d.arith");
    for (unsigned i = 0; i < ND; i++)
        for (unsigned j = 0; j < ND; j++) {
            double a = D(dvals[i]), b = D(dvals[j]);
            mix(BD(fmax_d(a, b))); mix(BD(fmin_d(a, b)));
            mix(BD(fmaxnm_d(a, b))); mix(BD(fminnm_d(a, b)));
            mix(fcmp_flags(a, b)); mix(fccmp_sel(a, b, (long)(i & 1)));
        }
    report("d.minmax");
    for (unsigned i = 0; i < NF; i++)
        for (unsigned j = 0; j < NF; j++) {
            float a = F(fvals[i]), b = F(fvals[j]);
            mix(BF(fadd_s(a, b))); mix(BF(fsub_s(a, b))); mix(BF(fmul_s(a, b)));
            mix(BF(fdiv_s(a, b))); mix(BF(fnmul_s(a, b)));
            mix(BF(fmax_s(a, b))); mix(BF(fmin_s(a, b)));
            mix(BF(fmaxnm_s(a, b))); mix(BF(fminnm_s(a, b))); mix(fcmpe_flags_s(a, b));
        }
    report("s.all");
    for (unsigned i = 0; i < ND; i += 1)
        for (unsigned j = 0; j < ND; j += 2)
            for (unsigned k = 0; k < ND; k += 3) {
                double a = D(dvals[i]), b = D(dvals[j]), c = D(dvals[k]);
                mix(BD(fmadd_d(a, b, c))); mix(BD(fmsub_d(a, b, c)));
                mix(BD(fnmadd_d(a, b, c))); mix(BD(fnmsub_d(a, b, c)));
            }
    report("d.fma");
    for (unsigned i = 0; i < NF; i += 1)
        for (unsigned j = 0; j < NF; j += 2)
            for (unsigned k = 0; k < NF; k += 3) {
                float a = F(fvals[i]), b = F(fvals[j]), c = F(fvals[k]);
                mix(BF(fmadd_s(a, b, c))); mix(BF(fnmsub_s(a, b, c)));
            }
    report("s.fma");
    for (unsigned i = 0; i < ND; i++) {
        double a = D(dvals[i]);
        printf("%016llx: %llx %llx %x %x %llx %x %llx %x sqrt %llx rnd %llx %llx %llx %llx %llx %llx %llx cvt %08x cmp0 %llx abs %llx\n",
               (unsigned long long)dvals[i], (long long)fcvtzs_xd(a), (unsigned long long)fcvtzu_xd(a),
               fcvtzs_wd(a), fcvtzu_wd(a), (long long)fcvtns_xd(a), fcvtas_wd(a),
               (long long)fcvtms_xd(a), fcvtpu_wd(a), (unsigned long long)BD(fsqrt_d(a)),
               (unsigned long long)BD(frintn_d(a)), (unsigned long long)BD(frintp_d(a)),
               (unsigned long long)BD(frintm_d(a)), (unsigned long long)BD(frintz_d(a)),
               (unsigned long long)BD(frinta_d(a)), (unsigned long long)BD(frintx_d(a)),
               (unsigned long long)BD(frinti_d(a)), BF((float)a),
               (unsigned long long)fcmp_zero(a), (unsigned long long)BD(fabs_d(a)));
    }
    for (unsigned i = 0; i < NF; i++) {
        float a = F(fvals[i]);
        printf("%08x: %x %llx %llx sqrt %08x rnd %08x %08x neg %08x cvt %016llx int %08x %016llx\n",
               fvals[i], fcvtzs_ws(a), (unsigned long long)fcvtzu_xs(a),
               (unsigned long long)fcvtau_xs(a), BF(fsqrt_s(a)), BF(frinta_s(a)), BF(frintn_s(a)),
               BF(fneg_s(a)), (unsigned long long)BD((double)a), BF((float)(int32_t)fvals[i]),
               (unsigned long long)BD((double)(uint64_t)dvals[i % ND]));
    }
    printf("%.17g %.9g %g\n", sqrt(2.0), (float)(1.0 / 3), pow(2.5, 3.5));
    return 0;
}
