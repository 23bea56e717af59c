/* JIT lowering of floating point onto the host's BFP unit and, with the vector facility,
 * its vector FP instructions (backend-s390x/README.md "Scalar floating point", "AdvSIMD on the
 * vector facility").
 *
 * FP helper calls of the common operations become z/Architecture BFP instructions on the V
 * registers in the CPU state.  Arm and IEEE-754 (which s390x BFP implements) agree on every
 * finite, normal result computed in round-to-nearest, and on its inexact flag; the rest (a NaN
 * or infinity, a result at or below the smallest normal (Arm detects tininess before rounding,
 * s390x after), any flag but inexact, FPCR modes other than Arm's default) re-runs the helper,
 * which works from the untouched operands.  The host's FPC is cleared before each such
 * operation, so its flags are the operation's own. */
#include "backend-s390x/jit_ctx.h"

/* FPCR: AHP, DN, FZ, RMode, Stride/Len, FZ16 (26:19) and NEP, AH, FIZ (2:0) all clear. */
#define FPCR_NATIVE_MASK 0x07f80007u

enum fp_kind {
    FPN_ADD, FPN_SUB, FPN_MUL, FPN_DIV, FPN_NMUL, FPN_SQRT, FPN_FMA, /* on V registers */
    FPN_CMP, FPN_CMPE, FPN_FROMINT, FPN_TOINT, FPN_CVT,           /* on values (fp_scalar) */
};

struct fp_native {
    enum fp_kind kind;
    bool dbl;
    unsigned rd, rn, rm, ra;
    bool neg_n, neg_a;
    /* The value ops: unsigned, 64-bit integer, rounding mask (M3) of a conversion to integer,
     * and for CVT whether the result is double. */
    bool uns, wide, to_dbl;
    int m3;
};

/* fp_scalar's value operations: FCMP(E), SCVTF/UCVTF and FCVT[NPMZA][SU] without fraction
 * bits, FCVT between single and double. */
static bool fp_value_of(struct jctx *J, const struct ir_insn *i, struct fp_native *o)
{
    if (i->imm != IR_HELPER_fp_scalar || !i->arg[2] || !J->is_const[i->arg[2]])
        return false;
    uint64_t c = J->cval[i->arg[2]];
    unsigned f = (c >> 8) & 3, imm = (unsigned)(c >> 16) & 0xffff;
    if (f != FPU_S && f != FPU_D)
        return false;
    /* The BFP rounding masks of Arm's explicit modes (RN, RP, RM, RZ, RA); FPCR's = the FPC's. */
    static const int m3_of[8] = {4, 6, 7, 5, 1, -1, -1, 0};
    *o = (struct fp_native){.dbl = f == FPU_D, .uns = (imm >> 11) & 1, .wide = (imm >> 12) & 1,
                            .m3 = m3_of[(imm >> 8) & 7]};
    switch ((enum fp_sop)(c & 0xff)) {
    case FPS_CMP: o->kind = FPN_CMP; return true;
    case FPS_CMPE: o->kind = FPN_CMPE; return true;
    case FPS_FROMINT: o->kind = FPN_FROMINT; return !(imm & 0xff) && o->m3 == 0;
    case FPS_TOINT: o->kind = FPN_TOINT; return !(imm & 0xff) && o->m3 >= 0;
    case FPS_CVT:
        o->kind = FPN_CVT;
        o->to_dbl = (imm & 3) == FPU_D;
        return (imm & 3) == (f == FPU_D ? FPU_S : FPU_D);
    default: return false;
    }
}

/* FPR f = the single or double whose bits temp t holds (a single in the low 32 bits). */
static void fp_from_gpr(struct jctx *J, int f, ir_val t, bool dbl)
{
    int r = jit_use(J, t, R_S1);
    if (!dbl) {
        S390_EMIT(B, RSY, SLLG, R_S1, r, 0, 32);
        r = R_S1;
    }
    S390_EMIT(B, RRE, LDGR, f, r);
}

