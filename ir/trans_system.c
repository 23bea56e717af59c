/* System instructions: hints, barriers, PSTATE, cache maintenance, MRS/MSR
 * (Arm ARM C5.2), as EL0 under Linux sees them; with ir_features.el1, also as a
 * bare-metal EL1 sees them (MMU off): the EL1 registers the CPU state keeps, PSTATE
 * (DAIF, SPSel, CurrentEL), ERET, WFI, TLB and cache maintenance.  Whether the vCPU is
 * at EL0 or EL1 is decided when the code runs (helper_el1_*), so one translation serves
 * both levels.  What is not modelled exits to the runtime (IR_EXIT_SYSREG). */
#include "env.h"
#include "sysreg.h"
#include "translate.h"

/* NOP, YIELD, WFE, WFI, SEV(L), ESB, PSB, CSDB, BTI and the PAC hints: zarm does
 * not advertise PAC or BTI, so their hint forms do nothing; a user-mode WFI/WFE
 * may return at once. */
bool trans_HINT(struct ir_tctx *t, const struct a64_insn *in)
{
    /* At EL1, WFE (op2 = 2) and WFI (op2 = 3) wait for the VMM's event or interrupt; the
     * exit leaves pc at the instruction, as HVC's does, and the VMM resumes after it. */
    unsigned op2 = in->f[A64_F_op2];
    if (t->feat->el1 && in->f[A64_F_CRm] == 0 && (op2 == 2 || op2 == 3))
        tr_exit(t, IR_EXIT_WFI, t->pc, ir_const(t->b, op2 == 2));
    return true;
}

/* helper_el1_sys(op, arg) for this instruction: undefined at EL0. */
static void el1_sys(struct ir_tctx *t, const struct a64_insn *in, unsigned op, ir_val arg)
{
    ir_call(t->b, IR_HELPER_el1_sys, ir_const(t->b, op), arg, ir_const(t->b, in->raw));
}

/* ERET (EL1 only): the runtime restores PSTATE from SPSR_EL1 and the pc from ELR_EL1
 * (rt_el1_eret), switching the stack pointer with the mode. */
bool trans_ERET(struct ir_tctx *t, const struct a64_insn *in)
{
    if (!t->feat->el1)
        return false;
    el1_sys(t, in, IR_EL1_PRIV, 0);
    tr_exit(t, IR_EXIT_ERET, t->pc, 0);
    return true;
}

/* An instruction of the system space the translator does not model: the runtime (or the
 * VMM) emulates it and resumes after it.  op0 = 1 for SYS, 2-3 for MRS/MSR. */
static bool sysreg_exit(struct ir_tctx *t, uint32_t enc16, unsigned rt, bool is_write)
{
    tr_exit(t, IR_EXIT_SYSREG, t->pc, ir_const(t->b, IR_SYSREG_INFO(enc16, rt, is_write)));
    return true;
}

/* Writes PSTATE.SP: the current SP is banked and the other one becomes current. */
static void el1_spsel(struct ir_tctx *t, const struct a64_insn *in, ir_val sel)
{
    ir_val sp = tr_read_xsp(t, 31);
    ir_val nsp = ir_call(t->b, IR_HELPER_el1_spsel, sp, sel, ir_const(t->b, in->raw));
    tr_write_xsp(t, 31, nsp);
}

bool trans_CLREX(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_call_pure(t->b, IR_HELPER_clrex, 0, 0, 0);
    return true;
}

static bool barrier(struct ir_tctx *t)
{
    ir_call_pure(t->b, IR_HELPER_fence, 0, 0, 0);
    return true;
}

bool trans_DSB(struct ir_tctx *t, const struct a64_insn *in) { return barrier(t); }
bool trans_DMB(struct ir_tctx *t, const struct a64_insn *in) { return barrier(t); }
bool trans_SB(struct ir_tctx *t, const struct a64_insn *in) { return barrier(t); }

/* ISB: code written and made visible with IC IVAU was already invalidated when
 * the IC IVAU exited to the runtime; ending the block makes the next
 * instruction be fetched afresh. */
bool trans_ISB(struct ir_tctx *t, const struct a64_insn *in)
{
    tr_goto(t, t->pc + 4);
    return true;
}

/* MSR (immediate): the PSTATE fields EL0 could write (DAIF with SCTLR.UMA,
 * DIT, SSBS, TCO) are either disabled by Linux or not advertised.  EL1 writes
 * DAIFSet, DAIFClr and SPSel (SCTLR.UMA is not modelled: at EL0 all three are
 * undefined). */
bool trans_MSR_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned op1 = in->f[A64_F_op1], op2 = in->f[A64_F_op2], crm = in->f[A64_F_CRm];
    if (!t->feat->el1)
        return false;
    if (op1 == 3 && op2 == 6) {
        el1_sys(t, in, IR_EL1_DAIFSET, ir_const(t->b, crm));
        return true;
    }
    if (op1 == 3 && op2 == 7) {
        /* Unmasking ends the block, so an interrupt the VMM holds is taken here. */
        el1_sys(t, in, IR_EL1_DAIFCLR, ir_const(t->b, crm));
        tr_goto(t, t->pc + 4);
        return true;
    }
    if (op1 == 0 && op2 == 5) {
        el1_spsel(t, in, ir_const(t->b, crm & 1));
        return true;
    }
    return false;
}

