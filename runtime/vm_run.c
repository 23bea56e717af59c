/* The embedding API's dispatcher: runs a vCPU on the interpreter or the JIT until something
 * the VMM must see, and turns every engine's exits into the one exit record.
 *
 *   zarm_vcpu_run ── complete the owed MMIO/sysreg access ── loop:
 *       invalidations, kick, budget ── run_once (JIT blocks, or interpreter blocks one lookup
 *       at a time) ── engine exit or host fault ── exit record (MMIO decoded in vm_mmio.c)
 *
 * Two ways of running.  JIT (fast): blocks chained by the JIT, exits as the JIT reports them
 * (its guest accesses fault precisely).  Interpreter (the interp engine, and every engine while
 * a budget or a hook is set): blocks are never chained (every block goes through vm_lookup, so
 * the block being run is known), and a block ends before each load/store, so a host fault in
 * the window is always at the first instruction of v->cur: its pc is exact and, by the
 * exception-precision rule, no register of it has been written. */
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "el1.h"
#include "ir/endian.h"
#include "vm.h"

/* run_once's result when the host faulted in the guest window. */
#define VM_HOST_FAULT (IR_EXIT_COUNT + 1)

enum vm_tmode { VM_T_JIT, VM_T_SPLIT, VM_T_STEP };

static __thread sigjmp_buf *vm_jmp;
static __thread const struct rt_mem *vm_fault_mem;
static __thread uint64_t vm_fault_addr;
/* The handlers that were installed before zarm's (process-wide by nature). */
static struct sigaction old_segv, old_bus;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
/* The JIT generates code in one process-wide scratch buffer (backend-s390x/jit_cache.c), so
 * vCPUs on different threads compile one at a time. */
static pthread_mutex_t jit_compile_lock = PTHREAD_MUTEX_INITIALIZER;

static void host_fault(int sig, siginfo_t *si, void *uc)
{
    if (s390_jit_fault_redirect(uc))
        return;
    uint8_t *a = si->si_addr;
    const struct rt_mem *m = vm_fault_mem;
    if (vm_jmp && m && a >= m->base && a < m->base + m->size) {
        vm_fault_addr = (uint64_t)(a - m->base);
        siglongjmp(*vm_jmp, sig);
    }
    /* Not a guest access: whoever handled it before, else the default action on return. */
    const struct sigaction *old = sig == SIGBUS ? &old_bus : &old_segv;
    if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction)
        old->sa_sigaction(sig, si, uc);
    else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN)
        old->sa_handler(sig);
    else
        signal(sig, SIG_DFL);
}

static void install_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, &old_segv);
    sigaction(SIGBUS, &sa, &old_bus);
}

/* --- memory watch: its pages are PROT_NONE while the vCPU runs --- */

static uint64_t watch_lo(const struct zarm_vcpu *v) { return v->hooks.watch_addr & ~(RT_PAGE - 1); }
static uint64_t watch_hi(const struct zarm_vcpu *v)
{
    return RT_PAGE_ALIGN(v->hooks.watch_addr + v->hooks.watch_len);
}

static void watch_arm(struct zarm_vcpu *v, bool on)
{
    if (!v->hooks.watch_len)
        return;
    struct rt_mem *m = &v->m->mem;
    for (uint64_t a = watch_lo(v); a < watch_hi(v); a += RT_PAGE) {
        if (on)
            mprotect(rt_g2h(m, a), RT_PAGE, PROT_NONE);
        else
            rt_mem_protect(m, a, RT_PAGE, rt_mem_prot(m, a));
    }
}

static bool in_watch_pages(const struct zarm_vcpu *v, uint64_t addr)
{
    return v->hooks.watch_len && addr >= watch_lo(v) && addr < watch_hi(v);
}

/* --- translation --- */

struct fetch_ctx {
    struct zarm_vcpu *v;
    uint64_t start;
    enum vm_tmode mode;
};

/* The code word at pc; false if it is not executable RAM. */
static bool read_code(struct zarm_vcpu *v, uint64_t pc, uint32_t *word)
{
    struct rt_mem *m = &v->m->mem;
    int prot = rt_mem_prot(m, pc);
    if ((pc & 3) || prot < 0 || !(prot & PROT_EXEC))
        return false;
    bool watched = in_watch_pages(v, pc);
    if (watched)
        mprotect(rt_g2h(m, pc & ~(RT_PAGE - 1)), RT_PAGE, PROT_READ);
    *word = ld_le32(rt_g2h(m, pc));
    if (watched)
        mprotect(rt_g2h(m, pc & ~(RT_PAGE - 1)), RT_PAGE, PROT_NONE);
    return true;
}

