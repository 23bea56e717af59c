/* The host-FP fast path of the Arm FP library, inlined into fpu.c's entry
 * points: single and double operations computed with the host's IEEE
 * arithmetic when that gives the Arm result bit for bit, FPSR flags included.
 * Each function returns false, leaving st untouched, when the case needs the
 * software path.
 *
 * The host computes in IEEE 754 binary32/binary64 with round-to-nearest-even
 * (zarm never changes the host's rounding mode), which is what Arm computes
 * when FPCR.RMode is RN, with three differences this file steers around
 * (and FPCR.FZ's flushing of denormal operands and results, which it leaves
 * to the software path):
 * - NaN results: which NaN propagates and the default NaN differ by host, so
 *   a NaN result (from a NaN operand or an invalid operation) goes to the
 *   software path, and so does an infinite one (infinite operand, division
 *   by zero, overflow);
 * - underflow: Arm judges tininess before rounding, x86 and s390x after, so an
 *   inexact result of magnitude up to the smallest normal goes to software
 *   (an exact result raises no flag on either);
 * - flags: the only one left is Inexact, read from the host's own sticky
 *   flag, cleared before the operation and tested after it.
 * Single precision is computed in float.  (Where float arithmetic is
 * evaluated in double, FLT_EVAL_METHOD 1, the double rounding is still
 * correct for add, sub, mul, div and sqrt: double has more than 2 * 24 + 2
 * bits; fmaf is one operation either way.) */
#ifndef ZARM_IR_FPU_HOST_H
#define ZARM_IR_FPU_HOST_H

#include <fenv.h>
#include <float.h>

#include "fpu.h"

#define FPU_HOST_INLINE static inline __attribute__((always_inline))

/* Arithmetic evaluated in float or double as written; double arithmetic in a
 * wider format (x87, FLT_EVAL_METHOD 2) would round twice. */
#define FPU_HOST_EVAL_OK (FLT_EVAL_METHOD == 0 || FLT_EVAL_METHOD == 1)

/* host_clear_T(&x, &y, &z) clears the host's sticky Inexact flag and
 * host_inexact_T(r) tests it; between the two, only the operation on the
 * values host_clear_T passed through may run: the compiler must not move it
 * across the flag accesses.  On s390x the Inexact flag is bit 0x00080000 of
 * the FPC register (glibc's FE_INEXACT << FPC_FLAGS_SHIFT), read and written
 * inline, and the operands and the result are tied to the asm statements;
 * x86-64 (MXCSR) and arm64 (FPSR) the same way; elsewhere <fenv.h> and volatile copies do
 * the same. */
#if defined(__s390x__)
#define FPU_HOST_FLAGS(T)                                                                          \
    FPU_HOST_INLINE void host_clear_##T(T *x, T *y, T *z)                                          \
    {                                                                                              \
        uint32_t fpc;                                                                              \
        __asm__ volatile("efpc %0\n\tnilh %0,0xfff7\n\tsfpc %0"                                    \
                         : "=&d"(fpc), "+f"(*x), "+f"(*y), "+f"(*z));                              \
    }                                                                                              \
    FPU_HOST_INLINE bool host_inexact_##T(T r)                                                     \
    {                                                                                              \
        uint32_t fpc;                                                                              \
        __asm__ volatile("efpc %0" : "=d"(fpc) : "f"(r));                                          \
        return fpc & 0x00080000u;                                                                  \
    }
#elif defined(__x86_64__) && defined(__SSE2_MATH__)
/* x86-64: Inexact is PE, bit 0x20 of MXCSR (the SSE unit does float and double arithmetic);
 * glibc's feclearexcept also rewrites the x87 environment, which costs far more. */
#define FPU_HOST_FLAGS(T)                                                                          \
    FPU_HOST_INLINE void host_clear_##T(T *x, T *y, T *z)                                          \
    {                                                                                              \
        uint32_t csr;                                                                              \
        __asm__ volatile("stmxcsr %0" : "=m"(csr));                                                \
        csr &= ~0x20u;                                                                             \
        __asm__ volatile("ldmxcsr %3" : "+x"(*x), "+x"(*y), "+x"(*z) : "m"(csr));                  \
    }                                                                                              \
    FPU_HOST_INLINE bool host_inexact_##T(T r)                                                     \
    {                                                                                              \
        uint32_t csr;                                                                              \
        __asm__ volatile("stmxcsr %0" : "=m"(csr) : "x"(r));                                       \
        return csr & 0x20u;                                                                        \
    }
