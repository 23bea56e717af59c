/* Exclusives (all sizes, pairs, the acquire/release forms), CLREX, the
 * monitor's failure cases, LDAR/STLR, LDLAR/STLLR and LDAPR. */
#include "common.inc"
    .arch armv8.3-a+lse+rcpc
    PROLOGUE
    ldr x10, [x19, #8]
    .macro EXCL ld, st, r, w
    mov x21, x24
    \ld \r, [x21]
    OUT x0
    \st w3, \w, [x21]
    OUT x3
    /* No reservation: fails and leaves memory alone. */
    \st w3, \w, [x21]
    OUT x3
    /* CLREX drops the reservation. */
    \ld \r, [x21]
    clrex
    \st w3, \w, [x21]
    OUT x3
    /* A reservation elsewhere does not match. */
    \ld \r, [x21]
    add x22, x21, #64
    \st w3, \w, [x22]
    OUT x3
    .endm
    mov x0, x10
    EXCL ldxrb, stxrb, w0, w10
    EXCL ldaxrb, stlxrb, w0, w10
    EXCL ldxrh, stxrh, w0, w10
    EXCL ldaxrh, stlxrh, w0, w10
    EXCL ldxr, stxr, w0, w10
    EXCL ldaxr, stlxr, w0, w10
    EXCL ldxr, stxr, x0, x10
    EXCL ldaxr, stlxr, x0, x10
    DUMPDST
    /* Pairs. */
    ldr x11, [x19, #16]
    mov x21, x24
    ldxp w0, w1, [x21]
    OUT x0
    OUT x1
    stxp w3, w10, w11, [x21]
    OUT x3
    ldaxp w0, w1, [x21]
    OUT x0
    OUT x1
    stlxp w3, w11, w10, [x21]
    OUT x3
    add x21, x24, #16
    ldxp x0, x1, [x21]
    OUT x0
    OUT x1
    stxp w3, x10, x11, [x21]
    OUT x3
    ldaxp x0, x1, [x21]
    OUT x0
    OUT x1
    stlxp w3, x11, x10, [x21]
    OUT x3
    stxp w3, x11, x10, [x21]
    OUT x3
    ldxp x0, x1, [x21]
    add x22, x24, #32
    stxp w3, x0, x1, [x22]
    OUT x3
    /* A store by the same thread between LDXR and STXR: the value still
     * matches, so the (CAS-based) monitor lets it pass, as QEMU's does. */
    add x21, x24, #48
    ldxr x0, [x21]
    str x10, [x21, #8]
    stxr w3, x11, [x21]
    OUT x3
    DUMPDST
    /* Acquire/release and RCpc. */
    add x21, x19, #40
    ldarb w0, [x21]
    OUT x0
    ldarh w0, [x21]
    OUT x0
    ldar w0, [x21]
    OUT x0
    ldar x0, [x21]
    OUT x0
    ldlarb w0, [x21]
    OUT x0
    ldlarh w0, [x21]
    OUT x0
    ldlar w0, [x21]
    OUT x0
    ldlar x0, [x21]
    OUT x0
    ldaprb w0, [x21]
    OUT x0
    ldaprh w0, [x21]
    OUT x0
    ldapr w0, [x21]
    OUT x0
    ldapr x0, [x21]
    OUT x0
    mov x21, x24
    stlrb w10, [x21]
    add x22, x21, #8
    stlrh w10, [x22]
    add x22, x21, #16
    stlr w10, [x22]
    add x22, x21, #24
    stlr x10, [x22]
    add x22, x21, #32
    stllrb w10, [x22]
    add x22, x21, #40
    stllrh w10, [x22]
    add x22, x21, #48
    stllr w10, [x22]
    add x22, x21, #56
    stllr x10, [x22]
    mov x26, sp
    add x9, x24, #128
    mov sp, x9
    ldxr x0, [sp]
    stxr w3, x10, [sp]
    OUT x3
    stlr x11, [sp]
    ldar x0, [sp]
    OUT x0
    mov sp, x26
    DUMPDST
    EPILOGUE
