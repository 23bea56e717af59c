/* MMIO emulation for the translator engines: the load or store that faulted on a hole is
 * decoded here and completed after the VMM answered.  Only the forms for which Arm's
 * ESR_EL2.ISV = 1 describes the access are accepted -- single general-purpose register loads
 * and stores (LDR/STR/LDRB/LDRH/LDRS*, STRB/STRH, LDUR/STUR, unsigned and register offset,
 * LDAR/STLR), never with writeback (Arm ARM: "ISV is 0 for ... instructions with writeback"),
 * which is exactly what KVM can emulate on the hardware; the rest (writeback, pairs,
 * exclusives, atomics, SIMD) is an unrecoverable fault on every engine. */
#include "vm.h"

static uint64_t reg_or_zero(const struct zarm_cpu *cpu, unsigned r)
{
    return r == 31 ? 0 : cpu->x[r];
}

static uint64_t reg_or_sp(const struct zarm_cpu *cpu, unsigned r)
{
    return r == 31 ? cpu->sp : cpu->x[r];
}

/* The register-offset operand: Rm extended by option, shifted by size when S is set. */
static uint64_t extended_offset(const struct zarm_cpu *cpu, uint32_t word, unsigned size_log2)
{
    uint64_t rm = reg_or_zero(cpu, (word >> 16) & 31);
    unsigned option = (word >> 13) & 7, shift = (word >> 12) & 1 ? size_log2 : 0;
    switch (option) {
    case 2: rm = (uint32_t)rm; break;                   /* UXTW */
    case 6: rm = (uint64_t)(int64_t)(int32_t)rm; break; /* SXTW */
    default: break;                                     /* LSL (3), SXTX (7) */
    }
    return rm << shift;
}

bool vm_decode_access(const struct zarm_cpu *cpu, uint32_t word, struct vm_access *a)
{
    /* LDAR/STLR: size:2 001000 1 L 0 11111 1 11111 Rn Rt. */
    if ((word & 0x3fbffc00) == 0x089ffc00) {
        *a = (struct vm_access){.size = 1u << (word >> 30), .rt = word & 31, .rn = (word >> 5) & 31,
                                .is_write = !((word >> 22) & 1), .to64 = (word >> 30) == 3};
        a->addr = reg_or_sp(cpu, a->rn);
        return true;
    }
    /* Load/store register, integer (V = 0): size:2 111 0 0x opc:2 ... */
    if ((word & 0x3e000000) != 0x38000000)
        return false;
    unsigned size_log2 = word >> 30, opc = (word >> 22) & 3;
    bool uoff = (word >> 24) & 1;
    *a = (struct vm_access){.size = 1u << size_log2, .rt = word & 31, .rn = (word >> 5) & 31};
    /* opc: 00 store, 01 load, 10 load signed to 64, 11 load signed to 32. */
    if (opc >= 2 && (size_log2 == 3 || (size_log2 == 2 && opc == 3)))
        return false; /* PRFM and unallocated */
    a->is_write = opc == 0;
    a->sign = opc >= 2;
    a->to64 = opc == 2 || (opc < 2 && size_log2 == 3);
    uint64_t base = reg_or_sp(cpu, a->rn);
    if (uoff) {
        a->addr = base + ((uint64_t)((word >> 10) & 0xfff) << size_log2);
        return true;
    }
    if ((word >> 21) & 1) {
        if (((word >> 10) & 3) != 2 || !((word >> 13) & 2))
            return false; /* not a register offset (atomics live here), or bad option */
        a->addr = base + extended_offset(cpu, word, size_log2);
        return true;
    }
    /* LDUR/STUR only: pre/post-index write back, LDTR/STTR are unprivileged. */
    if (((word >> 10) & 3) != 0)
        return false;
    a->addr = base + (uint64_t)a64_sext((word >> 12) & 0x1ff, 9);
    return true;
}

void vm_complete_access(struct zarm_cpu *cpu, const struct vm_access *a, uint64_t data)
{
    if (!a->is_write && a->rt != 31) {
        unsigned bits = a->size * 8;
        uint64_t v = bits == 64 ? data : data & ((1ull << bits) - 1);
        if (a->sign && bits < 64)
            v = (uint64_t)a64_sext(v, bits);
        cpu->x[a->rt] = a->to64 ? v : (uint32_t)v;
    }
    cpu->pc += 4;
}
