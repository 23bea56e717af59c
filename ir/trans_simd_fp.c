/* Scalar floating point (Arm ARM C4.1.95: "conversion between floating-point and
 * integer", "data-processing (1, 2, 3 source)", "compare", "conditional
 * compare", "conditional select", "immediate").  Single (ftype 00) and double
 * (01) only; half precision needs FEAT_FP16.  Moves and sign-bit operations are
 * IR; arithmetic goes to helper_simd_fp.c.  A scalar result zeroes the rest of Vd. */
#include "trans_simd.h"

/* The FP value of Vn (zero-extended single or double). */
static ir_val fp_read(struct ir_tctx *t, unsigned rn, unsigned ftype)
{
    ir_val v = tr_getv(t, rn, 0);
    return ftype == 0 ? ir_un(t->b, IR_ZEXT32, IR_I64, v) : v;
}

bool trans_FP_cvt_int(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned sf = in->f[A64_F_sf], ftype = in->f[A64_F_ftype], rmode = in->f[A64_F_rmode];
    unsigned opc = in->f[A64_F_opc], rd = in->f[A64_F_Rd], rn = in->f[A64_F_Rn];
    if (opc >= 6) { /* FMOV between general and FP registers */
        if (rmode == 1 && sf && ftype == 2) { /* the top half: Vd.D[1] */
            if (opc == 6)
                tr_write_x(t, rd, tr_getv(t, rn, 1));
            else
                tr_setv(t, rd, 1, tr_read_x(t, rn));
            return true;
        }
        if (rmode != 0 || sf != ftype)
            return false;
        if (opc == 6) {
            ir_val v = tr_getv(t, rn, 0);
            if (sf)
                tr_write_x(t, rd, v);
            else
                tr_write_w(t, rd, v);
        } else {
            ir_val v = tr_read_x(t, rn);
            tr_setv64(t, rd, sf ? v : ir_un(t->b, IR_ZEXT32, IR_I64, v));
        }
        return true;
    }
    if (ftype > 1)
        return false;
    if (opc == 2 || opc == 3) { /* SCVTF, UCVTF */
        if (rmode != 0)
            return false;
        ir_val r = ir_call_pure(t->b, IR_HELPER_fp_from_int, tr_read_x(t, rn),
                                ir_const(t->b, ftype | sf << 1 | (opc & 1) << 2), 0);
        tr_setv64(t, rd, r);
        return true;
    }
    unsigned mode;
    if (opc <= 1)
        mode = rmode; /* FCVTN, FCVTP, FCVTM, FCVTZ */
    else if (rmode == 0)
        mode = 4; /* FCVTA */
    else
        return false;
    ir_val r = ir_call_pure(t->b, IR_HELPER_fp_to_int, fp_read(t, rn, ftype),
                            ir_const(t->b, ftype | sf << 1 | (opc & 1) << 2 | mode << 3), 0);
    tr_write_x(t, rd, r);
    return true;
}

bool trans_FP_1src(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ftype = in->f[A64_F_ftype], opc = in->f[A64_F_opc];
    unsigned rd = in->f[A64_F_Rd], rn = in->f[A64_F_Rn];
    if (ftype > 1)
        return false;
    uint64_t sign = ftype ? 1ull << 63 : 1ull << 31;
    ir_val x = fp_read(t, rn, ftype), r;
    switch (opc) {
    case 0: r = x; break;                                     /* FMOV */
    case 1: r = ir_bini(t->b, IR_ANDN, IR_I64, x, sign); break; /* FABS */
    case 2: r = ir_bini(t->b, IR_XOR, IR_I64, x, sign); break;  /* FNEG */
    case 4: case 5: /* FCVT to single / double */
        if (opc - 4 == ftype)
            return false;
        /* fall through */
    case 3: case 8: case 9: case 10: case 11: case 12: case 14: case 15:
        r = ir_call_pure(t->b, IR_HELPER_fp_1src, x, ir_const(t->b, opc | ftype << 8), 0);
        break;
    default:
        return false;
    }
    tr_setv64(t, rd, r);
    return true;
}

bool trans_FP_cmp(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ftype = in->f[A64_F_ftype], opc = in->f[A64_F_opc];
    if (ftype > 1 || (opc & 7))
        return false;
    ir_val x = fp_read(t, in->f[A64_F_Rn], ftype);
    ir_val y = (opc & 8) ? ir_const(t->b, 0) : fp_read(t, in->f[A64_F_Rm], ftype);
    ir_set_nzcv(t->b, ir_call_pure(t->b, IR_HELPER_fp_cmp, x, y, ir_const(t->b, ftype)));
    return true;
}

bool trans_FP_ccmp(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ftype = in->f[A64_F_ftype];
    if (ftype > 1)
        return false;
    ir_val x = fp_read(t, in->f[A64_F_Rn], ftype), y = fp_read(t, in->f[A64_F_Rm], ftype);
    ir_val cmp = ir_call_pure(t->b, IR_HELPER_fp_cmp, x, y, ir_const(t->b, ftype));
    ir_val r = ir_emit(t->b, IR_SELECT, IR_I64, tr_cond(t, in->f[A64_F_cond]), cmp,
                       ir_const(t->b, (uint64_t)in->f[A64_F_nzcv] << 28), 0, 0);
    ir_set_nzcv(t->b, r);
    return true;
}

bool trans_FP_2src(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ftype = in->f[A64_F_ftype], opc = in->f[A64_F_opc];
    if (ftype > 1 || opc > 8)
        return false;
    ir_val x = fp_read(t, in->f[A64_F_Rn], ftype), y = fp_read(t, in->f[A64_F_Rm], ftype);
    tr_setv64(t, in->f[A64_F_Rd],
              ir_call_pure(t->b, IR_HELPER_fp_2src, x, y, ir_const(t->b, opc | ftype << 4)));
    return true;
}

bool trans_FP_3src(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ftype = in->f[A64_F_ftype];
    if (ftype > 1)
        return false;
    ir_call_pure(t->b, IR_HELPER_fp_3src,
                 ir_const(t->b, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], 0,
                                          ftype, 0)),
                 ir_const(t->b, in->f[A64_F_Ra]),
                 ir_const(t->b, in->f[A64_F_o1] << 1 | in->f[A64_F_o0]));
    return true;
}

bool trans_FP_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ftype = in->f[A64_F_ftype];
    if (ftype > 1 || in->f[A64_F_imm5])
        return false;
    tr_setv64(t, in->f[A64_F_Rd], ir_const(t->b, simd_fp_imm(in->f[A64_F_imm8], ftype ? 64 : 32)));
    return true;
}

bool trans_FP_csel(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ftype = in->f[A64_F_ftype];
    if (ftype > 1)
        return false;
    ir_val x = fp_read(t, in->f[A64_F_Rn], ftype), y = fp_read(t, in->f[A64_F_Rm], ftype);
    tr_setv64(t, in->f[A64_F_Rd],
              ir_emit(t->b, IR_SELECT, IR_I64, tr_cond(t, in->f[A64_F_cond]), x, y, 0, 0));
    return true;
}
