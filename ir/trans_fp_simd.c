/* AdvSIMD floating point (Arm ARM C7: the FP instructions of "three same",
 * "two-register miscellaneous", "across lanes", "scalar pairwise", "x indexed
 * element" and "shift by immediate", vector and scalar forms).  Every lane goes
 * through helper fp_lanes (helper_fp.c).  sz: 0 single, 1 double; a double
 * vector needs Q = 1. */
#include "fpu/fpu.h"
#include "helper_fp.h"
#include "trans_simd.h"

static bool lanes(struct ir_tctx *t, const struct a64_insn *in, bool scalar, enum fp_op op,
                  unsigned imm, uint64_t flags)
{
    unsigned sz = in->f[A64_F_sz], q = in->f[A64_F_Q];
    if (!scalar && sz && !q)
        return false;
    uint64_t desc = FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], 0, q, FPU_S + sz,
                            scalar, op, imm) | flags;
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}

#define FP_VEC(name, op, imm)                                                                      \
    bool trans_##name##_v(struct ir_tctx *t, const struct a64_insn *in)                            \
    {                                                                                              \
        return lanes(t, in, false, op, imm, 0);                                                    \
    }
#define FP_SVEC(name, op, imm)                                                                     \
    bool trans_##name##_sv(struct ir_tctx *t, const struct a64_insn *in)                           \
    {                                                                                              \
        return lanes(t, in, true, op, imm, 0);                                                     \
    }
#define FP_BOTH(name, op, imm) FP_VEC(name, op, imm) FP_SVEC(name, op, imm)

/* Three same. */
FP_VEC(FMAXNM, FPOP_MAXNM, 0)
FP_VEC(FMLA, FPOP_MLA, 0)
FP_VEC(FADD, FPOP_ADD, 0)
FP_BOTH(FMULX, FPOP_MULX, 0)
FP_BOTH(FCMEQ, FPOP_CMEQ, 0)
FP_VEC(FMAX, FPOP_MAX, 0)
FP_BOTH(FRECPS, FPOP_RECPS, 0)
FP_VEC(FMINNM, FPOP_MINNM, 0)
FP_VEC(FMLS, FPOP_MLS, 0)
FP_VEC(FSUB, FPOP_SUB, 0)
FP_VEC(FMIN, FPOP_MIN, 0)
FP_BOTH(FRSQRTS, FPOP_RSQRTS, 0)
FP_VEC(FMUL, FPOP_MUL, 0)
FP_BOTH(FCMGE, FPOP_CMGE, 0)
FP_BOTH(FACGE, FPOP_ACGE, 0)
FP_VEC(FDIV, FPOP_DIV, 0)
FP_BOTH(FABD, FPOP_ABD, 0)
FP_BOTH(FCMGT, FPOP_CMGT, 0)
FP_BOTH(FACGT, FPOP_ACGT, 0)

/* Pairwise: vector (Vm:Vn) and scalar (the two lanes of Vn). */
#define FP_PAIR(name, op)                                                                          \
    bool trans_##name##_v(struct ir_tctx *t, const struct a64_insn *in)                            \
    {                                                                                              \
        return lanes(t, in, false, op, 0, FP_PAIRWISE);                                            \
    }                                                                                              \
    bool trans_##name##_sv(struct ir_tctx *t, const struct a64_insn *in)                           \
    {                                                                                              \
        return lanes(t, in, true, op, 0, FP_PAIRWISE);                                             \
    }
FP_PAIR(FMAXNMP, FPOP_MAXNM)
FP_PAIR(FADDP, FPOP_ADD)
FP_PAIR(FMAXP, FPOP_MAX)
FP_PAIR(FMINNMP, FPOP_MINNM)
FP_PAIR(FMINP, FPOP_MIN)