/* The value op's native code: the result in R_S0; branches to slow for the helper. */
static void fp_value(struct jctx *J, const struct ir_insn *i, const struct fp_native *o,
                     struct s390_label *slow)
{
    bool d = o->dbl;
    switch (o->kind) {
    case FPN_CMP:
    case FPN_CMPE: {
        /* Ordered operands raise nothing; unordered (CC 3) goes to the helper for its flags.
         * NZCV from the condition code: equal 0110, low 1000, high 0010. */
        fp_from_gpr(J, 0, i->arg[0], d);
        fp_from_gpr(J, 2, i->arg[1], d);
        static const enum s390_insn cmp[2][2] = {{RRE_CEBR, RRE_KEBR}, {RRE_CDBR, RRE_KDBR}};
        s390_emit_RRE(B, cmp[d][o->kind == FPN_CMPE], 0, 2);
        S390_EMIT_LABEL(B, RIc, BRC, 1, slow);
        S390_EMIT(B, RRE, IPM, R_S1, 0);
        S390_EMIT(B, RIEf, RISBG, R_S1, R_S1, 60, 61 | 0x80, 38); /* cc * 4 */
        S390_EMIT(B, RI, LGHI, R_S0, 0x3286);                     /* nibble per cc */
        S390_EMIT(B, RSY, SRLG, R_S0, R_S0, R_S1, 0);
        S390_EMIT(B, RIEf, RISBG, R_S0, R_S0, 32, 35 | 0x80, 28);
        return;
    }
    case FPN_FROMINT: {
        int r = jit_use(J, i->arg[0], R_S1);
        static const enum s390_insn sgn[2][2] = {{RRE_CEFBR, RRE_CEGBR}, {RRE_CDFBR, RRE_CDGBR}};
        static const enum s390_insn uns[2][2] = {{RRFe_CELFBR, RRFe_CELGBR},
                                                 {RRFe_CDLFBR, RRFe_CDLGBR}};
        if (o->uns)
            s390_emit_RRFe(B, uns[d][o->wide], 0, 0, r, 0);
        else
            s390_emit_RRE(B, sgn[d][o->wide], 0, r);
        break;
    }
    case FPN_TOINT: {
        fp_from_gpr(J, 0, i->arg[0], d);
        static const enum s390_insn ins[2][2][2] = {
            {{RRFe_CFEBR, RRFe_CGEBR}, {RRFe_CLFEBR, RRFe_CLGEBR}},
            {{RRFe_CFDBR, RRFe_CGDBR}, {RRFe_CLFDBR, RRFe_CLGDBR}},
        };
        S390_EMIT(B, RI, LGHI, R_S0, 0);
        s390_emit_RRFe(B, ins[d][o->uns][o->wide], R_S0, o->m3, 0, 0);
        break;
    }
    case FPN_CVT:
        fp_from_gpr(J, 2, i->arg[0], d);
        if (o->to_dbl)
            S390_EMIT(B, RRE, LDEBR, 0, 2);
        else
            S390_EMIT(B, RRE, LEDBR, 0, 2);
        break;
    default:
        break;
    }
}

/* Whether the helper call i is one of the operations above, and what it does. */
static bool fp_native_of(struct jctx *J, const struct ir_insn *i, struct fp_native *o)
{
    if (i->op != IR_CALL || !i->arg[0] || !J->is_const[i->arg[0]])
        return false;
    uint64_t d = J->cval[i->arg[0]];
    unsigned f = FP_D_F(d);
    if ((f != FPU_S && f != FPU_D) || FP_D_IMM(d) || (d & (FP_PAIRWISE | FP_INDEXED)))
        return false;
    *o = (struct fp_native){.dbl = f == FPU_D, .rd = FP_D_RD(d), .rn = FP_D_RN(d),
                            .rm = FP_D_RM(d), .ra = FP_D_RA(d)};
    if (i->imm == IR_HELPER_fp_fma) {
        if (!i->arg[1] || !i->arg[2] || !J->is_const[i->arg[1]] || !J->is_const[i->arg[2]])
            return false;
        o->kind = FPN_FMA;
        o->neg_n = J->cval[i->arg[1]] != 0;
        o->neg_a = J->cval[i->arg[2]] != 0;
        return true;
    }
    if (i->imm != IR_HELPER_fp_lanes || !FP_D_SCALAR(d))
        return false;
    switch (FP_D_OP(d)) {
    case FPOP_ADD: o->kind = FPN_ADD; return true;
    case FPOP_SUB: o->kind = FPN_SUB; return true;
    case FPOP_MUL: o->kind = FPN_MUL; return true;
    case FPOP_DIV: o->kind = FPN_DIV; return true;
    case FPOP_NMUL: o->kind = FPN_NMUL; return true;
    case FPOP_SQRT: o->kind = FPN_SQRT; return true;
    default: return false;
    }
}

