/* The descriptor the floating-point helpers (helper_fp*.c) receive from their
 * translators (trans_fp*.c): registers, shape, operation and an immediate,
 * packed in one 64-bit constant. */
#ifndef ZARM_IR_HELPER_FP_H
#define ZARM_IR_HELPER_FP_H

#include <stdint.h>

/* Lane operations of helper fp_lanes. */
enum fp_op {
    /* two operands (Vn, Vm), three for MLA/MLS (Vd is the addend) */
    FPOP_ADD, FPOP_SUB, FPOP_MUL, FPOP_MULX, FPOP_DIV, FPOP_NMUL, FPOP_MAX, FPOP_MIN,
    FPOP_MAXNM, FPOP_MINNM, FPOP_ABD, FPOP_RECPS, FPOP_RSQRTS, FPOP_CMEQ, FPOP_CMGE, FPOP_CMGT,
    FPOP_ACGE, FPOP_ACGT, FPOP_MLA, FPOP_MLS,
    /* one operand (Vn) */
    FPOP_ABS, FPOP_NEG, FPOP_SQRT, FPOP_RINT, FPOP_RINTX, FPOP_RINT32, FPOP_RINT64, FPOP_RECPE,
    FPOP_RSQRTE, FPOP_RECPX, FPOP_URECPE, FPOP_URSQRTE, FPOP_TOFIX, FPOP_FROMFIX, FPOP_CMEQ0,
    FPOP_CMGE0, FPOP_CMGT0, FPOP_CMLE0, FPOP_CMLT0, FPOP_MOV,
    /* changing the element size (FCVTL, FCVTN, FCVTXN): f is the narrow format */
    FPOP_CVTL, FPOP_CVTN, FPOP_CVTXN,
};

/* imm of TOFIX/FROMFIX: fbits | rmode << 8 | unsigned << 11 (rmode 7 = FPCR's);
 * of RINT*: rmode | exact << 3; of by-element ops: the Vm lane. */
#define FP_RM_FPCR 7u
#define FP_DESC(rd, rn, rm, ra, q, f, scalar, op, imm)                                             \
    ((uint64_t)(rd) | (uint64_t)(rn) << 5 | (uint64_t)(rm) << 10 | (uint64_t)(ra) << 15 |          \
     (uint64_t)(q) << 20 | (uint64_t)(f) << 21 | (uint64_t)(scalar) << 23 |                       \
     (uint64_t)(op) << 24 | (uint64_t)(imm) << 32)
#define FP_PAIRWISE (1ull << 48)
#define FP_INDEXED (1ull << 49)
#define FP_D_RD(d) ((unsigned)(d)&31)
#define FP_D_RN(d) ((unsigned)((d) >> 5) & 31)
#define FP_D_RM(d) ((unsigned)((d) >> 10) & 31)
#define FP_D_RA(d) ((unsigned)((d) >> 15) & 31)
#define FP_D_Q(d) ((unsigned)((d) >> 20) & 1)
#define FP_D_F(d) ((unsigned)((d) >> 21) & 3)
#define FP_D_SCALAR(d) ((unsigned)((d) >> 23) & 1)
#define FP_D_OP(d) ((enum fp_op)(((d) >> 24) & 0xff))
#define FP_D_IMM(d) ((unsigned)((d) >> 32) & 0xffff)

/* Value helpers' c argument (fp_scalar): operation and format. */
enum fp_sop {
    FPS_CMP, FPS_CMPE, FPS_CCMP, FPS_CCMPE, FPS_CVT, FPS_TOINT, FPS_FROMINT, FPS_FJCVTZS,
};
#define FP_SDESC(op, f, imm) ((uint64_t)(op) | (uint64_t)(f) << 8 | (uint64_t)(imm) << 16)
/* CCMP/CCMPE: the condition's value at this bit of c (the translator ORs it in),
 * the NZCV to use when it fails in imm. */
#define FP_SDESC_COND_BIT 40

#endif
