/* AdvSIMD integer arithmetic (Arm ARM C4.1.95: "three same", "three different",
 * "two-register miscellaneous", "across lanes", "shift by immediate" and their
 * scalar forms).  The translators check size/Q against the Arm ARM's reserved
 * combinations and pass the rest to one helper per group (helper_simd_arith.c). */
#include "trans_simd.h"

static uint64_t args_of(const struct a64_insn *in, unsigned size, bool scalar)
{
    return SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], in->f[A64_F_Q], size,
                     scalar);
}

static void call(struct ir_tctx *t, unsigned helper, uint64_t args, uint64_t op, uint64_t imm)
{
    ir_call_pure(t->b, helper, ir_const(t->b, args), ir_const(t->b, op), ir_const(t->b, imm));
}

/* "Three same" opcodes (U << 5 | opcode) that allow 64-bit lanes. */
static bool same_allows_d(unsigned op)
{
    switch (op & 0x1f) {
    case 0x01: case 0x05: case 0x06: case 0x07: case 0x08: case 0x09: case 0x0a: case 0x0b:
    case 0x10: case 0x11: case 0x17:
        return true;
    }
    return false;
}

bool trans_SIMD_3same(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned opc = in->f[A64_F_opc], size = in->f[A64_F_size], q = in->f[A64_F_Q];
    unsigned op = in->f[A64_F_U] << 5 | opc;
    if (opc == 0x03)
        return tr_simd_logic(t, in);
    if (opc >= 0x18 || op == 0x37)
        return false; /* floating point: not implemented */
    if (size == 3 && (!q || !same_allows_d(op)))
        return false;
    if ((op == 0x33 && size != 0) || ((opc == 0x16) && (size == 0 || size == 3)))
        return false;
    call(t, IR_HELPER_simd_3same, args_of(in, size, false), op, 0);
    return true;
}

bool trans_SIMD_s_3same(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned opc = in->f[A64_F_opc], size = in->f[A64_F_size];
    unsigned op = in->f[A64_F_U] << 5 | opc;
    switch (opc) {
    case 0x01: case 0x05: case 0x09: case 0x0b: /* saturating: every size */
        break;
    case 0x16:
        if (size == 0 || size == 3)
            return false;
        break;
    case 0x06: case 0x07: case 0x08: case 0x0a: case 0x10: case 0x11:
        if (size != 3)
            return false;
        break;
    default:
        return false;
    }
    call(t, IR_HELPER_simd_3same, args_of(in, size, true), op, 0);
    return true;
}

bool trans_SIMD_3diff(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned opc = in->f[A64_F_opc], size = in->f[A64_F_size], u = in->f[A64_F_U];
    if (size == 3 || opc == 9 || opc == 11 || opc == 13 || opc == 15)
        return false; /* SQDMLAL and friends: not implemented */
    if (opc == 14 && (u || size != 0))
        return false;
    call(t, IR_HELPER_simd_3diff, args_of(in, size, false), u << 4 | opc, 0);
    return true;
}

/* Conversions between FP and integer lanes in the "two-register misc" groups:
 * opcode 11010-11101 with size<0> = double; false if not one of them. */
static bool fp_int_convert(struct ir_tctx *t, const struct a64_insn *in, bool scalar, bool *ok)
{
    unsigned opc = in->f[A64_F_opc], size = in->f[A64_F_size], u = in->f[A64_F_U];
    unsigned hi = size >> 1, mode;
    bool to_fp = false;
    if (opc == 0x1d && !hi)
        to_fp = true, mode = 0;             /* SCVTF, UCVTF */
    else if (opc == 0x1a)
        mode = hi ? 1 : 0;                  /* FCVTP*, FCVTN* */
    else if (opc == 0x1b)
        mode = hi ? 3 : 2;                  /* FCVTZ*, FCVTM* */
    else if (opc == 0x1c && !hi)
        mode = 4;                           /* FCVTA* */
    else
        return false;
    *ok = scalar || in->f[A64_F_Q] || !(size & 1);
    if (*ok)
        call(t, IR_HELPER_simd_fcvt, args_of(in, 2 + (size & 1), scalar),
             mode | u << 3 | (unsigned)to_fp << 4, 0);
    return true;
}

