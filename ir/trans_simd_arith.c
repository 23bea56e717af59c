/* AdvSIMD integer arithmetic (Arm ARM C4.1.95: "three same", "three different",
 * "two-register miscellaneous", "across lanes", "shift by immediate", "x indexed
 * element" and their scalar forms).  Every decode line has a one-line translator
 * naming its operation and the element sizes it allows; the shared functions below
 * reject the reserved size/Q combinations and call one helper per group
 * (helper_simd_arith.c) with the operation id (simd_op_* in helper_simd.h). */
#include "trans_simd.h"

/* Allowed element sizes, one bit per size field value. */
enum { SZ_B = 1, SZ_H = 2, SZ_S = 4, SZ_D = 8, SZ_BH = 3, SZ_HS = 6, SZ_BHS = 7, SZ_ALL = 15 };

static void call(struct ir_tctx *t, unsigned helper, uint64_t args, uint64_t op, uint64_t imm)
{
    ir_call_pure(t->b, helper, ir_const(t->b, args), ir_const(t->b, op), ir_const(t->b, imm));
}

/* Vector form: 64-bit lanes exist only in 128-bit vectors (the Arm ARM reserves
 * size=11, Q=0 in every group that allows doublewords). */
static bool vec(struct ir_tctx *t, const struct a64_insn *in, unsigned helper, unsigned op,
                unsigned sizes)
{
    unsigned size = in->f[A64_F_size], q = in->f[A64_F_Q];
    if (!(sizes >> size & 1) || (size == 3 && !q))
        return false;
    call(t, helper,
         SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], q, size, 0), op, 0);
    return true;
}

/* Scalar form: one element, the rest of Vd zeroed. */
static bool scal(struct ir_tctx *t, const struct a64_insn *in, unsigned helper, unsigned op,
                 unsigned sizes)
{
    unsigned size = in->f[A64_F_size];
    if (!(sizes >> size & 1))
        return false;
    call(t, helper,
         SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], 0, size, 1), op, 0);
    return true;
}

#define TRANS(name, expr)                                                                          \
    bool trans_##name(struct ir_tctx *t, const struct a64_insn *in) { return expr; }
#define SAME(name, op, sizes) TRANS(name##_v, vec(t, in, IR_HELPER_simd_3same, op, sizes))
#define SAME_S(name, op, sizes) TRANS(name##_s, scal(t, in, IR_HELPER_simd_3same, op, sizes))
#define DIFF(name, op, sizes) TRANS(name##_v, vec(t, in, IR_HELPER_simd_3diff, op, sizes))
#define DIFF_S(name, op, sizes) TRANS(name##_s, scal(t, in, IR_HELPER_simd_3diff, op, sizes))
#define MISC(name, op, sizes) TRANS(name##_v, vec(t, in, IR_HELPER_simd_2misc, op, sizes))
#define MISC_S(name, op, sizes) TRANS(name##_s, scal(t, in, IR_HELPER_simd_2misc, op, sizes))

