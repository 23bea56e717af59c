/* The EL1 runtime zarm places in guest memory for the hardware path (hwassist/kvm_vm.c).
 *
 * The host sets only core registers: PC = kvm_stub_boot, PSTATE = EL1h with DAIF masked and
 * X0 = the frame (struct layout below, mirrored in hwassist/kvm_frame.h).  The boot code
 * programs the EL1 system registers from values the host left in the frame -- so nothing but
 * core registers crosses the KVM API, which is all IBM's s390 series offers -- and ERETs to
 * EL0 through the restore path.
 *
 * Every exception from EL0 goes through one path: save x0-x30, SP_EL0, ELR, SPSR, ESR, FAR and
 * TPIDR_EL0 in the frame (SP_EL1 points at it), ring the doorbell (one exit to the host, which
 * reads and rewrites the frame directly in guest memory), act on the command the host left in
 * the frame, restore and ERET.  The doorbell is a load from an IPA outside every memory slot
 * (KVM_EXIT_MMIO; a plain LDR has a valid syndrome) or, where the host enabled KVM's SMCCC
 * filter, an HVC that exits as KVM_EXIT_HYPERCALL; the host patches the one instruction.
 *
 * The stub touches no ID, cache-type or implementation-defined register and never issues SMC.
 * Regenerate hwassist/kvm_stub_code.c with hwassist/gen-stub.sh after editing. */

    .equ F_X2, 16
    .equ F_X30, 240         /* x30, then SP_EL0 */
    .equ F_ELR, 256         /* ELR_EL1, then SPSR_EL1 */
    .equ F_ESR, 272         /* ESR_EL1, then FAR_EL1 */
    .equ F_TPIDR, 288       /* TPIDR_EL0, then the vector that was taken */
    .equ F_DOORBELL, 304    /* doorbell address, or the SMCCC function id */
    .equ F_CMD, 312         /* the host's command for the way back (CMD_*) */
    .equ F_MAIR, 320        /* MAIR_EL1, TCR_EL1 */
    .equ F_TTBR0, 336       /* TTBR0_EL1, VBAR_EL1 */
    .equ F_SCTLR, 352       /* SCTLR_EL1, CPACR_EL1 */

    .equ CMD_TLBI, 0        /* bit: the host edited the stage-1 tables */
    .equ CMD_OFF, 1         /* bit: power the machine off (PSCI SYSTEM_OFF) */

    .text
    .globl kvm_stub_boot
kvm_stub_boot:
    mov x1, x0
    mov sp, x1
    ldp x2, x3, [sp, #F_MAIR]
    msr mair_el1, x2
    msr tcr_el1, x3
    ldp x2, x3, [sp, #F_TTBR0]
    msr ttbr0_el1, x2
    msr vbar_el1, x3
    ldp x2, x3, [sp, #F_SCTLR]
    msr cpacr_el1, x3
    /* Linux keeps TPIDRRO_EL0 zero for AArch64 tasks; its reset value is UNKNOWN. */
    msr tpidrro_el0, xzr
    isb
    /* Stale entries from before the MMU was on must not survive. */
    tlbi vmalle1
    dsb nsh
    isb
    msr sctlr_el1, x2
    isb
    b restore

    /* VBAR_EL1 needs 2 KiB alignment; each vector is 0x80 bytes.  x1 tells the host which
     * vector was taken (8 = synchronous from EL0, the only expected one). */
    .balign 2048
    .globl kvm_stub_vectors
kvm_stub_vectors:
    .irp k, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .balign 128
    stp x0, x1, [sp]
    mov x1, #\k
    b save
    .endr

save:
    stp x2, x3, [sp, #F_X2]
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp x16, x17, [sp, #128]
    stp x18, x19, [sp, #144]
    stp x20, x21, [sp, #160]
    stp x22, x23, [sp, #176]
    stp x24, x25, [sp, #192]
    stp x26, x27, [sp, #208]
    stp x28, x29, [sp, #224]
    mrs x0, sp_el0
    stp x30, x0, [sp, #F_X30]
    mrs x0, elr_el1
    mrs x2, spsr_el1
    stp x0, x2, [sp, #F_ELR]
    mrs x0, esr_el1
    mrs x2, far_el1
    stp x0, x2, [sp, #F_ESR]
    mrs x0, tpidr_el0
    stp x0, x1, [sp, #F_TPIDR]
    ldr x0, [sp, #F_DOORBELL]
    .globl kvm_stub_doorbell
kvm_stub_doorbell:
    ldr x0, [x0]            /* one exit to the host; patched to "hvc #0" for the SMCCC doorbell */
    ldr x0, [sp, #F_CMD]
    tbz x0, #CMD_TLBI, 1f
    dsb ishst
    tlbi vmalle1is          /* inner shareable: KVM may move the vCPU between host CPUs */
    dsb ish
    isb
1:  tbz x0, #CMD_OFF, restore
    movz x0, #0x0008
    movk x0, #0x8400, lsl #16   /* PSCI 0.2 SYSTEM_OFF: KVM_EXIT_SYSTEM_EVENT */
    hvc #0
    b .

restore:
    ldr x0, [sp, #F_TPIDR]
    msr tpidr_el0, x0
    ldp x0, x2, [sp, #F_ELR]
    msr elr_el1, x0
    msr spsr_el1, x2
    ldp x30, x0, [sp, #F_X30]
    msr sp_el0, x0
    ldp x2, x3, [sp, #F_X2]
    ldp x4, x5, [sp, #32]
    ldp x6, x7, [sp, #48]
    ldp x8, x9, [sp, #64]
    ldp x10, x11, [sp, #80]
    ldp x12, x13, [sp, #96]
    ldp x14, x15, [sp, #112]
    ldp x16, x17, [sp, #128]
    ldp x18, x19, [sp, #144]
    ldp x20, x21, [sp, #160]
    ldp x22, x23, [sp, #176]
    ldp x24, x25, [sp, #192]
    ldp x26, x27, [sp, #208]
    ldp x28, x29, [sp, #224]
    ldp x0, x1, [sp]
    eret
    .globl kvm_stub_end
kvm_stub_end:
