/* The one Arm64 vCPU state shared by every zarm engine (interpreter, JIT, hardware).
 *
 * The head of the struct mirrors the arm64 KVM register block `struct kvm_regs`
 * (user_pt_regs: x0-x30, sp, pc, pstate; then sp_el1, elr_el1, spsr[5]; then
 * user_fpsimd_state: 32 V registers, fpsr, fpcr), so the hardware path moves it to
 * and from KVM_{GET,SET}_ONE_REG with fixed offsets and no reshuffling.  What KVM
 * keeps elsewhere (TPIDR_EL0, the exclusive monitor) follows the mirrored block.
 *
 * All integers are host-endian.  A V register is two host-endian 64-bit halves,
 * d[0] = bits 63:0 and d[1] = bits 127:64; lanes are reached through the
 * ZARM_V_* accessors below, which are correct on big- and little-endian hosts. */
#ifndef ZARM_CPU_H
#define ZARM_CPU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One 128-bit SIMD&FP register. */
typedef union zarm_vreg {
    uint64_t d[2];
    uint32_t s[4];
    uint16_t h[8];
    uint8_t b[16];
} __attribute__((aligned(16))) zarm_vreg;

/* PSTATE bits user code can see; NZCV lives where the architecture puts it. */
#define ZARM_PSTATE_N (1u << 31)
#define ZARM_PSTATE_Z (1u << 30)
#define ZARM_PSTATE_C (1u << 29)
#define ZARM_PSTATE_V (1u << 28)
#define ZARM_PSTATE_NZCV_MASK 0xf0000000u

/* Register slot numbers as the engines index them: x0..x30, then SP, PC, PSTATE,
 * which is exactly the order of struct user_pt_regs. */
enum { ZARM_REG_SP = 31, ZARM_REG_PC = 32, ZARM_REG_PSTATE = 33 };

struct zarm_cpu {
    /* --- mirrors struct kvm_regs --- */
    uint64_t x[31];     /* X0..X30 */
    uint64_t sp;        /* the current SP: SP_EL0, or SP_EL1 at EL1h (see below) */
    uint64_t pc;
    uint64_t pstate;    /* NZCV in bits 31:28, as in SPSR */
    uint64_t sp_el1;
    uint64_t elr_el1;
    uint64_t spsr[5];
    uint64_t pad0;      /* user_fpsimd_state is 16-byte aligned */
    zarm_vreg v[32];
    uint32_t fpsr;
    uint32_t fpcr;
    uint32_t fp_reserved[2];
    /* --- state KVM keeps outside struct kvm_regs --- */
    uint64_t tpidr_el0;
    uint64_t tpidrro_el0;
    /* Local exclusive monitor (LDXR/STXR): the address and size of the reserved
     * granule and the value(s) loaded, compared on the store as a
     * compare-and-swap would. */
    uint64_t excl_addr;
    uint64_t excl_val[2];
    uint32_t excl_size; /* bytes of the reservation; 0 = monitor open */
    uint32_t pad1;
    /* --- EL1 state, for machine vCPUs (user mode leaves it zero) ---
     * PSTATE.M[3:0] (EL in bits 3:2, SPSel in bit 0) and DAIF (bits 9:6) live in
     * pstate, laid out as in SPSR_EL1; ELR_EL1 and SPSR_EL1 are elr_el1 and spsr[0].
     *
     * Stack pointers: every engine uses `sp` as the current SP.  At EL0 and at EL1t
     * (PSTATE.SP = 0) `sp` is SP_EL0 and `sp_el1` holds SP_EL1; at EL1h `sp` is SP_EL1
     * and `sp_el0` below holds SP_EL0.  The bank field of the SP in use is stale.
     * zarm_cpu_get_kvm_sp / zarm_cpu_set_kvm_sp convert to and from KVM's view
     * (regs.sp = SP_EL0, sp_el1 = SP_EL1 whatever the mode). */
    uint64_t sp_el0;
    uint64_t vbar_el1;
    uint64_t sctlr_el1;
    uint64_t esr_el1;
    uint64_t far_el1;
    uint64_t tpidr_el1;
    uint64_t cpacr_el1;
    /* Stored and read back only: the MMU is not modelled (SCTLR_EL1.M stays as written
     * but addresses are always physical). */
    uint64_t tcr_el1;
    uint64_t ttbr0_el1;
    uint64_t ttbr1_el1;
    uint64_t mair_el1;
    uint64_t amair_el1;
    uint64_t contextidr_el1;
    uint64_t par_el1;
    uint64_t mdscr_el1;
    uint64_t cntkctl_el1;
    uint64_t csselr_el1;
    uint64_t afsr0_el1;
    uint64_t afsr1_el1;
    uint64_t actlr_el1;
    /* MPIDR_EL1 as this vCPU reads it (the VMM numbers its vCPUs, as KVM does in Aff0..);
     * 0: the one-core default 0x80000000. */
    uint64_t mpidr_el1;
};

