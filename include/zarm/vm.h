/* zarm embedding API: a machine (guest memory) and its vCPUs, run until an exit, the way a VMM
 * drives KVM.  The same guest code and memory give the same exits and register state on every
 * engine (the interpreter, the s390x JIT, the hardware path through arm64 KVM).
 *
 * A minimal VMM:
 *
 *     struct zarm_machine_options o;
 *     zarm_machine_options_init(&o);
 *     struct zarm_machine *m;
 *     if (zarm_machine_create(&o, &m) != ZARM_OK) -> zarm_machine_error(m), destroy
 *     void *ram;
 *     zarm_machine_map_ram(m, 0x40000000, 1 << 20, ZARM_MEM_RWX, &ram);  (copy the guest in)
 *     struct zarm_vcpu *cpu;
 *     zarm_vcpu_create(m, &cpu);
 *     zarm_vcpu_set_reg(cpu, ZARM_REG_ID_PC, &entry);
 *     for (;;) {
 *         const struct zarm_exit *e;
 *         zarm_vcpu_run(cpu, &e);
 *         switch (e->reason) { case ZARM_EXIT_MMIO: ... }
 *     }
 *
 * Conventions.  Functions return ZARM_OK (0) or a negative ZARM_E_* code (zarm/zarm.h); the
 * message for the last failure is zarm_machine_error() or zarm_vcpu_error().  The library
 * never prints and never exits.  There is no global state: everything hangs off the machine.
 * One host thread runs a vCPU at a time; different vCPUs may run on different threads at once.
 * zarm_vcpu_kick and zarm_machine_invalidate may be called from any thread.
 *
 * Host signals: running a vCPU installs a SIGSEGV/SIGBUS handler (once per process; a handler
 * that was there before is called for faults that are not zarm's).  A guest access to a page
 * no region maps arrives there and becomes an MMIO exit. */
#ifndef ZARM_VM_H
#define ZARM_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zarm/cpu.h"
#include "zarm/zarm.h"