/* Loads and stores: op0 = x1x0 in bits 28:25. */
static bool is_ldst(uint32_t word) { return (word & 0x0a000000) == 0x08000000; }

static bool fetch_insn(void *ctx, uint64_t pc, uint32_t *word)
{
    struct fetch_ctx *f = ctx;
    if (pc != f->start && f->mode == VM_T_STEP)
        return false;
    if (!read_code(f->v, pc, word))
        return false;
    /* Ending the block before a load/store keeps every access first in its block. */
    return !(pc != f->start && f->mode == VM_T_SPLIT && is_ldst(*word));
}

static struct rt_tb *translate(struct zarm_vcpu *v, struct rt_cache *c, uint64_t pc,
                               enum vm_tmode mode)
{
    struct fetch_ctx f = {v, pc, mode};
    struct ir_block b;
    ir_translate_block(&b, pc, &v->feat, fetch_insn, &f);
    struct rt_tb *tb = calloc(1, sizeof *tb);
    if (!tb) {
        ir_block_free(&b);
        return NULL;
    }
    tb->pc = pc;
    tb->end = pc + b.nbytes;
    if (mode == VM_T_JIT) {
        bool full;
        pthread_mutex_lock(&jit_compile_lock);
        tb->jit = s390_jit_compile(c->jit, &b, &full, NULL, NULL);
        if (!tb->jit && full) {
            /* The code cache is full: drop everything (the one invalidation path). */
            rt_cache_invalidate(c, 0, ~0ull);
            s390_jit_reset(c->jit);
            tb->jit = s390_jit_compile(c->jit, &b, &full, NULL, NULL);
        }
        pthread_mutex_unlock(&jit_compile_lock);
    }
    if (!tb->jit)
        tb->interp = ir_interp_compile(&b);
    ir_block_free(&b);
    if (!tb->interp && !tb->jit) {
        free(tb);
        return NULL;
    }
    rt_cache_insert(c, tb);
    return tb;
}

static struct rt_tb *find_tb(struct zarm_vcpu *v, struct rt_cache *c, uint64_t pc,
                             enum vm_tmode mode)
{
    struct rt_tb *tb = rt_cache_find(c, pc);
    return tb ? tb : translate(v, c, pc, mode);
}

static bool interp_mode(const struct zarm_vcpu *v)
{
    return !v->cache.jit || v->budget || v->has_hooks;
}

/* The interpreter block to run at pc, honouring the budget and the hooks; NULL with env->exit
 * set to go back to the dispatcher (IR_EXIT_BUDGET: nothing to report by itself). */
static struct rt_tb *pick_block(struct zarm_vcpu *v, uint64_t pc)
{
    struct ir_env *env = v->env;
    env->cpu.pc = pc;
    uint64_t left = v->budget ? v->budget_end - env->insns : ~0ull;
    if (!left || v->inval_n || v->hook_stop) {
        env->exit = IR_EXIT_BUDGET;
        return NULL;
    }
    struct rt_tb *tb = NULL;
    if (!v->hooks.insn)
        tb = find_tb(v, &v->icache, pc, VM_T_SPLIT);
    if (!tb || !tb->interp || tb->interp->ninsns > left)
        tb = find_tb(v, &v->step, pc, VM_T_STEP);
    if (!tb || !tb->interp) {
        env->exit = IR_EXIT_IFETCH;
        return NULL;
    }
    uint32_t word;
    if (v->hooks.insn && read_code(v, pc, &word) &&
        !v->hooks.insn(v, pc, word, v->hooks.opaque))
        v->hook_stop = true;
    if (v->hooks.block && !v->hook_stop &&
        !v->hooks.block(v, pc, tb->interp->ninsns, v->hooks.opaque))
        v->hook_stop = true;
    if (v->hook_stop) {
        env->exit = IR_EXIT_BUDGET;
        return NULL;
    }
    v->cur = tb;
    return tb;
}

/* The interpreter's lookup: every block transition comes here (links are never valid). */
static struct ir_iblock *vm_lookup(struct ir_env *env, uint64_t pc)
{
    struct rt_tb *tb = pick_block(env->runtime, pc);
    return tb ? tb->interp : NULL;
}