/* Three same. */
SAME(SHADD, SIMD_SHADD, SZ_BHS)
SAME(UHADD, SIMD_UHADD, SZ_BHS)
SAME(SQADD, SIMD_SQADD, SZ_ALL)
SAME(UQADD, SIMD_UQADD, SZ_ALL)
SAME(SRHADD, SIMD_SRHADD, SZ_BHS)
SAME(URHADD, SIMD_URHADD, SZ_BHS)
SAME(SHSUB, SIMD_SHSUB, SZ_BHS)
SAME(UHSUB, SIMD_UHSUB, SZ_BHS)
SAME(SQSUB, SIMD_SQSUB, SZ_ALL)
SAME(UQSUB, SIMD_UQSUB, SZ_ALL)
SAME(CMGT, SIMD_CMGT, SZ_ALL)
SAME(CMHI, SIMD_CMHI, SZ_ALL)
SAME(CMGE, SIMD_CMGE, SZ_ALL)
SAME(CMHS, SIMD_CMHS, SZ_ALL)
SAME(SSHL, SIMD_SSHL, SZ_ALL)
SAME(USHL, SIMD_USHL, SZ_ALL)
SAME(SQSHL, SIMD_SQSHL, SZ_ALL)
SAME(UQSHL, SIMD_UQSHL, SZ_ALL)
SAME(SRSHL, SIMD_SRSHL, SZ_ALL)
SAME(URSHL, SIMD_URSHL, SZ_ALL)
SAME(SQRSHL, SIMD_SQRSHL, SZ_ALL)
SAME(UQRSHL, SIMD_UQRSHL, SZ_ALL)
SAME(SMAX, SIMD_SMAX, SZ_BHS)
SAME(UMAX, SIMD_UMAX, SZ_BHS)
SAME(SMIN, SIMD_SMIN, SZ_BHS)
SAME(UMIN, SIMD_UMIN, SZ_BHS)
SAME(SABD, SIMD_SABD, SZ_BHS)
SAME(UABD, SIMD_UABD, SZ_BHS)
SAME(SABA, SIMD_SABA, SZ_BHS)
SAME(UABA, SIMD_UABA, SZ_BHS)
SAME(ADD, SIMD_ADD, SZ_ALL)
SAME(SUB, SIMD_SUB, SZ_ALL)
SAME(CMTST, SIMD_CMTST, SZ_ALL)
SAME(CMEQ, SIMD_CMEQ, SZ_ALL)
SAME(MLA, SIMD_MLA, SZ_BHS)
SAME(MLS, SIMD_MLS, SZ_BHS)
SAME(MUL, SIMD_MUL, SZ_BHS)
SAME(PMUL, SIMD_PMUL, SZ_B)
SAME(SMAXP, SIMD_SMAXP, SZ_BHS)
SAME(UMAXP, SIMD_UMAXP, SZ_BHS)
SAME(SMINP, SIMD_SMINP, SZ_BHS)
SAME(UMINP, SIMD_UMINP, SZ_BHS)
SAME(SQDMULH, SIMD_SQDMULH, SZ_HS)
SAME(SQRDMULH, SIMD_SQRDMULH, SZ_HS)
SAME(ADDP, SIMD_ADDP, SZ_ALL)
SAME(SQRDMLAH, SIMD_SQRDMLAH, SZ_HS)
SAME(SQRDMLSH, SIMD_SQRDMLSH, SZ_HS)
SAME(SDOT, SIMD_SDOT, SZ_S)
SAME(UDOT, SIMD_UDOT, SZ_S)

SAME_S(SQADD, SIMD_SQADD, SZ_ALL)
SAME_S(UQADD, SIMD_UQADD, SZ_ALL)
SAME_S(SQSUB, SIMD_SQSUB, SZ_ALL)
SAME_S(UQSUB, SIMD_UQSUB, SZ_ALL)
SAME_S(CMGT, SIMD_CMGT, SZ_D)
SAME_S(CMHI, SIMD_CMHI, SZ_D)
SAME_S(CMGE, SIMD_CMGE, SZ_D)
SAME_S(CMHS, SIMD_CMHS, SZ_D)
SAME_S(SSHL, SIMD_SSHL, SZ_D)
SAME_S(USHL, SIMD_USHL, SZ_D)
SAME_S(SQSHL, SIMD_SQSHL, SZ_ALL)
SAME_S(UQSHL, SIMD_UQSHL, SZ_ALL)
SAME_S(SRSHL, SIMD_SRSHL, SZ_D)
SAME_S(URSHL, SIMD_URSHL, SZ_D)
SAME_S(SQRSHL, SIMD_SQRSHL, SZ_ALL)
SAME_S(UQRSHL, SIMD_UQRSHL, SZ_ALL)
SAME_S(ADD, SIMD_ADD, SZ_D)
SAME_S(SUB, SIMD_SUB, SZ_D)
SAME_S(CMTST, SIMD_CMTST, SZ_D)
SAME_S(CMEQ, SIMD_CMEQ, SZ_D)
SAME_S(SQDMULH, SIMD_SQDMULH, SZ_HS)
SAME_S(SQRDMULH, SIMD_SQRDMULH, SZ_HS)
SAME_S(SQRDMLAH, SIMD_SQRDMLAH, SZ_HS)
SAME_S(SQRDMLSH, SIMD_SQRDMLSH, SZ_HS)

