/* The translation cache shared by every engine: a hash table from guest pc to
 * translation.  drop (rt_cache_invalidate, rt_cache_drop_jit) is the only place translations
 * are freed. */
#include <stdlib.h>
#include <string.h>

#include "rt.h"

#define INITIAL_BUCKETS 4096

int rt_cache_init(struct rt_cache *c)
{
    memset(c, 0, sizeof *c);
    c->nbuckets = INITIAL_BUCKETS;
    c->code_lo = ~0ull;
    c->bucket = calloc(c->nbuckets, sizeof *c->bucket);
    for (unsigned i = 0; i < sizeof c->nzcv / sizeof c->nzcv[0]; i++)
        c->nzcv[i].dead = -1;
    return c->bucket ? 0 : -1;
}

/* With several guest threads another thread may still be running the interpreter code of
 * a dropped block: it waits on c->retired, tagged with the generation it was dropped in,
 * until rt_cache_reap.  JIT code is unlinked at once (its bytes stay until a reset). */
static void tb_free(struct rt_cache *c, struct rt_tb *tb)
{
    if (tb->jit) {
        c->bytes -= tb->jit->size;
        s390_jit_block_free(c->jit, tb->jit);
        tb->jit = NULL;
    }
    if (c->defer_free) {
        tb->dropped_gen = c->gen;
        tb->next = c->retired;
        c->retired = tb;
        return;
    }
    if (tb->interp)
        c->bytes -= ir_interp_size(tb->interp);
    if (!tb->interp_inline)
        ir_interp_free(tb->interp);
    free(tb);
}

void rt_cache_reap(struct rt_cache *c, uint64_t gen)
{
    bool defer = c->defer_free;
    c->defer_free = false;
    for (struct rt_tb **pp = &c->retired; *pp;) {
        struct rt_tb *tb = *pp;
        if (tb->dropped_gen < gen) {
            *pp = tb->next;
            tb_free(c, tb);
        } else {
            pp = &tb->next;
        }
    }
    c->defer_free = defer;
}

void rt_cache_replace_interp(struct rt_cache *c, struct rt_tb *tb, struct ir_iblock *blk)
{
    c->gen++;
    if (tb->interp_inline) {
        /* The old code is part of tb's allocation: it goes with tb. */
        c->bytes -= ir_interp_size(tb->interp);
        c->bytes += ir_interp_size(blk);
        tb->interp = blk;
        tb->interp_inline = false;
        return;
    }
    struct rt_tb *husk = calloc(1, sizeof *husk);
    if (!husk) {
        ir_interp_free(blk); /* the old code stays: it is correct, only slower */
        return;
    }
    husk->interp = tb->interp;
    tb->interp = blk;
    c->bytes += ir_interp_size(blk);
    tb_free(c, husk);
}

void rt_cache_drop_ahead(struct rt_cache *c)
{
    for (unsigned i = 0; i < 4; i++)
        if (c->ahead_valid[i]) {
            ir_block_free(&c->ahead[i]);
            c->ahead_valid[i] = false;
        }
}

void rt_cache_destroy(struct rt_cache *c)
{
    rt_cache_reap(c, ~0ull);
    c->defer_free = false;
    rt_cache_drop_ahead(c);
    for (uint32_t i = 0; i < c->nbuckets; i++)
        for (struct rt_tb *tb = c->bucket[i], *n; tb; tb = n) {
            n = tb->next;
            tb_free(c, tb);
        }
    free(c->bucket);
    c->bucket = NULL;
}

/* Fibonacci hashing of the instruction index: a multiply and a shift on the dispatcher's
 * path instead of a call into xxhash; the top bits mix every bit of pc. */
static uint32_t bucket_of(const struct rt_cache *c, uint64_t pc)
{
    return (uint32_t)(((pc >> 2) * 0x9e3779b97f4a7c15ull) >> 32) & (c->nbuckets - 1);
}