/* Under the JIT, the interpreter runs one block and comes back. */
static struct ir_iblock *vm_lookup_none(struct ir_env *env, uint64_t pc)
{
    env->exit = IR_EXIT_BUDGET;
    return NULL;
}

static uint32_t run_interp(struct zarm_vcpu *v, bool single)
{
    struct ir_env *env = v->env;
    /* Links are stamped with *cache_gen when made and valid while it is unchanged: the
     * instruction count grows at every block entry, so no link is ever valid. */
    env->cache_gen = &env->insns;
    env->lookup = single ? vm_lookup_none : vm_lookup;
    struct rt_tb *tb = single ? find_tb(v, &v->step, env->cpu.pc, VM_T_STEP)
                              : pick_block(v, env->cpu.pc);
    if (!tb || !tb->interp)
        return tb ? IR_EXIT_IFETCH : env->exit;
    v->cur = tb;
    return ir_interp_run(env, tb->interp);
}

static uint32_t run_jit(struct zarm_vcpu *v)
{
    struct ir_env *env = v->env;
    struct s390_jit *jit = v->cache.jit;
    env->cache_gen = &v->cache.gen;
    env->lookup = vm_lookup_none;
    v->cur = NULL;
    struct rt_tb *tb = find_tb(v, &v->cache, env->cpu.pc, VM_T_JIT);
    if (!tb)
        return IR_EXIT_IFETCH;
    if (!tb->jit) {
        /* A block the JIT cannot compile: its split interpreter form, one block. */
        struct rt_tb *itb = find_tb(v, &v->icache, env->cpu.pc, VM_T_SPLIT);
        if (!itb || !itb->interp)
            return IR_EXIT_IFETCH;
        v->cur = itb;
        return ir_interp_run(env, itb->interp);
    }
    s390_jit_jcache_set(jit, tb->pc, tb->jit);
    uint64_t r = s390_jit_run(jit, env, tb->jit);
    if (r < S390_JIT_TOKEN_MIN)
        return (uint32_t)r;
    /* A direct branch to a block without code yet: make it and link the branch site. */
    uint64_t gen = v->cache.gen;
    struct rt_tb *next = find_tb(v, &v->cache, env->cpu.pc, VM_T_JIT);
    if (next && next->jit && gen == v->cache.gen)
        s390_jit_link(jit, r, next->jit);
    return IR_EXIT_NONE;
}

/* One engine entry under the fault guard. */
static uint32_t run_once(struct zarm_vcpu *v, bool single)
{
    sigjmp_buf jb;
    if (sigsetjmp(jb, 0)) {
        vm_jmp = NULL;
        return VM_HOST_FAULT;
    }
    vm_fault_mem = &v->m->mem;
    vm_jmp = &jb;
    uint32_t why = single || interp_mode(v) ? run_interp(v, single) : run_jit(v);
    vm_jmp = NULL;
    return why;
}

/* --- exits --- */

static void set_fault(struct zarm_vcpu *v, uint32_t ec, uint32_t iss, uint64_t addr)
{
    v->exit.reason = ZARM_EXIT_FAULT;
    v->exit.fault.esr = ec << 26 | 1u << 25 | iss;
    v->exit.fault.addr = addr;
}

/* ISS of a data abort: the syndrome (ISV) when the access was decoded, WnR, and the fault
 * status (translation fault for a hole, permission fault for RAM, level 3). */
static uint32_t data_iss(const struct vm_access *a, bool decoded, bool mapped)
{
    uint32_t iss = mapped ? 0x0f : 0x07;
    if (decoded)
        iss |= 1u << 24 | (uint32_t)__builtin_ctz(a->size) << 22 | (a->sign ? 1u << 21 : 0) |
               a->rt << 16 | (a->to64 ? 1u << 15 : 0) | (a->is_write ? 1u << 6 : 0);
    return iss;
}

static bool hole(const struct rt_mem *m, uint64_t addr, uint32_t size)
{
    return rt_mem_prot(m, addr) < 0 && rt_mem_prot(m, addr + size - 1) < 0;
}

/* A data access at env->cpu.pc faulted at addr.  Returns true when it has been dealt with
 * inside zarm (a watched access single-stepped) and the run goes on. */