#elif defined(__aarch64__)
/* arm64: Inexact is IXC, bit 0x10 of FPSR. */
#define FPU_HOST_FLAGS(T)                                                                          \
    FPU_HOST_INLINE void host_clear_##T(T *x, T *y, T *z)                                          \
    {                                                                                              \
        uint64_t fpsr;                                                                             \
        __asm__ volatile("mrs %0, fpsr\n\tbic %0, %0, #0x10\n\tmsr fpsr, %0"                      \
                         : "=&r"(fpsr), "+w"(*x), "+w"(*y), "+w"(*z));                             \
    }                                                                                              \
    FPU_HOST_INLINE bool host_inexact_##T(T r)                                                     \
    {                                                                                              \
        uint64_t fpsr;                                                                             \
        __asm__ volatile("mrs %0, fpsr" : "=r"(fpsr) : "w"(r));                                    \
        return fpsr & 0x10u;                                                                       \
    }
#else
#define FPU_HOST_FLAGS(T)                                                                          \
    FPU_HOST_INLINE void host_clear_##T(T *x, T *y, T *z)                                          \
    {                                                                                              \
        feclearexcept(FE_INEXACT);                                                                 \
        volatile T vx = *x, vy = *y, vz = *z;                                                      \
        *x = vx, *y = vy, *z = vz;                                                                 \
    }                                                                                              \
    FPU_HOST_INLINE bool host_inexact_##T(T r)                                                     \
    {                                                                                              \
        volatile T v = r;                                                                          \
        (void)v;                                                                                   \
        return fetestexcept(FE_INEXACT) != 0;                                                      \
    }
#endif
FPU_HOST_FLAGS(double)
FPU_HOST_FLAGS(float)

/* Bit casts: type punning through a union is defined in C11. */
union host_b64 {
    uint64_t u;
    double d;
};
union host_b32 {
    uint32_t u;
    float s;
};
FPU_HOST_INLINE double d_of_bits(uint64_t x) { return (union host_b64){.u = x}.d; }
FPU_HOST_INLINE uint64_t bits_of_d(double d) { return (union host_b64){.d = d}.u; }
FPU_HOST_INLINE float s_of_bits(uint32_t x) { return (union host_b32){.u = x}.s; }
FPU_HOST_INLINE uint32_t bits_of_s(float s) { return (union host_b32){.s = s}.u; }

/* The value of a single or double operand, exactly, as a double. */
FPU_HOST_INLINE double host_val(unsigned f, uint64_t x)
{
    return f == FPU_D ? d_of_bits(x) : (double)s_of_bits((uint32_t)x);
}

/* 2^k for -1022 <= k <= 1023. */
FPU_HOST_INLINE double pow2(int k)
{
    return d_of_bits((uint64_t)(1023 + k) << 52);
}

/* The bits of an f-sized operand (callers may pass wider values). */
FPU_HOST_INLINE uint64_t width_mask(unsigned f)
{
    return f == FPU_D ? ~0ull : 0xffffffffull;
}

FPU_HOST_INLINE uint64_t exp_field(unsigned f)
{
    return f == FPU_D ? 0x7ff0000000000000ull : 0x7f800000ull;
}

/* Neither infinite nor NaN. */
FPU_HOST_INLINE bool finite_bits(unsigned f, uint64_t x)
{
    return (x & exp_field(f)) != exp_field(f);
}

/* Under FPCR.FZ a denormal operand is flushed to zero, raising Input
 * Denormal: such a case is left to the software path. */
FPU_HOST_INLINE bool fz_denormal(unsigned f, uint64_t x, const struct fpu_st *st)
{
    return (st->fpcr & FPCR_FZ) && !(x & exp_field(f)) && (x & width_mask(f) & ~fpu_sign_bit(f));
}

enum fpu_host_op {
    FPU_HOST_ADD,
    FPU_HOST_SUB,
    FPU_HOST_MUL,
    FPU_HOST_DIV,
    FPU_HOST_SQRT,
    FPU_HOST_MULADD,
};

