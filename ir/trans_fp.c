/* Scalar floating point (Arm ARM C7: "floating-point data processing", "compare",
 * "conversion between floating-point and integer/fixed-point").  Moves and
 * selects are IR; arithmetic, comparisons and conversions go to helper_fp.c
 * (the Arm FP library in fpu/), which applies FPCR and accumulates FPSR.
 * A scalar result zeroes the rest of Vd. */
#include "fpu/fpu.h"
#include "helper_fp.h"
#include "trans_simd.h"

/* The format of ftype (00 single, 01 double, 11 half), 0 if unallocated. */
static unsigned fp_fmt(unsigned ftype)
{
    static const unsigned f[4] = {FPU_S, FPU_D, 0, FPU_H};
    return f[ftype & 3];
}

/* The low 16, 32 or 64 bits of Vn, zero-extended. */
static ir_val fp_read(struct ir_tctx *t, unsigned rn, unsigned f)
{
    ir_val v = tr_getv(t, rn, 0);
    if (f == FPU_S)
        return ir_un(t->b, IR_ZEXT32, IR_I64, v);
    if (f == FPU_H)
        return ir_un(t->b, IR_ZEXT16, IR_I64, v);
    return v;
}

static void call_lanes(struct ir_tctx *t, uint64_t desc)
{
    ir_call_pure(t->b, IR_HELPER_fp_lanes, ir_const(t->b, desc), ir_const(t->b, 0),
                 ir_const(t->b, 0));
}

static ir_val call_scalar(struct ir_tctx *t, ir_val a, ir_val b, uint64_t sdesc)
{
    return ir_call_pure(t->b, IR_HELPER_fp_scalar, a, b, ir_const(t->b, sdesc));
}

/* Vd = op(Vn[, Vm]) on one element of ftype's format. */
static bool scalar_op(struct ir_tctx *t, const struct a64_insn *in, enum fp_op op, unsigned imm)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]);
    if (!f)
        return false;
    call_lanes(t, FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], 0, 0, f, 1, op, imm));
    return true;
}

#define FP_SCALAR(name, op, imm)                                                                   \
    bool trans_##name(struct ir_tctx *t, const struct a64_insn *in)                                \
    {                                                                                              \
        return scalar_op(t, in, op, imm);                                                          \
    }
FP_SCALAR(FMUL_s, FPOP_MUL, 0)
FP_SCALAR(FDIV_s, FPOP_DIV, 0)
FP_SCALAR(FADD_s, FPOP_ADD, 0)
FP_SCALAR(FSUB_s, FPOP_SUB, 0)
FP_SCALAR(FMAX_s, FPOP_MAX, 0)
FP_SCALAR(FMIN_s, FPOP_MIN, 0)
FP_SCALAR(FMAXNM_s, FPOP_MAXNM, 0)
FP_SCALAR(FMINNM_s, FPOP_MINNM, 0)
FP_SCALAR(FNMUL_s, FPOP_NMUL, 0)
FP_SCALAR(FMOV_s, FPOP_MOV, 0)
FP_SCALAR(FABS_s, FPOP_ABS, 0)
FP_SCALAR(FNEG_s, FPOP_NEG, 0)
FP_SCALAR(FSQRT_s, FPOP_SQRT, 0)
FP_SCALAR(FRINTN_s, FPOP_RINT, FPU_RN)
FP_SCALAR(FRINTP_s, FPOP_RINT, FPU_RP)
FP_SCALAR(FRINTM_s, FPOP_RINT, FPU_RM)
FP_SCALAR(FRINTZ_s, FPOP_RINT, FPU_RZ)
FP_SCALAR(FRINTA_s, FPOP_RINT, FPU_RA)
FP_SCALAR(FRINTX_s, FPOP_RINTX, 0)
FP_SCALAR(FRINTI_s, FPOP_RINT, FP_RM_FPCR)

/* FCVT between half, single and double (opc: the target's ftype). */
bool trans_FCVT_s(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned from = fp_fmt(in->f[A64_F_ftype]), to = fp_fmt(in->f[A64_F_opc]);
    if (!from || !to || from == to)
        return false;
    ir_val r = call_scalar(t, fp_read(t, in->f[A64_F_Rn], from), ir_const(t->b, 0),
                           FP_SDESC(FPS_CVT, from, to));
    tr_setv64(t, in->f[A64_F_Rd], r);
    return true;
}

