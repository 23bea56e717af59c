/* Shared by the AdvSIMD/FP translators (trans_simd*.c). */
#ifndef ZARM_IR_TRANS_SIMD_H
#define ZARM_IR_TRANS_SIMD_H

#include "env.h"
#include "helper_simd.h"
#include "translate.h"

/* 64-bit half `half` of V register r. */
ir_val tr_getv(struct ir_tctx *t, unsigned r, unsigned half);
void tr_setv(struct ir_tctx *t, unsigned r, unsigned half, ir_val v);
/* Writes bits 63:0 of Vd and zeroes bits 127:64. */
void tr_setv64(struct ir_tctx *t, unsigned r, ir_val lo);
/* VFPExpandImm for 16-, 32- and 64-bit formats. */
uint64_t simd_fp_imm(unsigned imm8, unsigned bits);

#endif
