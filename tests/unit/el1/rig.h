/* A tiny EL1 machine for the EL1 tests: guest memory with code.S loaded at 0, blocks
 * translated with ir_features.el1, an engine that runs from the pc to the next exit, and
 * a dispatcher that does what a VMM's run loop does with rt_el1_*: exception entry, ERET.
 * The includer defines EL1_CHECK(cond, what) (a failed check stops the case). */
#ifndef ZARM_TEST_EL1_RIG_H
#define ZARM_TEST_EL1_RIG_H

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ir/endian.h"
#include "ir/env.h"
#include "ir/interp.h"
#include "ir/translate.h"
#include "runtime/el1.h"
#include "zarm/cpu.h"

#include "code.h"

#define EL1_MEM_SIZE 0x10000u
#define EL1_MAX_BLOCKS 256

struct el1_rig;
/* Runs from env->cpu.pc until the engine exits; returns the exit reason. */
typedef uint32_t (*el1_engine_fn)(struct el1_rig *r);

struct el1_rig {
    struct ir_env *env;
    uint8_t *mem;
    uint64_t cache_gen;
    struct ir_features feat;
    el1_engine_fn engine;
    uint64_t block_pc[EL1_MAX_BLOCKS];
    struct ir_iblock *block[EL1_MAX_BLOCKS];
    unsigned nblocks;
    unsigned erets, syncs; /* handled by el1_run */
    uint64_t sync_info;
};

static bool el1_fetch(void *ctx, uint64_t pc, uint32_t *word)
{
    struct el1_rig *r = ctx;
    if (pc >= EL1_MEM_SIZE - 3)
        return false;
    *word = ld_le32(r->mem + pc);
    return true;
}

static void el1_translate(struct el1_rig *r, uint64_t pc, struct ir_block *b)
{
    ir_translate_block(b, pc, &r->feat, el1_fetch, r);
}

/* The interpreter's block lookup (chained blocks come through here too). */
static struct ir_iblock *el1_lookup(struct ir_env *env, uint64_t pc)
{
    struct el1_rig *r = env->runtime;
    for (unsigned i = 0; i < r->nblocks; i++)
        if (r->block_pc[i] == pc)
            return r->block[i];
    if (r->nblocks == EL1_MAX_BLOCKS)
        return NULL;
    struct ir_block b;
    el1_translate(r, pc, &b);
    struct ir_iblock *blk = ir_interp_compile(&b);
    ir_block_free(&b);
    if (!blk)
        return NULL;
    r->block_pc[r->nblocks] = pc;
    r->block[r->nblocks++] = blk;
    return blk;
}

static void el1_drop_blocks(struct el1_rig *r)
{
    for (unsigned i = 0; i < r->nblocks; i++)
        ir_interp_free(r->block[i]);
    r->nblocks = 0;
    r->cache_gen++;
}

static uint32_t el1_engine_interp(struct el1_rig *r)
{
    struct ir_iblock *blk = el1_lookup(r->env, r->env->cpu.pc);
    if (!blk)
        return r->env->exit = IR_EXIT_IFETCH;
    return ir_interp_run(r->env, blk);
}

/* A vCPU at EL1h (DAIF masked, as out of reset) with the code loaded, the vectors at
 * EL1_VECTORS and pc = entry. */
static void el1_rig_init(struct el1_rig *r, el1_engine_fn engine, uint64_t entry)
{
    const char *err;
    memset(r, 0, sizeof *r);
    if (a64_decode_init(&err) != 0)
        abort();
    r->mem = calloc(1, EL1_MEM_SIZE);
    r->env = ir_env_new();
    for (size_t i = 0; i < sizeof el1_code / sizeof el1_code[0]; i++)
        st_le32(r->mem + el1_code[i].addr, el1_code[i].word);
    r->cache_gen = 1;
    r->feat = (struct ir_features){.lse = true, .crc32 = true, .rcpc = true, .fp = true,
                                   .asimd = true, .el1 = true};
    r->engine = engine;
    r->env->mem = r->mem;
    r->env->mem_size = EL1_MEM_SIZE;
    r->env->cache_gen = &r->cache_gen;
    r->env->lookup = el1_lookup;
    r->env->runtime = r;
    r->env->cpu.pstate = ZARM_PSTATE_DAIF_MASK | ZARM_PSTATE_M_EL1H;
    r->env->cpu.vbar_el1 = EL1_VECTORS;
    r->env->cpu.pc = entry;
}

static void el1_rig_free(struct el1_rig *r)
{
    el1_drop_blocks(r);
    ir_env_free(r->env);
    free(r->mem);
}

/* Runs until an exit the VMM would see (HVC, WFI, SYSREG...), taking exceptions to the
 * vectors and ERETs on the way.  IR_EXIT_COUNT: no such exit within 1000 engine exits. */
static uint32_t el1_run(struct el1_rig *r)
{
    struct ir_env *env = r->env;
    for (int n = 0; n < 1000; n++) {
        env->exit = IR_EXIT_NONE;
        env->exit_info = 0;
        uint32_t why = r->engine(r);
        switch (why) {
        case IR_EXIT_NONE:
        case IR_EXIT_BUDGET:
            continue;
        case IR_EXIT_ERET:
            r->erets++;
            rt_el1_eret(&env->cpu);
            continue;
        case IR_EXIT_SYNC:
            r->syncs++;
            r->sync_info = env->exit_info;
            if (env->exit_info == IR_SYNC_ALL)
                el1_drop_blocks(r);
            continue;
        default:
            if (rt_el1_exception(&env->cpu, why, env->exit_info))
                continue;
            return why;
        }
    }
    return IR_EXIT_COUNT;
}

/* The VMM resumes after an HVC, a WFI or an emulated system register access. */
static void el1_skip(struct el1_rig *r) { r->env->cpu.pc += 4; }

#endif
