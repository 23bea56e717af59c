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

/* The lane mask of a OP b for CMEQ, CMGT, CMHI, CMGE, CMHS (GE: not b > a), into d when one
 * instruction does it, else VS0; returns its register. */
static int v_compare(struct jctx *J, unsigned op, int a, int b, unsigned size, int d)
{
    bool ge = op == SIMD_CMGE || op == SIMD_CMHS;
    enum s390_insn insn = op == SIMD_CMEQ                     ? VRRb_VCEQ
                          : op == SIMD_CMGT || op == SIMD_CMGE ? VRRb_VCH
                                                               : VRRb_VCHL;
    int r = ge ? VS0 : d;
    s390_emit_VRRb(B, insn, r, ge ? b : a, ge ? a : b, (int)size, 0);
    if (ge)
        S390_EMIT(B, VRRc, VNO, VS0, VS0, VS0, 0, 0, 0);
    return r;
}

/* x OP y for the three-same operations (x and y: VS0/VS1 or pinned registers, never written
 * before they are read), into d when one instruction does it (d: VS0 or Vd's pinned
 * register), else into VS0; returns the result's register. */
static int v_3same(struct jctx *J, unsigned op, unsigned size, unsigned rd, int x, int y, int d)
{
    int r = VS0;
    switch (op) {
    case SIMD_ADD: S390_EMIT(B, VRRc, VA, d, x, y, (int)size, 0, 0); return d;
    case SIMD_SUB: S390_EMIT(B, VRRc, VS, d, x, y, (int)size, 0, 0); return d;
    case SIMD_CMEQ: case SIMD_CMGT: case SIMD_CMHI: case SIMD_CMGE: case SIMD_CMHS:
        return v_compare(J, op, x, y, size, d);
    case SIMD_CMTST: /* (n & m) != 0 */
        S390_EMIT(B, VRRc, VN, r, x, y, 0, 0, 0);
        S390_EMIT(B, VRIa, VGBM, VS2, 0, 0);
        S390_EMIT(B, VRRb, VCEQ, r, r, VS2, (int)size, 0);
        S390_EMIT(B, VRRc, VNO, r, r, r, 0, 0, 0);
        return r;
    case SIMD_SMAX: S390_EMIT(B, VRRc, VMX, d, x, y, (int)size, 0, 0); return d;
    case SIMD_UMAX: S390_EMIT(B, VRRc, VMXL, d, x, y, (int)size, 0, 0); return d;
    case SIMD_SMIN: S390_EMIT(B, VRRc, VMN, d, x, y, (int)size, 0, 0); return d;
    case SIMD_UMIN: S390_EMIT(B, VRRc, VMNL, d, x, y, (int)size, 0, 0); return d;
    case SIMD_MUL:
        S390_EMIT(B, VRRc, VML, d, x, y, (int)size, 0, 0);
        return d;
    case SIMD_MLA:
    case SIMD_MLS: {
        S390_EMIT(B, VRRc, VML, r, x, y, (int)size, 0, 0);
        int acc = jit_vsrc(J, VS2, rd);
        if (op == SIMD_MLA)
            S390_EMIT(B, VRRc, VA, r, acc, r, (int)size, 0, 0);
        else
            S390_EMIT(B, VRRc, VS, r, acc, r, (int)size, 0, 0);
        return r;
    }
    default:
        return r;
    }
}

/* Pairwise ADDP/[SU]MAXP/[SU]MINP, 128-bit: each pair of lanes is one element of twice the
 * size; the pair's second lane shifted onto its first and combined leaves the result in the
 * low half of that element, VPK gathers the low halves of Vn's then Vm's, and rotating each
 * doubleword by 32 restores Arm's lane order (VPK takes a doubleword's pairs in reverse). */