/* Loads lane 0 of V[r] (a double, or a single in the low half of the low doubleword). */
static void fp_load(struct jctx *J, int f, unsigned r, bool dbl)
{
    if (dbl)
        S390_EMIT(B, RX, LD, f, 0, R_ENV, OFF_V(r, 0));
    else
        S390_EMIT(B, RX, LE, f, 0, R_ENV, OFF_V(r, 0) + 4);
}

/* FPR f = -f (the sign flipped, as FPNeg). */
static void fp_negate(struct jctx *J, int f, bool dbl)
{
    s390_emit_RRE(B, dbl ? RRE_LCDBR : RRE_LCEBR, f, f);
}

static void fp_arith(struct jctx *J, const struct fp_native *o)
{
    bool d = o->dbl;
    fp_load(J, 0, o->kind == FPN_FMA ? o->ra : o->rn, d);
    if (o->kind == FPN_SQRT) {
        if (d)
            S390_EMIT(B, RRE, SQDBR, 0, 0);
        else
            S390_EMIT(B, RRE, SQEBR, 0, 0);
        return;
    }
    if (o->kind == FPN_FMA) {
        /* V[a] + V[n] * V[m] rounded once: MADBR f0, f2, f4 is f0 = f2 * f4 + f0. */
        fp_load(J, 2, o->rn, d);
        fp_load(J, 4, o->rm, d);
        if (o->neg_n)
            fp_negate(J, 2, d);
        if (o->neg_a)
            fp_negate(J, 0, d);
        if (d)
            S390_EMIT(B, RRD, MADBR, 0, 2, 4);
        else
            S390_EMIT(B, RRD, MAEBR, 0, 2, 4);
        return;
    }
    fp_load(J, 2, o->rm, d);
    static const enum s390_insn ops[2][5] = {
        {RRE_AEBR, RRE_SEBR, RRE_MEEBR, RRE_DEBR, RRE_MEEBR},
        {RRE_ADBR, RRE_SDBR, RRE_MDBR, RRE_DDBR, RRE_MDBR},
    };
    s390_emit_RRE(B, ops[d][o->kind], 0, 2);
    if (o->kind == FPN_NMUL)
        fp_negate(J, 0, d);
}

/* Every native operation starts here: FPCR must have Arm's default modes (else to slow), and
 * the FPC is cleared so that its flags afterwards are the operation's own. */
static void fp_guard(struct jctx *J, struct s390_label *slow, struct s390_label *done)
{
    s390_label_init(slow);
    s390_label_init(done);
    S390_EMIT(B, RXY, LLGF, R_S1, 0, R_ENV, OFF_FPCR);
    S390_EMIT(B, RIL, NILF, R_S1, FPCR_NATIVE_MASK);
    S390_EMIT_LABEL(B, RIc, BRC, 7, slow);
    S390_EMIT(B, RRE, SFPC, R_S1, 0); /* R_S1 is 0 here: no flags, no traps, nearest */
}

/* The exponent test of a result in f0: biased exponent 2 .. max-1 (no zero, subnormal,
 * smallest-normal binade, infinity or NaN), else to slow. */
