/* Exception entry and return for vCPUs that run at EL1 (ir_features.el1), as the
 * translator engines need them: the hardware path gets both from the CPU itself.
 *
 * Which exceptions are vectored and which exit to the VMM (the rule rt_el1_exception
 * applies, so every engine behaves as a KVM vCPU with the MMU off does):
 *   vectored to VBAR_EL1 (also when VBAR_EL1 is 0: a table at address 0, as hardware)
 *     SVC, BRK, undefined instructions (UDF exit), alignment faults (ALIGN exit), and
 *     at EL0 the instructions that are undefined there: HVC, SMC, an unmodelled
 *     system register (SYSREG exit);
 *   left to the VMM (false)
 *     HVC, SMC and SYSREG at EL1, HLT (semihosting or a debugger), WFI/WFE, data and
 *     instruction aborts (FAULT, IFETCH: with the MMU off they are accesses outside RAM,
 *     that is MMIO, which KVM also reports to userspace), ERET (rt_el1_eret), SYNC,
 *     BUDGET.  A VMM that wants the guest to see an abort calls rt_el1_abort.
 *
 * Not modelled by the translators (a guest that relies on them behaves differently than on
 * hardware): the traps CPACR_EL1.FPEN, CNTKCTL_EL1 and SCTLR_EL1.UMA/UCT/UCI/nTWI/nTWE set
 * up (FP, the counter, DAIF, cache maintenance and WFI simply work at EL0); MMU-off memory
 * being Device memory (unaligned accesses and DC ZVA do not fault); SCTLR_EL1.A/SA alignment
 * checks; PSTATE.SS/PAN/UAO; interrupts, which only the VMM raises (rt_el1_interrupt). */
#ifndef ZARM_RT_EL1_H
#define ZARM_RT_EL1_H

#include <stdbool.h>
#include <stdint.h>

#include "zarm/cpu.h"

/* ESR_EL1 exception classes (Arm ARM D17.2.37, Linux arch/arm64/include/asm/esr.h). */
enum {
    RT_EC_UNKNOWN = 0x00,
    RT_EC_ILLEGAL = 0x0e, /* illegal execution state (an illegal ERET) */
    RT_EC_SVC64 = 0x15,
    RT_EC_IABT_LOW = 0x20,
    RT_EC_IABT_CUR = 0x21,
    RT_EC_DABT_LOW = 0x24,
    RT_EC_DABT_CUR = 0x25,
    RT_EC_BRK64 = 0x3c,
};
#define RT_ESR_IL (1u << 25) /* a 32-bit instruction */
#define RT_ESR(ec, iss) ((uint32_t)(ec) << 26 | RT_ESR_IL | ((uint32_t)(iss)&0x1ffffff))

/* Takes the exception an engine exit (enum ir_exit, exit_info) stands for to EL1:
 * ELR_EL1 = the preferred return address (the pc the exit left: after an SVC, at the
 * instruction otherwise), SPSR_EL1 = PSTATE, ESR_EL1 (and FAR_EL1 for an alignment
 * fault), PSTATE = EL1h with D, A, I, F masked (NZCV kept), SP = SP_EL1, pc = VBAR_EL1 +
 * 0x000 (from EL1t), 0x200 (from EL1h) or 0x400 (from EL0).  Returns false, changing
 * nothing, for the exits the VMM handles (see the rule above). */
bool rt_el1_exception(struct zarm_cpu *cpu, uint32_t exit_reason, uint64_t exit_info);

/* Takes a synchronous exception with syndrome esr and return address elr to EL1 (what
 * rt_el1_exception does once it has the syndrome). */
void rt_el1_take(struct zarm_cpu *cpu, uint32_t esr, uint64_t elr);

/* Makes the guest see an external abort at addr: an instruction abort (ifetch, at the pc)
 * or a data abort by the instruction at the pc (write: WnR).  FAR_EL1 = addr. */
void rt_el1_abort(struct zarm_cpu *cpu, bool ifetch, bool write, uint64_t addr);

/* Takes an IRQ (fiq false) or FIQ to EL1 if PSTATE does not mask it: ELR_EL1 = the pc
 * (the next instruction to run), vector offset + 0x80 (IRQ) or + 0x100 (FIQ).  Returns
 * false if masked. */
bool rt_el1_interrupt(struct zarm_cpu *cpu, bool fiq);

/* ERET: PSTATE = SPSR_EL1 (NZCV, DAIF, M[3:0]), pc = ELR_EL1, the stack pointer of the new
 * mode becomes current, the local exclusive monitor opens.  An illegal return (to
 * AArch32, to EL2/EL3, or to EL0 with SPSel set) keeps the mode and takes an illegal
 * execution state exception at ELR_EL1. */
void rt_el1_eret(struct zarm_cpu *cpu);

#endif
