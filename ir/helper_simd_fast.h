/* Specialised loops of the AdvSIMD integer helpers (helper_simd_fast.c) for the
 * operations compiled loops and the C library's string routines spend their
 * time in.  A helper looks its operation up here first and runs the generic
 * lane-by-lane code of helper_simd_arith.c only when the table has no leaf for
 * it; the lookup is inline so that the common case costs the helper one tail
 * call. */
#ifndef ZARM_IR_HELPER_SIMD_FAST_H
#define ZARM_IR_HELPER_SIMD_FAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helper_simd.h"
#include "zarm/cpu.h"

/* One operation at one element size.  r is Vd's halves, also the accumulator,
 * and may be the same register as x (Vn's) or y (Vm's, or the replicated
 * element of a by-element form).  shape = Q | immediate << 1.  Returns 0, the
 * helpers' own result, except for the saturating leaves, which return nonzero
 * when a lane saturated (the caller sets FPSR.QC).  Four arguments: the
 * s390x ABI passes a fifth in a callee-saved register, which would cost every
 * caller a stack frame. */
typedef uint64_t simd_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned shape);

/* Tables indexed by (op & 0xff) << 2 | size, op an enum simd_op; NULL where
 * the generic code runs. */
#define SIMD_SAME_SLOTS ((SIMD_UMINP + 1) << 2)
#define SIMD_QSAME_SLOTS ((SIMD_UQSUB + 1) << 2)
#define SIMD_DIFF_SLOTS (((SIMD_UMULL & 0xff) + 1) << 2)
#define SIMD_ACROSS_SLOTS (((SIMD_UMINV & 0xff) + 1) << 2)
#define SIMD_SHIFT_SLOTS (((SIMD_USHLL & 0xff) + 1) << 2)
#define SIMD_MISC_SLOTS (((SIMD_NEG & 0xff) + 1) << 2)
/* Three same: elementwise (not the saturating or register-shift ones) and
 * pairwise (op = U << 5 | opcode). */
extern simd_leaf *const simd_same_leaves[SIMD_SAME_SLOTS];
/* Three same, saturating: [SU]QADD, [SU]QSUB. */
extern simd_leaf *const simd_qsame_leaves[SIMD_QSAME_SLOTS];
/* Three different: the long and wide forms without saturation (U << 4 | opcode). */
extern simd_leaf *const simd_diff_leaves[SIMD_DIFF_SLOTS];
/* Across lanes: ADDV, [SU]ADDLV, [SU]MAXV, [SU]MINV. */
extern simd_leaf *const simd_across_leaves[SIMD_ACROSS_SLOTS];
/* Shift by immediate: SHL, [SU](R)SHR, [SU](R)SRA, SHRN, [SU]SHLL; the
 * immediate is the shift. */
extern simd_leaf *const simd_shift_leaves[SIMD_SHIFT_SLOTS];
/* Two-register miscellaneous: compares with zero, ABS, NEG, NOT, CNT, REV*,
 * XTN, [SU]ADDLP, [SU]ADALP. */
extern simd_leaf *const simd_misc_leaves[SIMD_MISC_SLOTS];

/* The leaf for op at the element size of args, or NULL.  The scalar forms
 * handled are the doubleword ones, which are a vector of one lane. */
static inline simd_leaf *simd_leaf_for(simd_leaf *const *table, unsigned slots, uint64_t args,
                                       uint64_t op)
{
    unsigned i = ((unsigned)op & 0xff) << 2 | SIMD_SIZE(args);
    if (i >= slots || (SIMD_SCALAR(args) && SIMD_SIZE(args) != 3))
        return NULL;
    return table[i];
}

/* Runs leaf on Vd and Vn of args and y (NULL: none). */
static inline uint64_t simd_leaf_run(simd_leaf *leaf, struct zarm_cpu *cpu, uint64_t args,
                                     const zarm_vreg *y, unsigned imm)
{
    unsigned q = SIMD_Q(args) & ~SIMD_SCALAR(args);
    return leaf(cpu->v[SIMD_RD(args)].d, cpu->v[SIMD_RN(args)].d, y ? y->d : NULL, q | imm << 1);
}

#endif
