/* The few arm64 KVM userspace definitions hwassist uses, in the project's own copy: an s390x
 * build of zarm must drive IBM's arm64 KVM (/dev/kvm-arm64) and its <linux/kvm.h> describes
 * s390's own KVM, not arm64's.  Values from the Linux UAPI (include/uapi/linux/kvm.h,
 * arch/arm64/include/uapi/asm/kvm.h); the ioctl encodings use the generic _IO/_IOR/_IOW
 * layout that arm64 and s390 share.
 *
 * Assumed about IBM's series (v1-v4, see the project notes): the same ioctl numbers, structure
 * layouts and register ids as native arm64, carried under arch/s390/include/uapi/arch/arm64/.
 * If a later version renumbers anything, this file is the one place to change. */
#ifndef ZARM_HWASSIST_KVM_UAPI_H
#define ZARM_HWASSIST_KVM_UAPI_H

#include <linux/ioctl.h>
#include <stddef.h>
#include <stdint.h>

#include "zarm/cpu.h"

#define KVMIO 0xAE

struct kvm_hw_memory_region {
    uint32_t slot;
    uint32_t flags;
    uint64_t guest_phys_addr;
    uint64_t memory_size;
    uint64_t userspace_addr;
};

struct kvm_hw_one_reg {
    uint64_t id;
    uint64_t addr;
};

struct kvm_hw_vcpu_init {
    uint32_t target;
    uint32_t features[7];
};

struct kvm_hw_device_attr {
    uint32_t flags;
    uint32_t group;
    uint64_t attr;
    uint64_t addr;
};

/* arm64 KVM_ARM_VM_SMCCC_CTRL / KVM_ARM_VM_SMCCC_FILTER (Linux 6.4). */
struct kvm_hw_smccc_filter {
    uint32_t base;
    uint32_t nr_functions;
    uint8_t action;
    uint8_t pad[15];
};

#define KVM_HW_GET_API_VERSION _IO(KVMIO, 0x00)
#define KVM_HW_CREATE_VM _IO(KVMIO, 0x01)
#define KVM_HW_GET_VCPU_MMAP_SIZE _IO(KVMIO, 0x04)
#define KVM_HW_CREATE_VCPU _IO(KVMIO, 0x41)
#define KVM_HW_SET_USER_MEMORY_REGION _IOW(KVMIO, 0x46, struct kvm_hw_memory_region)
#define KVM_HW_RUN _IO(KVMIO, 0x80)
#define KVM_HW_GET_ONE_REG _IOW(KVMIO, 0xab, struct kvm_hw_one_reg)
#define KVM_HW_SET_ONE_REG _IOW(KVMIO, 0xac, struct kvm_hw_one_reg)
#define KVM_HW_ARM_VCPU_INIT _IOW(KVMIO, 0xae, struct kvm_hw_vcpu_init)
#define KVM_HW_ARM_PREFERRED_TARGET _IOR(KVMIO, 0xaf, struct kvm_hw_vcpu_init)
#define KVM_HW_SET_DEVICE_ATTR _IOW(KVMIO, 0xe1, struct kvm_hw_device_attr)

#define KVM_HW_API_VERSION 12
#define KVM_HW_ARM_VCPU_PSCI_0_2 2 /* feature bit */
#define KVM_HW_ARM_VM_SMCCC_CTRL 0
#define KVM_HW_ARM_VM_SMCCC_FILTER 0
#define KVM_HW_SMCCC_FILTER_FWD_TO_USER 2

/* struct kvm_run: the head and the exit records hwassist reads. */
#define KVM_HW_EXIT_HYPERCALL 3
#define KVM_HW_EXIT_MMIO 6
#define KVM_HW_EXIT_FAIL_ENTRY 9
#define KVM_HW_EXIT_INTR 10
#define KVM_HW_EXIT_INTERNAL_ERROR 17
#define KVM_HW_EXIT_SYSTEM_EVENT 24
#define KVM_HW_SYSTEM_EVENT_SHUTDOWN 1

struct kvm_hw_run {
    uint8_t request_interrupt_window;
    uint8_t immediate_exit;
    uint8_t padding1[6];
    uint32_t exit_reason;
    uint8_t ready_for_interrupt_injection;
    uint8_t if_flag;
    uint16_t flags;
    uint64_t cr8;
    uint64_t apic_base;
    union {
        struct {
            uint64_t phys_addr;
            uint8_t data[8]; /* guest byte order */
            uint32_t len;
            uint8_t is_write;
        } mmio;
        struct {
            uint64_t nr; /* the SMCCC function id (x0) */
            uint64_t args[6];
            uint64_t ret;
            uint64_t flags;
        } hypercall;
        struct {
            uint32_t type;
            uint32_t ndata;
            uint64_t data[16];
        } system_event;
        char padding[256];
    };
};
_Static_assert(offsetof(struct kvm_hw_run, mmio) == 32, "kvm_run exit union");

/* Register ids for KVM_{GET,SET}_ONE_REG: core registers are numbered by their offset in
 * struct kvm_regs in 32-bit units, and struct zarm_cpu mirrors struct kvm_regs. */
#define KVM_HW_REG_ARM64 0x6000000000000000ull
#define KVM_HW_REG_SIZE_U32 0x0020000000000000ull
#define KVM_HW_REG_SIZE_U64 0x0030000000000000ull
#define KVM_HW_REG_SIZE_U128 0x0040000000000000ull
#define KVM_HW_REG_ARM_CORE 0x0010ull << 16
#define KVM_HW_CORE_REG(size, field)                                                               \
    (KVM_HW_REG_ARM64 | (size) | (KVM_HW_REG_ARM_CORE) | (offsetof(struct zarm_cpu, field) / 4))
#define KVM_HW_REG_X(n) KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, x[n])
#define KVM_HW_REG_SP KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, sp)
#define KVM_HW_REG_SP_EL1 KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, sp_el1)
#define KVM_HW_REG_PC KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, pc)
#define KVM_HW_REG_PSTATE KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U64, pstate)
#define KVM_HW_REG_V(n) KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U128, v[n])
#define KVM_HW_REG_FPSR KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U32, fpsr)
#define KVM_HW_REG_FPCR KVM_HW_CORE_REG(KVM_HW_REG_SIZE_U32, fpcr)

/* PSTATE/SPSR fields. */
#define KVM_HW_PSR_MODE_EL0t 0x0u
#define KVM_HW_PSR_MODE_EL1h 0x5u
#define KVM_HW_PSR_MODE_MASK 0x1fu
#define KVM_HW_PSR_DAIF (0xfu << 6)

#endif
