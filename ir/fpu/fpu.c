/* Arm floating point in integer arithmetic (see fpu.h).  A finite value is
 * unpacked to sign * mant * 2^exp with an integer significand; results go
 * through one rounding routine, fpu_round, which is the Arm ARM's FPRound:
 * tininess is judged before rounding, flush-to-zero looks at the unrounded
 * exponent, and overflow follows the rounding direction. */
#include "fpu.h"
#include "fpu_host.h"

typedef unsigned __int128 u128;

/* The software paths stay out of line, so the host-FP fast path in front of
 * them (fpu_host.h) needs no stack frame. */
#define NOINLINE __attribute__((noinline))

enum fpu_class { FC_ZERO, FC_FINITE, FC_INF, FC_QNAN, FC_SNAN };

struct fpu_val {
    enum fpu_class cls;
    unsigned sign;
    int exp;       /* value = mant * 2^exp */
    uint64_t mant; /* at most fbits + 1 significant bits */
};

/* Exponent and fraction widths of FPU_H, FPU_S, FPU_D. */
static unsigned ebits(unsigned f) { return f == FPU_H ? 5 : f == FPU_S ? 8 : 11; }
static unsigned fbits(unsigned f) { return f == FPU_H ? 10 : f == FPU_S ? 23 : 52; }
static int bias(unsigned f) { return (1 << (ebits(f) - 1)) - 1; }
static uint64_t exp_mask(unsigned f) { return ((1ull << ebits(f)) - 1) << fbits(f); }
static uint64_t frac_mask(unsigned f) { return (1ull << fbits(f)) - 1; }
static uint64_t quiet_bit(unsigned f) { return 1ull << (fbits(f) - 1); }

static uint64_t fp_zero(unsigned f, unsigned sign) { return sign ? fpu_sign_bit(f) : 0; }
static uint64_t fp_inf(unsigned f, unsigned sign) { return fp_zero(f, sign) | exp_mask(f); }
static uint64_t fp_max_normal(unsigned f, unsigned sign)
{
    return fp_zero(f, sign) | (exp_mask(f) - (1ull << fbits(f))) | frac_mask(f);
}
static uint64_t fp_default_nan(unsigned f) { return exp_mask(f) | quiet_bit(f); }

/* Flush-to-zero for a format: FZ16 for half precision, FZ otherwise.
 * Conversions (cv) never flush half-precision values. */
static bool fz_on(unsigned f, const struct fpu_st *st, bool cv)
{
    if (f == FPU_H)
        return !cv && (st->fpcr & FPCR_FZ16);
    return st->fpcr & FPCR_FZ;
}

/* FPUnpackBase.  A flushed single/double denormal raises Input Denormal; a
 * flushed half does not.  ahp: read half precision as the alternative format. */
static struct fpu_val unpack_base(unsigned f, uint64_t x, struct fpu_st *st, bool cv, bool ahp)
{
    struct fpu_val v = {FC_FINITE, (unsigned)(x >> ((8u << f) - 1)) & 1, 0, 0};
    uint64_t e = (x & exp_mask(f)) >> fbits(f), fr = x & frac_mask(f);
    if (e == 0) {
        if (fr == 0) {
            v.cls = FC_ZERO;
        } else if (fz_on(f, st, cv)) {
            v.cls = FC_ZERO;
            if (f != FPU_H)
                st->flags |= FPSR_IDC;
        } else {
            v.mant = fr;
            v.exp = 1 - bias(f) - (int)fbits(f);
        }
    } else if (e == (1u << ebits(f)) - 1 && !(f == FPU_H && ahp)) {
        if (fr == 0)
            v.cls = FC_INF;
        else
            v.cls = (fr & quiet_bit(f)) ? FC_QNAN : FC_SNAN;
    } else {
        v.mant = fr | 1ull << fbits(f);
        v.exp = (int)e - bias(f) - (int)fbits(f);
    }
    return v;
}

static struct fpu_val unpack(unsigned f, uint64_t x, struct fpu_st *st)
{
    return unpack_base(f, x, st, false, false);
}

static bool is_nan(const struct fpu_val *v) { return v->cls == FC_QNAN || v->cls == FC_SNAN; }

/* FPProcessNaN: a signalling NaN is quietened and raises Invalid Operation;
 * FPCR.DN replaces every NaN result by the default NaN. */
static uint64_t process_nan(unsigned f, const struct fpu_val *v, uint64_t x, struct fpu_st *st)
{
    if (v->cls == FC_SNAN)
        st->flags |= FPSR_IOC;
    if (st->fpcr & FPCR_DN)
        return fp_default_nan(f);
    return x | quiet_bit(f);
}

