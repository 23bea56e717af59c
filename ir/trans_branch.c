/* Branches and exception generation. */
#include "translate.h"

/* B and BL: BL writes the return address to X30. */
bool trans_B(struct ir_tctx *t, const struct a64_insn *in)
{
    if (in->f[A64_F_op])
        tr_write_x(t, 30, ir_const(t->b, t->pc + 4));
    tr_goto(t, t->pc + (uint64_t)(a64_sext(in->f[A64_F_imm26], 26) * 4));
    return true;
}

bool trans_B_cond(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_val c = tr_cond(t, in->f[A64_F_cond]);
    ir_brcond(t->b, c, t->pc + (uint64_t)(a64_sext(in->f[A64_F_imm19], 19) * 4), t->pc + 4);
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
