/* zarm_vcpu_run on the hardware engine: the vCPU runs in KVM (hwassist/kvm_machine.c) and its
 * exits become the same exit record as the translators'.  What KVM decides by itself differs
 * from the translators and is listed in docs/embedding.md: HVC is KVM's PSCI/SMCCC handler
 * (SYSTEM_OFF comes back as the HVC exit it was; other HVCs return to the guest, unless the
 * SMCCC filter forwards them), WFI waits in KVM, unmodelled system registers and fetches
 * outside memory are the guest's exceptions. */
#include <pthread.h>
#include <string.h>

#include "ir/endian.h"
#include "vm.h"

static pthread_once_t kick_once = PTHREAD_ONCE_INIT;
static void install_kick(void) { kvm_mvcpu_kick_signal(); }

/* The HVC before pc, for the immediate of a hypercall KVM reported after it. */
static uint32_t hvc_imm(struct zarm_vcpu *v, uint64_t pc)
{
    const struct rt_mem *m = &v->m->mem;
    if (pc < 4 || rt_mem_prot(m, pc - 4) < 0)
        return 0;
    uint32_t w = ld_le32(rt_g2h(m, pc - 4));
    return (w & 0xffe0001f) == 0xd4000002 ? (w >> 5) & 0xffff : 0;
}

int vm_hw_run(struct zarm_vcpu *v)
{
    struct zarm_exit *e = &v->exit;
    struct zarm_cpu *cpu = &v->env->cpu;
    pthread_once(&kick_once, install_kick);
    /* KVM finishes an MMIO read itself on this run, from the value the VMM left. */
    if (v->pending == ZARM_EXIT_MMIO)
        kvm_mvcpu_mmio_data(v->kvm, e->mmio.data);
    else
        kvm_mvcpu_mmio_cancel(v->kvm);
    v->pending = 0;
    memset(e, 0, sizeof *e);
    if (v->regs_dirty && kvm_mvcpu_regs(v->kvm, cpu, true, v->err, sizeof v->err) != 0)
        return ZARM_E_ENGINE;
    v->regs_dirty = false;
    if (v->kicked) {
        v->kicked = 0;
        kvm_mvcpu_kick_done(v->kvm);
        e->reason = ZARM_EXIT_KICK;
        e->pc = cpu->pc;
        return ZARM_OK;
    }
    struct kvm_mv_info info;
    v->thread = pthread_self();
    v->in_run = true;
    enum kvm_mv_exit x = kvm_mvcpu_run(v->kvm, &info, v->err, sizeof v->err);
    v->in_run = false;
    if (x == KVM_MV_ERROR || kvm_mvcpu_regs(v->kvm, cpu, false, v->err, sizeof v->err) != 0)
        return ZARM_E_ENGINE;
    e->pc = cpu->pc;
    switch (x) {
    case KVM_MV_MMIO:
        e->reason = ZARM_EXIT_MMIO;
        e->mmio.addr = info.addr;
        e->mmio.size = info.size;
        e->mmio.is_write = info.is_write;
        e->mmio.data = info.is_write ? info.data : 0;
        v->pending = ZARM_EXIT_MMIO;
        break;
    case KVM_MV_SYSTEM_EVENT:
    case KVM_MV_HYPERCALL:
        /* The HVC KVM took (PSCI SYSTEM_OFF, or one the SMCCC filter forwards). */
        e->reason = ZARM_EXIT_HVC;
        e->exc.imm = hvc_imm(v, cpu->pc);
        break;
    case KVM_MV_KICK:
        v->kicked = 0;
        e->reason = ZARM_EXIT_KICK;
        break;
    default:
        /* An access with no syndrome outside memory: its address where KVM gives it. */
        e->reason = ZARM_EXIT_FAULT;
        /* No WnR: the translators do not decode such instructions either. */
        e->fault.esr = (uint32_t)ZARM_EC_DATA_ABORT << 26 | 1u << 25 | 0x07;
        e->fault.addr = info.addr;
        break;
    }
    return ZARM_OK;
}
