/* Bare-metal guest code for tests/vm (vmtest.c): one scenario per entry of the table at the
 * start (linked at RAM 0x40000000), then the addresses of flag, var and func.  Each scenario ends with HVC #0; the device window is at
 * 0x09000000 (no memory there: every access is MMIO), echoes go to DEV + 0x800. */
    .set DEV, 0x09000000
/* The end of a scenario: a write to DEV + 0xff8, an MMIO exit on every engine (an HVC would be
 * KVM's own PSCI call on the hardware). */
    .macro done
    movz    x28, #0x0900, lsl #16
    str     xzr, [x28, #0xff8]
    .endm
    .text
    .globl _start
_start:
    .quad mmio_test, exc_test, budget_test, kick_test, inval_test, hook_test, watch_test
    .quad fault_test, el1_test, sysreg_test, fault2_test, signed_test
    .quad flag, var, func

/* Every MMIO form: each load's register is echoed by an 8-byte store to x20. */
mmio_test:
    movz    x0, #0x0900, lsl #16
    add     x20, x0, #0x800
    ldrb    w1, [x0, #1]
    str     x1, [x20]
    ldrh    w2, [x0, #2]
    str     x2, [x20]
    ldr     w3, [x0, #4]
    str     x3, [x20]
    ldr     x4, [x0, #8]
    str     x4, [x20]
    ldur    w10, [x0, #-4]
    str     x10, [x20]
    mov     x11, #0x20
    ldr     x12, [x0, x11]
    str     x12, [x20]
    mov     w13, #0x5
    ldr     w14, [x0, w13, uxtw #2]
    str     x14, [x20]
    add     x21, x0, #0x30
    ldar    x15, [x21]
    str     x15, [x20]
    ldarh   w16, [x21]
    str     x16, [x20]
    ldrh    w17, [x0, #0x3e]
    str     x17, [x20]
    mov     x18, sp
    mov     sp, x0
    ldr     x19, [sp, #0x48]
    mov     sp, x18
    str     x19, [x20]
    movz    x1, #0xa1a2
    movk    x1, #0xa3a4, lsl #16
    movk    x1, #0xa5a6, lsl #32
    movk    x1, #0xa7a8, lsl #48
    strb    w1, [x0, #0x40]
    strh    w1, [x0, #0x42]
    str     w1, [x0, #0x44]
    str     x1, [x0, #0x48]
    stur    x1, [x0, #-8]
    str     xzr, [x0, #0x50]
    stlrb   w1, [x21]
    done

/* Sign-extending loads (the translators; see vmtest.c for the hardware engine). */
signed_test:
    movz    x0, #0x0900, lsl #16
    add     x20, x0, #0x800
    ldrsb   x5, [x0, #0x11]
    str     x5, [x20]
    ldrsb   w6, [x0, #0x12]
    str     x6, [x20]
    ldrsh   x7, [x0, #0x14]
    str     x7, [x20]
    ldrsh   w8, [x0, #0x16]
    str     x8, [x20]
    ldrsw   x9, [x0, #0x18]
    str     x9, [x20]
    done

/* Exception-generating instructions, each with its immediate. */
exc_test:
    svc     #0x11
    brk     #0x22
    hlt     #0x33
    udf     #0x44
    hvc     #0x55
    smc     #0x66
    hvc     #0

/* 300 loop instructions and some around them: budget exits land the same everywhere. */
budget_test:
    mov     x1, #100
    mov     x2, #0
1:  add     x2, x2, x1
    subs    x1, x1, #1
    b.ne    1b
    done

/* Spins until the VMM sets the flag (after a kick). */
kick_test:
    adr     x1, flag
1:  ldr     w2, [x1]
    cbz     w2, 1b
    done

/* Calls func, stops (the VMM rewrites func), calls it again. */
inval_test:
    mov     x27, x30
    bl      func
    mov     x19, x0
    done
    bl      func
    mov     x20, x0
    mov     x30, x27
    done
    .globl func
func:
    mov     x0, #1
    ret

/* A short loop for the instruction and block hooks. */
hook_test:
    mov     x1, #5
1:  subs    x1, x1, #1
    b.ne    1b
    mov     x3, #7
    done

/* Accesses to the watched variable: a store, a load, a pair store (size not decoded). */
watch_test:
    adr     x1, var
    movz    x2, #0x1234
    str     x2, [x1]
    ldr     x3, [x1]
    add     x4, x3, #1
    stp     x3, x4, [x1]
    ldr     x5, [x1, #8]
    done

/* Faults: a pair store and a post-indexed load to the device (no syndrome: writeback), then
 * (fault2) a jump into the device window and a store to read-only RAM at 0x40100000. */
fault_test:
    movz    x0, #0x0900, lsl #16
    mov     x1, #1
    mov     x2, #2
    stp     x1, x2, [x0]
    ldr     x3, [x0], #8
    done
fault2_test:
    movz    x0, #0x0900, lsl #16
    blr     x0
    movz    x3, #0x4010, lsl #16
    str     x1, [x3, #8]
    done

/* EL1 on its own: exceptions taken to VBAR_EL1 (the handler reports ESR_EL1 by an MMIO write
 * and returns past the instruction), system registers nobody models, WFI. */
el1_test:
    movz    x20, #0x0900, lsl #16
    add     x20, x20, #0x800
    adr     x0, vectors
    msr     vbar_el1, x0
    isb
    svc     #0x77
    brk     #0x78
    udf     #0x79
    mrs     x9, currentel
    done
sysreg_test:
    mrs     x13, s3_0_c15_c2_0
    msr     s3_0_c15_c2_1, x13
    wfi
    done

    .balign 2048
vectors:
    .skip   0x200
    /* Synchronous exception from EL1h. */
    mrs     x10, esr_el1
    str     x10, [x20]
    mrs     x11, elr_el1
    lsr     x12, x10, #26
    cmp     x12, #0x15
    b.eq    1f
    add     x11, x11, #4
    msr     elr_el1, x11
1:  eret

    .data
    .balign 4096
    .globl flag
flag:
    .word   0
    .balign 4096
    .globl var
var:
    .quad   0, 0
    .balign 4096
