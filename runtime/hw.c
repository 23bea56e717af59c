/* The hardware engine (--engine=hw): hwassist/'s arm64 KVM virtual machine under the run loop.
 *
 *   run loop ── rt_hw_step ── stage-1 tables brought in step with the VMA list
 *                   │          kvm_hw_run: EL0 on the hardware until an exception
 *                   ├─ SVC, BRK, aborts ─────────────→ IR_EXIT_*: the same syscall and
 *                   │                                  signal handling as every engine
 *                   └─ what the hardware path cannot complete (UNDEF, trapped FP/SIMD,
 *                      MRS of CTR_EL0/ID registers, DC ZVA, cache maintenance, WFI...)
 *                      ─ hand-over: the same CPU state (FP/SIMD fetched lazily) runs one
 *                        block in the interpreter, then goes back to the hardware
 *
 * Knobs (environment, like ZARM_CPU_FACILITIES for the JIT):
 *   ZARM_HW_REFUSE=fp     FP/SIMD instructions trap and are handed to the translator (tests
 *                         the hand-over; the instruction class the hardware path refuses)
 *   ZARM_HW_PORTABLE=1    only the portable subset of the KVM API (no SMCCC-filter doorbell),
 *                         as on IBM's s390 series */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw.h"
#include "hwassist/kvm.h"
#include "rt.h"

struct rt_hw_vma {
    uint64_t start, end;
    int prot; /* 0 for PROT_NONE and for holes */
};

struct rt_hw {
    struct kvm_hw *kvm;
    struct kvm_hw_config cfg;
    pid_t pid; /* the process whose VM kvm is: KVM refuses a forked child the parent's VM */
    /* The VMA list as the stage-1 tables last showed it, and a scratch copy. */
    struct rt_hw_vma *shown, *now;
    size_t nshown, nnow, cap;
    uint64_t handovers;
};

int rt_hw_available(const char **why_not) { return kvm_hw_probe(why_not) == 0 ? ZARM_OK : ZARM_E_ENGINE; }

static bool env_flag(const char *name, const char *word)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return false;
    if (!word)
        return strcmp(v, "0") != 0;
    size_t n = strlen(word);
    for (const char *p = v; (p = strstr(p, word)); p += n)
        if ((p == v || p[-1] == ',') && (p[n] == 0 || p[n] == ','))
            return true;
    return false;
}

int rt_hw_select(struct zarm_user *u)
{
    bool forced = u->opt.engine == ZARM_ENGINE_HW;
    const char *why = NULL;
    char err[256];
    if (rt_hw_available(&why) == ZARM_OK) {
        struct kvm_hw_config cfg = {.mem_host = u->mem.base,
                                    .mem_size = u->mem.size,
                                    .portable = env_flag("ZARM_HW_PORTABLE", NULL),
                                    .refuse_fp = env_flag("ZARM_HW_REFUSE", "fp")};
        struct rt_hw *h = calloc(1, sizeof *h);
        if (!h)
            return rt_error(u, ZARM_E_NOMEM, "out of memory");
        if (kvm_hw_create(&h->kvm, &cfg, err, sizeof err) == 0) {
            h->cfg = cfg;
            h->pid = getpid();
            struct kvm_hw_stats s;
            kvm_hw_get_stats(h->kvm, &s);
            u->hw = h;
            u->engine = ZARM_ENGINE_HW;
            rt_log(u, "hw: arm64 KVM, %s doorbell%s%s\n", s.doorbell,
                   cfg.portable ? ", portable subset" : "", cfg.refuse_fp ? ", FP/SIMD refused" : "");
            return ZARM_OK;
        }
        free(h);
        why = err;
    }
    if (forced)
        return rt_error(u, ZARM_E_ENGINE, "--engine=hw: %s", why);
    rt_log(u, "engine auto: not using the hardware path: %s\n", why);
    return ZARM_OK;
}

