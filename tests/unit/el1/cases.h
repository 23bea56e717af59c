/* The EL1 test cases, shared by the Criterion tests (tests/unit/el1.c, interpreter) and the
 * plain ctest executable (tests/unit/el1/main.c: interpreter and, on s390x, the JIT).
 * Each case runs code.S on a fresh rig (rig.h).  The includer defines
 *   EL1_EQ(actual, expected)  a failed comparison ends the case (it returns);
 * expected values are the architecture's (Arm ARM), the program's own constants and
 * the registers the case set up. */
#ifndef ZARM_TEST_EL1_CASES_H
#define ZARM_TEST_EL1_CASES_H

#include "ir/sysreg.h"
#include "rig.h"

#define ENC16(op0, op1, crn, crm, op2) ((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))
#define LOG_ADDR 0xc000u
#define ESR(ec, iss) ((uint64_t)(ec) << 26 | 1u << 25 | (iss))

/* Exception number i the vectors logged: ESR, ELR, SPSR, vector offset. */
static uint64_t logged(struct el1_rig *r, unsigned i, unsigned field)
{
    return ld_le64(r->mem + LOG_ADDR + 32 * i + 8 * field);
}

#define LOG_EQ(i, esr, elr, spsr, off)                                                             \
    do {                                                                                           \
        EL1_EQ(logged(r, i, 0), esr);                                                              \
        EL1_EQ(logged(r, i, 1), elr);                                                              \
        EL1_EQ(logged(r, i, 2), spsr);                                                             \
        EL1_EQ(logged(r, i, 3), off);                                                              \
    } while (0)

/* MSR then MRS of every modelled register; CurrentEL, SPSel, DAIF, MIDR. */
static void el1_case_sysregs(struct el1_rig *r, el1_engine_fn engine)
{
    el1_rig_init(r, engine, EL1_SYSREGS);
    struct zarm_cpu *c = &r->env->cpu;
    for (unsigned i = 0; i < 16; i++)
        c->x[i] = 0x0123456789abc000ull ^ (i * 0x1111111111111111ull);
    uint64_t v[16];
    memcpy(v, c->x, sizeof v);
    c->mpidr_el1 = 0x80000103;
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    EL1_EQ(r->env->exit_info, 1);
    EL1_EQ(c->pc, EL1_SYSREGS + 37 * 4);
    for (unsigned i = 0; i < 15; i++)
        EL1_EQ(c->x[16 + i], v[i]);
    EL1_EQ(c->x[0], v[15]);
    EL1_EQ(c->x[1], 4);     /* CurrentEL: EL1 in bits 3:2 */
    EL1_EQ(c->x[2], 1);     /* SPSel */
    EL1_EQ(c->x[3], 0x3c0); /* DAIF as out of reset */
    EL1_EQ(c->x[4], 0x411fd050);
    EL1_EQ(c->x[5], 0x80000103); /* the VMM's MPIDR_EL1 */
    EL1_EQ(c->vbar_el1, v[0]);
    EL1_EQ(c->sctlr_el1, v[1]);
    EL1_EQ(c->tpidr_el1, v[2]);
    EL1_EQ(c->esr_el1, v[3]);
    EL1_EQ(c->far_el1, v[4]);
    EL1_EQ(c->elr_el1, v[5]);
    EL1_EQ(c->spsr[0], v[6]);
    EL1_EQ(c->mair_el1, v[7]);
    EL1_EQ(c->tcr_el1, v[8]);
    EL1_EQ(c->ttbr0_el1, v[9]);
    EL1_EQ(c->ttbr1_el1, v[10]);
    EL1_EQ(c->contextidr_el1, v[11]);
    EL1_EQ(c->cpacr_el1, v[12]);
    EL1_EQ(c->cntkctl_el1, v[13]);
    EL1_EQ(c->mdscr_el1, v[14]);
    EL1_EQ(c->tpidrro_el0, v[15]);
}

/* ERET to EL0; SVC to VBAR + 0x400 and back; at EL0, MRS VBAR_EL1, an unmodelled MSR, ERET
 * and MSR DAIFSet are undefined (EC 0); BRK; the stacks switch with the mode. */
