/* AdvSIMD moves done in plain IR (Arm ARM C7): the bitwise "three same" group
 * (AND/BIC/ORR/ORN/EOR/BSL/BIT/BIF), "copy" (DUP/INS/UMOV/SMOV), "modified
 * immediate" (MOVI/MVNI/ORR/BIC/FMOV) and scalar DUP.  These are the hot ones in
 * glibc's string functions, so they stay on 64-bit halves without a helper. */
#include "trans_simd.h"

ir_val tr_getv(struct ir_tctx *t, unsigned r, unsigned half)
{
    return ir_emit(t->b, IR_GETV, IR_I64, 0, 0, 0, r, half);
}
void tr_setv(struct ir_tctx *t, unsigned r, unsigned half, ir_val v)
{
    ir_emit(t->b, IR_SETV, IR_I64, v, 0, 0, r, half);
}
/* Writes the low 64 bits of Vd and zeroes the high half. */
void tr_setv64(struct ir_tctx *t, unsigned r, ir_val lo)
{
    tr_setv(t, r, 0, lo);
    tr_setv(t, r, 1, ir_const(t->b, 0));
}

/* AND, BIC, ORR, ORN (sel 0-3) and EOR, BSL, BIT, BIF (sel 4-7): U:size of the
 * encoding. */
static bool logic(struct ir_tctx *t, const struct a64_insn *in, unsigned sel)
{
    unsigned q = in->f[A64_F_Q], rd = in->f[A64_F_Rd], rn = in->f[A64_F_Rn], rm = in->f[A64_F_Rm];
    ir_val res[2];
    for (unsigned h = 0; h <= q; h++) {
        ir_val n = tr_getv(t, rn, h), m = tr_getv(t, rm, h), d;
        switch (sel) {
        case 0: res[h] = ir_bin(t->b, IR_AND, IR_I64, n, m); break;
        case 1: res[h] = ir_bin(t->b, IR_ANDN, IR_I64, n, m); break;
        case 2: res[h] = ir_bin(t->b, IR_OR, IR_I64, n, m); break;
        case 3: res[h] = ir_bin(t->b, IR_ORN, IR_I64, n, m); break;
        case 4: res[h] = ir_bin(t->b, IR_XOR, IR_I64, n, m); break;
        case 5: /* BSL: Vd selects between Vn (1) and Vm (0) */
            d = tr_getv(t, rd, h);
            res[h] = ir_bin(t->b, IR_XOR, IR_I64, m,
                            ir_bin(t->b, IR_AND, IR_I64, ir_bin(t->b, IR_XOR, IR_I64, m, n), d));
            break;
        default: /* BIT (6): insert Vn where Vm is 1; BIF (7): where Vm is 0 */
            d = tr_getv(t, rd, h);
            res[h] = ir_bin(t->b, IR_XOR, IR_I64, d,
                            ir_bin(t->b, sel == 6 ? IR_AND : IR_ANDN, IR_I64,
                                   ir_bin(t->b, IR_XOR, IR_I64, d, n), m));
            break;
        }
    }
    tr_setv(t, rd, 0, res[0]);
    tr_setv(t, rd, 1, q ? res[1] : ir_const(t->b, 0));
    return true;
}
#define TRANS(name, expr)                                                                          \
    bool trans_##name(struct ir_tctx *t, const struct a64_insn *in) { return expr; }
TRANS(AND_v, logic(t, in, 0))
TRANS(BIC_v, logic(t, in, 1))
TRANS(ORR_v, logic(t, in, 2))
TRANS(ORN_v, logic(t, in, 3))
TRANS(EOR_v, logic(t, in, 4))
TRANS(BSL_v, logic(t, in, 5))
TRANS(BIT_v, logic(t, in, 6))
TRANS(BIF_v, logic(t, in, 7))

/* Element size (log2 bytes) from the lowest set bit of imm5, or -1. */
static int imm5_size(unsigned imm5)
{
    return imm5 & 15 ? __builtin_ctz(imm5) : -1;
}

/* Lane `index` of `1 << size` bytes of Vn, zero-extended. */
static ir_val get_lane(struct ir_tctx *t, unsigned rn, unsigned index, unsigned size)
{
    unsigned bit = (index << size) * 8;
    ir_val half = tr_getv(t, rn, bit / 64);
    if (bit % 64)
        half = ir_bini(t->b, IR_LSR, IR_I64, half, bit % 64);
    switch (size) {
    case 0: return ir_un(t->b, IR_ZEXT8, IR_I64, half);
    case 1: return ir_un(t->b, IR_ZEXT16, IR_I64, half);
    case 2: return ir_un(t->b, IR_ZEXT32, IR_I64, half);
    default: return half;
    }
}

