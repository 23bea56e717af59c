/* AdvSIMD permutes (Arm ARM C4.1.95: "permute", "extract", "table lookup"). */
#include "trans_simd.h"

/* UZP/TRN/ZIP: opc 1 UZP1, 2 TRN1, 3 ZIP1, 5 UZP2, 6 TRN2, 7 ZIP2. */
static bool perm(struct ir_tctx *t, const struct a64_insn *in, unsigned opc)
{
    unsigned size = in->f[A64_F_size], q = in->f[A64_F_Q];
    if (size == 3 && !q)
        return false;
    ir_call_pure(t->b, IR_HELPER_simd_perm,
                 ir_const(t->b, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], q,
                                          size, 0)),
                 ir_const(t->b, opc), 0);
    return true;
}

#define TRANS(name, expr)                                                                          \
    bool trans_##name(struct ir_tctx *t, const struct a64_insn *in) { return expr; }
TRANS(UZP1, perm(t, in, 1))
TRANS(TRN1, perm(t, in, 2))
TRANS(ZIP1, perm(t, in, 3))
TRANS(UZP2, perm(t, in, 5))
TRANS(TRN2, perm(t, in, 6))
TRANS(ZIP2, perm(t, in, 7))

bool trans_EXT(struct ir_tctx *t, const struct a64_insn *in)
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

static bool tbl(struct ir_tctx *t, const struct a64_insn *in, bool tbx)
{
    unsigned q = in->f[A64_F_Q];
    ir_call_pure(t->b, IR_HELPER_simd_tbl,
                 ir_const(t->b, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], q,
                                          0, 0)),
                 ir_const(t->b, (in->f[A64_F_len] + 1) | (unsigned)tbx << 3), 0);
    return true;
}
TRANS(TBL, tbl(t, in, false))
TRANS(TBX, tbl(t, in, true))
