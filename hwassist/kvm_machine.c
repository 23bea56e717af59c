/* Machine vCPUs on the hardware (include/zarm/vm.h, engine hw): an EL1 guest runs natively in
 * an arm64 KVM VM, one memory slot per RAM region (holes are MMIO: KVM_EXIT_MMIO), no EL1 stub
 * -- the guest owns EL1.  Unlike kvm_vm.c (user-mode programs at EL0 under zarm's stub), this
 * is the plain KVM model a VMM knows: registers through ONE_REG, exits from struct kvm_run. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm.h"
#include "kvm_uapi.h"

#define KVM_MACHINE_SLOTS 64
/* KVM_ENABLE_CAP with KVM_CAP_ARM_NISV_TO_USER (Linux 5.5): a data abort outside memory with
 * no syndrome comes to userspace as KVM_EXIT_ARM_NISV with its address, not as -ENOSYS. */
struct kvm_machine_enable_cap {
    uint32_t cap, flags;
    uint64_t args[4];
    uint8_t pad[64];
};
#define KVM_MACHINE_ENABLE_CAP _IOW(KVMIO, 0xa3, struct kvm_machine_enable_cap)
#define KVM_MACHINE_CAP_ARM_NISV_TO_USER 177
#define KVM_MACHINE_EXIT_ARM_NISV 28

struct kvm_machine {
    int dev_fd, vm_fd;
    struct {
        uint64_t ipa, size;
        bool used;
    } slot[KVM_MACHINE_SLOTS];
    unsigned vcpus;
    bool hvc_forwarded; /* the SMCCC filter sends (some) HVCs to userspace */
};

struct kvm_mvcpu {
    struct kvm_machine *m;
    int fd;
    struct kvm_hw_run *run;
    size_t run_size;
};

static int err(char *buf, size_t n, const char *what)
{
    snprintf(buf, n, "%s: %s", what, strerror(errno));
    return -1;
}

/* HVC goes to the VMM on every engine: where KVM has the SMCCC filter (Linux 6.4), forward
 * the function ids it lets userspace have -- the yielding calls, PSCI, the standard secure and
 * the OEM/SiP services.  KVM keeps the architecture and KVM-vendor calls it reserves (the
 * insert of those ranges fails and is skipped); without the filter KVM answers PSCI itself
 * (SYSTEM_OFF still comes back, as KVM_EXIT_SYSTEM_EVENT) and returns NOT_SUPPORTED for the
 * rest. */
static void forward_hvc(struct kvm_machine *m)
{
    static const uint32_t ranges[][2] = {
        {0x00000000u, 0x80000000u}, /* yielding calls */
        {0x81000000u, 0x02000000u}, /* CPU and SiP services, SMC32 */
        {0x83000000u, 0x02000000u}, /* OEM and standard secure (PSCI), SMC32 */
        {0xc1000000u, 0x02000000u}, /* the same, SMC64 */
        {0xc3000000u, 0x02000000u},
    };
    for (unsigned i = 0; i < sizeof ranges / sizeof *ranges; i++) {
        struct kvm_hw_smccc_filter f = {.base = ranges[i][0],
                                        .nr_functions = ranges[i][1],
                                        .action = KVM_HW_SMCCC_FILTER_FWD_TO_USER};
        struct kvm_hw_device_attr a = {.group = KVM_HW_ARM_VM_SMCCC_CTRL,
                                       .attr = KVM_HW_ARM_VM_SMCCC_FILTER,
                                       .addr = (uint64_t)(uintptr_t)&f};
        if (ioctl(m->vm_fd, KVM_HW_SET_DEVICE_ATTR, &a) == 0)
            m->hvc_forwarded = true;
    }
}