/* Replicates a zero-extended element across 64 bits. */
static ir_val replicate(struct ir_tctx *t, ir_val x, unsigned size)
{
    static const uint64_t mul[4] = {0x0101010101010101ull, 0x0001000100010001ull,
                                    0x0000000100000001ull, 1};
    return size == 3 ? x : ir_bin(t->b, IR_MUL, IR_I64, x, ir_const(t->b, mul[size]));
}

/* Writes element x (zero-extended) to lane index of Vd, keeping the rest. */
static void set_lane(struct ir_tctx *t, unsigned rd, unsigned index, unsigned size, ir_val x)
{
    unsigned bit = (index << size) * 8, h = bit / 64, sh = bit % 64;
    if (size == 3) {
        tr_setv(t, rd, h, x);
        return;
    }
    uint64_t mask = ((1ull << (8u << size)) - 1) << sh;
    ir_val old = ir_bini(t->b, IR_ANDN, IR_I64, tr_getv(t, rd, h), mask);
    if (sh)
        x = ir_bini(t->b, IR_SHL, IR_I64, x, sh);
    tr_setv(t, rd, h, ir_bin(t->b, IR_OR, IR_I64, old, x));
}

static ir_val zext_elem(struct ir_tctx *t, ir_val x, unsigned size)
{
    static const unsigned op[3] = {IR_ZEXT8, IR_ZEXT16, IR_ZEXT32};
    return size == 3 ? x : ir_un(t->b, op[size], IR_I64, x);
}

/* The copy group: imm5 gives the element size (lowest set bit) and the index. */
struct copy_elem {
    unsigned size, index;
};
static bool copy_elem(const struct a64_insn *in, struct copy_elem *e)
{
    int size = imm5_size(in->f[A64_F_imm5]);
    if (size < 0)
        return false;
    e->size = (unsigned)size;
    e->index = in->f[A64_F_imm5] >> (size + 1);
    return true;
}

/* DUP (element) and DUP (general): 64-bit elements only in 128-bit vectors. */
static bool dup(struct ir_tctx *t, const struct a64_insn *in, bool general)
{
    struct copy_elem e;
    unsigned q = in->f[A64_F_Q], rd = in->f[A64_F_Rd], rn = in->f[A64_F_Rn];
    if (!copy_elem(in, &e) || (e.size == 3 && !q))
        return false;
    ir_val x = general ? zext_elem(t, tr_read_x(t, rn), e.size) : get_lane(t, rn, e.index, e.size);
    ir_val r = replicate(t, x, e.size);
    tr_setv(t, rd, 0, r);
    tr_setv(t, rd, 1, q ? r : ir_const(t->b, 0));
    return true;
}
TRANS(DUP_elem_v, dup(t, in, false))
TRANS(DUP_gen, dup(t, in, true))

/* INS (general): Q must be 1. */
bool trans_INS_gen(struct ir_tctx *t, const struct a64_insn *in)
{
    struct copy_elem e;
    if (!copy_elem(in, &e) || !in->f[A64_F_Q])
        return false;
    set_lane(t, in->f[A64_F_Rd], e.index, e.size, zext_elem(t, tr_read_x(t, in->f[A64_F_Rn]), e.size));
    return true;
}

/* INS (element): imm4 holds the source index; Q must be 1. */
bool trans_INS_elem(struct ir_tctx *t, const struct a64_insn *in)
{
    struct copy_elem e;
    if (!copy_elem(in, &e) || !in->f[A64_F_Q])
        return false;
    set_lane(t, in->f[A64_F_Rd], e.index, e.size,
             get_lane(t, in->f[A64_F_Rn], in->f[A64_F_imm4] >> e.size, e.size));
    return true;
}

/* SMOV: Q selects Xd (bytes, halves, words) or Wd (bytes, halves). */
bool trans_SMOV(struct ir_tctx *t, const struct a64_insn *in)
{
    static const unsigned sx[3] = {IR_SEXT8, IR_SEXT16, IR_SEXT32};
    struct copy_elem e;
    unsigned q = in->f[A64_F_Q];
    if (!copy_elem(in, &e) || e.size == 3 || (e.size == 2 && !q))
        return false;
    ir_val x = ir_un(t->b, sx[e.size], IR_I64, get_lane(t, in->f[A64_F_Rn], e.index, e.size));
    if (q)
        tr_write_x(t, in->f[A64_F_Rd], x);
    else
        tr_write_w(t, in->f[A64_F_Rd], x);
    return true;
}

