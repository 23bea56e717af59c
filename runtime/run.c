/* The dispatcher: finds or translates the block at pc, runs the engine, and
 * handles what it exits for (syscalls, exceptions, cache maintenance). */
#include <inttypes.h>
#include <setjmp.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <xxhash.h>

#include "ir/endian.h"
#include "hw.h"
#include "rt.h"

/* Host faults inside the guest window (a guest access to an unmapped or
 * protected page) come back here as guest SIGSEGV/SIGBUS, never as a crash. */
static __thread sigjmp_buf *fault_jmp;
static __thread const struct rt_mem *fault_mem;
static __thread volatile uint64_t fault_addr;

static void host_fault(int sig, siginfo_t *si, void *uc)
{
    /* A guest access in JIT code resumes at its precise-fault stub. */
    if (s390_jit_fault_redirect(uc))
        return;
    uint8_t *a = si->si_addr;
    if (fault_jmp && fault_mem && a >= fault_mem->base && a < fault_mem->base + fault_mem->size) {
        a = (uint8_t *)rt_host_fault_addr(uc, (uintptr_t)a);
        fault_addr = (uint64_t)(a - fault_mem->base);
        siglongjmp(*fault_jmp, sig);
    }
    /* A fault of zarm itself: let it take its default action. */
    signal(sig, SIG_DFL);
}

static void install_fault_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

/* Instruction fetch for one translation: the page's protection is looked up (under the
 * memory lock) once per page the block touches, not once per instruction. */
struct fetch_ctx {
    struct zarm_user *u;
    uint64_t page; /* the page known executable, or 1 (no page) */
};

static bool fetch_insn(void *ctx, uint64_t pc, uint32_t *word)
{
    struct fetch_ctx *f = ctx;
    if (pc & 3)
        return false;
    uint64_t page = pc & ~(RT_PAGE - 1);
    if (page != f->page) {
        int prot = rt_mem_prot(&f->u->mem, pc);
        if (prot < 0 || !(prot & PROT_EXEC))
            return false;
        f->page = page;
    }
    *word = ld_le32(rt_g2h(&f->u->mem, pc));
    return true;
}

/* The IR of the block at pc; optimised (opt) for the JIT and the interpreter's second tier,
 * as built for the first. */
static void translate_ir(struct zarm_user *u, struct ir_block *b, uint64_t pc, bool opt)
{
    struct fetch_ctx f = {u, 1};
    if (opt)
        ir_translate_block(b, pc, &u->feat, fetch_insn, &f);
    else
        ir_build_block(b, pc, &u->feat, fetch_insn, &f);
}

/* The translation in progress, for the lookahead's dependencies. */
static __thread struct rt_tb *translating;

/* Whether block b writes NZCV before reading it (1), reads it first (0), does neither and
 * jumps straight on (2: the answer is its successor's, at *next), does neither and branches
 * on something else (4: the answer is both successors', at *next and *next2: CBZ, TBZ), or
 * neither (3). */
static int nzcv_use(const struct ir_block *b, uint64_t *next, uint64_t *next2)
{
    int dead = 3;
    *next = *next2 = 0;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op == IR_GET_NZCV)
            return 0;
        if (i->op == IR_SET_NZCV)
            return 1;
        if (i->op == IR_GOTO) {
            dead = 2;
            *next = i->imm;
        } else if (i->op == IR_BRCOND) {
            dead = 4;
            *next = i->imm;
            *next2 = i->imm2;
        }
    }
    return dead;
}

static void note_nzcv(struct zarm_user *u, const struct ir_block *b)
{
    struct rt_nzcv_entry *e = &u->cache.nzcv[(b->pc >> 2) & 1023];
    int dead = nzcv_use(b, &e->next, &e->next2);
    e->pc = b->pc;
    e->end = b->pc + (b->nbytes ? b->nbytes : 4);
    e->dead = dead;
    rt_cache_note_code(&u->cache, e->pc, e->end);
}

