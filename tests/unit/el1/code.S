// EL1 test guest for tests/unit/el1.c and tests/unit/el1/main.c, loaded at guest address 0.
// gen.sh assembles it into code.h (the words and the labels' addresses).
    .text
    .org 0x1000
// MSR/MRS round trips of the modelled EL1 registers; x0..x15 in, read back into x16..
sysregs:
    msr vbar_el1, x0
    msr sctlr_el1, x1
    msr tpidr_el1, x2
    msr esr_el1, x3
    msr far_el1, x4
    msr elr_el1, x5
    msr spsr_el1, x6
    msr mair_el1, x7
    msr tcr_el1, x8
    msr ttbr0_el1, x9
    msr ttbr1_el1, x10
    msr contextidr_el1, x11
    msr cpacr_el1, x12
    msr cntkctl_el1, x13
    msr mdscr_el1, x14
    msr tpidrro_el0, x15
    mrs x16, vbar_el1
    mrs x17, sctlr_el1
    mrs x18, tpidr_el1
    mrs x19, esr_el1
    mrs x20, far_el1
    mrs x21, elr_el1
    mrs x22, spsr_el1
    mrs x23, mair_el1
    mrs x24, tcr_el1
    mrs x25, ttbr0_el1
    mrs x26, ttbr1_el1
    mrs x27, contextidr_el1
    mrs x28, cpacr_el1
    mrs x29, cntkctl_el1
    mrs x30, mdscr_el1
    mrs x0, tpidrro_el0
    mrs x1, currentel
    mrs x2, spsel
    mrs x3, daif
    mrs x4, midr_el1
    mrs x5, mpidr_el1
    hvc #1

    .org 0x1400
// EL1h: enter EL0 at el0_code with SP_EL0 = x1, NZCV = 0b1010.
to_el0:
    adr x0, el0_code
    msr elr_el1, x0
    mov x0, #0xa0000000
    msr spsr_el1, x0
    msr sp_el0, x1
    eret

    .org 0x1800
el0_code:
    mov x5, sp
    mrs x6, nzcv
    svc #0x42
    mrs x7, vbar_el1     // undefined at EL0, as are the next three
    brk #0x33
    msr osdlr_el1, x4    // not modelled: the SYSREG exit becomes undefined at EL0
    eret
    msr daifset, #2
    svc #0xfff           // the vectors stop here

    .org 0x2000
// SPSel banking at EL1: SP_EL1 = 0x1111 current, SP_EL0 = 0x2222 banked, x9 = new SP_EL0.
spsel:
    mov x0, sp
    msr spsel, #0
    mov x1, sp
    mrs x2, spsel
    msr spsel, #1
    mov x3, sp
    mrs x4, sp_el0
    msr sp_el0, x9
    mrs x5, sp_el0
    mov x10, #0
    msr spsel, x10
    mov x6, sp
    mov x11, #1
    msr spsel, x11
    mov x7, sp
    hvc #2

    .org 0x2400
daif:
    msr daifset, #0xf
    mrs x0, daif
    msr daifclr, #2
    mrs x1, daif
    mov x9, #0x100
    msr daif, x9
    mrs x2, daif
    hvc #3

    .org 0x2800
unmodelled_read:
    mrs x3, cntv_ctl_el0
    hvc #4
unmodelled_write:
    msr osdlr_el1, x4
    hvc #5
unmodelled_sys:
    sys #0, c7, c9, #0, x6   // AT S1E1RP (not modelled)
    hvc #6

    .org 0x2c00
waits:
    wfi
    wfe
    ic iallu
    tlbi vmalle1
    dc isw, x0
    at s1e1r, x1
    mrs x2, par_el1
    hvc #7

    .org 0x3000
// ERET to EL1t: x0 = target; then SVC from EL1t (vector 0x000), then SVC from EL1h (0x200).
to_el1t:
    adr x0, el1t_code
    msr elr_el1, x0
    mov x0, #0x3c4       // EL1t, DAIF masked
    msr spsr_el1, x0
    eret
el1t_code:
    mrs x1, currentel
    mrs x2, spsel
    mov x3, sp
    mrs x4, sp_el0       // undefined with PSTATE.SP = 0: UDF to VBAR + 0x000
    svc #0x10            // VBAR + 0x000
    msr spsel, #1
    svc #0x11            // VBAR + 0x200
    svc #0xfff

    .org 0x8000
// Vectors: x25 = the offset taken, x26 counts, x20..x24 = ESR, ELR, SPSR, SP, FAR of the
// last, and ESR, ELR, SPSR, offset logged at x29 (32 bytes each); SVC #0xfff stops with
// HVC #9; SVC returns after itself, anything else skips the instruction.
vectors:
    mov x25, #0x000
    b common
    .org 0x8200
    mov x25, #0x200
    b common
    .org 0x8400
    mov x25, #0x400
    b common
    .org 0x8800
common:
    mrs x20, esr_el1
    mrs x21, elr_el1
    mrs x22, spsr_el1
    mov x23, sp
    mrs x24, far_el1
    add x26, x26, #1
    stp x20, x21, [x29], #16
    stp x22, x25, [x29], #16
    lsr x27, x20, #26
    cmp x27, #0x15
    b.eq 1f
    add x28, x21, #4
    msr elr_el1, x28
    eret
1:  and x28, x20, #0xffff
    cmp x28, #0xfff
    b.eq 2f
    eret
2:  hvc #9
