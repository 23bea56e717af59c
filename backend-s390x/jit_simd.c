/* JIT lowering of AdvSIMD integer lane operations onto the z13 vector facility
 * (backend-s390x/README.md "AdvSIMD on the vector facility").
 *
 * A V register in the CPU state is two host-endian doublewords (lane 0 in the low bits of the
 * first), so on this big-endian host a VL of it gives the lanes of each doubleword in reverse
 * element order, the doublewords in order.  Lane-wise operations on elements of one size are
 * indifferent to that order: they run as one vector instruction between a VL and a VST.  The
 * widening ones unpack a doubleword (VUPH/VUPL and the logical forms) and swap the halves
 * of the result (VPDI), which puts each wide lane where Arm has it.  A 64-bit (Q = 0) result
 * zeroes the upper doubleword afterwards. */
#include "backend-s390x/jit_ctx.h"

/* VS0 = the lane mask of a OP b for CMEQ, CMGT, CMHI, CMGE, CMHS (GE: not b > a). */
static void v_compare(struct jctx *J, unsigned op, int a, int b, unsigned size)
{
    bool ge = op == SIMD_CMGE || op == SIMD_CMHS;
    enum s390_insn insn = op == SIMD_CMEQ                     ? VRRb_VCEQ
                          : op == SIMD_CMGT || op == SIMD_CMGE ? VRRb_VCH
                                                               : VRRb_VCHL;
    s390_emit_VRRb(B, insn, VS0, ge ? b : a, ge ? a : b, (int)size, 0);
    if (ge)
        S390_EMIT(B, VRRc, VNO, VS0, VS0, VS0, 0, 0, 0);
}

/* v = v1 OP v2 for the three-same operations; false if not one of them. */
static bool v_3same(struct jctx *J, unsigned op, unsigned size, unsigned rd)
{
    int x = VS0, y = VS1;
    switch (op) {
    case SIMD_ADD: S390_EMIT(B, VRRc, VA, x, x, y, (int)size, 0, 0); return true;
    case SIMD_SUB: S390_EMIT(B, VRRc, VS, x, x, y, (int)size, 0, 0); return true;
    case SIMD_CMEQ: case SIMD_CMGT: case SIMD_CMHI: case SIMD_CMGE: case SIMD_CMHS:
        v_compare(J, op, x, y, size);
        return true;
    case SIMD_CMTST: /* (n & m) != 0 */
        S390_EMIT(B, VRRc, VN, x, x, y, 0, 0, 0);
        S390_EMIT(B, VRIa, VGBM, VS2, 0, 0);
        S390_EMIT(B, VRRb, VCEQ, x, x, VS2, (int)size, 0);
        S390_EMIT(B, VRRc, VNO, x, x, x, 0, 0, 0);
        return true;
    case SIMD_SMAX: S390_EMIT(B, VRRc, VMX, x, x, y, (int)size, 0, 0); return true;
    case SIMD_UMAX: S390_EMIT(B, VRRc, VMXL, x, x, y, (int)size, 0, 0); return true;
    case SIMD_SMIN: S390_EMIT(B, VRRc, VMN, x, x, y, (int)size, 0, 0); return true;
    case SIMD_UMIN: S390_EMIT(B, VRRc, VMNL, x, x, y, (int)size, 0, 0); return true;
    case SIMD_MUL:
    case SIMD_MLA:
    case SIMD_MLS:
        if (size == 3)
            return false;
        S390_EMIT(B, VRRc, VML, x, x, y, (int)size, 0, 0);
        if (op == SIMD_MUL)
            return true;
        jit_vload(J, VS2, rd);
        if (op == SIMD_MLA)
            S390_EMIT(B, VRRc, VA, x, VS2, x, (int)size, 0, 0);
        else
            S390_EMIT(B, VRRc, VS, x, VS2, x, (int)size, 0, 0);
        return true;
    default:
        return false;
    }
}

/* Pairwise ADDP/[SU]MAXP/[SU]MINP, 128-bit: each pair of lanes is one element of twice the
 * size; the pair's second lane shifted onto its first and combined leaves the result in the
 * low half of that element, VPK gathers the low halves of Vn's then Vm's, and rotating each
 * doubleword by 32 restores Arm's lane order (VPK takes a doubleword's pairs in reverse). */
