/* Scalar floating point (Arm ARM C7 "floating-point data processing", "compare",
 * "conversion between floating-point and integer").  Values travel as raw bits;
 * ftype 0 = single, 1 = double.  Arithmetic uses the host's IEEE operations in
 * round-to-nearest (FPCR.RMode and FZ are not modelled, nor are the FPSR
 * cumulative exception flags); NaNs follow the Arm rules with FPCR.DN = 0:
 * a signalling NaN operand wins over a quiet one, operands in order, the result
 * is that NaN quietened, and an invalid operation gives the default NaN. */
#include <math.h>
#include <string.h>

#include "env.h"
#include "helper_simd.h"

static float f32(uint64_t x)
{
    uint32_t w = (uint32_t)x;
    float f;
    memcpy(&f, &w, 4);
    return f;
}
static double f64(uint64_t x)
{
    double d;
    memcpy(&d, &x, 8);
    return d;
}
static uint64_t b32(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}
static uint64_t b64(double d)
{
    uint64_t x;
    memcpy(&x, &d, 8);
    return x;
}

static bool is_nan(uint64_t x, unsigned dbl)
{
    return dbl ? (x & 0x7fffffffffffffffull) > 0x7ff0000000000000ull
               : (x & 0x7fffffffu) > 0x7f800000u;
}
static bool is_snan(uint64_t x, unsigned dbl)
{
    return is_nan(x, dbl) && !(x & (dbl ? 1ull << 51 : 1ull << 22));
}
static uint64_t quiet(uint64_t x, unsigned dbl) { return x | (dbl ? 1ull << 51 : 1ull << 22); }
static uint64_t default_nan(unsigned dbl) { return dbl ? 0x7ff8000000000000ull : 0x7fc00000u; }

/* FPProcessNaNs over n operands; true with *out set if one is a NaN. */
static bool process_nans(const uint64_t *ops, unsigned n, unsigned dbl, uint64_t *out)
{
    for (unsigned i = 0; i < n; i++)
        if (is_snan(ops[i], dbl)) {
            *out = quiet(ops[i], dbl);
            return true;
        }
    for (unsigned i = 0; i < n; i++)
        if (is_nan(ops[i], dbl)) {
            *out = ops[i];
            return true;
        }
    return false;
}

/* A computed result that is NaN came from an invalid operation. */
static uint64_t fix_nan(uint64_t r, unsigned dbl) { return is_nan(r, dbl) ? default_nan(dbl) : r; }

/* FADD, FSUB, FMUL, FDIV, FMAX, FMIN, FMAXNM, FMINNM, FNMUL: c = opcode | ftype << 4. */
uint64_t helper_fp_2src(struct ir_env *env, uint64_t x, uint64_t y, uint64_t c)
{
    (void)env;
    unsigned op = c & 15, dbl = (c >> 4) & 1;
    uint64_t ops[2] = {x, y}, r;
    if (op == 8) /* FNMUL: FPNeg of the product, NaN or not */
        return helper_fp_2src(env, x, y, c & ~15ull) ^ (dbl ? 1ull << 63 : 1ull << 31);
    if (op == 6 || op == 7) { /* FMAXNM/FMINNM: one quiet NaN yields the number */
        bool xn = is_nan(x, dbl) && !is_snan(x, dbl), yn = is_nan(y, dbl) && !is_snan(y, dbl);
        if (xn && !is_nan(y, dbl))
            return y;
        if (yn && !is_nan(x, dbl))
            return x;
        op -= 2;
    }
    if (process_nans(ops, 2, dbl, &r))
        return r;
    if (op == 4 || op == 5) { /* FMAX/FMIN: +0 is above -0 */
        double a = dbl ? f64(x) : f32(x), b = dbl ? f64(y) : f32(y);
        if (a == b)
            return op == 4 ? x & y : x | y; /* equal: only the signs of zeros differ */
        return (op == 4) == (a > b) ? x : y;
    }
    if (dbl) {
        double a = f64(x), b = f64(y), v;
        switch (op) {
        case 0: v = a * b; break;
        case 1: v = a / b; break;
        case 2: v = a + b; break;
        default: v = a - b; break;
        }
        return fix_nan(b64(v), 1);
    }
    float a = f32(x), b = f32(y), v;
    switch (op) {
    case 0: v = a * b; break;
    case 1: v = a / b; break;
    case 2: v = a + b; break;
    default: v = a - b; break;
    }
    return fix_nan(b32(v), 0);
}