struct rt_tb *rt_cache_find(struct rt_cache *c, uint64_t pc)
{
    for (struct rt_tb *tb = c->bucket[bucket_of(c, pc)]; tb; tb = tb->next)
        if (tb->pc == pc)
            return tb;
    return NULL;
}

static void grow(struct rt_cache *c)
{
    uint32_t n = c->nbuckets * 2;
    struct rt_tb **nb = calloc(n, sizeof *nb);
    if (!nb)
        return; /* longer chains, still correct */
    struct rt_tb **old = c->bucket;
    uint32_t oldn = c->nbuckets;
    c->bucket = nb;
    c->nbuckets = n;
    for (uint32_t i = 0; i < oldn; i++)
        for (struct rt_tb *tb = old[i], *next; tb; tb = next) {
            next = tb->next;
            uint32_t b = bucket_of(c, tb->pc);
            tb->next = nb[b];
            nb[b] = tb;
        }
    free(old);
}

void rt_cache_insert(struct rt_cache *c, struct rt_tb *tb)
{
    if (c->count >= c->nbuckets)
        grow(c);
    uint32_t b = bucket_of(c, tb->pc);
    tb->next = c->bucket[b];
    c->bucket[b] = tb;
    rt_cache_note_code(c, tb->pc, tb->end);
    c->count++;
    c->translated++;
    if (tb->interp)
        c->bytes += ir_interp_size(tb->interp);
    if (tb->jit)
        c->bytes += tb->jit->size;
}

/* Drops the translations of guest code in [addr, end) or depending on it, or (jit_only) every
 * translation holding JIT code, whatever its guest code. */
static uint64_t drop(struct rt_cache *c, uint64_t addr, uint64_t end, bool jit_only)
{
    uint64_t n = 0;
    if (!jit_only) {
        /* The guest code changed: what was learnt from it goes too. */
        for (unsigned i = 0; i < sizeof c->nzcv / sizeof c->nzcv[0]; i++)
            if (c->nzcv[i].dead >= 0 && c->nzcv[i].pc < end && addr < c->nzcv[i].end)
                c->nzcv[i].dead = -1;
        rt_cache_drop_ahead(c);
    }
    for (uint32_t i = 0; i < c->nbuckets; i++) {
        struct rt_tb **pp = &c->bucket[i];
        while (*pp) {
            struct rt_tb *tb = *pp;
            bool hit = jit_only ? tb->jit != NULL : tb->pc < end && addr < tb->end;
            for (int d = 0; d < RT_TB_DEPS && !hit && !jit_only; d++)
                hit = tb->dep_end[d] && tb->dep_pc[d] < end && addr < tb->dep_end[d];
            if (hit && jit_only && tb->interp) {
                /* Its first tier is still there: only the JIT code goes, and the block is
                 * compiled again at its next run (its counter ran out). */
                c->bytes -= tb->jit->size;
                s390_jit_block_free(c->jit, tb->jit);
                tb->jit = NULL;
                memset(tb->dep_pc, 0, sizeof tb->dep_pc);
                memset(tb->dep_end, 0, sizeof tb->dep_end);
                tb->interp->hot = 1;
                n++;
                pp = &tb->next;
            } else if (hit) {
                *pp = tb->next;
                tb_free(c, tb);
                c->count--;
                n++;
            } else {
                pp = &tb->next;
            }
        }
    }
    if (n) {
        /* Chained links into the dropped blocks become stale. */
        c->gen++;
        /* Indirect branches must not find dropped code. */
        if (c->jit)
            s390_jit_jcache_clear(c->jit);
        c->dropped += n;
        c->invalidations++;
    }
    return n;
}

uint64_t rt_cache_invalidate(struct rt_cache *c, uint64_t addr, uint64_t len)
{
    uint64_t end = addr + len < addr ? ~0ull : addr + len;
    if (end <= c->code_lo || addr >= c->code_hi)
        return 0;
    return drop(c, addr, end, false);
}

uint64_t rt_cache_drop_jit(struct rt_cache *c)
{
    return drop(c, 0, ~0ull, true);
}