bool trans_SIMD_2misc(struct ir_tctx *t, const struct a64_insn *in)
{
    bool ok;
    if (fp_int_convert(t, in, false, &ok))
        return ok;
    unsigned size = in->f[A64_F_size], q = in->f[A64_F_Q];
    unsigned op = in->f[A64_F_U] << 5 | in->f[A64_F_opc];
    switch (op) {
    case 0x00: case 0x02: case 0x22: case 0x06: case 0x26: case 0x04: case 0x24:
    case 0x12: case 0x14: case 0x32: case 0x34: case 0x33:
        if (size == 3)
            return false;
        break;
    case 0x01: case 0x05:
        if (size != 0)
            return false;
        break;
    case 0x20:
        if (size > 1)
            return false;
        break;
    case 0x25: /* NOT (size 0) or RBIT (size 1) */
        if (size > 1)
            return false;
        if (size == 1) {
            op = 0x3f;
            size = 0;
        }
        break;
    case 0x07: case 0x27: case 0x08: case 0x28: case 0x09: case 0x29: case 0x0a: case 0x0b:
    case 0x2b:
        if (size == 3 && !q)
            return false;
        break;
    default:
        return false;
    }
    call(t, IR_HELPER_simd_2misc, args_of(in, size, false), op, 0);
    return true;
}

bool trans_SIMD_s_2misc(struct ir_tctx *t, const struct a64_insn *in)
{
    bool ok;
    if (fp_int_convert(t, in, true, &ok))
        return ok;
    unsigned size = in->f[A64_F_size];
    unsigned op = in->f[A64_F_U] << 5 | in->f[A64_F_opc];
    switch (op) {
    case 0x08: case 0x28: case 0x09: case 0x29: case 0x0a: case 0x0b: case 0x2b:
        if (size != 3)
            return false;
        break;
    case 0x07: case 0x27:
        break;
    case 0x14: case 0x32: case 0x34:
        if (size == 3)
            return false;
        break;
    default:
        return false;
    }
    call(t, IR_HELPER_simd_2misc, args_of(in, size, true), op, 0);
    return true;
}

bool trans_SIMD_across(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned size = in->f[A64_F_size], q = in->f[A64_F_Q];
    unsigned op = in->f[A64_F_U] << 5 | in->f[A64_F_opc];
    switch (op) {
    case 0x03: case 0x23: case 0x0a: case 0x2a: case 0x1a: case 0x3a: case 0x1b:
        break;
    default:
        return false; /* FMAXV and friends: not implemented */
    }
    if (size == 3 || (size == 2 && !q))
        return false;
    call(t, IR_HELPER_simd_across, args_of(in, size, false), op, 0);
    return true;
}

/* ADDP (scalar): Dd = Vn.D[0] + Vn.D[1]. */
bool trans_SIMD_s_pair(struct ir_tctx *t, const struct a64_insn *in)
{
    if (in->f[A64_F_U] || in->f[A64_F_opc] != 0x1b || in->f[A64_F_size] != 3)
        return false; /* FADDP and friends: not implemented */
    unsigned rn = in->f[A64_F_Rn];
    tr_setv64(t, in->f[A64_F_Rd],
              ir_bin(t->b, IR_ADD, IR_I64, tr_getv(t, rn, 0), tr_getv(t, rn, 1)));
    return true;
}

/* Shift by immediate: immh gives the element size, immh:immb the shift. */
static bool shift_imm(struct ir_tctx *t, const struct a64_insn *in, bool scalar)
{
    unsigned immh = in->f[A64_F_immh], q = in->f[A64_F_Q], u = in->f[A64_F_U];
    unsigned opc = in->f[A64_F_opc], op = u << 5 | opc;
    if (immh == 0)
        return false;
    unsigned size = 31 - (unsigned)__builtin_clz(immh), ebits = 8u << size;
    unsigned v = immh << 3 | in->f[A64_F_immb];
    unsigned right = 2 * ebits - v, left = v - ebits;
    switch (op) {
    case 0x00: case 0x20: case 0x02: case 0x22: case 0x04: case 0x24: case 0x06: case 0x26:
    case 0x28:
    case 0x0a: case 0x2a:
        if (size == 3 ? !q && !scalar : scalar)
            return false;
        call(t, IR_HELPER_simd_shift, args_of(in, size, scalar), op, opc == 0x0a ? left : right);
        return true;
    case 0x0e: case 0x2e: case 0x2c:
        if (size == 3 && !q && !scalar)
            return false;
        call(t, IR_HELPER_simd_shift, args_of(in, size, scalar), op, left);
        return true;
    case 0x10: case 0x11:
    case 0x30: case 0x31: case 0x12: case 0x32: case 0x13: case 0x33:
        if (size == 3 || (scalar && op <= 0x11))
            return false;
        call(t, IR_HELPER_simd_shift, args_of(in, size + 1, scalar), op, right);
        return true;
    case 0x14: case 0x34:
        if (size == 3 || scalar)
            return false;
        call(t, IR_HELPER_simd_shift, args_of(in, size, false), op, left);
        return true;
    }
    return false; /* fixed-point conversions: not implemented */
}

bool trans_SIMD_shift_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    return shift_imm(t, in, false);
}
bool trans_SIMD_s_shift_imm(struct ir_tctx *t, const struct a64_insn *in)
{
    return shift_imm(t, in, true);
}