static struct rt_nzcv_entry *nzcv_entry(struct zarm_user *u, uint64_t pc)
{
    struct rt_cache *c = &u->cache;
    struct rt_nzcv_entry *e = &c->nzcv[(pc >> 2) & 1023];
    if (e->dead < 0 || e->pc != pc) {
        unsigned slot = c->ahead_next++ & 3;
        if (c->ahead_valid[slot])
            ir_block_free(&c->ahead[slot]);
        translate_ir(u, &c->ahead[slot], pc, true);
        c->ahead_valid[slot] = true;
        note_nzcv(u, &c->ahead[slot]);
    }
    return e;
}

/* The lookahead's walk from pc: 1 if every way writes NZCV before reading it within three
 * blocks (and *budget blocks in all), 0 if one reads it first, 3 if not known; [*lo, *hi)
 * grows to cover the code it read. */
static int nzcv_walk(struct zarm_user *u, uint64_t pc, int depth, int *budget, uint64_t *lo,
                     uint64_t *hi)
{
    if (depth == 3 || (*budget)-- <= 0)
        return 3;
    /* Copied: the walk below may reuse the entry's slot. */
    struct rt_nzcv_entry e = *nzcv_entry(u, pc);
    *lo = e.pc < *lo ? e.pc : *lo;
    *hi = e.end > *hi ? e.end : *hi;
    if (e.dead == 2)
        return nzcv_walk(u, e.next, depth + 1, budget, lo, hi);
    if (e.dead == 4) {
        int a = nzcv_walk(u, e.next, depth + 1, budget, lo, hi);
        return a != 1 ? a : nzcv_walk(u, e.next2, depth + 1, budget, lo, hi);
    }
    return e.dead;
}

/* Dead-flag lookahead for the JIT: does the code at pc write NZCV before reading it?  Follows
 * up to three blocks that jump straight on (a call's first block, say) or branch without
 * reading the flags (CBZ, TBZ: both ways), six blocks in all. */
static int nzcv_dead_at(void *ctx, uint64_t pc)
{
    struct zarm_user *u = ctx;
    uint64_t lo = ~0ull, hi = 0;
    int budget = 6;
    int dead = nzcv_walk(u, pc, 0, &budget, &lo, &hi);
    struct rt_tb *tb = translating;
    if (dead == 0)
        return S390_JIT_NZCV_READ;
    if (dead != 1 || !tb)
        return S390_JIT_NZCV_UNKNOWN;
    /* The answer holds only while that code is unchanged. */
    for (int d = 0; d < RT_TB_DEPS; d++)
        if (!tb->dep_end[d]) {
            tb->dep_pc[d] = lo;
            tb->dep_end[d] = hi;
            return S390_JIT_NZCV_DEAD;
        }
    return S390_JIT_NZCV_UNKNOWN;
}

/* The guest block at pc as IR, from the lookahead's spares (optimised) when it has it; for the
 * JIT, its use of NZCV noted for the lookahead (note, which implies opt). */
static void block_ir(struct zarm_user *u, uint64_t pc, struct ir_block *b, bool note, bool opt)
{
    for (unsigned i = 0; i < 4; i++)
        if (u->cache.ahead_valid[i] && u->cache.ahead[i].pc == pc) {
            *b = u->cache.ahead[i];
            u->cache.ahead_valid[i] = false;
            return;
        }
    translate_ir(u, b, pc, opt || note);
    if (note)
        note_nzcv(u, b);
}

/* Compiles b with the JIT for tb (not yet in the cache, or promoted: in_cache).  A full code
 * cache is flushed (the one invalidation path) and the block retried, unless it was in the
 * cache: the flush dropped it, and the caller must look pc up again (returns false). */
