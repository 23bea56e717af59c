/* The IR pass every block goes through before an engine compiles it (the builder has already
 * forwarded register values and folded constants, builder.c).  One backward walk:
 *  - a SET of a register that a later SET overwrites before anything could observe it (a
 *    faulting op, a helper call, the block's end) is dropped.  NZCV is one more register, so
 *    this is dead-flag elimination;
 *  - a pure result nobody uses is dropped (uses are counted on the way back).
 * Then the surviving instructions are packed. */
#include <stdlib.h>
#include <string.h>

#include "ir.h"
#include "scratch.h"

#define DELETED 0xffff

void ir_optimize(struct ir_block *b)
{
    uint32_t *uses = ir_scratch(IR_SCRATCH_OPT_USES, b->ntemps + 1, sizeof *uses);
    if (!uses)
        return;
    /* overwritten[s] == epoch: a later SET of slot s comes before any observer. */
    uint32_t overwritten[IR_FWD_SLOTS] = {0};
    uint32_t epoch = 1;
    for (uint32_t k = b->n; k-- > 0;) {
        struct ir_insn *i = &b->insn[k];
        unsigned flags = ir_op_flags(i->op);
        int s = ir_slot_key(i);
        bool live;
        if (s >= 0 && (i->op == IR_SET || i->op == IR_SET_NZCV)) {
            live = overwritten[s] != epoch;
            overwritten[s] = epoch;
        } else {
            if (s >= 0)
                overwritten[s] = 0; /* a GET reads what the SETs before it wrote */
            if (flags & (IRF_FAULT | IRF_TERM) || i->op == IR_CALL)
                epoch++; /* everything written before it is observable */
            live = (flags & (IRF_SIDE | IRF_FAULT | IRF_TERM)) || uses[i->dst];
        }
        if (!live) {
            i->op = DELETED;
            continue;
        }
        for (unsigned a = 0; a < i->nargs; a++)
            uses[i->arg[a]]++;
    }
    uint32_t w = 0;
    for (uint32_t k = 0; k < b->n; k++)
        if (b->insn[k].op != DELETED)
            b->insn[w++] = b->insn[k];
    b->n = w;
}