/* FPProcessNaNs/FPProcessNaNs3: the first signalling NaN, else the first quiet NaN. */
static bool process_nans(unsigned f, unsigned n, const struct fpu_val *v, const uint64_t *x,
                         struct fpu_st *st, uint64_t *out)
{
    for (unsigned i = 0; i < n; i++)
        if (v[i].cls == FC_SNAN) {
            *out = process_nan(f, &v[i], x[i], st);
            return true;
        }
    for (unsigned i = 0; i < n; i++)
        if (v[i].cls == FC_QNAN) {
            *out = process_nan(f, &v[i], x[i], st);
            return true;
        }
    return false;
}

static int msb128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)x);
}

/* FPRoundBase: sign * (mant + d) * 2^exp, 0 < d < 1 when sticky, mant != 0.
 * cv: a conversion (FPRoundCV: FZ16 ignored, AHP honoured). */
static uint64_t round_base(unsigned f, unsigned sign, int exp, u128 mant, bool sticky,
                           enum fpu_rmode rm, struct fpu_st *st, bool cv)
{
    int F = (int)fbits(f), minexp = 1 - bias(f);
    int msb = msb128(mant), e = exp + msb;
    if (fz_on(f, st, cv) && e < minexp) {
        st->flags |= FPSR_UFC;
        return fp_zero(f, sign);
    }
    int biased = e - minexp + 1;
    if (biased < 0)
        biased = 0;
    int s = (biased == 0 ? minexp : e) - F - exp;
    uint64_t im;
    bool half, below;
    if (s <= 0) {
        im = (uint64_t)(mant << -s);
        half = false;
        below = sticky;
    } else if (s > 128) {
        im = 0;
        half = false;
        below = true;
    } else {
        im = s == 128 ? 0 : (uint64_t)(mant >> s);
        half = (mant >> (s - 1)) & 1;
        below = sticky || (s > 1 && (mant & (((u128)1 << (s - 1)) - 1)) != 0);
    }
    bool inexact = half || below;
    if (biased == 0 && inexact)
        st->flags |= FPSR_UFC;
    bool up, to_inf;
    switch (rm) {
    case FPU_RN: up = half && (below || (im & 1)); to_inf = true; break;
    case FPU_RA: up = half; to_inf = true; break;
    case FPU_RP: up = inexact && !sign; to_inf = !sign; break;
    case FPU_RM: up = inexact && sign; to_inf = sign; break;
    default: up = false; to_inf = false; break;
    }
    if (up) {
        im++;
        if (im == 1ull << F)
            biased = 1;
        if (im == 1ull << (F + 1)) {
            biased++;
            im >>= 1;
        }
    }
    if (inexact && rm == FPU_ODD)
        im |= 1;
    uint64_t r;
    if (!(f == FPU_H && cv && (st->fpcr & FPCR_AHP))) {
        if (biased >= (1 << ebits(f)) - 1) {
            r = to_inf ? fp_inf(f, sign) : fp_max_normal(f, sign);
            st->flags |= FPSR_OFC;
            inexact = true;
        } else {
            r = fp_zero(f, sign) | (uint64_t)biased << F | (im & frac_mask(f));
        }
    } else if (biased >= 1 << ebits(f)) {
        r = fp_zero(f, sign) | (fpu_sign_bit(f) - 1);
        st->flags |= FPSR_IOC;
        inexact = false;
    } else {
        r = fp_zero(f, sign) | (uint64_t)biased << F | (im & frac_mask(f));
    }
    if (inexact)
        st->flags |= FPSR_IXC;
    return r;
}

static uint64_t round_fp(unsigned f, unsigned sign, int exp, u128 mant, bool sticky,
                         struct fpu_st *st)
{
    return round_base(f, sign, exp, mant, sticky, fpu_fpcr_rmode(st), st, false);
}

/* The exact sum of two values (mant < 2^120), as sign, exp, mant and a sticky
 * bit; false for an exact zero. */
