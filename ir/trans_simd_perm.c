/* AdvSIMD permutes (Arm ARM C4.1.95: "permute", "extract", "table lookup"). */
#include "trans_simd.h"

bool trans_SIMD_perm(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned opc = in->f[A64_F_opc], size = in->f[A64_F_size], q = in->f[A64_F_Q];
    if ((opc & 3) == 0 || (size == 3 && !q))
        return false;
    ir_call_pure(t->b, IR_HELPER_simd_perm,
                 ir_const(t->b, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], q,
                                          size, 0)),
                 ir_const(t->b, opc), 0);
    return true;
}

bool trans_SIMD_ext(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned q = in->f[A64_F_Q], pos = in->f[A64_F_imm4];
    if (!q && pos >= 8)
        return false;
    ir_call_pure(t->b, IR_HELPER_simd_ext,
                 ir_const(t->b, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], q,
                                          0, 0)),
                 ir_const(t->b, pos), 0);
    return true;
}

bool trans_SIMD_tbl(struct ir_tctx *t, const struct a64_insn *in)
{
    unsigned q = in->f[A64_F_Q];
    ir_call_pure(t->b, IR_HELPER_simd_tbl,
                 ir_const(t->b, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], q,
                                          0, 0)),
                 ir_const(t->b, (in->f[A64_F_len] + 1) | in->f[A64_F_op] << 3), 0);
    return true;
}
