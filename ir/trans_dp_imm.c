/* Data processing -- immediate (Arm ARM C4.1.86). */
#include "translate.h"

static unsigned dp_type(const struct a64_insn *in) { return in->f[A64_F_sf] ? IR_I64 : IR_I32; }

/* Ones(n) for 0 <= n <= 64. */
static uint64_t ones(unsigned n) { return n >= 64 ? ~0ull : (1ull << n) - 1; }

/* ADR: Rd = PC + imm21; ADRP: Rd = PC with the low 12 bits cleared + imm21 * 4096. */
bool trans_ADR(struct ir_tctx *t, const struct a64_insn *in)
{
    int64_t imm = a64_sext(in->f[A64_F_immhi] << 2 | in->f[A64_F_immlo], 21);
    tr_write_x(t, in->f[A64_F_Rd], ir_const(t->b, t->pc + (uint64_t)imm));
    return true;
}

bool trans_ADRP(struct ir_tctx *t, const struct a64_insn *in)
{
    int64_t imm = a64_sext(in->f[A64_F_immhi] << 2 | in->f[A64_F_immlo], 21);
    uint64_t page = t->pc & ~(uint64_t)0xfff;
    tr_write_x(t, in->f[A64_F_Rd], ir_const(t->b, page + ((uint64_t)imm << 12)));
    return true;
}

/* ADD/ADDS/SUB/SUBS (immediate): Rn may be SP; Rd is SP unless flags are set. */
bool trans_ADD_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ty = dp_type(in);
    uint64_t imm = (uint64_t)in->f[A64_F_imm12] << (in->f[A64_F_sh] ? 12 : 0);
    ir_val n = tr_read_xsp(t, in->f[A64_F_Rn]);
    ir_val m = ir_const(t->b, imm);
    bool sub = in->f[A64_F_op];
    ir_val r = ir_bin(t->b, sub ? IR_SUB : IR_ADD, ty, n, m);
    if (in->f[A64_F_S]) {
        ir_set_nzcv(t->b, ir_bin(t->b, sub ? IR_NZCV_SUB : IR_NZCV_ADD, ty, n, m));
        tr_write_x(t, in->f[A64_F_Rd], r);
    } else {
        tr_write_xsp(t, in->f[A64_F_Rd], r);
    }
    return true;
}

/* DecodeBitMasks() of the Arm ARM for a logical immediate: the element size is
 * given by the highest set bit of N:NOT(imms); an element of S+1 ones, rotated
 * right by R, is replicated to the register width.  An all-ones element
 * (S = esize - 1) and a missing size are reserved, so the encoding is
 * unallocated. */
static bool decode_bit_masks(unsigned n, unsigned imms, unsigned immr, unsigned width,
                             uint64_t *mask)
{
    unsigned combined = n << 6 | (~imms & 0x3f);
    if (combined < 2)
        return false;
    unsigned len = 31 - (unsigned)__builtin_clz(combined);
    unsigned esize = 1u << len, levels = esize - 1;
    unsigned s = imms & levels, r = immr & levels;
    if (s == levels)
        return false;
    uint64_t welem = ones(s + 1);
    uint64_t elem = r ? ((welem >> r) | (welem << (esize - r))) & ones(esize) : welem;
    for (unsigned e = esize; e < 64; e *= 2)
        elem |= elem << e;
    *mask = elem & ones(width);
    return true;
}

/* AND/ORR/EOR write Rd or SP (MOV SP, #imm); ANDS writes Rd or ZR. */
bool trans_LOG_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    static const unsigned ops[4] = {IR_AND, IR_OR, IR_XOR, IR_AND};
    unsigned ty = dp_type(in);
    uint64_t imm;
    if (!decode_bit_masks(in->f[A64_F_N], in->f[A64_F_imms], in->f[A64_F_immr],
                          in->f[A64_F_sf] ? 64 : 32, &imm))
        return false;
    unsigned opc = in->f[A64_F_opc];
    ir_val r = ir_bini(t->b, ops[opc], ty, tr_read_x(t, in->f[A64_F_Rn]), imm);
    if (opc == 3) {
        ir_set_nzcv(t->b, ir_un(t->b, IR_NZCV_LOGIC, ty, r));
        tr_write_x(t, in->f[A64_F_Rd], r);
    } else {
        tr_write_xsp(t, in->f[A64_F_Rd], r);
    }
    return true;
}

/* 32-bit forms with hw >= 2 are UNALLOC lines in the decode table. */
bool trans_MOVN(struct ir_tctx *t, const struct a64_insn *in)
{
    uint64_t v = ~((uint64_t)in->f[A64_F_imm16] << (16 * in->f[A64_F_hw]));
    tr_write_x(t, in->f[A64_F_Rd], ir_const(t->b, in->f[A64_F_sf] ? v : (uint32_t)v));
    return true;
}

