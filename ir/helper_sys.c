/* System registers as Linux presents them to EL0, DC ZVA, barriers. */
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
