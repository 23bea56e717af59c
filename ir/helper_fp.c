/* Floating-point helpers: every lane of every scalar and AdvSIMD FP
 * instruction goes through the Arm FP library (fpu/fpu.h) with the guest's
 * FPCR, and the flags it raises accumulate in FPSR. */
#include "env.h"
#include "fpu/fpu.h"
#include "helper_fp.h"
#include "helper_simd.h"

static enum fpu_rmode imm_rmode(unsigned rm, const struct fpu_st *st)
{
    return rm == FP_RM_FPCR ? fpu_fpcr_rmode(st) : (enum fpu_rmode)rm;
}

static uint64_t binop(enum fp_op op, unsigned f, uint64_t d, uint64_t n, uint64_t m,
                      struct fpu_st *st)
{
    uint64_t ones = (f == FPU_D) ? ~0ull : (1ull << (8u << f)) - 1, sb = fpu_sign_bit(f);
    switch (op) {
    case FPOP_ADD: return fpu_add(f, n, m, st);
    case FPOP_SUB: return fpu_sub(f, n, m, st);
    case FPOP_MUL: return fpu_mul(f, n, m, st);
    case FPOP_MULX: return fpu_mulx(f, n, m, st);
    case FPOP_DIV: return fpu_div(f, n, m, st);
    case FPOP_NMUL: return fpu_mul(f, n, m, st) ^ sb;
    case FPOP_MAX: return fpu_max(f, n, m, st);
    case FPOP_MIN: return fpu_min(f, n, m, st);
    case FPOP_MAXNM: return fpu_maxnm(f, n, m, st);
    case FPOP_MINNM: return fpu_minnm(f, n, m, st);
    case FPOP_ABD: return fpu_abd(f, n, m, st);
    case FPOP_RECPS: return fpu_recps(f, n, m, st);
    case FPOP_RSQRTS: return fpu_rsqrts(f, n, m, st);
    case FPOP_CMEQ: return fpu_cmp_eq(f, n, m, st) ? ones : 0;
    case FPOP_CMGE: return fpu_cmp_ge(f, n, m, st) ? ones : 0;
    case FPOP_CMGT: return fpu_cmp_gt(f, n, m, st) ? ones : 0;
    case FPOP_ACGE: return fpu_cmp_ge(f, n & ~sb, m & ~sb, st) ? ones : 0;
    case FPOP_ACGT: return fpu_cmp_gt(f, n & ~sb, m & ~sb, st) ? ones : 0;
    case FPOP_MLA: return fpu_muladd(f, d, n, m, st);
    case FPOP_MLS: return fpu_muladd(f, d, n ^ sb, m, st);
    default: return 0;
    }
}

static uint64_t unop(enum fp_op op, unsigned f, unsigned imm, uint64_t n, struct fpu_st *st)
{
    uint64_t ones = (f == FPU_D) ? ~0ull : (1ull << (8u << f)) - 1, sb = fpu_sign_bit(f);
    unsigned ibits = 8u << f;
    switch (op) {
    case FPOP_ABS: return n & ~sb;
    case FPOP_NEG: return n ^ sb;
    case FPOP_MOV: return n;
    case FPOP_SQRT: return fpu_sqrt(f, n, st);
    case FPOP_RINT: return fpu_round_int(f, n, imm_rmode(imm & 7, st), imm >> 3, st);
    case FPOP_RINTX: return fpu_round_int(f, n, fpu_fpcr_rmode(st), true, st);
    case FPOP_RINT32: return fpu_round_intn(f, n, imm_rmode(imm & 7, st), 32, st);
    case FPOP_RINT64: return fpu_round_intn(f, n, imm_rmode(imm & 7, st), 64, st);
    case FPOP_RECPE: return fpu_recpe(f, n, st);
    case FPOP_RSQRTE: return fpu_rsqrte(f, n, st);
    case FPOP_RECPX: return fpu_recpx(f, n, st);
    case FPOP_URECPE: return fpu_urecpe((uint32_t)n);
    case FPOP_URSQRTE: return fpu_ursqrte((uint32_t)n);
    case FPOP_TOFIX:
        return fpu_to_fixed(f, n, imm & 0xff, (imm >> 11) & 1, imm_rmode((imm >> 8) & 7, st),
                            ibits, st);
    case FPOP_FROMFIX:
        return fpu_from_fixed(f, n, imm & 0xff, (imm >> 11) & 1, imm_rmode((imm >> 8) & 7, st),
                              ibits, st);
    case FPOP_CMEQ0: return fpu_cmp_eq(f, n, 0, st) ? ones : 0;
    case FPOP_CMGE0: return fpu_cmp_ge(f, n, 0, st) ? ones : 0;
    case FPOP_CMGT0: return fpu_cmp_gt(f, n, 0, st) ? ones : 0;
    case FPOP_CMLE0: return fpu_cmp_ge(f, 0, n, st) ? ones : 0;
    case FPOP_CMLT0: return fpu_cmp_gt(f, 0, n, st) ? ones : 0;
    default: return 0;
    }
}

