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
#include <inttypes.h>
#include <pthread.h>
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

/* The vCPUs of guest threads other than the first: one each (kvm_hw_vcpu_create). */
struct rt_hw_vcpu {
    struct kvm_hw *kvm;
    struct rt_hw_vcpu *next;
};

struct rt_hw {
    struct kvm_hw *kvm; /* the first vCPU, which owns the VM: the first guest thread's */
    struct kvm_hw_config cfg;
    pid_t pid; /* the process whose VM kvm is: KVM refuses a forked child the parent's VM */
    bool kvm_taken; /* a guest thread runs on kvm */
    /* Serialises the stage-1 tables, the VMA snapshot and vCPU creation and destruction. */
    pthread_mutex_t lock;
    struct rt_hw_vcpu *vcpus;
    uint64_t nvcpus;              /* vCPUs made in all, the first included */
    struct kvm_hw_stats gone;     /* counts of vCPUs already destroyed */
    /* The VMA list as the stage-1 tables last showed it, and a scratch copy. */
    struct rt_hw_vma *shown, *now;
    size_t nshown, nnow, cap;
    uint64_t handovers;
};

/* The calling guest thread's vCPU (each guest thread runs on its own host thread). */
static __thread struct {
    const struct rt_hw *owner;
    pid_t pid;
    struct kvm_hw *kvm; /* NULL: this thread runs on the translator (no vCPU could be made) */
} mine;

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
            h->nvcpus = 1;
            pthread_mutex_init(&h->lock, NULL);
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
static int sync_vmas(struct zarm_user *u, struct kvm_hw *kvm)
{
    struct rt_hw *h = u->hw;
    size_t n = 0;
    rt_mem_lock(&u->mem);
    for (const struct rt_vma *v = u->mem.vmas; v; v = v->next)
        n++;
    if (n > h->cap) {
        size_t cap = n * 2 + 16;
        struct rt_hw_vma *a = realloc(h->shown, cap * sizeof *a);
        if (a)
            h->shown = a;
        struct rt_hw_vma *b = a ? realloc(h->now, cap * sizeof *b) : NULL;
        if (!a || !b) {
            rt_mem_unlock(&u->mem);
            return -1;
        }
        h->now = b;
        h->cap = cap;
    }
    n = 0;
    for (const struct rt_vma *v = u->mem.vmas; v; v = v->next)
        h->now[n++] = (struct rt_hw_vma){v->start, v->end, v->prot};
    rt_mem_unlock(&u->mem);
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
            r = kvm_hw_map(kvm, pts[i], pts[i + 1], after);
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

/* Runs one block of the calling thread in the interpreter, then back to the hardware. */
static uint32_t interp_one_block(struct ir_env *env)
{
    struct ir_iblock *(*lookup)(struct ir_env *, uint64_t) = env->lookup;
    struct ir_iblock *blk = lookup(env, env->cpu.pc);
    if (!blk)
        return env->exit;
    env->lookup = stop_after_block;
    uint32_t why = ir_interp_run(env, blk);
    env->lookup = lookup;
    return why;
}

static uint32_t handover(struct zarm_user *u, struct kvm_hw *kvm, uint64_t esr)
{
    struct ir_env *env = rt_env(u);
    struct rt_hw *h = u->hw;
    if (kvm_hw_fp_fetch(kvm, &env->cpu) != 0)
        return fail(u, kvm_hw_error(kvm));
    h->handovers++;
    if (u->opt.log_mask & ZARM_LOG_EXEC)
        rt_log(u, "hw: hand-over at 0x%llx (ESR_EL1 0x%llx)\n", (unsigned long long)env->cpu.pc,
               (unsigned long long)esr);
    return interp_one_block(env);
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
    /* Only the forking thread lives on in the child: the parent's other vCPUs are gone. */
    for (struct rt_hw_vcpu *v = h->vcpus, *n; v; v = n) {
        n = v->next;
        free(v);
    }
    h->vcpus = NULL;
    h->nvcpus = 1;
    h->kvm_taken = true;
    pthread_mutex_init(&h->lock, NULL);
    mine.owner = h;
    mine.pid = h->pid;
    mine.kvm = h->kvm;
    return 0;
}

/* The calling thread's vCPU: the first guest thread to run takes the VM's own, every other
 * thread gets a new one (one vCPU per guest thread).  NULL when none can be made: that thread
 * runs on the translator, block by block. */
static struct kvm_hw *my_vcpu(struct zarm_user *u)
{
    struct rt_hw *h = u->hw;
    if (mine.owner == h && mine.pid == h->pid)
        return mine.kvm;
    pthread_mutex_lock(&h->lock);
    struct kvm_hw *k = NULL;
    char err[256];
    if (!h->kvm_taken) {
        h->kvm_taken = true;
        k = h->kvm;
    } else if (kvm_hw_vcpu_create(h->kvm, &k, err, sizeof err) == 0) {
        struct rt_hw_vcpu *v = malloc(sizeof *v);
        if (v) {
            v->kvm = k;
            v->next = h->vcpus;
            h->vcpus = v;
            h->nvcpus++;
        } else {
            kvm_hw_destroy(k);
            k = NULL;
        }
    } else {
        rt_log(u, "hw: guest thread %d runs on the translator: %s\n", (int)gettid(), err);
    }
    pthread_mutex_unlock(&h->lock);
    mine.owner = h;
    mine.pid = h->pid;
    mine.kvm = k;
    return k;
}

static void add_stats(struct kvm_hw_stats *sum, const struct kvm_hw_stats *k)
{
    sum->exits += k->exits;
    sum->reg_gets += k->reg_gets;
    sum->reg_sets += k->reg_sets;
    sum->tlb_flushes += k->tlb_flushes;
    sum->interrupts += k->interrupts;
}

void rt_hw_thread_end(struct zarm_user *u)
{
    struct rt_hw *h = u->hw;
    if (!h || mine.owner != h || mine.pid != h->pid || !mine.kvm || mine.kvm == h->kvm)
        return;
    pthread_mutex_lock(&h->lock);
    for (struct rt_hw_vcpu **p = &h->vcpus; *p; p = &(*p)->next)
        if ((*p)->kvm == mine.kvm) {
            struct rt_hw_vcpu *v = *p;
            struct kvm_hw_stats k;
            kvm_hw_get_stats(v->kvm, &k);
            add_stats(&h->gone, &k);
            kvm_hw_destroy(v->kvm);
            *p = v->next;
            free(v);
            break;
        }
    pthread_mutex_unlock(&h->lock);
    mine.kvm = NULL;
    mine.owner = NULL;
}

int rt_hw_fetch_state(struct zarm_user *u)
{
    struct rt_hw *h = u->hw;
    if (!h || mine.owner != h || mine.pid != h->pid || !mine.kvm)
        return 0;
    if (kvm_hw_fp_fetch(mine.kvm, &rt_env(u)->cpu) != 0) {
        rt_log(u, "hw: %s\n", kvm_hw_error(mine.kvm));
        return -1;
    }
    return 0;
}

/* The arm64 clone and clone3 syscall numbers (asm-generic/unistd.h). */
#define NR_CLONE 220
#define NR_CLONE3 435

uint32_t rt_hw_step(struct zarm_user *u)
{
    struct ir_env *env = rt_env(u);
    struct rt_hw *h = u->hw;
    char err[256];
    if (h->pid != getpid() && rebuild_after_fork(u, err, sizeof err) != 0)
        return fail(u, err);
    struct kvm_hw *kvm = my_vcpu(u);
    if (!kvm)
        return interp_one_block(env);
    /* The tables are the VM's: any thread's mmap may have changed them, and the vCPU that
     * edits them flushes every vCPU's TLB (TLBI ...IS) on its way back to EL0. */
    pthread_mutex_lock(&h->lock);
    int r = sync_vmas(u, kvm);
    pthread_mutex_unlock(&h->lock);
    if (r != 0)
        return fail(u, "cannot update the stage-1 tables (out of table pages or memory)");
    uint64_t info = 0;
    switch (kvm_hw_run(kvm, &env->cpu, &info)) {
    case KVM_HW_EV_SVC:
        env->exit_info = info;
        /* The child of a fork or a new thread cannot read this vCPU: take the FP/SIMD state
         * first. */
        if ((env->cpu.x[8] == NR_CLONE || env->cpu.x[8] == NR_CLONE3) &&
            kvm_hw_fp_fetch(kvm, &env->cpu) != 0)
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
        return handover(u, kvm, info);
    case KVM_HW_EV_INTERRUPT:
        /* A kick or a signal: the run loop looks at what is pending. */
        return IR_EXIT_BUDGET;
    case KVM_HW_EV_ERROR:
        break;
    }
    return fail(u, kvm_hw_error(kvm));
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
    for (struct rt_hw_vcpu *v = h->vcpus, *n; v; v = n) {
        n = v->next;
        kvm_hw_destroy(v->kvm);
        free(v);
    }
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
    rt_mem_lock(&u->mem);
    for (const struct rt_vma *v = u->mem.vmas; v && v->start < end; v = v->next) {
        if (v->end <= addr || !v->prot)
            continue;
        uint64_t a = v->start > addr ? v->start : addr;
        uint64_t b = v->end < end ? v->end : end;
        kvm_hw_sync_icache(u->hw->kvm, a, b - a);
    }
    rt_mem_unlock(&u->mem);
}

void rt_hw_stats(const struct zarm_user *u, struct zarm_stats *s)
{
    if (!u->hw)
        return;
    struct rt_hw *h = u->hw;
    struct kvm_hw_stats k, sum = h->gone;
    kvm_hw_get_stats(h->kvm, &k);
    add_stats(&sum, &k);
    for (struct rt_hw_vcpu *v = h->vcpus; v; v = v->next) {
        kvm_hw_get_stats(v->kvm, &k);
        add_stats(&sum, &k);
    }
    s->hw_exits = sum.exits;
    s->hw_handovers = h->handovers;
    s->hw_reg_transfers = sum.reg_gets + sum.reg_sets;
    s->hw_tlb_flushes = sum.tlb_flushes;
    s->hw_interrupts = sum.interrupts;
    s->hw_vcpus = h->nvcpus;
}
