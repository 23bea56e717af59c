/* System instructions: hints, barriers, PSTATE, cache maintenance, MRS/MSR
 * (Arm ARM C5.2), as EL0 under Linux sees them. */
#include "env.h"
#include "sysreg.h"
#include "translate.h"

/* NOP, YIELD, WFE, WFI, SEV(L), ESB, PSB, CSDB, BTI and the PAC hints: zarm does
 * not advertise PAC or BTI, so their hint forms do nothing; a user-mode WFI/WFE
 * may return at once. */
bool trans_HINT(struct ir_tctx *t, const struct a64_insn *in) { return true; }

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
 * DIT, SSBS, TCO) are either disabled by Linux or not advertised. */
bool trans_MSR_imm(struct ir_tctx *t, const struct a64_insn *in) { return false; }

/* SYS: the DC and IC operations EL0 may execute (SCTLR_EL1.UCI and DZE are set
 * by Linux); everything else (TLBI, AT, set/way maintenance) is undefined. */
bool trans_SYS(struct ir_tctx *t, const struct a64_insn *in)
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

/* MRS/MSR (register).  NZCV is handled here because helpers never see it; the
 * rest goes through helper_mrs/helper_msr.  Registers Linux would not emulate
 * are undefined (SIGILL). */
bool trans_MSR_reg(struct ir_tctx *t, const struct a64_insn *in)
{
    uint32_t enc = in->f[A64_F_sysreg];
    unsigned rt = in->f[A64_F_Rt];
    if (in->f[A64_F_L]) {
        if (!ir_sysreg_readable(enc))
            return false;
        ir_val v;
        if (enc == IR_SYSREG_NZCV)
            v = ir_bini(t->b, IR_AND, IR_I64, ir_get_nzcv(t->b), 0xf0000000u);
        else
            v = ir_call_pure(t->b, IR_HELPER_mrs, ir_const(t->b, enc), 0, 0);
        tr_write_x(t, rt, v);
        return true;
    }
    if (!ir_sysreg_writable(enc))
        return false;
    ir_val v = tr_read_x(t, rt);
    if (enc == IR_SYSREG_NZCV)
        ir_set_nzcv(t->b, v);
    else
        ir_call_pure(t->b, IR_HELPER_msr, ir_const(t->b, enc), v, 0);
    return true;
}
