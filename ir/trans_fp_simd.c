/* AdvSIMD floating point (Arm ARM C7: the FP instructions of "three same",
 * "two-register miscellaneous", "across lanes", "scalar pairwise", "x indexed
 * element" and "shift by immediate", vector and scalar forms).  Every lane goes
 * through helper fp_lanes (helper_fp.c).  sz: 0 single, 1 double; a double
 * vector needs Q = 1. */
#include "fpu/fpu.h"
#include "helper_fp.h"
#include "trans_simd.h"

/* Lanes of format f (FPU_H/S/D); a double vector needs Q = 1. */
static bool lanes_f(struct ir_tctx *t, const struct a64_insn *in, unsigned f, bool scalar,
                    enum fp_op op, unsigned imm, uint64_t flags) {
    unsigned q = in->f[A64_F_Q];
    if (!scalar && f == FPU_D && !q)
        return false;
    uint64_t desc =
        FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], 0, q, f, scalar, op, imm) |
        flags;
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}

static bool lanes(struct ir_tctx *t, const struct a64_insn *in, bool scalar, enum fp_op op,
                  unsigned imm, uint64_t flags) {
    return lanes_f(t, in, FPU_S + in->f[A64_F_sz], scalar, op, imm, flags);
}

#define FP_VEC(name, op, imm)                                                                      \
    bool trans_##name##_v(struct ir_tctx *t, const struct a64_insn *in) {                          \
        return lanes(t, in, false, op, imm, 0);                                                    \
    }
#define FP_SVEC(name, op, imm)                                                                     \
    bool trans_##name##_sv(struct ir_tctx *t, const struct a64_insn *in) {                         \
        return lanes(t, in, true, op, imm, 0);                                                     \
    }
#define FP_BOTH(name, op, imm) FP_VEC(name, op, imm) FP_SVEC(name, op, imm)
/* The FEAT_FP16 forms (half-precision lanes): names end in h. */
#define FP_VECH(name, op, imm)                                                                     \
    bool trans_##name##_vh(struct ir_tctx *t, const struct a64_insn *in) {                         \
        return lanes_f(t, in, FPU_H, false, op, imm, 0);                                           \
    }
#define FP_SVECH(name, op, imm)                                                                    \
    bool trans_##name##_svh(struct ir_tctx *t, const struct a64_insn *in) {                        \
        return lanes_f(t, in, FPU_H, true, op, imm, 0);                                            \
    }
#define FP_BOTHH(name, op, imm) FP_VECH(name, op, imm) FP_SVECH(name, op, imm)

/* Three same. */
FP_VEC(FMAXNM, FPOP_MAXNM, 0)
FP_VECH(FMAXNM, FPOP_MAXNM, 0)
FP_VEC(FMLA, FPOP_MLA, 0)
FP_VECH(FMLA, FPOP_MLA, 0)
FP_VEC(FADD, FPOP_ADD, 0)
FP_VECH(FADD, FPOP_ADD, 0)
FP_BOTH(FMULX, FPOP_MULX, 0)
FP_BOTHH(FMULX, FPOP_MULX, 0)
FP_BOTH(FCMEQ, FPOP_CMEQ, 0)
FP_BOTHH(FCMEQ, FPOP_CMEQ, 0)
FP_VEC(FMAX, FPOP_MAX, 0)
FP_VECH(FMAX, FPOP_MAX, 0)
FP_BOTH(FRECPS, FPOP_RECPS, 0)
FP_BOTHH(FRECPS, FPOP_RECPS, 0)
FP_VEC(FMINNM, FPOP_MINNM, 0)
FP_VECH(FMINNM, FPOP_MINNM, 0)
FP_VEC(FMLS, FPOP_MLS, 0)
FP_VECH(FMLS, FPOP_MLS, 0)
FP_VEC(FSUB, FPOP_SUB, 0)
FP_VECH(FSUB, FPOP_SUB, 0)
FP_VEC(FMIN, FPOP_MIN, 0)
FP_VECH(FMIN, FPOP_MIN, 0)
FP_BOTH(FRSQRTS, FPOP_RSQRTS, 0)
FP_BOTHH(FRSQRTS, FPOP_RSQRTS, 0)
FP_VEC(FMUL, FPOP_MUL, 0)
FP_VECH(FMUL, FPOP_MUL, 0)
FP_BOTH(FCMGE, FPOP_CMGE, 0)
FP_BOTHH(FCMGE, FPOP_CMGE, 0)
FP_BOTH(FACGE, FPOP_ACGE, 0)
FP_BOTHH(FACGE, FPOP_ACGE, 0)
FP_VEC(FDIV, FPOP_DIV, 0)
FP_VECH(FDIV, FPOP_DIV, 0)
FP_BOTH(FABD, FPOP_ABD, 0)
FP_BOTHH(FABD, FPOP_ABD, 0)
FP_BOTH(FCMGT, FPOP_CMGT, 0)
FP_BOTHH(FCMGT, FPOP_CMGT, 0)
FP_BOTH(FACGT, FPOP_ACGT, 0)
FP_BOTHH(FACGT, FPOP_ACGT, 0)

