/* FP/SIMD loads and stores (Arm ARM C4.1.88, the V=1 encodings): single
 * registers B/H/S/D/Q in every addressing mode, pairs, literals, and the
 * LD1-LD4/ST1-ST4 structure forms.
 *
 * Register and pair forms are plain IR: 64-bit halves of V through GETV/SETV and
 * LOAD/STORE of 1-8 bytes, so the fast paths need no helper.  A scalar load
 * writes the low bits of V and zeroes the rest.  Every access is emitted before
 * any register write (V or the base register), so a fault leaves the state as it
 * was before the instruction. */
#include "env.h"
#include "helper_simd.h"
#include "translate.h"

/* log2 of the access size for size:opc, or -1 if unallocated. */
static int fp_scale(unsigned size, unsigned opc)
{
    if (opc & 2)
        return size == 0 ? 4 : -1;
    return (int)size;
}

/* Loads 1 << scale bytes at addr into v[0] (bits 63:0) and v[1] (bits 127:64). */
static void fp_load(struct ir_tctx *t, ir_val addr, int scale, ir_val v[2])
{
    if (scale == 4) {
        v[0] = ir_load(t->b, IR_I64, addr, 8, false);
        v[1] = ir_load(t->b, IR_I64, ir_bini(t->b, IR_ADD, IR_I64, addr, 8), 8, false);
    } else {
        v[0] = ir_load(t->b, IR_I64, addr, 1u << scale, false);
        v[1] = ir_const(t->b, 0);
    }
}

static void fp_setv(struct ir_tctx *t, unsigned rt, const ir_val v[2])
{
    ir_emit(t->b, IR_SETV, IR_I64, v[0], 0, 0, rt, 0);
    ir_emit(t->b, IR_SETV, IR_I64, v[1], 0, 0, rt, 1);
}

static void fp_store(struct ir_tctx *t, ir_val addr, unsigned rt, int scale)
{
    ir_val lo = ir_emit(t->b, IR_GETV, IR_I64, 0, 0, 0, rt, 0);
    if (scale == 4) {
        ir_val hi = ir_emit(t->b, IR_GETV, IR_I64, 0, 0, 0, rt, 1);
        ir_store(t->b, addr, lo, 8);
        ir_store(t->b, ir_bini(t->b, IR_ADD, IR_I64, addr, 8), hi, 8);
    } else {
        ir_store(t->b, addr, lo, 1u << scale);
    }
}

/* One register at addr; the caller writes the base register back afterwards. */
static void fp_access(struct ir_tctx *t, bool load, unsigned rt, ir_val addr, int scale)
{
    if (load) {
        ir_val v[2];
        fp_load(t, addr, scale, v);
        fp_setv(t, rt, v);
    } else {
        fp_store(t, addr, rt, scale);
    }
}

bool trans_LDST_fp_uimm(struct ir_tctx *t, const struct a64_insn *in)
{
    int scale = fp_scale(in->f[A64_F_size], in->f[A64_F_opc]);
    if (scale < 0)
        return false;
    ir_val addr = ir_bini(t->b, IR_ADD, IR_I64, tr_read_xsp(t, in->f[A64_F_Rn]),
                          (uint64_t)in->f[A64_F_imm12] << scale);
    fp_access(t, in->f[A64_F_opc] & 1, in->f[A64_F_Rt], addr, scale);
    return true;
}

/* LDUR/STUR (op2 00), post-index (01), pre-index (11). */
bool trans_LDST_fp_imm9(struct ir_tctx *t, const struct a64_insn *in)
{
    int scale = fp_scale(in->f[A64_F_size], in->f[A64_F_opc]);
    if (scale < 0)
        return false;
    unsigned mode = in->f[A64_F_op2], rn = in->f[A64_F_Rn];
    ir_val base = tr_read_xsp(t, rn);
    ir_val moved = ir_bini(t->b, IR_ADD, IR_I64, base, (uint64_t)a64_sext(in->f[A64_F_imm9], 9));
    fp_access(t, in->f[A64_F_opc] & 1, in->f[A64_F_Rt], mode == 1 ? base : moved, scale);
    if (mode != 0)
        tr_write_xsp(t, rn, moved);
    return true;
}

bool trans_LDST_fp_reg(struct ir_tctx *t, const struct a64_insn *in)
{
    int scale = fp_scale(in->f[A64_F_size], in->f[A64_F_opc]);
    unsigned option = in->f[A64_F_option];
    if (scale < 0 || !(option & 2))
        return false;
    ir_val m = tr_read_x(t, in->f[A64_F_Rm]);
    if (option == 2)
        m = ir_un(t->b, IR_ZEXT32, IR_I64, m);
    else if (option == 6)
        m = ir_un(t->b, IR_SEXT32, IR_I64, m);
    if (in->f[A64_F_S] && scale)
        m = ir_bini(t->b, IR_SHL, IR_I64, m, (uint64_t)scale);
    ir_val addr = ir_bin(t->b, IR_ADD, IR_I64, tr_read_xsp(t, in->f[A64_F_Rn]), m);
    fp_access(t, in->f[A64_F_opc] & 1, in->f[A64_F_Rt], addr, scale);
    return true;
}

