/* The host-FP fast path (ir/fpu/fpu_host.h) against the Arm FP library's
 * software path on millions of operands weighted towards the edges (results
 * near the smallest normal and near overflow, cancellation, denormal, zero,
 * infinite and NaN operands, integers at the range limits): wherever the fast
 * path takes a case, its result and FPSR flags must be the software path's
 * bit for bit.  The software path is this file's own copy of fpu.c with the
 * fast path compiled out; the host's arithmetic is the one zarm runs on. */
#include <criterion/criterion.h>
#include <stdint.h>

#include "ir/fpu/fpu_host.h"

/* fpu.c without its fast path: each fpu_host_* call in it becomes false.
 * This file calls the real ones as (fpu_host_*)(...). */
#define fpu_host_arith(...) false
#define fpu_host_compare(...) false
#define fpu_host_convert(...) false
#define fpu_host_to_fixed(...) false
#define fpu_host_round_int(...) false
#define fpu_host_minmax(...) false
#define fpu_host_from_fixed(...) false
#include "ir/fpu/fpu.c"

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Exponent width, fraction width, and the fields of format f. */
static unsigned ew(unsigned f) { return f == FPU_D ? 11 : 8; }
static unsigned fw(unsigned f) { return f == FPU_D ? 52 : 23; }
static uint64_t pack(unsigned f, uint64_t sign, uint64_t e, uint64_t frac)
{
    return sign << (ew(f) + fw(f)) | e << fw(f) | (frac & ((1ull << fw(f)) - 1));
}
static int64_t expo(unsigned f, uint64_t x)
{
    return (int64_t)((x >> fw(f)) & ((1u << ew(f)) - 1));
}
static uint64_t clamp_exp(unsigned f, int64_t e)
{
    int64_t emax = (1 << ew(f)) - 2;
    return e < 1 ? 1 : e > emax ? (uint64_t)emax : (uint64_t)e;
}

/* A fraction: random, a few leading bits (exact results), nearly all ones, or tiny. */
static uint64_t rand_frac(unsigned f)
{
    uint64_t r = rnd();
    switch (rnd() % 4) {
    case 0: return r >> 58 << (fw(f) - 6);
    case 1: return (1ull << fw(f)) - 1 - (r & 3);
    case 2: return r & 3;
    default: return r;
    }
}

static uint64_t rand_val(unsigned f)
{
    uint64_t emax = (1u << ew(f)) - 1, bias = emax >> 1, s = rnd() & 1, r = rnd() % 24;
    switch (r) {
    case 0: return pack(f, s, 0, 0);
    case 1: return pack(f, s, 0, rand_frac(f));
    case 2: return pack(f, s, 1 + rnd() % 3, rand_frac(f));
    case 3: return pack(f, s, emax - 1 - rnd() % 3, rand_frac(f));
    case 4: return pack(f, s, emax, 0);
    case 5: return pack(f, s, emax, rnd() | 1);
    default:
        if (r < 12)
            return pack(f, s, bias - 8 + rnd() % 16, rand_frac(f));
        return pack(f, s, 1 + rnd() % (emax - 1), rand_frac(f));
    }
}

/* Operands a, b, c for op: independent, or b chosen so that a * b or a / b
 * lands near the smallest normal or near overflow, or b = -a and c = -(a * b)
 * nearly (cancellation). */
static void operands(enum fpu_host_op op, unsigned f, uint64_t *a, uint64_t *b, uint64_t *c)
{
    int64_t bias = (1 << (ew(f) - 1)) - 1, emax = (1 << ew(f)) - 2;
    *a = rand_val(f), *b = rand_val(f), *c = rand_val(f);
    int64_t t = rnd() & 1 ? 1 + (int64_t)(rnd() % 5) - 2 : emax + (int64_t)(rnd() % 4) - 2;
    uint64_t sb = rnd() & 1, sign = 1ull << (ew(f) + fw(f));
    switch (rnd() % 3) {
    case 0: break;
    case 1:
        if (op == FPU_HOST_DIV)
            *b = pack(f, sb, clamp_exp(f, expo(f, *a) + bias - t), rand_frac(f));
        else
            *b = pack(f, sb, clamp_exp(f, t + bias - expo(f, *a)), rand_frac(f));
        break;
    default: {
        struct fpu_st st = {0, 0};
        *b = *a ^ sign ^ (rnd() & 0xf);
        *c = fpu_mul(f, *a, *b, &st) ^ (sb ? sign : 0) ^ (rnd() & 0xff);
        break;
    }
    }
}

