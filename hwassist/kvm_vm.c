/* The arm64 KVM virtual machine of the hardware path: probe, creation (memory slots, the vCPU,
 * the EL1 stub), the run loop and its one exit-reason switch, and the lazy register moves.
 * Only the portable subset of the API (see the project notes on IBM's s390 series) is needed;
 * the one native-only extra, the SMCCC-filter doorbell, is tried, never assumed, and
 * cfg.portable turns it off. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm_priv.h"

/* SCTLR_EL1 for EL0 user code (Arm ARM D17.2.118):
 *  M C I       MMU and caches on;
 *  SA          SP alignment check at EL1 (the stub keeps SP_EL1 16-byte aligned);
 *  SA0 = 0     no SP alignment check at EL0, as qemu-user and the other engines;
 *  UCT = 0     EL0 reads of CTR_EL0 trap to EL1 and are handed over: on IBM's series an
 *              HCR_EL2.TID2 trap of the hardware register would hang the vCPU;
 *  DZE = 0     DC ZVA traps at EL0 (and DCZID_EL0.DZP reads 1, so libc does not use it);
 *  UCI = 0     EL0 cache maintenance (DC CVAU, IC IVAU...) traps to EL1 and is handed to the
 *              translator, whose IC IVAU goes through zarm_invalidate;
 *  nTWI = nTWE = 0  WFI/WFE trap: with no interrupt source a WFI on the hardware never wakes;
 *  UMA = 0     EL0 cannot touch DAIF;
 *  EnIA.. = 0  pointer authentication off: PACIASP and friends in the hint space are NOPs,
 *              as the translator treats them;
 *  E0E = 0     little-endian EL0;
 *  bits 11, 20, 22, 23, 28, 29 are RES1 in Armv8.0 (EOS, TSCXT, EIS, SPAN, nTLSMD, LSMAOE). */
#define SCTLR_EL1_USER                                                                             \
    ((1ull << 0) | (1ull << 2) | (1ull << 3) | (1ull << 12) | (1ull << 11) | (1ull << 20) |       \
     (1ull << 22) | (1ull << 23) | (1ull << 28) | (1ull << 29))
/* CPACR_EL1.FPEN = 0b11: FP/SIMD at EL0 and EL1 without traps; 0b00 makes every FP/SIMD
 * instruction trap (EC 0x07), which is how cfg.refuse_fp hands that class to the translator.
 * ZEN = 0: SVE traps and is handed over (the translator answers SIGILL, as KVM's vCPU has no
 * SVE unless asked for). */
#define CPACR_FPEN (3ull << 20)
/* TCR_EL1: T0SZ = 25, inner/outer write-back walks, inner shareable, 4 KiB granule, EPD1 (no
 * TTBR1 walks), IPS = 40 bits (a larger IPS than implemented reads as the implemented one),
 * TBI0 = 0: a tagged pointer faults, as in the other engines. */
#define TCR_EL1_USER                                                                               \
    ((64ull - KVM_VA_BITS) | (1ull << 8) | (1ull << 10) | (3ull << 12) |                          \
     ((64ull - KVM_VA_BITS) << 16) | (1ull << 23) | (2ull << 32))
/* MAIR_EL1: attribute 0 normal write-back, attribute 1 device-nGnRnE. */
#define MAIR_EL1_USER 0x00ffull

/* The doorbell's function id in the vendor-specific hypervisor range (fast call, SMC64). */
#define DOORBELL_SMCCC_FN 0xc6005a00u
#define HVC0 0xd4000002u

static int fail(struct kvm_hw *hw, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct kvm_hw *hw, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(hw->err, sizeof hw->err, fmt, ap);
    va_end(ap);
    return -1;
}

static int open_device(const char **name)
{
    for (const char *const *d = kvm_host_devices; *d; d++) {
        int fd = open(*d, O_RDWR | O_CLOEXEC);
        if (fd >= 0) {
            *name = *d;
            return fd;
        }
    }
    return -1;
}

