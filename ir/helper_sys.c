/* System registers as Linux presents them to EL0, DC ZVA, barriers. */
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "endian.h"
#include "env.h"
#include "sysreg.h"

/* The counter runs at 1 GHz (what Armv8.6 mandates), so it is the host's
 * monotonic clock in nanoseconds. */
#define CNTFRQ_HZ 1000000000ull

/* CTR_EL0: RES1 bit 31, CWG = ERG = 64 bytes (4: log2 of words), DminLine =
 * IminLine = 64 bytes, L1Ip = PIPT; IDC = DIC = 0, so guests clean and
 * invalidate, and IC IVAU reaches the runtime. */
#define CTR_VALUE 0x8444c004ull
/* DCZID_EL0: DC ZVA permitted, blocks of 2^4 words = 64 bytes. */
#define DCZID_VALUE 4ull
/* As qemu max and cores with AArch32 at EL0: FPCR also keeps the AArch32 Len/Stride
 * fields, FPSR the AArch32 NZCV bits; neither affects AArch64 execution. */
#define FPCR_WRITABLE 0x07ff0000u /* AHP, DN, FZ, RMode, Stride, FZ16, Len */
#define FPSR_WRITABLE 0xf800009fu /* NZCV, QC and the cumulative exception flags */

/* Linux emulates EL0 reads of Op0 = 3, Op1 = 0, CRn = 0, CRm = 0 or 2..7
 * (arch/arm64/kernel/cpufeature.c, emulate_sys_reg): CRm = 0 knows only MIDR,
 * MPIDR and REVIDR; the rest of the space reads as the sanitised value or 0. */
static bool linux_id_space(uint32_t enc)
{
    unsigned op1 = (enc >> 11) & 7, crn = (enc >> 7) & 15, crm = (enc >> 3) & 15;
    if (!(enc >> 14) || op1 != 0 || crn != 0)
        return false;
    if (crm == 0)
        return enc == IR_SYSREG_MIDR || enc == IR_SYSREG_MPIDR || enc == IR_SYSREG_REVIDR;
    return crm >= 2;
}

bool ir_sysreg_readable(uint32_t enc)
{
    switch (enc) {
    case IR_SYSREG_CTR:
    case IR_SYSREG_DCZID:
    case IR_SYSREG_NZCV:
    case IR_SYSREG_FPCR:
    case IR_SYSREG_FPSR:
    case IR_SYSREG_TPIDR:
    case IR_SYSREG_TPIDRRO:
    case IR_SYSREG_CNTFRQ:
    case IR_SYSREG_CNTVCT:
        return true;
    default:
        return linux_id_space(enc);
    }
}

bool ir_sysreg_writable(uint32_t enc)
{
    return enc == IR_SYSREG_NZCV || enc == IR_SYSREG_FPCR || enc == IR_SYSREG_FPSR ||
           enc == IR_SYSREG_TPIDR;
}

/* The ID register values describe what zarm implements: AArch64-only EL0/EL1,
 * FP and AdvSIMD with half precision (FEAT_FP16), CRC32, LSE atomics, LRCPC.  The MIDR
 * is a Cortex-A55 r1p0, a core with the same feature set. */
static uint64_t id_reg(uint32_t enc)
{
    switch (enc) {
    case IR_SYSREG_MIDR:
        return 0x411fd050;
    case IR_SYSREG_MPIDR:
        return 0x80000000; /* Linux's SYS_MPIDR_SAFE_VAL */
    case IR_SYSREG_ID_AA64PFR0:
        /* EL0, EL1 AArch64-only; FP (19:16) and AdvSIMD (23:20) = 1: with FP16. */
        return 0x11 | 1u << 16 | 1u << 20;
    case IR_SYSREG_ID_AA64DFR0:
        return 0x6;
    case IR_SYSREG_ID_AA64ISAR0:
        /* AES+PMULL, SHA1, SHA256+SHA512, CRC32, Atomic, RDM, SHA3, DotProd. */
        return (2ull << 4) | (1ull << 8) | (2ull << 12) | (1ull << 16) | (2ull << 20) |
               (1ull << 28) | (1ull << 32) | (1ull << 44);
    case IR_SYSREG_ID_AA64ISAR1:
        return 1ull << 20; /* LRCPC: LDAPR */
    default:
        return 0;
    }
}