static bool compile_jit(struct zarm_user *u, struct rt_tb *tb, const struct ir_block *b,
                        bool in_cache)
{
    struct s390_jit *jit = u->cache.jit;
    bool full;
    translating = tb;
    tb->jit = s390_jit_compile(jit, b, &full, nzcv_dead_at, u);
    /* While there are other threads they may be running code in the cache: no reset
     * then, the new blocks run in the interpreter. */
    bool alive = true;
    if (!tb->jit && full && u->nthreads == 1) {
        /* The code cache is full: drop everything and start over. */
        rt_cache_invalidate(&u->cache, 0, ~0ull);
        s390_jit_reset(jit);
        /* A block that was in the cache may be freed already. */
        alive = !in_cache;
        if (alive) {
            memset(tb->dep_pc, 0, sizeof tb->dep_pc);
            memset(tb->dep_end, 0, sizeof tb->dep_end);
            tb->jit = s390_jit_compile(jit, b, &full, nzcv_dead_at, u);
        }
    }
    translating = NULL;
    if (tb->jit && u->log && (u->opt.log_mask & ZARM_LOG_OUT_ASM))
        rt_log_out_asm_s390(u, tb->jit);
    return alive;
}

static struct rt_tb *translate(struct zarm_user *u, uint64_t pc)
{
    struct ir_block b;
    /* Tiered, a block starts in the interpreter's first tier, which runs the IR as built;
     * only the blocks compiled at once need it optimised and the note (promote makes it
     * later). */
    bool jit_now = u->cache.jit && !u->jit_hot;
    block_ir(u, pc, &b, jit_now, jit_now);
    /* The first tier's block shares the rt_tb's allocation. */
    size_t raw = !jit_now && (u->cache.jit || u->interp_warm) ? ir_interp_raw_size(&b) : 0;
    struct rt_tb *tb = malloc(sizeof *tb + raw);
    if (!tb) {
        ir_block_free(&b);
        return NULL;
    }
    memset(tb, 0, sizeof *tb);
    tb->pc = pc;
    tb->end = pc + b.nbytes;
    if (u->log && (u->opt.log_mask & ZARM_LOG_IN_ASM))
        rt_log_in_asm(u, pc, b.nbytes, b.gap_at, b.gap_len);
    if (u->log && (u->opt.log_mask & ZARM_LOG_IR))
        ir_print(u->log, &b);
    /* The block's instructions were all fetched (the fetch checked their pages), unless it is
     * only an exit at pc. */
    if (b.ninsns || rt_mem_range_mapped(&u->mem, pc, b.nbytes))
        tb->code_hash = XXH3_64bits(rt_g2h(&u->mem, pc), b.nbytes);
    /* Tiering: with a threshold, a block starts in the interpreter and is compiled once it
     * has run jit_hot times (run_jit). */
    if (jit_now)
        compile_jit(u, tb, &b, false);
    if (!tb->jit) {
        if (raw) {
            tb->interp = ir_interp_keep_raw(&b, tb + 1);
            tb->cold = tb->interp_inline = true;
        } else {
            if (!jit_now)
                ir_optimize(&b);
            tb->interp = ir_interp_compile(&b);
        }
        if (tb->interp) {
            /* First tier: counted until the JIT or the interpreter's second tier takes it. */
            if (u->cache.jit)
                tb->interp->hot = u->jit_hot;
            else if (tb->cold)
                tb->interp->hot = u->interp_warm;
            if (u->log && (u->opt.log_mask & ZARM_LOG_OUT_ASM))
                ir_interp_print(u->log, tb->interp);
        }
    }
    ir_block_free(&b);
    if (!tb->interp && !tb->jit) {
        free(tb);
        return NULL;
    }
    rt_cache_insert(&u->cache, tb);
    return tb;
}

/* Tiering: the interpreter's second tier for a block of the first whose counter ran out (the
 * caller holds u->cache_lock): the optimised IR, lowered (ir_interp_compile).  It fits in the
 * first tier's space, so with no other guest thread (none can be running the old code) it
 * replaces that in place and the chained links stay valid. */