static bool v_pairwise(struct jctx *J, unsigned op, unsigned size)
{
    static const struct {
        unsigned op;
        enum s390_insn insn;
    } comb[] = {{SIMD_ADDP, VRRc_VA},    {SIMD_UMAXP, VRRc_VMXL}, {SIMD_SMAXP, VRRc_VMX},
                {SIMD_UMINP, VRRc_VMNL}, {SIMD_SMINP, VRRc_VMN}};
    for (unsigned n = 0; n < sizeof comb / sizeof comb[0]; n++) {
        if (comb[n].op != op)
            continue;
        for (int v = VS0; v <= VS1; v++) {
            S390_EMIT(B, VRSa, VESRL, VS2, v, 0, 8 << size, (int)size + 1);
            s390_emit_VRRc(B, comb[n].insn, v, v, VS2, (int)size, 0, 0);
        }
        S390_EMIT(B, VRRc, VPK, VS0, VS0, VS1, (int)size + 1, 0, 0);
        S390_EMIT(B, VRSa, VERLL, VS0, VS0, 0, 32, 3);
        return true;
    }
    return false;
}

/* v = the half (upper if hi) of v widened, its doublewords swapped (VPDI 4 puts each wide lane
 * where Arm has it; lane-wise operations on two such values may swap their result once). */
static void v_unpack(struct jctx *J, int v, unsigned size, bool hi, bool uns)
{
    static const enum s390_insn unpack[2][2] = {{VRRa_VUPH, VRRa_VUPL}, {VRRa_VUPLH, VRRa_VUPLL}};
    s390_emit_VRRa(B, unpack[uns][hi], v, v, (int)size, 0, 0);
}

static void v_swap(struct jctx *J, int v)
{
    S390_EMIT(B, VRRc, VPDI, v, v, v, 4, 0, 0);
}

/* A compare with zero (two-register miscellaneous). */
static bool v_cmp0(struct jctx *J, unsigned op, unsigned size)
{
    int x = VS0, z = VS2;
    S390_EMIT(B, VRIa, VGBM, z, 0, 0);
    switch (op) {
    case SIMD_CMEQ0: v_compare(J, SIMD_CMEQ, x, z, size); return true;
    case SIMD_CMGT0: v_compare(J, SIMD_CMGT, x, z, size); return true;
    case SIMD_CMLT0: v_compare(J, SIMD_CMGT, z, x, size); return true;
    case SIMD_CMGE0: v_compare(J, SIMD_CMGE, x, z, size); return true;
    case SIMD_CMLE0: v_compare(J, SIMD_CMGE, z, x, size); return true;
    default: return false;
    }
}

/* Which calls lower here: the vector (not scalar) forms of the operations below. */
static bool simd_native_ok(struct jctx *J, const struct ir_insn *i, uint64_t *args,
                           unsigned *op, unsigned *imm)
{
    if (!J->vx || i->op != IR_CALL)
        return false;
    for (int a = 0; a < 3; a++)
        if (!i->arg[a] || !J->is_const[i->arg[a]])
            return false;
    *args = J->cval[i->arg[0]];
    *op = (unsigned)J->cval[i->arg[1]];
    *imm = (unsigned)J->cval[i->arg[2]];
    if (SIMD_SCALAR(*args))
        return false;
    unsigned size = SIMD_SIZE(*args), esize = 8u << size;
    switch (i->imm) {
    case IR_HELPER_simd_3same:
        switch (*op) {
        case SIMD_ADD: case SIMD_SUB: case SIMD_CMEQ: case SIMD_CMGT: case SIMD_CMHI:
        case SIMD_CMGE: case SIMD_CMHS: case SIMD_CMTST: case SIMD_SMAX: case SIMD_UMAX:
        case SIMD_SMIN: case SIMD_UMIN:
            return true;
        case SIMD_MUL: case SIMD_MLA: case SIMD_MLS:
            return size < 3;
        case SIMD_ADDP: case SIMD_UMAXP: case SIMD_SMAXP: case SIMD_UMINP: case SIMD_SMINP:
            return size < 3 && SIMD_Q(*args);
        default:
            return false;
        }
    case IR_HELPER_simd_3diff:
        switch (*op) {
        case SIMD_UADDW: case SIMD_SADDW: case SIMD_UADDL: case SIMD_SADDL:
        case SIMD_USUBW: case SIMD_SSUBW: case SIMD_USUBL: case SIMD_SSUBL:
            return size < 3;
        case SIMD_SMULL: case SIMD_UMULL: case SIMD_SMLAL: case SIMD_UMLAL: case SIMD_SMLSL:
        case SIMD_UMLSL:
            return size < 2; /* the wide product fits a word: VML */
        default:
            return false;
        }
    case IR_HELPER_simd_2misc:
        return *op == SIMD_CMEQ0 || *op == SIMD_CMGT0 || *op == SIMD_CMLT0 ||
               *op == SIMD_CMGE0 || *op == SIMD_CMLE0 || *op == SIMD_NEG || *op == SIMD_ABS ||
               *op == SIMD_NOT;
    case IR_HELPER_simd_shift:
        return (*op == SIMD_SHL && *imm < esize) ||
               ((*op == SIMD_SSHR || *op == SIMD_USHR) && *imm >= 1 && *imm <= esize);
    default:
        return false;
    }
}