static bool add_exact(unsigned sa, int ea, u128 ma, unsigned sb, int eb, u128 mb, unsigned *rs,
                      int *re, u128 *rmant, bool *sticky)
{
    *sticky = false;
    if (!ma && !mb)
        return false;
    if (!ma) {
        *rs = sb, *re = eb, *rmant = mb;
        return true;
    }
    if (!mb) {
        *rs = sa, *re = ea, *rmant = ma;
        return true;
    }
    int sha = 125 - msb128(ma), shb = 125 - msb128(mb);
    ma <<= sha, ea -= sha;
    mb <<= shb, eb -= shb;
    if (ea < eb) {
        unsigned ts = sa;
        int te = ea;
        u128 tm = ma;
        sa = sb, ea = eb, ma = mb;
        sb = ts, eb = te, mb = tm;
    }
    int d = ea - eb;
    bool st = false;
    if (d >= 128) {
        mb = 0;
        st = true;
    } else if (d > 0) {
        st = (mb & (((u128)1 << d) - 1)) != 0;
        mb >>= d;
    }
    *re = ea;
    if (sa == sb) {
        *rs = sa;
        *rmant = ma + mb;
    } else if (ma >= mb) {
        *rs = sa;
        *rmant = ma - mb - st;
        if (!*rmant && !st)
            return false;
    } else {
        *rs = sb;
        *rmant = mb - ma;
    }
    *sticky = st;
    return true;
}

static uint64_t zero_sum_sign(unsigned f, const struct fpu_st *st)
{
    return fp_zero(f, fpu_fpcr_rmode(st) == FPU_RM);
}

static NOINLINE uint64_t addsub(unsigned f, uint64_t a, uint64_t b, bool sub, struct fpu_st *st)
{
    struct fpu_val v[2] = {unpack(f, a, st), unpack(f, b, st)};
    uint64_t x[2] = {a, b}, r;
    if (process_nans(f, 2, v, x, st, &r))
        return r;
    if (sub)
        v[1].sign ^= 1;
    unsigned s1 = v[0].sign, s2 = v[1].sign;
    bool inf1 = v[0].cls == FC_INF, inf2 = v[1].cls == FC_INF;
    if (inf1 && inf2 && s1 != s2) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (inf1 || inf2)
        return fp_inf(f, inf1 ? s1 : s2);
    if (v[0].cls == FC_ZERO && v[1].cls == FC_ZERO && s1 == s2)
        return fp_zero(f, s1);
    unsigned rs;
    int re;
    u128 rmant;
    bool sticky;
    if (!add_exact(s1, v[0].exp, v[0].mant, s2, v[1].exp, v[1].mant, &rs, &re, &rmant, &sticky))
        return zero_sum_sign(f, st);
    return round_fp(f, rs, re, rmant, sticky, st);
}

/* The public operations try the host's arithmetic first (fpu_host.h). */
uint64_t fpu_add(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    uint64_t r;
    return fpu_host_arith(FPU_HOST_ADD, f, a, b, 0, st, &r) ? r : addsub(f, a, b, false, st);
}

uint64_t fpu_sub(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    uint64_t r;
    return fpu_host_arith(FPU_HOST_SUB, f, a, b, 0, st, &r) ? r : addsub(f, a, b, true, st);
}

uint64_t fpu_abd(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return fpu_sub(f, a, b, st) & ~fpu_sign_bit(f);
}

