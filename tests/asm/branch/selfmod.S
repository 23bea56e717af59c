/* Code that writes code: a function in a fresh RWX mapping is run, rewritten
 * (with and without the DC CVAU / IC IVAU / ISB sequence the architecture
 * requires), and run again; the new code must run after the maintenance.
 * This is the IC IVAU -> runtime invalidation path. */
#include "common.inc"
    PROLOGUE
    /* mmap(NULL, 4096, RWX, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) */
    mov x0, #0
    mov x1, #4096
    mov x2, #7
    mov x3, #0x22
    mov x4, #-1
    mov x5, #0
    mov x8, #222
    svc #0
    mov x21, x0
    .macro PUT_CODE imm
    ldr w9, =0x52800000 | (\imm << 5)   /* movz w0, #imm */
    str w9, [x21, #64]
    ldr w9, =0xd65f03c0                 /* ret */
    str w9, [x21, #68]
    add x9, x21, #64
    dc cvau, x9
    dsb ish
    ic ivau, x9
    dsb ish
    isb
    .endm
    .irp v, 1, 2, 3, 0x1234
    PUT_CODE \v
    add x9, x21, #64
    blr x9
    OUT x0
    add x9, x21, #64
    blr x9
    OUT x0
    .endr
    /* A loop that rewrites its callee every iteration. */
    mov x22, #0
1:  ldr w9, =0x52800000
    orr w9, w9, w22, lsl #5
    str w9, [x21, #64]
    add x9, x21, #64
    dc cvau, x9
    dsb ish
    ic ivau, x9
    dsb ish
    isb
    blr x9
    OUT x0
    add x22, x22, #1
    cmp x22, #10
    b.ne 1b
    /* The address in X0 (register slot 0 of the engines). */
    ldr w9, =0x52800000 | (77 << 5)
    str w9, [x21, #64]
    add x0, x21, #64
    dc cvau, x0
    dsb ish
    ic ivau, x0
    dsb ish
    isb
    add x9, x21, #64
    blr x9
    OUT x0
    EPILOGUE