int kvm_hw_probe(const char **why_not)
{
    static int cached = 1;
    static const char *cached_why;
    if (cached <= 0) {
        if (why_not)
            *why_not = cached_why;
        return cached;
    }
    const char *why = NULL, *dev = NULL;
    int fd = -1, vm = -1;
    struct kvm_hw_vcpu_init init;
    if (kvm_host_probe(&why) != 0)
        goto out;
    fd = open_device(&dev);
    if (fd < 0) {
        why = "cannot open an arm64 KVM device (/dev/kvm-arm64, /dev/kvm)";
        goto out;
    }
    if (ioctl(fd, KVM_HW_GET_API_VERSION, 0) != KVM_HW_API_VERSION) {
        why = "unexpected KVM API version";
        goto out;
    }
    vm = ioctl(fd, KVM_HW_CREATE_VM, 0);
    if (vm < 0) {
        why = "KVM_CREATE_VM failed";
        goto out;
    }
    /* An x86 or s390 KVM behind /dev/kvm does not know this arm64 ioctl. */
    memset(&init, 0, sizeof init);
    if (ioctl(vm, KVM_HW_ARM_PREFERRED_TARGET, &init) < 0)
        why = "the KVM device is not an arm64 KVM (no KVM_ARM_PREFERRED_TARGET)";
out:
    if (vm >= 0)
        close(vm);
    if (fd >= 0)
        close(fd);
    cached = why ? -1 : 0;
    cached_why = why;
    if (why_not)
        *why_not = why;
    return cached;
}

static int one_reg(struct kvm_hw *hw, bool set, uint64_t id, void *buf)
{
    struct kvm_hw_one_reg r = {.id = id, .addr = (uint64_t)(uintptr_t)buf};
    if (set)
        hw->st.reg_sets++;
    else
        hw->st.reg_gets++;
    return ioctl(hw->vcpu_fd, set ? KVM_HW_SET_ONE_REG : KVM_HW_GET_ONE_REG, &r);
}

static int set_reg64(struct kvm_hw *hw, uint64_t id, uint64_t v) { return one_reg(hw, true, id, &v); }

/* A V register crosses ONE_REG as a host-endian unsigned __int128 (assumed for s390 too). */
static int reg_v(struct kvm_hw *hw, bool set, unsigned n, zarm_vreg *v)
{
    unsigned __int128 q = 0;
    if (set)
        q = ((unsigned __int128)v->d[1] << 64) | v->d[0];
    int r = one_reg(hw, set, KVM_HW_REG_V(n), &q);
    if (!set && r == 0) {
        v->d[0] = (uint64_t)q;
        v->d[1] = (uint64_t)(q >> 64);
    }
    return r;
}

int kvm_hw_fp_fetch(struct kvm_hw *hw, struct zarm_cpu *cpu)
{
    if (hw->fp_valid)
        return 0;
    for (unsigned n = 0; n < 32; n++)
        if (reg_v(hw, false, n, &cpu->v[n]) != 0)
            return fail(hw, "KVM_GET_ONE_REG V%u: %s", n, strerror(errno));
    if (one_reg(hw, false, KVM_HW_REG_FPSR, &cpu->fpsr) != 0 ||
        one_reg(hw, false, KVM_HW_REG_FPCR, &cpu->fpcr) != 0)
        return fail(hw, "KVM_GET_ONE_REG FPSR/FPCR: %s", strerror(errno));
    memcpy(hw->v_shadow, cpu->v, sizeof hw->v_shadow);
    hw->fpsr_shadow = cpu->fpsr;
    hw->fpcr_shadow = cpu->fpcr;
    hw->fp_valid = true;
    return 0;
}

