/* EL1 exception entry and return for the translator engines (el1.h).  Facts: Arm ARM
 * D1.10 (exception entry, vector offsets), D17.2.37 (ESR_EL1), C5.2.19 (SPSR_EL1). */
#include "el1.h"

#include "ir/ir.h"

#define DFSC_EXTERNAL 0x10 /* synchronous external abort, not on a table walk */
#define DFSC_ALIGNMENT 0x21
#define ISS_WNR (1u << 6)
#define PSTATE_IL (1u << 20)
#define PSTATE_NRW (1u << 4) /* M[4]: 1 = AArch32 */
/* The PSTATE fields an EL1 vCPU keeps: NZCV, DAIF, M[3:0]. */
#define PSTATE_KEPT (ZARM_PSTATE_NZCV_MASK | ZARM_PSTATE_DAIF_MASK | 0xfu)

/* Makes SP_EL1 the current SP (entry to EL1h), banking the one in use. */
static void use_sp_el1(struct zarm_cpu *cpu)
{
    if (zarm_cpu_sp_is_el1(cpu))
        return;
    cpu->sp_el0 = cpu->sp;
    cpu->sp = cpu->sp_el1;
}

/* Enters EL1h at VBAR_EL1 + the offset for the current mode + kind (0 synchronous, 0x80
 * IRQ, 0x100 FIQ). */
static void enter(struct zarm_cpu *cpu, uint64_t elr, unsigned kind)
{
    unsigned from = zarm_cpu_el(cpu) == 0 ? 0x400 : (cpu->pstate & ZARM_PSTATE_SP) ? 0x200 : 0;
    cpu->spsr[0] = cpu->pstate & 0xffffffffu;
    cpu->elr_el1 = elr;
    use_sp_el1(cpu);
    cpu->pstate =
        (cpu->pstate & ZARM_PSTATE_NZCV_MASK) | ZARM_PSTATE_DAIF_MASK | ZARM_PSTATE_M_EL1H;
    /* VBAR_EL1 bits 10:0 are RES0. */
    cpu->pc = (cpu->vbar_el1 & ~0x7ffull) + from + kind;
}

void rt_el1_take(struct zarm_cpu *cpu, uint32_t esr, uint64_t elr)
{
    cpu->esr_el1 = esr;
    enter(cpu, elr, 0);
}

void rt_el1_abort(struct zarm_cpu *cpu, bool ifetch, bool write, uint64_t addr)
{
    bool lower = zarm_cpu_el(cpu) == 0;
    unsigned ec = ifetch ? (lower ? RT_EC_IABT_LOW : RT_EC_IABT_CUR)
                         : (lower ? RT_EC_DABT_LOW : RT_EC_DABT_CUR);
    cpu->far_el1 = addr;
    rt_el1_take(cpu, RT_ESR(ec, DFSC_EXTERNAL | (!ifetch && write ? ISS_WNR : 0)), cpu->pc);
}

bool rt_el1_exception(struct zarm_cpu *cpu, uint32_t exit_reason, uint64_t exit_info)
{
    bool el0 = zarm_cpu_el(cpu) == 0;
    switch (exit_reason) {
    case IR_EXIT_SVC:
        rt_el1_take(cpu, RT_ESR(RT_EC_SVC64, exit_info & 0xffff), cpu->pc);
        return true;
    case IR_EXIT_BRK:
        rt_el1_take(cpu, RT_ESR(RT_EC_BRK64, exit_info & 0xffff), cpu->pc);
        return true;
    case IR_EXIT_HVC:
    case IR_EXIT_SMC:
    case IR_EXIT_SYSREG:
        /* The VMM's at EL1; undefined at EL0. */
        if (!el0)
            return false;
        /* fall through */
    case IR_EXIT_UDF:
        rt_el1_take(cpu, RT_ESR(RT_EC_UNKNOWN, 0), cpu->pc);
        return true;
    case IR_EXIT_ALIGN:
        cpu->far_el1 = exit_info;
        rt_el1_take(cpu, RT_ESR(el0 ? RT_EC_DABT_LOW : RT_EC_DABT_CUR, DFSC_ALIGNMENT), cpu->pc);
        return true;
    default:
        return false;
    }
}

bool rt_el1_interrupt(struct zarm_cpu *cpu, bool fiq)
{
    /* PSTATE.I is bit 7, F bit 6. */
    if (cpu->pstate & (fiq ? 1u << 6 : 1u << 7))
        return false;
    enter(cpu, cpu->pc, fiq ? 0x100 : 0x80);
    return true;
}

void rt_el1_eret(struct zarm_cpu *cpu)
{
    uint64_t spsr = cpu->spsr[0];
    unsigned m = spsr & 0xf;
    /* Legal targets from EL1: EL0t (0b0000), EL1t (0b0100), EL1h (0b0101), AArch64. */
    bool legal = !(spsr & PSTATE_NRW) && (m == 0 || m == 4 || m == 5);
    if (zarm_cpu_sp_is_el1(cpu))
        cpu->sp_el1 = cpu->sp;
    else
        cpu->sp_el0 = cpu->sp;
    cpu->excl_size = 0;
    cpu->pc = cpu->elr_el1;
    if (!legal) {
        /* The mode stays; the instruction at ELR_EL1 then runs with PSTATE.IL set, which
         * is an illegal execution state exception. */
        cpu->pstate = (spsr & (PSTATE_KEPT & ~0xfu)) | (cpu->pstate & 0xf) | PSTATE_IL;
        rt_el1_take(cpu, RT_ESR(RT_EC_ILLEGAL, 0), cpu->pc);
        return;
    }
    cpu->pstate = spsr & PSTATE_KEPT;
    cpu->sp = zarm_cpu_sp_is_el1(cpu) ? cpu->sp_el1 : cpu->sp_el0;
}