/* UMOV: Q=1 only for doublewords, Q=0 only below them. */
bool trans_UMOV(struct ir_tctx *t, const struct a64_insn *in)
{
    struct copy_elem e;
    if (!copy_elem(in, &e) || (e.size == 3) != (in->f[A64_F_Q] == 1))
        return false;
    tr_write_x(t, in->f[A64_F_Rd], get_lane(t, in->f[A64_F_Rn], e.index, e.size));
    return true;
}

/* DUP (element), scalar: MOV Bd/Hd/Sd/Dd, Vn.T[i]. */
bool trans_DUP_elem_s(struct ir_tctx *t, const struct a64_insn *in)
{
    struct copy_elem e;
    if (!copy_elem(in, &e))
        return false;
    tr_setv64(t, in->f[A64_F_Rd], get_lane(t, in->f[A64_F_Rn], e.index, e.size));
    return true;
}

/* VFPExpandImm: the 8-bit FP immediate as a value of `bits` (16, 32, 64). */
uint64_t simd_fp_imm(unsigned imm8, unsigned bits)
{
    unsigned ebits = bits == 16 ? 5 : bits == 32 ? 8 : 11, fbits = bits - ebits - 1;
    uint64_t b6 = (imm8 >> 6) & 1;
    uint64_t exp = ((b6 ^ 1) << (ebits - 1)) | ((b6 ? (1ull << (ebits - 3)) - 1 : 0) << 2) |
                   ((imm8 >> 4) & 3);
    uint64_t frac = (uint64_t)(imm8 & 15) << (fbits - 4);
    return (uint64_t)(imm8 >> 7) << (bits - 1) | exp << fbits | frac;
}

/* AdvSIMDExpandImm plus the operation: MOVI, MVNI, ORR, BIC, FMOV (vector). */
static bool modimm(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned q = in->f[A64_F_Q], op = in->raw >> 29 & 1, cmode = in->raw >> 12 & 15;
    unsigned rd = in->f[A64_F_Rd];
    uint64_t imm8 = in->f[A64_F_imm3] << 5 | in->f[A64_F_imm5]; /* a:b:c, d:e:f:g:h */
    uint64_t imm;
    bool orr_bic = false;
    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3: /* 32-bit lanes, shifted by 0/8/16/24 */
        imm = (imm8 << (8 * (cmode >> 1))) * 0x0000000100000001ull;
        orr_bic = cmode & 1;
        break;
    case 4: case 5: /* 16-bit lanes, shifted by 0/8 */
        imm = (imm8 << (8 * ((cmode >> 1) & 1))) * 0x0001000100010001ull;
        orr_bic = cmode & 1;
        break;
    case 6: /* 32-bit "shifting ones" (MSL #8 / #16) */
        imm = (cmode & 1 ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff) * 0x0000000100000001ull;
        break;
    default:
        if (cmode == 14 && !op) {
            imm = imm8 * 0x0101010101010101ull;
        } else if (cmode == 14) { /* each bit of imm8 becomes a byte of ones */
            imm = 0;
            for (unsigned i = 0; i < 8; i++)
                if (imm8 >> i & 1)
                    imm |= 0xffull << (8 * i);
            op = 0;
        } else if (!op) { /* FMOV Vd.2S/4S */
            imm = simd_fp_imm((unsigned)imm8, 32) * 0x0000000100000001ull;
        } else { /* FMOV Vd.2D */
            if (!q)
                return false;
            imm = simd_fp_imm((unsigned)imm8, 64);
            op = 0;
        }
        break;
    }
    ir_val res[2];
    for (unsigned h = 0; h <= q; h++) {
        if (orr_bic)
            res[h] = ir_bini(t->b, op ? IR_ANDN : IR_OR, IR_I64, tr_getv(t, rd, h), imm);
        else
            res[h] = ir_const(t->b, op ? ~imm : imm);
    }
    tr_setv(t, rd, 0, res[0]);
    tr_setv(t, rd, 1, q ? res[1] : ir_const(t->b, 0));
    return true;
}
TRANS(MOVI_32, modimm(t, in))
TRANS(ORR_imm_32, modimm(t, in))
TRANS(MOVI_16, modimm(t, in))
TRANS(ORR_imm_16, modimm(t, in))
TRANS(MOVI_msl, modimm(t, in))
TRANS(MOVI_8, modimm(t, in))
TRANS(FMOV_v_imm_s, modimm(t, in))
TRANS(MVNI_32, modimm(t, in))
TRANS(BIC_imm_32, modimm(t, in))
TRANS(MVNI_16, modimm(t, in))
TRANS(BIC_imm_16, modimm(t, in))
TRANS(MVNI_msl, modimm(t, in))
TRANS(MOVI_64, modimm(t, in))
TRANS(FMOV_v_imm_d, modimm(t, in))