/* FPMul and FPMulX (infinity times zero is 2.0 instead of invalid). */
static NOINLINE uint64_t mul(unsigned f, uint64_t a, uint64_t b, bool mulx, struct fpu_st *st)
{
    struct fpu_val v[2] = {unpack(f, a, st), unpack(f, b, st)};
    uint64_t x[2] = {a, b}, r;
    if (process_nans(f, 2, v, x, st, &r))
        return r;
    unsigned sign = v[0].sign ^ v[1].sign;
    bool inf1 = v[0].cls == FC_INF, inf2 = v[1].cls == FC_INF;
    bool zero1 = v[0].cls == FC_ZERO, zero2 = v[1].cls == FC_ZERO;
    if ((inf1 && zero2) || (zero1 && inf2)) {
        if (mulx)
            return fp_zero(f, sign) | (uint64_t)(bias(f) + 1) << fbits(f); /* 2.0 */
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (inf1 || inf2)
        return fp_inf(f, sign);
    if (zero1 || zero2)
        return fp_zero(f, sign);
    return round_fp(f, sign, v[0].exp + v[1].exp, (u128)v[0].mant * v[1].mant, false, st);
}

uint64_t fpu_mul(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    uint64_t r;
    return fpu_host_arith(FPU_HOST_MUL, f, a, b, 0, st, &r) ? r : mul(f, a, b, false, st);
}

uint64_t fpu_mulx(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    uint64_t r;
    return fpu_host_arith(FPU_HOST_MUL, f, a, b, 0, st, &r) ? r : mul(f, a, b, true, st);
}

static NOINLINE uint64_t div_soft(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    struct fpu_val v[2] = {unpack(f, a, st), unpack(f, b, st)};
    uint64_t x[2] = {a, b}, r;
    if (process_nans(f, 2, v, x, st, &r))
        return r;
    unsigned sign = v[0].sign ^ v[1].sign;
    bool inf1 = v[0].cls == FC_INF, inf2 = v[1].cls == FC_INF;
    bool zero1 = v[0].cls == FC_ZERO, zero2 = v[1].cls == FC_ZERO;
    if ((inf1 && inf2) || (zero1 && zero2)) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (inf1 || zero2) {
        if (!inf1)
            st->flags |= FPSR_DZC;
        return fp_inf(f, sign);
    }
    if (zero1 || inf2)
        return fp_zero(f, sign);
    int sha = 63 - msb128(v[0].mant), shb = 63 - msb128(v[1].mant);
    uint64_t ma = v[0].mant << sha, mb = v[1].mant << shb;
    u128 n = (u128)ma << 64;
    u128 q = n / mb;
    bool sticky = n % mb != 0;
    return round_fp(f, sign, v[0].exp - sha - 64 - (v[1].exp - shb), q, sticky, st);
}

uint64_t fpu_div(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    uint64_t r;
    return fpu_host_arith(FPU_HOST_DIV, f, a, b, 0, st, &r) ? r : div_soft(f, a, b, st);
}

/* FPMax/FPMin after NaN handling; the result is the (flushed) operand. */
static uint64_t minmax(unsigned f, uint64_t a, uint64_t b, bool max, struct fpu_st *st)
{
    uint64_t r;
    if (fpu_host_minmax(f, a, b, max, st, &r))
        return r;
    struct fpu_val v[2] = {unpack(f, a, st), unpack(f, b, st)};
    uint64_t x[2] = {a, b};
    if (process_nans(f, 2, v, x, st, &r))
        return r;
    for (int i = 0; i < 2; i++)
        if (v[i].cls == FC_ZERO)
            x[i] = fp_zero(f, v[i].sign);
    if (v[0].cls == FC_ZERO && v[1].cls == FC_ZERO)
        return fp_zero(f, max ? v[0].sign & v[1].sign : v[0].sign | v[1].sign);
    /* Sign-magnitude order of the bit patterns is the numeric order. */
    uint64_t sb = fpu_sign_bit(f);
    int64_t ka = (x[0] & sb) ? -(int64_t)(x[0] & ~sb) : (int64_t)x[0];
    int64_t kb = (x[1] & sb) ? -(int64_t)(x[1] & ~sb) : (int64_t)x[1];
    return (ka > kb) == max ? x[0] : x[1];
}

uint64_t fpu_max(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return minmax(f, a, b, true, st);
}

uint64_t fpu_min(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return minmax(f, a, b, false, st);
}

/* FPMaxNum/FPMinNum: one quiet NaN stands for the infinity that loses. */
static uint64_t minmaxnm(unsigned f, uint64_t a, uint64_t b, bool max, struct fpu_st *st)
{
    uint64_t r;
    if (fpu_host_minmax(f, a, b, max, st, &r))
        return r;
    struct fpu_st tmp = *st;
    struct fpu_val va = unpack(f, a, &tmp), vb = unpack(f, b, &tmp);
    if (va.cls == FC_QNAN && vb.cls != FC_QNAN)
        a = fp_inf(f, max);
    else if (va.cls != FC_QNAN && vb.cls == FC_QNAN)
        b = fp_inf(f, max);
    return minmax(f, a, b, max, st);
}

uint64_t fpu_maxnm(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return minmaxnm(f, a, b, true, st);
}

uint64_t fpu_minnm(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return minmaxnm(f, a, b, false, st);
}

/* addend + v1 * v2 for finite or zero operands, then scaled by 2^scale. */
static uint64_t fused(unsigned f, const struct fpu_val *va, const struct fpu_val *v1,
                      const struct fpu_val *v2, int scale, struct fpu_st *st)
{
    unsigned rs;
    int re;
    u128 rmant;
    bool sticky;
    u128 pm = (u128)v1->mant * v2->mant;
    if (!add_exact(va->sign, va->exp, va->mant, v1->sign ^ v2->sign, v1->exp + v2->exp, pm, &rs,
                   &re, &rmant, &sticky))
        return zero_sum_sign(f, st);
    return round_fp(f, rs, re + scale, rmant, sticky, st);
}

static NOINLINE uint64_t muladd_soft(unsigned f, uint64_t addend, uint64_t a, uint64_t b,
                                     struct fpu_st *st)
{
    struct fpu_val v[3] = {unpack(f, addend, st), unpack(f, a, st), unpack(f, b, st)};
    uint64_t x[3] = {addend, a, b}, r;
    bool inf1 = v[1].cls == FC_INF, inf2 = v[2].cls == FC_INF;
    bool zero1 = v[1].cls == FC_ZERO, zero2 = v[2].cls == FC_ZERO;
    bool done = process_nans(f, 3, v, x, st, &r);
    if (v[0].cls == FC_QNAN && ((inf1 && zero2) || (zero1 && inf2))) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (done)
        return r;
    unsigned sp = v[1].sign ^ v[2].sign, sa = v[0].sign;
    bool infp = inf1 || inf2, zerop = zero1 || zero2;
    bool infa = v[0].cls == FC_INF, zeroa = v[0].cls == FC_ZERO;
    if ((inf1 && zero2) || (zero1 && inf2) || (infa && infp && sa != sp)) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (infa || infp)
        return fp_inf(f, infa ? sa : sp);
    if (zeroa && zerop && sa == sp)
        return fp_zero(f, sa);
    return fused(f, &v[0], &v[1], &v[2], 0, st);
}

uint64_t fpu_muladd(unsigned f, uint64_t addend, uint64_t a, uint64_t b, struct fpu_st *st)
{
    uint64_t r;
    if (fpu_host_arith(FPU_HOST_MULADD, f, a, b, addend, st, &r))
        return r;
    return muladd_soft(f, addend, a, b, st);
}

/* FPRecipStepFused (2 - a*b) and FPRSqrtStepFused ((3 - a*b) / 2). */
static uint64_t step(unsigned f, uint64_t a, uint64_t b, bool rsqrt, struct fpu_st *st)
{
    a ^= fpu_sign_bit(f);
    struct fpu_val v[2] = {unpack(f, a, st), unpack(f, b, st)};
    uint64_t x[2] = {a, b}, r;
    if (process_nans(f, 2, v, x, st, &r))
        return r;
    bool inf1 = v[0].cls == FC_INF, inf2 = v[1].cls == FC_INF;
    bool zero1 = v[0].cls == FC_ZERO, zero2 = v[1].cls == FC_ZERO;
    uint64_t one = (uint64_t)bias(f) << fbits(f);
    if ((inf1 && zero2) || (zero1 && inf2))
        return rsqrt ? one | 1ull << (fbits(f) - 1) : one + (1ull << fbits(f));
    if (inf1 || inf2)
        return fp_inf(f, v[0].sign ^ v[1].sign);
    struct fpu_val c = {FC_FINITE, 0, 0, rsqrt ? 3 : 2};
    return fused(f, &c, &v[0], &v[1], rsqrt ? -1 : 0, st);
}

uint64_t fpu_recps(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return step(f, a, b, false, st);
}

uint64_t fpu_rsqrts(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return step(f, a, b, true, st);
}

static NOINLINE uint64_t sqrt_soft(unsigned f, uint64_t a, struct fpu_st *st)
{
    struct fpu_val v = unpack(f, a, st);
    uint64_t r;
    if (process_nans(f, 1, &v, &a, st, &r))
        return r;
    if (v.cls == FC_ZERO)
        return fp_zero(f, v.sign);
    if (v.sign) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (v.cls == FC_INF)
        return fp_inf(f, 0);
    int sh = 63 - msb128(v.mant);
    uint64_t m = v.mant << sh;
    int e = v.exp - sh;
    int k = ((e - 64) & 1) ? 63 : 64;
    u128 n = (u128)m << k;
    uint64_t root = 0;
    for (int bit = 63; bit >= 0; bit--) {
        uint64_t t = root | 1ull << bit;
        if ((u128)t * t <= n)
            root = t;
    }
    return round_fp(f, 0, (e - k) / 2, root, (u128)root * root != n, st);
}

uint64_t fpu_sqrt(unsigned f, uint64_t a, struct fpu_st *st)
{
    uint64_t r;
    return fpu_host_arith(FPU_HOST_SQRT, f, a, 0, 0, st, &r) ? r : sqrt_soft(f, a, st);
}

/* FPCompare family: -1 unordered, else 0 less, 1 equal, 2 greater. */
static int compare(unsigned f, uint64_t a, uint64_t b, bool signal, struct fpu_st *st)
{
    int order;
    if (fpu_host_compare(f, a, b, st, &order))
        return order;
    struct fpu_val va = unpack(f, a, st), vb = unpack(f, b, st);
    if (is_nan(&va) || is_nan(&vb)) {
        if (signal || va.cls == FC_SNAN || vb.cls == FC_SNAN)
            st->flags |= FPSR_IOC;
        return -1;
    }
    uint64_t sb = fpu_sign_bit(f);
    if (va.cls == FC_ZERO)
        a = 0;
    if (vb.cls == FC_ZERO)
        b = 0;
    int64_t ka = (a & sb) ? -(int64_t)(a & ~sb) : (int64_t)a;
    int64_t kb = (b & sb) ? -(int64_t)(b & ~sb) : (int64_t)b;
    return ka < kb ? 0 : ka == kb ? 1 : 2;
}

unsigned fpu_cmp(unsigned f, uint64_t a, uint64_t b, bool signal, struct fpu_st *st)
{
    static const unsigned nzcv[4] = {0x3, 0x8, 0x6, 0x2};
    return nzcv[compare(f, a, b, signal, st) + 1];
}

bool fpu_cmp_eq(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return compare(f, a, b, false, st) == 1;
}

bool fpu_cmp_ge(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return compare(f, a, b, true, st) >= 1;
}

bool fpu_cmp_gt(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st)
{
    return compare(f, a, b, true, st) == 2;
}

/* Rounds |v| * 2^scale to an integer magnitude in direction rm for a value of
 * sign v->sign; *inexact if it changed.  Saturates at 2^100. */
static u128 round_mag(const struct fpu_val *v, int scale, enum fpu_rmode rm, bool *inexact)
{
    int e = v->exp + scale;
    *inexact = false;
    if (v->cls != FC_FINITE)
        return 0;
    if (e >= 0) {
        /* Saturate only when mant << e really reaches 2^100: a half's short
         * mantissa may take a large fbits (FCVTZS Xd, Hn, #61) exactly. */
        bool big = e > 100 || (100 - e < 64 && (v->mant >> (100 - e)) != 0);
        return big ? (u128)1 << 100 : (u128)v->mant << e;
    }
    int s = -e;
    uint64_t ip = s >= 64 ? 0 : v->mant >> s;
    bool half = s <= 64 && ((v->mant >> (s - 1)) & 1);
    bool below = s > 64 ? v->mant != 0 : s > 1 && (v->mant & ((1ull << (s - 1)) - 1)) != 0;
    *inexact = half || below;
    bool up;
    switch (rm) {
    case FPU_RN: up = half && (below || (ip & 1)); break;
    case FPU_RA: up = half; break;
    case FPU_RP: up = *inexact && !v->sign; break;
    case FPU_RM: up = *inexact && v->sign; break;
    default: up = false; break;
    }
    return (u128)ip + up;
}

uint64_t fpu_round_int(unsigned f, uint64_t a, enum fpu_rmode rm, bool exact, struct fpu_st *st)
{
    uint64_t r;
    if (fpu_host_round_int(f, a, rm, exact, st, &r))
        return r;
    struct fpu_val v = unpack(f, a, st);
    if (process_nans(f, 1, &v, &a, st, &r))
        return r;
    if (v.cls == FC_INF)
        return fp_inf(f, v.sign);
    if (v.cls == FC_ZERO)
        return fp_zero(f, v.sign);
    if (v.exp >= 0)
        return a;
    bool inexact;
    u128 m = round_mag(&v, 0, rm, &inexact);
    if (inexact && exact)
        st->flags |= FPSR_IXC;
    if (!m)
        return fp_zero(f, v.sign);
    return round_base(f, v.sign, 0, m, false, FPU_RN, st, false);
}

uint64_t fpu_round_intn(unsigned f, uint64_t a, enum fpu_rmode rm, unsigned intbits,
                        struct fpu_st *st)
{
    struct fpu_val v = unpack(f, a, st);
    uint64_t min = fp_zero(f, 1) | (uint64_t)(bias(f) + intbits - 1) << fbits(f);
    if (is_nan(&v) || v.cls == FC_INF) {
        st->flags |= FPSR_IOC;
        return min;
    }
    if (v.cls == FC_ZERO)
        return fp_zero(f, v.sign);
    bool inexact;
    u128 m = round_mag(&v, 0, rm, &inexact);
    u128 lim = (u128)1 << (intbits - 1);
    if (v.sign ? m > lim : m >= lim) {
        st->flags |= FPSR_IOC;
        return min;
    }
    if (inexact)
        st->flags |= FPSR_IXC;
    if (!m)
        return fp_zero(f, v.sign);
    return round_base(f, v.sign, 0, m, false, FPU_RN, st, false);
}

uint64_t fpu_to_fixed(unsigned f, uint64_t a, unsigned fb, bool uns, enum fpu_rmode rm,
                      unsigned ibits, struct fpu_st *st)
{
    uint64_t r;
    if (fpu_host_to_fixed(f, a, fb, uns, rm, ibits, st, &r))
        return r;
    struct fpu_val v = unpack(f, a, st);
    if (is_nan(&v))
        st->flags |= FPSR_IOC;
    bool inexact;
    u128 m = v.cls == FC_INF ? (u128)1 << 100 : round_mag(&v, (int)fb, rm, &inexact);
    if (v.cls != FC_FINITE)
        inexact = false;
    uint64_t imask = ibits == 64 ? ~0ull : (1ull << ibits) - 1;
    u128 max = uns ? (u128)imask : (u128)(imask >> 1) + v.sign;
    if (v.sign && uns && m) {
        st->flags |= FPSR_IOC;
        return 0;
    }
    if (m > max) {
        st->flags |= FPSR_IOC;
        r = uns ? imask : v.sign ? (imask >> 1) + 1 : imask >> 1;
        return r & imask;
    }
    if (inexact)
        st->flags |= FPSR_IXC;
    r = (uint64_t)m;
    if (v.sign)
        r = -r;
    return r & imask;
}

uint64_t fpu_from_fixed(unsigned f, uint64_t x, unsigned fb, bool uns, enum fpu_rmode rm,
                        unsigned ibits, struct fpu_st *st)
{
    uint64_t r;
    if (fpu_host_from_fixed(f, x, fb, uns, rm, ibits, st, &r))
        return r;
    uint64_t imask = ibits == 64 ? ~0ull : (1ull << ibits) - 1;
    x &= imask;
    unsigned sign = !uns && ((x >> (ibits - 1)) & 1);
    uint64_t m = sign ? (-x) & imask : x;
    if (!m)
        return 0;
    return round_base(f, sign, -(int)fb, m, false, rm, st, false);
}

uint64_t fpu_convert(unsigned to, unsigned from, uint64_t a, enum fpu_rmode rm,
                     struct fpu_st *st)
{
    uint64_t r;
    if (fpu_host_convert(to, from, a, rm, st, &r))
        return r;
    bool ahp = st->fpcr & FPCR_AHP;
    struct fpu_val v = unpack_base(from, a, st, true, ahp);
    bool alt = to == FPU_H && ahp;
    if (is_nan(&v)) {
        if (alt)
            r = fp_zero(to, v.sign);
        else if (st->fpcr & FPCR_DN)
            r = fp_default_nan(to);
        else {
            /* FPConvertNaN: the sign and the top fraction bits, made quiet. */
            uint64_t frac = a & frac_mask(from);
            int d = (int)fbits(to) - (int)fbits(from);
            frac = d >= 0 ? frac << d : frac >> -d;
            r = fp_zero(to, v.sign) | exp_mask(to) | quiet_bit(to) | frac;
        }
        if (v.cls == FC_SNAN || alt)
            st->flags |= FPSR_IOC;
        return r;
    }
    if (v.cls == FC_INF) {
        if (alt) {
            st->flags |= FPSR_IOC;
            return fp_zero(to, v.sign) | (fpu_sign_bit(to) - 1);
        }
        return fp_inf(to, v.sign);
    }
    if (v.cls == FC_ZERO)
        return fp_zero(to, v.sign);
    return round_base(to, v.sign, v.exp, v.mant, false, rm, st, true);
}

/* RecipEstimate: a in [256, 511] -> [256, 511]. */
static unsigned recip_estimate(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* RecipSqrtEstimate: a in [128, 511] -> [256, 511]. */
static unsigned rsqrt_estimate(unsigned a)
{
    if (a < 256)
        a = a * 2 + 1;
    else
        a = (((a >> 1) << 1) + 1) * 2;
    unsigned b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28))
        b++;
    return (b + 1) / 2;
}

