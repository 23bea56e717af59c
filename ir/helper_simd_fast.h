/* Specialised paths of the AdvSIMD integer helpers (helper_simd_fast.c) for the
 * operations compiled loops and the C library's string routines spend their time
 * in.  Each takes the helper's own arguments, returns false when it does not
 * handle the operation/shape (the generic lane-by-lane code in
 * helper_simd_arith.c then runs) and true once it has written Vd. */
#ifndef ZARM_IR_HELPER_SIMD_FAST_H
#define ZARM_IR_HELPER_SIMD_FAST_H

#include <stdbool.h>
#include <stdint.h>

#include "zarm/cpu.h"

struct ir_env;

/* Three same (elementwise and pairwise): Vn with y, which is Vm or, for the
 * by-element forms, the element replicated.  op = U << 5 | opcode. */
bool simd_fast_3same(struct ir_env *env, uint64_t args, unsigned op, const zarm_vreg *y);
/* Three different: the long and wide forms without saturation; y as above,
 * op = U << 4 | opcode. */
bool simd_fast_3diff(struct ir_env *env, uint64_t args, unsigned op, const zarm_vreg *y);
/* Across lanes: ADDV, [SU]MAXV, [SU]MINV. */
bool simd_fast_across(struct ir_env *env, uint64_t args, unsigned op);
/* Shift by immediate: SHL, [SU]SHR, [SU]SRA. */
bool simd_fast_shift(struct ir_env *env, uint64_t args, unsigned op, unsigned sh);

#endif
