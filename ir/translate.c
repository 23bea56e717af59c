/* Drives decode -> trans_* over one block. */
#include <string.h>

#include "translate.h"

static const a64_trans_fn trans_table[A64_OP_COUNT] = {
#define A64_TRANS_ENTRY(name) [A64_OP_##name] = trans_##name,
#define A64(name, cls, pat) A64_CLASS_##cls(A64_TRANS_ENTRY, name)
#include "decode/a64.def"
#undef A64
};

ir_val tr_read_x(struct ir_tctx *t, unsigned r)
{
    return r == 31 ? ir_const(t->b, 0) : ir_get(t->b, r);
}
ir_val tr_read_xsp(struct ir_tctx *t, unsigned r) { return ir_get(t->b, r); }
void tr_write_x(struct ir_tctx *t, unsigned r, ir_val v)
{
    if (r != 31)
        ir_set(t->b, r, v);
}
void tr_write_xsp(struct ir_tctx *t, unsigned r, ir_val v) { ir_set(t->b, r, v); }
void tr_write_w(struct ir_tctx *t, unsigned r, ir_val v)
{
    if (r != 31)
        ir_set(t->b, r, ir_un(t->b, IR_ZEXT32, IR_I64, v));
}
void tr_goto(struct ir_tctx *t, uint64_t pc)
{
    ir_goto(t->b, pc);
    t->end = true;
}
ir_val tr_cond(struct ir_tctx *t, unsigned cond)
{
    if (cond >= 14)
        return ir_const(t->b, 1);
    return ir_emit(t->b, IR_COND, IR_I64, ir_get_nzcv(t->b), 0, 0, cond, 0);
}
void tr_exit(struct ir_tctx *t, enum ir_exit reason, uint64_t pc, ir_val info)
{
    ir_exit(t->b, reason, pc, info);
    t->end = true;
}

/* A block ending in a conditional branch takes the next instruction too when that is another
 * conditional branch (B.cond, CBZ/CBNZ, TBZ/TBNZ): the two end it as one BRCOND2.  A compare
 * tested twice (b.eq; b.lt, as switches and three-way compares do) is then one block, whose
 * flags need not be carried into a block made of the second branch alone.  Not at EL1, whose
 * block hooks see a block's instruction count as what runs. */
static void pair_branches(struct ir_tctx *t, ir_fetch_fn fetch, void *ctx)
{
    struct ir_block *b = t->b;
    struct ir_insn first = b->insn[b->n - 1];
    uint32_t word;
    struct a64_insn in;
    if (t->feat->el1 || first.op != IR_BRCOND || first.imm2 != t->pc || b->ntemps != b->n ||
        b->ninsns + 1 >= IR_MAX_BLOCK_INSNS || !fetch(ctx, t->pc, &word))
        return;
    /* B.cond, CBZ/CBNZ, TBZ/TBNZ by their fixed bits first: most blocks end otherwise, and the
     * full decode would cost every one of them. */
    if ((word & 0xff000010u) != 0x54000000u && (word & 0x7c000000u) != 0x34000000u)
        return;
    if (!a64_decode(word, &in) ||
        (in.op != A64_OP_B_cond && in.op != A64_OP_CBZ && in.op != A64_OP_TBZ))
        return;
    /* The first branch goes (its condition stays); each instruction keeps temp n + 1. */
    uint32_t mark = --b->n;
    b->ntemps = b->n;
    b->cur_pcoff = (uint32_t)(t->pc - b->pc);
    t->end = false;
    if (trans_table[in.op](t, &in) && b->n > mark && b->insn[b->n - 1].op == IR_BRCOND &&
        b->insn[b->n - 1].imm2 == t->pc + 4) {
        struct ir_insn *s = &b->insn[b->n - 1];
        s->op = IR_BRCOND2;
        s->nargs = 2;
        s->arg[1] = s->arg[0];
        s->arg[0] = first.arg[0];
        s->imm2 = s->imm;
        s->imm = first.imm;
        b->ninsns++;
        t->pc += 4;
    } else {
        /* A branch on a constant (B.AL) is a GOTO: the block ends as it was. */
        ir_block_truncate(b, mark);
        b->insn[b->n++] = first;
    }
    b->ntemps = b->n;
    t->end = true;
}

/* A block ending in B to an instruction a few ahead goes on there, over a gap (one per block):
 * a jump into a loop's condition (sort's `b` into the CSETs that read its compare) then keeps
 * the compare and its readers in one block, whose flags need not be carried to the next.
 * Not at EL1, whose block hooks see a block's instruction count as what runs. */
#define FOLLOW_BYTES 32
static bool follow_jump(struct ir_tctx *t)
{
    struct ir_block *b = t->b;
    const struct ir_insn *g = &b->insn[b->n - 1];
    if (t->feat->el1 || b->gap_len || g->op != IR_GOTO || g->imm <= t->pc ||
        g->imm - t->pc > FOLLOW_BYTES || b->ntemps != b->n)
        return false;
    b->gap_at = (uint32_t)(t->pc - b->pc);
    b->gap_len = (uint32_t)(g->imm - t->pc);
    t->pc = g->imm;
    b->ntemps = --b->n;
    t->end = false;
    return true;
}

void ir_build_block(struct ir_block *b, uint64_t pc, const struct ir_features *feat,
                    ir_fetch_fn fetch, void *ctx)
{
    ir_block_init(b, pc);
    struct ir_tctx t = {.b = b, .pc = pc, .feat = feat};
    for (unsigned n = 0; n < IR_MAX_BLOCK_INSNS; n++) {
        uint32_t word;
        b->cur_pcoff = (uint32_t)(t.pc - pc);
        if (!fetch(ctx, t.pc, &word)) {
            /* Fetching fails at the block's start: an instruction abort; later:
             * end the block so the abort is taken with the earlier state. */
            if (n == 0)
                ir_exit(b, IR_EXIT_IFETCH, t.pc, ir_const(b, t.pc));
            else
                ir_goto(b, t.pc);
            break;
        }
        struct a64_insn in;
        uint32_t mark = b->n;
        bool ok = a64_decode(word, &in) && trans_table[in.op] && trans_table[in.op](&t, &in);
        if (!ok) {
            ir_block_truncate(b, mark);
            if (n == 0)
                ir_exit(b, IR_EXIT_UDF, t.pc, ir_const(b, word));
            else
                ir_goto(b, t.pc);
            break;
        }
        b->ninsns++;
        t.pc += 4;
        if (t.end && !(in.op == A64_OP_B && follow_jump(&t))) {
            pair_branches(&t, fetch, ctx);
            break;
        }
    }
    if (!ir_block_terminated(b))
        ir_goto(b, t.pc);
    b->nbytes = (uint32_t)(t.pc - pc) + (b->ninsns == 0 ? 4 : 0);
}

void ir_translate_block(struct ir_block *b, uint64_t pc, const struct ir_features *feat,
                        ir_fetch_fn fetch, void *ctx)
{
    ir_build_block(b, pc, feat, fetch, ctx);
    ir_optimize(b);
}