static bool data_fault(struct zarm_vcpu *v, uint64_t addr, uint32_t *again)
{
    struct zarm_cpu *cpu = &v->env->cpu;
    uint32_t word = 0;
    struct vm_access a;
    bool decoded = read_code(v, cpu->pc, &word) && vm_decode_access(cpu, word, &a);
    if (in_watch_pages(v, addr)) {
        uint64_t wa = v->hooks.watch_addr;
        if (addr >= wa && addr < wa + v->hooks.watch_len &&
            !v->hooks.mem(v, cpu->pc, decoded ? a.addr : addr, decoded ? a.size : 0,
                          decoded && a.is_write, v->hooks.opaque)) {
            v->exit.reason = ZARM_EXIT_HOOK;
            return false;
        }
        /* Single-step the access with the pages open. */
        watch_arm(v, false);
        *again = run_once(v, true);
        watch_arm(v, true);
        return true;
    }
    const struct rt_mem *m = &v->m->mem;
    if (decoded && hole(m, a.addr, a.size)) {
        v->exit.reason = ZARM_EXIT_MMIO;
        v->exit.mmio.addr = a.addr;
        v->exit.mmio.size = a.size;
        v->exit.mmio.is_write = a.is_write;
        uint64_t val = a.rt == 31 ? 0 : cpu->x[a.rt];
        v->exit.mmio.data = a.is_write && a.size < 8 ? val & ((1ull << (a.size * 8)) - 1)
                            : a.is_write             ? val
                                                     : 0;
        v->acc = a;
        v->pending = ZARM_EXIT_MMIO;
        return false;
    }
    /* The access's own address when the fault is on its page (hosts may report only the
     * page: qemu-user does for write faults). */
    if (decoded && ((a.addr ^ addr) & ~(RT_PAGE - 1)) == 0)
        addr = a.addr;
    set_fault(v, ZARM_EC_DATA_ABORT, data_iss(&a, decoded, rt_mem_prot(m, addr) >= 0), addr);
    return false;
}

/* HVC, SMC and WFI report the next instruction as pc, whatever pc the translator left. */
static void step_over(struct zarm_vcpu *v, uint32_t mask, uint32_t value)
{
    uint32_t word;
    if (read_code(v, v->env->cpu.pc, &word) && (word & mask) == value)
        v->env->cpu.pc += 4;
}

/* Whether the vCPU took the exception itself (runtime/el1.h says which), unless the VMM
 * traps it. */
static bool taken_to_el1(struct zarm_vcpu *v, uint32_t why)
{
    unsigned trap = v->m->opt.trap;
    if ((why == IR_EXIT_SVC && (trap & ZARM_TRAP_SVC)) ||
        (why == IR_EXIT_BRK && (trap & ZARM_TRAP_BRK)) ||
        (why == IR_EXIT_UDF && (trap & ZARM_TRAP_UDF)))
        return false;
    return rt_el1_exception(&v->env->cpu, why, v->env->exit_info);
}