#ifdef __cplusplus
extern "C" {
#endif

struct zarm_machine;
struct zarm_vcpu;

/* Exceptions a vCPU takes to its own vectors (VBAR_EL1) that a VMM may want to see instead
 * (zarm_machine_options.trap): a debugger's BRK, a test's SVC or UDF. */
enum {
    ZARM_TRAP_SVC = 1,
    ZARM_TRAP_BRK = 2,
    ZARM_TRAP_UDF = 4,
};

struct zarm_machine_options {
    enum zarm_engine engine;  /* auto (the fastest the host offers), interp, jit or hw */
    uint64_t guest_mem_size;  /* guest physical address space in bytes (all regions lie below
                               * it); 0 = 4 GiB */
    /* ZARM_TRAP_* bits: these exceptions exit (ZARM_EXIT_SVC/BRK/UDF) instead of being taken
     * to VBAR_EL1 as the architecture (and KVM) does.  0 = architectural. */
    unsigned trap;
};

/* Fills o with the defaults (engine auto, 4 GiB). */
void zarm_machine_options_init(struct zarm_machine_options *o);
/* Creates a machine with no memory and no vCPU.  On failure *out is still set (read the
 * reason with zarm_machine_error, then destroy it) unless memory ran out (*out = NULL). */
int zarm_machine_create(const struct zarm_machine_options *o, struct zarm_machine **out);
/* Destroys the machine, its vCPUs and the memory zarm allocated.  No vCPU may be running. */
void zarm_machine_destroy(struct zarm_machine *m);
/* The message for the machine's last failure ("" if none). */
const char *zarm_machine_error(const struct zarm_machine *m);
/* The engine the machine's vCPUs run on (auto resolved). */
enum zarm_engine zarm_machine_engine(const struct zarm_machine *m);

/* Guest access rights of a memory region. */
enum {
    ZARM_MEM_R = 1,
    ZARM_MEM_W = 2,
    ZARM_MEM_X = 4,
    ZARM_MEM_RWX = 7,
};

/* Regions are added and removed while no vCPU of the machine runs.
 *
 * Gives the guest zeroed RAM at [guest_addr, guest_addr + size) (both multiples of 4096,
 * inside guest_mem_size, not overlapping another region).  *host_ptr (if host_ptr is not
 * NULL) is where the VMM reads and writes the same bytes; it stays valid until the region is
 * unmapped or the machine destroyed. */
int zarm_machine_map_ram(struct zarm_machine *m, uint64_t guest_addr, uint64_t size, int prot,
                         void **host_ptr);
/* Maps size bytes of a file or memfd the VMM owns, from offset fd_offset, at guest_addr
 * (MAP_SHARED: the VMM's own mapping of the fd sees the guest's stores and the guest sees the
 * VMM's).  The VMM keeps the fd; zarm does not close it. */
int zarm_machine_map_fd(struct zarm_machine *m, uint64_t guest_addr, uint64_t size, int prot,
                        int fd, uint64_t fd_offset);
/* Removes the regions in [guest_addr, guest_addr + size): the range becomes an MMIO hole. */
int zarm_machine_unmap(struct zarm_machine *m, uint64_t guest_addr, uint64_t size);

/* Forgets every translation of guest code in [addr, addr + len): call it after the VMM
 * rewrites guest code (the guest's own IC IVAU does the same).  The one invalidation path.
 * Takes effect before each vCPU's next instruction fetch from the dispatcher; a vCPU running
 * translated code at that moment sees it at its next return to the dispatcher (kick it to
 * force one). */
void zarm_machine_invalidate(struct zarm_machine *m, uint64_t addr, uint64_t len);

/* Creates a vCPU: registers zero, PC 0, PSTATE = EL1h with DAIF masked (0x3c5), the state of
 * an Arm core leaving reset.  Run it from one thread at a time.
 *
 * What the vCPU does itself, as an Arm core with the MMU off under KVM does: SVC, BRK, UDF
 * (unless trapped, see zarm_machine_options.trap), alignment faults, and at EL0 HVC, SMC and
 * unmodelled system registers are taken to VBAR_EL1; ERET returns; the EL1 system registers
 * a bare-metal guest commonly uses (VBAR, SCTLR, ESR, FAR, ELR, SPSR, SP_EL0/SP_EL1, TPIDR,
 * CPACR, CurrentEL, DAIF...) are modelled.  Everything else exits to the VMM. */
int zarm_vcpu_create(struct zarm_machine *m, struct zarm_vcpu **out);
/* Frees a vCPU that is not running (zarm_machine_destroy frees the rest). */
void zarm_vcpu_destroy(struct zarm_vcpu *v);
const char *zarm_vcpu_error(const struct zarm_vcpu *v);

/* The whole register state, as the one CPU state struct (zarm/cpu.h: `sp` is the current
 * stack pointer, the other bank in sp_el0 or sp_el1). */
int zarm_vcpu_get_regs(struct zarm_vcpu *v, struct zarm_cpu *out);
int zarm_vcpu_set_regs(struct zarm_vcpu *v, const struct zarm_cpu *in);

/* Register ids for zarm_vcpu_get_reg/set_reg.  A V register is two words (val[0] = bits
 * 63:0, val[1] = bits 127:64); every other register is one word.  SP and SP_EL1 are the two
 * banked stack pointers whatever the mode (KVM's view); setting PSTATE keeps both. */
enum zarm_reg_id {
    ZARM_REG_ID_X0 = 0, /* X0..X30 are 0..30 */
    ZARM_REG_ID_SP = 31, /* SP_EL0 */
    ZARM_REG_ID_PC = 32,
    ZARM_REG_ID_PSTATE = 33,
    ZARM_REG_ID_SP_EL1 = 34,
    ZARM_REG_ID_ELR_EL1 = 35,
    ZARM_REG_ID_SPSR_EL1 = 36,
    ZARM_REG_ID_FPSR = 37,
    ZARM_REG_ID_FPCR = 38,
    ZARM_REG_ID_TPIDR_EL0 = 39,
    ZARM_REG_ID_TPIDRRO_EL0 = 40,
    ZARM_REG_ID_VBAR_EL1 = 41,
    ZARM_REG_ID_SCTLR_EL1 = 42,
    ZARM_REG_ID_ESR_EL1 = 43,
    ZARM_REG_ID_FAR_EL1 = 44,
    ZARM_REG_ID_TPIDR_EL1 = 45,
    ZARM_REG_ID_CPACR_EL1 = 46,
    ZARM_REG_ID_TCR_EL1 = 47,
    ZARM_REG_ID_TTBR0_EL1 = 48,
    ZARM_REG_ID_TTBR1_EL1 = 49,
    ZARM_REG_ID_MAIR_EL1 = 50,
    ZARM_REG_ID_V0 = 64, /* V0..V31 are 64..95 */
};
int zarm_vcpu_get_reg(struct zarm_vcpu *v, unsigned id, uint64_t *val);
int zarm_vcpu_set_reg(struct zarm_vcpu *v, unsigned id, const uint64_t *val);

/* Why zarm_vcpu_run returned. */
enum zarm_exit_reason {
    /* A load or store to an address no region maps, by an instruction Arm's syndrome
     * describes (single register, no writeback: LDR/STR and their byte, halfword and signed
     * forms, LDUR/STUR, LDAR/STLR).  pc = the instruction.  For a write, data holds the stored
     * value (its low `size` bytes); for a read the VMM puts the value in data before the next
     * run, which completes the load (zero- or sign-extended into the register) and moves pc
     * past it -- as KVM_EXIT_MMIO.  Setting pc before that run cancels the completion. */
    ZARM_EXIT_MMIO = 1,
    /* SVC, BRK and UDF exit only when trapped (zarm_machine_options.trap); HVC and SMC at EL1
     * and HLT always exit. */
    ZARM_EXIT_SVC, /* exc.imm; pc = the next instruction (the return address) */
    ZARM_EXIT_HVC, /* exc.imm; pc = the next instruction */
    ZARM_EXIT_SMC, /* exc.imm; pc = the next instruction */
    ZARM_EXIT_BRK, /* exc.imm; pc = the BRK */
    ZARM_EXIT_HLT, /* exc.imm; pc = the HLT */
    ZARM_EXIT_UDF, /* undefined or unimplemented instruction: udf.insn; pc = it */
    ZARM_EXIT_WFI, /* WFI (wfi.is_wfe = 0) or WFE (1); pc = the next instruction */
    ZARM_EXIT_BUDGET, /* the instruction budget of zarm_vcpu_set_budget ran out; pc = next */
    ZARM_EXIT_KICK,   /* zarm_vcpu_kick; pc = the next instruction to run */
    /* An access that cannot be completed: to RAM without the right, an instruction fetch
     * from a hole, an MMIO access by an instruction that has no syndrome (writeback, pair,
     * exclusive, atomic, SIMD).  fault.esr is shaped like the ESR_EL2 a hypervisor sees
     * (EC 0x24 data abort / 0x20 instruction abort from the guest; ISS: ISV and the access
     * syndrome when decoded, WnR, DFSC/IFSC), fault.addr like FAR_EL2; pc = the
     * instruction. */
    ZARM_EXIT_FAULT,
    /* MRS/MSR of a system register the engine does not model.  pc = the instruction.  For a
     * read, the VMM puts the value in sysreg.value before the next run, which writes it to
     * Xt; for a write, sysreg.value holds Xt.  The next run moves pc past the instruction. */
    ZARM_EXIT_SYSREG,
    /* Hook-requested stop (a hook returned false); pc = where execution stopped. */
    ZARM_EXIT_HOOK,
};

/* ESR-style exception classes in fault.esr bits 31:26 (the Arm ARM's values). */
enum {
    ZARM_EC_INSN_ABORT = 0x20,
    ZARM_EC_DATA_ABORT = 0x24,
};

/* The exit record: owned by the vCPU, valid until its next run. */
struct zarm_exit {
    uint32_t reason; /* enum zarm_exit_reason */
    uint64_t pc;     /* guest pc at the exit (also in the registers) */
    union {
        struct {
            uint64_t addr;
            uint64_t data; /* the value; byte i of the access is (data >> 8 * i) & 0xff */
            uint32_t size; /* 1, 2, 4 or 8 */
            uint8_t is_write;
        } mmio;
        struct {
            uint32_t imm; /* the 16-bit immediate */
        } exc;
        struct {
            uint32_t insn;
        } udf;
        struct {
            uint8_t is_wfe;
        } wfi;
        struct {
            uint32_t esr;  /* EC << 26 | IL << 25 | ISS (DFSC, WnR for data aborts) */
            uint64_t addr; /* the faulting address */
        } fault;
        struct {
            uint32_t enc;  /* op0:op1:CRn:CRm:op2 (op0 in bits 15:14), as KVM's
                            * ARM64_SYS_REG; op0 = 1 for SYS (cache/TLB maintenance) */
            uint32_t rt;
            uint8_t is_write;
            uint64_t value;
        } sysreg;
    };
};

/* Runs the vCPU until an exit; *exit points at the vCPU's exit record.  Returns ZARM_OK, or
 * an error code (the engine failed: zarm_vcpu_error says why). */
int zarm_vcpu_run(struct zarm_vcpu *v, const struct zarm_exit **exit);
/* Makes the vCPU's exit record writable, to fill mmio.data / sysreg.value before the next
 * run. */
struct zarm_exit *zarm_vcpu_exit_record(struct zarm_vcpu *v);

/* The hardware engine (KVM) decides some things itself; docs/embedding.md lists where its
 * exits differ from the translators' (HVC without KVM's SMCCC filter, SMC, WFI, unmodelled
 * system registers, fetches outside memory, stores to read-only regions). */

/* Limits each following run to n guest instructions (0 = no limit): the run returns
 * ZARM_EXIT_BUDGET with exactly n instructions executed unless another exit comes first.
 * Cost: a budgeted run executes on the interpreter, one block per dispatch, on every
 * translator engine (the count is exact there); not offered by the hardware engine. */
int zarm_vcpu_set_budget(struct zarm_vcpu *v, uint64_t n);
/* Guest instructions the vCPU has executed (translator engines; 0 on the hardware). */
uint64_t zarm_vcpu_insn_count(const struct zarm_vcpu *v);
/* Asks the vCPU to return ZARM_EXIT_KICK soon; callable from any thread, also before the
 * run starts (the next run then returns at once).  The interpreter sees it at its next block;
 * JIT code that chains blocks sees it at its next return to the dispatcher. */
void zarm_vcpu_kick(struct zarm_vcpu *v);

/* Hooks.  Each is called on the vCPU's thread with the registers current (read them with
 * zarm_vcpu_get_reg); returning false stops the run with ZARM_EXIT_HOOK.  They take effect at
 * the next run, also for code translated before.  Cost: while any hook is set the vCPU runs
 * on the interpreter, one block per dispatch; an instruction hook runs one instruction per
 * dispatch (the slowest mode); a watch makes every access to its pages fault into zarm and be
 * single-stepped. */
struct zarm_hooks {
    /* Before each translated block: pc and its number of instructions. */
    bool (*block)(struct zarm_vcpu *v, uint64_t pc, uint32_t ninsns, void *opaque);
    /* Before each instruction: pc and the instruction word. */
    bool (*insn)(struct zarm_vcpu *v, uint64_t pc, uint32_t word, void *opaque);
    /* Before each access to [watch_addr, watch_addr + watch_len): pc of the access, address,
     * size and direction (size 0: an instruction whose size zarm does not decode). */
    bool (*mem)(struct zarm_vcpu *v, uint64_t pc, uint64_t addr, uint32_t size, bool is_write,
                void *opaque);
    uint64_t watch_addr, watch_len; /* RAM only; len 0 = no watch */
    void *opaque;
};
/* Replaces the vCPU's hooks (NULL clears them).  Only between runs.  Not offered by the
 * hardware engine (ZARM_E_ENGINE). */
int zarm_vcpu_set_hooks(struct zarm_vcpu *v, const struct zarm_hooks *h);

/* The guest's PSCI SYSTEM_OFF function id (HVC #0 with x0 = this), what the example guests
 * use to stop; every engine reports it as an HVC exit. */
#define ZARM_PSCI_SYSTEM_OFF 0x84000008u

#ifdef __cplusplus
}
#endif
#endif