/* Two-register miscellaneous. */
#define CVT(rm, uns) ((rm) << 8 | (uns) << 11)
FP_BOTH(FCVTNS, FPOP_TOFIX, CVT(FPU_RN, 0))
FP_BOTH(FCVTMS, FPOP_TOFIX, CVT(FPU_RM, 0))
FP_BOTH(FCVTAS, FPOP_TOFIX, CVT(FPU_RA, 0))
FP_BOTH(FCVTPS, FPOP_TOFIX, CVT(FPU_RP, 0))
FP_BOTH(FCVTZS, FPOP_TOFIX, CVT(FPU_RZ, 0))
FP_BOTH(FCVTNU, FPOP_TOFIX, CVT(FPU_RN, 1))
FP_BOTH(FCVTMU, FPOP_TOFIX, CVT(FPU_RM, 1))
FP_BOTH(FCVTAU, FPOP_TOFIX, CVT(FPU_RA, 1))
FP_BOTH(FCVTPU, FPOP_TOFIX, CVT(FPU_RP, 1))
FP_BOTH(FCVTZU, FPOP_TOFIX, CVT(FPU_RZ, 1))
FP_BOTH(SCVTF, FPOP_FROMFIX, CVT(FP_RM_FPCR, 0))
FP_BOTH(UCVTF, FPOP_FROMFIX, CVT(FP_RM_FPCR, 1))
FP_BOTH(FCMGT0, FPOP_CMGT0, 0)
FP_BOTH(FCMEQ0, FPOP_CMEQ0, 0)
FP_BOTH(FCMLT0, FPOP_CMLT0, 0)
FP_BOTH(FCMGE0, FPOP_CMGE0, 0)
FP_BOTH(FCMLE0, FPOP_CMLE0, 0)
FP_BOTH(FRECPE, FPOP_RECPE, 0)
FP_BOTH(FRSQRTE, FPOP_RSQRTE, 0)
FP_SVEC(FRECPX, FPOP_RECPX, 0)
FP_VEC(FABS, FPOP_ABS, 0)
FP_VEC(FNEG, FPOP_NEG, 0)
FP_VEC(FSQRT, FPOP_SQRT, 0)
FP_VEC(FRINTN, FPOP_RINT, FPU_RN)
FP_VEC(FRINTM, FPOP_RINT, FPU_RM)
FP_VEC(FRINTP, FPOP_RINT, FPU_RP)
FP_VEC(FRINTZ, FPOP_RINT, FPU_RZ)
FP_VEC(FRINTA, FPOP_RINT, FPU_RA)
FP_VEC(FRINTI, FPOP_RINT, FP_RM_FPCR)
FP_VEC(FRINTX, FPOP_RINTX, 0)

/* URECPE, URSQRTE: 32-bit integer lanes only. */
bool trans_URECPE_v(struct ir_tctx *t, const struct a64_insn *in)
{
    return !in->f[A64_F_sz] && lanes(t, in, false, FPOP_URECPE, 0, 0);
}
bool trans_URSQRTE_v(struct ir_tctx *t, const struct a64_insn *in)
{
    return !in->f[A64_F_sz] && lanes(t, in, false, FPOP_URSQRTE, 0, 0);
}

/* FCVTN/FCVTL/FCVTXN: the narrow format is half (sz 0) or single (sz 1). */
static bool widen_narrow(struct ir_tctx *t, const struct a64_insn *in, enum fp_op op, bool scalar)
{
    unsigned sz = in->f[A64_F_sz];
    if (op == FPOP_CVTXN && !sz)
        return false;
    uint64_t desc = FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], 0, 0, scalar ? 0 : in->f[A64_F_Q],
                            FPU_H + sz, scalar, op, 0);
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}
bool trans_FCVTN_v(struct ir_tctx *t, const struct a64_insn *in)
{
    return widen_narrow(t, in, FPOP_CVTN, false);
}
bool trans_FCVTL_v(struct ir_tctx *t, const struct a64_insn *in)
{
    return widen_narrow(t, in, FPOP_CVTL, false);
}
bool trans_FCVTXN_v(struct ir_tctx *t, const struct a64_insn *in)
{
    return widen_narrow(t, in, FPOP_CVTXN, false);
}
bool trans_FCVTXN_sv(struct ir_tctx *t, const struct a64_insn *in)
{
    return widen_narrow(t, in, FPOP_CVTXN, true);
}