static void warm_up(struct zarm_user *u, struct rt_tb *tb)
{
    struct ir_block b;
    translate_ir(u, &b, tb->pc, true);
    struct ir_iblock *full = ir_interp_compile(&b), *old = tb->interp;
    ir_block_free(&b);
    tb->cold = false;
    old->hot = 0;
    if (!full)
        return; /* the first tier's code stays, uncounted */
    if (u->log && (u->opt.log_mask & ZARM_LOG_OUT_ASM))
        ir_interp_print(u->log, full);
    size_t room = ir_interp_size(old) - sizeof *old;
    if (!u->cache.defer_free && full->nops * sizeof *full->ops <= room) {
        u->cache.bytes -= ir_interp_size(old);
        memcpy(old->ops, full->ops, full->nops * sizeof *full->ops);
        old->nops = full->nops;
        old->nraw = 0;
        u->cache.bytes += ir_interp_size(old);
        ir_interp_free(full);
    } else {
        rt_cache_replace_interp(&u->cache, tb, full);
    }
}

/* Tiering: compiles an interpreted block whose counter ran out (the caller holds
 * u->cache_lock).  Returns false if a flush of the code cache dropped it. */
static bool promote(struct zarm_user *u, struct rt_tb *tb)
{
    struct ir_block b;
    block_ir(u, tb->pc, &b, true, true);
    /* A block that reads the flags its predecessor set waits twice as long again: the JIT
     * guesses how they were computed from the predecessor's code, so that should be
     * compiled first (a block with two predecessors is twice as hot as each). */
    uint64_t next, next2;
    if (!tb->waited && nzcv_use(&b, &next, &next2) == 0) {
        ir_block_free(&b);
        tb->waited = true;
        tb->interp->hot = 2 * u->jit_hot;
        return true;
    }
    bool alive = compile_jit(u, tb, &b, true);
    ir_block_free(&b);
    if (alive && !tb->jit) {
        /* Not for the JIT: it stays interpreted, uncounted. */
        tb->no_jit = true;
        tb->interp->hot = 0;
        if (tb->cold)
            warm_up(u, tb);
    }
    return alive;
}

/* Finds or makes the block at pc; the caller holds u->cache_lock. */
static struct rt_tb *lookup_tb_locked(struct zarm_user *u, uint64_t pc)
{
    struct rt_tb *tb = rt_cache_find(&u->cache, pc);
    if (!tb)
        tb = translate(u, pc);
    if (!tb) {
        rt_self->env->exit = IR_EXIT_IFETCH;
        return NULL;
    }
    if (u->log && (u->opt.log_mask & ZARM_LOG_EXEC))
        rt_log(u, "Trace: 0x%" PRIx64 "\n", pc);
    return tb;
}

/* The cache is shared by the guest threads: one lock serialises lookup, translation,
 * linking and invalidation.  A block stays valid after the lock is dropped until the
 * next invalidation; invalidations are rare (munmap, mprotect of code, IC IVAU). */
static struct ir_iblock *lookup(struct ir_env *env, uint64_t pc)
{
    struct zarm_user *u = env->runtime;
    pthread_mutex_lock(&u->cache_lock);
    struct rt_tb *tb = lookup_tb_locked(u, pc);
    /* A first-tier block whose counter ran out (it stays at 1) has warmed up. */
    if (tb && tb->cold && tb->interp->hot == 1)
        warm_up(u, tb);
    struct ir_iblock *b = tb ? tb->interp : NULL;
    pthread_mutex_unlock(&u->cache_lock);
    return b;
}

/* With the JIT, the interpreter runs only the blocks without JIT code (not compiled yet, or
 * not compilable), and never compiles (a compilation may flush the cache under its feet):
 * anything else goes back to the dispatcher.  Tiered, a new block starts in the interpreter,
 * so it translates that (no JIT, no flush) and runs on. */
static struct ir_iblock *lookup_interp_only(struct ir_env *env, uint64_t pc)
{
    struct zarm_user *u = env->runtime;
    pthread_mutex_lock(&u->cache_lock);
    struct rt_tb *tb = rt_cache_find(&u->cache, pc);
    if (!tb && u->jit_hot)
        tb = translate(u, pc);
    struct ir_iblock *b = tb && tb->interp && !tb->jit ? tb->interp : NULL;
    pthread_mutex_unlock(&u->cache_lock);
    if (!b)
        env->exit = IR_EXIT_BUDGET;
    return b;
}

/* Ends the JIT's pin profile (the caller holds u->cache_lock; no other thread): the code made
 * with the profile's counters goes, the pins are chosen, and blocks are compiled again. */
