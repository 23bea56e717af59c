/* System instructions at EL0: the hint space, barriers, CLREX, TPIDR_EL0,
 * NZCV, FPCR/FPSR, DCZID_EL0 and DC ZVA, the other DC operations, counters
 * and the Linux-emulated ID registers (read, values not compared). */
#include "common.inc"
    PROLOGUE
    /* Every HINT; x16, x17 and x30 are changed by QEMU's PAC, so saved. */
    mov x21, x30
    .set i, 0
    .rept 128
    .inst 0xd503201f | (i << 5)
    .set i, i + 1
    .endr
    mov x30, x21
    mov x0, #1
    OUT x0
    dmb ish
    dmb ishld
    dmb oshst
    dmb sy
    dsb ish
    dsb sy
    dsb nsh
    isb
    ssbb
    pssbb
    clrex
    clrex #5
    mov x0, #2
    OUT x0
    /* TPIDR_EL0. */
    mrs x22, tpidr_el0
    ldr x0, =0x0123456789abcdef
    msr tpidr_el0, x0
    mrs x1, tpidr_el0
    OUT x1
    msr tpidr_el0, xzr
    mrs x1, tpidr_el0
    OUT x1
    msr tpidr_el0, x22
    mrs x1, tpidrro_el0
    OUT x1
    /* NZCV: only bits 31:28 exist. */
    mov x0, #-1
    msr nzcv, x0
    mrs x1, nzcv
    OUT x1
    cset x1, vs
    OUT x1
    mov x0, #0x60000000
    msr nzcv, x0
    mrs x1, nzcv
    OUT x1
    b.eq 1f
    mov x1, #0
    OUT x1
1:  msr nzcv, xzr
    mrs x1, nzcv
    OUT x1
    /* FPCR / FPSR: the bits both QEMU and zarm keep (AHP, DN, FZ, RMode;
     * QC and the cumulative flags). */
    ldr x0, =0x07c00000
    msr fpcr, x0
    mrs x1, fpcr
    OUT x1
    msr fpcr, xzr
    mrs x1, fpcr
    OUT x1
    ldr x0, =0x0800009f
    msr fpsr, x0
    mrs x1, fpsr
    OUT x1
    msr fpsr, xzr
    mrs x1, fpsr
    OUT x1
    /* DC ZVA zeroes exactly the DCZID_EL0-sized aligned block holding the
     * address (QEMU's block size differs from zarm's, so the check is
     * computed here): x3 = block bytes; count the zero bytes of zbuf. */
    mrs x1, dczid_el0
    and x1, x1, #0xf
    mov x3, #4
    lsl x3, x3, x1
    adrp x4, zbuf
    add x4, x4, :lo12:zbuf
    add x0, x4, #1024
    add x0, x0, #100
    dc zva, x0
    mov x5, #0
    mov x6, #0
3:  ldrb w7, [x4, x6]
    cmp w7, #0
    cinc x5, x5, eq
    add x6, x6, #1
    cmp x6, #4096
    b.ne 3b
    cmp x5, x3
    cset x0, eq
    OUT x0
    dc cvau, x19
    dc cvac, x19
    dc civac, x19
    ic ivau, x19
    dsb ish
    isb
    /* CTR_EL0: RES1 bit 31. */
    mrs x1, ctr_el0
    lsr x2, x1, #31
    OUT x2
    /* The counter moves forward; the frequency is not zero. */
    mrs x1, cntvct_el0
    mov x3, #2000
2:  subs x3, x3, #1
    b.ne 2b
    mrs x2, cntvct_el0
    cmp x2, x1
    cset x0, hs
    OUT x0
    mrs x1, cntfrq_el0
    cmp x1, #0
    cset x0, ne
    OUT x0
    /* Linux emulates the ID space: reads do not trap. */
    mrs x1, midr_el1
    mrs x1, mpidr_el1
    mrs x1, revidr_el1
    mrs x1, id_aa64pfr0_el1
    mrs x1, id_aa64pfr1_el1
    mrs x1, id_aa64dfr0_el1
    mrs x1, id_aa64isar0_el1
    mrs x1, id_aa64isar1_el1
    mrs x1, id_aa64mmfr0_el1
    mrs x1, id_aa64mmfr1_el1
    mrs x1, id_aa64mmfr2_el1
    mrs x1, s3_0_c0_c4_4   /* ID_AA64ZFR0_EL1 */
    mov x0, #3
    OUT x0
    /* Fields both QEMU's max CPU and zarm report. */
    mrs x1, id_aa64isar0_el1
    ubfx x2, x1, #16, #4   /* CRC32 */
    OUT x2
    ubfx x2, x1, #20, #4   /* Atomic */
    OUT x2
    mrs x1, id_aa64pfr0_el1
    ubfx x2, x1, #0, #4    /* EL0 */
    OUT x2
    EPILOGUE
    .data
    .balign 4096
zbuf:
    .fill 4096, 1, 0x5a