/* FCVTL/FCVTN/FCVTXN: f is the narrow format; Q selects the upper half of the
 * narrow vector (the "2" forms). */
static void widen_narrow(struct ir_env *env, uint64_t desc, struct fpu_st *st)
{
    enum fp_op op = FP_D_OP(desc);
    unsigned f = FP_D_F(desc), nb = 1u << f, q = FP_D_Q(desc), n = 8 / nb;
    zarm_vreg x = env->cpu.v[FP_D_RN(desc)], r = env->cpu.v[FP_D_RD(desc)];
    if (FP_D_SCALAR(desc)) { /* scalar FCVTXN */
        r.d[0] = fpu_convert(f, f + 1, x.d[0], FPU_ODD, st);
        r.d[1] = 0;
    } else if (op == FPOP_CVTL) {
        for (unsigned i = 0; i < n; i++)
            simd_set_lane(&r, i, nb * 2,
                          fpu_convert(f + 1, f, simd_lane(&x, i + q * n, nb), FPU_RN, st) );
    } else {
        enum fpu_rmode rm = op == FPOP_CVTXN ? FPU_ODD : fpu_fpcr_rmode(st);
        if (!q)
            r.d[1] = 0;
        for (unsigned i = 0; i < n; i++)
            simd_set_lane(&r, i + q * n, nb,
                          fpu_convert(f, f + 1, simd_lane(&x, i, nb * 2), rm, st));
    }
    env->cpu.v[FP_D_RD(desc)] = r;
}

/* Arm's Reduce(): the operation over halves, recursively. */
static uint64_t reduce(enum fp_op op, unsigned f, const zarm_vreg *x, unsigned lo, unsigned n,
                       struct fpu_st *st)
{
    if (n == 1)
        return simd_lane(x, lo, 1u << f);
    uint64_t a = reduce(op, f, x, lo, n / 2, st), b = reduce(op, f, x, lo + n / 2, n / 2, st);
    return binop(op, f, 0, a, b, st);
}

/* Lane-wise FP operations on V registers: a = FP_DESC(...) | FP_PAIRWISE/FP_INDEXED. */
uint64_t helper_fp_lanes(struct ir_env *env, uint64_t desc, uint64_t b, uint64_t c)
{
    (void)b;
    (void)c;
    struct fpu_st st = {env->cpu.fpcr, 0};
    enum fp_op op = FP_D_OP(desc);
    unsigned f = FP_D_F(desc), esize = 1u << f, imm = FP_D_IMM(desc);
    if (op >= FPOP_CVTL) {
        widen_narrow(env, desc, &st);
        env->cpu.fpsr |= st.flags;
        return 0;
    }
    unsigned n = FP_D_SCALAR(desc) ? 1 : (FP_D_Q(desc) ? 16 : 8) / esize;
    zarm_vreg vn = env->cpu.v[FP_D_RN(desc)], vm = env->cpu.v[FP_D_RM(desc)];
    zarm_vreg vd = env->cpu.v[FP_D_RD(desc)], r = {{0, 0}};
    for (unsigned i = 0; i < n; i++) {
        uint64_t x, y, res;
        if (desc & FP_PAIRWISE) {
            /* Scalar pairwise reads Vn lanes 0 and 1; vector pairwise reads
             * the concatenation Vm:Vn. */
            unsigned j = 2 * i, half = FP_D_SCALAR(desc) ? 2 : n;
            const zarm_vreg *src = j < half ? &vn : &vm;
            j %= half;
            x = simd_lane(src, j, esize);
            y = simd_lane(src, j + 1, esize);
        } else {
            x = simd_lane(&vn, i, esize);
            y = simd_lane(&vm, (desc & FP_INDEXED) ? imm : i, esize);
        }
        if (op < FPOP_ABS)
            res = binop(op, f, simd_lane(&vd, i, esize), x, y, &st);
        else
            res = unop(op, f, imm, x, &st);
        simd_set_lane(&r, i, esize, res);
    }
    env->cpu.v[FP_D_RD(desc)] = r;
    env->cpu.fpsr |= st.flags;
    return 0;
}

