/* The Arm floating-point arithmetic library: the Arm ARM's FP pseudocode
 * (FPUnpack, FPRound, FPAdd, FPMulAdd, FPRoundInt, FPToFixed, FPRecipEstimate...)
 * on raw bit patterns, in integer arithmetic, so every host gives the same
 * bits and the same FPSR flags.  The common single and double cases go to the
 * host's IEEE arithmetic first (fpu_host.h), only where that is provably the
 * same bits and flags.  Formats are named by log2 of their size in bytes:
 * FPU_H (half), FPU_S (single), FPU_D (double). */
#ifndef ZARM_IR_FPU_H
#define ZARM_IR_FPU_H

#include <stdbool.h>
#include <stdint.h>

enum { FPU_H = 1, FPU_S = 2, FPU_D = 3 };

/* FPSR cumulative flags and FPCR controls (Arm ARM D13.2.46/48). */
#define FPSR_IOC 0x01u
#define FPSR_DZC 0x02u
#define FPSR_OFC 0x04u
#define FPSR_UFC 0x08u
#define FPSR_IXC 0x10u
#define FPSR_IDC 0x80u
#define FPCR_FZ16 (1u << 19)
#define FPCR_RMODE (3u << 22)
#define FPCR_FZ (1u << 24)
#define FPCR_DN (1u << 25)
#define FPCR_AHP (1u << 26)

/* Rounding modes: 0-3 are FPCR.RMode's encoding. */
enum fpu_rmode {
    FPU_RN,  /* to nearest, ties to even */
    FPU_RP,  /* towards +infinity */
    FPU_RM,  /* towards -infinity */
    FPU_RZ,  /* towards zero */
    FPU_RA,  /* to nearest, ties away from zero */
    FPU_ODD, /* von Neumann rounding (FCVTXN) */
};

/* The FPCR an operation reads and the FPSR flags it accumulates. */
struct fpu_st {
    uint32_t fpcr;
    uint32_t flags;
};

static inline enum fpu_rmode fpu_fpcr_rmode(const struct fpu_st *st)
{
    return (enum fpu_rmode)((st->fpcr >> 22) & 3);
}

uint64_t fpu_add(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_sub(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_mul(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_mulx(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_div(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_max(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_min(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_maxnm(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_minnm(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_abd(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
/* FPMulAdd(addend, a, b): addend + a * b with one rounding. */
uint64_t fpu_muladd(unsigned f, uint64_t addend, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_recps(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_rsqrts(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
uint64_t fpu_sqrt(unsigned f, uint64_t a, struct fpu_st *st);
uint64_t fpu_recpe(unsigned f, uint64_t a, struct fpu_st *st);
uint64_t fpu_rsqrte(unsigned f, uint64_t a, struct fpu_st *st);
uint64_t fpu_recpx(unsigned f, uint64_t a, struct fpu_st *st);
uint32_t fpu_urecpe(uint32_t a);
uint32_t fpu_ursqrte(uint32_t a);
/* FPCompare: NZCV in bits 3:0; `signal` makes quiet NaNs invalid too (FCMPE). */
unsigned fpu_cmp(unsigned f, uint64_t a, uint64_t b, bool signal, struct fpu_st *st);
bool fpu_cmp_eq(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
bool fpu_cmp_ge(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
bool fpu_cmp_gt(unsigned f, uint64_t a, uint64_t b, struct fpu_st *st);
/* FPRoundInt; `exact` raises Inexact for a changed value (FRINTX). */
uint64_t fpu_round_int(unsigned f, uint64_t a, enum fpu_rmode rm, bool exact, struct fpu_st *st);
/* FPRoundIntN (FRINT32*, FRINT64*): intbits 32 or 64. */
uint64_t fpu_round_intn(unsigned f, uint64_t a, enum fpu_rmode rm, unsigned intbits,
                        struct fpu_st *st);
/* FPToFixed to an integer of ibits (16, 32, 64) bits, zero-extended. */
uint64_t fpu_to_fixed(unsigned f, uint64_t a, unsigned fbits, bool uns, enum fpu_rmode rm,
                      unsigned ibits, struct fpu_st *st);
/* FixedToFP from an integer of ibits bits. */
uint64_t fpu_from_fixed(unsigned f, uint64_t x, unsigned fbits, bool uns, enum fpu_rmode rm,
                        unsigned ibits, struct fpu_st *st);
/* FPConvert between formats (FCVT, FCVTL, FCVTN, FCVTXN with FPU_ODD). */
uint64_t fpu_convert(unsigned to, unsigned from, uint64_t a, enum fpu_rmode rm,
                     struct fpu_st *st);
/* FJCVTZS: the 32-bit result, bit 32 = Z. */
uint64_t fpu_fjcvtzs(uint64_t a, struct fpu_st *st);

/* Sign bit and default NaN of a format. */
static inline uint64_t fpu_sign_bit(unsigned f) { return 1ull << ((8u << f) - 1); }

#endif
