/* Armv8.1 LSE atomics: CAS, CASP, LD<op>, SWP (Arm ARM C4.1.88).  The acquire
 * and release variants share one translation: the helpers use sequentially
 * consistent host atomics, which order at least as strongly. */
#include "env.h"
#include "trans_ldst.h"

static const unsigned cas_helper[4] = {IR_HELPER_cas1, IR_HELPER_cas2, IR_HELPER_cas4,
                                       IR_HELPER_cas8};

/* CAS Rs, Rt, [Xn]: compares with Rs, stores Rt, Rs gets the old value. */
bool trans_CAS(struct ir_tctx *t, const struct a64_insn *in)
{
    if (!t->feat->lse)
        return false;
    unsigned rs = in->f[A64_F_Rs];
    ir_val addr = tr_read_xsp(t, in->f[A64_F_Rn]);
    ir_val old = ir_call(t->b, cas_helper[in->f[A64_F_size]], addr, tr_read_x(t, rs),
                         tr_read_x(t, in->f[A64_F_Rt]));
    tr_write_x(t, rs, old);
    return true;
}

/* CASP: register pairs <Rs, Rs+1> and <Rt, Rt+1>; odd register numbers are
 * unallocated. */
bool trans_CASP(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned rs = in->f[A64_F_Rs], rt = in->f[A64_F_Rt];
    if (!t->feat->lse || (rs & 1) || (rt & 1))
        return false;
    ir_val addr = tr_read_xsp(t, in->f[A64_F_Rn]);
    ir_val s0 = tr_read_x(t, rs), s1 = tr_read_x(t, rs + 1);
    ir_val t0 = tr_read_x(t, rt), t1 = tr_read_x(t, rt + 1);
    ir_val lo, hi;
    if (in->f[A64_F_sz]) {
        ir_call_pure(t->b, IR_HELPER_casp_new, t0, t1, 0);
        lo = ir_call(t->b, IR_HELPER_casp, addr, s0, s1);
        hi = ir_call_pure(t->b, IR_HELPER_pair_hi, 0, 0, 0);
    } else {
        /* A pair of words is one 8-byte compare-and-swap, Rs in the low half. */
        ir_val expect = ir_bin(t->b, IR_OR, IR_I64, ir_un(t->b, IR_ZEXT32, IR_I64, s0),
                               ir_bini(t->b, IR_SHL, IR_I64, s1, 32));
        ir_val repl = ir_bin(t->b, IR_OR, IR_I64, ir_un(t->b, IR_ZEXT32, IR_I64, t0),
                             ir_bini(t->b, IR_SHL, IR_I64, t1, 32));
        ir_val old = ir_call(t->b, IR_HELPER_cas8, addr, expect, repl);
        lo = ir_un(t->b, IR_ZEXT32, IR_I64, old);
        hi = ir_bini(t->b, IR_LSR, IR_I64, old, 32);
    }
    tr_write_x(t, rs, lo);
    tr_write_x(t, rs + 1, hi);
    return true;
}

static bool rmw(struct ir_tctx *t, const struct a64_insn *in, unsigned op)
{
    if (!t->feat->lse)
        return false;
    unsigned bytes = 1u << in->f[A64_F_size];
    ir_val addr = tr_read_xsp(t, in->f[A64_F_Rn]);
    ir_val old = ir_call(t->b, IR_HELPER_atomic_rmw, addr, tr_read_x(t, in->f[A64_F_Rs]),
                         ir_const(t->b, op | (bytes << 8)));
    tr_write_x(t, in->f[A64_F_Rt], old);
    return true;
}

/* LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN (opc 0-7); the ST<op>
 * aliases are the Rt = 31 forms. */
bool trans_LDOP(struct ir_tctx *t, const struct a64_insn *in) { return rmw(t, in, in->f[A64_F_opc]); }

/* SWP is operation 8 of helper_atomic_rmw. */
bool trans_SWP(struct ir_tctx *t, const struct a64_insn *in) { return rmw(t, in, 8); }