/* The software path's result of op. */
static uint64_t soft(enum fpu_host_op op, unsigned f, uint64_t a, uint64_t b, uint64_t c,
                     struct fpu_st *st)
{
    switch (op) {
    case FPU_HOST_ADD: return fpu_add(f, a, b, st);
    case FPU_HOST_SUB: return fpu_sub(f, a, b, st);
    case FPU_HOST_MUL: return fpu_mul(f, a, b, st);
    case FPU_HOST_DIV: return fpu_div(f, a, b, st);
    case FPU_HOST_SQRT: return fpu_sqrt(f, a, st);
    default: return fpu_muladd(f, c, a, b, st);
    }
}

/* A conversion's fast result r against the software's want (the numbers
 * describe the case in the message). */
static void check_fixed(const char *what, unsigned f, unsigned fb, bool uns, unsigned ibits,
                        uint64_t in, uint64_t r, const struct fpu_st *sf, uint64_t want,
                        const struct fpu_st *ss)
{
    cr_assert(r == want && sf->flags == ss->flags,
              "%s f %u (%u, %d, %u): %llx -> %llx flags %x, want %llx flags %x", what, f,
              fb, uns, ibits, (unsigned long long)in, (unsigned long long)r, sf->flags,
              (unsigned long long)want, ss->flags);
}

/* Cases per test. */
#define N 400000

Test(fpu_host, arith)
{
    static const uint32_t fpcrs[] = {0, FPCR_DN, FPCR_FZ};
    for (unsigned op = FPU_HOST_ADD; op <= FPU_HOST_MULADD; op++)
        for (unsigned f = FPU_S; f <= FPU_D; f++)
            for (unsigned m = 0; m < 3; m++) {
                unsigned taken = 0;
                for (int i = 0; i < N / 2; i++) {
                    uint64_t a, b, c, r, want;
                    operands(op, f, &a, &b, &c);
                    struct fpu_st sf = {fpcrs[m], 0}, ss = {fpcrs[m], 0};
                    if (!(fpu_host_arith)(op, f, a, b, c, &sf, &r))
                        continue;
                    taken++;
                    want = soft(op, f, a, b, c, &ss);
                    cr_assert(r == want && sf.flags == ss.flags,
                              "op %u f %u fpcr %x: %llx %llx %llx -> %llx flags %x, want %llx "
                              "flags %x",
                              op, f, fpcrs[m], (unsigned long long)a, (unsigned long long)b,
                              (unsigned long long)c, (unsigned long long)r, sf.flags,
                              (unsigned long long)want, ss.flags);
                }
                /* The fast path must take many cases and decline some. */
                cr_assert(taken > N / 20 && taken < N / 2, "op %u f %u: fast path took %u",
                          op, f, taken);
            }
}

Test(fpu_host, compare)
{
    static const unsigned nzcv[3] = {0x8, 0x6, 0x2};
    for (unsigned f = FPU_S; f <= FPU_D; f++)
        for (int i = 0; i < N; i++) {
            uint64_t a = rand_val(f), b = i & 1 ? a ^ (rnd() & 3) : rand_val(f);
            struct fpu_st st = {rnd() & 1 ? FPCR_FZ : 0, 0};
            int order;
            if (!(fpu_host_compare)(f, a, b, &st, &order))
                continue;
            unsigned want = fpu_cmp(f, a, b, true, &st);
            cr_assert(nzcv[order] == want && st.flags == 0,
                      "f %u fpcr %x: %llx %llx -> %d, want %x", f, st.fpcr, (unsigned long long)a,
                      (unsigned long long)b, order, want);
        }
}

Test(fpu_host, minmax)
{
    for (unsigned f = FPU_S; f <= FPU_D; f++)
        for (int i = 0; i < N; i++) {
            uint64_t a = rand_val(f), b = i & 1 ? a ^ (rnd() & 3) : rand_val(f), r, want;
            if (i % 8 == 0) /* zeros of both signs */
                a &= fpu_sign_bit(f), b &= fpu_sign_bit(f);
            unsigned op = rnd() % 4;
            uint32_t fpcr = rnd() & 1 ? FPCR_FZ : 0;
            struct fpu_st sf = {fpcr, 0}, ss = {fpcr, 0};
            if (!(fpu_host_minmax)(f, a, b, op & 1, &sf, &r))
                continue;
            want = (op == 0 ? fpu_min : op == 1 ? fpu_max : op == 2 ? fpu_minnm : fpu_maxnm)(
                f, a, b, &ss);
            check_fixed("minmax", f, op, 0, fpcr, a ^ b << 32, r, &sf, want, &ss);
        }
}

