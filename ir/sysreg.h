/* System registers EL0 may reach with MRS/MSR, shared by the translator (which
 * decides at translation time what is undefined) and helper_sys.c. */
#ifndef ZARM_IR_SYSREG_H
#define ZARM_IR_SYSREG_H

#include <stdbool.h>
#include <stdint.h>

/* The 15-bit o0:op1:CRn:CRm:op2 field of MRS/MSR; op0 is 2 + o0. */
#define IR_SYSREG(op0, op1, crn, crm, op2)                                                         \
    ((uint32_t)((((op0)-2) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))

enum {
    IR_SYSREG_MIDR = IR_SYSREG(3, 0, 0, 0, 0),
    IR_SYSREG_MPIDR = IR_SYSREG(3, 0, 0, 0, 5),
    IR_SYSREG_REVIDR = IR_SYSREG(3, 0, 0, 0, 6),
    IR_SYSREG_ID_AA64PFR0 = IR_SYSREG(3, 0, 0, 4, 0),
    IR_SYSREG_ID_AA64DFR0 = IR_SYSREG(3, 0, 0, 5, 0),
    IR_SYSREG_ID_AA64ISAR0 = IR_SYSREG(3, 0, 0, 6, 0),
    IR_SYSREG_ID_AA64ISAR1 = IR_SYSREG(3, 0, 0, 6, 1),
    IR_SYSREG_CTR = IR_SYSREG(3, 3, 0, 0, 1),
    IR_SYSREG_DCZID = IR_SYSREG(3, 3, 0, 0, 7),
    IR_SYSREG_NZCV = IR_SYSREG(3, 3, 4, 2, 0),
    IR_SYSREG_FPCR = IR_SYSREG(3, 3, 4, 4, 0),
    IR_SYSREG_FPSR = IR_SYSREG(3, 3, 4, 4, 1),
    IR_SYSREG_TPIDR = IR_SYSREG(3, 3, 13, 0, 2),
    IR_SYSREG_TPIDRRO = IR_SYSREG(3, 3, 13, 0, 3),
    IR_SYSREG_CNTFRQ = IR_SYSREG(3, 3, 14, 0, 0),
    IR_SYSREG_CNTVCT = IR_SYSREG(3, 3, 14, 0, 2),
};

/* EL1 registers and PSTATE fields an EL1 translation (ir_features.el1) models; the rest of
 * the system register space exits to the runtime (IR_EXIT_SYSREG). */
enum {
    IR_SYSREG_SCTLR_EL1 = IR_SYSREG(3, 0, 1, 0, 0),
    IR_SYSREG_ACTLR_EL1 = IR_SYSREG(3, 0, 1, 0, 1),
    IR_SYSREG_CPACR_EL1 = IR_SYSREG(3, 0, 1, 0, 2),
    IR_SYSREG_TTBR0_EL1 = IR_SYSREG(3, 0, 2, 0, 0),
    IR_SYSREG_TTBR1_EL1 = IR_SYSREG(3, 0, 2, 0, 1),
    IR_SYSREG_TCR_EL1 = IR_SYSREG(3, 0, 2, 0, 2),
    IR_SYSREG_SPSR_EL1 = IR_SYSREG(3, 0, 4, 0, 0),
    IR_SYSREG_ELR_EL1 = IR_SYSREG(3, 0, 4, 0, 1),
    IR_SYSREG_SP_EL0 = IR_SYSREG(3, 0, 4, 1, 0),
    IR_SYSREG_SPSEL = IR_SYSREG(3, 0, 4, 2, 0),
    IR_SYSREG_CURRENTEL = IR_SYSREG(3, 0, 4, 2, 2),
    IR_SYSREG_DAIF = IR_SYSREG(3, 3, 4, 2, 1),
    IR_SYSREG_AFSR0_EL1 = IR_SYSREG(3, 0, 5, 1, 0),
    IR_SYSREG_AFSR1_EL1 = IR_SYSREG(3, 0, 5, 1, 1),
    IR_SYSREG_ESR_EL1 = IR_SYSREG(3, 0, 5, 2, 0),
    IR_SYSREG_FAR_EL1 = IR_SYSREG(3, 0, 6, 0, 0),
    IR_SYSREG_PAR_EL1 = IR_SYSREG(3, 0, 7, 4, 0),
    IR_SYSREG_MAIR_EL1 = IR_SYSREG(3, 0, 10, 2, 0),
    IR_SYSREG_AMAIR_EL1 = IR_SYSREG(3, 0, 10, 3, 0),
    IR_SYSREG_VBAR_EL1 = IR_SYSREG(3, 0, 12, 0, 0),
    IR_SYSREG_CONTEXTIDR_EL1 = IR_SYSREG(3, 0, 13, 0, 1),
    IR_SYSREG_TPIDR_EL1 = IR_SYSREG(3, 0, 13, 0, 4),
    IR_SYSREG_CNTKCTL_EL1 = IR_SYSREG(3, 0, 14, 1, 0),
    IR_SYSREG_CSSELR_EL1 = IR_SYSREG(3, 2, 0, 0, 0),
    IR_SYSREG_MDSCR_EL1 = IR_SYSREG(2, 0, 0, 2, 2),
};

/* The 16-bit op0:op1:CRn:CRm:op2 encoding of IR_EXIT_SYSREG (MRS/MSR: op0 = 2 + o0). */
#define IR_SYSREG16(sysreg15) ((uint32_t)(sysreg15) | 0x8000u)

/* What helper_el1_sys does (its first argument). */
enum {
    IR_EL1_PRIV,    /* nothing beyond the EL check: ERET, TLBI, DC by set/way, IC IALLU */
    IR_EL1_DAIFSET, /* MSR DAIFSet, #imm: b = imm */
    IR_EL1_DAIFCLR, /* MSR DAIFClr, #imm */
    IR_EL1_AT,      /* AT S1E1R/W, S1E0R/W: b = the virtual address */
};

/* Whether an EL1 translation reads / writes the register with helper_el1_mrs/_msr
 * (SPSel is written through helper_el1_spsel). */
bool ir_sysreg_el1_modelled(uint32_t enc, bool is_write);

/* Whether EL0 may read / write the register (NZCV included; the caller
 * handles NZCV itself since helpers do not touch it). */
bool ir_sysreg_readable(uint32_t enc);
bool ir_sysreg_writable(uint32_t enc);

#endif
