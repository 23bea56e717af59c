/* Logical and add/subtract with a shifted or extended register, add/subtract
 * with carry: both widths, every shift type, edge shift amounts, every
 * extension, SP operands. */
#include "common.inc"
    PROLOGUE
    .irp op, and, bic, orr, orn, eor, eon, ands, bics
    .irp sh, lsl, lsr, asr, ror
    .irp amt, 0, 1, 31, 32, 63
    PAIRS 0xf, \op x0, x1, x2, \sh #\amt
    .endr
    .irp amt, 0, 1, 16, 31
    PAIRS 0x6, \op w0, w1, w2, \sh #\amt
    .endr
    .endr
    .endr
    PAIRS 0, mvn x0, x2
    PAIRS 0, mvn w0, w2, ror #3
    PAIRS 0, tst x1, x2
    PAIRSN 0, "tst w1, w2, lsr #4", "mov x0, x1"
    PAIRSN 0, "and x1, x1, x2", "mov x0, x1"

    .irp op, add, adds, sub, subs
    .irp sh, lsl, lsr, asr
    .irp amt, 0, 1, 31, 32, 63
    PAIRS 0xf, \op x0, x1, x2, \sh #\amt
    .endr
    .irp amt, 0, 1, 16, 31
    PAIRS 0, \op w0, w1, w2, \sh #\amt
    .endr
    .endr
    .endr
    PAIRS 0, neg x0, x2
    PAIRS 0, negs w0, w2
    PAIRS 0, cmp x1, x2
    PAIRS 0, cmn w1, w2, asr #7
    PAIRS 0, adds xzr, x1, x2

    /* Extended register, shift 0-4. */
    .irp op, add, adds, sub, subs
    .irp ext, uxtb, uxth, uxtw, sxtb, sxth, sxtw
    .irp amt, 0, 1, 2, 3, 4
    PAIRS 0, \op x0, x1, w2, \ext #\amt
    PAIRS 0, \op w0, w1, w2, \ext #\amt
    .endr
    .endr
    .irp ext, uxtx, sxtx
    .irp amt, 0, 3, 4
    PAIRS 0, \op x0, x1, x2, \ext #\amt
    PAIRS 0, \op w0, w1, w2, \ext #\amt
    .endr
    .endr
    .endr
    /* SP as Rn (and as Rd without flags); LSL is UXTX/UXTW there. */
    mov x24, sp
    PAIRSN 0, "mov sp, x1", "add x0, sp, w2, sxth #2", "mov sp, x24"
    PAIRSN 0, "mov sp, x1", "adds x0, sp, x2, lsl #4", "mov sp, x24"
    PAIRSN 0, "mov sp, x1", "subs w0, wsp, w2, uxtb #1", "mov sp, x24"
    PAIRSN 0, "add sp, x1, w2, uxtw #3", "mov x0, sp", "mov sp, x24"
    PAIRSN 0, "sub wsp, w1, w2, sxtb", "mov x0, sp", "mov sp, x24"
    PAIRSN 0, "mov sp, x1", "cmp sp, x2", "mov sp, x24"
    PAIRSN 0, "mov sp, x1", "cmn wsp, w2, uxth", "mov sp, x24"

    /* With carry: C clear and set (the other flags must not matter). */
    .irp op, adc, adcs, sbc, sbcs
    .irp f, 0, 2, 0xd, 0xf
    PAIRS \f, \op x0, x1, x2
    PAIRS \f, \op w0, w1, w2
    .endr
    .endr
    PAIRS 2, ngc x0, x2
    PAIRS 0, ngcs w0, w2
    PAIRS 2, adcs xzr, x1, x2
    EPILOGUE
