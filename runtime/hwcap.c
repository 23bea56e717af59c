/* Bit positions from the Linux arm64 uapi <asm/hwcap.h>. */
#include "hwcap.h"

#define HWCAP_FP (1ull << 0)
#define HWCAP_ASIMD (1ull << 1)
#define HWCAP_CRC32 (1ull << 7)
#define HWCAP_ATOMICS (1ull << 8)
#define HWCAP_CPUID (1ull << 11)
#define HWCAP_LRCPC (1ull << 15)

uint64_t rt_hwcap(const struct ir_features *f)
{
    uint64_t h = 0;
    if (f->fp)
        h |= HWCAP_FP;
    if (f->asimd)
        h |= HWCAP_ASIMD;
    if (f->crc32)
        h |= HWCAP_CRC32;
    if (f->lse)
        h |= HWCAP_ATOMICS;
    if (f->rcpc)
        h |= HWCAP_LRCPC;
    /* HWCAP_CPUID: EL0 reads of the ID registers are emulated, as Linux does. */
    return h | HWCAP_CPUID;
}

uint64_t rt_hwcap2(const struct ir_features *f)
{
    (void)f;
    return 0;
}