/* Maps one engine exit to the exit record; returns false to keep running. */
static bool engine_exit(struct zarm_vcpu *v, uint32_t why)
{
    struct ir_env *env = v->env;
    struct zarm_exit *e = &v->exit;
    for (;;) {
        uint32_t again = IR_EXIT_NONE;
        if (why < IR_EXIT_COUNT && taken_to_el1(v, why))
            return false;
        switch (why) {
        case IR_EXIT_NONE:
        case IR_EXIT_BUDGET:
            return false; /* the dispatcher looks at kicks, the budget and hook stops */
        case IR_EXIT_SVC:
        case IR_EXIT_BRK:
        case IR_EXIT_HLT:
            e->reason = why == IR_EXIT_SVC ? ZARM_EXIT_SVC
                        : why == IR_EXIT_BRK ? ZARM_EXIT_BRK
                                             : ZARM_EXIT_HLT;
            e->exc.imm = (uint32_t)env->exit_info;
            return true;
        case IR_EXIT_HVC:
        case IR_EXIT_SMC:
            step_over(v, 0xffe0001f, why == IR_EXIT_HVC ? 0xd4000002 : 0xd4000003);
            e->reason = why == IR_EXIT_HVC ? ZARM_EXIT_HVC : ZARM_EXIT_SMC;
            e->exc.imm = (uint32_t)env->exit_info;
            return true;
        case IR_EXIT_WFI:
            e->wfi.is_wfe = env->exit_info & 1;
            step_over(v, 0xffffffdf, 0xd503205f);
            e->reason = ZARM_EXIT_WFI;
            return true;
        case IR_EXIT_ERET:
            rt_el1_eret(&env->cpu);
            return false;
        case IR_EXIT_SYSREG:
            e->reason = ZARM_EXIT_SYSREG;
            e->sysreg.enc = env->exit_info & 0xffff;
            e->sysreg.rt = (env->exit_info >> 16) & 31;
            e->sysreg.is_write = (env->exit_info >> 21) & 1;
            e->sysreg.value = e->sysreg.is_write && e->sysreg.rt != 31
                                  ? env->cpu.x[e->sysreg.rt] : 0;
            v->pending = ZARM_EXIT_SYSREG;
            return true;
        case IR_EXIT_UDF:
            e->reason = ZARM_EXIT_UDF;
            e->udf.insn = (uint32_t)env->exit_info;
            return true;
        case IR_EXIT_SYNC:
            /* IC IVAU names one line (CTR_EL0.IminLine = 64 bytes), IC IALLU everything;
             * both reach every vCPU. */
            if (env->exit_info == IR_SYNC_ALL)
                zarm_machine_invalidate(v->m, 0, ~0ull);
            else
                zarm_machine_invalidate(v->m, env->exit_info & ~63ull, 64);
            return false;
        case IR_EXIT_IFETCH:
            set_fault(v, ZARM_EC_INSN_ABORT, 0x07, env->cpu.pc);
            return true;
        case IR_EXIT_ALIGN:
            set_fault(v, ZARM_EC_DATA_ABORT, 0x21, env->exit_info);
            return true;
        case IR_EXIT_FAULT:
            if (!data_fault(v, env->exit_info, &again))
                return true;
            break;
        case VM_HOST_FAULT:
            if (!v->cur) {
                /* A helper of JIT code: its pc is in the state, the access not decodable. */
                set_fault(v, ZARM_EC_DATA_ABORT, 0x07, vm_fault_addr);
                return true;
            }
            /* The interpreter faulted at the first instruction of v->cur, which it had
             * counted whole. */
            env->cpu.pc = v->cur->pc;
            env->insns -= v->cur->interp->ninsns;
            if (!data_fault(v, vm_fault_addr, &again))
                return true;
            break;
        default:
            e->reason = ZARM_EXIT_UDF;
            e->udf.insn = 0;
            return true;
        }
        why = again;
    }
}

/* What the previous exit left to finish: the MMIO load's value into its register, the
 * sysreg read's value, the writeback, pc past the instruction. */
static void complete_pending(struct zarm_vcpu *v)
{
    struct zarm_cpu *cpu = &v->env->cpu;
    /* The instruction completes now: it counts. */
    if (v->pending)
        v->env->insns++;
    if (v->pending == ZARM_EXIT_MMIO)
        vm_complete_access(cpu, &v->acc, v->exit.mmio.data);
    if (v->pending == ZARM_EXIT_SYSREG) {
        if (!v->exit.sysreg.is_write && v->exit.sysreg.rt != 31)
            cpu->x[v->exit.sysreg.rt] = v->exit.sysreg.value;
        cpu->pc += 4;
    }
    v->pending = 0;
}

int zarm_vcpu_run(struct zarm_vcpu *v, const struct zarm_exit **out)
{
    struct ir_env *env = v->env;
    if (v->kvm) {
        int r = vm_hw_run(v);
        *out = &v->exit;
        return r;
    }
    pthread_once(&handler_once, install_handler);
    env->mem = v->m->mem.base;
    env->mem_size = v->m->mem.size;
    env->runtime = v;
    complete_pending(v);
    memset(&v->exit, 0, sizeof v->exit);
    v->hook_stop = false;
    v->budget_end = env->insns + v->budget;
    watch_arm(v, true);
    for (;;) {
        if (v->inval_n)
            vm_apply_invalidations(v);
        if (v->kicked) {
            v->kicked = 0;
            ir_env_interrupt_clear(env);
            v->exit.reason = ZARM_EXIT_KICK;
            break;
        }
        if (v->hook_stop) {
            v->exit.reason = ZARM_EXIT_HOOK;
            break;
        }
        if (v->budget && env->insns >= v->budget_end) {
            v->exit.reason = ZARM_EXIT_BUDGET;
            break;
        }
        env->exit = IR_EXIT_NONE;
        if (engine_exit(v, run_once(v, false)))
            break;
    }
    watch_arm(v, false);
    v->exit.pc = env->cpu.pc;
    *out = &v->exit;
    return ZARM_OK;
}