/* LDR (literal): opc 00 = S, 01 = D, 10 = Q. */
bool trans_LDR_fp_lit(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned opc = in->f[A64_F_opc];
    if (opc == 3)
        return false;
    ir_val addr = ir_const(t->b, t->pc + (uint64_t)(a64_sext(in->f[A64_F_imm19], 19) * 4));
    fp_access(t, true, in->f[A64_F_Rt], addr, (int)opc + 2);
    return true;
}

/* LDP/STP/LDNP/STNP of S, D or Q registers. */
bool trans_LDSTP_fp(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned opc = in->f[A64_F_opc], mode = in->f[A64_F_op2], rn = in->f[A64_F_Rn];
    unsigned rt = in->f[A64_F_Rt], rt2 = in->f[A64_F_Rt2];
    if (opc == 3)
        return false;
    int scale = (int)opc + 2;
    ir_val base = tr_read_xsp(t, rn);
    ir_val moved = ir_bini(t->b, IR_ADD, IR_I64, base,
                           (uint64_t)a64_sext(in->f[A64_F_imm7], 7) << scale);
    ir_val a1 = mode == 1 ? base : moved;
    ir_val a2 = ir_bini(t->b, IR_ADD, IR_I64, a1, 1u << scale);
    if (in->f[A64_F_L]) {
        ir_val v1[2], v2[2];
        fp_load(t, a1, scale, v1);
        fp_load(t, a2, scale, v2);
        fp_setv(t, rt, v1);
        fp_setv(t, rt2, v2);
    } else {
        fp_store(t, a1, rt, scale);
        fp_store(t, a2, rt2, scale);
    }
    if (mode == 1 || mode == 3)
        tr_write_xsp(t, rn, moved);
    return true;
}

/* The structure forms go through one helper that checks the whole contiguous
 * range before touching memory or registers; post-index writeback follows it. */
static void ldst_struct(struct ir_tctx *t, const struct a64_insn *in, uint64_t desc,
                        unsigned total, bool post)
{
    unsigned rn = in->f[A64_F_Rn];
    ir_val base = tr_read_xsp(t, rn);
    ir_call(t->b, IR_HELPER_simd_ldst_struct, base, ir_const(t->b, desc), 0);
    if (post) {
        unsigned rm = in->f[A64_F_Rm];
        ir_val off = rm == 31 ? ir_const(t->b, total) : ir_get(t->b, rm);
        tr_write_xsp(t, rn, ir_bin(t->b, IR_ADD, IR_I64, base, off));
    }
}

static bool ldst_multi(struct ir_tctx *t, const struct a64_insn *in, bool post)
{
    /* opcode -> registers repeated (rpt) x elements per structure (selem). */
    static const uint8_t rpt_tab[16] = {1, 0, 4, 0, 1, 0, 3, 1, 1, 0, 2, 0, 0, 0, 0, 0};
    static const uint8_t selem_tab[16] = {4, 0, 1, 0, 3, 0, 1, 1, 2, 0, 1, 0, 0, 0, 0, 0};
    unsigned opc = in->f[A64_F_opc], q = in->f[A64_F_Q], size = in->f[A64_F_size];
    unsigned rpt = rpt_tab[opc], selem = selem_tab[opc];
    if (!rpt || (size == 3 && !q && selem > 1))
        return false;
    unsigned total = rpt * selem * (q ? 16 : 8);
    ldst_struct(t, in,
                SIMD_LDST_DESC(in->f[A64_F_Rt], in->f[A64_F_L], q, size, SIMD_LDST_MULTI, selem,
                               rpt, 0),
                total, post);
    return true;
}

static bool ldst_single(struct ir_tctx *t, const struct a64_insn *in, bool post)
{
    unsigned opc = in->f[A64_F_opc], q = in->f[A64_F_Q], s = in->f[A64_F_S];
    unsigned size = in->f[A64_F_size], load = in->f[A64_F_L];
    unsigned selem = (((opc & 1) << 1) | in->f[A64_F_R]) + 1;
    unsigned scale = opc >> 1, index = 0, kind = SIMD_LDST_SINGLE;
    switch (scale) {
    case 0: index = q << 3 | s << 2 | size; break;
    case 1:
        if (size & 1)
            return false;
        index = q << 2 | s << 1 | size >> 1;
        break;
    case 2:
        if (size & 2)
            return false;
        if (size == 0) {
            index = q << 1 | s;
        } else {
            if (s)
                return false;
            index = q;
            scale = 3;
        }
        break;
    default: /* LD1R-LD4R */
        if (!load || s)
            return false;
        scale = size;
        kind = SIMD_LDST_REPL;
        break;
    }
    ldst_struct(t, in,
                SIMD_LDST_DESC(in->f[A64_F_Rt], load, q, scale, kind, selem, 1, index),
                selem << scale, post);
    return true;
}

bool trans_LDST_multi(struct ir_tctx *t, const struct a64_insn *in)
{
    return ldst_multi(t, in, false);
}
bool trans_LDST_multi_post(struct ir_tctx *t, const struct a64_insn *in)
{
    return ldst_multi(t, in, true);
}
bool trans_LDST_single(struct ir_tctx *t, const struct a64_insn *in)
{
    return ldst_single(t, in, false);
}
bool trans_LDST_single_post(struct ir_tctx *t, const struct a64_insn *in)
{
    return ldst_single(t, in, true);
}
