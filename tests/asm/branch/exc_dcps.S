/* DCPS1 is unallocated at EL0 (SIGILL): the guest gets the signal QEMU gives it (exit status compared). */
#include "common.inc"
    PROLOGUE
    mov x0, #7
    OUT x0
    adrp x1, out
    add x1, x1, :lo12:out
    mov x0, #1
    mov x2, #8
    mov x8, #64
    svc #0
    .inst 0xd4a00001
    EPILOGUE
