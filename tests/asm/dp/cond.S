/* Conditional select and conditional compare: every condition against every
 * NZCV value, then every value pair for a holding and a failing condition. */
#include "common.inc"
    PROLOGUE
    mov x1, #1
    mov x2, #2
    mov x3, #-1
    .irp f, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .irp c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
    SETFLAGS \f
    csel x0, x1, x2, \c
    OUT x0
    SETFLAGS \f
    ccmp x1, x2, #5, \c
    GETFLAGS
    OUT x9
    SETFLAGS \f
    ccmn w3, #1, #10, \c
    GETFLAGS
    OUT x9
    .endr
    .endr

    .irp f, 0, 0xf
    .irp op, csel, csinc, csinv, csneg
    PAIRS \f, \op x0, x1, x2, eq
    PAIRS \f, \op w0, w1, w2, ne
    .endr
    .irp op, ccmp, ccmn
    PAIRS \f, \op x1, x2, #0, ne
    PAIRS \f, \op w1, w2, #0xf, eq
    PAIRS \f, \op x1, #0, #7, ne
    PAIRS \f, \op x1, #31, #8, eq
    PAIRS \f, \op w1, #17, #3, ne
    PAIRS \f, \op w1, #1, #2, al
    .endr
    .endr
    PAIRS 0x4, cset x0, eq
    PAIRS 0x4, csetm w0, eq
    PAIRS 0x2, cinc x0, x1, cs
    PAIRS 0x2, cneg w0, w1, cs
    PAIRS 0x1, csel x0, xzr, x2, vc
    EPILOGUE
