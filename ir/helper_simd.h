/* Shared pieces of the AdvSIMD/FP helpers (helper_simd*.c) and their translators
 * (trans_simd*.c, trans_fpsimd_ldst.c): lane access on the CPU's V registers and
 * the packing of register numbers and shapes into a helper's first argument. */
#ifndef ZARM_IR_HELPER_SIMD_H
#define ZARM_IR_HELPER_SIMD_H

#include <stdbool.h>
#include <stdint.h>

#include "zarm/cpu.h"

/* Lane i of esize bytes (1, 2, 4, 8), zero-extended. */
static inline uint64_t simd_lane(const zarm_vreg *v, unsigned i, unsigned esize)
{
    zarm_vreg *w = (zarm_vreg *)v;
    switch (esize) {
    case 1: return ZARM_V_B(w, i);
    case 2: return ZARM_V_H(w, i);
    case 4: return ZARM_V_S(w, i);
    default: return ZARM_V_D(w, i);
    }
}

static inline void simd_set_lane(zarm_vreg *v, unsigned i, unsigned esize, uint64_t x)
{
    switch (esize) {
    case 1: ZARM_V_B(v, i) = (uint8_t)x; break;
    case 2: ZARM_V_H(v, i) = (uint16_t)x; break;
    case 4: ZARM_V_S(v, i) = (uint32_t)x; break;
    default: ZARM_V_D(v, i) = x; break;
    }
}