/* a = the sysreg field of an MRS the translator accepted. */
uint64_t helper_mrs(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)b, (void)c;
    switch ((uint32_t)a) {
    case IR_SYSREG_CTR:
        return CTR_VALUE;
    case IR_SYSREG_DCZID:
        return DCZID_VALUE;
    case IR_SYSREG_FPCR:
        return env->cpu.fpcr;
    case IR_SYSREG_FPSR:
        return env->cpu.fpsr;
    case IR_SYSREG_TPIDR:
        return env->cpu.tpidr_el0;
    case IR_SYSREG_TPIDRRO:
        return env->cpu.tpidrro_el0;
    case IR_SYSREG_CNTFRQ:
        return CNTFRQ_HZ;
    case IR_SYSREG_CNTVCT: {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    }
    default:
        return id_reg((uint32_t)a);
    }
}

/* a = sysreg field, b = value. */
uint64_t helper_msr(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)c;
    switch ((uint32_t)a) {
    case IR_SYSREG_FPCR:
        env->cpu.fpcr = (uint32_t)b & FPCR_WRITABLE;
        break;
    case IR_SYSREG_FPSR:
        env->cpu.fpsr = (uint32_t)b & FPSR_WRITABLE;
        break;
    case IR_SYSREG_TPIDR:
        env->cpu.tpidr_el0 = b;
        break;
    default:
        break;
    }
    return 0;
}

/* DC ZVA: zeroes the 64-byte block holding a; faults like a store. */
uint64_t helper_dc_zva(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)b, (void)c;
    uint8_t *p = ir_guest_ptr(env, a & ~63ull, 64);
    if (p)
        memset(p, 0, 64);
    return 0;
}

/* DMB/DSB and store-release: a full host fence, so guest threads on other
 * host threads observe the order the guest asked for. */
uint64_t helper_fence(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)env, (void)a, (void)b, (void)c;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return 0;
}

/* CLREX: opens the local exclusive monitor. */
uint64_t helper_clrex(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)a, (void)b, (void)c;
    env->cpu.excl_size = 0;
    return 0;
}

/* ---- EL1 (ir_features.el1) ---------------------------------------------------------------- */

/* Where an EL1 translation keeps a register in the CPU state (byte offset; 0 = not a plain
 * field), by MRS/MSR sysreg field. */
static size_t el1_field(uint32_t enc)
{
#define F(reg, field)                                                                              \
    case IR_SYSREG_##reg:                                                                          \
        return offsetof(struct zarm_cpu, field)
    switch (enc) {
        F(SCTLR_EL1, sctlr_el1);
        F(ACTLR_EL1, actlr_el1);
        F(CPACR_EL1, cpacr_el1);
        F(TTBR0_EL1, ttbr0_el1);
        F(TTBR1_EL1, ttbr1_el1);
        F(TCR_EL1, tcr_el1);
        F(SPSR_EL1, spsr[0]);
        F(ELR_EL1, elr_el1);
        F(AFSR0_EL1, afsr0_el1);
        F(AFSR1_EL1, afsr1_el1);
        F(ESR_EL1, esr_el1);
        F(FAR_EL1, far_el1);
        F(PAR_EL1, par_el1);
        F(MAIR_EL1, mair_el1);
        F(AMAIR_EL1, amair_el1);
        F(VBAR_EL1, vbar_el1);
        F(CONTEXTIDR_EL1, contextidr_el1);
        F(TPIDR_EL1, tpidr_el1);
        F(CNTKCTL_EL1, cntkctl_el1);
        F(CSSELR_EL1, csselr_el1);
        F(MDSCR_EL1, mdscr_el1);
    default:
        return 0;
    }
#undef F
}

static uint64_t *el1_reg(struct zarm_cpu *cpu, size_t off)
{
    return (uint64_t *)((char *)cpu + off);
}

/* The ID space (Op0 = 3, Op1 = 0, CRn = 0: o0 = 1 and zeros above CRm) reads at EL1 as
 * id_reg says, 0 where reserved. */
static bool el1_id_space(uint32_t enc) { return (enc >> 7) == 0x80; }

bool ir_sysreg_el1_modelled(uint32_t enc, bool is_write)
{
    switch (enc) {
    case IR_SYSREG_SP_EL0:
    case IR_SYSREG_SPSEL:
    case IR_SYSREG_DAIF:
        return true;
    case IR_SYSREG_TPIDRRO:
        /* EL0 reads it (the user-mode path); only EL1 writes it. */
        return is_write;
    case IR_SYSREG_CURRENTEL:
        return !is_write;
    default:
        return el1_field(enc) || (!is_write && el1_id_space(enc));
    }
}