/* Three different: size is the narrow element; Q selects the "2" forms. */
DIFF(SADDL, SIMD_SADDL, SZ_BHS)
DIFF(UADDL, SIMD_UADDL, SZ_BHS)
DIFF(SADDW, SIMD_SADDW, SZ_BHS)
DIFF(UADDW, SIMD_UADDW, SZ_BHS)
DIFF(SSUBL, SIMD_SSUBL, SZ_BHS)
DIFF(USUBL, SIMD_USUBL, SZ_BHS)
DIFF(SSUBW, SIMD_SSUBW, SZ_BHS)
DIFF(USUBW, SIMD_USUBW, SZ_BHS)
DIFF(ADDHN, SIMD_ADDHN, SZ_BHS)
DIFF(RADDHN, SIMD_RADDHN, SZ_BHS)
DIFF(SUBHN, SIMD_SUBHN, SZ_BHS)
DIFF(RSUBHN, SIMD_RSUBHN, SZ_BHS)
DIFF(SABAL, SIMD_SABAL, SZ_BHS)
DIFF(UABAL, SIMD_UABAL, SZ_BHS)
DIFF(SABDL, SIMD_SABDL, SZ_BHS)
DIFF(UABDL, SIMD_UABDL, SZ_BHS)
DIFF(SMLAL, SIMD_SMLAL, SZ_BHS)
DIFF(UMLAL, SIMD_UMLAL, SZ_BHS)
DIFF(SMLSL, SIMD_SMLSL, SZ_BHS)
DIFF(UMLSL, SIMD_UMLSL, SZ_BHS)
DIFF(SMULL, SIMD_SMULL, SZ_BHS)
DIFF(UMULL, SIMD_UMULL, SZ_BHS)
DIFF(SQDMLAL, SIMD_SQDMLAL, SZ_HS)
DIFF(SQDMLSL, SIMD_SQDMLSL, SZ_HS)
DIFF(SQDMULL, SIMD_SQDMULL, SZ_HS)
DIFF_S(SQDMLAL, SIMD_SQDMLAL, SZ_HS)
DIFF_S(SQDMLSL, SIMD_SQDMLSL, SZ_HS)
DIFF_S(SQDMULL, SIMD_SQDMULL, SZ_HS)

/* PMULL: bytes, or (FEAT_PMULL, part of the crypto extension) doublewords. */
bool trans_PMULL_v(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned size = in->f[A64_F_size];
    if (size != 0 && size != 3)
        return false;
    call(t, IR_HELPER_simd_3diff,
         SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], in->f[A64_F_Q], size, 0),
         SIMD_PMULL, 0);
    return true;
}

/* Two-register miscellaneous. */
MISC(REV64, SIMD_REV64, SZ_BHS)
MISC(REV32, SIMD_REV32, SZ_BH)
MISC(REV16, SIMD_REV16, SZ_B)
MISC(SADDLP, SIMD_SADDLP, SZ_BHS)
MISC(UADDLP, SIMD_UADDLP, SZ_BHS)
MISC(SADALP, SIMD_SADALP, SZ_BHS)
MISC(UADALP, SIMD_UADALP, SZ_BHS)
MISC(SUQADD, SIMD_SUQADD, SZ_ALL)
MISC(USQADD, SIMD_USQADD, SZ_ALL)
MISC(CLS, SIMD_CLS, SZ_BHS)
MISC(CLZ, SIMD_CLZ, SZ_BHS)
MISC(CNT, SIMD_CNT, SZ_B)
MISC(NOT, SIMD_NOT, SZ_B)
TRANS(RBIT_v, vec(t, in, IR_HELPER_simd_2misc, SIMD_RBIT, SZ_B)) /* size field 01: not extracted */
MISC(SQABS, SIMD_SQABS, SZ_ALL)
MISC(SQNEG, SIMD_SQNEG, SZ_ALL)
MISC(CMGT0, SIMD_CMGT0, SZ_ALL)
MISC(CMGE0, SIMD_CMGE0, SZ_ALL)
MISC(CMEQ0, SIMD_CMEQ0, SZ_ALL)
MISC(CMLE0, SIMD_CMLE0, SZ_ALL)
MISC(CMLT0, SIMD_CMLT0, SZ_ALL)
MISC(ABS, SIMD_ABS, SZ_ALL)
MISC(NEG, SIMD_NEG, SZ_ALL)
MISC(XTN, SIMD_XTN, SZ_BHS)
MISC(SQXTUN, SIMD_SQXTUN, SZ_BHS)
MISC(SQXTN, SIMD_SQXTN, SZ_BHS)
MISC(UQXTN, SIMD_UQXTN, SZ_BHS)
MISC(SHLL, SIMD_SHLL, SZ_BHS)

