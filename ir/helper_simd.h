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

/* Descriptor of a structure load/store (helper simd_ldst_struct). */
enum simd_ldst_kind { SIMD_LDST_MULTI, SIMD_LDST_SINGLE, SIMD_LDST_REPL };
#define SIMD_LDST_DESC(rt, load, q, size, kind, selem, rpt, index)                                 \
    ((uint64_t)(rt) | (uint64_t)(load) << 5 | (uint64_t)(q) << 6 | (uint64_t)(size) << 7 |        \
     (uint64_t)(kind) << 9 | (uint64_t)(selem) << 11 | (uint64_t)(rpt) << 14 |                     \
     (uint64_t)(index) << 17)

#endif
