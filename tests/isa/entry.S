// The trampoline between the C harness and one test.  isa_enter loads the
// whole register state from a struct isa_state (isa.h) and branches to the
// code buffer; the buffer's epilogue stores x0 at [x<free>], moves that
// pointer to x0 and branches to isa_tail, which stores the rest and returns
// to isa_enter's caller with the harness's SP, TPIDR_EL0 and FPCR back.
    .text
    .balign 16
    .global isa_enter
    .type isa_enter, %function
// void isa_enter(const struct isa_state *in)
isa_enter:
    stp x29, x30, [sp, #-160]!
    mov x29, sp
    stp x19, x20, [sp, #16]
    stp x21, x22, [sp, #32]
    stp x23, x24, [sp, #48]
    stp x25, x26, [sp, #64]
    stp x27, x28, [sp, #80]
    stp d8, d9, [sp, #96]
    stp d10, d11, [sp, #112]
    stp d12, d13, [sp, #128]
    stp d14, d15, [sp, #144]
    adrp x9, isa_host
    add x9, x9, :lo12:isa_host
    mov x10, sp
    str x10, [x9]
    mrs x10, tpidr_el0
    str x10, [x9, #8]
    mrs x10, fpcr
    str x10, [x9, #16]
    // No exclusive monitor carries over from an earlier test.
    clrex
    ldr x1, [x0, #256]
    msr nzcv, x1
    ldr x1, [x0, #264]
    msr fpcr, x1
    ldr x1, [x0, #272]
    msr fpsr, x1
    ldr x1, [x0, #280]
    msr tpidr_el0, x1
    ldr x1, [x0, #248]
    mov sp, x1
    add x1, x0, #288
    ldp q0, q1, [x1, #0]
    ldp q2, q3, [x1, #32]
    ldp q4, q5, [x1, #64]
    ldp q6, q7, [x1, #96]
    ldp q8, q9, [x1, #128]
    ldp q10, q11, [x1, #160]
    ldp q12, q13, [x1, #192]
    ldp q14, q15, [x1, #224]
    ldp q16, q17, [x1, #256]
    ldp q18, q19, [x1, #288]
    ldp q20, q21, [x1, #320]
    ldp q22, q23, [x1, #352]
    ldp q24, q25, [x1, #384]
    ldp q26, q27, [x1, #416]
    ldp q28, q29, [x1, #448]
    ldp q30, q31, [x1, #480]
    ldp x2, x3, [x0, #16]
    ldp x4, x5, [x0, #32]
    ldp x6, x7, [x0, #48]
    ldp x8, x9, [x0, #64]
    ldp x10, x11, [x0, #80]
    ldp x12, x13, [x0, #96]
    ldp x14, x15, [x0, #112]
    ldp x16, x17, [x0, #128]
    ldp x18, x19, [x0, #144]
    ldp x20, x21, [x0, #160]
    ldp x22, x23, [x0, #176]
    ldp x24, x25, [x0, #192]
    ldp x26, x27, [x0, #208]
    ldp x28, x29, [x0, #224]
    ldr x30, [x0, #240]
    ldr x1, [x0, #8]
    ldr x0, [x0]
    b isa_code
    .size isa_enter, . - isa_enter

    .global isa_tail
    .type isa_tail, %function
// x0 = the out block, whose x0 slot the epilogue already filled.
isa_tail:
    str x1, [x0, #8]
    stp x2, x3, [x0, #16]
    stp x4, x5, [x0, #32]
    stp x6, x7, [x0, #48]
    stp x8, x9, [x0, #64]
    stp x10, x11, [x0, #80]
    stp x12, x13, [x0, #96]
    stp x14, x15, [x0, #112]
    stp x16, x17, [x0, #128]
    stp x18, x19, [x0, #144]
    stp x20, x21, [x0, #160]
    stp x22, x23, [x0, #176]
    stp x24, x25, [x0, #192]
    stp x26, x27, [x0, #208]
    stp x28, x29, [x0, #224]
    str x30, [x0, #240]
    mov x1, sp
    str x1, [x0, #248]
    mrs x1, nzcv
    str x1, [x0, #256]
    mrs x1, fpcr
    str x1, [x0, #264]
    mrs x1, fpsr
    str x1, [x0, #272]
    mrs x1, tpidr_el0
    str x1, [x0, #280]
    add x1, x0, #288
    stp q0, q1, [x1, #0]
    stp q2, q3, [x1, #32]
    stp q4, q5, [x1, #64]
    stp q6, q7, [x1, #96]
    stp q8, q9, [x1, #128]
    stp q10, q11, [x1, #160]
    stp q12, q13, [x1, #192]
    stp q14, q15, [x1, #224]
    stp q16, q17, [x1, #256]
    stp q18, q19, [x1, #288]
    stp q20, q21, [x1, #320]
    stp q22, q23, [x1, #352]
    stp q24, q25, [x1, #384]
    stp q26, q27, [x1, #416]
    stp q28, q29, [x1, #448]
    stp q30, q31, [x1, #480]
    adrp x9, isa_host
    add x9, x9, :lo12:isa_host
    ldr x10, [x9]
    mov sp, x10
    ldr x10, [x9, #8]
    msr tpidr_el0, x10
    ldr x10, [x9, #16]
    msr fpcr, x10
    ldp x19, x20, [sp, #16]
    ldp x21, x22, [sp, #32]
    ldp x23, x24, [sp, #48]
    ldp x25, x26, [sp, #64]
    ldp x27, x28, [sp, #80]
    ldp d8, d9, [sp, #96]
    ldp d10, d11, [sp, #112]
    ldp d12, d13, [sp, #128]
    ldp d14, d15, [sp, #144]
    ldp x29, x30, [sp], #160
    ret
    .size isa_tail, . - isa_tail
    .section .note.GNU-stack,"",%progbits