/* Across lanes: four single lanes (Q = 1, sz = 0) only. */
static bool across(struct ir_tctx *t, const struct a64_insn *in, enum fp_op op)
{
    if (in->f[A64_F_sz] || !in->f[A64_F_Q])
        return false;
    uint64_t desc = FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], 0, 0, 1, FPU_S, 0, op, 0);
    ir_call_pure(t->b, IR_HELPER_fp_across, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}
bool trans_FMAXNMV(struct ir_tctx *t, const struct a64_insn *in) { return across(t, in, FPOP_MAXNM); }
bool trans_FMAXV(struct ir_tctx *t, const struct a64_insn *in) { return across(t, in, FPOP_MAX); }
bool trans_FMINNMV(struct ir_tctx *t, const struct a64_insn *in) { return across(t, in, FPOP_MINNM); }
bool trans_FMINV(struct ir_tctx *t, const struct a64_insn *in) { return across(t, in, FPOP_MIN); }

/* By element: Vm is M:Rm, the lane H:L (single) or H (double, L must be 0). */
static bool indexed(struct ir_tctx *t, const struct a64_insn *in, bool scalar, enum fp_op op)
{
    unsigned sz = in->f[A64_F_sz], h = in->f[A64_F_H], l = in->f[A64_F_L];
    if ((sz && l) || (!scalar && sz && !in->f[A64_F_Q]))
        return false;
    unsigned rm = in->f[A64_F_M] << 4 | in->f[A64_F_Rm], index = sz ? h : h << 1 | l;
    uint64_t desc = FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], rm, 0, in->f[A64_F_Q], FPU_S + sz,
                            scalar, op, index) | FP_INDEXED;
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}
#define FP_IDX(name, op)                                                                           \
    bool trans_##name##_idx(struct ir_tctx *t, const struct a64_insn *in)                          \
    {                                                                                              \
        return indexed(t, in, false, op);                                                          \
    }                                                                                              \
    bool trans_##name##_sidx(struct ir_tctx *t, const struct a64_insn *in)                         \
    {                                                                                              \
        return indexed(t, in, true, op);                                                           \
    }
FP_IDX(FMLA, FPOP_MLA)
FP_IDX(FMLS, FPOP_MLS)
FP_IDX(FMUL, FPOP_MUL)
FP_IDX(FMULX, FPOP_MULX)

/* Fixed-point conversions by immediate: fbits = 2 * esize - immh:immb. */
static bool fixed(struct ir_tctx *t, const struct a64_insn *in, bool scalar, bool dbl,
                  enum fp_op op, unsigned uns)
{
    unsigned immhb = (in->raw >> 16) & 0x7f, q = scalar ? 0 : (in->raw >> 30) & 1;
    if (!scalar && dbl && !q)
        return false;
    unsigned fbits = (dbl ? 128 : 64) - immhb;
    unsigned rm = op == FPOP_TOFIX ? FPU_RZ : FP_RM_FPCR;
    uint64_t desc = FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], 0, 0, q, dbl ? FPU_D : FPU_S,
                            scalar, op, fbits | CVT(rm, uns));
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
    return true;
}
#define FP_FIX(name, op, uns)                                                                      \
    bool trans_##name##_vfix_d(struct ir_tctx *t, const struct a64_insn *in)                       \
    {                                                                                              \
        return fixed(t, in, false, true, op, uns);                                                 \
    }                                                                                              \
    bool trans_##name##_vfix_s(struct ir_tctx *t, const struct a64_insn *in)                       \
    {                                                                                              \
        return fixed(t, in, false, false, op, uns);                                                \
    }                                                                                              \
    bool trans_##name##_sfix_d(struct ir_tctx *t, const struct a64_insn *in)                       \
    {                                                                                              \
        return fixed(t, in, true, true, op, uns);                                                  \
    }                                                                                              \
    bool trans_##name##_sfix_s(struct ir_tctx *t, const struct a64_insn *in)                       \
    {                                                                                              \
        return fixed(t, in, true, false, op, uns);                                                 \
    }
FP_FIX(SCVTF, FPOP_FROMFIX, 0)
FP_FIX(UCVTF, FPOP_FROMFIX, 1)
FP_FIX(FCVTZS, FPOP_TOFIX, 0)
FP_FIX(FCVTZU, FPOP_TOFIX, 1)