int kvm_machine_create(struct kvm_machine **out, char *e, size_t n)
{
    const char *why;
    *out = NULL;
    if (kvm_hw_probe(&why) != 0) {
        snprintf(e, n, "%s", why);
        return -1;
    }
    struct kvm_machine *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(e, n, "out of memory");
        return -1;
    }
    m->dev_fd = m->vm_fd = -1;
    for (const char *const *d = kvm_host_devices; *d && m->dev_fd < 0; d++)
        m->dev_fd = open(*d, O_RDWR | O_CLOEXEC);
    if (m->dev_fd < 0 || (m->vm_fd = ioctl(m->dev_fd, KVM_HW_CREATE_VM, 0)) < 0) {
        err(e, n, "KVM_CREATE_VM");
        kvm_machine_destroy(m);
        return -1;
    }
    struct kvm_machine_enable_cap cap = {.cap = KVM_MACHINE_CAP_ARM_NISV_TO_USER};
    ioctl(m->vm_fd, KVM_MACHINE_ENABLE_CAP, &cap); /* optional: without it no address */
    forward_hvc(m);
    *out = m;
    return 0;
}

void kvm_machine_destroy(struct kvm_machine *m)
{
    if (!m)
        return;
    if (m->vm_fd >= 0)
        close(m->vm_fd);
    if (m->dev_fd >= 0)
        close(m->dev_fd);
    free(m);
}

static int set_slot(struct kvm_machine *m, unsigned s, uint64_t ipa, void *host, uint64_t size,
                    bool readonly)
{
    struct kvm_hw_memory_region r = {.slot = s,
                                     .flags = readonly ? 2u : 0u, /* KVM_MEM_READONLY */
                                     .guest_phys_addr = ipa,
                                     .memory_size = size,
                                     .userspace_addr = (uint64_t)(uintptr_t)host};
    return ioctl(m->vm_fd, KVM_HW_SET_USER_MEMORY_REGION, &r);
}

int kvm_machine_map(struct kvm_machine *m, uint64_t ipa, void *host, uint64_t size, bool readonly,
                    char *e, size_t n)
{
    for (unsigned s = 0; s < KVM_MACHINE_SLOTS; s++)
        if (!m->slot[s].used) {
            if (set_slot(m, s, ipa, host, size, readonly) != 0)
                return err(e, n, "KVM_SET_USER_MEMORY_REGION");
            m->slot[s].ipa = ipa;
            m->slot[s].size = size;
            m->slot[s].used = true;
            return 0;
        }
    snprintf(e, n, "more than %d memory regions", KVM_MACHINE_SLOTS);
    return -1;
}

void kvm_machine_unmap(struct kvm_machine *m, uint64_t ipa, uint64_t size)
{
    /* Whole slots only: a region is unmapped as it was mapped. */
    for (unsigned s = 0; s < KVM_MACHINE_SLOTS; s++)
        if (m->slot[s].used && m->slot[s].ipa >= ipa &&
            m->slot[s].ipa + m->slot[s].size <= ipa + size) {
            set_slot(m, s, m->slot[s].ipa, NULL, 0, false);
            m->slot[s].used = false;
        }
}

int kvm_mvcpu_create(struct kvm_machine *m, struct kvm_mvcpu **out, char *e, size_t n)
{
    struct kvm_mvcpu *v = calloc(1, sizeof *v);
    *out = NULL;
    if (!v) {
        snprintf(e, n, "out of memory");
        return -1;
    }
    v->m = m;
    v->fd = ioctl(m->vm_fd, KVM_HW_CREATE_VCPU, (unsigned long)m->vcpus);
    if (v->fd < 0) {
        free(v);
        return err(e, n, "KVM_CREATE_VCPU");
    }
    int sz = ioctl(m->dev_fd, KVM_HW_GET_VCPU_MMAP_SIZE, 0);
    v->run_size = sz > 0 ? (size_t)sz : 0;
    v->run = sz > 0 ? mmap(NULL, v->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, v->fd, 0)
                    : MAP_FAILED;
    struct kvm_hw_vcpu_init init;
    memset(&init, 0, sizeof init);
    if (v->run == MAP_FAILED || ioctl(m->vm_fd, KVM_HW_ARM_PREFERRED_TARGET, &init) != 0) {
        v->run = NULL;
        kvm_mvcpu_destroy(v);
        return err(e, n, "KVM vCPU setup");
    }
    /* PSCI 0.2: the guest's SYSTEM_OFF becomes KVM_EXIT_SYSTEM_EVENT. */
    init.features[0] |= 1u << KVM_HW_ARM_VCPU_PSCI_0_2;
    if (ioctl(v->fd, KVM_HW_ARM_VCPU_INIT, &init) != 0) {
        kvm_mvcpu_destroy(v);
        return err(e, n, "KVM_ARM_VCPU_INIT");
    }
    m->vcpus++;
    *out = v;
    return 0;
}