/* Lane i sign-extended. */
static inline int64_t simd_slane(const zarm_vreg *v, unsigned i, unsigned esize)
{
    unsigned bits = esize * 8;
    uint64_t x = simd_lane(v, i, esize);
    return bits == 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* First helper argument of the data-processing helpers: Rd, Rn, Rm, Q, size and
 * a flag for the scalar forms (one element, the rest of Vd zeroed). */
#define SIMD_ARGS(rd, rn, rm, q, size, scalar)                                                     \
    ((uint64_t)(rd) | (uint64_t)(rn) << 5 | (uint64_t)(rm) << 10 | (uint64_t)(q) << 15 |          \
     (uint64_t)(size) << 16 | (uint64_t)(scalar) << 18)
#define SIMD_RD(a) ((unsigned)(a)&31)
#define SIMD_RN(a) ((unsigned)((a) >> 5) & 31)
#define SIMD_RM(a) ((unsigned)((a) >> 10) & 31)
#define SIMD_Q(a) ((unsigned)((a) >> 15) & 1)
#define SIMD_SIZE(a) ((unsigned)((a) >> 16) & 3)
#define SIMD_SCALAR(a) ((unsigned)((a) >> 18) & 1)

/* Operation ids of the integer helpers (helper_simd_arith.c): the group in bits 11:8,
 * U << 5 | opcode of the Arm ARM encoding below (U << 4 | opcode for "three
 * different"), so one id names one instruction across the vector, scalar and
 * by-element forms. */
enum simd_op {
    /* three same (and the three-same extension at 0x40) */
    SIMD_SHADD = 0x00, SIMD_UHADD = 0x20, SIMD_SQADD = 0x01, SIMD_UQADD = 0x21,
    SIMD_SRHADD = 0x02, SIMD_URHADD = 0x22, SIMD_SHSUB = 0x04, SIMD_UHSUB = 0x24,
    SIMD_SQSUB = 0x05, SIMD_UQSUB = 0x25, SIMD_CMGT = 0x06, SIMD_CMHI = 0x26,
    SIMD_CMGE = 0x07, SIMD_CMHS = 0x27, SIMD_SSHL = 0x08, SIMD_USHL = 0x28,
    SIMD_SQSHL = 0x09, SIMD_UQSHL = 0x29, SIMD_SRSHL = 0x0a, SIMD_URSHL = 0x2a,
    SIMD_SQRSHL = 0x0b, SIMD_UQRSHL = 0x2b, SIMD_SMAX = 0x0c, SIMD_UMAX = 0x2c,
    SIMD_SMIN = 0x0d, SIMD_UMIN = 0x2d, SIMD_SABD = 0x0e, SIMD_UABD = 0x2e,
    SIMD_SABA = 0x0f, SIMD_UABA = 0x2f, SIMD_ADD = 0x10, SIMD_SUB = 0x30,
    SIMD_CMTST = 0x11, SIMD_CMEQ = 0x31, SIMD_MLA = 0x12, SIMD_MLS = 0x32,
    SIMD_MUL = 0x13, SIMD_PMUL = 0x33, SIMD_SMAXP = 0x14, SIMD_UMAXP = 0x34,
    SIMD_SMINP = 0x15, SIMD_UMINP = 0x35, SIMD_SQDMULH = 0x16, SIMD_SQRDMULH = 0x36,
    SIMD_ADDP = 0x17, SIMD_SQRDMLAH = 0x40, SIMD_SQRDMLSH = 0x41, SIMD_SDOT = 0x42,
    SIMD_UDOT = 0x43,
    /* three different */
    SIMD_SADDL = 0x100, SIMD_UADDL = 0x110, SIMD_SADDW = 0x101, SIMD_UADDW = 0x111,
    SIMD_SSUBL = 0x102, SIMD_USUBL = 0x112, SIMD_SSUBW = 0x103, SIMD_USUBW = 0x113,
    SIMD_ADDHN = 0x104, SIMD_RADDHN = 0x114, SIMD_SABAL = 0x105, SIMD_UABAL = 0x115,
    SIMD_SUBHN = 0x106, SIMD_RSUBHN = 0x116, SIMD_SABDL = 0x107, SIMD_UABDL = 0x117,
    SIMD_SMLAL = 0x108, SIMD_UMLAL = 0x118, SIMD_SQDMLAL = 0x109, SIMD_SMLSL = 0x10a,
    SIMD_UMLSL = 0x11a, SIMD_SQDMLSL = 0x10b, SIMD_SMULL = 0x10c, SIMD_UMULL = 0x11c,
    SIMD_SQDMULL = 0x10d, SIMD_PMULL = 0x10e,
    /* two-register miscellaneous (RBIT: U=1 opcode 00101 size 01 gets code 0x3f) */
    SIMD_REV64 = 0x200, SIMD_REV32 = 0x220, SIMD_REV16 = 0x201, SIMD_SADDLP = 0x202,
    SIMD_UADDLP = 0x222, SIMD_SUQADD = 0x203, SIMD_USQADD = 0x223, SIMD_CLS = 0x204,
    SIMD_CLZ = 0x224, SIMD_CNT = 0x205, SIMD_NOT = 0x225, SIMD_RBIT = 0x23f,
    SIMD_SADALP = 0x206, SIMD_UADALP = 0x226, SIMD_SQABS = 0x207, SIMD_SQNEG = 0x227,
    SIMD_CMGT0 = 0x208, SIMD_CMGE0 = 0x228, SIMD_CMEQ0 = 0x209, SIMD_CMLE0 = 0x229,
    SIMD_CMLT0 = 0x20a, SIMD_ABS = 0x20b, SIMD_NEG = 0x22b, SIMD_XTN = 0x212,
    SIMD_SQXTUN = 0x232, SIMD_SHLL = 0x233, SIMD_SQXTN = 0x214, SIMD_UQXTN = 0x234,
    /* across lanes */
    SIMD_SADDLV = 0x303, SIMD_UADDLV = 0x323, SIMD_SMAXV = 0x30a, SIMD_UMAXV = 0x32a,
    SIMD_SMINV = 0x31a, SIMD_UMINV = 0x33a, SIMD_ADDV = 0x31b,
    /* shift by immediate */
    SIMD_SSHR = 0x400, SIMD_USHR = 0x420, SIMD_SSRA = 0x402, SIMD_USRA = 0x422,
    SIMD_SRSHR = 0x404, SIMD_URSHR = 0x424, SIMD_SRSRA = 0x406, SIMD_URSRA = 0x426,
    SIMD_SRI = 0x428, SIMD_SHL = 0x40a, SIMD_SLI = 0x42a, SIMD_SQSHLU = 0x42c,
    SIMD_SQSHL_IMM = 0x40e, SIMD_UQSHL_IMM = 0x42e, SIMD_SHRN = 0x410, SIMD_SQSHRUN = 0x430,
    SIMD_RSHRN = 0x411, SIMD_SQRSHRUN = 0x431, SIMD_SQSHRN = 0x412, SIMD_UQSHRN = 0x432,
    SIMD_SQRSHRN = 0x413, SIMD_UQRSHRN = 0x433, SIMD_SSHLL = 0x414, SIMD_USHLL = 0x434,
};
#define SIMD_OP_GROUP(op) ((unsigned)(op) >> 8)

/* Descriptor of a structure load/store (helper simd_ldst_struct). */
enum simd_ldst_kind { SIMD_LDST_MULTI, SIMD_LDST_SINGLE, SIMD_LDST_REPL };
#define SIMD_LDST_DESC(rt, load, q, size, kind, selem, rpt, index)                                 \
    ((uint64_t)(rt) | (uint64_t)(load) << 5 | (uint64_t)(q) << 6 | (uint64_t)(size) << 7 |        \
     (uint64_t)(kind) << 9 | (uint64_t)(selem) << 11 | (uint64_t)(rpt) << 14 |                     \
     (uint64_t)(index) << 17)

#endif
