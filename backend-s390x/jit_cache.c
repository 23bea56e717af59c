/* The JIT's code cache: one mapping holding the code region (read-execute; a page is made
 * read-write only while a block is copied in or a branch is patched, so code is never writable
 * and executable at once) followed by the indirect-branch cache (read-write data, never
 * executable).  Blocks are bump-allocated; when the region is full the runtime drops every
 * translation through its invalidation path and the region starts over. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backend-s390x/jit_internal.h"
#include "backend-s390x/s390_label.h"

#define PAGE 4096u
#define SCRATCH_BYTES (512u << 10)

static uint8_t *scratch; /* code is generated here, then copied into the cache */

static int set_prot(uint8_t *from, size_t len, int prot)
{
    uintptr_t a = (uintptr_t)from & ~(uintptr_t)(PAGE - 1);
    uintptr_t e = ((uintptr_t)from + len + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    return mprotect((void *)a, e - a, prot);
}

/* Generated code reads an entry with one LPQ (a 16-byte snapshot).  Three ordered plain stores
 * -- a pc that never matches this entry, the code, then the pc -- mean a thread probing while
 * another fills the cache sees a miss or the new pair, never a pc with another block's code.
 * (A 16-byte __atomic store is a locked libatomic call here: 0.39 M instructions of start-up
 * for the clear alone.) */
static uint64_t jcache_never(uint32_t i)
{
    return (uint64_t)((i + 1) & (JIT_JCACHE_ENTRIES - 1)) << 2;
}

static void jcache_store(uint64_t *entry, uint32_t i, uint64_t pc, uint64_t code)
{
    __atomic_store_n(&entry[0], jcache_never(i), __ATOMIC_RELAXED);
    __atomic_store_n(&entry[1], code, __ATOMIC_RELEASE);
    __atomic_store_n(&entry[0], pc, __ATOMIC_RELEASE);
}

void s390_jit_jcache_clear(struct s390_jit *j)
{
    for (uint32_t i = 0; i < JIT_JCACHE_ENTRIES; i++)
        jcache_store(&j->jcache[2 * i], i, jcache_never(i), 0);
}

int s390_jit_place_jcache(struct s390_jit *j, void *table, size_t bytes, int64_t gdisp)
{
    size_t need = (size_t)JIT_JCACHE_ENTRIES * 16;
    /* The probe is LPQ r0, gdisp(r1, r12): gdisp a 20-bit signed displacement. */
    if (bytes < need || gdisp == 0 || gdisp < -(1 << 19) || gdisp >= (1 << 19) ||
        ((uintptr_t)table & 15) || j->nblocks)
        return -1;
    j->jcache = table;
    j->jcache_gdisp = (int32_t)gdisp;
    s390_jit_jcache_clear(j);
    return 0;
}

void s390_jit_jcache_set(struct s390_jit *j, uint64_t pc, const struct s390_jit_block *blk)
{
    uint32_t i = (uint32_t)(pc >> 2) & (JIT_JCACHE_ENTRIES - 1);
    if (j->jcache[2 * i] == pc && j->jcache[2 * i + 1] == (uint64_t)(uintptr_t)blk->code)
        return;
    jcache_store(&j->jcache[2 * i], i, pc, (uint64_t)(uintptr_t)blk->code);
}

/* Writes to live code: the pages go read-write and back to read-execute, and flip_seq is odd
 * in between, so that the fault hook of a thread running code on those pages retries. */
static int write_begin(struct s390_jit *j, uint8_t *from, size_t len)
{
    __atomic_add_fetch(&j->flip_seq, 1, __ATOMIC_SEQ_CST);
    return set_prot(from, len, PROT_READ | PROT_WRITE);
}

static void write_end(struct s390_jit *j, uint8_t *from, size_t len)
{
    set_prot(from, len, PROT_READ | PROT_EXEC);
    __atomic_add_fetch(&j->flip_seq, 1, __ATOMIC_SEQ_CST);
    __builtin___clear_cache((char *)from, (char *)from + len);
}

int s390_jit_create(struct s390_jit **out, size_t code_bytes, const char **err)
{
    *out = NULL;
    const struct s390_facilities *fac = s390_host_facilities(err);
    if (!fac)
        return -1;
    struct s390_jit *j = calloc(1, sizeof *j);
    if (!j || (!scratch && !(scratch = malloc(SCRATCH_BYTES)))) {
        free(j);
        *err = "out of memory";
        return -1;
    }
    j->fac = fac;
    code_bytes = (code_bytes + PAGE - 1) & ~(size_t)(PAGE - 1);
    size_t data = JIT_JCACHE_ENTRIES * 16 + 8 + JIT_PROF_BLOCKS * 4;
    j->map_size = code_bytes + data;
    void *m = mmap(NULL, j->map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        free(j);
        *err = "cannot map the JIT code cache";
        return -1;
    }
    j->map = m;
    j->code = m;
    j->code_size = code_bytes;
    j->jcache = (uint64_t *)(void *)(j->map + code_bytes);
    j->prof_due = (volatile uint8_t *)(void *)(j->jcache + 2 * JIT_JCACHE_ENTRIES);
    j->prof_ctr = (int32_t *)(void *)(j->jcache + 2 * JIT_JCACHE_ENTRIES + 1);
    s390_jit_jcache_clear(j);
    s390_jit_default_pins(j);
    struct s390_buf buf;
    s390_buf_init(&buf, j->code, PAGE);
    s390_jit_emit_trampolines(j, &buf, (uintptr_t)j->code);
    if (buf.error || buf.overflow || set_prot(j->code, code_bytes, PROT_READ | PROT_EXEC)) {
        munmap(j->map, j->map_size);
        free(j);
        *err = "cannot set up the JIT code cache";
        return -1;
    }
    j->fixed = j->used = (buf.len + 255) & ~(size_t)255;
    *out = j;
    return 0;
}

void s390_jit_destroy(struct s390_jit *j)
{
    if (!j)
        return;
    for (uint32_t i = 0; i < j->nblocks; i++)
        if (j->blocks[i]) {
            free(j->blocks[i]->fault);
            free(j->blocks[i]);
        }
    free(j->blocks);
    free(j->prof_use);
    munmap(j->map, j->map_size);
    free(j);
}

struct s390_jit_block *s390_jit_compile(struct s390_jit *j, const struct ir_block *b, bool *full,
                                        s390_jit_nzcv_dead_fn nzcv_dead, void *ctx)
{
    *full = false;
    uintptr_t at = (uintptr_t)j->code + j->used;
    size_t room = j->code_size - j->used;
    struct s390_buf buf;
    s390_buf_init(&buf, scratch, room < SCRATCH_BYTES ? room : SCRATCH_BYTES);
    struct s390_jit_block *blk = s390_jit_codegen(j, b, &buf, at, nzcv_dead, ctx);
    if (!blk) {
        if (buf.overflow && room < SCRATCH_BYTES)
            *full = true;
        else
            j->stats.fallback_blocks++;
        return NULL;
    }
    if (j->nblocks == j->cap) {
        uint32_t cap = j->cap ? j->cap * 2 : 1024;
        struct s390_jit_block **n = realloc(j->blocks, cap * sizeof *n);
        if (!n) {
            free(blk->fault);
            free(blk);
            return NULL;
        }
        j->blocks = n;
        j->cap = cap;
    }
    blk->code = (uint8_t *)at;
    if (write_begin(j, blk->code, buf.len) != 0) {
        write_end(j, blk->code, buf.len);
        free(blk->fault);
        free(blk);
        return NULL;
    }
    memcpy(blk->code, scratch, buf.len);
    write_end(j, blk->code, buf.len);
    j->used += (buf.len + 15) & ~(size_t)15;
    for (uint32_t n = 0; n < blk->nlinks; n++)
        blk->link[n].owner = blk;
    blk->index = j->nblocks;
    j->blocks[j->nblocks++] = blk;
    jit_pins_note(j, blk, b);
    j->stats.code_bytes += buf.len;
    return blk;
}

static void patch(struct s390_jit *j, uint8_t *site, const void *target)
{
    write_begin(j, site, 6);
    s390_patch_ril(site, target);
    write_end(j, site, 6);
}

void s390_jit_block_free(struct s390_jit *j, struct s390_jit_block *blk)
{
    /* Branches into blk go back to their stubs. */
    for (struct s390_jit_link *l = blk->incoming, *n; l; l = n) {
        n = l->next_in;
        patch(j, l->owner->code + l->site_off, l->owner->code + l->stub_off);
        l->target = NULL;
        l->next_in = NULL;
    }
    /* blk's own links leave their targets' lists. */
    for (uint32_t k = 0; k < blk->nlinks; k++) {
        struct s390_jit_link *l = &blk->link[k];
        if (!l->target)
            continue;
        for (struct s390_jit_link **pp = &l->target->incoming; *pp; pp = &(*pp)->next_in)
            if (*pp == l) {
                *pp = l->next_in;
                break;
            }
    }
    if (blk->index < j->nblocks && j->blocks[blk->index] == blk)
        j->blocks[blk->index] = NULL;
    free(blk->fault);
    free(blk);
}

void s390_jit_rewrite_trampolines(struct s390_jit *j)
{
    struct s390_buf buf;
    s390_buf_init(&buf, scratch, j->fixed);
    s390_jit_emit_trampolines(j, &buf, (uintptr_t)j->code);
    if (buf.error || buf.overflow || buf.len > j->fixed)
        abort(); /* the same instructions with other operands: cannot grow */
    write_begin(j, j->code, j->fixed);
    memcpy(j->code, scratch, buf.len);
    write_end(j, j->code, j->fixed);
}

void s390_jit_reset(struct s390_jit *j)
{
    j->nblocks = 0;
    j->used = j->fixed;
    j->stats.flushes++;
    s390_jit_jcache_clear(j);
}

struct s390_jit_block *s390_jit_find(struct s390_jit *j, uintptr_t host_pc)
{
    uint32_t lo = 0, hi = j->nblocks;
    /* Blocks are in address order; freed ones are NULL, so search by position and look
     * around the landing point. */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t m = mid;
        while (m < hi && !j->blocks[m])
            m++;
        if (m == hi) {
            hi = mid;
            continue;
        }
        struct s390_jit_block *b = j->blocks[m];
        if (host_pc < (uintptr_t)b->code)
            hi = mid;
        else if (host_pc >= (uintptr_t)b->code + b->size)
            lo = m + 1;
        else
            return b;
    }
    return NULL;
}