/* Pairwise: vector (Vm:Vn) and scalar (the two lanes of Vn). */
#define FP_PAIR(name, op)                                                                          \
    bool trans_##name##_v(struct ir_tctx *t, const struct a64_insn *in) {                          \
        return lanes(t, in, false, op, 0, FP_PAIRWISE);                                            \
    }                                                                                              \
    bool trans_##name##_sv(struct ir_tctx *t, const struct a64_insn *in) {                         \
        return lanes(t, in, true, op, 0, FP_PAIRWISE);                                             \
    }                                                                                              \
    bool trans_##name##_vh(struct ir_tctx *t, const struct a64_insn *in) {                         \
        return lanes_f(t, in, FPU_H, false, op, 0, FP_PAIRWISE);                                   \
    }                                                                                              \
    bool trans_##name##_svh(struct ir_tctx *t, const struct a64_insn *in) {                        \
        return lanes_f(t, in, FPU_H, true, op, 0, FP_PAIRWISE);                                    \
    }
FP_PAIR(FMAXNMP, FPOP_MAXNM)
FP_PAIR(FADDP, FPOP_ADD)
FP_PAIR(FMAXP, FPOP_MAX)
FP_PAIR(FMINNMP, FPOP_MINNM)
FP_PAIR(FMINP, FPOP_MIN)

/* Two-register miscellaneous. */
#define CVT(rm, uns) ((rm) << 8 | (uns) << 11)
FP_BOTH(FCVTNS, FPOP_TOFIX, CVT(FPU_RN, 0))
FP_BOTHH(FCVTNS, FPOP_TOFIX, CVT(FPU_RN, 0))
FP_BOTH(FCVTMS, FPOP_TOFIX, CVT(FPU_RM, 0))
FP_BOTHH(FCVTMS, FPOP_TOFIX, CVT(FPU_RM, 0))
FP_BOTH(FCVTAS, FPOP_TOFIX, CVT(FPU_RA, 0))
FP_BOTHH(FCVTAS, FPOP_TOFIX, CVT(FPU_RA, 0))
FP_BOTH(FCVTPS, FPOP_TOFIX, CVT(FPU_RP, 0))
FP_BOTHH(FCVTPS, FPOP_TOFIX, CVT(FPU_RP, 0))
FP_BOTH(FCVTZS, FPOP_TOFIX, CVT(FPU_RZ, 0))
FP_BOTHH(FCVTZS, FPOP_TOFIX, CVT(FPU_RZ, 0))
FP_BOTH(FCVTNU, FPOP_TOFIX, CVT(FPU_RN, 1))
FP_BOTHH(FCVTNU, FPOP_TOFIX, CVT(FPU_RN, 1))
FP_BOTH(FCVTMU, FPOP_TOFIX, CVT(FPU_RM, 1))
FP_BOTHH(FCVTMU, FPOP_TOFIX, CVT(FPU_RM, 1))
FP_BOTH(FCVTAU, FPOP_TOFIX, CVT(FPU_RA, 1))
FP_BOTHH(FCVTAU, FPOP_TOFIX, CVT(FPU_RA, 1))
FP_BOTH(FCVTPU, FPOP_TOFIX, CVT(FPU_RP, 1))
FP_BOTHH(FCVTPU, FPOP_TOFIX, CVT(FPU_RP, 1))
FP_BOTH(FCVTZU, FPOP_TOFIX, CVT(FPU_RZ, 1))
FP_BOTHH(FCVTZU, FPOP_TOFIX, CVT(FPU_RZ, 1))
FP_BOTH(SCVTF, FPOP_FROMFIX, CVT(FP_RM_FPCR, 0))
FP_BOTHH(SCVTF, FPOP_FROMFIX, CVT(FP_RM_FPCR, 0))
FP_BOTH(UCVTF, FPOP_FROMFIX, CVT(FP_RM_FPCR, 1))
FP_BOTHH(UCVTF, FPOP_FROMFIX, CVT(FP_RM_FPCR, 1))
FP_BOTH(FCMGT0, FPOP_CMGT0, 0)
FP_BOTHH(FCMGT0, FPOP_CMGT0, 0)
FP_BOTH(FCMEQ0, FPOP_CMEQ0, 0)
FP_BOTHH(FCMEQ0, FPOP_CMEQ0, 0)
FP_BOTH(FCMLT0, FPOP_CMLT0, 0)
FP_BOTHH(FCMLT0, FPOP_CMLT0, 0)
FP_BOTH(FCMGE0, FPOP_CMGE0, 0)
FP_BOTHH(FCMGE0, FPOP_CMGE0, 0)
FP_BOTH(FCMLE0, FPOP_CMLE0, 0)
FP_BOTHH(FCMLE0, FPOP_CMLE0, 0)
FP_BOTH(FRECPE, FPOP_RECPE, 0)
FP_BOTHH(FRECPE, FPOP_RECPE, 0)
FP_BOTH(FRSQRTE, FPOP_RSQRTE, 0)
FP_BOTHH(FRSQRTE, FPOP_RSQRTE, 0)
FP_SVEC(FRECPX, FPOP_RECPX, 0)
FP_SVECH(FRECPX, FPOP_RECPX, 0)
FP_VEC(FABS, FPOP_ABS, 0)
FP_VECH(FABS, FPOP_ABS, 0)
FP_VEC(FNEG, FPOP_NEG, 0)
FP_VECH(FNEG, FPOP_NEG, 0)
FP_VEC(FSQRT, FPOP_SQRT, 0)
FP_VECH(FSQRT, FPOP_SQRT, 0)
FP_VEC(FRINTN, FPOP_RINT, FPU_RN)
FP_VECH(FRINTN, FPOP_RINT, FPU_RN)
FP_VEC(FRINTM, FPOP_RINT, FPU_RM)
FP_VECH(FRINTM, FPOP_RINT, FPU_RM)
FP_VEC(FRINTP, FPOP_RINT, FPU_RP)
FP_VECH(FRINTP, FPOP_RINT, FPU_RP)
FP_VEC(FRINTZ, FPOP_RINT, FPU_RZ)
FP_VECH(FRINTZ, FPOP_RINT, FPU_RZ)
FP_VEC(FRINTA, FPOP_RINT, FPU_RA)
FP_VECH(FRINTA, FPOP_RINT, FPU_RA)
FP_VEC(FRINTI, FPOP_RINT, FP_RM_FPCR)
FP_VECH(FRINTI, FPOP_RINT, FP_RM_FPCR)
FP_VEC(FRINTX, FPOP_RINTX, 0)
FP_VECH(FRINTX, FPOP_RINTX, 0)