/* FMADD, FMSUB, FNMADD, FNMSUB: a = SIMD_ARGS(Rd, Rn, Rm, 0, ftype, 0), b = Ra,
 * c = o1 << 1 | o0.  FMSUB (01) negates Vn, FNMADD (10) Vn and Va, FNMSUB (11)
 * Va, before the fused multiply-add (FPNeg flips the sign of NaNs too, so it is done on the bits). */
uint64_t helper_fp_3src(struct ir_env *env, uint64_t args, uint64_t ra, uint64_t c)
{
    unsigned dbl = SIMD_SIZE(args) & 1;
    uint64_t sign = dbl ? 1ull << 63 : 1ull << 31, mask = dbl ? ~0ull : 0xffffffffu;
    uint64_t n = env->cpu.v[SIMD_RN(args)].d[0] & mask, m = env->cpu.v[SIMD_RM(args)].d[0] & mask;
    uint64_t a = env->cpu.v[ra & 31].d[0] & mask, r;
    if ((c ^ (c >> 1)) & 1)
        n ^= sign;
    if (c & 2)
        a ^= sign;
    uint64_t ops[3] = {a, n, m};
    uint64_t mag = dbl ? 0x7fffffffffffffffull : 0x7fffffffu, inf = dbl ? 0x7ff0000000000000ull : 0x7f800000u;
    bool inf_times_zero = ((n & mag) == inf && (m & mag) == 0) || ((n & mag) == 0 && (m & mag) == inf);
    /* FPMulAdd: a quiet NaN addend does not hide the invalid infinity x zero. */
    if (is_nan(a, dbl) && !is_snan(a, dbl) && inf_times_zero && !is_snan(n, dbl) && !is_snan(m, dbl)) {
        r = default_nan(dbl);
    } else if (!process_nans(ops, 3, dbl, &r)) {
        r = dbl ? fix_nan(b64(fma(f64(n), f64(m), f64(a))), 1)
                : fix_nan(b32(fmaf(f32(n), f32(m), f32(a))), 0);
    }
    zarm_vreg *d = &env->cpu.v[SIMD_RD(args)];
    d->d[0] = r;
    d->d[1] = 0;
    return 0;
}

/* FSQRT, FCVT between single and double, FRINT*: c = opcode | ftype << 8. */
uint64_t helper_fp_1src(struct ir_env *env, uint64_t x, uint64_t opc, uint64_t c)
{
    (void)env;
    (void)c;
    unsigned op = opc & 0x3f, dbl = (opc >> 8) & 1;
    if (op == 3) { /* FSQRT */
        uint64_t r;
        if (process_nans(&x, 1, dbl, &r))
            return r;
        return dbl ? fix_nan(b64(sqrt(f64(x))), 1) : fix_nan(b32(sqrtf(f32(x))), 0);
    }
    if (op == 4 || op == 5) { /* FCVT to single (4) or double (5) */
        if (is_nan(x, dbl)) {
            uint64_t sign = dbl ? x >> 63 : (x >> 31) & 1;
            uint64_t payload = dbl ? (x >> 29) & 0x3fffff : (uint64_t)(x & 0x3fffff) << 29;
            return op == 4 ? (sign << 31 | 0x7fc00000u | (payload & 0x3fffff))
                           : (sign << 63 | 0x7ff8000000000000ull | payload);
        }
        return op == 4 ? b32((float)f64(x)) : b64((double)f32(x));
    }
    /* FRINTN 8, FRINTP 9, FRINTM 10, FRINTZ 11, FRINTA 12, FRINTX 14, FRINTI 15 */
    uint64_t r;
    if (process_nans(&x, 1, dbl, &r))
        return r;
    double v = dbl ? f64(x) : f32(x);
    switch (op) {
    case 9: v = ceil(v); break;
    case 10: v = floor(v); break;
    case 11: v = trunc(v); break;
    case 12: v = round(v); break;
    default: v = nearbyint(v); break;
    }
    return dbl ? b64(v) : b32((float)v);
}