MISC_S(SUQADD, SIMD_SUQADD, SZ_ALL)
MISC_S(USQADD, SIMD_USQADD, SZ_ALL)
MISC_S(SQABS, SIMD_SQABS, SZ_ALL)
MISC_S(SQNEG, SIMD_SQNEG, SZ_ALL)
MISC_S(CMGT0, SIMD_CMGT0, SZ_D)
MISC_S(CMGE0, SIMD_CMGE0, SZ_D)
MISC_S(CMEQ0, SIMD_CMEQ0, SZ_D)
MISC_S(CMLE0, SIMD_CMLE0, SZ_D)
MISC_S(CMLT0, SIMD_CMLT0, SZ_D)
MISC_S(ABS, SIMD_ABS, SZ_D)
MISC_S(NEG, SIMD_NEG, SZ_D)
MISC_S(SQXTUN, SIMD_SQXTUN, SZ_BHS)
MISC_S(SQXTN, SIMD_SQXTN, SZ_BHS)
MISC_S(UQXTN, SIMD_UQXTN, SZ_BHS)

/* Across lanes: bytes and halfwords, words only in 128-bit vectors. */
static bool across(struct ir_tctx *t, const struct a64_insn *in, unsigned op)
{
    unsigned size = in->f[A64_F_size], q = in->f[A64_F_Q];
    if (size == 3 || (size == 2 && !q))
        return false;
    call(t, IR_HELPER_simd_across, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], 0, q, size, 0),
         op, 0);
    return true;
}
TRANS(SADDLV, across(t, in, SIMD_SADDLV))
TRANS(UADDLV, across(t, in, SIMD_UADDLV))
TRANS(SMAXV, across(t, in, SIMD_SMAXV))
TRANS(UMAXV, across(t, in, SIMD_UMAXV))
TRANS(SMINV, across(t, in, SIMD_SMINV))
TRANS(UMINV, across(t, in, SIMD_UMINV))
TRANS(ADDV, across(t, in, SIMD_ADDV))

/* ADDP (scalar): Dd = Vn.D[0] + Vn.D[1]. */
bool trans_ADDP_s(struct ir_tctx *t, const struct a64_insn *in)
{
    if (in->f[A64_F_size] != 3)
        return false;
    unsigned rn = in->f[A64_F_Rn];
    tr_setv64(t, in->f[A64_F_Rd],
              ir_bin(t->b, IR_ADD, IR_I64, tr_getv(t, rn, 0), tr_getv(t, rn, 1)));
    return true;
}

/* Shift by immediate: immh gives the element size (its highest set bit),
 * immh:immb the shift.  Kinds of shift: */