/* FMADD, FMSUB, FNMADD, FNMSUB: FPNeg of Vn and/or Va, then FPMulAdd. */
static bool fma_op(struct ir_tctx *t, const struct a64_insn *in, bool neg_n, bool neg_a)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]);
    if (!f)
        return false;
    ir_call_pure(t->b, IR_HELPER_fp_fma,
                 ir_const(t->b, FP_DESC(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm],
                                        in->f[A64_F_Ra], 0, f, 1, 0, 0)),
                 ir_const(t->b, neg_n), ir_const(t->b, neg_a));
    return true;
}
bool trans_FMADD(struct ir_tctx *t, const struct a64_insn *in) { return fma_op(t, in, 0, 0); }
bool trans_FMSUB(struct ir_tctx *t, const struct a64_insn *in) { return fma_op(t, in, 1, 0); }
bool trans_FNMADD(struct ir_tctx *t, const struct a64_insn *in) { return fma_op(t, in, 1, 1); }
bool trans_FNMSUB(struct ir_tctx *t, const struct a64_insn *in) { return fma_op(t, in, 0, 1); }

/* FCMP/FCMPE (FCMPE signals on quiet NaNs too); the #0.0 forms ignore Rm. */
static bool cmp_op(struct ir_tctx *t, const struct a64_insn *in, enum fp_sop op, bool zero)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]);
    if (!f)
        return false;
    ir_val x = fp_read(t, in->f[A64_F_Rn], f);
    ir_val y = zero ? ir_const(t->b, 0) : fp_read(t, in->f[A64_F_Rm], f);
    ir_set_nzcv(t->b, call_scalar(t, x, y, FP_SDESC(op, f, 0)));
    return true;
}
bool trans_FCMP(struct ir_tctx *t, const struct a64_insn *in) { return cmp_op(t, in, FPS_CMP, 0); }
bool trans_FCMP_zero(struct ir_tctx *t, const struct a64_insn *in)
{
    return cmp_op(t, in, FPS_CMP, 1);
}
bool trans_FCMPE(struct ir_tctx *t, const struct a64_insn *in)
{
    return cmp_op(t, in, FPS_CMPE, 0);
}
bool trans_FCMPE_zero(struct ir_tctx *t, const struct a64_insn *in)
{
    return cmp_op(t, in, FPS_CMPE, 1);
}

/* FCCMP/FCCMPE: the comparison (and its exceptions) only when cond holds. */
static bool ccmp_op(struct ir_tctx *t, const struct a64_insn *in, enum fp_sop op)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]);
    if (!f)
        return false;
    ir_val x = fp_read(t, in->f[A64_F_Rn], f), y = fp_read(t, in->f[A64_F_Rm], f);
    ir_val cond = ir_bini(t->b, IR_SHL, IR_I64, tr_cond(t, in->f[A64_F_cond]), FP_SDESC_COND_BIT);
    ir_val c = ir_bini(t->b, IR_OR, IR_I64, cond, FP_SDESC(op, f, in->f[A64_F_nzcv]));
    ir_set_nzcv(t->b, ir_call_pure(t->b, IR_HELPER_fp_scalar, x, y, c));
    return true;
}
bool trans_FCCMP(struct ir_tctx *t, const struct a64_insn *in) { return ccmp_op(t, in, FPS_CCMP); }
bool trans_FCCMPE(struct ir_tctx *t, const struct a64_insn *in)
{
    return ccmp_op(t, in, FPS_CCMPE);
}

bool trans_FCSEL(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]);
    if (!f)
        return false;
    ir_val x = fp_read(t, in->f[A64_F_Rn], f), y = fp_read(t, in->f[A64_F_Rm], f);
    tr_setv64(t, in->f[A64_F_Rd],
              ir_emit(t->b, IR_SELECT, IR_I64, tr_cond(t, in->f[A64_F_cond]), x, y, 0, 0));
    return true;
}

bool trans_FMOV_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]);
    if (!f)
        return false;
    tr_setv64(t, in->f[A64_F_Rd], ir_const(t->b, simd_fp_imm(in->f[A64_F_imm8], 8u << f)));
    return true;
}

/* FCVT[NPMZA][SU] to Wd/Xd, and FCVTZ[SU] with fbits (fixed point). */
static bool to_int(struct ir_tctx *t, const struct a64_insn *in, unsigned rm, bool uns,
                   unsigned fbits)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]), sf = in->f[A64_F_sf];
    if (!f)
        return false;
    ir_val r = call_scalar(t, fp_read(t, in->f[A64_F_Rn], f), ir_const(t->b, 0),
                           FP_SDESC(FPS_TOINT, f, fbits | rm << 8 | uns << 11 | sf << 12));
    if (sf)
        tr_write_x(t, in->f[A64_F_Rd], r);
    else
        tr_write_w(t, in->f[A64_F_Rd], r);
    return true;
}

/* SCVTF/UCVTF from Wn/Xn, with fbits for the fixed-point forms. */
static bool from_int(struct ir_tctx *t, const struct a64_insn *in, bool uns, unsigned fbits)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]), sf = in->f[A64_F_sf];
    if (!f)
        return false;
    ir_val r = call_scalar(t, tr_read_x(t, in->f[A64_F_Rn]), ir_const(t->b, 0),
                           FP_SDESC(FPS_FROMINT, f, fbits | FP_RM_FPCR << 8 | uns << 11 | sf << 12));
    tr_setv64(t, in->f[A64_F_Rd], r);
    return true;
}

