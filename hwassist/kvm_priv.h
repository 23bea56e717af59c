/* hwassist's internals shared by kvm_vm.c (the VM and the run loop) and kvm_stage1.c (the
 * EL1&0 translation tables). */
#ifndef ZARM_HWASSIST_KVM_PRIV_H
#define ZARM_HWASSIST_KVM_PRIV_H

#include <endian.h>
#include <string.h>

#include "kvm.h"
#include "kvm_stub.h"
#include "kvm_uapi.h"

/* The runtime region (memory slot 1), at IPA == VA rt_ipa, 1 GiB aligned above the window:
 * the stub's code, its frame, the stage-1 level-1 table, then a pool of table pages.  Only its
 * first 2 MiB is mapped at stage 1 (EL1 only); the table walker reads the rest by IPA. */
#define KVM_RT_CODE 0x0000u
#define KVM_RT_FRAME 0x2000u  /* one frame per vCPU, KVM_FRAME_STRIDE bytes apart */
#define KVM_FRAME_STRIDE 512u
#define KVM_MAX_VCPUS 64u     /* frames; vCPU ids are never reused (KVM keeps closed vCPUs) */
#define KVM_MAX_VCPU_IDS 512u
#define KVM_RT_L1 (KVM_RT_FRAME + KVM_MAX_VCPUS * KVM_FRAME_STRIDE)
#define KVM_RT_POOL (KVM_RT_L1 + 0x1000u)
#define KVM_GIB (1ull << 30)
/* 4 KiB granule, T0SZ = 25: a 39-bit VA space walked from level 1. */
#define KVM_VA_BITS 39

/* One vCPU of the VM.  The first one created (kvm_hw_create) also owns the VM: the device and
 * VM descriptors, the runtime region and its stage-1 tables; the others (kvm_hw_vcpu_create)
 * share them through vm and have a frame of their own. */
struct kvm_hw {
    struct kvm_hw_config cfg;
    struct kvm_hw *vm;    /* the vCPU that owns the VM (itself for the first) */
    uint32_t frame;       /* offset of this vCPU's frame in the runtime region */
    uint32_t vcpu_id;
    uint64_t frames_used; /* owner only: bit i = frame i taken */
    uint32_t next_id;     /* owner only: the next vCPU id */
    bool at_el0;          /* interrupted in guest code: the registers are in cpu, not the frame */
    int dev_fd, vm_fd, vcpu_fd;
    struct kvm_hw_run *run;
    size_t run_size;
    uint8_t *rt;          /* host address of the runtime region */
    uint64_t rt_ipa, rt_size;
    uint64_t pool_next;   /* offset of the next free table page */
    uint64_t doorbell_ipa;
    uint32_t smccc_fn;    /* the doorbell's SMCCC function id when hvc_doorbell */
    bool hvc_doorbell;
    uint32_t cmd;         /* KVM_CMD_* for the next return to EL0 */
    uint64_t spsr_rest;   /* the SPSR bits the CPU state does not carry */
    bool powered_off;
    /* FP/SIMD: valid when cpu holds the vCPU's values; the shadow is what the vCPU has. */
    bool fp_valid;
    zarm_vreg v_shadow[32];
    uint32_t fpsr_shadow, fpcr_shadow;
    struct kvm_hw_stats st;
    char err[256];
};

static inline uint64_t *kvm_rt_ptr(struct kvm_hw *hw, uint64_t ipa)
{
    return (uint64_t *)(hw->rt + (ipa - hw->rt_ipa));
}
static inline uint64_t kvm_frame_ld(const struct kvm_hw *hw, unsigned off)
{
    uint64_t v;
    memcpy(&v, hw->rt + hw->frame + off, 8);
    return le64toh(v);
}
static inline void kvm_frame_st(struct kvm_hw *hw, unsigned off, uint64_t v)
{
    v = htole64(v);
    memcpy(hw->rt + hw->frame + off, &v, 8);
}

/* Builds the level-1 table with the runtime and doorbell mappings (kvm_stage1.c). */
int kvm_stage1_init(struct kvm_hw *hw);

#endif