/* URECPE, URSQRTE: 32-bit integer lanes only. */
bool trans_URECPE_v(struct ir_tctx *t, const struct a64_insn *in) {
    return !in->f[A64_F_sz] && lanes(t, in, false, FPOP_URECPE, 0, 0);
}
bool trans_URSQRTE_v(struct ir_tctx *t, const struct a64_insn *in) {
    return !in->f[A64_F_sz] && lanes(t, in, false, FPOP_URSQRTE, 0, 0);
}

/* FCVTN/FCVTL/FCVTXN: the narrow format is half (sz 0) or single (sz 1). */
static bool widen_narrow(struct ir_tctx *t, const struct a64_insn *in, enum fp_op op, bool scalar) {
    unsigned sz = in->f[A64_F_sz];
    if (op == FPOP_CVTXN && !sz)
        return false;
    uint64_t desc = FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], 0, 0, scalar ? 0 : in->f[A64_F_Q],
                            FPU_H + sz, scalar, op, 0);
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}
bool trans_FCVTN_v(struct ir_tctx *t, const struct a64_insn *in) {
    return widen_narrow(t, in, FPOP_CVTN, false);
}
bool trans_FCVTL_v(struct ir_tctx *t, const struct a64_insn *in) {
    return widen_narrow(t, in, FPOP_CVTL, false);
}
bool trans_FCVTXN_v(struct ir_tctx *t, const struct a64_insn *in) {
    return widen_narrow(t, in, FPOP_CVTXN, false);
}
bool trans_FCVTXN_sv(struct ir_tctx *t, const struct a64_insn *in) {
    return widen_narrow(t, in, FPOP_CVTXN, true);
}

/* Across lanes: four single lanes (Q = 1, sz = 0), or four or eight halves. */
static bool across(struct ir_tctx *t, const struct a64_insn *in, unsigned f, enum fp_op op) {
    unsigned q = in->f[A64_F_Q];
    if (f == FPU_S && (in->f[A64_F_sz] || !q))
        return false;
    uint64_t desc = FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], 0, 0, q, f, 0, op, 0);
    ir_call_pure(t->b, IR_HELPER_fp_across, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}
#define FP_ACROSS(name, op)                                                                        \
    bool trans_##name(struct ir_tctx *t, const struct a64_insn *in) {                              \
        return across(t, in, FPU_S, op);                                                           \
    }                                                                                              \
    bool trans_##name##_h(struct ir_tctx *t, const struct a64_insn *in) {                          \
        return across(t, in, FPU_H, op);                                                           \
    }
