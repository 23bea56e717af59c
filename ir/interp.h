/* The portable engine: IR blocks lowered to a compact slot-based form and run by
 * a threaded interpreter.  Operands are slot numbers into struct ir_env, so guest
 * registers are read and written in place. */
#ifndef ZARM_IR_INTERP_H
#define ZARM_IR_INTERP_H

#include "env.h"
#include "ir.h"

struct ir_iop {
    uint16_t h;          /* handler index */
    uint16_t d, a, b, c; /* slots */
    uint16_t pad;
    uint32_t pcoff;      /* guest instruction offset, for precise exceptions */
    uint64_t imm, imm2;
};

struct ir_iblock {
    uint64_t pc;
    uint32_t ninsns, nops;
    uint32_t nbytes;
    uint32_t gap_at, gap_len; /* as ir_block's */
    /* The first tier: nraw IR instructions (struct ir_insn, in the space of ops) that the
     * interpreter runs as they are, each temp t in env->tmp[t]; 0 for lowered ops. */
    uint32_t nraw;
    /* Tiering: entries left before the block exits to the dispatcher (IR_EXIT_BUDGET with
     * cpu.pc at the block) to be compiled; 0 = never.  Once it runs out it stays at 1, so
     * every later entry exits as well (the dispatcher sets 0 if the block stays here). */
    uint32_t hot;
    /* Chained successors for GOTO (0), BRCOND taken (0) / not taken (1) and BRCOND2's
     * three ways (0, 1, 2), valid while link_gen equals the cache generation. */
    struct ir_iblock *link[3];
    uint64_t link_gen[3];
    struct ir_iop ops[];
};

/* ir_block_insns_from for a lowered block. */
static inline uint32_t ir_iblock_insns_from(const struct ir_iblock *b, uint32_t pcoff)
{
    return ir_insns_from(b->ninsns, pcoff, b->gap_at, b->gap_len);
}

/* Lowers an optimised IR block; NULL if out of memory or out of slots. */
struct ir_iblock *ir_interp_compile(const struct ir_block *b);
/* The first tier, for code that may run only a few times: the block's IR as the builder made
 * it (optimised or not), copied into mem (ir_interp_raw_size bytes, 8-aligned, the caller's
 * to free), for the interpreter to run instruction by instruction (no lowering at all: cheap
 * to make, slower to run).  Its space holds the lowered form of the same block, so a second
 * tier can replace it in place.  The size is 0 if the block has too many temps for it
 * (IR_MAX_TEMP_SLOTS or more). */
size_t ir_interp_raw_size(const struct ir_block *b);
struct ir_iblock *ir_interp_keep_raw(const struct ir_block *b, void *mem);
/* Bytes a block takes (for the cache's accounting). */
static inline size_t ir_interp_size(const struct ir_iblock *blk)
{
    return sizeof *blk + (blk->nraw ? blk->nraw * sizeof(struct ir_insn)
                                    : blk->nops * sizeof(struct ir_iop));
}
void ir_interp_free(struct ir_iblock *blk);
/* Runs from blk until something needs the runtime; returns env->exit (never
 * IR_EXIT_NONE) with env->cpu.pc at the instruction to resume at. */
uint32_t ir_interp_run(struct ir_env *env, struct ir_iblock *blk);
/* Prints the lowered form (debugging). */
void ir_interp_print(FILE *f, const struct ir_iblock *blk);

#endif