bool s390_jit_link(struct s390_jit *j, uint64_t token, struct s390_jit_block *target)
{
    struct s390_jit_block *blk = s390_jit_find(j, (uintptr_t)token);
    if (!blk)
        return false;
    for (uint32_t k = 0; k < blk->nlinks; k++) {
        struct s390_jit_link *l = &blk->link[k];
        if ((uintptr_t)(blk->code + l->site_off) != (uintptr_t)token)
            continue;
        if (l->target)
            return true;
        /* Every cycle of chained blocks has a link to a block at or below its site: those
         * enter at the target's interrupt check, forward links skip it. */
        uint8_t *site = blk->code + l->site_off;
        patch(j, site,
              target->code <= site || j->no_polls ? target->code : target->code + JIT_CHECK_BYTES);
        l->target = target;
        l->next_in = target->incoming;
        target->incoming = l;
        j->stats.links++;
        return true;
    }
    return false;
}

void s390_jit_get_stats(const struct s390_jit *j, struct s390_jit_stats *s)
{
    *s = j->stats;
    s->pin_reviews = j->pin_reviews;
    s->pins_changed = j->pins_changed;
    s->nglobal_pins = JIT_NGLOBAL_PINS;
    s->polls = !j->no_polls;
    for (unsigned n = 0; n < JIT_NGLOBAL_PINS; n++)
        s->global_pins[n] = j->gpin[n].slot;
}
