/* hwassist/: the hardware path.  Arm64 user code runs at EL0 of a virtual machine (a vCPU per
 * guest thread) the host's arm64 KVM provides (native arm64 hosts: /dev/kvm; s390x hosts with
 * IBM's series: /dev/kvm-arm64), driven directly through the KVM API.
 *
 * The guest's physical address space is the runtime's guest window (runtime/mem.c): guest
 * address x is IPA x is host base+x, so the loader and the syscalls work unchanged.  A small
 * EL1 runtime (kvm_stub.S) sits in a second memory slot above the window; it owns the stage-1
 * tables, which the host edits in guest memory (kvm_hw_map), and turns every exception from EL0
 * into one exit to the host.  The host moves registers between the vCPU and struct zarm_cpu
 * lazily: the general registers travel in the stub's frame in guest memory (no ioctl), the
 * FP/SIMD registers only when a handler needs them (kvm_hw_fp_fetch), through
 * KVM_{GET,SET}_ONE_REG on core registers -- the only registers IBM's base series exposes.
 *
 * This layer depends on the CPU state and the guest window only; runtime/hw.c ties it to the
 * runtime's syscalls, VMA list and the translator (hand-over). */
#ifndef ZARM_HWASSIST_KVM_H
#define ZARM_HWASSIST_KVM_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zarm/cpu.h"

struct kvm_hw;

struct kvm_hw_config {
    uint8_t *mem_host; /* host address of guest address 0 */
    uint64_t mem_size; /* bytes of guest window, page aligned */
    bool portable;     /* only the portable subset: no native-only extras even if they work */
    bool refuse_fp;    /* FP/SIMD instructions trap to EL1 and are handed to the translator */
};

/* Why kvm_hw_run returned.  cpu holds the guest state at that point. */
enum kvm_hw_event {
    KVM_HW_EV_SVC,        /* SVC #imm: info = imm, cpu->pc = the next instruction */
    KVM_HW_EV_BRK,        /* BRK #imm: info = imm, cpu->pc = the BRK */
    KVM_HW_EV_DATA_ABORT, /* info = the faulting address, cpu->pc = the access */
    KVM_HW_EV_ALIGN,      /* alignment fault: info = the address */
    KVM_HW_EV_INSN_ABORT, /* cpu->pc could not be fetched */
    KVM_HW_EV_HANDOVER,   /* the hardware path cannot complete the instruction at cpu->pc */
    KVM_HW_EV_INTERRUPT,  /* a host signal interrupted the guest: cpu->pc = where it stopped */
    KVM_HW_EV_ERROR,      /* the VM failed; kvm_hw_error() says why */
};

struct kvm_hw_stats {
    uint64_t exits;       /* guest exceptions that reached the host (doorbells) */
    uint64_t reg_gets;    /* KVM_GET_ONE_REG calls */
    uint64_t reg_sets;    /* KVM_SET_ONE_REG calls */
    uint64_t tlb_flushes; /* returns to EL0 that flushed the TLB after stage-1 edits */
    uint64_t interrupts;  /* KVM_RUN interrupted by a host signal */
    uint64_t ptes;        /* stage-1 page entries written */
    uint64_t last_esr;    /* ESR_EL1 of the last exception */
    const char *doorbell; /* "mmio" (portable) or "hvc" (SMCCC filter, native extra) */
};

/* Can this host run the hardware path?  0, or -1 with a one-line reason.  Cached. */
int kvm_hw_probe(const char **why_not);
/* Creates the VM over the guest window; on failure returns -1 and writes why into err. */
int kvm_hw_create(struct kvm_hw **out, const struct kvm_hw_config *cfg, char *err,
                  size_t err_size);
/* Another vCPU of the same VM (one per guest thread), sharing its memory and stage-1 tables;
 * -1 with a reason in err when no more can be made.  Not thread-safe against itself or
 * kvm_hw_destroy of another vCPU of the VM: the caller serialises. */
int kvm_hw_vcpu_create(struct kvm_hw *vm, struct kvm_hw **out, char *err, size_t err_size);
/* Frees a vCPU made by kvm_hw_vcpu_create, or the VM with the vCPU kvm_hw_create made (after
 * the others; the guest window stays the runtime's). */
void kvm_hw_destroy(struct kvm_hw *hw);
/* The next return of this vCPU to EL0 flushes the TLB (inner shareable: every vCPU). */
void kvm_hw_flush_tlb(struct kvm_hw *hw);
/* Sets the stage-1 mapping of [start, end) of the window to prot (PROT_* bits; 0 = no
 * access); the tables are the VM's, shared by its vCPUs (callers serialise).  Takes effect at
 * the next return to EL0 of a vCPU that flushes the TLB.  0 or -ENOMEM. */
