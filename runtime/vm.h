/* The embedding API's objects (include/zarm/vm.h): a machine is a guest window (rt_mem) with
 * regions; a vCPU is an execution context with its own block caches, run by vm_run.c. */
#ifndef ZARM_RUNTIME_VM_H
#define ZARM_RUNTIME_VM_H

#include <pthread.h>

#include "hwassist/kvm.h"
#include "rt.h"
#include "zarm/vm.h"

#define VM_MAX_VCPUS 64
/* Pending invalidations a vCPU keeps before it falls back to dropping everything. */
#define VM_MAX_PENDING 8

struct zarm_machine {
    struct zarm_machine_options opt;
    enum zarm_engine engine;
    struct rt_mem mem;
    pthread_mutex_t lock; /* vcpu list, pending invalidations */
    struct kvm_machine *kvm; /* the hardware engine */
    struct zarm_vcpu *vcpu[VM_MAX_VCPUS];
    unsigned nvcpus;
    char err[256];
};

/* An access the decoder understood (vm_mmio.c): a single-register load or store of the forms
 * Arm's ESR ISV = 1 describes. */
struct vm_access {
    uint64_t addr;
    uint32_t size;   /* bytes */
    bool is_write;
    bool sign;       /* sign-extend a load ... */
    bool to64;       /* ... to 64 bits (else to 32, zero above) */
    unsigned rt, rn;
};

struct zarm_vcpu {
    struct zarm_machine *m;
    struct ir_env *env;
    struct ir_features feat;
    /* JIT blocks; the interpreter's blocks, which end before each load/store so that a host
     * fault is always at a block's first instruction (precise pc); single-instruction blocks
     * (budget ends, instruction hooks, single-stepping a watched access). */
    struct rt_cache cache, icache, step; /* JIT blocks (JIT engine only), split, single */
    struct rt_tb *cur;        /* the interpreter block being run */
    uint64_t budget, budget_end;
    volatile uint32_t kicked;
    struct zarm_hooks hooks;
    bool has_hooks;
    bool hook_stop;
    /* Completion owed by the next run: an MMIO read or a system-register access. */
    uint32_t pending;         /* 0, ZARM_EXIT_MMIO or ZARM_EXIT_SYSREG */
    struct vm_access acc;
    /* Invalidations requested by other threads, applied by the vCPU's own thread. */
    volatile uint32_t inval_n;
    uint64_t inval_addr[VM_MAX_PENDING], inval_len[VM_MAX_PENDING];
    struct zarm_exit exit;
    char err[256];
    /* The hardware engine: the vCPU, whether the CPU state is newer than its registers, and
     * the thread in KVM_RUN (for kicks). */
    struct kvm_mvcpu *kvm;
    bool regs_dirty;
    volatile bool in_run;
    pthread_t thread;
};

int vm_error(char *buf, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Decodes the load/store at pc (word) for the current registers; false if it is not one of
 * the forms an MMIO exit can describe. */
bool vm_decode_access(const struct zarm_cpu *cpu, uint32_t word, struct vm_access *a);
/* Completes an access: a load's value into Rt, pc past the instruction. */
void vm_complete_access(struct zarm_cpu *cpu, const struct vm_access *a, uint64_t data);
/* Applies the invalidations other threads asked for (under the machine lock). */
void vm_apply_invalidations(struct zarm_vcpu *v);
/* zarm_vcpu_run on the hardware engine (vm_hw.c). */
int vm_hw_run(struct zarm_vcpu *v);

#endif