/* Writes back the FP/SIMD registers a handler changed, and only those. */
static int fp_push(struct kvm_hw *hw, struct zarm_cpu *cpu)
{
    for (unsigned n = 0; n < 32; n++)
        if (memcmp(&cpu->v[n], &hw->v_shadow[n], sizeof cpu->v[n]) != 0) {
            if (reg_v(hw, true, n, &cpu->v[n]) != 0)
                return fail(hw, "KVM_SET_ONE_REG V%u: %s", n, strerror(errno));
            hw->v_shadow[n] = cpu->v[n];
        }
    if (cpu->fpsr != hw->fpsr_shadow) {
        if (one_reg(hw, true, KVM_HW_REG_FPSR, &cpu->fpsr) != 0)
            return fail(hw, "KVM_SET_ONE_REG FPSR: %s", strerror(errno));
        hw->fpsr_shadow = cpu->fpsr;
    }
    if (cpu->fpcr != hw->fpcr_shadow) {
        if (one_reg(hw, true, KVM_HW_REG_FPCR, &cpu->fpcr) != 0)
            return fail(hw, "KVM_SET_ONE_REG FPCR: %s", strerror(errno));
        hw->fpcr_shadow = cpu->fpcr;
    }
    return 0;
}

/* Native-only extra: KVM's SMCCC filter (Linux 6.4) forwards our function id to userspace, so
 * the doorbell can be an HVC.  Must be set before the vCPU first runs. */
static void try_hvc_doorbell(struct kvm_hw *hw)
{
    struct kvm_hw_smccc_filter f = {.base = DOORBELL_SMCCC_FN,
                                    .nr_functions = 1,
                                    .action = KVM_HW_SMCCC_FILTER_FWD_TO_USER};
    struct kvm_hw_device_attr a = {.group = KVM_HW_ARM_VM_SMCCC_CTRL,
                                   .attr = KVM_HW_ARM_VM_SMCCC_FILTER,
                                   .addr = (uint64_t)(uintptr_t)&f};
    if (ioctl(hw->vm_fd, KVM_HW_SET_DEVICE_ATTR, &a) == 0) {
        hw->hvc_doorbell = true;
        hw->smccc_fn = DOORBELL_SMCCC_FN;
    }
}

static int add_slot(struct kvm_hw *hw, uint32_t slot, uint64_t ipa, void *host, uint64_t size)
{
    struct kvm_hw_memory_region r = {.slot = slot,
                                     .guest_phys_addr = ipa,
                                     .memory_size = size,
                                     .userspace_addr = (uint64_t)(uintptr_t)host};
    if (ioctl(hw->vm_fd, KVM_HW_SET_USER_MEMORY_REGION, &r) != 0)
        return fail(hw, "KVM_SET_USER_MEMORY_REGION slot %u (IPA 0x%llx, %llu bytes): %s", slot,
                    (unsigned long long)ipa, (unsigned long long)size, strerror(errno));
    return 0;
}

/* A vCPU's frame: the boot parameters the stub reads (the same for every vCPU). */
static void frame_init(struct kvm_hw *hw)
{
    memset(hw->rt + hw->frame, 0, KVM_FRAME_STRIDE);
    kvm_frame_st(hw, KVM_FRAME_DOORBELL, hw->hvc_doorbell ? hw->smccc_fn : hw->doorbell_ipa);
    kvm_frame_st(hw, KVM_FRAME_MAIR, MAIR_EL1_USER);
    kvm_frame_st(hw, KVM_FRAME_TCR, TCR_EL1_USER);
    kvm_frame_st(hw, KVM_FRAME_TTBR0, hw->rt_ipa + KVM_RT_L1);
    kvm_frame_st(hw, KVM_FRAME_VBAR, hw->rt_ipa + KVM_RT_CODE + kvm_stub_vectors_off);
    kvm_frame_st(hw, KVM_FRAME_SCTLR, SCTLR_EL1_USER);
    kvm_frame_st(hw, KVM_FRAME_CPACR, hw->cfg.refuse_fp ? 0 : CPACR_FPEN);
}