uint64_t fpu_recpe(unsigned f, uint64_t a, struct fpu_st *st)
{
    struct fpu_val v = unpack(f, a, st);
    uint64_t r;
    if (process_nans(f, 1, &v, &a, st, &r))
        return r;
    if (v.cls == FC_INF)
        return fp_zero(f, v.sign);
    if (v.cls == FC_ZERO) {
        st->flags |= FPSR_DZC;
        return fp_inf(f, v.sign);
    }
    int F = (int)fbits(f);
    int mexp = v.exp + msb128(v.mant); /* |value| in [2^mexp, 2^(mexp+1)) */
    /* |value| < 2^-(bias+1) overflows the reciprocal. */
    if (mexp < -(bias(f) + 1)) {
        enum fpu_rmode rm = fpu_fpcr_rmode(st);
        bool to_inf = rm == FPU_RN || (rm == FPU_RP && !v.sign) || (rm == FPU_RM && v.sign);
        st->flags |= FPSR_OFC | FPSR_IXC;
        return to_inf ? fp_inf(f, v.sign) : fp_max_normal(f, v.sign);
    }
    if (fz_on(f, st, false) && mexp >= bias(f) - 1) {
        st->flags |= FPSR_UFC;
        return fp_zero(f, v.sign);
    }
    uint64_t fraction = (a & frac_mask(f)) << (52 - F);
    int exp = (int)((a & exp_mask(f)) >> F);
    if (exp == 0) {
        if (!((fraction >> 51) & 1)) {
            exp = -1;
            fraction = (fraction << 2) & ((1ull << 52) - 1);
        } else {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
        }
    }
    unsigned scaled = 256 | (unsigned)(fraction >> 44);
    int result_exp = 2 * bias(f) - 1 - exp;
    unsigned est = recip_estimate(scaled);
    fraction = (uint64_t)(est & 0xff) << 44;
    if (result_exp == 0) {
        fraction = 1ull << 51 | fraction >> 1;
    } else if (result_exp == -1) {
        fraction = 1ull << 50 | fraction >> 2;
        result_exp = 0;
    }
    return fp_zero(f, v.sign) | (uint64_t)result_exp << F | fraction >> (52 - F);
}

