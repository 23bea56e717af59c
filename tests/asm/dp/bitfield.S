/* SBFM, BFM and UBFM with every (immr, imms) pair of both widths, on a value
 * with the top bit set and one with it clear; BFM's destination starts as a
 * third pattern. */
#include "common.inc"
    .macro BF64 r, s
    sbfm x0, x1, #\r, #\s
    OUT x0
    sbfm x0, x2, #\r, #\s
    OUT x0
    ubfm x0, x1, #\r, #\s
    OUT x0
    ubfm x0, x2, #\r, #\s
    OUT x0
    mov x0, x3
    bfm x0, x1, #\r, #\s
    OUT x0
    mov x0, x3
    bfm x0, x2, #\r, #\s
    OUT x0
    .endm
    .macro BF32 r, s
    sbfm w0, w1, #\r, #\s
    OUT x0
    sbfm w0, w2, #\r, #\s
    OUT x0
    ubfm w0, w1, #\r, #\s
    OUT x0
    mov x0, x3
    bfm w0, w1, #\r, #\s
    OUT x0
    mov x0, x3
    bfm w0, w2, #\r, #\s
    OUT x0
    .endm

    PROLOGUE
    ldr x1, =0xf0e1d2c3b4a59687
    ldr x2, =0x0123456789abcdef
    ldr x3, =0x5a5a5a5a5a5a5a5a
    .set r, 0
    .rept 64
    .set s, 0
    .rept 64
    BF64 r, s
    .set s, s + 1
    .endr
    .set r, r + 1
    .endr
    .set r, 0
    .rept 32
    .set s, 0
    .rept 32
    BF32 r, s
    .set s, s + 1
    .endr
    .set r, r + 1
    .endr
    EPILOGUE