/* Places the stub and the stage-1 tables (once per VM). */
static int place_stub(struct kvm_hw *hw)
{
    _Static_assert(KVM_FRAME_SIZE <= KVM_FRAME_STRIDE, "frame stride");
    if (kvm_stub_size > KVM_RT_FRAME)
        return fail(hw, "the EL1 stub overlaps the frames");
    memcpy(hw->rt + KVM_RT_CODE, kvm_stub_code, kvm_stub_size);
    if (hw->hvc_doorbell) {
        uint32_t w = htole32(HVC0);
        memcpy(hw->rt + KVM_RT_CODE + kvm_stub_doorbell_off, &w, 4);
    }
    if (kvm_stage1_init(hw) != 0)
        return fail(hw, "no room for the stage-1 tables");
    return 0;
}

/* Creates, initialises and points the vCPU at the stub with its frame: the only registers the
 * host sets are where the stub starts, its frame and PSTATE. */
static int vcpu_setup(struct kvm_hw *hw)
{
    hw->vcpu_fd = ioctl(hw->vm_fd, KVM_HW_CREATE_VCPU, (unsigned long)hw->vcpu_id);
    if (hw->vcpu_fd < 0)
        return fail(hw, "KVM_CREATE_VCPU %u: %s", hw->vcpu_id, strerror(errno));
    int sz = ioctl(hw->dev_fd, KVM_HW_GET_VCPU_MMAP_SIZE, 0);
    if (sz < (int)sizeof(struct kvm_hw_run))
        return fail(hw, "KVM_GET_VCPU_MMAP_SIZE: %s", strerror(errno));
    hw->run_size = (size_t)sz;
    hw->run = mmap(NULL, hw->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, hw->vcpu_fd, 0);
    if (hw->run == MAP_FAILED) {
        hw->run = NULL;
        return fail(hw, "mmap of kvm_run: %s", strerror(errno));
    }
    /* IBM's series always answers GENERIC_V8; native KVM the host's own target. */
    struct kvm_hw_vcpu_init init;
    memset(&init, 0, sizeof init);
    if (ioctl(hw->vm_fd, KVM_HW_ARM_PREFERRED_TARGET, &init) != 0)
        return fail(hw, "KVM_ARM_PREFERRED_TARGET: %s", strerror(errno));
    init.features[0] |= 1u << KVM_HW_ARM_VCPU_PSCI_0_2;
    if (ioctl(hw->vcpu_fd, KVM_HW_ARM_VCPU_INIT, &init) != 0)
        return fail(hw, "KVM_ARM_VCPU_INIT: %s", strerror(errno));
    frame_init(hw);
    if (set_reg64(hw, KVM_HW_REG_X(0), hw->rt_ipa + hw->frame) != 0 ||
        set_reg64(hw, KVM_HW_REG_PC, hw->rt_ipa + KVM_RT_CODE + kvm_stub_boot_off) != 0 ||
        set_reg64(hw, KVM_HW_REG_PSTATE, KVM_HW_PSR_MODE_EL1h | KVM_HW_PSR_DAIF) != 0)
        return fail(hw, "KVM_SET_ONE_REG (core registers): %s", strerror(errno));
    return 0;
}

