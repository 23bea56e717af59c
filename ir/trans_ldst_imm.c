/* Load/store register with an immediate offset, and load register (literal)
 * (Arm ARM C4.1.88: unsigned offset, unscaled, pre/post-indexed, unprivileged,
 * literal). */
#include "trans_ldst.h"

/* opc 00 stores, 01 loads; 10 sign-extends to 64 bits (PRFM when size is 3);
 * 11 sign-extends to 32 bits for bytes and halfwords only. */
enum ldst_kind ldst_kind(unsigned size, unsigned opc)
{
    switch (opc) {
    case 0:
        return LDST_STORE;
    case 1:
        return LDST_LOAD;
    case 2:
        return size == 3 ? LDST_PREFETCH : LDST_LOAD_SX64;
    default:
        return size <= 1 ? LDST_LOAD_SX32 : LDST_UNALLOC;
    }
}

void ldst_single(struct ir_tctx *t, enum ldst_kind kind, unsigned size, ir_val addr, unsigned rt)
{
    unsigned bytes = 1u << size;
    switch (kind) {
    case LDST_STORE:
        ir_store(t->b, addr, tr_read_x(t, rt), bytes);
        break;
    case LDST_LOAD:
        tr_write_x(t, rt, ir_load(t->b, IR_I64, addr, bytes, false));
        break;
    case LDST_LOAD_SX64:
        tr_write_x(t, rt, ir_load(t->b, IR_I64, addr, bytes, true));
        break;
    case LDST_LOAD_SX32:
        /* The I32 load's result is already zero-extended to 64 bits. */
        tr_write_x(t, rt, ir_load(t->b, IR_I32, addr, bytes, true));
        break;
    default:
        break;
    }
}

bool trans_LDST_uimm(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned size = in->f[A64_F_size];
    enum ldst_kind kind = ldst_kind(size, in->f[A64_F_opc]);
    if (kind == LDST_UNALLOC)
        return false;
    if (kind == LDST_PREFETCH)
        return true;
    ir_val addr = ir_bini(t->b, IR_ADD, IR_I64, tr_read_xsp(t, in->f[A64_F_Rn]),
                          (uint64_t)in->f[A64_F_imm12] << size);
    ldst_single(t, kind, size, addr, in->f[A64_F_Rt]);
    return true;
}

/* idx: 00 unscaled (LDUR), 01 post-index, 10 unprivileged (LDTR: at EL0 the
 * same as LDUR), 11 pre-index.  With writeback and Rt == Rn the Arm ARM leaves
 * the result CONSTRAINED UNPREDICTABLE; like QEMU, a load's base gets the
 * written-back address and a store stores the old base. */
bool trans_LDST_imm9(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned size = in->f[A64_F_size], idx = in->f[A64_F_idx], rn = in->f[A64_F_Rn];
    enum ldst_kind kind = ldst_kind(size, in->f[A64_F_opc]);
    if (kind == LDST_UNALLOC)
        return false;
    if (kind == LDST_PREFETCH)
        return idx == 0; /* PRFUM; no prefetch has writeback or an unprivileged form */
    uint64_t off = (uint64_t)a64_sext(in->f[A64_F_imm9], 9);
    ir_val base = tr_read_xsp(t, rn);
    ir_val moved = ir_bini(t->b, IR_ADD, IR_I64, base, off);
    ldst_single(t, kind, size, idx == 1 ? base : moved, in->f[A64_F_Rt]);
    if (idx & 1)
        tr_write_xsp(t, rn, moved);
    return true;
}

/* LDR (literal): opc 00 = LDR Wt, 01 = LDR Xt, 10 = LDRSW, 11 = PRFM. */
bool trans_LDR_lit(struct ir_tctx *t, const struct a64_insn *in)
{
    static const struct {
        enum ldst_kind kind;
        unsigned size;
    } forms[4] = {{LDST_LOAD, 2}, {LDST_LOAD, 3}, {LDST_LOAD_SX64, 2}, {LDST_PREFETCH, 3}};
    unsigned opc = in->f[A64_F_opc];
    if (forms[opc].kind == LDST_PREFETCH)
        return true;
    ir_val addr = ir_const(t->b, t->pc + (uint64_t)(a64_sext(in->f[A64_F_imm19], 19) * 4));
    ldst_single(t, forms[opc].kind, forms[opc].size, addr, in->f[A64_F_Rt]);
    return true;
}