static void review_pins(struct zarm_user *u, struct s390_jit *jit)
{
    rt_cache_drop_jit(&u->cache);
    s390_jit_reset(jit);
    s390_jit_review_pins(jit);
}

void rt_jit_end_pin_profile(struct zarm_user *u)
{
    struct s390_jit *jit = u->cache.jit;
    if (!jit || !s390_jit_profiling(jit))
        return;
    pthread_mutex_lock(&u->cache_lock);
    if (u->nthreads == 1)
        review_pins(u, jit);
    pthread_mutex_unlock(&u->cache_lock);
}

/* From now on something may stop a thread asynchronously (the caller is the only thread, in
 * the runtime): the code made without stop tests goes and blocks are compiled again with them.
 * A pin profile starts again with the new blocks (what ran before a handler was installed is
 * often the program's set-up). */
void rt_jit_need_polls(struct zarm_user *u)
{
    struct s390_jit *jit = u->cache.jit;
    if (!jit || s390_jit_polls(jit))
        return;
    pthread_mutex_lock(&u->cache_lock);
    rt_cache_drop_jit(&u->cache);
    s390_jit_reset(jit);
    s390_jit_restart_profile(jit);
    s390_jit_set_polls(jit, true);
    pthread_mutex_unlock(&u->cache_lock);
}

/* Runs the block at env->cpu.pc in whichever engine has it; returns the exit reason
 * (IR_EXIT_NONE: just continue at env->cpu.pc). */
static uint32_t run_jit(struct zarm_user *u, struct ir_env *env)
{
    struct s390_jit *jit = u->cache.jit;
    pthread_mutex_lock(&u->cache_lock);
    /* The pin profile is complete: everything is compiled again with the pins it chose
     * (only with no other thread, which could be running code in the cache). */
    if (s390_jit_pins_review_due(jit) && u->nthreads == 1)
        review_pins(u, jit);
    struct rt_tb *tb = lookup_tb_locked(u, env->cpu.pc);
    /* A counter that ran out (it stays at 1): the block is hot. */
    if (tb && !tb->jit && !tb->no_jit && tb->interp->hot == 1 && !promote(u, tb)) {
        pthread_mutex_unlock(&u->cache_lock);
        return IR_EXIT_NONE;
    }
    if (tb && tb->jit)
        s390_jit_jcache_set(jit, tb->pc, tb->jit);
    pthread_mutex_unlock(&u->cache_lock);
    if (!tb)
        return env->exit;
    if (!tb->jit)
        return ir_interp_run(env, tb->interp);
    uint64_t gen = u->cache.gen;
    uint64_t r = s390_jit_run(jit, env, tb->jit);
    if (r < S390_JIT_TOKEN_MIN)
        return (uint32_t)r;
    /* A direct branch to a block without code yet: make it and link the branch site,
     * unless an invalidation (by this thread or another) may have dropped the site. */
    pthread_mutex_lock(&u->cache_lock);
    struct rt_tb *next = lookup_tb_locked(u, env->cpu.pc);
    if (next && next->jit && gen == u->cache.gen)
        s390_jit_link(jit, r, next->jit);
    pthread_mutex_unlock(&u->cache_lock);
    return next ? IR_EXIT_NONE : env->exit;
}

/* Frees the dropped translations no thread can be running any more: those dropped
 * before the oldest generation a live thread last saw outside translated code. */
static void reap_retired(struct zarm_user *u)
{
    pthread_mutex_lock(&u->cache_lock);
    uint64_t oldest = ~0ull;
    for (struct rt_thread *o = u->threads; o; o = o->next)
        if (o->live) {
            uint64_t g = __atomic_load_n(&o->quiescent_gen, __ATOMIC_SEQ_CST);
            oldest = g < oldest ? g : oldest;
        }
    rt_cache_reap(&u->cache, oldest);
    pthread_mutex_unlock(&u->cache_lock);
}

