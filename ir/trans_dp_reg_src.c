/* Data processing -- register: data-processing (1 source), (2 source),
 * (3 source) and CRC32 (Arm ARM C4.1.87). */
#include "env.h"
#include "translate.h"

static unsigned dp_type(const struct a64_insn *in) { return in->f[A64_F_sf] ? IR_I64 : IR_I32; }

/* Rd = op(Rn) at the instruction's width. */
static bool unary(struct ir_tctx *t, const struct a64_insn *in, unsigned op, unsigned ty)
{
    tr_write_x(t, in->f[A64_F_Rd], ir_un(t->b, op, ty, tr_read_x(t, in->f[A64_F_Rn])));
    return true;
}

bool trans_RBIT(struct ir_tctx *t, const struct a64_insn *in)
{
    return unary(t, in, IR_RBIT, dp_type(in));
}
bool trans_REV16(struct ir_tctx *t, const struct a64_insn *in)
{
    return unary(t, in, IR_REV16, dp_type(in));
}
bool trans_REV_w(struct ir_tctx *t, const struct a64_insn *in)
{
    return unary(t, in, IR_REV, IR_I32);
}
bool trans_REV32_x(struct ir_tctx *t, const struct a64_insn *in)
{
    return unary(t, in, IR_REV32, IR_I64);
}
bool trans_REV_x(struct ir_tctx *t, const struct a64_insn *in)
{
    return unary(t, in, IR_REV, IR_I64);
}
bool trans_CLZ(struct ir_tctx *t, const struct a64_insn *in)
{
    return unary(t, in, IR_CLZ, dp_type(in));
}
bool trans_CLS(struct ir_tctx *t, const struct a64_insn *in)
{
    return unary(t, in, IR_CLS, dp_type(in));
}

/* Rd = op(Rn, Rm); the IR's division and register shifts already follow the
 * Arm rules (x/0 = 0, shift amount modulo the width). */
static bool binary(struct ir_tctx *t, const struct a64_insn *in, unsigned op)
{
    ir_val n = tr_read_x(t, in->f[A64_F_Rn]), m = tr_read_x(t, in->f[A64_F_Rm]);
    tr_write_x(t, in->f[A64_F_Rd], ir_bin(t->b, op, dp_type(in), n, m));
    return true;
}

bool trans_UDIV(struct ir_tctx *t, const struct a64_insn *in) { return binary(t, in, IR_UDIV); }
bool trans_SDIV(struct ir_tctx *t, const struct a64_insn *in) { return binary(t, in, IR_SDIV); }
bool trans_LSLV(struct ir_tctx *t, const struct a64_insn *in) { return binary(t, in, IR_SHL); }
bool trans_LSRV(struct ir_tctx *t, const struct a64_insn *in) { return binary(t, in, IR_LSR); }
bool trans_ASRV(struct ir_tctx *t, const struct a64_insn *in) { return binary(t, in, IR_ASR); }
bool trans_RORV(struct ir_tctx *t, const struct a64_insn *in) { return binary(t, in, IR_ROR); }

/* CRC32{,C}{B,H,W,X}: Wd = CRC of the low 8 << sz bits of Rm into Wn; the
 * helper takes the size in bytes, | 0x100 for CRC32C.  Only with FEAT_CRC32
 * advertised. */
static bool crc32(struct ir_tctx *t, const struct a64_insn *in, unsigned sz)
{
    if (t->feat && !t->feat->crc32)
        return false;
    uint64_t kind = (1u << sz) | (in->f[A64_F_c] ? 0x100 : 0);
    ir_val acc = tr_read_x(t, in->f[A64_F_Rn]), val = tr_read_x(t, in->f[A64_F_Rm]);
    ir_val r = ir_call_pure(t->b, IR_HELPER_crc32, acc, val, ir_const(t->b, kind));
    tr_write_x(t, in->f[A64_F_Rd], r);
    return true;
}

bool trans_CRC32_w(struct ir_tctx *t, const struct a64_insn *in)
{
    return crc32(t, in, in->f[A64_F_sz]);
}
bool trans_CRC32_x(struct ir_tctx *t, const struct a64_insn *in) { return crc32(t, in, 3); }

/* MADD/MSUB: Rd = Ra +/- Rn * Rm at the instruction's width. */
bool trans_MADD(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ty = dp_type(in);
    ir_val n = tr_read_x(t, in->f[A64_F_Rn]), m = tr_read_x(t, in->f[A64_F_Rm]);
    ir_val a = tr_read_x(t, in->f[A64_F_Ra]);
    ir_val p = ir_bin(t->b, IR_MUL, ty, n, m);
    tr_write_x(t, in->f[A64_F_Rd], ir_bin(t->b, in->f[A64_F_o0] ? IR_SUB : IR_ADD, ty, a, p));
    return true;
}

/* SMADDL/SMSUBL/UMADDL/UMSUBL: Xd = Xa +/- Wn * Wm, the 32-bit operands
 * sign-extended (U = 0) or zero-extended (U = 1) to 64 bits. */
bool trans_MADDL(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ext = in->f[A64_F_U] ? IR_ZEXT32 : IR_SEXT32;
    ir_val n = ir_un(t->b, ext, IR_I64, tr_read_x(t, in->f[A64_F_Rn]));
    ir_val m = ir_un(t->b, ext, IR_I64, tr_read_x(t, in->f[A64_F_Rm]));
    ir_val a = tr_read_x(t, in->f[A64_F_Ra]);
    ir_val p = ir_bin(t->b, IR_MUL, IR_I64, n, m);
    tr_write_x(t, in->f[A64_F_Rd], ir_bin(t->b, in->f[A64_F_o0] ? IR_SUB : IR_ADD, IR_I64, a, p));
    return true;
}

/* SMULH/UMULH: the high 64 bits of the 128-bit product. */
bool trans_MULH(struct ir_tctx *t, const struct a64_insn *in)
{
    ir_val n = tr_read_x(t, in->f[A64_F_Rn]), m = tr_read_x(t, in->f[A64_F_Rm]);
    unsigned op = in->f[A64_F_U] ? IR_UMULH : IR_SMULH;
    tr_write_x(t, in->f[A64_F_Rd], ir_bin(t->b, op, IR_I64, n, m));
    return true;
}