FP_ACROSS(FMAXNMV, FPOP_MAXNM)
FP_ACROSS(FMAXV, FPOP_MAX)
FP_ACROSS(FMINNMV, FPOP_MINNM)
FP_ACROSS(FMINV, FPOP_MIN)

/* By element: Vm is M:Rm, the lane H:L (single) or H (double, L must be 0);
 * half precision (size 00): Vm is Rm (V0-V15), the lane H:L:M. */
static bool indexed(struct ir_tctx *t, const struct a64_insn *in, unsigned f, bool scalar,
                    enum fp_op op) {
    unsigned h = in->f[A64_F_H], l = in->f[A64_F_L], m = in->f[A64_F_M];
    if ((f == FPU_D && l) || (!scalar && f == FPU_D && !in->f[A64_F_Q]))
        return false;
    unsigned rm = in->f[A64_F_Rm], index;
    if (f == FPU_H) {
        index = h << 2 | l << 1 | m;
    } else {
        rm |= m << 4;
        index = f == FPU_D ? h : h << 1 | l;
    }
    uint64_t desc =
        FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], rm, 0, in->f[A64_F_Q], f, scalar, op, index) |
        FP_INDEXED;
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}
#define FP_IDX(name, op)                                                                           \
    bool trans_##name##_idx(struct ir_tctx *t, const struct a64_insn *in) {                        \
        return indexed(t, in, FPU_S + in->f[A64_F_sz], false, op);                                 \
    }                                                                                              \
    bool trans_##name##_sidx(struct ir_tctx *t, const struct a64_insn *in) {                       \
        return indexed(t, in, FPU_S + in->f[A64_F_sz], true, op);                                  \
    }                                                                                              \
    bool trans_##name##_idxh(struct ir_tctx *t, const struct a64_insn *in) {                       \
        return indexed(t, in, FPU_H, false, op);                                                   \
    }                                                                                              \
    bool trans_##name##_sidxh(struct ir_tctx *t, const struct a64_insn *in) {                      \
        return indexed(t, in, FPU_H, true, op);                                                    \
    }
FP_IDX(FMLA, FPOP_MLA)
FP_IDX(FMLS, FPOP_MLS)
FP_IDX(FMUL, FPOP_MUL)
FP_IDX(FMULX, FPOP_MULX)

/* Fixed-point conversions by immediate: fbits = 2 * esize - immh:immb. */
static bool fixed(struct ir_tctx *t, const struct a64_insn *in, bool scalar, unsigned f,
                  enum fp_op op, unsigned uns) {
    unsigned immhb = (in->raw >> 16) & 0x7f, q = scalar ? 0 : (in->raw >> 30) & 1;
    if (!scalar && f == FPU_D && !q)
        return false;
    unsigned fbits = (16u << f) - immhb;
    unsigned rm = op == FPOP_TOFIX ? FPU_RZ : FP_RM_FPCR;
    uint64_t desc =
        FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], 0, 0, q, f, scalar, op, fbits | CVT(rm, uns));
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}
#define FP_FIX1(name, op, uns, sfx, f)                                                             \
    bool trans_##name##_vfix_##sfx(struct ir_tctx *t, const struct a64_insn *in) {                 \
        return fixed(t, in, false, f, op, uns);                                                    \
    }                                                                                              \
    bool trans_##name##_sfix_##sfx(struct ir_tctx *t, const struct a64_insn *in) {                 \
        return fixed(t, in, true, f, op, uns);                                                     \
    }
#define FP_FIX(name, op, uns)                                                                      \
    FP_FIX1(name, op, uns, d, FPU_D)                                                               \
    FP_FIX1(name, op, uns, s, FPU_S) FP_FIX1(name, op, uns, h, FPU_H)
FP_FIX(SCVTF, FPOP_FROMFIX, 0)
FP_FIX(UCVTF, FPOP_FROMFIX, 1)
FP_FIX(FCVTZS, FPOP_TOFIX, 0)
FP_FIX(FCVTZU, FPOP_TOFIX, 1)

/* FMOV (vector, immediate) half precision: VFPExpandImm(imm8) in every lane. */
bool trans_FMOV_v_imm_h(struct ir_tctx *t, const struct a64_insn *in) {
    unsigned imm8 = in->f[A64_F_imm3] << 5 | in->f[A64_F_imm5], rd = in->f[A64_F_Rd];
    ir_val v = ir_const(t->b, simd_fp_imm(imm8, 16) * 0x0001000100010001ull);
    tr_setv(t, rd, 0, v);
    tr_setv(t, rd, 1, in->f[A64_F_Q] ? v : ir_const(t->b, 0));
    return true;
}
