/* Single-register integer loads and stores: every size and sign-extension
 * form in the unsigned-offset, unscaled, pre/post-index, unprivileged,
 * register-offset and literal addressing modes, and the prefetches. */
#include "common.inc"
    PROLOGUE
    /* Unsigned offset. */
    .irp off, 0, 8, 24, 248
    ldrb w0, [x19, #\off]
    OUT x0
    ldrsb w0, [x19, #\off]
    OUT x0
    ldrsb x0, [x19, #\off]
    OUT x0
    ldrh w0, [x19, #\off]
    OUT x0
    ldrsh w0, [x19, #\off]
    OUT x0
    ldrsh x0, [x19, #\off]
    OUT x0
    ldr w0, [x19, #\off]
    OUT x0
    ldrsw x0, [x19, #\off]
    OUT x0
    ldr x0, [x19, #\off]
    OUT x0
    .endr
    /* Unscaled, including unaligned and negative offsets. */
    add x21, x19, #128
    .irp off, -128, -3, -1, 0, 1, 5, 127
    ldurb w0, [x21, #\off]
    OUT x0
    ldursb w0, [x21, #\off]
    OUT x0
    ldursb x0, [x21, #\off]
    OUT x0
    ldurh w0, [x21, #\off]
    OUT x0
    ldursh w0, [x21, #\off]
    OUT x0
    ldursh x0, [x21, #\off]
    OUT x0
    ldur w0, [x21, #\off]
    OUT x0
    ldursw x0, [x21, #\off]
    OUT x0
    ldur x0, [x21, #\off]
    OUT x0
    prfum pldl1keep, [x21, #\off]
    .endr
    /* Unprivileged: the same as unscaled at EL0. */
    .irp off, -7, 0, 9
    ldtrb w0, [x21, #\off]
    OUT x0
    ldtrsb w0, [x21, #\off]
    OUT x0
    ldtrsb x0, [x21, #\off]
    OUT x0
    ldtrh w0, [x21, #\off]
    OUT x0
    ldtrsh w0, [x21, #\off]
    OUT x0
    ldtrsh x0, [x21, #\off]
    OUT x0
    ldtr w0, [x21, #\off]
    OUT x0
    ldtrsw x0, [x21, #\off]
    OUT x0
    ldtr x0, [x21, #\off]
    OUT x0
    .endr
    /* Pre- and post-index: the loaded value and the written-back base. */
    .macro PREPOST op, r
    mov x21, x19
    add x21, x21, #100
    \op \r, [x21, #-9]!
    OUT x0
    OUT x21
    \op \r, [x21], #17
    OUT x0
    OUT x21
    \op \r, [x21, #155]!
    OUT x0
    OUT x21
    \op \r, [x21], #-256
    OUT x0
    OUT x21
    .endm
    FORALL_LOADS PREPOST
    /* Register offset: every extend, scaled and not, negative indices. */
    add x21, x19, #128
    mov x22, #-3
    mov w23, #-3                  /* upper half zero */
    ldr x25, =0x100000002         /* UXTW/SXTW ignore the high half */
    .macro REGOFF op, r
    \op \r, [x21, x22]
    OUT x0
    \op \r, [x21, w23, sxtw]
    OUT x0
    \op \r, [x21, w25, uxtw]
    OUT x0
    \op \r, [x21, w25, sxtw]
    OUT x0
    \op \r, [x21, x22, sxtx]
    OUT x0
    .endm
    FORALL_LOADS REGOFF
    .macro REGOFFS op, r, s
    \op \r, [x21, x22, lsl #\s]
    OUT x0
    \op \r, [x21, w23, sxtw #\s]
    OUT x0
    \op \r, [x21, w25, uxtw #\s]
    OUT x0
    \op \r, [x21, x22, sxtx #\s]
    OUT x0
    .endm
    REGOFFS ldrh, w0, 1
    REGOFFS ldrsh, w0, 1
    REGOFFS ldrsh, x0, 1
    REGOFFS ldr, w0, 2
    REGOFFS ldrsw, x0, 2
    ldr x0, [x21, x22, lsl #3]
    OUT x0
    ldr x0, [x21, w23, sxtw #3]
    OUT x0
    ldr x0, [x21, w25, uxtw #3]
    OUT x0
    ldrb w0, [x21, x22, lsl #0]
    OUT x0
    prfm pldl1keep, [x21, x22]
    prfm pstl2strm, [x21, w23, sxtw #3]
    /* Literal. */
    ldr w0, lit
    OUT x0
    ldr x0, lit
    OUT x0
    ldrsw x0, lit
    OUT x0
    ldrsw x0, lit + 4
    OUT x0
    prfm pldl1keep, lit
    prfm plil3strm, lit
    b 1f
    .balign 8
lit:
    .quad 0x89abcdef80000001
1:
    /* SP as base, and XZR as the stored value. */
    mov x26, sp
    add x9, x19, #64
    mov sp, x9
    ldr x0, [sp, #8]
    OUT x0
    ldr x0, [sp], #16
    OUT x0
    mov x9, sp
    OUT x9
    ldrb w0, [sp, #-1]!
    OUT x0
    mov x9, sp
    OUT x9
    mov sp, x26

    /* Stores: every size and mode into dst, then the bytes of dst. */
    ldr x0, [x19, #16]
    mov x21, x24
    strb w0, [x21, #3]
    strh w0, [x21, #6]
    str w0, [x21, #12]
    str x0, [x21, #16]
    sturb w0, [x21, #33]
    sturh w0, [x21, #35]
    stur w0, [x21, #41]
    stur x0, [x21, #47]
    add x21, x24, #128
    sttrb w0, [x21, #-1]
    sttrh w0, [x21, #-5]
    sttr w0, [x21, #-11]
    sttr x0, [x21, #-23]
    strb w0, [x21, #1]!
    OUT x21
    strh w0, [x21], #3
    OUT x21
    str w0, [x21, #4]!
    OUT x21
    str x0, [x21], #9
    OUT x21
    str xzr, [x21]
    strb wzr, [x21, #-2]
    add x21, x24, #192
    str x0, [x21, x22]
    strh w0, [x21, w23, sxtw #1]
    str w0, [x21, w25, uxtw #2]
    strb w0, [x21, w25, uxtw]
    str x0, [x21, x22, lsl #3]
    mov x26, sp
    add x9, x24, #240
    mov sp, x9
    str x0, [sp, #8]
    strb w0, [sp, #-1]!
    mov x9, sp
    OUT x9
    mov sp, x26
    DUMPDST

    /* Writeback with Rt == Rn (CONSTRAINED UNPREDICTABLE; QEMU's choice). */
    mov x1, x19
    .inst 0xf8408421  /* ldr x1, [x1], #8 */
    OUT x1
    mov x1, x19
    .inst 0xf8408c21  /* ldr x1, [x1, #8]! */
    OUT x1
    mov x1, x24
    .inst 0xf8008c21  /* str x1, [x1, #8]! */
    OUT x1
    ldr x1, [x24, #8]
    sub x1, x1, x24
    OUT x1
    DUMPDST
    EPILOGUE