static void el1_case_el0(struct el1_rig *r, el1_engine_fn engine)
{
    el1_rig_init(r, engine, EL1_TO_EL0);
    struct zarm_cpu *c = &r->env->cpu;
    c->sp = 0x9000; /* SP_EL1, current at EL1h */
    c->x[1] = 0x7000;
    c->x[7] = 0x77;
    c->x[29] = LOG_ADDR;
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    EL1_EQ(r->env->exit_info, 9);
    EL1_EQ(c->x[5], 0x7000);
    EL1_EQ(c->x[6], 0xa0000000);
    EL1_EQ(c->x[7], 0x77);
    EL1_EQ(c->x[26], 7);
    EL1_EQ(c->x[23], 0x9000);
    EL1_EQ(r->erets, 7);
    uint64_t el0 = EL1_EL0_CODE, spsr = 0xa0000000;
    LOG_EQ(0, ESR(0x15, 0x42), el0 + 12, spsr, 0x400);
    LOG_EQ(1, ESR(0, 0), el0 + 12, spsr, 0x400);
    LOG_EQ(2, ESR(0x3c, 0x33), el0 + 16, spsr, 0x400);
    LOG_EQ(3, ESR(0, 0), el0 + 20, spsr, 0x400);
    LOG_EQ(4, ESR(0, 0), el0 + 24, spsr, 0x400);
    LOG_EQ(5, ESR(0, 0), el0 + 28, spsr, 0x400);
    LOG_EQ(6, ESR(0x15, 0xfff), el0 + 36, spsr, 0x400);
    /* At EL1h in the handler: SP_EL0 banked, DAIF masked. */
    EL1_EQ(c->pstate & 0x3cf, 0x3c5);
    EL1_EQ(c->sp, 0x9000);
    EL1_EQ(c->sp_el0, 0x7000);
    uint64_t sp0, sp1;
    zarm_cpu_get_kvm_sp(c, &sp0, &sp1);
    EL1_EQ(sp0, 0x7000);
    EL1_EQ(sp1, 0x9000);
}

/* ERET to EL1t: SP_EL0 is the SP; MRS SP_EL0 is undefined there; SVC from EL1t goes to
 * VBAR + 0x000, from EL1h (after MSR SPSel, #1) to VBAR + 0x200. */
static void el1_case_el1t(struct el1_rig *r, el1_engine_fn engine)
{
    el1_rig_init(r, engine, EL1_TO_EL1T);
    struct zarm_cpu *c = &r->env->cpu;
    c->sp = 0x9000;
    c->sp_el0 = 0x5000;
    c->x[4] = 0x44;
    c->x[29] = LOG_ADDR;
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    EL1_EQ(r->env->exit_info, 9);
    EL1_EQ(c->x[1], 4);
    EL1_EQ(c->x[2], 0);
    EL1_EQ(c->x[3], 0x5000);
    EL1_EQ(c->x[4], 0x44);
    EL1_EQ(c->x[23], 0x9000);
    uint64_t t = EL1_EL1T_CODE;
    LOG_EQ(0, ESR(0, 0), t + 12, 0x3c4, 0x000);
    LOG_EQ(1, ESR(0x15, 0x10), t + 20, 0x3c4, 0x000);
    LOG_EQ(2, ESR(0x15, 0x11), t + 28, 0x3c5, 0x200);
    LOG_EQ(3, ESR(0x15, 0xfff), t + 32, 0x3c5, 0x200);
    EL1_EQ(c->x[26], 4);
}

/* SPSel banking: MSR SPSel (immediate and register), MRS/MSR SP_EL0 at EL1h. */
static void el1_case_spsel(struct el1_rig *r, el1_engine_fn engine)
{
    el1_rig_init(r, engine, EL1_SPSEL);
    struct zarm_cpu *c = &r->env->cpu;
    c->sp = 0x1111;
    c->sp_el0 = 0x2222;
    c->x[9] = 0x3333;
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    EL1_EQ(r->env->exit_info, 2);
    static const uint64_t want[8] = {0x1111, 0x2222, 0, 0x1111, 0x2222, 0x3333, 0x3333, 0x1111};
    for (unsigned i = 0; i < 8; i++)
        EL1_EQ(c->x[i], want[i]);
    EL1_EQ(c->pstate & ZARM_PSTATE_SP, 1);
    EL1_EQ(c->sp, 0x1111);
    EL1_EQ(c->sp_el0, 0x3333);
}