static bool v_pairwise(struct jctx *J, unsigned op, unsigned size, int n, int m, int d)
{
    static const struct {
        unsigned op;
        enum s390_insn insn;
    } comb[] = {{SIMD_ADDP, VRRc_VA},    {SIMD_UMAXP, VRRc_VMXL}, {SIMD_SMAXP, VRRc_VMX},
                {SIMD_UMINP, VRRc_VMNL}, {SIMD_SMINP, VRRc_VMN}};
    for (unsigned k = 0; k < sizeof comb / sizeof comb[0]; k++) {
        if (comb[k].op != op)
            continue;
        /* Vn and Vm the same register (umaxp v0.16b, v0.16b, v0.16b): its pairs once. */
        for (int h = 0; h < (n == m ? 1 : 2); h++) {
            int src = h ? m : n, v = h ? VS1 : VS0;
            S390_EMIT(B, VRSa, VESRL, VS2, src, 0, 8 << size, (int)size + 1);
            s390_emit_VRRc(B, comb[k].insn, v, src, VS2, (int)size, 0, 0);
        }
        S390_EMIT(B, VRRc, VPK, VS0, VS0, n == m ? VS0 : VS1, (int)size + 1, 0, 0);
        S390_EMIT(B, VRSa, VERLL, d, VS0, 0, 32, 3);
        return true;
    }
    return false;
}

/* v = the half (upper if hi) of src widened (VPDI 4 then puts each wide lane where Arm has it;
 * lane-wise operations on two such values may swap their result once). */
static void v_unpack(struct jctx *J, int v, int src, unsigned size, bool hi, bool uns)
{
    static const enum s390_insn unpack[2][2] = {{VRRa_VUPH, VRRa_VUPL}, {VRRa_VUPLH, VRRa_VUPLL}};
    s390_emit_VRRa(B, unpack[uns][hi], v, src, (int)size, 0, 0);
}

static void v_swap(struct jctx *J, int v)
{
    S390_EMIT(B, VRRc, VPDI, v, v, v, 4, 0, 0);
}

/* A compare with zero (two-register miscellaneous) of x, into d or VS0 (v_compare). */
static int v_cmp0(struct jctx *J, unsigned op, unsigned size, int x, int d)
{
    int z = VS2;
    S390_EMIT(B, VRIa, VGBM, z, 0, 0);
    switch (op) {
    case SIMD_CMEQ0: return v_compare(J, SIMD_CMEQ, x, z, size, d);
    case SIMD_CMGT0: return v_compare(J, SIMD_CMGT, x, z, size, d);
    case SIMD_CMLT0: return v_compare(J, SIMD_CMGT, z, x, size, d);
    case SIMD_CMGE0: return v_compare(J, SIMD_CMGE, x, z, size, d);
    default: return v_compare(J, SIMD_CMGE, z, x, size, d); /* CMLE0 */
    }
}

