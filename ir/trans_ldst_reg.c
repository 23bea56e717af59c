/* Load/store register (register offset) (Arm ARM C4.1.88). */
#include "trans_ldst.h"

/* option: 010 UXTW, 011 LSL (UXTX), 110 SXTW, 111 SXTX; option<1> = 0 is
 * unallocated.  S scales the index by the access size. */
bool trans_LDST_reg(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned size = in->f[A64_F_size], option = in->f[A64_F_option];
    enum ldst_kind kind = ldst_kind(size, in->f[A64_F_opc]);
    if (kind == LDST_UNALLOC || !(option & 2))
        return false;
    if (kind == LDST_PREFETCH)
        return true;
    ir_val index = tr_read_x(t, in->f[A64_F_Rm]);
    if (option == 2)
        index = ir_un(t->b, IR_ZEXT32, IR_I64, index);
    else if (option == 6)
        index = ir_un(t->b, IR_SEXT32, IR_I64, index);
    if (in->f[A64_F_S] && size)
        index = ir_bini(t->b, IR_SHL, IR_I64, index, size);
    ir_val addr = ir_bin(t->b, IR_ADD, IR_I64, tr_read_xsp(t, in->f[A64_F_Rn]), index);
    ldst_single(t, kind, size, addr, in->f[A64_F_Rt]);
    return true;
}
