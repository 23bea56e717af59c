/* Bit positions from the Linux arm64 uapi <asm/hwcap.h>. */
#include "hwcap.h"

#define HWCAP_FP (1ull << 0)
#define HWCAP_ASIMD (1ull << 1)
#define HWCAP_AES (1ull << 3)
#define HWCAP_PMULL (1ull << 4)
#define HWCAP_SHA1 (1ull << 5)
#define HWCAP_SHA2 (1ull << 6)
#define HWCAP_CRC32 (1ull << 7)
#define HWCAP_ATOMICS (1ull << 8)
#define HWCAP_FPHP (1ull << 9)
#define HWCAP_ASIMDHP (1ull << 10)
#define HWCAP_CPUID (1ull << 11)
#define HWCAP_ASIMDRDM (1ull << 12)
#define HWCAP_LRCPC (1ull << 15)
#define HWCAP_SHA3 (1ull << 17)
#define HWCAP_ASIMDDP (1ull << 20)
#define HWCAP_SHA512 (1ull << 21)

/* The AdvSIMD extensions the AdvSIMD translators implement (trans_simd_arith.c,
 * trans_crypto.c): AES+PMULL, SHA1, SHA256, SHA512, SHA3, RDM, DotProd. */
#define HWCAP_ASIMD_EXT                                                                            \
    (HWCAP_AES | HWCAP_PMULL | HWCAP_SHA1 | HWCAP_SHA2 | HWCAP_ASIMDRDM | HWCAP_SHA3 |            \
     HWCAP_ASIMDDP | HWCAP_SHA512)

uint64_t rt_hwcap(const struct ir_features *f)
{
    uint64_t h = 0;
    /* FPHP, ASIMDHP: FEAT_FP16 half-precision arithmetic (trans_fp.c, trans_fp_simd.c). */
    if (f->fp)
        h |= HWCAP_FP | HWCAP_FPHP;
    if (f->asimd)
        h |= HWCAP_ASIMD | HWCAP_ASIMDHP | HWCAP_ASIMD_EXT;
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
