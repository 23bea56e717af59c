/* The s390x JIT as the runtime sees it: a code cache of translated blocks, their links, and the
 * call into generated code.  The code generator (jit_compile.c) is host-independent (it only
 * writes bytes); running the code (jit_s390x.c) needs an s390x host. */
#ifndef ZARM_S390_JIT_H
#define ZARM_S390_JIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "backend-s390x/s390_facilities.h"
#include "ir/env.h"
#include "ir/ir.h"

struct s390_jit;
struct s390_jit_block;

/* A direct-branch site of a block: a patchable BRCL that jumps to its exit stub until the
 * dispatcher links it to the target's code. */
struct s390_jit_link {
    uint32_t site_off, stub_off;      /* from the block's code start */
    uint64_t target_pc;
    struct s390_jit_block *owner, *target;
    struct s390_jit_link *next_in;    /* next link into the same target */
};

/* Host code ranges of guest memory accesses, sorted by off: a host fault at [off, off+len]
 * resumes at stub_off (the access's precise-fault stub). */
struct s390_jit_fault {
    uint32_t off, len, stub_off;
};

struct s390_jit_block {
    uint64_t pc;
    uint32_t ninsns;
    uint8_t *code;                 /* in the code cache */
    uint32_t size, body_size;      /* bytes; body_size: before the out-of-line stubs */
    uint32_t nlinks, nfaults;
    struct s390_jit_link link[3];
    struct s390_jit_fault *fault;
    struct s390_jit_link *incoming; /* links of other blocks patched to this one */
    uint32_t index;                 /* in the cache's block list */
};

/* Values s390_jit_run returns besides an ir_exit code: a link token (the address of the
 * branch site to patch once the target at env->cpu.pc exists) is above this. */
#define S390_JIT_TOKEN_MIN 0x1000u

struct s390_jit_stats {
    uint64_t code_bytes, flushes, links, fallback_blocks;
    uint64_t pin_reviews;          /* pin profiles reviewed (0 or 1) */
    bool pins_changed;             /* and the review chose other global pins */
    uint8_t global_pins[8];        /* the guest registers pinned in all code (31 = SP) */
    unsigned nglobal_pins;
    bool polls;                    /* code tests for stop requests (s390_jit_set_polls) */
};

/* Whether generated code can run here (an s390x host with the z196 baseline). */
bool s390_jit_available(const char **why_not);

int s390_jit_create(struct s390_jit **out, size_t code_bytes, const char **err);
/* Whether j's code counts guest instructions in env->insns (one AGSI per block run; on after
 * s390_jit_create).  Off, env->insns means nothing; blocks translated before keep counting. */
void s390_jit_set_insn_count(struct s390_jit *j, bool on);
/* Whether j's code tests for stop requests (ir_env_interrupt) where it may come round again:
 * at a block's checked entry and a loop's head (on after s390_jit_create).  Off, a thread in
 * chained code or a loop runs on until the code leaves by itself: for a process whose code
 * nothing stops asynchronously (one thread, no signal handler), at a cost of one load per
 * loop iteration and per block entered through the dispatcher or an indirect branch.  Only
 * with the cache empty (s390_jit_reset): a link assumes every block was made alike. */
void s390_jit_set_polls(struct s390_jit *j, bool on);
bool s390_jit_polls(const struct s390_jit *j);
void s390_jit_destroy(struct s390_jit *j);
/* Frees the calling thread's compilation scratch (for a thread that is about to end). */
void s390_jit_thread_release(void);

/* Translates an optimised IR block.  NULL if the cache is full (*full set: drop every block
 * through the invalidation path, call s390_jit_reset and retry) or the block cannot be
 * compiled (the caller runs it in the interpreter). */
/* Whether the code at pc writes NZCV before anything reads it (dead-flag elimination across
 * blocks; the runtime answers, and makes a "dead" answer's guest code a dependency of the
 * block), reads it first (the flags are then computed eagerly) or is not known. */
enum { S390_JIT_NZCV_READ = 0, S390_JIT_NZCV_DEAD = 1, S390_JIT_NZCV_UNKNOWN = 2 };
typedef int (*s390_jit_nzcv_dead_fn)(void *ctx, uint64_t pc);
struct s390_jit_block *s390_jit_compile(struct s390_jit *j, const struct ir_block *b, bool *full,
                                        s390_jit_nzcv_dead_fn nzcv_dead, void *ctx);
/* Unlinks blk (incoming branches go back to their stubs) and forgets it. */
void s390_jit_block_free(struct s390_jit *j, struct s390_jit_block *blk);
/* Empties the code cache; only valid when every block has been freed. */
void s390_jit_reset(struct s390_jit *j);
/* The indirect-branch cache: pc -> code; cleared on every invalidation. */
void s390_jit_jcache_set(struct s390_jit *j, uint64_t pc, const struct s390_jit_block *blk);
void s390_jit_jcache_clear(struct s390_jit *j);
/* Moves the indirect-branch cache to `table` (`bytes` of RW host memory at guest_base + gdisp,
 * which stays there and belongs to j alone: a process's one JIT and its guest window), so
 * that a probe addresses it from the guest_base register: 4 instructions where the cache's
 * own LARL made 5.  Only with the cache empty, before the first compile; -1 (nothing changed)
 * if the table is too small or out of displacement range. */
int s390_jit_place_jcache(struct s390_jit *j, void *table, size_t bytes, int64_t gdisp);

/* Global pins chosen per program: blocks compiled from now on count their runs; once one has
 * run `runs` times, s390_jit_pins_review_due says so, and the runtime empties the cache (the
 * one invalidation path, s390_jit_reset) and calls s390_jit_review_pins, which picks the
 * guest registers the counted runs loaded and stored most and, if they clearly beat the
 * current ones, re-emits the trampolines for them; either way the profile ends (blocks are
 * compiled without counters from then on).  runs = 0: no profile. */
void s390_jit_profile_pins(struct s390_jit *j, uint32_t runs);
bool s390_jit_pins_review_due(const struct s390_jit *j);
bool s390_jit_profiling(const struct s390_jit *j); /* the profile has not ended */
/* A profile in progress forgets its counts (after s390_jit_reset): it starts again. */
void s390_jit_restart_profile(struct s390_jit *j);
void s390_jit_review_pins(struct s390_jit *j);

/* Runs from blk until the code leaves: returns an ir_exit code (env->exit set, or 0 for a
 * plain miss of the indirect-branch cache, pc in env->cpu.pc) or a link token. */
uint64_t s390_jit_run(struct s390_jit *j, struct ir_env *env, struct s390_jit_block *blk);
/* Patches the site named by token to jump to target.  False if the site is gone. */
bool s390_jit_link(struct s390_jit *j, uint64_t token, struct s390_jit_block *target);
/* Host-specific: called by the runtime's SIGSEGV/SIGBUS handler with its ucontext; if the
 * fault is a guest access in generated code, resumes at its fault stub and returns true. */
bool s390_jit_fault_redirect(void *ucontext);
/* The block holding a host code address, or NULL. */
struct s390_jit_block *s390_jit_find(struct s390_jit *j, uintptr_t host_pc);

void s390_jit_get_stats(const struct s390_jit *j, struct s390_jit_stats *s);

#endif
