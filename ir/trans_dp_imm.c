/* Data processing -- immediate. */
#include "translate.h"

/* ADD/ADDS/SUB/SUBS (immediate): Rn may be SP; Rd is SP unless flags are set. */
bool trans_ADD_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ty = in->f[A64_F_sf] ? IR_I64 : IR_I32;
    uint64_t imm = (uint64_t)in->f[A64_F_imm12] << (in->f[A64_F_sh] ? 12 : 0);
    ir_val n = tr_read_xsp(t, in->f[A64_F_Rn]);
    ir_val m = ir_const(t->b, imm);
    bool sub = in->f[A64_F_op];
    ir_val r = ir_bin(t->b, sub ? IR_SUB : IR_ADD, ty, n, m);
    if (in->f[A64_F_S]) {
        ir_set_nzcv(t->b, ir_bin(t->b, sub ? IR_NZCV_SUB : IR_NZCV_ADD, ty, n, m));
        tr_write_x(t, in->f[A64_F_Rd], r);
    } else {
        tr_write_xsp(t, in->f[A64_F_Rd], r);
    }
    return true;
}

bool trans_MOVZ(struct ir_tctx *t, const struct a64_insn *in)
{
    if (!in->f[A64_F_sf] && in->f[A64_F_hw] >= 2)
        return false;
    tr_write_x(t, in->f[A64_F_Rd], ir_const(t->b, (uint64_t)in->f[A64_F_imm16] << (16 * in->f[A64_F_hw])));
    return true;
}
