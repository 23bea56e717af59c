/* Load/store exclusive, load-acquire/store-release and LDAPR (Arm ARM C4.1.88).
 * Exclusives run in helper_atomic.c against host memory with host atomics, so
 * they stay correct when guest threads run on several host threads. */
#include "env.h"
#include "trans_ldst.h"

/* LDXR/LDAXR and STXR/STLXR, all sizes; Ws gets 0 on success, 1 on failure. */
bool trans_LDSTX(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned bytes = 1u << in->f[A64_F_size];
    ir_val addr = tr_read_xsp(t, in->f[A64_F_Rn]);
    if (in->f[A64_F_L]) {
        ir_val v = ir_call(t->b, IR_HELPER_ldx, addr, ir_const(t->b, bytes), 0);
        tr_write_x(t, in->f[A64_F_Rt], v);
    } else {
        ir_val st = ir_call(t->b, IR_HELPER_stx, addr, tr_read_x(t, in->f[A64_F_Rt]),
                            ir_const(t->b, bytes));
        tr_write_x(t, in->f[A64_F_Rs], st);
    }
    return true;
}

/* LDXP/LDAXP/STXP/STLXP.  A pair of words is one 8-byte exclusive access (Rt
 * in the low half, as little-endian memory has it); a pair of doublewords is a
 * 16-byte one whose high half comes back through pair_hi. */
bool trans_LDSTXP(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned rt = in->f[A64_F_Rt], rt2 = in->f[A64_F_Rt2];
    bool wide = in->f[A64_F_sz];
    ir_val addr = tr_read_xsp(t, in->f[A64_F_Rn]);
    if (in->f[A64_F_L]) {
        ir_val lo, hi;
        if (wide) {
            lo = ir_call(t->b, IR_HELPER_ldxp, addr, 0, 0);
            hi = ir_call_pure(t->b, IR_HELPER_pair_hi, 0, 0, 0);
        } else {
            ir_val v = ir_call(t->b, IR_HELPER_ldx, addr, ir_const(t->b, 8), 0);
            lo = ir_un(t->b, IR_ZEXT32, IR_I64, v);
            hi = ir_bini(t->b, IR_LSR, IR_I64, v, 32);
        }
        tr_write_x(t, rt, lo);
        tr_write_x(t, rt2, hi);
        return true;
    }
    ir_val lo = tr_read_x(t, rt), hi = tr_read_x(t, rt2), st;
    if (wide) {
        st = ir_call(t->b, IR_HELPER_stxp, addr, lo, hi);
    } else {
        ir_val v = ir_bin(t->b, IR_OR, IR_I64, ir_un(t->b, IR_ZEXT32, IR_I64, lo),
                          ir_bini(t->b, IR_SHL, IR_I64, hi, 32));
        st = ir_call(t->b, IR_HELPER_stx, addr, v, ir_const(t->b, 8));
    }
    tr_write_x(t, in->f[A64_F_Rs], st);
    return true;
}

/* Load-acquire/store-release accesses must be aligned to their size (an
 * alignment fault otherwise, before any access). */
static ir_val aligned_addr(struct ir_tctx *t, const struct a64_insn *in, unsigned bytes)
{
    ir_val addr = tr_read_xsp(t, in->f[A64_F_Rn]);
    if (bytes > 1)
        ir_call(t->b, IR_HELPER_align_check, addr, ir_const(t->b, bytes), 0);
    return addr;
}

/* Acquire loads are plain loads (the interpreter's accesses are not reordered
 * with later ones on the hosts we run on); a release store is followed by a
 * full fence so that a later load-acquire cannot pass it (RCsc). */
static bool acquire_release(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned bytes = 1u << in->f[A64_F_size];
    ir_val addr = aligned_addr(t, in, bytes);
    if (in->f[A64_F_L]) {
        tr_write_x(t, in->f[A64_F_Rt], ir_load(t->b, IR_I64, addr, bytes, false));
    } else {
        ir_store(t->b, addr, tr_read_x(t, in->f[A64_F_Rt]), bytes);
        ir_call_pure(t->b, IR_HELPER_fence, 0, 0, 0);
    }
    return true;
}

/* LDAR/STLR, all sizes. */
bool trans_LDAR(struct ir_tctx *t, const struct a64_insn *in) { return acquire_release(t, in); }

/* LDLAR/STLLR (Armv8.1 LOR): with no LORegions configured they order like
 * LDAR/STLR. */
bool trans_LDLAR(struct ir_tctx *t, const struct a64_insn *in) { return acquire_release(t, in); }

/* LDAPR/LDAPRB/LDAPRH (Armv8.3 LRCPC). */
bool trans_LDAPR(struct ir_tctx *t, const struct a64_insn *in)
{
    if (!t->feat->rcpc)
        return false;
    unsigned bytes = 1u << in->f[A64_F_size];
    ir_val addr = aligned_addr(t, in, bytes);
    tr_write_x(t, in->f[A64_F_Rt], ir_load(t->b, IR_I64, addr, bytes, false));
    return true;
}
