/* Branches and exception generation (Arm ARM C4.1.85). */
#include "translate.h"

static uint64_t branch_target(struct ir_tctx *t, uint64_t imm, unsigned bits)
{
    return t->pc + (uint64_t)(a64_sext(imm, bits) * 4);
}

/* B and BL: BL writes the return address to X30. */
bool trans_B(struct ir_tctx *t, const struct a64_insn *in)
{
    if (in->f[A64_F_op])
        tr_write_x(t, 30, ir_const(t->b, t->pc + 4));
    tr_goto(t, branch_target(t, in->f[A64_F_imm26], 26));
    return true;
}

bool trans_B_cond(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_val c = tr_cond(t, in->f[A64_F_cond]);
    ir_brcond(t->b, c, branch_target(t, in->f[A64_F_imm19], 19), t->pc + 4);
    t->end = true;
    return true;
}

/* CBZ/CBNZ: the 32-bit form compares only Wt. */
bool trans_CBZ(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_val v = tr_read_x(t, in->f[A64_F_Rt]);
    unsigned type = in->f[A64_F_sf] ? IR_I64 : IR_I32;
    ir_val zero = ir_const(t->b, 0);
    ir_val c = ir_bin(t->b, in->f[A64_F_op] ? IR_SETNE : IR_SETEQ, type, v, zero);
    ir_brcond(t->b, c, branch_target(t, in->f[A64_F_imm19], 19), t->pc + 4);
    t->end = true;
    return true;
}

/* TBZ/TBNZ: tests bit b5:b40 of Xt. */
bool trans_TBZ(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned bit = (in->f[A64_F_b5] << 5) | in->f[A64_F_b40];
    ir_val v = tr_read_x(t, in->f[A64_F_Rt]);
    ir_val m = ir_bini(t->b, IR_AND, IR_I64, v, 1ull << bit);
    ir_val c = ir_bin(t->b, in->f[A64_F_op] ? IR_SETNE : IR_SETEQ, IR_I64, m, ir_const(t->b, 0));
    ir_brcond(t->b, c, branch_target(t, in->f[A64_F_imm14], 14), t->pc + 4);
    t->end = true;
    return true;
}

bool trans_BR(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_goto_ind(t->b, tr_read_x(t, in->f[A64_F_Rn]));
    t->end = true;
    return true;
}

/* BLR X30 jumps to the old X30: the target is read before the link is written. */
bool trans_BLR(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_val target = tr_read_x(t, in->f[A64_F_Rn]);
    tr_write_x(t, 30, ir_const(t->b, t->pc + 4));
    ir_goto_ind(t->b, target);
    t->end = true;
    return true;
}

bool trans_RET(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_goto_ind(t->b, tr_read_x(t, in->f[A64_F_Rn]));
    t->end = true;
    return true;
}

bool trans_SVC(struct ir_tctx *t, const struct a64_insn *in)
{
    tr_exit(t, IR_EXIT_SVC, t->pc + 4, ir_const(t->b, in->f[A64_F_imm16]));
    return true;
}

/* HVC and SMC are undefined at EL0; the runtime turns the exits into SIGILL
 * with the pc at the instruction. */
bool trans_HVC(struct ir_tctx *t, const struct a64_insn *in)
{
    tr_exit(t, IR_EXIT_HVC, t->pc, ir_const(t->b, in->f[A64_F_imm16]));
    return true;
}

bool trans_SMC(struct ir_tctx *t, const struct a64_insn *in)
{
    tr_exit(t, IR_EXIT_SMC, t->pc, ir_const(t->b, in->f[A64_F_imm16]));
    return true;
}

/* BRK is taken with the preferred return address of the BRK itself. */
bool trans_BRK(struct ir_tctx *t, const struct a64_insn *in)
{
    tr_exit(t, IR_EXIT_BRK, t->pc, ir_const(t->b, in->f[A64_F_imm16]));
    return true;
}

/* HLT without an external debugger (or semihosting) is undefined. */
bool trans_HLT(struct ir_tctx *t, const struct a64_insn *in)
{
    tr_exit(t, IR_EXIT_HLT, t->pc, ir_const(t->b, in->f[A64_F_imm16]));
    return true;
}