/* op_double and op_float. */
#define FPU_HOST_OP(T, SQRT, FMA)                                                                  \
    FPU_HOST_INLINE T op_##T(enum fpu_host_op op, T x, T y, T z)                                   \
    {                                                                                              \
        switch (op) {                                                                              \
        case FPU_HOST_ADD: return x + y;                                                           \
        case FPU_HOST_SUB: return x - y;                                                           \
        case FPU_HOST_MUL: return x * y;                                                           \
        case FPU_HOST_DIV: return x / y;                                                           \
        case FPU_HOST_SQRT: return SQRT(x);                                                        \
        default: return FMA(x, y, z);                                                              \
        }                                                                                          \
    }
FPU_HOST_OP(double, __builtin_sqrt, __builtin_fma)
FPU_HOST_OP(float, __builtin_sqrtf, __builtin_fmaf)

/* The host's result r in format f (inexact: the host raised Inexact) as
 * Arm's result; false when it is not Arm's.  Under FPCR.FZ a result below
 * the smallest normal, even an exact one, would be flushed to zero. */
FPU_HOST_INLINE bool host_result(unsigned f, uint64_t r, bool inexact, struct fpu_st *st,
                                 uint64_t *out)
{
    uint64_t mag = r & ~fpu_sign_bit(f), min_normal = f == FPU_D ? 1ull << 52 : 1ull << 23;
    if (mag >= exp_field(f) || (inexact && mag <= min_normal))
        return false;
    if (mag < min_normal && mag && (st->fpcr & FPCR_FZ))
        return false;
    if (inexact)
        st->flags |= FPSR_IXC;
    *out = r;
    return true;
}

/* c + a * b for FPU_HOST_MULADD (FPMulAdd: one rounding), else a op b (b
 * unused for FPU_HOST_SQRT); op is a constant, so each use inlines one.  The
 * operands need no check: a NaN operand makes a NaN result; an infinite one
 * an infinite or NaN result, or the exact zero of x / inf, which is Arm's
 * result too; an invalid operation (the square root of a negative number,
 * 0 * inf...) a NaN.  host_result turns down NaN and infinite results, and
 * FPCR.DN only changes NaN results. */
FPU_HOST_INLINE bool fpu_host_arith(enum fpu_host_op op, unsigned f, uint64_t a, uint64_t b,
                                    uint64_t c, struct fpu_st *st, uint64_t *r)
{
    if (!FPU_HOST_EVAL_OK || f == FPU_H || (st->fpcr & FPCR_RMODE))
        return false;
    if (fz_denormal(f, a, st) || fz_denormal(f, b, st) || fz_denormal(f, c, st))
        return false;
    if (f == FPU_D) {
        double x = d_of_bits(a), y = d_of_bits(b), z = d_of_bits(c);
        host_clear_double(&x, &y, &z);
        double v = op_double(op, x, y, z);
        return host_result(FPU_D, bits_of_d(v), host_inexact_double(v), st, r);
    }
    float x = s_of_bits((uint32_t)a), y = s_of_bits((uint32_t)b), z = s_of_bits((uint32_t)c);
    host_clear_float(&x, &y, &z);
    float v = op_float(op, x, y, z);
    return host_result(FPU_S, bits_of_s(v), host_inexact_float(v), st, r);
}

/* FPCompare's order: 0 less, 1 equal, 2 greater. */
FPU_HOST_INLINE bool fpu_host_compare(unsigned f, uint64_t a, uint64_t b, const struct fpu_st *st,
                                    int *r)
{
    uint64_t sb = fpu_sign_bit(f);
    if (f == FPU_H || fz_denormal(f, a, st) || fz_denormal(f, b, st))
        return false;
    a &= width_mask(f), b &= width_mask(f);
    if ((a & ~sb) > exp_field(f) || (b & ~sb) > exp_field(f))
        return false;
    double x = host_val(f, a), y = host_val(f, b);
    *r = x < y ? 0 : x == y ? 1 : 2;
    return true;
}

/* FPMax, FPMin, and FPMaxNum, FPMinNum (the same without NaNs): the larger
 * or smaller operand; of two zeros, max is -0 only if both are and min +0
 * only if both are. */
FPU_HOST_INLINE bool fpu_host_minmax(unsigned f, uint64_t a, uint64_t b, bool max,
                                     const struct fpu_st *st, uint64_t *r)
{
    int order;
    if (!fpu_host_compare(f, a, b, st, &order))
        return false;
    a &= width_mask(f), b &= width_mask(f);
    if (order == 1)
        *r = max ? a & b : a | b;
    else
        *r = (order == 2) == max ? a : b;
    return true;
}