uint64_t fpu_rsqrte(unsigned f, uint64_t a, struct fpu_st *st)
{
    struct fpu_val v = unpack(f, a, st);
    uint64_t r;
    if (process_nans(f, 1, &v, &a, st, &r))
        return r;
    if (v.cls == FC_ZERO) {
        st->flags |= FPSR_DZC;
        return fp_inf(f, v.sign);
    }
    if (v.sign) {
        st->flags |= FPSR_IOC;
        return fp_default_nan(f);
    }
    if (v.cls == FC_INF)
        return 0;
    int F = (int)fbits(f);
    uint64_t fraction = (a & frac_mask(f)) << (52 - F);
    int exp = (int)((a & exp_mask(f)) >> F);
    if (exp == 0) {
        while (!((fraction >> 51) & 1)) {
            fraction <<= 1;
            exp--;
        }
        fraction = (fraction << 1) & ((1ull << 52) - 1);
    }
    unsigned scaled = (exp & 1) ? 128 | (unsigned)(fraction >> 45) : 256 | (unsigned)(fraction >> 44);
    int k = f == FPU_H ? 44 : f == FPU_S ? 380 : 3068;
    int d = k - exp;
    int result_exp = d >= 0 ? d / 2 : -((-d + 1) / 2);
    unsigned est = rsqrt_estimate(scaled);
    return (uint64_t)result_exp << F | (uint64_t)(est & 0xff) << (F - 8);
}