/* MSR DAIFSet/DAIFClr, MSR/MRS DAIF. */
static void el1_case_daif(struct el1_rig *r, el1_engine_fn engine)
{
    el1_rig_init(r, engine, EL1_DAIF);
    struct zarm_cpu *c = &r->env->cpu;
    c->pstate = ZARM_PSTATE_M_EL1H;
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    EL1_EQ(r->env->exit_info, 3);
    EL1_EQ(c->x[0], 0x3c0);
    EL1_EQ(c->x[1], 0x340);
    EL1_EQ(c->x[2], 0x100);
    EL1_EQ(c->pstate & 0x3cf, 0x105);
}

/* Unmodelled MRS, MSR and SYS at EL1 exit with the encoding, Rt and the direction; the VMM
 * completes them. */
static void el1_case_unmodelled(struct el1_rig *r, el1_engine_fn engine)
{
    el1_rig_init(r, engine, EL1_UNMODELLED_READ);
    struct zarm_cpu *c = &r->env->cpu;
    EL1_EQ(el1_run(r), IR_EXIT_SYSREG);
    EL1_EQ(r->env->exit_info, ENC16(3, 3, 14, 3, 1) | 3 << 16);
    EL1_EQ(c->pc, EL1_UNMODELLED_READ);
    c->x[3] = 5;
    el1_skip(r);
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    EL1_EQ(r->env->exit_info, 4);
    EL1_EQ(c->x[3], 5);
    el1_skip(r);
    EL1_EQ(el1_run(r), IR_EXIT_SYSREG);
    EL1_EQ(r->env->exit_info, ENC16(2, 0, 1, 3, 4) | 4 << 16 | 1 << 21);
    EL1_EQ(c->pc, EL1_UNMODELLED_WRITE);
    el1_skip(r);
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    el1_skip(r);
    EL1_EQ(el1_run(r), IR_EXIT_SYSREG);
    EL1_EQ(r->env->exit_info, ENC16(1, 0, 7, 9, 0) | 6 << 16 | 1 << 21);
    EL1_EQ(c->pc, EL1_UNMODELLED_SYS);
}

/* WFI and WFE exit at themselves (the VMM steps over); IC IALLU asks for a full
 * invalidation; TLBI and DC ISW do nothing; AT S1E1R gives the flat translation in PAR_EL1. */
static void el1_case_waits(struct el1_rig *r, el1_engine_fn engine)
{
    el1_rig_init(r, engine, EL1_WAITS);
    struct zarm_cpu *c = &r->env->cpu;
    c->x[1] = 0x12345678;
    EL1_EQ(el1_run(r), IR_EXIT_WFI);
    EL1_EQ(r->env->exit_info, 0);
    EL1_EQ(c->pc, EL1_WAITS);
    el1_skip(r);
    EL1_EQ(el1_run(r), IR_EXIT_WFI);
    EL1_EQ(r->env->exit_info, 1);
    EL1_EQ(c->pc, EL1_WAITS + 4);
    el1_skip(r);
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    EL1_EQ(r->env->exit_info, 7);
    EL1_EQ(r->syncs, 1);
    EL1_EQ(r->sync_info, IR_SYNC_ALL);
    EL1_EQ(c->x[2], 0x12345000 | 2 << 7);
    EL1_EQ(c->par_el1, 0x12345000 | 2 << 7);
}

/* Without ir_features.el1 (user mode) the EL1 instructions stay undefined and WFI is a NOP. */
static void el1_case_user_mode(struct el1_rig *r, el1_engine_fn engine)
{
    static const uint32_t words[] = {
        0xd69f03e0, /* eret */
        0xd50342df, /* msr daifset, #2 */
        0xd538c000, /* mrs x0, vbar_el1 */
        0xd508871f, /* tlbi vmalle1 */
        0xd50041bf, /* msr spsel, #1 */
    };
    el1_rig_init(r, engine, 0x4000);
    r->feat.el1 = false;
    struct zarm_cpu *c = &r->env->cpu;
    for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++) {
        st_le32(r->mem + 0x4000 + 8 * i, words[i]);
        c->pc = 0x4000 + 8 * i;
        r->env->exit = IR_EXIT_NONE;
        EL1_EQ(r->engine(r), IR_EXIT_UDF);
        EL1_EQ(r->env->exit_info, words[i]);
        EL1_EQ(c->pc, 0x4000 + 8 * i);
    }
    st_le32(r->mem + 0x4100, 0xd503207f); /* wfi */
    st_le32(r->mem + 0x4104, 0xd4000022); /* hvc #1 */
    c->pc = 0x4100;
    r->env->exit = IR_EXIT_NONE;
    EL1_EQ(r->engine(r), IR_EXIT_HVC);
    EL1_EQ(c->pc, 0x4104);
}

