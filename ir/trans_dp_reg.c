/* Data processing -- register (Arm ARM C4.1.87): logical and arithmetic forms
 * with a shifted or extended second operand, add/subtract with carry,
 * conditional compare and conditional select. */
#include "translate.h"

static unsigned dp_type(const struct a64_insn *in) { return in->f[A64_F_sf] ? IR_I64 : IR_I32; }

/* ShiftReg(): Rm shifted by imm6 (LSL, LSR, ASR, ROR) at the operation's width.
 * An unshifted register is returned as it is: the ty-typed operation that uses
 * it reads only the bits it needs. */
static ir_val shifted_rm(struct ir_tctx *t, const struct a64_insn *in, unsigned ty)
{
    static const unsigned ops[4] = {IR_SHL, IR_LSR, IR_ASR, IR_ROR};
    ir_val m = tr_read_x(t, in->f[A64_F_Rm]);
    unsigned amount = in->f[A64_F_imm6];
    return amount ? ir_bini(t->b, ops[in->f[A64_F_shift]], ty, m, amount) : m;
}

/* AND BIC ORR ORN EOR EON ANDS BICS (shifted register): N inverts the second
 * operand; Rd and Rn are ZR, never SP. */
bool trans_LOG_sreg(struct ir_tctx *t, const struct a64_insn *in)
{
    static const unsigned ops[2][4] = {{IR_AND, IR_OR, IR_XOR, IR_AND},
                                       {IR_ANDN, IR_ORN, IR_XORN, IR_ANDN}};
    unsigned ty = dp_type(in), opc = in->f[A64_F_opc];
    ir_val m = shifted_rm(t, in, ty);
    ir_val r = ir_bin(t->b, ops[in->f[A64_F_N]][opc], ty, tr_read_x(t, in->f[A64_F_Rn]), m);
    if (opc == 3)
        ir_set_nzcv(t->b, ir_un(t->b, IR_NZCV_LOGIC, ty, r));
    tr_write_x(t, in->f[A64_F_Rd], r);
    return true;
}

/* The common tail of ADD/ADDS/SUB/SUBS: flags from AddWithCarry() when S is set. */
static void add_sub(struct ir_tctx *t, const struct a64_insn *in, ir_val n, ir_val m, bool rd_sp)
{
    unsigned ty = dp_type(in);
    bool sub = in->f[A64_F_op];
    ir_val r = ir_bin(t->b, sub ? IR_SUB : IR_ADD, ty, n, m);
    if (in->f[A64_F_S]) {
        ir_set_nzcv(t->b, ir_bin(t->b, sub ? IR_NZCV_SUB : IR_NZCV_ADD, ty, n, m));
        tr_write_x(t, in->f[A64_F_Rd], r);
    } else if (rd_sp) {
        tr_write_xsp(t, in->f[A64_F_Rd], r);
    } else {
        tr_write_x(t, in->f[A64_F_Rd], r);
    }
}

/* ADD/SUB(S) (shifted register): every register is ZR; ROR is an UNALLOC line. */
bool trans_ADD_sreg(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ty = dp_type(in);
    add_sub(t, in, tr_read_x(t, in->f[A64_F_Rn]), shifted_rm(t, in, ty), false);
    return true;
}

/* ADD/SUB(S) (extended register): ExtendReg() takes the low byte, halfword or
 * word of Rm (option<1:0>), zero- or sign-extended (option<2>), shifted left by
 * imm3 (0-4).  Rn is SP-able; Rd is SP unless the flags are set. */
bool trans_ADD_ext(struct ir_tctx *t, const struct a64_insn *in)
{
    static const unsigned ext[8] = {IR_ZEXT8, IR_ZEXT16, IR_ZEXT32, IR_MOV,
                                    IR_SEXT8, IR_SEXT16, IR_SEXT32, IR_MOV};
    unsigned option = in->f[A64_F_option], shift = in->f[A64_F_imm3];
    ir_val m = tr_read_x(t, in->f[A64_F_Rm]);
    if (ext[option] != IR_MOV)
        m = ir_un(t->b, ext[option], IR_I64, m);
    if (shift)
        m = ir_bini(t->b, IR_SHL, IR_I64, m, shift);
    add_sub(t, in, tr_read_xsp(t, in->f[A64_F_Rn]), m, true);
    return true;
}

/* ADC/ADCS/SBC/SBCS: AddWithCarry(Rn, Rm or NOT(Rm), C). */
bool trans_ADC(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ty = dp_type(in);
    ir_val n = tr_read_x(t, in->f[A64_F_Rn]), m = tr_read_x(t, in->f[A64_F_Rm]);
    if (in->f[A64_F_op])
        m = ir_un(t->b, IR_NOT, ty, m);
    ir_val nzcv = ir_get_nzcv(t->b);
    ir_val r = ir_emit(t->b, IR_ADC, ty, n, m, nzcv, 0, 0);
    if (in->f[A64_F_S])
        ir_set_nzcv(t->b, ir_emit(t->b, IR_NZCV_ADC, ty, n, m, nzcv, 0, 0));
    tr_write_x(t, in->f[A64_F_Rd], r);
    return true;
}

/* CCMN/CCMP: the flags of Rn + m (CCMN) or Rn - m (CCMP) if the condition
 * holds, otherwise the nzcv immediate. */
static void cond_compare(struct ir_tctx *t, const struct a64_insn *in, ir_val m)
{
    unsigned ty = dp_type(in);
    ir_val c = tr_cond(t, in->f[A64_F_cond]);
    ir_val n = tr_read_x(t, in->f[A64_F_Rn]);
    ir_val flags = ir_bin(t->b, in->f[A64_F_op] ? IR_NZCV_SUB : IR_NZCV_ADD, ty, n, m);
    ir_val imm = ir_const(t->b, (uint64_t)in->f[A64_F_nzcv] << 28);
    ir_set_nzcv(t->b, ir_emit(t->b, IR_SELECT, IR_I64, c, flags, imm, 0, 0));
}

bool trans_CCMP_reg(struct ir_tctx *t, const struct a64_insn *in)
{
    cond_compare(t, in, tr_read_x(t, in->f[A64_F_Rm]));
    return true;
}

bool trans_CCMP_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    cond_compare(t, in, ir_const(t->b, in->f[A64_F_imm5]));
    return true;
}

/* CSEL/CSINC/CSINV/CSNEG: Rd = cond ? Rn : Rm, Rm + 1, NOT Rm, -Rm. */
bool trans_CSEL(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned ty = dp_type(in);
    ir_val c = tr_cond(t, in->f[A64_F_cond]);
    ir_val n = tr_read_x(t, in->f[A64_F_Rn]), m = tr_read_x(t, in->f[A64_F_Rm]);
    bool inv = in->f[A64_F_op], inc = in->f[A64_F_op2];
    if (inv && inc)
        m = ir_un(t->b, IR_NEG, ty, m);
    else if (inv)
        m = ir_un(t->b, IR_NOT, ty, m);
    else if (inc)
        m = ir_bini(t->b, IR_ADD, ty, m, 1);
    ir_val r = ir_emit(t->b, IR_SELECT, IR_I64, c, n, m, 0, 0);
    if (in->f[A64_F_sf])
        tr_write_x(t, in->f[A64_F_Rd], r);
    else
        tr_write_w(t, in->f[A64_F_Rd], r);
    return true;
}