/* SYS at EL1 (op1 = 0): TLB maintenance does nothing (no MMU), nor does data cache
 * maintenance by set/way or DC IVAC (host memory is coherent); IC IALLU(IS) drops every
 * translation; AT reports the flat translation in PAR_EL1. */
static bool sys_el1(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned op1 = in->f[A64_F_op1], crn = in->f[A64_F_CRn], crm = in->f[A64_F_CRm];
    unsigned op2 = in->f[A64_F_op2], rt = in->f[A64_F_Rt];
    if (op1 == 0 && crn == 8) {
        el1_sys(t, in, IR_EL1_PRIV, 0);
        return true;
    }
    if (op1 == 0 && crn == 7) {
        if ((crm == 1 || crm == 5) && op2 == 0) {
            el1_sys(t, in, IR_EL1_PRIV, 0);
            tr_exit(t, IR_EXIT_SYNC, t->pc + 4, ir_const(t->b, IR_SYNC_ALL));
            return true;
        }
        if ((crm == 6 && (op2 == 1 || op2 == 2)) || ((crm == 10 || crm == 14) && op2 == 2)) {
            el1_sys(t, in, IR_EL1_PRIV, 0);
            return true;
        }
        if (crm == 8 && op2 <= 3) {
            el1_sys(t, in, IR_EL1_AT, tr_read_x(t, rt));
            return true;
        }
    }
    return sysreg_exit(t, 1u << 14 | op1 << 11 | crn << 7 | crm << 3 | op2, rt, true);
}

/* SYS: the DC and IC operations EL0 may execute (SCTLR_EL1.UCI and DZE are set
 * by Linux); everything else (TLBI, AT, set/way maintenance) is undefined. */
static bool sys_el0(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned op1 = in->f[A64_F_op1], crn = in->f[A64_F_CRn], crm = in->f[A64_F_CRm];
    unsigned op2 = in->f[A64_F_op2];
    if (op1 != 3 || crn != 7 || op2 != 1)
        return false;
    ir_val addr = tr_read_x(t, in->f[A64_F_Rt]);
    switch (crm) {
    case 4: /* DC ZVA */
        ir_call(t->b, IR_HELPER_dc_zva, addr, 0, 0);
        return true;
    case 5: /* IC IVAU: the runtime drops translations of the line. */
        tr_exit(t, IR_EXIT_SYNC, t->pc + 4, addr);
        return true;
    case 10: /* DC CVAC */
    case 11: /* DC CVAU */
    case 14: /* DC CIVAC */
        /* Host caches are coherent with the emulated view.  DC CVAP/CVADP
         * (FEAT_DPB/DPB2) are not advertised and stay undefined. */
        return true;
    default:
        return false;
    }
}

bool trans_SYS(struct ir_tctx *t, const struct a64_insn *in)
{
    if (sys_el0(t, in))
        return true;
    return t->feat->el1 && sys_el1(t, in);
}

/* MRS/MSR of a register ir_sysreg_el1_modelled accepts (EL1 translations). */
static bool msr_el1(struct ir_tctx *t, const struct a64_insn *in, uint32_t enc)
{
    unsigned rt = in->f[A64_F_Rt];
    ir_val word = ir_const(t->b, in->raw);
    if (in->f[A64_F_L]) {
        tr_write_x(t, rt, ir_call(t->b, IR_HELPER_el1_mrs, ir_const(t->b, enc), word, 0));
        return true;
    }
    ir_val v = tr_read_x(t, rt);
    if (enc == IR_SYSREG_SPSEL) {
        el1_spsel(t, in, v);
        return true;
    }
    ir_call(t->b, IR_HELPER_el1_msr, ir_const(t->b, enc), v, word);
    /* As for DAIFClr: a pending interrupt may be taken after the write. */
    if (enc == IR_SYSREG_DAIF)
        tr_goto(t, t->pc + 4);
    return true;
}

/* MRS/MSR (register).  NZCV is handled here because helpers never see it; the
 * rest goes through helper_mrs/helper_msr.  Registers Linux would not emulate
 * are undefined (SIGILL). */
bool trans_MSR_reg(struct ir_tctx *t, const struct a64_insn *in)
{
    uint32_t enc = in->f[A64_F_sysreg];
    unsigned rt = in->f[A64_F_Rt];
    bool el1 = t->feat->el1;
    if (el1 && enc != IR_SYSREG_NZCV && ir_sysreg_el1_modelled(enc, !in->f[A64_F_L]))
        return msr_el1(t, in, enc);
    if (in->f[A64_F_L]) {
        if (!ir_sysreg_readable(enc))
            return el1 && sysreg_exit(t, IR_SYSREG16(enc), rt, false);
        ir_val v;
        if (enc == IR_SYSREG_NZCV)
            v = ir_bini(t->b, IR_AND, IR_I64, ir_get_nzcv(t->b), 0xf0000000u);
        else
            v = ir_call_pure(t->b, IR_HELPER_mrs, ir_const(t->b, enc), 0, 0);
        tr_write_x(t, rt, v);
        return true;
    }
    if (!ir_sysreg_writable(enc))
        return el1 && sysreg_exit(t, IR_SYSREG16(enc), rt, true);
    ir_val v = tr_read_x(t, rt);
    if (enc == IR_SYSREG_NZCV)
        ir_set_nzcv(t->b, v);
    else
        ir_call_pure(t->b, IR_HELPER_msr, ir_const(t->b, enc), v, 0);
    return true;
}