FPU_HOST_INLINE bool fpu_host_convert(unsigned to, unsigned from, uint64_t a, enum fpu_rmode rm,
                                    struct fpu_st *st, uint64_t *r)
{
    if (to == FPU_H || from == FPU_H || to == from || rm != FPU_RN)
        return false;
    if (!finite_bits(from, a) || fz_denormal(from, a, st))
        return false;
    /* Widening is exact. */
    if (to == FPU_D) {
        *r = bits_of_d(host_val(FPU_S, a));
        return true;
    }
    double x = d_of_bits(a), y = 0, z = 0;
    host_clear_double(&x, &y, &z);
    float v = (float)x;
    return host_result(FPU_S, bits_of_s(v), host_inexact_float(v), st, r);
}

/* d rounded to an integral value in direction rm (not FPU_ODD): exact, and
 * without a flag, so it needs no care. */
FPU_HOST_INLINE double host_rint(double d, enum fpu_rmode rm)
{
    switch (rm) {
    case FPU_RN: return __builtin_nearbyint(d); /* the host rounds to nearest even */
    case FPU_RP: return __builtin_ceil(d);
    case FPU_RM: return __builtin_floor(d);
    case FPU_RZ: return __builtin_trunc(d);
    default: return __builtin_round(d);
    }
}

/* FPRoundInt (FRINT[NPMZAIX]): an integral value keeps the sign of a zero
 * result, as Arm's does. */
FPU_HOST_INLINE bool fpu_host_round_int(unsigned f, uint64_t a, enum fpu_rmode rm, bool exact,
                                        struct fpu_st *st, uint64_t *r)
{
    if (f == FPU_H || rm == FPU_ODD || !finite_bits(f, a) || fz_denormal(f, a, st))
        return false;
    double d = host_val(f, a), t = host_rint(d, rm);
    if (exact && t != d)
        st->flags |= FPSR_IXC;
    *r = f == FPU_D ? bits_of_d(t) : bits_of_s((float)t);
    return true;
}

/* FPToFixed: the integral value t is converted exactly when it is in range. */
FPU_HOST_INLINE bool fpu_host_to_fixed(unsigned f, uint64_t a, unsigned fb, bool uns,
                                       enum fpu_rmode rm, unsigned ibits, struct fpu_st *st,
                                       uint64_t *r)
{
    if (f == FPU_H || rm == FPU_ODD || !finite_bits(f, a) || fz_denormal(f, a, st) || fb > 64)
        return false;
    /* Scaling by 2^fbits is exact: it cannot underflow, and an overflow to
     * infinity fails the range check. */
    double d = host_val(f, a) * pow2((int)fb), t = host_rint(d, rm);
    double lim = pow2((int)ibits - !uns);
    /* A negative value that rounds to zero converts to unsigned 0 (with
     * Inexact), as on Arm. */
    if (!(t >= (uns ? 0 : -lim) && t < lim))
        return false;
    uint64_t v = uns ? (uint64_t)t : (uint64_t)(int64_t)t;
    if (t != d)
        st->flags |= FPSR_IXC;
    *r = ibits == 64 ? v : v & ((1ull << ibits) - 1);
    return true;
}

FPU_HOST_INLINE bool fpu_host_from_fixed(unsigned f, uint64_t x, unsigned fb, bool uns,
                                       enum fpu_rmode rm, unsigned ibits, struct fpu_st *st,
                                       uint64_t *r)
{
    if (f == FPU_H || rm != FPU_RN || fb > 64)
        return false;
    uint64_t imask = ibits == 64 ? ~0ull : (1ull << ibits) - 1;
    x &= imask;
    bool neg = !uns && ((x >> (ibits - 1)) & 1);
    uint64_t m = neg ? -x & imask : x;
    if (!m) {
        *r = 0;
        return true;
    }
    /* The integer conversion rounds once to nearest; the scaling by 2^-fbits
     * is exact (the result stays above 2^-64). */
    int width = 64 - __builtin_clzll(m) - __builtin_ctzll(m);
    if (width > (f == FPU_D ? 53 : 24))
        st->flags |= FPSR_IXC;
    if (f == FPU_D) {
        double d = (double)m * pow2(-(int)fb);
        *r = bits_of_d(neg ? -d : d);
    } else {
        float s = (float)m * (float)pow2(-(int)fb);
        *r = bits_of_s(neg ? -s : s);
    }
    return true;
}

#endif