static void fp_check_exponent(struct jctx *J, bool dbl, struct s390_label *slow)
{
    S390_EMIT(B, RRE, LGDR, R_S1, 0);
    if (dbl)
        S390_EMIT(B, RIEf, RISBG, R_S1, R_S1, 53, 63 | 0x80, 12);
    else
        S390_EMIT(B, RIEf, RISBG, R_S1, R_S1, 56, 63 | 0x80, 9);
    S390_EMIT(B, RI, AHI, R_S1, -2);
    S390_EMIT(B, RIL, CLFI, R_S1, dbl ? 0x7ff - 3 : 0xff - 3);
    S390_EMIT_LABEL(B, RIc, BRC, 2, slow);
}

static bool lower_scalar(struct jctx *J, uint32_t k, const struct ir_insn *i)
{
    struct fp_native o;
    bool value = false;
    if (i->op != IR_CALL)
        return false;
    if (!fp_native_of(J, i, &o)) {
        if (!fp_value_of(J, i, &o))
            return false;
        value = true;
    }
    struct s390_label slow, done, flagged, check;
    s390_label_init(&flagged);
    s390_label_init(&check);
    fp_guard(J, &slow, &done);
    if (value)
        fp_value(J, i, &o, &slow);
    else
        fp_arith(J, &o);
    if (o.kind != FPN_CMP && o.kind != FPN_CMPE) {
        S390_EMIT(B, RRE, EFPC, R_S1, 0);
        S390_EMIT(B, RR, LTR, R_S1, R_S1);
        S390_EMIT_LABEL(B, RIc, BRC, 7, &flagged);
    }
    s390_label_bind(B, &check);
    if (!value) {
        fp_check_exponent(J, o.dbl, &slow);
        if (o.dbl) {
            S390_EMIT(B, RX, STD, 0, 0, R_ENV, OFF_V(o.rd, 0));
        } else {
            S390_EMIT(B, RX, STE, 0, 0, R_ENV, OFF_V(o.rd, 0) + 4);
            S390_EMIT(B, SIL, MVHI, R_ENV, OFF_V(o.rd, 0), 0);
        }
        S390_EMIT(B, SIL, MVGHI, R_ENV, OFF_V(o.rd, 1), 0); /* a scalar result zeroes the rest */
    } else if (o.kind == FPN_CVT) {
        if (!o.to_dbl)
            fp_check_exponent(J, false, &slow); /* narrowing rounds */
        S390_EMIT(B, RRE, LGDR, R_S0, 0);
        if (!o.to_dbl)
            S390_EMIT(B, RSY, SRLG, R_S0, R_S0, 0, 32);
    } else if (o.kind == FPN_FROMINT) {
        S390_EMIT(B, RRE, LGDR, R_S0, 0);
        if (!o.dbl)
            S390_EMIT(B, RSY, SRLG, R_S0, R_S0, 0, 32);
    }
    S390_EMIT_LABEL(B, RIc, BRC, 15, &done);
    if (o.kind != FPN_CMP && o.kind != FPN_CMPE) {
        /* Flags: inexact alone is Arm's IXC (FPSR bit 4); anything else is the helper's. */
        s390_label_bind(B, &flagged);
        S390_EMIT(B, RI, TMLH, R_S1, 0x00f0);
        S390_EMIT_LABEL(B, RIc, BRC, 7, &slow);
        S390_EMIT(B, SI, OI, R_ENV, OFF_FPSR + 3, 0x10);
        S390_EMIT_LABEL(B, RIc, BRC, 15, &check);
    }
    s390_label_bind(B, &slow);
    jit_emit_call(J, k, i, value && i->dst ? JIT_DST_S0 : i->dst);
    s390_label_bind(B, &done);
    if (value && i->dst) {
        jit_alloc_dst(J, i->dst);
        int d = jit_dst(J, i->dst);
        S390_EMIT(B, RRE, LGR, d, R_S0);
        jit_dst_done(J, i->dst, d);
    }
    return true;
}

/* Vector FP lanes (128-bit FADD/FSUB/FMUL/FDIV/FMLA, double on the vector facility, single
 * with vector-enhancements 1): the scalar path's conditions for every lane at once.  The
 * exponent test shifts each lane's exponent down, subtracts 2 and compares it unsigned with
 * max-3 (VCHL with the condition code: CC 3 = no lane out of range). */