bool jit_lower_simd(struct jctx *J, const struct ir_insn *i)
{
    uint64_t a;
    unsigned op, imm;
    if (!simd_native_ok(J, i, &a, &op, &imm))
        return false;
    unsigned size = SIMD_SIZE(a), q = SIMD_Q(a), rd = SIMD_RD(a), esize = 8u << size;
    bool full = q; /* the result fills all 128 bits */
    jit_vload(J, VS0, SIMD_RN(a));
    switch (i->imm) {
    case IR_HELPER_simd_3same:
        jit_vload(J, VS1, SIMD_RM(a));
        if (!v_pairwise(J, op, size))
            v_3same(J, op, size, rd);
        break;
    case IR_HELPER_simd_3diff: {
        /* L forms widen both operands (the lane-wise result is swapped once), W forms only Vm
         * (swapped to meet Vn); products are exact in a wide lane. */
        bool uns = op & 0x10, wide_n = (op & 0xf) == 1 || (op & 0xf) == 3;
        unsigned kind = op & 0xf, ws = size + 1;
        jit_vload(J, VS1, SIMD_RM(a));
        if (!wide_n)
            v_unpack(J, VS0, size, q, uns);
        v_unpack(J, VS1, size, q, uns);
        if (wide_n)
            v_swap(J, VS1);
        if (kind <= 1) {
            S390_EMIT(B, VRRc, VA, VS0, VS0, VS1, (int)ws, 0, 0);
        } else if (kind <= 3) {
            S390_EMIT(B, VRRc, VS, VS0, VS0, VS1, (int)ws, 0, 0);
        } else {
            S390_EMIT(B, VRRc, VML, VS0, VS0, VS1, (int)ws, 0, 0);
        }
        if (!wide_n)
            v_swap(J, VS0);
        if (kind >= 4) {
            if (kind != 0xc) { /* MLAL, MLSL: the accumulator is Vd */
                jit_vload(J, VS2, rd);
                if (kind == 0x8)
                    S390_EMIT(B, VRRc, VA, VS0, VS2, VS0, (int)ws, 0, 0);
                else
                    S390_EMIT(B, VRRc, VS, VS0, VS2, VS0, (int)ws, 0, 0);
            }
        }
        full = true;
        break;
    }
    case IR_HELPER_simd_2misc:
        if (op == SIMD_NEG)
            S390_EMIT(B, VRRa, VLC, VS0, VS0, (int)size, 0, 0);
        else if (op == SIMD_ABS)
            S390_EMIT(B, VRRa, VLP, VS0, VS0, (int)size, 0, 0);
        else if (op == SIMD_NOT)
            S390_EMIT(B, VRRc, VNO, VS0, VS0, VS0, 0, 0, 0);
        else
            v_cmp0(J, op, size);
        break;
    default: /* shift by immediate */
        if (op == SIMD_SHL)
            S390_EMIT(B, VRSa, VESL, VS0, VS0, 0, (int)imm, (int)size);
        else if (op == SIMD_SSHR)
            S390_EMIT(B, VRSa, VESRA, VS0, VS0, 0, (int)(imm < esize ? imm : esize - 1), (int)size);
        else if (imm < esize)
            S390_EMIT(B, VRSa, VESRL, VS0, VS0, 0, (int)imm, (int)size);
        else
            S390_EMIT(B, VRIa, VGBM, VS0, 0, 0); /* USHR by the lane width: 0 */
        break;
    }
    S390_EMIT(B, VRX, VST, VS0, 0, R_ENV, OFF_V(rd, 0), 0);
    if (!full)
        S390_EMIT(B, SIL, MVGHI, R_ENV, OFF_V(rd, 1), 0);
    return true;
}