int kvm_hw_map(struct kvm_hw *hw, uint64_t start, uint64_t end, int prot);
/* Runs the guest from cpu until an exception the host must handle. */
enum kvm_hw_event kvm_hw_run(struct kvm_hw *hw, struct zarm_cpu *cpu, uint64_t *info);
/* Brings the FP/SIMD registers into cpu (if they are not there already); 0 or -1. */
int kvm_hw_fp_fetch(struct kvm_hw *hw, struct zarm_cpu *cpu);
/* Makes the guest's instruction fetches see code the host wrote at [addr, addr+len). */
void kvm_hw_sync_icache(struct kvm_hw *hw, uint64_t addr, uint64_t len);
const char *kvm_hw_error(const struct kvm_hw *hw);
/* Stops the guest machine with PSCI SYSTEM_OFF; 0 once KVM reported the shutdown. */
int kvm_hw_power_off(struct kvm_hw *hw);
void kvm_hw_get_stats(const struct kvm_hw *hw, struct kvm_hw_stats *s);

/* Machine vCPUs of the embedding API (kvm_machine.c): an EL1 guest owns the VM, one memory
 * slot per RAM region, exits straight from struct kvm_run. */
struct kvm_machine;
struct kvm_mvcpu;
enum kvm_mv_exit {
    KVM_MV_MMIO,         /* info: addr, size, is_write, data (little-endian value) */
    KVM_MV_SYSTEM_EVENT, /* PSCI SYSTEM_OFF/RESET handled by KVM: info.addr = the event type */
    KVM_MV_HYPERCALL,    /* an HVC forwarded by the SMCCC filter: info.addr = x0 */
    KVM_MV_KICK,         /* KVM_RUN interrupted (kvm_mvcpu_kick and the kick signal) */
    KVM_MV_FAULT,        /* a data abort outside memory KVM cannot decode (no ISV) */
    KVM_MV_ERROR,
};
struct kvm_mv_info {
    uint64_t addr, data;
    uint32_t size;
    bool is_write;
};
/* The signal zarm_vcpu_kick sends to a vCPU thread inside KVM_RUN. */
#define KVM_MVCPU_KICK_SIGNAL (SIGRTMIN + 7)
int kvm_machine_create(struct kvm_machine **out, char *err, size_t err_size);
void kvm_machine_destroy(struct kvm_machine *m);
int kvm_machine_map(struct kvm_machine *m, uint64_t ipa, void *host, uint64_t size, bool readonly,
                    char *err, size_t err_size);
void kvm_machine_unmap(struct kvm_machine *m, uint64_t ipa, uint64_t size);
int kvm_mvcpu_create(struct kvm_machine *m, struct kvm_mvcpu **out, char *err, size_t err_size);
void kvm_mvcpu_destroy(struct kvm_mvcpu *v);
/* Moves the whole CPU state into (set) or out of the vCPU. */
int kvm_mvcpu_regs(struct kvm_mvcpu *v, struct zarm_cpu *cpu, bool set, char *err,
                   size_t err_size);
enum kvm_mv_exit kvm_mvcpu_run(struct kvm_mvcpu *v, struct kvm_mv_info *info, char *err,
                               size_t err_size);
/* The value of the MMIO read the last exit reported, for KVM to complete on the next run. */
void kvm_mvcpu_mmio_data(struct kvm_mvcpu *v, uint64_t data);
/* The MMIO access of the last exit is not to be completed (the VMM moved pc). */
void kvm_mvcpu_mmio_cancel(struct kvm_mvcpu *v);
/* Makes the next or current KVM_RUN return (with the kick signal for a running one). */
void kvm_mvcpu_kick(struct kvm_mvcpu *v);
/* A kick was taken without entering KVM_RUN: the next KVM_RUN runs. */
void kvm_mvcpu_kick_done(struct kvm_mvcpu *v);
/* Installs the kick signal's do-nothing handler; 0 or -1. */
int kvm_mvcpu_kick_signal(void);

/* The host-specific piece (host_arm64.c, host_s390x.c, host_generic.c). */
/* 0 if this host may have an arm64 KVM, else -1 with a reason. */
int kvm_host_probe(const char **why_not);
/* Device nodes to try, in order, NULL-terminated. */
extern const char *const kvm_host_devices[];
/* Cache maintenance after the host wrote guest code through its own mapping. */
void kvm_host_sync_icache(void *host_ptr, size_t len);

#endif