bool trans_MOVZ(struct ir_tctx *t, const struct a64_insn *in)
{
    uint64_t v = (uint64_t)in->f[A64_F_imm16] << (16 * in->f[A64_F_hw]);
    tr_write_x(t, in->f[A64_F_Rd], ir_const(t->b, v));
    return true;
}

/* MOVK keeps the other bits of Rd (of Wd for the 32-bit form: the top half is zeroed). */
bool trans_MOVK(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ty = dp_type(in), pos = 16 * in->f[A64_F_hw];
    ir_val d = tr_read_x(t, in->f[A64_F_Rd]);
    ir_val kept = ir_bini(t->b, IR_ANDN, ty, d, (uint64_t)0xffff << pos);
    ir_val r = ir_bini(t->b, IR_OR, ty, kept, (uint64_t)in->f[A64_F_imm16] << pos);
    tr_write_x(t, in->f[A64_F_Rd], r);
    return true;
}

enum bitfield_kind { BF_SIGNED, BF_INSERT, BF_UNSIGNED };

/* SBFM/BFM/UBFM with R = immr, S = imms (Arm ARM C6.2 "BFM"): if S >= R, bits
 * S:R of Rn go to bits S-R:0 of Rd (the extract aliases SBFX/UBFX/BFXIL, ASR,
 * LSR, SXTB...); otherwise bits S:0 of Rn go to bits at position width-R up
 * (the insert aliases SBFIZ/UBFIZ/BFI, LSL).  SBFM fills the bits above the
 * field with its top bit, UBFM with zeros; BFM keeps Rd's other bits.  N must
 * equal sf, and a 32-bit form has R and S below 32. */
static bool bitfield(struct ir_tctx *t, const struct a64_insn *in, enum bitfield_kind kind)
{
    bool sf = in->f[A64_F_sf];
    unsigned r = in->f[A64_F_immr], s = in->f[A64_F_imms];
    if (in->f[A64_F_N] != sf || (!sf && (r >= 32 || s >= 32)))
        return false;
    unsigned ty = sf ? IR_I64 : IR_I32, width = sf ? 64 : 32;
    struct ir_block *b = t->b;
    ir_val src = tr_read_x(t, in->f[A64_F_Rn]), res;
    if (kind == BF_INSERT) {
        uint64_t mask;
        ir_val field;
        if (s >= r) {
            mask = ones(s - r + 1);
            field = ir_bini(b, IR_AND, ty, ir_bini(b, IR_LSR, ty, src, r), mask);
        } else {
            mask = ones(s + 1) << (width - r);
            field = ir_bini(b, IR_AND, ty, ir_bini(b, IR_SHL, ty, src, width - r), mask);
        }
        ir_val kept = ir_bini(b, IR_ANDN, ty, tr_read_x(t, in->f[A64_F_Rd]), mask);
        res = ir_bin(b, IR_OR, ty, kept, field);
    } else {
        /* Move bit S to the top, then shift right arithmetically or logically; the LSR, ASR
         * and LSL aliases are one shift. */
        unsigned right = kind == BF_SIGNED ? IR_ASR : IR_LSR;
        unsigned up = width - 1 - s;
        if (s == width - 1) {
            res = ir_bini(b, right, ty, src, r);
            tr_write_x(t, in->f[A64_F_Rd], res);
            return true;
        }
        if (kind == BF_UNSIGNED && s + 1 == r) {
            tr_write_x(t, in->f[A64_F_Rd], ir_bini(b, IR_SHL, ty, src, width - r));
            return true;
        }
        ir_val top = ir_bini(b, IR_SHL, ty, src, up);
        if (s >= r) {
            res = ir_bini(b, right, ty, top, up + r);
        } else {
            res = ir_bini(b, right, ty, top, up);
            res = ir_bini(b, IR_SHL, ty, res, width - r);
        }
    }
    tr_write_x(t, in->f[A64_F_Rd], res);
    return true;
}

bool trans_SBFM(struct ir_tctx *t, const struct a64_insn *in) { return bitfield(t, in, BF_SIGNED); }
bool trans_BFM(struct ir_tctx *t, const struct a64_insn *in) { return bitfield(t, in, BF_INSERT); }
bool trans_UBFM(struct ir_tctx *t, const struct a64_insn *in)
{
    return bitfield(t, in, BF_UNSIGNED);
}

/* EXTR: (Rn:Rm) >> lsb; N must equal sf and a 32-bit lsb is below 32. */
bool trans_EXTR(struct ir_tctx *t, const struct a64_insn *in)
{
    bool sf = in->f[A64_F_sf];
    unsigned lsb = in->f[A64_F_imms];
    if (in->f[A64_F_N] != sf || (!sf && lsb >= 32))
        return false;
    ir_val n = tr_read_x(t, in->f[A64_F_Rn]), m = tr_read_x(t, in->f[A64_F_Rm]);
    ir_val r = ir_emit(t->b, IR_EXTR, dp_type(in), n, m, ir_const(t->b, lsb), 0, 0);
    tr_write_x(t, in->f[A64_F_Rd], r);
    return true;
}