/* FMAXV, FMINV, FMAXNMV, FMINNMV: the reduction into lane 0 of Vd. */
uint64_t helper_fp_across(struct ir_env *env, uint64_t desc, uint64_t b, uint64_t c)
{
    (void)b;
    (void)c;
    struct fpu_st st = {env->cpu.fpcr, 0};
    unsigned f = FP_D_F(desc), n = (FP_D_Q(desc) ? 16 : 8) >> f;
    zarm_vreg x = env->cpu.v[FP_D_RN(desc)];
    uint64_t res = reduce(FP_D_OP(desc), f, &x, 0, n, &st);
    zarm_vreg r = {{0, 0}};
    simd_set_lane(&r, 0, 1u << f, res);
    env->cpu.v[FP_D_RD(desc)] = r;
    env->cpu.fpsr |= st.flags;
    return 0;
}

/* Scalar operations on values: a, b operands, c = FP_SDESC(op, f, imm).
 * CMP/CMPE return NZCV in bits 31:28; TOINT's imm is fbits | rmode << 8 |
 * unsigned << 11 | sf << 12 (FROMINT the same); CVT's imm the target format. */
uint64_t helper_fp_scalar(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    struct fpu_st st = {env->cpu.fpcr, 0};
    unsigned f = (c >> 8) & 3, imm = (unsigned)(c >> 16), ibits = (imm >> 12) & 1 ? 64 : 32;
    uint64_t r = 0;
    switch ((enum fp_sop)(c & 0xff)) {
    case FPS_CMP: r = (uint64_t)fpu_cmp(f, a, b, false, &st) << 28; break;
    case FPS_CMPE: r = (uint64_t)fpu_cmp(f, a, b, true, &st) << 28; break;
    case FPS_CCMP:
    case FPS_CCMPE:
        if ((c >> FP_SDESC_COND_BIT) & 1)
            r = (uint64_t)fpu_cmp(f, a, b, (c & 0xff) == FPS_CCMPE, &st) << 28;
        else
            r = (uint64_t)(imm & 15) << 28;
        break;
    case FPS_CVT: r = fpu_convert(imm & 3, f, a, fpu_fpcr_rmode(&st), &st); break;
    case FPS_TOINT:
        r = fpu_to_fixed(f, a, imm & 0xff, (imm >> 11) & 1, imm_rmode((imm >> 8) & 7, &st),
                         ibits, &st);
        break;
    case FPS_FROMINT:
        r = fpu_from_fixed(f, a, imm & 0xff, (imm >> 11) & 1, imm_rmode((imm >> 8) & 7, &st),
                           ibits, &st);
        break;
    case FPS_FJCVTZS: r = fpu_fjcvtzs(a, &st); break;
    }
    env->cpu.fpsr |= st.flags;
    return r;
}

/* FMADD, FMSUB, FNMADD, FNMSUB: a = FP_DESC with Ra, b = negate Vn, c = negate Va
 * (FPNeg flips NaNs too, before FPMulAdd). */
uint64_t helper_fp_fma(struct ir_env *env, uint64_t desc, uint64_t neg_n, uint64_t neg_a)
{
    struct fpu_st st = {env->cpu.fpcr, 0};
    unsigned f = FP_D_F(desc), esize = 1u << f;
    uint64_t sb = fpu_sign_bit(f);
    uint64_t n = simd_lane(&env->cpu.v[FP_D_RN(desc)], 0, esize);
    uint64_t m = simd_lane(&env->cpu.v[FP_D_RM(desc)], 0, esize);
    uint64_t a = simd_lane(&env->cpu.v[FP_D_RA(desc)], 0, esize);
    uint64_t r = fpu_muladd(f, neg_a ? a ^ sb : a, neg_n ? n ^ sb : n, m, &st);
    zarm_vreg v = {{0, 0}};
    simd_set_lane(&v, 0, esize, r);
    env->cpu.v[FP_D_RD(desc)] = v;
    env->cpu.fpsr |= st.flags;
    return 0;
}

/* The AdvSIMD integer-lane conversions that trans_simd_arith.c's coarse
 * two-register-misc translator still calls: a = SIMD_ARGS(size 2/3, scalar),
 * b = mode | unsigned << 3 | to_fp << 4 (mode 4 = nearest-away). */
uint64_t helper_simd_fcvt(struct ir_env *env, uint64_t args, uint64_t b, uint64_t c)
{
    (void)c;
    unsigned f = SIMD_SIZE(args), uns = (b >> 3) & 1, mode = b & 7;
    uint64_t desc = FP_DESC(SIMD_RD(args), SIMD_RN(args), 0, 0, SIMD_Q(args), f,
                            SIMD_SCALAR(args), (b & 16) ? FPOP_FROMFIX : FPOP_TOFIX,
                            ((b & 16) ? FP_RM_FPCR : mode) << 8 | uns << 11);
    return helper_fp_lanes(env, desc, 0, 0);
}
