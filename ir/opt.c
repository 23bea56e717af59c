/* IR passes run on every block before an engine compiles it:
 *  1. forwarding: a GET of a guest register whose value the block already holds
 *     is replaced by that value; a SET that is overwritten before anything could
 *     observe it (a faulting op, a helper call, the block's end) is dropped.
 *     NZCV is treated as one more register, which is dead-flag elimination.
 *  2. constant folding of pure ops whose operands are constants;
 *  3. dead-code removal of unused pure results. */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "ir.h"
#include "scratch.h"

#define NSLOTS 35
#define SLOT_NZCV 34
#define DELETED 0xffff

static ir_val resolve(const ir_val *repl, ir_val v)
{
    while (v && repl[v])
        v = repl[v];
    return v;
}

void ir_optimize(struct ir_block *b)
{
    uint32_t nt = b->ntemps + 1;
    ir_val *repl = ir_scratch(IR_SCRATCH_OPT_REPL, nt, sizeof *repl);
    uint8_t *is_const = ir_scratch(IR_SCRATCH_OPT_CONST, nt, 1);
    uint64_t *cval = ir_scratch(IR_SCRATCH_OPT_CVAL, nt, sizeof *cval);
    uint32_t *uses = ir_scratch(IR_SCRATCH_OPT_USES, nt, sizeof *uses);
    if (!repl || !is_const || !cval || !uses)
        return;

    ir_val cur[NSLOTS] = {0};
    /* A pending SET is the index of the last unobserved SET of a slot; it is
     * valid only if set in the current epoch (bumped at every observation). */
    int32_t pending_set[NSLOTS];
    uint32_t pending_epoch[NSLOTS] = {0};
    uint32_t epoch = 1;

    for (uint32_t k = 0; k < b->n; k++) {
        struct ir_insn *i = &b->insn[k];
        for (unsigned a = 0; a < i->nargs; a++)
            i->arg[a] = resolve(repl, i->arg[a]);
        unsigned flags = ir_op_flags(i->op);
        int slot = -1;
        if (i->op == IR_GET || i->op == IR_SET)
            slot = i->imm < 34 ? (int)i->imm : -1;
        else if (i->op == IR_GET_NZCV || i->op == IR_SET_NZCV)
            slot = SLOT_NZCV;

        if ((i->op == IR_GET || i->op == IR_GET_NZCV) && slot >= 0) {
            if (cur[slot]) {
                repl[i->dst] = cur[slot];
                i->op = DELETED;
            } else {
                cur[slot] = i->dst;
            }
            continue;
        }
        if ((i->op == IR_SET || i->op == IR_SET_NZCV) && slot >= 0) {
            if (pending_epoch[slot] == epoch)
                b->insn[pending_set[slot]].op = DELETED;
            pending_set[slot] = (int32_t)k;
            pending_epoch[slot] = epoch;
            cur[slot] = i->arg[0];
            continue;
        }
        if (flags & (IRF_FAULT | IRF_TERM) || i->op == IR_CALL) {
            /* Anything that can leave the block or look at the CPU state makes
             * the pending writes observable. */
            epoch++;
        }
        if (i->op == IR_CONST) {
            is_const[i->dst] = 1;
            cval[i->dst] = i->imm;
            continue;
        }
        if (i->dst && !(flags & IRF_SIDE) && i->nargs >= 1 && i->nargs <= 2) {
            bool all = true;
            for (unsigned a = 0; a < i->nargs; a++)
                all = all && i->arg[a] && is_const[i->arg[a]];
            uint64_t r;
            uint64_t bval = i->op == IR_COND ? i->imm : (i->nargs == 2 ? cval[i->arg[1]] : 0);
            if (all && ir_eval(i->op, i->type, cval[i->arg[0]], bval, &r)) {
                i->op = IR_CONST;
                i->type = IR_I64;
                i->nargs = 0;
                i->imm = r;
                is_const[i->dst] = 1;
                cval[i->dst] = r;
            }
        }
        /* A conditional branch on a constant is a plain jump. */
        if (i->op == IR_BRCOND && is_const[i->arg[0]]) {
            i->op = IR_GOTO;
            i->nargs = 0;
            if (!cval[i->arg[0]])
                i->imm = i->imm2;
            i->arg[0] = 0;
        }
    }

    /* Dead code: walk backwards counting uses of live instructions. */
    for (uint32_t k = b->n; k-- > 0;) {
        struct ir_insn *i = &b->insn[k];
        if (i->op == DELETED)
            continue;
        bool live = (ir_op_flags(i->op) & (IRF_SIDE | IRF_FAULT | IRF_TERM)) || uses[i->dst];
        if (!live) {
            i->op = DELETED;
            continue;
        }
        for (unsigned a = 0; a < i->nargs; a++)
            if (i->arg[a])
                uses[i->arg[a]]++;
    }
    uint32_t w = 0;
    for (uint32_t k = 0; k < b->n; k++)
        if (b->insn[k].op != DELETED)
            b->insn[w++] = b->insn[k];
    b->n = w;
}
