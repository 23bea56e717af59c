/* Data processing -- immediate: PC-relative addresses, add/subtract, move
 * wide, EXTR and the common aliases of the bitfield and logical forms.
 * (bitfield.S and logimm.S cover every immediate encoding.) */
#include "common.inc"
    PROLOGUE
    /* ADR/ADRP: the tests are static executables at a fixed address. */
    adr x0, vals
    OUT x0
    adr x0, .
    OUT x0
    adrp x0, vals
    OUT x0
    adrp x0, _start
    OUT x0
    .inst 0x70ffffe0     /* adr x0, .-1 */
    OUT x0
    .inst 0x10800000     /* adr x0, .-1MB */
    OUT x0
    .inst 0x707fffe0     /* adr x0, .+1MB-1 */
    OUT x0
    .inst 0x90800000     /* adrp x0, -4GB */
    OUT x0
    .inst 0xf07fffe0     /* adrp x0, +4GB-4KB */
    OUT x0
    .inst 0xf0ffffe0     /* adrp x0, -4KB */
    OUT x0
    adr xzr, .
    OUT xzr

    .irp op, add, adds, sub, subs
    .irp imm, 0, 1, 0x7ff, 0xfff, 0x1000, 0x800000, 0xfff000
    SINGLES 0xf, \op x0, x1, #\imm
    SINGLES 0, \op w0, w1, #\imm
    .endr
    .endr
    SINGLES 0, cmp x1, #0x20
    SINGLES 0, cmn w1, #1
    mov x24, sp
    SINGLESN 0, "mov sp, x1", "add x0, sp, #8", "mov sp, x24"
    SINGLESN 0, "mov sp, x1", "subs x0, sp, #1, lsl #12", "mov sp, x24"
    SINGLESN 0, "add sp, x1, #0x10", "mov x0, sp", "mov sp, x24"
    SINGLESN 0, "add wsp, w1, #1", "mov x0, sp", "mov sp, x24"
    SINGLESN 0, "mov sp, x1", "cmp wsp, #0x1f", "mov sp, x24"
    SINGLESN 0, "mov x0, sp", "sub x0, x0, x24"

    /* Move wide. */
    .irp hw, 0, 16, 32, 48
    .irp imm, 0, 1, 0x8000, 0xffff, 0x1234
    SINGLES 0, movz x0, #\imm, lsl #\hw
    SINGLES 0, movn x0, #\imm, lsl #\hw
    SINGLES 0, movk x0, #\imm, lsl #\hw
    .endr
    .endr
    .irp hw, 0, 16
    .irp imm, 0, 1, 0x8000, 0xffff, 0x1234
    SINGLES 0, movz w0, #\imm, lsl #\hw
    SINGLES 0, movn w0, #\imm, lsl #\hw
    SINGLES 0, movk w0, #\imm, lsl #\hw
    .endr
    .endr

    /* EXTR, every lsb. */
    .set lsb, 0
    .rept 64
    PAIRS 0, extr x0, x1, x2, #lsb
    .set lsb, lsb + 1
    .endr
    .set lsb, 0
    .rept 32
    PAIRS 0, extr w0, w1, w2, #lsb
    SINGLES 0, ror w0, w1, #lsb
    .set lsb, lsb + 1
    .endr
    SINGLES 0, ror x0, x1, #63

    /* Bitfield and logical-immediate aliases, on every value. */
    SINGLES 0, lsl x0, x1, #1
    SINGLES 0, lsl w0, w1, #31
    SINGLES 0, lsr x0, x1, #63
    SINGLES 0, asr w0, w1, #31
    SINGLES 0, asr x0, x1, #0
    .irp op, sxtb, sxth, uxtb, uxth
    SINGLES 0, \op w0, w1
    .endr
    SINGLES 0, sxtb x0, w1
    SINGLES 0, sxth x0, w1
    SINGLES 0, sxtw x0, w1
    SINGLES 0, ubfx x0, x1, #60, #4
    SINGLES 0, sbfx w0, w1, #4, #28
    SINGLES 0, bfi x0, x1, #3, #61
    SINGLES 0, bfxil w0, w1, #31, #1
    SINGLES 0, sbfiz x0, x1, #63, #1
    SINGLES 0, ubfiz w0, w1, #5, #3
    SINGLES 0, ands x0, x1, #0xff
    SINGLES 0, tst w1, #0x80000000
    SINGLES 0, eor w0, w1, #0x55555555
    SINGLES 0, orr x0, x1, #0xfffffffffffffffe
    SINGLES 0, mov x0, #0x00ff00ff00ff00ff
    mov x24, sp
    SINGLESN 0, "and sp, x1, #0xfffffffffffffff0", "mov x0, sp", "mov sp, x24"
    SINGLESN 0, "orr wsp, w1, #0x3", "mov x0, sp", "mov sp, x24"
    SINGLESN 0, "eor sp, x1, #1", "mov x0, sp", "mov sp, x24"
    EPILOGUE
