/* Branches: B, BL, B.cond, CBZ/CBNZ (W and X), TBZ/TBNZ on low and high bits,
 * BR, BLR (including BLR X30), RET to another register. */
#include "common.inc"
    PROLOGUE
    .macro TAKEN insn:vararg
    \insn 1f
    mov x0, #0
    b 2f
1:  mov x0, #1
2:  OUT x0
    .endm
    ldr x1, =0x100000000  /* zero low word */
    mov x2, #0
    ldr x3, =0x8000000000000001
    mov x4, #0x80000000
    .irp r, 1, 2, 3, 4
    TAKEN cbz x\r,
    TAKEN cbnz x\r,
    TAKEN cbz w\r,
    TAKEN cbnz w\r,
    .irp bit, 0, 1, 31, 32, 62, 63
    TAKEN tbz x\r, #\bit,
    TAKEN tbnz x\r, #\bit,
    .endr
    TAKEN tbz w\r, #31,
    TAKEN tbnz w\r, #0,
    .endr
    /* B.cond over every condition and NZCV value. */
    mov x5, #0
3:  lsl x6, x5, #28
    msr nzcv, x6
    .irp c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
    TAKEN b.\c
    .endr
    add x5, x5, #1
    cmp x5, #16
    b.ne 3b
    /* BL / RET, BLR, BR, BLR X30, RET Xn. */
    bl func
    OUT x0
    adr x9, func
    blr x9
    OUT x0
    adr x30, func
    blr x30
    OUT x0
    adr x9, 4f
    br x9
    mov x0, #0x99
    OUT x0
4:  adr x10, 5f
    ret x10
    mov x0, #0x98
    OUT x0
5:  mov x0, #0x55
    OUT x0
    /* Backward and forward B. */
    mov x0, #3
6:  sub x0, x0, #1
    cbnz x0, 6b
    b 7f
    OUT x0
7:  OUT x0
    EPILOGUE
    .text
func:
    adr x0, func
    sub x0, x30, x0
    ret
