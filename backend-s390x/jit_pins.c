/* Global pins chosen per program (jit.h: s390_jit_profile_pins).  Every block keeps SP in r10
 * and six more guest registers in r9, r8, r7, r13, r5 and r4; which six is a guess at first
 * (X30, X0-X3, X19).  While the profile runs, each compiled block counts its runs (a counter
 * in the data region: LARL, ASI, branch, three instructions per run) and notes which guest
 * registers it loads from and stores to the CPU state.  When the first counter runs out, the
 * runtime drops the JIT code and the review weighs each register by the loads and stores the
 * counted runs made of it; the six heaviest become the pins if they clearly beat the current
 * ones, and everything is compiled again, with them and without counters. */
#include <stdlib.h>
#include <string.h>

#include "backend-s390x/jit_ctx.h"

static const struct jit_global_pin default_pins[JIT_NGLOBAL_PINS] = {
    {31, 10}, {30, 9}, {0, 8}, {1, 7}, {2, 13}, {3, 5}, {19, 4}};

void s390_jit_default_pins(struct s390_jit *j)
{
    memcpy(j->gpin, default_pins, sizeof j->gpin);
}

void s390_jit_profile_pins(struct s390_jit *j, uint32_t runs)
{
    if (runs && !j->prof_use)
        j->prof_use = calloc(JIT_PROF_BLOCKS, sizeof *j->prof_use);
    j->profiling = runs && j->prof_use;
    j->prof_runs = runs;
    *j->prof_due = 0;
}

bool s390_jit_profiling(const struct s390_jit *j)
{
    return j->profiling;
}

bool s390_jit_pins_review_due(const struct s390_jit *j)
{
    return j->profiling && *j->prof_due;
}

/* Whether the block compiled as blocks[index] counts its runs. */
static bool counted(const struct s390_jit *j, uint32_t index)
{
    return j->profiling && !*j->prof_due && index < JIT_PROF_BLOCKS;
}

void jit_pins_count(struct jctx *J)
{
    struct s390_jit *j = J->j;
    if (!counted(j, j->nblocks)) /* it will be blocks[j->nblocks] */
        return;
    s390_label_init(&J->prof_stub);
    int64_t rel = (int64_t)((uintptr_t)&j->prof_ctr[j->nblocks] - (J->at + B->len));
    S390_EMIT(B, RILb, LARL, R_S1, rel);
    S390_EMIT(B, SIY, ASI, R_S1, 0, -1);
    S390_EMIT_LABEL(B, RILc, BRCL, 8, &J->prof_stub);
}

void jit_pins_stub(struct jctx *J)
{
    struct s390_jit *j = J->j;
    if (!counted(j, j->nblocks)) /* it will be blocks[j->nblocks] */
        return;
    s390_label_bind(B, &J->prof_stub);
    int64_t rel = (int64_t)((uintptr_t)j->prof_due - (J->at + B->len));
    S390_EMIT(B, RILb, LARL, R_S1, rel);
    S390_EMIT(B, SI, MVI, R_S1, 0, 1);
    /* Nothing of the block has run: out through its interrupt stub, to be compiled again. */
    S390_EMIT_LABEL(B, RILc, BRCL, 15, &J->intr_stub);
}

void jit_pins_note(struct s390_jit *j, const struct s390_jit_block *blk, const struct ir_block *b)
{
    if (!counted(j, blk->index))
        return;
    uint32_t rd = 0, wr = 0;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op == IR_GET && i->imm < 32 && !(wr >> i->imm & 1))
            rd |= 1u << i->imm;
        else if (i->op == IR_SET && i->imm < 32)
            wr |= 1u << i->imm;
    }
    j->prof_use[blk->index][0] = rd;
    j->prof_use[blk->index][1] = wr;
    j->prof_ctr[blk->index] = (int32_t)j->prof_runs;
    if (blk->index >= j->prof_n)
        j->prof_n = blk->index + 1;
}

void s390_jit_restart_profile(struct s390_jit *j)
{
    if (!j->profiling)
        return;
    j->prof_n = 0;
    *j->prof_due = 0;
}

void s390_jit_review_pins(struct s390_jit *j)
{
    if (!j->profiling)
        return;
    uint64_t weight[31] = {0};
    for (uint32_t i = 0; i < j->prof_n; i++) {
        int64_t runs = (int64_t)j->prof_runs - j->prof_ctr[i];
        for (int s = 0; s < 31 && runs > 0; s++)
            weight[s] += (uint64_t)runs * ((j->prof_use[i][0] >> s & 1) + (j->prof_use[i][1] >> s & 1));
    }
    /* The heaviest six, in order; ties and unused places go to the default pins. */
    struct jit_global_pin pins[JIT_NGLOBAL_PINS];
    memcpy(pins, default_pins, sizeof pins);
    bool taken[31] = {0};
    for (unsigned n = 1; n < JIT_NGLOBAL_PINS; n++) {
        int best = -1;
        for (unsigned d = 1; d < JIT_NGLOBAL_PINS; d++) /* defaults first among equals */
            if (!taken[default_pins[d].slot] &&
                (best < 0 || weight[default_pins[d].slot] > weight[best]))
                best = default_pins[d].slot;
        for (int s = 0; s < 31; s++)
            if (!taken[s] && weight[s] > weight[best])
                best = s;
        taken[best] = true;
        pins[n].slot = (uint8_t)best;
    }
    /* Only a clear gain is worth it: a profile is short, and its start may be unlike what
     * follows (a program's set-up, then its main loop). */
    uint64_t wold = 0, wnew = 0;
    for (unsigned n = 1; n < JIT_NGLOBAL_PINS; n++) {
        wold += weight[j->gpin[n].slot];
        wnew += weight[pins[n].slot];
    }
    j->profiling = false;
    j->pin_reviews++;
    if (wnew * 100 < wold * JIT_PIN_GAIN_PCT)
        return;
    j->pins_changed = true;
    memcpy(j->gpin, pins, sizeof pins);
    s390_jit_rewrite_trampolines(j);
}
