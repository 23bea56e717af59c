/* Load/store pair: LDP/STP (W and X), LDPSW, LDNP/STNP, in the offset,
 * pre- and post-index modes, with SP as the base, and writeback with
 * Rt == Rn (CONSTRAINED UNPREDICTABLE: QEMU's choice). */
#include "common.inc"
    PROLOGUE
    add x21, x19, #128
    .irp off, -256, -8, 0, 4, 252
    ldp w0, w1, [x21, #\off]
    OUT x0
    OUT x1
    ldpsw x0, x1, [x21, #\off]
    OUT x0
    OUT x1
    ldnp w0, w1, [x21, #\off]
    OUT x0
    OUT x1
    .endr
    .irp off, -512, -8, 0, 8, 120
    ldp x0, x1, [x21, #\off]
    OUT x0
    OUT x1
    ldnp x0, x1, [x21, #\off]
    OUT x0
    OUT x1
    .endr
    .macro PAIRWB op, r0, r1, a, b
    add x21, x19, #128
    \op \r0, \r1, [x21, #\a]!
    OUT x0
    OUT x1
    OUT x21
    \op \r0, \r1, [x21], #\b
    OUT x0
    OUT x1
    OUT x21
    .endm
    PAIRWB ldp, w0, w1, -20, 36
    PAIRWB ldpsw, x0, x1, 12, -64
    PAIRWB ldp, x0, x1, 16, -128
    /* Stores. */
    ldr x0, [x19]
    ldr x1, [x19, #8]
    add x21, x24, #128
    stp w0, w1, [x21, #-128]
    stp x0, x1, [x21, #-120]
    stnp w0, w1, [x21, #-100]
    stnp x0, x1, [x21, #-88]
    stp x0, x1, [x21, #16]!
    OUT x21
    stp w0, w1, [x21], #-4
    OUT x21
    stp xzr, x1, [x21, #24]
    stp w1, wzr, [x21, #40]
    mov x26, sp
    add x9, x24, #224
    mov sp, x9
    stp x0, x1, [sp, #-16]!
    stp w1, w0, [sp, #16]
    ldp x2, x3, [sp], #16
    OUT x2
    OUT x3
    mov x9, sp
    OUT x9
    mov sp, x26
    DUMPDST
    /* Writeback with the base among the transfer registers. */
    mov x1, x19
    .inst 0xa8c10820  /* ldp x0, x2, [x1], #16 (Rn != Rt) */
    OUT x0
    OUT x2
    mov x1, x19
    .inst 0xa9c10821  /* ldp x1, x2, [x1, #16]! */
    sub x1, x1, x19
    OUT x1
    OUT x2
    mov x1, x24
    .inst 0xa9810821  /* stp x1, x2, [x1, #16]! */
    sub x9, x1, x24
    OUT x9
    ldr x9, [x24, #16]
    sub x9, x9, x24
    OUT x9
    DUMPDST
    EPILOGUE