/* Raises an undefined-instruction exit for `word` at EL0 (every register and operation
 * the EL1 helpers reach belongs to EL1: Arm ARM D1.4, a trap to EL1 with EC 0), and for
 * MRS/MSR SP_EL0 while SP_EL0 is the current SP (PSTATE.SP = 0). */
static bool el1_undefined(struct ir_env *env, uint32_t enc, uint64_t word)
{
    bool undef = zarm_cpu_el(&env->cpu) == 0 ||
                 (enc == IR_SYSREG_SP_EL0 && !zarm_cpu_sp_is_el1(&env->cpu));
    if (undef) {
        env->exit = IR_EXIT_UDF;
        env->exit_info = (uint32_t)word;
    }
    return undef;
}

/* a = the sysreg field of an MRS ir_sysreg_el1_modelled accepts, b = the instruction word. */
uint64_t helper_el1_mrs(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)c;
    struct zarm_cpu *cpu = &env->cpu;
    uint32_t enc = (uint32_t)a;
    if (el1_undefined(env, enc, b))
        return 0;
    switch (enc) {
    case IR_SYSREG_SP_EL0:
        return cpu->sp_el0;
    case IR_SYSREG_SPSEL:
        return cpu->pstate & ZARM_PSTATE_SP;
    case IR_SYSREG_CURRENTEL:
        return cpu->pstate & ZARM_PSTATE_EL_MASK;
    case IR_SYSREG_DAIF:
        return cpu->pstate & ZARM_PSTATE_DAIF_MASK;
    case IR_SYSREG_MPIDR:
        return cpu->mpidr_el1 ? cpu->mpidr_el1 : id_reg(enc);
    default: {
        size_t off = el1_field(enc);
        return off ? *el1_reg(cpu, off) : id_reg(enc);
    }
    }
}

/* a = sysreg field, b = value, c = the instruction word.  SPSel goes to helper_el1_spsel. */
uint64_t helper_el1_msr(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    struct zarm_cpu *cpu = &env->cpu;
    uint32_t enc = (uint32_t)a;
    if (el1_undefined(env, enc, c))
        return 0;
    switch (enc) {
    case IR_SYSREG_SP_EL0:
        cpu->sp_el0 = b;
        break;
    case IR_SYSREG_DAIF:
        cpu->pstate = (cpu->pstate & ~(uint64_t)ZARM_PSTATE_DAIF_MASK) |
                      (b & ZARM_PSTATE_DAIF_MASK);
        break;
    case IR_SYSREG_TPIDRRO:
        cpu->tpidrro_el0 = b;
        break;
    case IR_SYSREG_VBAR_EL1:
        cpu->vbar_el1 = b & ~0x7ffull; /* bits 10:0 are RES0 */
        break;
    default: {
        size_t off = el1_field(enc);
        if (off)
            *el1_reg(cpu, off) = b;
        break;
    }
    }
    return 0;
}

/* MSR SPSel: a = the current SP (cpu.sp as the block sees it), b = the new PSTATE.SP,
 * c = the instruction word; returns the new current SP and banks the old one. */
uint64_t helper_el1_spsel(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    struct zarm_cpu *cpu = &env->cpu;
    if (el1_undefined(env, 0, c))
        return 0;
    bool was_el1 = zarm_cpu_sp_is_el1(cpu), to_el1 = b & 1;
    if (was_el1 == to_el1)
        return a;
    uint64_t other;
    if (to_el1) {
        cpu->sp_el0 = a;
        other = cpu->sp_el1;
        cpu->pstate |= ZARM_PSTATE_SP;
    } else {
        cpu->sp_el1 = a;
        other = cpu->sp_el0;
        cpu->pstate &= ~(uint64_t)ZARM_PSTATE_SP;
    }
    return other;
}

/* a = IR_EL1_*, b = operand, c = the instruction word. */
uint64_t helper_el1_sys(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    struct zarm_cpu *cpu = &env->cpu;
    if (el1_undefined(env, 0, c))
        return 0;
    switch (a) {
    case IR_EL1_DAIFSET:
        cpu->pstate |= (b << 6) & ZARM_PSTATE_DAIF_MASK;
        break;
    case IR_EL1_DAIFCLR:
        cpu->pstate &= ~((b << 6) & ZARM_PSTATE_DAIF_MASK);
        break;
    case IR_EL1_AT:
        /* With the MMU off the output address is the input address, and the memory is
         * Device-nGnRnE (ATTR 0x00), outer shareable (SH = 0b10): PAR_EL1.F = 0. */
        cpu->par_el1 = (b & 0x0000fffffffff000ull) | 2u << 7;
        break;
    default:
        break;
    }
    return 0;
}
