/* Data-processing (1, 2 and 3 source) and CRC32, both widths, on every value pair. */
#include "common.inc"
    PROLOGUE
    .irp op, rbit, rev16, rev, clz, cls
    SINGLES 0, \op x0, x1
    SINGLES 0, \op w0, w1
    .endr
    SINGLES 0, rev32 x0, x1
    SINGLES 0, rev x0, xzr
    SINGLESN 0, "clz x1, x1", "mov x0, x1"

    .irp op, udiv, sdiv, lslv, lsrv, asrv, rorv
    PAIRS 0, \op x0, x1, x2
    PAIRS 0, \op w0, w1, w2
    .endr
    .irp op, crc32b, crc32h, crc32w, crc32cb, crc32ch, crc32cw
    PAIRS 0, \op w0, w1, w2
    .endr
    PAIRS 0, crc32x w0, w1, x2
    PAIRS 0, crc32cx w0, w1, x2
    PAIRS 0, crc32x w0, wzr, x2
    PAIRSN 0, "crc32cb w1, w1, w2", "mov x0, x1"

    .irp op, madd, msub
    PAIRS 0, \op x0, x1, x2, x3
    PAIRS 0, \op w0, w1, w2, w3
    PAIRS 0, \op x0, x1, x2, xzr
    .endr
    .irp op, smaddl, smsubl, umaddl, umsubl
    PAIRS 0, \op x0, w1, w2, x3
    PAIRS 0, \op x0, w1, w2, xzr
    .endr
    PAIRS 0, smulh x0, x1, x2
    PAIRS 0, umulh x0, x1, x2
    PAIRSN 0, "mul x1, x1, x2", "mov x0, x1"
    EPILOGUE
