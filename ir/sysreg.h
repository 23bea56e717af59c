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

/* Whether EL0 may read / write the register (NZCV included; the caller
 * handles NZCV itself since helpers do not touch it). */
bool ir_sysreg_readable(uint32_t enc);
bool ir_sysreg_writable(uint32_t enc);

#endif