uint64_t fpu_recpx(unsigned f, uint64_t a, struct fpu_st *st)
{
    struct fpu_val v = unpack(f, a, st);
    uint64_t r;
    if (process_nans(f, 1, &v, &a, st, &r))
        return r;
    uint64_t e = a & exp_mask(f);
    uint64_t max_exp = exp_mask(f) - (1ull << fbits(f));
    return fp_zero(f, v.sign) | (e ? ~e & exp_mask(f) : max_exp);
}

uint32_t fpu_urecpe(uint32_t a)
{
    if (!(a >> 31))
        return 0xffffffffu;
    return (uint32_t)recip_estimate(a >> 23) << 23;
}

uint32_t fpu_ursqrte(uint32_t a)
{
    if (!(a >> 30))
        return 0xffffffffu;
    return (uint32_t)rsqrt_estimate(a >> 23) << 23;
}

uint64_t fpu_fjcvtzs(uint64_t a, struct fpu_st *st)
{
    struct fpu_val v = unpack(FPU_D, a, st);
    unsigned z = 1;
    if (is_nan(&v)) {
        st->flags |= FPSR_IOC;
        return 0;
    }
    if (v.cls == FC_INF) {
        st->flags |= FPSR_IOC;
        return 0;
    }
    if (v.cls == FC_ZERO)
        return v.sign ? 0 : 1ull << 32;
    /* Truncate; the result is the integer modulo 2^32. */
    uint64_t lo;
    u128 mag;
    bool inexact = false;
    if (v.exp >= 0) {
        lo = v.exp >= 64 ? 0 : v.mant << v.exp;
        mag = v.exp > 70 ? (u128)1 << 70 : (u128)v.mant << v.exp;
    } else {
        int s = -v.exp;
        lo = s >= 64 ? 0 : v.mant >> s;
        mag = lo;
        inexact = s >= 64 || (v.mant & ((1ull << s) - 1)) != 0;
    }
    bool big = mag > (u128)(1u << 31) - 1 + v.sign;
    uint32_t r = (uint32_t)(v.sign ? -lo : lo);
    if (big) {
        st->flags |= FPSR_IOC;
        z = 0;
    } else if (inexact) {
        st->flags |= FPSR_IXC;
        z = 0;
    }
    return r | (uint64_t)z << 32;
}
