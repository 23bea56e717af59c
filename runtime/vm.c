/* The embedding API's machine and vCPU objects: guest memory regions, registers, hooks,
 * invalidation (include/zarm/vm.h).  Running is vm_run.c. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "vm.h"

/* An Arm core leaving reset: EL1h (SPSel = 1), D, A, I, F masked. */
#define VM_RESET_PSTATE 0x3c5u
/* Each vCPU's JIT code cache. */
#define VM_JIT_CODE_BYTES (8ull << 20)

int vm_error(char *buf, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, 256, fmt, ap);
    va_end(ap);
    return code;
}

void zarm_machine_options_init(struct zarm_machine_options *o)
{
    memset(o, 0, sizeof *o);
}

int zarm_machine_create(const struct zarm_machine_options *o, struct zarm_machine **out)
{
    struct zarm_machine *m = calloc(1, sizeof *m);
    *out = m;
    if (!m)
        return ZARM_E_NOMEM;
    m->opt = *o;
    pthread_mutex_init(&m->lock, NULL);
    const char *why, *derr;
    if (zarm_engine_available(o->engine, &why) != ZARM_OK)
        return vm_error(m->err, ZARM_E_ENGINE, "engine %s: %s", zarm_engine_name(o->engine), why);
    /* auto: the hardware where the host has an arm64 KVM, else the JIT, else the interpreter. */
    m->engine = ZARM_ENGINE_INTERP;
    if (o->engine == ZARM_ENGINE_HW ||
        (o->engine == ZARM_ENGINE_AUTO && zarm_engine_available(ZARM_ENGINE_HW, NULL) == ZARM_OK))
        m->engine = ZARM_ENGINE_HW;
    else if (o->engine == ZARM_ENGINE_JIT ||
             (o->engine == ZARM_ENGINE_AUTO && s390_jit_available(NULL)))
        m->engine = ZARM_ENGINE_JIT;
    if (m->engine == ZARM_ENGINE_HW && o->trap)
        return vm_error(m->err, ZARM_E_ENGINE, "engine hw: KVM cannot trap SVC, BRK or UDF");
    if (m->engine == ZARM_ENGINE_HW && kvm_machine_create(&m->kvm, m->err, sizeof m->err) != 0)
        return ZARM_E_ENGINE;
    if (a64_decode_init(&derr) != 0)
        return vm_error(m->err, ZARM_E_INVAL, "%s", derr);
    uint64_t size = o->guest_mem_size ? o->guest_mem_size : RT_DEFAULT_MEM_SIZE;
    int r = rt_mem_init(&m->mem, size);
    if (r)
        return vm_error(m->err, ZARM_E_NOMEM,
                        "cannot reserve %llu bytes of guest address space: %s",
                        (unsigned long long)size, strerror(-r));
    return ZARM_OK;
}

