/* Every allocated logical-immediate encoding (DecodeBitMasks): ORR from ZR
 * shows the mask; AND, EOR and ANDS (with flags) apply it to a pattern.  The
 * reserved (N, imms) patterns are skipped here: they are unallocated. */
#include "common.inc"
    /* Emits the tests for one encoding if (N, imms) is allocated; sf selects X or W. */
    .macro LOGIMM sf, n, r, s
    .set lx, ((\n) << 6) | (~(\s) & 63)
    .set les, 0
    .if lx >= 64
    .set les, 64
    .elseif lx >= 32
    .set les, 32
    .elseif lx >= 16
    .set les, 16
    .elseif lx >= 8
    .set les, 8
    .elseif lx >= 4
    .set les, 4
    .elseif lx >= 2
    .set les, 2
    .endif
    .if les
    .if ((\s) & (les - 1)) != (les - 1)
    .set enc, ((\sf) << 31) | 0x12000000 | ((\n) << 22) | ((\r) << 16) | ((\s) << 10)
    .inst enc | (1 << 29) | (31 << 5)             /* orr Rd0, ZR, #imm */
    OUT x0
    .inst enc | (1 << 5)                          /* and Rd0, R1, #imm */
    OUT x0
    .inst enc | (2 << 29) | (2 << 5)              /* eor Rd0, R2, #imm */
    OUT x0
    .inst enc | (3 << 29) | (2 << 5)              /* ands Rd0, R2, #imm */
    OUT x0
    GETFLAGS
    OUT x9
    .endif
    .endif
    .endm

    PROLOGUE
    ldr x1, =0xf0e1d2c3b4a59687
    ldr x2, =0x0123456789abcdef
    .set r, 0
    .rept 64
    .set s, 0
    .rept 64
    LOGIMM 1, 1, r, s
    LOGIMM 1, 0, r, s
    LOGIMM 0, 0, r, s
    .set s, s + 1
    .endr
    .set r, r + 1
    .endr
    EPILOGUE