static int prot_at(const struct rt_hw_vma *v, size_t n, uint64_t a)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].start <= a && a < v[i].end)
            return v[i].prot;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Brings the stage-1 tables in step with the VMA list: any syscall (mmap, mprotect, munmap,
 * brk, mremap, execve...) may have changed it, and comparing two short lists costs far less
 * than the exit that got us here.  Only ranges whose protection changed are rewritten. */
static int sync_vmas(struct zarm_user *u)
{
    struct rt_hw *h = u->hw;
    size_t n = 0;
    for (const struct rt_vma *v = u->mem.vmas; v; v = v->next)
        n++;
    if (n > h->cap) {
        size_t cap = n * 2 + 16;
        struct rt_hw_vma *a = realloc(h->shown, cap * sizeof *a);
        if (a)
            h->shown = a;
        struct rt_hw_vma *b = a ? realloc(h->now, cap * sizeof *b) : NULL;
        if (!a || !b)
            return -1;
        h->now = b;
        h->cap = cap;
    }
    n = 0;
    for (const struct rt_vma *v = u->mem.vmas; v; v = v->next)
        h->now[n++] = (struct rt_hw_vma){v->start, v->end, v->prot};
    h->nnow = n;
    if (h->nnow == h->nshown && !memcmp(h->now, h->shown, n * sizeof *h->now))
        return 0;
    size_t npts = 2 * (h->nnow + h->nshown);
    uint64_t *pts = malloc((npts + 1) * sizeof *pts);
    if (!pts)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < h->nnow; i++) {
        pts[k++] = h->now[i].start;
        pts[k++] = h->now[i].end;
    }
    for (size_t i = 0; i < h->nshown; i++) {
        pts[k++] = h->shown[i].start;
        pts[k++] = h->shown[i].end;
    }
    qsort(pts, k, sizeof *pts, cmp_u64);
    int r = 0;
    for (size_t i = 0; i + 1 < k && !r; i++) {
        if (pts[i] == pts[i + 1])
            continue;
        int before = prot_at(h->shown, h->nshown, pts[i]);
        int after = prot_at(h->now, h->nnow, pts[i]);
        if (before != after)
            r = kvm_hw_map(h->kvm, pts[i], pts[i + 1], after);
    }
    free(pts);
    struct rt_hw_vma *t = h->shown;
    h->shown = h->now;
    h->now = t;
    h->nshown = h->nnow;
    return r;
}

/* The interpreter runs exactly one block for a hand-over: its successor goes back to the
 * hardware (IR_EXIT_BUDGET just continues at env->cpu.pc). */
static struct ir_iblock *stop_after_block(struct ir_env *env, uint64_t pc)
{
    (void)pc;
    env->exit = IR_EXIT_BUDGET;
    return NULL;
}

static uint32_t fail(struct zarm_user *u, const char *what)
{
    rt_error(u, ZARM_E_ENGINE, "hw: %s", what);
    rt_log(u, "hw: %s\n", what);
    u->exited = true;
    u->exit_status = 128 + SIGKILL;
    return IR_EXIT_NONE;
}

static uint32_t handover(struct zarm_user *u, uint64_t esr)
{
    struct ir_env *env = u->env;
    struct rt_hw *h = u->hw;
    if (kvm_hw_fp_fetch(h->kvm, &env->cpu) != 0)
        return fail(u, kvm_hw_error(h->kvm));
    h->handovers++;
    if (u->opt.log_mask & ZARM_LOG_EXEC)
        rt_log(u, "hw: hand-over at 0x%llx (ESR_EL1 0x%llx)\n", (unsigned long long)env->cpu.pc,
               (unsigned long long)esr);
    struct ir_iblock *(*lookup)(struct ir_env *, uint64_t) = env->lookup;
    struct ir_iblock *blk = lookup(env, env->cpu.pc);
    if (!blk)
        return env->exit;
    env->lookup = stop_after_block;
    uint32_t why = ir_interp_run(env, blk);
    env->lookup = lookup;
    return why;
}

/* A forked child (clone, vfork, posix_spawn all become a host fork) cannot use its parent's
 * VM: it gets its own over its copy of the guest window, starting from the CPU state, whose
 * FP/SIMD registers were fetched before the fork (rt_hw_step). */