/* FCMP/FCMPE: NZCV in bits 31:28 (unordered = 0011, equal 0110, less 1000,
 * greater 0010).  c = ftype. */
uint64_t helper_fp_cmp(struct ir_env *env, uint64_t x, uint64_t y, uint64_t c)
{
    (void)env;
    unsigned dbl = c & 1;
    if (is_nan(x, dbl) || is_nan(y, dbl))
        return 0x3u << 28;
    double a = dbl ? f64(x) : f32(x), b = dbl ? f64(y) : f32(y);
    if (a == b)
        return 0x6u << 28;
    return (a < b ? 0x8u : 0x2u) << 28;
}

/* SCVTF/UCVTF from Wn/Xn: c = ftype | sf << 1 | unsigned << 2. */
uint64_t helper_fp_from_int(struct ir_env *env, uint64_t x, uint64_t c, uint64_t unused)
{
    (void)env;
    (void)unused;
    unsigned dbl = c & 1, sf = (c >> 1) & 1, uns = (c >> 2) & 1;
    if (!sf)
        x = uns ? (uint32_t)x : (uint64_t)(int64_t)(int32_t)x;
    if (dbl)
        return uns ? b64((double)x) : b64((double)(int64_t)x);
    return uns ? b32((float)x) : b32((float)(int64_t)x);
}

/* FCVT[NPMZA][SU] to Wd/Xd: c = ftype | sf << 1 | unsigned << 2 | mode << 3 with
 * mode 0 nearest-even, 1 +inf, 2 -inf, 3 zero, 4 nearest-away.  NaN gives 0,
 * out-of-range values saturate. */
uint64_t helper_fp_to_int(struct ir_env *env, uint64_t x, uint64_t c, uint64_t unused)
{
    (void)env;
    (void)unused;
    unsigned dbl = c & 1, sf = (c >> 1) & 1, uns = (c >> 2) & 1, mode = (unsigned)(c >> 3) & 7;
    if (is_nan(x, dbl))
        return 0;
    double v = dbl ? f64(x) : f32(x);
    switch (mode) {
    case 0: v = nearbyint(v); break;
    case 1: v = ceil(v); break;
    case 2: v = floor(v); break;
    case 3: v = trunc(v); break;
    default: v = round(v); break;
    }
    if (uns) {
        double lim = sf ? 18446744073709551616.0 : 4294967296.0;
        if (v <= 0)
            return 0;
        if (v >= lim)
            return sf ? ~0ull : 0xffffffffu;
        return (uint64_t)v;
    }
    double lim = sf ? 9223372036854775808.0 : 2147483648.0;
    if (v >= lim)
        return sf ? 0x7fffffffffffffffull : 0x7fffffffu;
    if (v < -lim)
        return sf ? 0x8000000000000000ull : 0x80000000u;
    int64_t i = (int64_t)v;
    return sf ? (uint64_t)i : (uint32_t)i;
}

/* AdvSIMD [SU]CVTF and FCVT[NPMZA][SU] (vector and scalar, integer lanes of the
 * same size): a = SIMD_ARGS(..., size 2 or 3, scalar), b = mode | unsigned << 3 |
 * to_fp << 4 with the rounding modes of helper_fp_to_int. */
uint64_t helper_simd_fcvt(struct ir_env *env, uint64_t args, uint64_t b, uint64_t c)
{
    (void)c;
    unsigned esize = 1u << SIMD_SIZE(args), dbl = esize == 8;
    unsigned bytes = SIMD_SCALAR(args) ? esize : SIMD_Q(args) ? 16 : 8;
    unsigned uns = (b >> 3) & 1, mode = b & 7;
    zarm_vreg x = env->cpu.v[SIMD_RN(args)], r = {{0, 0}};
    for (unsigned i = 0; i < bytes / esize; i++) {
        uint64_t v = simd_lane(&x, i, esize);
        v = (b & 16) ? helper_fp_from_int(env, v, dbl | dbl << 1 | uns << 2, 0)
                     : helper_fp_to_int(env, v, dbl | dbl << 1 | uns << 2 | mode << 3, 0);
        simd_set_lane(&r, i, esize, v);
    }
    env->cpu.v[SIMD_RD(args)] = r;
    return 0;
}