int kvm_hw_create(struct kvm_hw **out, const struct kvm_hw_config *cfg, char *err,
                  size_t err_size)
{
    *out = NULL;
    const char *why;
    if (kvm_hw_probe(&why) != 0) {
        snprintf(err, err_size, "%s", why);
        return -1;
    }
    struct kvm_hw *hw = calloc(1, sizeof *hw);
    if (!hw) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    hw->cfg = *cfg;
    hw->vm = hw;
    hw->frame = KVM_RT_FRAME;
    hw->dev_fd = hw->vm_fd = hw->vcpu_fd = -1;
    hw->fp_valid = true; /* the vCPU's reset FP state and a fresh CPU state are both zero */
    hw->st.doorbell = "mmio";
    hw->rt_ipa = (cfg->mem_size + KVM_GIB - 1) & ~(KVM_GIB - 1);
    hw->doorbell_ipa = hw->rt_ipa + KVM_GIB;
    /* Tables for the whole window in the worst case: one level-2 table per GiB, one level-3
     * table per 2 MiB. */
    uint64_t pages = (cfg->mem_size >> 30) + 2 + (cfg->mem_size >> 21) + 1;
    hw->rt_size = (KVM_RT_POOL + pages * 4096 + (2ull << 20) - 1) & ~((2ull << 20) - 1);
    const char *dev = NULL;

    if (hw->doorbell_ipa + KVM_GIB > (1ull << KVM_VA_BITS)) {
        fail(hw, "a %llu-byte guest window is too large for the hardware path",
             (unsigned long long)cfg->mem_size);
        goto bad;
    }
    hw->dev_fd = open_device(&dev);
    if (hw->dev_fd < 0) {
        fail(hw, "cannot open the KVM device: %s", strerror(errno));
        goto bad;
    }
    /* Type 0: the default 40-bit IPA space, which holds the window, the stub and the doorbell. */
    hw->vm_fd = ioctl(hw->dev_fd, KVM_HW_CREATE_VM, 0);
    if (hw->vm_fd < 0) {
        fail(hw, "KVM_CREATE_VM: %s", strerror(errno));
        goto bad;
    }
    if (!cfg->portable)
        try_hvc_doorbell(hw);
    if (hw->hvc_doorbell)
        hw->st.doorbell = "hvc";
    hw->rt = mmap(NULL, hw->rt_size, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (hw->rt == MAP_FAILED) {
        hw->rt = NULL;
        fail(hw, "cannot allocate the runtime region: %s", strerror(errno));
        goto bad;
    }
    if (add_slot(hw, 0, 0, cfg->mem_host, cfg->mem_size) != 0 ||
        add_slot(hw, 1, hw->rt_ipa, hw->rt, hw->rt_size) != 0)
        goto bad;
    if (place_stub(hw) != 0)
        goto bad;
    hw->frames_used = 1;
    hw->next_id = 1;
    if (vcpu_setup(hw) != 0)
        goto bad;
    *out = hw;
    return 0;
bad:
    snprintf(err, err_size, "%s", hw->err);
    kvm_hw_destroy(hw);
    return -1;
}

/* Runs the vCPU until the stub rings the doorbell (0), or a host signal interrupted KVM_RUN
 * (1); -1 (with hw->err) on anything else. */
static int run_to_doorbell(struct kvm_hw *hw)
{
    for (;;) {
        if (ioctl(hw->vcpu_fd, KVM_HW_RUN, 0) != 0) {
            if (errno == EINTR)
                return 1;
            if (errno == EAGAIN)
                continue;
            return fail(hw, "KVM_RUN: %s", strerror(errno));
        }
        struct kvm_hw_run *run = hw->run;
        switch (run->exit_reason) {
        case KVM_HW_EXIT_MMIO:
            if (!run->mmio.is_write && run->mmio.phys_addr == hw->doorbell_ipa) {
                /* The load's value is unused: the stub reads its command from the frame. */
                memset(run->mmio.data, 0, sizeof run->mmio.data);
                return 0;
            }
            return fail(hw, "unexpected MMIO %s at IPA 0x%llx", run->mmio.is_write ? "write" : "read",
                        (unsigned long long)run->mmio.phys_addr);
        case KVM_HW_EXIT_HYPERCALL:
            if (hw->hvc_doorbell && run->hypercall.nr == hw->smccc_fn)
                return 0;
            return fail(hw, "unexpected hypercall 0x%llx", (unsigned long long)run->hypercall.nr);
        case KVM_HW_EXIT_SYSTEM_EVENT:
            hw->powered_off = true;
            return fail(hw, "the guest machine stopped (system event %u)", run->system_event.type);
        case KVM_HW_EXIT_INTR:
            return 1;
        default:
            return fail(hw, "KVM exit reason %u", run->exit_reason);
        }
    }
}

/* The general registers travel in the frame; PSTATE keeps NZCV from the CPU state and the
 * rest from the last exception, always returning to EL0t with interrupts masked (there are
 * none) and BTYPE clear. */
static void frame_put(struct kvm_hw *hw, const struct zarm_cpu *cpu)
{
    for (unsigned i = 0; i < 31; i++)
        kvm_frame_st(hw, KVM_FRAME_X0 + 8 * i, cpu->x[i]);
    kvm_frame_st(hw, KVM_FRAME_SP, cpu->sp);
    kvm_frame_st(hw, KVM_FRAME_ELR, cpu->pc);
    uint64_t spsr = hw->spsr_rest & ~(uint64_t)(ZARM_PSTATE_NZCV_MASK | KVM_HW_PSR_MODE_MASK |
                                                 KVM_HW_PSR_DAIF | (3u << 10));
    spsr |= (cpu->pstate & ZARM_PSTATE_NZCV_MASK) | KVM_HW_PSR_MODE_EL0t | KVM_HW_PSR_DAIF;
    kvm_frame_st(hw, KVM_FRAME_SPSR, spsr);
    kvm_frame_st(hw, KVM_FRAME_TPIDR, cpu->tpidr_el0);
}

static void frame_get(struct kvm_hw *hw, struct zarm_cpu *cpu)
{
    for (unsigned i = 0; i < 31; i++)
        cpu->x[i] = kvm_frame_ld(hw, KVM_FRAME_X0 + 8 * i);
    cpu->sp = kvm_frame_ld(hw, KVM_FRAME_SP);
    cpu->pc = kvm_frame_ld(hw, KVM_FRAME_ELR);
    hw->spsr_rest = kvm_frame_ld(hw, KVM_FRAME_SPSR);
    cpu->pstate = (cpu->pstate & ~(uint64_t)ZARM_PSTATE_NZCV_MASK) |
                  (hw->spsr_rest & ZARM_PSTATE_NZCV_MASK);
    cpu->tpidr_el0 = kvm_frame_ld(hw, KVM_FRAME_TPIDR);
}

/* What an exception from EL0 means for the runtime, from ESR_EL1 (Arm ARM D17.2.40).  What the
 * hardware path cannot complete itself is handed to the translator: UNDEF (EC 0x00), WFI/WFE
 * (0x01), trapped FP/SIMD (0x07), trapped MRS/MSR/SYS -- CTR_EL0, ID registers, DC ZVA, cache
 * maintenance, the counters (0x18) --, SVE (0x19), PC alignment (0x22) and the rest. */
static enum kvm_hw_event classify(struct kvm_hw *hw, uint64_t *info)
{
    uint64_t vector = kvm_frame_ld(hw, KVM_FRAME_VECTOR);
    uint64_t esr = kvm_frame_ld(hw, KVM_FRAME_ESR);
    uint64_t far = kvm_frame_ld(hw, KVM_FRAME_FAR);
    hw->st.last_esr = esr;
    if (vector != KVM_VECTOR_EL0_SYNC) {
        fail(hw, "unexpected exception vector %llu (ESR_EL1 0x%llx, ELR_EL1 0x%llx)",
             (unsigned long long)vector, (unsigned long long)esr,
             (unsigned long long)kvm_frame_ld(hw, KVM_FRAME_ELR));
        return KVM_HW_EV_ERROR;
    }
    uint32_t ec = (uint32_t)(esr >> 26) & 0x3f;
    uint32_t iss = (uint32_t)esr & 0x1ffffff;
    switch (ec) {
    case 0x15: /* SVC from AArch64 */
        *info = iss & 0xffff;
        return KVM_HW_EV_SVC;
    case 0x3c: /* BRK */
        *info = iss & 0xffff;
        return KVM_HW_EV_BRK;
    case 0x24: /* data abort from a lower EL */
        *info = far;
        return (iss & 0x3f) == 0x21 ? KVM_HW_EV_ALIGN : KVM_HW_EV_DATA_ABORT;
    case 0x20: /* instruction abort from a lower EL */
        *info = far;
        return KVM_HW_EV_INSN_ABORT;
    default:
        *info = esr;
        return KVM_HW_EV_HANDOVER;
    }
}

/* KVM_RUN was interrupted.  In guest code (EL0) the general registers are in the vCPU: they
 * come into cpu through ONE_REG (core registers, which IBM's series offers too) and the next
 * kvm_hw_run returns through the stub (2).  In the stub (EL1) the vCPU just runs on (0). */
static int interrupted_el0(struct kvm_hw *hw, struct zarm_cpu *cpu)
{
    uint64_t pstate;
    if (one_reg(hw, false, KVM_HW_REG_PSTATE, &pstate) != 0)
        return fail(hw, "KVM_GET_ONE_REG PSTATE: %s", strerror(errno));
    if ((pstate & KVM_HW_PSR_MODE_MASK) != KVM_HW_PSR_MODE_EL0t)
        return 0;
    for (unsigned i = 0; i < 31; i++)
        if (one_reg(hw, false, KVM_HW_REG_X(i), &cpu->x[i]) != 0)
            return fail(hw, "KVM_GET_ONE_REG X%u: %s", i, strerror(errno));
    if (one_reg(hw, false, KVM_HW_REG_SP, &cpu->sp) != 0 ||
        one_reg(hw, false, KVM_HW_REG_PC, &cpu->pc) != 0)
        return fail(hw, "KVM_GET_ONE_REG SP/PC: %s", strerror(errno));
    hw->spsr_rest = pstate;
    cpu->pstate = (cpu->pstate & ~(uint64_t)ZARM_PSTATE_NZCV_MASK) |
                  (pstate & ZARM_PSTATE_NZCV_MASK);
    /* TPIDR_EL0 is a system register (no ONE_REG on IBM's series): cpu keeps the value of the
     * last exception, and the vCPU the live one, which the stub saves at the next exception. */
    hw->at_el0 = true;
    if (!hw->cfg.refuse_fp)
        hw->fp_valid = false;
    return 2;
}

/* Back to guest code after an interruption: the vCPU enters the stub where it continues after
 * a doorbell (the command, then the frame's registers and ERET). */
static int resume_el0(struct kvm_hw *hw)
{
    hw->at_el0 = false;
    if (set_reg64(hw, KVM_HW_REG_SP_EL1, hw->rt_ipa + hw->frame) != 0 ||
        set_reg64(hw, KVM_HW_REG_PSTATE, KVM_HW_PSR_MODE_EL1h | KVM_HW_PSR_DAIF) != 0 ||
        set_reg64(hw, KVM_HW_REG_PC, hw->rt_ipa + KVM_RT_CODE + kvm_stub_doorbell_off + 4) != 0)
        return fail(hw, "KVM_SET_ONE_REG (resume): %s", strerror(errno));
    return 0;
}

enum kvm_hw_event kvm_hw_run(struct kvm_hw *hw, struct zarm_cpu *cpu, uint64_t *info)
{
    if (hw->powered_off) {
        fail(hw, "the guest machine is off");
        return KVM_HW_EV_ERROR;
    }
    /* With FP/SIMD refused, the hardware never sees those registers: the CPU state keeps them. */
    if (!hw->cfg.refuse_fp && hw->fp_valid && fp_push(hw, cpu) != 0)
        return KVM_HW_EV_ERROR;
    frame_put(hw, cpu);
    kvm_frame_st(hw, KVM_FRAME_CMD, hw->cmd);
    if (hw->cmd & KVM_CMD_TLBI)
        hw->st.tlb_flushes++;
    hw->cmd = 0;
    if (hw->at_el0 && resume_el0(hw) != 0)
        return KVM_HW_EV_ERROR;
    int r;
    while ((r = run_to_doorbell(hw)) == 1) {
        /* A host signal (a kick from another thread, a signal for the guest): the runtime
         * gets the vCPU back now if it is in guest code; in the stub it soon rings anyway. */
        hw->st.interrupts++;
        r = interrupted_el0(hw, cpu);
        if (r != 0)
            break;
    }
    if (r == 2)
        return KVM_HW_EV_INTERRUPT;
    if (r != 0)
        return KVM_HW_EV_ERROR;
    hw->st.exits++;
    if (!hw->cfg.refuse_fp)
        hw->fp_valid = false;
    frame_get(hw, cpu);
    return classify(hw, info);
}

void kvm_hw_sync_icache(struct kvm_hw *hw, uint64_t addr, uint64_t len)
{
    if (addr < hw->cfg.mem_size && len <= hw->cfg.mem_size - addr)
        kvm_host_sync_icache(hw->cfg.mem_host + addr, len);
}

const char *kvm_hw_error(const struct kvm_hw *hw) { return hw->err; }

void kvm_hw_get_stats(const struct kvm_hw *hw, struct kvm_hw_stats *s) { *s = hw->st; }

void kvm_hw_flush_tlb(struct kvm_hw *hw) { hw->cmd |= KVM_CMD_TLBI; }

int kvm_hw_vcpu_create(struct kvm_hw *vm, struct kvm_hw **out, char *err, size_t err_size)
{
    *out = NULL;
    vm = vm->vm;
    unsigned slot = 0;
    while (slot < KVM_MAX_VCPUS && (vm->frames_used >> slot & 1))
        slot++;
    if (slot == KVM_MAX_VCPUS || vm->next_id >= KVM_MAX_VCPU_IDS) {
        snprintf(err, err_size, "no more vCPUs (%u at once, %u in all)", KVM_MAX_VCPUS,
                 KVM_MAX_VCPU_IDS);
        return -1;
    }
    struct kvm_hw *hw = calloc(1, sizeof *hw);
    if (!hw) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    hw->cfg = vm->cfg;
    hw->vm = vm;
    hw->frame = KVM_RT_FRAME + slot * KVM_FRAME_STRIDE;
    hw->vcpu_id = vm->next_id;
    hw->dev_fd = vm->dev_fd;
    hw->vm_fd = vm->vm_fd;
    hw->vcpu_fd = -1;
    hw->rt = vm->rt;
    hw->rt_ipa = vm->rt_ipa;
    hw->rt_size = vm->rt_size;
    hw->doorbell_ipa = vm->doorbell_ipa;
    hw->smccc_fn = vm->smccc_fn;
    hw->hvc_doorbell = vm->hvc_doorbell;
    hw->fp_valid = true;
    hw->st.doorbell = vm->st.doorbell;
    if (vcpu_setup(hw) != 0) {
        snprintf(err, err_size, "%s", hw->err);
        kvm_hw_destroy(hw);
        return -1;
    }
    vm->next_id++;
    vm->frames_used |= 1ull << slot;
    *out = hw;
    return 0;
}

/* Leaves as a guest should: the stub's PSCI SYSTEM_OFF, answered by KVM_EXIT_SYSTEM_EVENT.
 * Possible only while the vCPU waits at the doorbell (after at least one exit). */
int kvm_hw_power_off(struct kvm_hw *hw)
{
    if (hw->powered_off || !hw->st.exits)
        return fail(hw, "the guest machine is not waiting at the doorbell");
    kvm_frame_st(hw, KVM_FRAME_CMD, KVM_CMD_OFF);
    if (hw->at_el0 && resume_el0(hw) != 0)
        return -1;
    while (run_to_doorbell(hw) == 1)
        ;
    if (hw->powered_off && hw->run->system_event.type == KVM_HW_SYSTEM_EVENT_SHUTDOWN)
        return 0;
    return -1;
}

void kvm_hw_destroy(struct kvm_hw *hw)
{
    if (!hw)
        return;
    if (hw->run)
        munmap(hw->run, hw->run_size);
    if (hw->vcpu_fd >= 0)
        close(hw->vcpu_fd);
    if (hw->vm != hw) {
        /* Another vCPU of the VM: its frame is free again (KVM keeps the vCPU itself). */
        if (hw->vm)
            hw->vm->frames_used &= ~(1ull << ((hw->frame - KVM_RT_FRAME) / KVM_FRAME_STRIDE));
        free(hw);
        return;
    }
    if (hw->vm_fd >= 0)
        close(hw->vm_fd);
    if (hw->dev_fd >= 0)
        close(hw->dev_fd);
    if (hw->rt)
        munmap(hw->rt, hw->rt_size);
    free(hw);
}