/* Which calls lower here: the vector (not scalar) forms of the operations below. */
static bool simd_native_ok(const struct jctx *J, const struct ir_insn *i, uint64_t *args,
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

/* Whether call i lowers here, and then the V registers it reads and writes (bit masks). */
bool jit_simd_regs(const struct jctx *J, const struct ir_insn *i, uint32_t *reads,
                   uint32_t *writes)
{
    uint64_t a;
    unsigned op, imm;
    if (!simd_native_ok(J, i, &a, &op, &imm))
        return false;
    *writes = 1u << SIMD_RD(a);
    *reads = 1u << SIMD_RN(a);
    if (i->imm == IR_HELPER_simd_3same || i->imm == IR_HELPER_simd_3diff)
        *reads |= 1u << SIMD_RM(a);
    if ((i->imm == IR_HELPER_simd_3same && (op == SIMD_MLA || op == SIMD_MLS)) ||
        (i->imm == IR_HELPER_simd_3diff && (op & 0xf) >= 4 && (op & 0xf) != 0xc))
        *reads |= 1u << SIMD_RD(a);
    return true;
}

bool jit_lower_simd(struct jctx *J, const struct ir_insn *i)
{
    uint64_t a;
    unsigned op, imm;
    if (!simd_native_ok(J, i, &a, &op, &imm))
        return false;
    unsigned size = SIMD_SIZE(a), q = SIMD_Q(a), rd = SIMD_RD(a), esize = 8u << size;
    bool full = q || i->imm == IR_HELPER_simd_3diff; /* the result fills all 128 bits */
    /* Operands straight from their pinned registers (loop mode), else loaded into VS0/VS1;
     * the result is built in VS0, or straight in Vd's pinned register (d) where the last
     * instruction makes it whole. */
    int n = jit_vsrc(J, VS0, SIMD_RN(a));
    int d = full && J->vpin[rd] >= 0 ? J->vpin[rd] : VS0, res = VS0;
    switch (i->imm) {
    case IR_HELPER_simd_3same: {
        int m = jit_vsrc(J, VS1, SIMD_RM(a));
        if (v_pairwise(J, op, size, n, m, d))
            res = d;
        else
            res = v_3same(J, op, size, rd, n, m, d);
        break;
    }
    case IR_HELPER_simd_3diff: {
        /* L forms widen both operands (the lane-wise result is swapped once), W forms only Vm
         * (swapped to meet Vn); products are exact in a wide lane. */
        bool uns = op & 0x10, wide_n = (op & 0xf) == 1 || (op & 0xf) == 3;
        unsigned kind = op & 0xf, ws = size + 1;
        int m = jit_vsrc(J, VS1, SIMD_RM(a));
        if (!wide_n) {
            v_unpack(J, VS0, n, size, q, uns);
            n = VS0;
        }
        v_unpack(J, VS1, m, size, q, uns);
        if (wide_n)
            v_swap(J, VS1);
        /* W forms end with the add or subtract (straight into d) */
        if (kind <= 1) {
            res = wide_n ? d : VS0;
            S390_EMIT(B, VRRc, VA, res, n, VS1, (int)ws, 0, 0);
        } else if (kind <= 3) {
            res = wide_n ? d : VS0;
            S390_EMIT(B, VRRc, VS, res, n, VS1, (int)ws, 0, 0);
        } else {
            S390_EMIT(B, VRRc, VML, VS0, n, VS1, (int)ws, 0, 0);
        }
        if (!wide_n)
            v_swap(J, VS0);
        if (kind >= 4) {
            if (kind != 0xc) { /* MLAL, MLSL: the accumulator is Vd */
                int acc = jit_vsrc(J, VS2, rd);
                if (kind == 0x8)
                    S390_EMIT(B, VRRc, VA, VS0, acc, VS0, (int)ws, 0, 0);
                else
                    S390_EMIT(B, VRRc, VS, VS0, acc, VS0, (int)ws, 0, 0);
            }
        }
        break;
    }
    case IR_HELPER_simd_2misc:
        /* One instruction each (but the compares): straight into Vd's pinned register, whose
         * upper half jit_vstore clears after for a 64-bit result. */
        res = J->vpin[rd] >= 0 ? J->vpin[rd] : VS0;
        if (op == SIMD_NEG)
            S390_EMIT(B, VRRa, VLC, res, n, (int)size, 0, 0);
        else if (op == SIMD_ABS)
            S390_EMIT(B, VRRa, VLP, res, n, (int)size, 0, 0);
        else if (op == SIMD_NOT)
            S390_EMIT(B, VRRc, VNO, res, n, n, 0, 0, 0);
        else
            res = v_cmp0(J, op, size, n, d);
        break;
    default: /* shift by immediate: one instruction, straight into Vd's pinned register */
        res = J->vpin[rd] >= 0 ? J->vpin[rd] : VS0;
        if (op == SIMD_SHL)
            S390_EMIT(B, VRSa, VESL, res, n, 0, (int)imm, (int)size);
        else if (op == SIMD_SSHR)
            S390_EMIT(B, VRSa, VESRA, res, n, 0, (int)(imm < esize ? imm : esize - 1), (int)size);
        else if (imm < esize)
            S390_EMIT(B, VRSa, VESRL, res, n, 0, (int)imm, (int)size);
        else
            S390_EMIT(B, VRIa, VGBM, res, 0, 0); /* USHR by the lane width: 0 */
        break;
    }
    jit_vstore(J, res, rd, full);
    return true;
}