static int rebuild_after_fork(struct zarm_user *u, char *err, size_t err_size)
{
    struct rt_hw *h = u->hw;
    struct kvm_hw *old = h->kvm;
    if (kvm_hw_create(&h->kvm, &h->cfg, err, err_size) != 0) {
        h->kvm = old;
        return -1;
    }
    kvm_hw_destroy(old);
    h->nshown = 0; /* the new tables show nothing yet */
    h->pid = getpid();
    return 0;
}

/* The arm64 clone and clone3 syscall numbers (asm-generic/unistd.h). */
#define NR_CLONE 220
#define NR_CLONE3 435

uint32_t rt_hw_step(struct zarm_user *u)
{
    struct ir_env *env = u->env;
    struct rt_hw *h = u->hw;
    char err[256];
    if (h->pid != getpid() && rebuild_after_fork(u, err, sizeof err) != 0)
        return fail(u, err);
    if (sync_vmas(u) != 0)
        return fail(u, "cannot update the stage-1 tables (out of table pages or memory)");
    uint64_t info = 0;
    switch (kvm_hw_run(h->kvm, &env->cpu, &info)) {
    case KVM_HW_EV_SVC:
        env->exit_info = info;
        /* The child of a fork cannot read its parent's vCPU: take the FP/SIMD state first. */
        if ((env->cpu.x[8] == NR_CLONE || env->cpu.x[8] == NR_CLONE3) &&
            kvm_hw_fp_fetch(h->kvm, &env->cpu) != 0)
            break;
        return IR_EXIT_SVC;
    case KVM_HW_EV_BRK:
        env->exit_info = info;
        return IR_EXIT_BRK;
    case KVM_HW_EV_DATA_ABORT:
        env->exit_info = info;
        return IR_EXIT_FAULT;
    case KVM_HW_EV_ALIGN:
        env->exit_info = info;
        return IR_EXIT_ALIGN;
    case KVM_HW_EV_INSN_ABORT:
        return IR_EXIT_IFETCH;
    case KVM_HW_EV_HANDOVER:
        return handover(u, info);
    case KVM_HW_EV_ERROR:
        break;
    }
    return fail(u, kvm_hw_error(h->kvm));
}

void rt_hw_finish(struct zarm_user *u)
{
    if (!u->hw)
        return;
    if (kvm_hw_power_off(u->hw->kvm) == 0)
        rt_log(u, "hw: guest machine off (PSCI SYSTEM_OFF)\n");
    else
        rt_log(u, "hw: no clean power-off: %s\n", kvm_hw_error(u->hw->kvm));
}

void rt_hw_destroy(struct zarm_user *u)
{
    struct rt_hw *h = u->hw;
    if (!h)
        return;
    kvm_hw_destroy(h->kvm);
    free(h->shown);
    free(h->now);
    free(h);
    u->hw = NULL;
}

/* Guest code the host changed (the one invalidation path): make the hardware's instruction
 * fetches see it, for the mapped parts only (the host alias of a hole faults). */
void rt_hw_invalidate(struct zarm_user *u, uint64_t addr, uint64_t len)
{
    if (!u->hw)
        return;
    uint64_t end = addr + len < addr ? ~0ull : addr + len;
    for (const struct rt_vma *v = u->mem.vmas; v && v->start < end; v = v->next) {
        if (v->end <= addr || !v->prot)
            continue;
        uint64_t a = v->start > addr ? v->start : addr;
        uint64_t b = v->end < end ? v->end : end;
        kvm_hw_sync_icache(u->hw->kvm, a, b - a);
    }
}

void rt_hw_stats(const struct zarm_user *u, struct zarm_stats *s)
{
    if (!u->hw)
        return;
    struct kvm_hw_stats k;
    kvm_hw_get_stats(u->hw->kvm, &k);
    s->hw_exits = k.exits;
    s->hw_handovers = u->hw->handovers;
    s->hw_reg_transfers = k.reg_gets + k.reg_sets;
    s->hw_tlb_flushes = k.tlb_flushes;
}
