/* Load/store register pair and no-allocate pair (Arm ARM C4.1.88). */
#include "trans_ldst.h"

/* opc 00 = 32-bit, 10 = 64-bit, 01 = LDPSW (STGP when storing: MTE, not
 * implemented); idx 00 = LDNP/STNP, 01 = post-index, 10 = offset, 11 = pre-index.
 * Both accesses are emitted before any register is written, so a fault on the
 * second leaves the registers as they were; with writeback and Rn == Rt/Rt2 the
 * base gets the written-back address, as QEMU does. */
bool trans_LDSTP(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned opc = in->f[A64_F_opc], idx = in->f[A64_F_idx], load = in->f[A64_F_L];
    unsigned rn = in->f[A64_F_Rn], rt = in->f[A64_F_Rt], rt2 = in->f[A64_F_Rt2];
    if (opc == 3 || (opc == 1 && (!load || idx == 0)))
        return false;
    bool sign = opc == 1;
    unsigned scale = opc == 2 ? 3 : 2, bytes = 1u << scale;
    uint64_t off = (uint64_t)a64_sext(in->f[A64_F_imm7], 7) << scale;
    ir_val base = tr_read_xsp(t, rn);
    ir_val moved = ir_bini(t->b, IR_ADD, IR_I64, base, off);
    ir_val addr = idx == 1 ? base : moved;
    ir_val addr2 = ir_bini(t->b, IR_ADD, IR_I64, addr, bytes);
    if (load) {
        ir_val v1 = ir_load(t->b, IR_I64, addr, bytes, sign);
        ir_val v2 = ir_load(t->b, IR_I64, addr2, bytes, sign);
        tr_write_x(t, rt, v1);
        tr_write_x(t, rt2, v2);
    } else {
        ir_val v1 = tr_read_x(t, rt), v2 = tr_read_x(t, rt2);
        ir_store(t->b, addr, v1, bytes);
        ir_store(t->b, addr2, v2, bytes);
    }
    if (idx & 1)
        tr_write_xsp(t, rn, moved);
    return true;
}