static bool lower_vector(struct jctx *J, uint32_t k, const struct ir_insn *i)
{
    if (!J->vx || i->op != IR_CALL || i->imm != IR_HELPER_fp_lanes || !i->arg[0] ||
        !J->is_const[i->arg[0]])
        return false;
    uint64_t d = J->cval[i->arg[0]];
    unsigned f = FP_D_F(d), fmt = f == FPU_D ? 3 : 2;
    enum fp_op op = FP_D_OP(d);
    if (FP_D_SCALAR(d) || !FP_D_Q(d) || FP_D_IMM(d) || (d & (FP_PAIRWISE | FP_INDEXED)) ||
        !(f == FPU_D || (f == FPU_S && J->vxe)) ||
        !(op == FPOP_ADD || op == FPOP_SUB || op == FPOP_MUL || op == FPOP_DIV || op == FPOP_MLA))
        return false;
    struct s390_label slow, done, exact;
    s390_label_init(&exact);
    fp_guard(J, &slow, &done);
    jit_vload(J, VS0, FP_D_RN(d));
    jit_vload(J, VS1, FP_D_RM(d));
    switch (op) {
    case FPOP_ADD: S390_EMIT(B, VRRc, VFA, VS0, VS0, VS1, (int)fmt, 0, 0); break;
    case FPOP_SUB: S390_EMIT(B, VRRc, VFS, VS0, VS0, VS1, (int)fmt, 0, 0); break;
    case FPOP_MUL: S390_EMIT(B, VRRc, VFM, VS0, VS0, VS1, (int)fmt, 0, 0); break;
    case FPOP_DIV: S390_EMIT(B, VRRc, VFD, VS0, VS0, VS1, (int)fmt, 0, 0); break;
    default: /* MLA: Vd + Vn * Vm, rounded once */
        jit_vload(J, VS2, FP_D_RD(d));
        S390_EMIT(B, VRRe, VFMA, VS0, VS0, VS1, VS2, 0, (int)fmt);
        break;
    }
    S390_EMIT(B, RRE, EFPC, R_S1, 0);
    S390_EMIT(B, RI, TMLH, R_S1, 0x00f0);
    S390_EMIT_LABEL(B, RIc, BRC, 7, &slow);
    bool dbl = f == FPU_D;
    S390_EMIT(B, VRSa, VESRL, VS1, VS0, 0, dbl ? 52 : 23, (int)fmt);
    S390_EMIT(B, VRIa, VREPI, VS2, dbl ? 0x7ff : 0xff, (int)fmt);
    S390_EMIT(B, VRRc, VN, VS1, VS1, VS2, 0, 0, 0);
    S390_EMIT(B, VRIa, VREPI, VS2, 2, (int)fmt);
    S390_EMIT(B, VRRc, VS, VS1, VS1, VS2, (int)fmt, 0, 0);
    S390_EMIT(B, VRIa, VREPI, VS2, dbl ? 0x7ff - 3 : 0xff - 3, (int)fmt);
    S390_EMIT(B, VRRb, VCHL, VS1, VS1, VS2, (int)fmt, 1);
    S390_EMIT_LABEL(B, RIc, BRC, 12, &slow);
    S390_EMIT(B, RI, TMLH, R_S1, 0x0008);
    S390_EMIT_LABEL(B, RIc, BRC, 8, &exact);
    S390_EMIT(B, SI, OI, R_ENV, OFF_FPSR + 3, 0x10);
    s390_label_bind(B, &exact);
    S390_EMIT(B, VRX, VST, VS0, 0, R_ENV, OFF_V(FP_D_RD(d), 0), 0);
    S390_EMIT_LABEL(B, RIc, BRC, 15, &done);
    s390_label_bind(B, &slow);
    jit_emit_call(J, k, i, i->dst);
    s390_label_bind(B, &done);
    return true;
}

/* Any FP helper call this file lowers natively (with the helper as the slow path). */
bool jit_lower_fp(struct jctx *J, uint32_t k, const struct ir_insn *i)
{
    return lower_scalar(J, k, i) || lower_vector(J, k, i);
}