void kvm_mvcpu_destroy(struct kvm_mvcpu *v)
{
    if (!v)
        return;
    if (v->run)
        munmap(v->run, v->run_size);
    if (v->fd >= 0)
        close(v->fd);
    free(v);
}

static int one_reg(struct kvm_mvcpu *v, bool set, uint64_t id, void *buf)
{
    struct kvm_hw_one_reg r = {.id = id, .addr = (uint64_t)(uintptr_t)buf};
    return ioctl(v->fd, set ? KVM_HW_SET_ONE_REG : KVM_HW_GET_ONE_REG, &r);
}

/* ARM64_SYS_REG(op0, op1, CRn, CRm, op2) ids of the EL1 registers the CPU state carries. */
#define SYSREG_ID(op0, op1, crn, crm, op2)                                                         \
    (KVM_HW_REG_ARM64 | KVM_HW_REG_SIZE_U64 | 0x0013ull << 16 |                                    \
     ((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2)))

static const struct {
    uint64_t id;
    size_t off;
} sysregs[] = {
    {SYSREG_ID(3, 0, 12, 0, 0), offsetof(struct zarm_cpu, vbar_el1)},
    {SYSREG_ID(3, 0, 1, 0, 0), offsetof(struct zarm_cpu, sctlr_el1)},
    {SYSREG_ID(3, 0, 5, 2, 0), offsetof(struct zarm_cpu, esr_el1)},
    {SYSREG_ID(3, 0, 6, 0, 0), offsetof(struct zarm_cpu, far_el1)},
    {SYSREG_ID(3, 0, 13, 0, 4), offsetof(struct zarm_cpu, tpidr_el1)},
    {SYSREG_ID(3, 0, 1, 0, 2), offsetof(struct zarm_cpu, cpacr_el1)},
    {SYSREG_ID(3, 3, 13, 0, 2), offsetof(struct zarm_cpu, tpidr_el0)},
    {SYSREG_ID(3, 3, 13, 0, 3), offsetof(struct zarm_cpu, tpidrro_el0)},
};

/* Moves the CPU state to (set) or from the vCPU: core registers in KVM's view (regs.sp =
 * SP_EL0, sp_el1 = SP_EL1), then the EL1 registers KVM lets userspace reach. */
int kvm_mvcpu_regs(struct kvm_mvcpu *v, struct zarm_cpu *cpu, bool set, char *e, size_t n)
{
    struct zarm_cpu k = *cpu;
    if (set)
        zarm_cpu_get_kvm_sp(cpu, &k.sp, &k.sp_el1);
    int r = 0;
    for (unsigned i = 0; i < 31 && !r; i++)
        r = one_reg(v, set, KVM_HW_REG_X(i), &k.x[i]);
    r = r ? r : one_reg(v, set, KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, sp), &k.sp);
    r = r ? r : one_reg(v, set, KVM_HW_REG_PC, &k.pc);
    r = r ? r : one_reg(v, set, KVM_HW_REG_PSTATE, &k.pstate);
    r = r ? r : one_reg(v, set, KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, sp_el1), &k.sp_el1);
    r = r ? r : one_reg(v, set, KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, elr_el1), &k.elr_el1);
    r = r ? r : one_reg(v, set, KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, spsr[0]), &k.spsr[0]);
    for (unsigned i = 0; i < 32 && !r; i++) {
        unsigned __int128 q = ((unsigned __int128)k.v[i].d[1] << 64) | k.v[i].d[0];
        r = one_reg(v, set, KVM_HW_REG_V(i), &q);
        k.v[i].d[0] = (uint64_t)q;
        k.v[i].d[1] = (uint64_t)(q >> 64);
    }
    r = r ? r : one_reg(v, set, KVM_HW_REG_FPSR, &k.fpsr);
    r = r ? r : one_reg(v, set, KVM_HW_REG_FPCR, &k.fpcr);
    if (r)
        return err(e, n, set ? "KVM_SET_ONE_REG" : "KVM_GET_ONE_REG");
    /* System registers: IBM's base series offers core registers only; missing ones stay. */
    for (unsigned i = 0; i < sizeof sysregs / sizeof *sysregs; i++)
        one_reg(v, set, sysregs[i].id, (char *)&k + sysregs[i].off);
    if (!set) {
        uint64_t sp0 = k.sp, sp1 = k.sp_el1;
        *cpu = k;
        cpu->sp = sp0; /* mode-correct placement below */
        zarm_cpu_set_kvm_sp(cpu, sp0, sp1);
    }
    return 0;
}