#define FP_TO_INT(name, rm, uns)                                                                   \
    bool trans_##name(struct ir_tctx *t, const struct a64_insn *in)                                \
    {                                                                                              \
        return to_int(t, in, rm, uns, 0);                                                          \
    }
FP_TO_INT(FCVTNS_g, FPU_RN, 0)
FP_TO_INT(FCVTNU_g, FPU_RN, 1)
FP_TO_INT(FCVTAS_g, FPU_RA, 0)
FP_TO_INT(FCVTAU_g, FPU_RA, 1)
FP_TO_INT(FCVTPS_g, FPU_RP, 0)
FP_TO_INT(FCVTPU_g, FPU_RP, 1)
FP_TO_INT(FCVTMS_g, FPU_RM, 0)
FP_TO_INT(FCVTMU_g, FPU_RM, 1)
FP_TO_INT(FCVTZS_g, FPU_RZ, 0)
FP_TO_INT(FCVTZU_g, FPU_RZ, 1)

bool trans_SCVTF_g(struct ir_tctx *t, const struct a64_insn *in) { return from_int(t, in, 0, 0); }
bool trans_UCVTF_g(struct ir_tctx *t, const struct a64_insn *in) { return from_int(t, in, 1, 0); }

/* Fixed-point forms: fbits = 64 - scale, at most the integer's width. */
static int fix_fbits(const struct a64_insn *in)
{
    unsigned scale = in->f[A64_F_scale];
    if (!in->f[A64_F_sf] && scale < 32)
        return -1;
    return 64 - (int)scale;
}
bool trans_SCVTF_gfix(struct ir_tctx *t, const struct a64_insn *in)
{
    return fix_fbits(in) >= 0 && from_int(t, in, 0, (unsigned)fix_fbits(in));
}
bool trans_UCVTF_gfix(struct ir_tctx *t, const struct a64_insn *in)
{
    return fix_fbits(in) >= 0 && from_int(t, in, 1, (unsigned)fix_fbits(in));
}
bool trans_FCVTZS_gfix(struct ir_tctx *t, const struct a64_insn *in)
{
    return fix_fbits(in) >= 0 && to_int(t, in, FPU_RZ, 0, (unsigned)fix_fbits(in));
}
bool trans_FCVTZU_gfix(struct ir_tctx *t, const struct a64_insn *in)
{
    return fix_fbits(in) >= 0 && to_int(t, in, FPU_RZ, 1, (unsigned)fix_fbits(in));
}

/* FMOV between general and FP registers: sf must match single (0) or double
 * (1); half precision goes with either. */
static unsigned fmov_fmt(const struct a64_insn *in)
{
    unsigned f = fp_fmt(in->f[A64_F_ftype]);
    if (f == FPU_H || (f && (f == FPU_D) == (in->f[A64_F_sf] == 1)))
        return f;
    return 0;
}
bool trans_FMOV_to_g(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned f = fmov_fmt(in);
    if (!f)
        return false;
    tr_write_x(t, in->f[A64_F_Rd], fp_read(t, in->f[A64_F_Rn], f));
    return true;
}
bool trans_FMOV_from_g(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned f = fmov_fmt(in);
    if (!f)
        return false;
    ir_val v = tr_read_x(t, in->f[A64_F_Rn]);
    if (f != FPU_D)
        v = ir_un(t->b, f == FPU_S ? IR_ZEXT32 : IR_ZEXT16, IR_I64, v);
    tr_setv64(t, in->f[A64_F_Rd], v);
    return true;
}
bool trans_FMOV_top_to_g(struct ir_tctx *t, const struct a64_insn *in)
{
    tr_write_x(t, in->f[A64_F_Rd], tr_getv(t, in->f[A64_F_Rn], 1));
    return true;
}
/* FMOV Vd.D[1], Xn leaves the low half alone. */
bool trans_FMOV_top_from_g(struct ir_tctx *t, const struct a64_insn *in)
{
    tr_setv(t, in->f[A64_F_Rd], 1, tr_read_x(t, in->f[A64_F_Rn]));
    return true;
}

/* FJCVTZS (Armv8.3): Wd = the double truncated modulo 2^32; Z set when exact
 * and in range, N, C, V cleared. */
bool trans_FJCVTZS(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_val r = call_scalar(t, tr_getv(t, in->f[A64_F_Rn], 0), ir_const(t->b, 0),
                           FP_SDESC(FPS_FJCVTZS, FPU_D, 0));
    tr_write_w(t, in->f[A64_F_Rd], r);
    ir_val z = ir_bini(t->b, IR_AND, IR_I64, ir_bini(t->b, IR_LSR, IR_I64, r, 2), 1ull << 30);
    ir_set_nzcv(t->b, z);
    return true;
}