enum shift_kind {
    SH_RIGHT,     /* shift 1..esize, 64-bit lanes need Q=1; scalar: D only */
    SH_LEFT,      /* shift 0..esize-1, same sizes */
    SH_QLEFT,     /* saturating left shifts: every scalar size */
    SH_NARROW,    /* immh is the narrow size; no 64-bit source lanes; no scalar */
    SH_QNARROW,   /* the same with scalar forms */
    SH_LONG,      /* SSHLL/USHLL: left shift into the wide lane, vector only */
};
static bool shift_imm(struct ir_tctx *t, const struct a64_insn *in, bool scalar, unsigned op,
                      enum shift_kind kind)
{
    unsigned immh = in->f[A64_F_immh], q = scalar ? 0 : in->f[A64_F_Q];
    if (immh == 0)
        return false;
    unsigned size = 31 - (unsigned)__builtin_clz(immh), ebits = 8u << size;
    unsigned v = immh << 3 | in->f[A64_F_immb];
    unsigned right = 2 * ebits - v, left = v - ebits, sh;
    switch (kind) {
    case SH_RIGHT:
    case SH_LEFT:
        if (scalar ? size != 3 : size == 3 && !q)
            return false;
        sh = kind == SH_RIGHT ? right : left;
        break;
    case SH_QLEFT:
        if (size == 3 && !q && !scalar)
            return false;
        sh = left;
        break;
    case SH_NARROW:
    case SH_QNARROW:
        if (size == 3 || (scalar && kind == SH_NARROW))
            return false;
        size++; /* the helper's size is the wide source lane */
        sh = right;
        break;
    default: /* SH_LONG */
        if (size == 3 || scalar)
            return false;
        sh = left;
        break;
    }
    call(t, IR_HELPER_simd_shift, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], 0, q, size, scalar),
         op, sh);
    return true;
}
#define SHIFT(name, op, kind)                                                                      \
    TRANS(name##_v, shift_imm(t, in, false, op, kind))                                            \
    TRANS(name##_s, shift_imm(t, in, true, op, kind))
#define SHIFT_V(name, op, kind) TRANS(name##_v, shift_imm(t, in, false, op, kind))

SHIFT(SSHR, SIMD_SSHR, SH_RIGHT)
SHIFT(USHR, SIMD_USHR, SH_RIGHT)
SHIFT(SSRA, SIMD_SSRA, SH_RIGHT)
SHIFT(USRA, SIMD_USRA, SH_RIGHT)
SHIFT(SRSHR, SIMD_SRSHR, SH_RIGHT)
SHIFT(URSHR, SIMD_URSHR, SH_RIGHT)
SHIFT(SRSRA, SIMD_SRSRA, SH_RIGHT)
SHIFT(URSRA, SIMD_URSRA, SH_RIGHT)
SHIFT(SRI, SIMD_SRI, SH_RIGHT)
SHIFT(SHL, SIMD_SHL, SH_LEFT)
SHIFT(SLI, SIMD_SLI, SH_LEFT)
SHIFT(SQSHLU, SIMD_SQSHLU, SH_QLEFT)
SHIFT(SQSHL_imm, SIMD_SQSHL_IMM, SH_QLEFT)
SHIFT(UQSHL_imm, SIMD_UQSHL_IMM, SH_QLEFT)
SHIFT_V(SHRN, SIMD_SHRN, SH_NARROW)
SHIFT_V(RSHRN, SIMD_RSHRN, SH_NARROW)
SHIFT(SQSHRUN, SIMD_SQSHRUN, SH_QNARROW)
SHIFT(SQRSHRUN, SIMD_SQRSHRUN, SH_QNARROW)
SHIFT(SQSHRN, SIMD_SQSHRN, SH_QNARROW)
SHIFT(UQSHRN, SIMD_UQSHRN, SH_QNARROW)
SHIFT(SQRSHRN, SIMD_SQRSHRN, SH_QNARROW)
SHIFT(UQRSHRN, SIMD_UQRSHRN, SH_QNARROW)
SHIFT_V(SSHLL, SIMD_SSHLL, SH_LONG)
SHIFT_V(USHLL, SIMD_USHLL, SH_LONG)

/* Vector x indexed element: the element Vm[index] stands for every lane of Vm.
 * Halfwords: index H:L:M and Vm in V0-V15; words: index H:L, Vm = M:Rm.  The dot
 * products index 32-bit groups of four bytes the same way as words. */
static bool elem(struct ir_tctx *t, const struct a64_insn *in, unsigned op, bool scalar)
{
    unsigned size = in->f[A64_F_size], h = in->f[A64_F_H], l = in->f[A64_F_L];
    unsigned m = in->f[A64_F_M], rm = in->f[A64_F_Rm], index;
    bool dot = op == SIMD_SDOT || op == SIMD_UDOT;
    if (dot ? size != 2 : size != 1 && size != 2)
        return false;
    if (size == 1) {
        index = h << 2 | l << 1 | m;
    } else {
        index = h << 1 | l;
        rm |= m << 4;
    }
    call(t, IR_HELPER_simd_elem,
         SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], rm, scalar ? 0 : in->f[A64_F_Q], size,
                   scalar),
         op, index);
    return true;
}
#define ELEM(name, op) TRANS(name##_elem_v, elem(t, in, op, false))
#define ELEM_S(name, op) TRANS(name##_elem_s, elem(t, in, op, true))

ELEM(MLA, SIMD_MLA)
ELEM(MLS, SIMD_MLS)
ELEM(MUL, SIMD_MUL)
ELEM(SMLAL, SIMD_SMLAL)
ELEM(UMLAL, SIMD_UMLAL)
ELEM(SMLSL, SIMD_SMLSL)
ELEM(UMLSL, SIMD_UMLSL)
ELEM(SMULL, SIMD_SMULL)
ELEM(UMULL, SIMD_UMULL)
ELEM(SQDMLAL, SIMD_SQDMLAL)
ELEM(SQDMLSL, SIMD_SQDMLSL)
ELEM(SQDMULL, SIMD_SQDMULL)
ELEM(SQDMULH, SIMD_SQDMULH)
ELEM(SQRDMULH, SIMD_SQRDMULH)
ELEM(SQRDMLAH, SIMD_SQRDMLAH)
ELEM(SQRDMLSH, SIMD_SQRDMLSH)
ELEM(SDOT, SIMD_SDOT)
ELEM(UDOT, SIMD_UDOT)
ELEM_S(SQDMLAL, SIMD_SQDMLAL)
ELEM_S(SQDMLSL, SIMD_SQDMLSL)
ELEM_S(SQDMULL, SIMD_SQDMULL)
ELEM_S(SQDMULH, SIMD_SQDMULH)
ELEM_S(SQRDMULH, SIMD_SQRDMULH)
ELEM_S(SQRDMLAH, SIMD_SQRDMLAH)
ELEM_S(SQRDMLSH, SIMD_SQRDMLSH)