/* What a VMM injects (rt_el1_interrupt, rt_el1_abort) and an illegal ERET, then the
 * handler's ERET back through the engine. */
static void el1_case_inject(struct el1_rig *r, el1_engine_fn engine)
{
    el1_rig_init(r, engine, EL1_WAITS);
    struct zarm_cpu *c = &r->env->cpu;
    c->sp = 0x9000;
    EL1_EQ(rt_el1_interrupt(c, false), false); /* I masked */
    EL1_EQ(c->pc, EL1_WAITS);
    c->pstate = ZARM_PSTATE_C | ZARM_PSTATE_M_EL1H | 1u << 6; /* F masked, I clear */
    EL1_EQ(rt_el1_interrupt(c, true), false);
    EL1_EQ(rt_el1_interrupt(c, false), true);
    EL1_EQ(c->pc, EL1_VECTORS + 0x280);
    EL1_EQ(c->elr_el1, EL1_WAITS);
    EL1_EQ(c->spsr[0], ZARM_PSTATE_C | ZARM_PSTATE_M_EL1H | 1u << 6);
    EL1_EQ(c->pstate, ZARM_PSTATE_C | 0x3c5);

    /* A data abort by a store at EL0: EC 0x24, WnR, DFSC external; SP_EL1 becomes current. */
    c->pstate = 0;
    c->pc = EL1_EL0_CODE;
    c->sp = 0x7000;
    c->sp_el1 = 0x9000;
    rt_el1_abort(c, false, true, 0x123456);
    EL1_EQ(c->esr_el1, ESR(0x24, 0x10 | 1 << 6));
    EL1_EQ(c->far_el1, 0x123456);
    EL1_EQ(c->elr_el1, EL1_EL0_CODE);
    EL1_EQ(c->pc, EL1_VECTORS + 0x400);
    EL1_EQ(c->sp, 0x9000);
    EL1_EQ(c->sp_el0, 0x7000);
    /* An instruction abort at EL1h: EC 0x21, FAR = the pc. */
    c->pc = 0x4000;
    rt_el1_abort(c, true, false, 0x4000);
    EL1_EQ(c->esr_el1, ESR(0x21, 0x10));
    EL1_EQ(c->pc, EL1_VECTORS + 0x200);

    /* ERET to EL2h is illegal: the mode stays and the illegal state exception (EC 0x0e) is
     * taken at ELR_EL1 with PSTATE.IL set in SPSR_EL1. */
    c->pstate = 0x3c5;
    c->elr_el1 = 0x4400;
    c->spsr[0] = 0x9;
    rt_el1_eret(c);
    EL1_EQ(c->esr_el1, ESR(0x0e, 0));
    EL1_EQ(c->elr_el1, 0x4400);
    EL1_EQ(c->spsr[0], 0x5 | 1u << 20);
    EL1_EQ(c->pc, EL1_VECTORS + 0x200);

    /* The handler returns to EL0 with ERET, through the engine: SP_EL0 is the SP again. */
    c->pc = EL1_TO_EL0;
    c->x[1] = 0x6000;
    c->x[29] = LOG_ADDR;
    EL1_EQ(el1_run(r), IR_EXIT_HVC);
    EL1_EQ(c->x[5], 0x6000);
    EL1_EQ(c->x[23], 0x9000);
}

#define EL1_CASES(X)                                                                               \
    X(sysregs)                                                                                     \
    X(el0)                                                                                         \
    X(el1t)                                                                                        \
    X(spsel)                                                                                       \
    X(daif)                                                                                        \
    X(unmodelled)                                                                                  \
    X(waits)                                                                                       \
    X(user_mode)                                                                                   \
    X(inject)

#endif