Test(fpu_host, convert)
{
    for (unsigned from = FPU_S; from <= FPU_D; from++) {
        unsigned to = FPU_S + FPU_D - from;
        for (int i = 0; i < N; i++) {
            uint64_t a = rand_val(from), r, want;
            uint32_t fpcr = rnd() & 1 ? FPCR_FZ : 0;
            struct fpu_st sf = {fpcr, 0}, ss = {fpcr, 0};
            if (!(fpu_host_convert)(to, from, a, FPU_RN, &sf, &r))
                continue;
            want = fpu_convert(to, from, a, FPU_RN, &ss);
            cr_assert(r == want && sf.flags == ss.flags, "%u<-%u fpcr %x: %llx -> %llx, want %llx",
                      to, from, fpcr, (unsigned long long)a, (unsigned long long)r,
                      (unsigned long long)want);
        }
    }
}

/* A value near 2^k (k - 2 <= log2 |value| < k + 1): integer range limits, halves. */
static uint64_t near_pow2(unsigned f, int k)
{
    int64_t bias = (1 << (ew(f) - 1)) - 1;
    if (rnd() % 8 == 0)
        return rand_val(f);
    return pack(f, rnd() % 4 == 0, clamp_exp(f, bias + k - (int)(rnd() % 3)), rand_frac(f));
}

static const int ks[] = {-1, 0, 1, 2, 8, 23, 24, 30, 31, 32, 33, 52, 53, 62, 63, 64, 65};
#define RAND_K ks[rnd() % (sizeof ks / sizeof ks[0])]

Test(fpu_host, to_fixed)
{
    for (unsigned f = FPU_S; f <= FPU_D; f++)
        for (int i = 0; i < N; i++) {
            unsigned fb = rnd() % 4 ? 0 : rnd() % 65, ibits = rnd() & 1 ? 64 : 32;
            enum fpu_rmode rm = (enum fpu_rmode)(rnd() % 5);
            bool uns = rnd() & 1;
            uint64_t a = near_pow2(f, RAND_K - (int)fb), r, want;
            uint32_t fpcr = rnd() & 1 ? FPCR_FZ : 0;
            struct fpu_st sf = {fpcr, 0}, ss = {fpcr, 0};
            if (!(fpu_host_to_fixed)(f, a, fb, uns, rm, ibits, &sf, &r))
                continue;
            want = fpu_to_fixed(f, a, fb, uns, rm, ibits, &ss);
            check_fixed("to", f, fb, uns, ibits + 100 * rm + 1000 * !!fpcr, a, r, &sf, want, &ss);
        }
}

Test(fpu_host, round_int)
{
    for (unsigned f = FPU_S; f <= FPU_D; f++)
        for (int i = 0; i < N; i++) {
            enum fpu_rmode rm = (enum fpu_rmode)(rnd() % 5);
            bool exact = rnd() & 1;
            uint64_t a = near_pow2(f, RAND_K), r, want;
            uint32_t fpcr = rnd() & 1 ? FPCR_FZ : 0;
            struct fpu_st sf = {fpcr, 0}, ss = {fpcr, 0};
            if (!(fpu_host_round_int)(f, a, rm, exact, &sf, &r))
                continue;
            want = fpu_round_int(f, a, rm, exact, &ss);
            check_fixed("rint", f, rm, exact, fpcr, a, r, &sf, want, &ss);
        }
}

Test(fpu_host, from_fixed)
{
    for (unsigned f = FPU_S; f <= FPU_D; f++)
        for (int i = 0; i < N; i++) {
            unsigned fb = rnd() % 4 ? 0 : rnd() % 65, ibits = rnd() & 1 ? 64 : 32;
            bool uns = rnd() & 1;
            uint64_t x = rnd() >> (rnd() % 64), r, want;
            if (rnd() & 1)
                x = -x;
            if (rnd() % 8 == 0) /* a run of ones around the rounding position */
                x = (rnd() % 3 + 1) << (rnd() % 60) | ((1ull << (rnd() % 40)) - 1);
            uint32_t fpcr = rnd() & 1 ? FPCR_FZ : 0;
            struct fpu_st sf = {fpcr, 0}, ss = {fpcr, 0};
            if (!(fpu_host_from_fixed)(f, x, fb, uns, FPU_RN, ibits, &sf, &r))
                continue;
            want = fpu_from_fixed(f, x, fb, uns, FPU_RN, ibits, &ss);
            check_fixed("from", f, fb, uns, ibits + 1000 * !!fpcr, x, r, &sf, want, &ss);
        }
}