void zarm_machine_destroy(struct zarm_machine *m)
{
    if (!m)
        return;
    while (m->nvcpus)
        zarm_vcpu_destroy(m->vcpu[m->nvcpus - 1]);
    kvm_machine_destroy(m->kvm);
    rt_mem_destroy(&m->mem);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

const char *zarm_machine_error(const struct zarm_machine *m)
{
    return m ? m->err : "out of memory";
}

enum zarm_engine zarm_machine_engine(const struct zarm_machine *m) { return m->engine; }

static int linux_prot(int prot)
{
    return (prot & ZARM_MEM_R ? PROT_READ : 0) | (prot & ZARM_MEM_W ? PROT_WRITE : 0) |
           (prot & ZARM_MEM_X ? PROT_EXEC : 0);
}

static int check_region(struct zarm_machine *m, uint64_t addr, uint64_t size, int prot)
{
    if ((addr | size) & (RT_PAGE - 1) || !size)
        return vm_error(m->err, ZARM_E_INVAL, "region 0x%llx+0x%llx: not page aligned",
                        (unsigned long long)addr, (unsigned long long)size);
    if (addr >= m->mem.size || size > m->mem.size - addr)
        return vm_error(m->err, ZARM_E_INVAL, "region 0x%llx+0x%llx: beyond guest_mem_size",
                        (unsigned long long)addr, (unsigned long long)size);
    if (prot & ~ZARM_MEM_RWX)
        return vm_error(m->err, ZARM_E_INVAL, "region permissions 0x%x", prot);
    for (const struct rt_vma *v = m->mem.vmas; v; v = v->next)
        if (v->start < addr + size && addr < v->end)
            return vm_error(m->err, ZARM_E_INVAL, "region 0x%llx+0x%llx overlaps another",
                            (unsigned long long)addr, (unsigned long long)size);
    return ZARM_OK;
}

/* The hardware engine's memory slot for a new region (the same host pages). */
static int kvm_slot(struct zarm_machine *m, uint64_t guest_addr, uint64_t size, int prot)
{
    if (m->kvm && kvm_machine_map(m->kvm, guest_addr, rt_g2h(&m->mem, guest_addr), size,
                                  !(prot & ZARM_MEM_W), m->err, sizeof m->err) != 0) {
        rt_mem_unmap(&m->mem, guest_addr, size);
        return ZARM_E_ENGINE;
    }
    return ZARM_OK;
}

int zarm_machine_map_ram(struct zarm_machine *m, uint64_t guest_addr, uint64_t size, int prot,
                         void **host_ptr)
{
    int r = check_region(m, guest_addr, size, prot);
    if (r)
        return r;
    pthread_mutex_lock(&m->lock);
    r = rt_mem_map(&m->mem, guest_addr, size, linux_prot(prot), "ram");
    pthread_mutex_unlock(&m->lock);
    if (r)
        return vm_error(m->err, ZARM_E_NOMEM, "mapping RAM: %s", strerror(-r));
    if (host_ptr)
        *host_ptr = rt_g2h(&m->mem, guest_addr);
    return kvm_slot(m, guest_addr, size, prot);
}

int zarm_machine_map_fd(struct zarm_machine *m, uint64_t guest_addr, uint64_t size, int prot,
                        int fd, uint64_t fd_offset)
{
    int r = check_region(m, guest_addr, size, prot);
    if (r)
        return r;
    pthread_mutex_lock(&m->lock);
    /* The region list first (anonymous pages), then the file's pages over them: the host
     * protection is what rt_mem would give (guest-executable means host-readable). */
    r = rt_mem_map(&m->mem, guest_addr, size, linux_prot(prot), "fd");
    int hprot = (prot & (ZARM_MEM_R | ZARM_MEM_X) ? PROT_READ : 0) |
                (prot & ZARM_MEM_W ? PROT_WRITE : 0);
    if (!r && mmap(rt_g2h(&m->mem, guest_addr), size, hprot, MAP_SHARED | MAP_FIXED, fd,
                   (off_t)fd_offset) == MAP_FAILED) {
        r = -errno;
        rt_mem_unmap(&m->mem, guest_addr, size);
    }
    pthread_mutex_unlock(&m->lock);
    if (r)
        return vm_error(m->err, ZARM_E_INVAL, "mapping fd %d: %s", fd, strerror(-r));
    return kvm_slot(m, guest_addr, size, prot);
}

int zarm_machine_unmap(struct zarm_machine *m, uint64_t guest_addr, uint64_t size)
{
    pthread_mutex_lock(&m->lock);
    if (m->kvm)
        kvm_machine_unmap(m->kvm, guest_addr, size);
    int r = rt_mem_unmap(&m->mem, guest_addr, size);
    pthread_mutex_unlock(&m->lock);
    if (r)
        return vm_error(m->err, ZARM_E_INVAL, "unmapping: %s", strerror(-r));
    /* Code that lived there must not run again. */
    zarm_machine_invalidate(m, guest_addr, size);
    return ZARM_OK;
}

void zarm_machine_invalidate(struct zarm_machine *m, uint64_t addr, uint64_t len)
{
    /* The hardware fetches what the host wrote once the caches are maintained. */
    if (m->kvm) {
        for (const struct rt_vma *r = m->mem.vmas; r; r = r->next) {
            uint64_t lo = r->start > addr ? r->start : addr;
            uint64_t end = addr + len < addr ? ~0ull : addr + len;
            uint64_t hi = r->end < end ? r->end : end;
            if (lo < hi)
                kvm_host_sync_icache(rt_g2h(&m->mem, lo), hi - lo);
        }
        return;
    }
    pthread_mutex_lock(&m->lock);
    for (unsigned i = 0; i < m->nvcpus; i++) {
        struct zarm_vcpu *v = m->vcpu[i];
        uint32_t n = v->inval_n;
        if (n < VM_MAX_PENDING) {
            v->inval_addr[n] = addr;
            v->inval_len[n] = len;
        } else {
            /* Too many: the last slot becomes "everything". */
            v->inval_addr[VM_MAX_PENDING - 1] = 0;
            v->inval_len[VM_MAX_PENDING - 1] = ~0ull;
            n = VM_MAX_PENDING - 1;
        }
        v->inval_n = n + 1;
    }
    pthread_mutex_unlock(&m->lock);
}

void vm_apply_invalidations(struct zarm_vcpu *v)
{
    pthread_mutex_lock(&v->m->lock);
    for (uint32_t i = 0; i < v->inval_n; i++) {
        rt_cache_invalidate(&v->cache, v->inval_addr[i], v->inval_len[i]);
        rt_cache_invalidate(&v->icache, v->inval_addr[i], v->inval_len[i]);
        rt_cache_invalidate(&v->step, v->inval_addr[i], v->inval_len[i]);
    }
    v->inval_n = 0;
    pthread_mutex_unlock(&v->m->lock);
}

int zarm_vcpu_create(struct zarm_machine *m, struct zarm_vcpu **out)
{
    *out = NULL;
    if (m->nvcpus >= VM_MAX_VCPUS)
        return vm_error(m->err, ZARM_E_INVAL, "at most %d vCPUs", VM_MAX_VCPUS);
    struct zarm_vcpu *v = calloc(1, sizeof *v);
    if (!v)
        return vm_error(m->err, ZARM_E_NOMEM, "out of memory");
    v->m = m;
    if (!(v->env = ir_env_new())) {
        free(v);
        return vm_error(m->err, ZARM_E_NOMEM, "out of memory");
    }
    v->env->cpu.pstate = VM_RESET_PSTATE;
    v->feat = (struct ir_features){.lse = true, .crc32 = true, .rcpc = true, .fp = true,
                                   .asimd = true, .el1 = true};
    if (rt_cache_init(&v->cache) || rt_cache_init(&v->icache) || rt_cache_init(&v->step)) {
        zarm_vcpu_destroy(v);
        return vm_error(m->err, ZARM_E_NOMEM, "out of memory");
    }
    if (m->kvm && kvm_mvcpu_create(m->kvm, &v->kvm, m->err, sizeof m->err) != 0) {
        zarm_vcpu_destroy(v);
        return ZARM_E_ENGINE;
    }
    v->regs_dirty = true;
    if (m->engine == ZARM_ENGINE_JIT) {
        const char *jerr = "?";
        if (s390_jit_create(&v->cache.jit, VM_JIT_CODE_BYTES, &jerr) != 0) {
            zarm_vcpu_destroy(v);
            return vm_error(m->err, ZARM_E_ENGINE, "engine jit: %s", jerr);
        }
    }
    pthread_mutex_lock(&m->lock);
    m->vcpu[m->nvcpus++] = v;
    pthread_mutex_unlock(&m->lock);
    *out = v;
    return ZARM_OK;
}

void zarm_vcpu_destroy(struct zarm_vcpu *v)
{
    if (!v)
        return;
    struct zarm_machine *m = v->m;
    pthread_mutex_lock(&m->lock);
    for (unsigned i = 0; i < m->nvcpus; i++)
        if (m->vcpu[i] == v) {
            m->vcpu[i] = m->vcpu[--m->nvcpus];
            break;
        }
    pthread_mutex_unlock(&m->lock);
    if (v->cache.bucket)
        rt_cache_destroy(&v->cache);
    if (v->icache.bucket)
        rt_cache_destroy(&v->icache);
    if (v->step.bucket)
        rt_cache_destroy(&v->step);
    s390_jit_destroy(v->cache.jit);
    kvm_mvcpu_destroy(v->kvm);
    ir_env_free(v->env);
    free(v);
}

const char *zarm_vcpu_error(const struct zarm_vcpu *v) { return v->err; }

int zarm_vcpu_get_regs(struct zarm_vcpu *v, struct zarm_cpu *out)
{
    *out = v->env->cpu;
    return ZARM_OK;
}

int zarm_vcpu_set_regs(struct zarm_vcpu *v, const struct zarm_cpu *in)
{
    v->env->cpu = *in;
    v->regs_dirty = true;
    v->pending = 0; /* a new state: no access left to complete */
    return ZARM_OK;
}

/* The 64-bit field of a one-word register id, NULL for a V register or an unknown id. */
static uint64_t *reg_slot(struct zarm_cpu *c, unsigned id)
{
    if (id < 31 || id == ZARM_REG_ID_PC || id == ZARM_REG_ID_PSTATE)
        return id < 31 ? &c->x[id] : id == ZARM_REG_ID_PC ? &c->pc : &c->pstate;
    switch (id) {
    case ZARM_REG_ID_ELR_EL1: return &c->elr_el1;
    case ZARM_REG_ID_SPSR_EL1: return &c->spsr[0];
    case ZARM_REG_ID_TPIDR_EL0: return &c->tpidr_el0;
    case ZARM_REG_ID_TPIDRRO_EL0: return &c->tpidrro_el0;
    case ZARM_REG_ID_VBAR_EL1: return &c->vbar_el1;
    case ZARM_REG_ID_SCTLR_EL1: return &c->sctlr_el1;
    case ZARM_REG_ID_ESR_EL1: return &c->esr_el1;
    case ZARM_REG_ID_FAR_EL1: return &c->far_el1;
    case ZARM_REG_ID_TPIDR_EL1: return &c->tpidr_el1;
    case ZARM_REG_ID_CPACR_EL1: return &c->cpacr_el1;
    case ZARM_REG_ID_TCR_EL1: return &c->tcr_el1;
    case ZARM_REG_ID_TTBR0_EL1: return &c->ttbr0_el1;
    case ZARM_REG_ID_TTBR1_EL1: return &c->ttbr1_el1;
    case ZARM_REG_ID_MAIR_EL1: return &c->mair_el1;
    }
    return NULL;
}

int zarm_vcpu_get_reg(struct zarm_vcpu *v, unsigned id, uint64_t *val)
{
    struct zarm_cpu *c = &v->env->cpu;
    uint64_t *p = reg_slot(c, id), sp[2];
    zarm_cpu_get_kvm_sp(c, &sp[0], &sp[1]);
    if (p)
        *val = *p;
    else if (id == ZARM_REG_ID_SP || id == ZARM_REG_ID_SP_EL1)
        *val = sp[id == ZARM_REG_ID_SP_EL1];
    else if (id == ZARM_REG_ID_FPSR || id == ZARM_REG_ID_FPCR)
        *val = id == ZARM_REG_ID_FPSR ? c->fpsr : c->fpcr;
    else if (id >= ZARM_REG_ID_V0 && id < ZARM_REG_ID_V0 + 32) {
        val[0] = ZARM_V_D(&c->v[id - ZARM_REG_ID_V0], 0);
        val[1] = ZARM_V_D(&c->v[id - ZARM_REG_ID_V0], 1);
    } else
        return vm_error(v->err, ZARM_E_INVAL, "no register with id %u", id);
    return ZARM_OK;
}

int zarm_vcpu_set_reg(struct zarm_vcpu *v, unsigned id, const uint64_t *val)
{
    struct zarm_cpu *c = &v->env->cpu;
    uint64_t *p = reg_slot(c, id), sp[2];
    /* The banked stack pointers are kept across a mode change (PSTATE) and set by bank. */
    zarm_cpu_get_kvm_sp(c, &sp[0], &sp[1]);
    if (id == ZARM_REG_ID_SP || id == ZARM_REG_ID_SP_EL1)
        sp[id == ZARM_REG_ID_SP_EL1] = *val;
    else if (p)
        *p = *val;
    else if (id == ZARM_REG_ID_FPSR)
        c->fpsr = (uint32_t)*val;
    else if (id == ZARM_REG_ID_FPCR)
        c->fpcr = (uint32_t)*val;
    else if (id >= ZARM_REG_ID_V0 && id < ZARM_REG_ID_V0 + 32) {
        ZARM_V_D(&c->v[id - ZARM_REG_ID_V0], 0) = val[0];
        ZARM_V_D(&c->v[id - ZARM_REG_ID_V0], 1) = val[1];
    } else
        return vm_error(v->err, ZARM_E_INVAL, "no register with id %u", id);
    zarm_cpu_set_kvm_sp(c, sp[0], sp[1]);
    v->regs_dirty = true;
    if (id == ZARM_REG_ID_PC)
        v->pending = 0;
    return ZARM_OK;
}

struct zarm_exit *zarm_vcpu_exit_record(struct zarm_vcpu *v) { return &v->exit; }

int zarm_vcpu_set_budget(struct zarm_vcpu *v, uint64_t n)
{
    if (v->kvm && n)
        return vm_error(v->err, ZARM_E_ENGINE, "the hardware engine has no instruction budget");
    v->budget = n;
    return ZARM_OK;
}

uint64_t zarm_vcpu_insn_count(const struct zarm_vcpu *v) { return v->env->insns; }

void zarm_vcpu_kick(struct zarm_vcpu *v)
{
    v->kicked = 1;
    ir_env_interrupt(v->env);
    if (v->kvm) {
        kvm_mvcpu_kick(v->kvm);
        if (v->in_run)
            pthread_kill(v->thread, KVM_MVCPU_KICK_SIGNAL);
    }
}

int zarm_vcpu_set_hooks(struct zarm_vcpu *v, const struct zarm_hooks *h)
{
    if (v->kvm && h && (h->block || h->insn || h->watch_len))
        return vm_error(v->err, ZARM_E_ENGINE, "the hardware engine has no hooks");
    if (h && h->watch_len && h->mem == NULL)
        return vm_error(v->err, ZARM_E_INVAL, "a watch needs a mem hook");
    if (h && h->watch_len && !rt_mem_range_mapped(&v->m->mem, h->watch_addr, h->watch_len))
        return vm_error(v->err, ZARM_E_INVAL, "the watched range is not all RAM");
    memset(&v->hooks, 0, sizeof v->hooks);
    if (h)
        v->hooks = *h;
    v->has_hooks = h && (h->block || h->insn || h->watch_len);
    return ZARM_OK;
}