/* Offsets that the hardware path and the JIT rely on. */
_Static_assert(offsetof(struct zarm_cpu, sp) == 31 * 8, "user_pt_regs.sp");
_Static_assert(offsetof(struct zarm_cpu, pstate) == 33 * 8, "user_pt_regs.pstate");
_Static_assert(offsetof(struct zarm_cpu, v) == 336, "kvm_regs.fp_regs.vregs");
_Static_assert(offsetof(struct zarm_cpu, fpsr) == 336 + 512, "kvm_regs.fp_regs.fpsr");

/* PSTATE.M and DAIF as SPSR_EL1 lays them out. */
#define ZARM_PSTATE_SP 1u            /* SPSel: 1 = SP_ELx (EL1h), 0 = SP_EL0 */
#define ZARM_PSTATE_EL_SHIFT 2       /* PSTATE.EL in bits 3:2 */
#define ZARM_PSTATE_EL_MASK 0xcu
#define ZARM_PSTATE_M_EL1H 0x5u      /* M[3:0] = EL1h */
#define ZARM_PSTATE_DAIF_MASK 0x3c0u /* D, A, I, F in bits 9:6 */

static inline unsigned zarm_cpu_el(const struct zarm_cpu *cpu)
{
    return (unsigned)(cpu->pstate & ZARM_PSTATE_EL_MASK) >> ZARM_PSTATE_EL_SHIFT;
}

/* Whether `sp` is SP_EL1 now (EL1h). */
static inline int zarm_cpu_sp_is_el1(const struct zarm_cpu *cpu)
{
    return zarm_cpu_el(cpu) >= 1 && (cpu->pstate & ZARM_PSTATE_SP);
}

/* SP_EL0 and SP_EL1 as KVM's struct kvm_regs holds them (regs.sp, sp_el1). */
static inline void zarm_cpu_get_kvm_sp(const struct zarm_cpu *cpu, uint64_t *sp_el0,
                                       uint64_t *sp_el1)
{
    int h = zarm_cpu_sp_is_el1(cpu);
    *sp_el0 = h ? cpu->sp_el0 : cpu->sp;
    *sp_el1 = h ? cpu->sp : cpu->sp_el1;
}

/* Sets both stack pointers from KVM's view; pstate must already hold the mode. */
static inline void zarm_cpu_set_kvm_sp(struct zarm_cpu *cpu, uint64_t sp_el0, uint64_t sp_el1)
{
    int h = zarm_cpu_sp_is_el1(cpu);
    cpu->sp = h ? sp_el1 : sp_el0;
    cpu->sp_el0 = sp_el0;
    cpu->sp_el1 = sp_el1;
}

/* Byte offset, inside the 16-byte register image, of lane `i` of `esize` bytes.
 * On a big-endian host each 64-bit half stores its lowest lane last. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ZARM_V_OFF(i, esize) ((((unsigned)(i) * (esize)) ^ (8 - (esize))) & 15)
#else
#define ZARM_V_OFF(i, esize) ((unsigned)(i) * (esize))
#endif
#define ZARM_V_B(r, i) (*(uint8_t *)((char *)(r)->b + ZARM_V_OFF(i, 1)))
#define ZARM_V_H(r, i) (*(uint16_t *)((char *)(r)->b + ZARM_V_OFF(i, 2)))
#define ZARM_V_S(r, i) (*(uint32_t *)((char *)(r)->b + ZARM_V_OFF(i, 4)))
#define ZARM_V_D(r, i) ((r)->d[(i)&1])

#ifdef __cplusplus
}
#endif
#endif