void rt_thread_loop(struct zarm_user *u, struct rt_thread *t)
{
    struct ir_env *env = t->env;
    rt_self = t;
    sigjmp_buf jb;
    fault_mem = &u->mem;
    int sig = sigsetjmp(jb, 1);
    if (sig) {
        /* The guest touched an unmapped or protected page of its window.  In the interpreter
         * (which counted its block whole and stamped the access's pc) the faulting instruction
         * and those after it did not run. */
        const struct ir_iblock *b = env->running;
        uint64_t pc = env->cpu.pc;
        if (b && pc >= b->pc && pc - b->pc < b->nbytes)
            env->insns -= ir_iblock_insns_from(b, (uint32_t)(pc - b->pc));
        rt_guest_signal(u, sig, fault_addr);
    }
    fault_jmp = &jb;
    /* The hardware engine gives every guest thread a vCPU of its own (hw.c). */
    bool hw = u->hw != NULL;

    while (!u->exited && !t->exited) {
        /* No translated code runs here: what was dropped before now is no longer ours. */
        __atomic_store_n(&t->quiescent_gen, u->cache.gen, __ATOMIC_SEQ_CST);
        if (u->cache.retired)
            reap_retired(u);
        /* Cleared before the check: a signal posted after it stops the next block. */
        ir_env_interrupt_clear(env);
        if (t->pending | u->sig.pending) {
            rt_signal_deliver(u);
            if (u->exited || t->exited)
                break;
        }
        env->exit = IR_EXIT_NONE;
        env->running = NULL;
        uint32_t why;
        if (hw) {
            why = rt_hw_step(u);
        } else if (u->cache.jit) {
            why = run_jit(u, env);
        } else {
            struct ir_iblock *blk = lookup(env, env->cpu.pc);
            why = blk ? ir_interp_run(env, blk) : env->exit;
        }
        u->engine_exits++;
        switch (why) {
        case IR_EXIT_NONE:
        case IR_EXIT_BUDGET:
            break;
        case IR_EXIT_SVC:
            __atomic_store_n(&t->quiescent_gen, ~0ull, __ATOMIC_SEQ_CST);
            rt_syscall(u);
            break;
        case IR_EXIT_SYNC:
            /* IC IVAU names one cache line; the line size is CTR_EL0's IminLine. */
            zarm_invalidate(u, env->exit_info & ~63ull, 64);
            break;
        case IR_EXIT_UDF:
            if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
                rt_log(u, "unimplemented or undefined instruction 0x%08" PRIx64 " at 0x%" PRIx64 "\n",
                       env->exit_info, env->cpu.pc);
            rt_guest_signal(u, SIGILL, env->cpu.pc);
            break;
        case IR_EXIT_BRK:
            rt_guest_signal(u, SIGTRAP, env->cpu.pc);
            break;
        case IR_EXIT_FAULT:
            rt_guest_signal(u, SIGSEGV, env->exit_info);
            break;
        case IR_EXIT_ALIGN:
            /* Linux reports an alignment fault at EL0 as SIGBUS (BUS_ADRALN). */
            rt_guest_signal(u, SIGBUS, env->exit_info);
            break;
        case IR_EXIT_IFETCH:
            rt_guest_signal(u, SIGSEGV, env->cpu.pc);
            break;
        default:
            /* HLT, HVC, SMC, WFI in user mode: undefined at EL0. */
            rt_guest_signal(u, SIGILL, env->cpu.pc);
            break;
        }
    }
    fault_jmp = NULL;
}

int zarm_user_run(struct zarm_user *u, int *status)
{
    struct ir_env *env = u->env;
    env->mem = u->mem.base;
    env->mem_size = u->mem.size;
    env->cache_gen = &u->cache.gen;
    env->lookup = u->cache.jit ? lookup_interp_only : lookup;
    env->runtime = u;
    install_fault_handler();
    rt_thread_start_main(u);
    rt_thread_loop(u, &u->main);
    rt_thread_end(u, &u->main);
    rt_thread_wait_all(u);
    rt_hw_finish(u);
    if (u->log)
        fflush(u->log);
    *status = u->exit_status;
    return ZARM_OK;
}
