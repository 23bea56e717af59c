/* LSE atomics: every LD<op>, SWP and CAS in every size and ordering, and CASP
 * (W and X), on memory values and operands chosen to cross sign and carry
 * boundaries.  Each case appends the returned old value and the new memory. */
#include "common.inc"
    PROLOGUE
    adrp x25, vals
    add x25, x25, :lo12:vals
    /* For i, j over vals: memory = vals[i], operand = vals[j]. */
    .macro RMW op, rs, rt
    mov x21, #0
1:  mov x22, #0
2:  ldr x9, [x25, x21, lsl #3]
    str x9, [x24]
    ldr x1, [x25, x22, lsl #3]
    mov x0, #0x77
    \op \rs, \rt, [x24]
    OUT x0
    ldr x9, [x24]
    OUT x9
    add x22, x22, #3
    cmp x22, #16
    b.lt 2b
    add x21, x21, #1
    cmp x21, #16
    b.ne 1b
    .endm
    .macro SIZES op
    RMW \op\()b, w1, w0
    RMW \op\()h, w1, w0
    RMW \op, w1, w0
    RMW \op, x1, x0
    .endm
    .irp base, ldadd, ldclr, ldeor, ldset, ldsmax, ldsmin, ldumax, ldumin, swp
    .irp ord, , a, l, al
    SIZES \base\ord
    .endr
    .endr
    /* ST<op> aliases (Rt = XZR). */
    RMW ldadd, x1, xzr
    RMW ldsmax, w1, wzr
    /* CAS: x1 = compare value (vals[j]), x0 = new value (x1 + 5). */
    .macro CASE op, rs, rt
    mov x21, #0
1:  mov x22, #0
2:  ldr x9, [x25, x21, lsl #3]
    str x9, [x24]
    ldr x1, [x25, x22, lsl #3]
    add x0, x1, #5
    \op \rs, \rt, [x24]
    OUT x1
    ldr x9, [x24]
    OUT x9
    add x22, x22, #1
    cmp x22, #16
    b.lt 2b
    add x21, x21, #5
    cmp x21, #16
    b.lt 1b
    .endm
    .irp ord, , a, l, al
    CASE cas\ord\()b, w1, w0
    CASE cas\ord\()h, w1, w0
    CASE cas\ord, w1, w0
    CASE cas\ord, x1, x0
    .endr
    /* Equal compare: the store happens. */
    .irp ord, , a, l, al
    str x10, [x24]
    ldr x10, [x25, #120]
    str x10, [x24]
    mov x1, x10
    mov x0, #0x1234
    cas\ord x1, x0, [x24]
    OUT x1
    ldr x9, [x24]
    OUT x9
    str x10, [x24]
    mov w1, w10
    movn w0, #7
    cas\ord\()b w1, w0, [x24]
    OUT x1
    ldr x9, [x24]
    OUT x9
    .endr
    /* CASP. */
    .irp ord, , a, l, al
    ldp x9, x11, [x19, #32]
    stp x9, x11, [x24, #64]
    add x21, x24, #64
    mov x2, x9
    mov x3, x11
    mov x4, #0x1111
    mov x5, #0x2222
    casp\ord x2, x3, x4, x5, [x21]
    OUT x2
    OUT x3
    ldp x9, x11, [x21]
    OUT x9
    OUT x11
    mov x2, #1
    mov x3, x11
    casp\ord x2, x3, x4, x5, [x21]
    OUT x2
    OUT x3
    ldp x9, x11, [x21]
    OUT x9
    OUT x11
    ldp w2, w3, [x21]
    mov w6, #-1
    mov w7, #-2
    casp\ord w2, w3, w6, w7, [x21]
    OUT x2
    OUT x3
    ldp x9, x11, [x21]
    OUT x9
    OUT x11
    mov w2, #5
    casp\ord w2, w3, w6, w7, [x21]
    OUT x2
    OUT x3
    .endr
    /* SP as the base. */
    mov x26, sp
    mov sp, x24
    mov x1, #3
    ldadd x1, x0, [sp]
    OUT x0
    swpal x1, x0, [sp]
    OUT x0
    mov sp, x26
    DUMPDST
    EPILOGUE
