/* The physical counter is not accessible at EL0 under Linux: the guest gets the signal QEMU gives it (exit status compared). */
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
    mrs x0, cntpct_el0
    EPILOGUE