static void kick_signal(int sig) { (void)sig; }

int kvm_mvcpu_kick_signal(void)
{
    /* A handler that does nothing: the signal only makes KVM_RUN return EINTR. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = kick_signal;
    return sigaction(KVM_MVCPU_KICK_SIGNAL, &sa, NULL);
}

void kvm_mvcpu_kick(struct kvm_mvcpu *v) { v->run->immediate_exit = 1; }

enum kvm_mv_exit kvm_mvcpu_run(struct kvm_mvcpu *v, struct kvm_mv_info *info, char *e, size_t n)
{
    memset(info, 0, sizeof *info);
    for (;;) {
        int r = ioctl(v->fd, KVM_HW_RUN, 0);
        v->run->immediate_exit = 0;
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            return KVM_MV_KICK;
        if (r < 0 && errno == ENOSYS) {
            /* A data abort KVM cannot decode (no ISV): an access by an instruction no MMIO
             * syndrome describes. */
            return KVM_MV_FAULT;
        }
        if (r < 0) {
            err(e, n, "KVM_RUN");
            return KVM_MV_ERROR;
        }
        struct kvm_hw_run *run = v->run;
        switch (run->exit_reason) {
        case KVM_HW_EXIT_MMIO:
            info->addr = run->mmio.phys_addr;
            info->size = run->mmio.len;
            info->is_write = run->mmio.is_write;
            for (unsigned i = 0; i < 8 && i < run->mmio.len; i++)
                info->data |= (uint64_t)run->mmio.data[i] << (8 * i);
            return KVM_MV_MMIO;
        case KVM_HW_EXIT_SYSTEM_EVENT:
            info->addr = run->system_event.type;
            return KVM_MV_SYSTEM_EVENT;
        case KVM_HW_EXIT_HYPERCALL:
            info->addr = run->hypercall.nr;
            return KVM_MV_HYPERCALL;
        case KVM_HW_EXIT_INTR:
            return KVM_MV_KICK;
        case KVM_MACHINE_EXIT_ARM_NISV: {
            /* struct { u64 esr_iss; u64 fault_ipa; } at the exit union. */
            uint64_t nisv[2];
            memcpy(nisv, &run->mmio, sizeof nisv);
            info->addr = nisv[1];
            info->is_write = (nisv[0] >> 6) & 1;
            return KVM_MV_FAULT;
        }
        default:
            snprintf(e, n, "KVM exit reason %u", run->exit_reason);
            return KVM_MV_ERROR;
        }
    }
}

void kvm_mvcpu_kick_done(struct kvm_mvcpu *v) { v->run->immediate_exit = 0; }

/* KVM completes the MMIO access of its last exit at the next KVM_RUN (the load's register,
 * pc + 4) only while kvm_run says KVM_EXIT_MMIO: a VMM that moved pc meanwhile cancels it. */
void kvm_mvcpu_mmio_cancel(struct kvm_mvcpu *v)
{
    if (v->run->exit_reason == KVM_HW_EXIT_MMIO)
        v->run->exit_reason = 0;
}

void kvm_mvcpu_mmio_data(struct kvm_mvcpu *v, uint64_t data)
{
    for (unsigned i = 0; i < 8; i++)
        v->run->mmio.data[i] = (uint8_t)(data >> (8 * i));
}
