/* Floating-point operations on operands chosen to sit at the edges where an
 * emulator's host-FP shortcut must hand over to exact Arm semantics: results
 * next to the smallest normal (Arm judges tininess before rounding), next to
 * overflow, exact versus inexact results, cancellation in add and fused
 * multiply-add, denormal, zero, infinite and NaN operands, conversions at the
 * integer range limits, rounding to integral values in every direction.
 * Every operation runs under several FPCR settings (RN with nothing else, FZ,
 * DN, RZ, RP) with FPSR cleared before it; the result bits, FPSR and NZCV go
 * into one hash per operation and setting, and the counts of each FPSR flag
 * raised are printed beside it. */
#include <stdint.h>
#include "guest.h"

/* One instruction sequence on d0/v0 = a, d1/v1 = b, d2/v2 = c, the result in
 * v3; returns v3's low half, *hi its high half and *st FPSR | NZCV. */
#define OP(fn, text)                                                                               \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c, uint64_t fpcr, uint64_t *hi,         \
                       uint64_t *st)                                                               \
    {                                                                                              \
        uint64_t r, h, s;                                                                          \
        __asm__ volatile("fmov d0, %[a]\n\tmov v0.d[1], %[b]\n\t"                                  \
                         "fmov d1, %[b]\n\tmov v1.d[1], %[c]\n\t"                                  \
                         "fmov d2, %[c]\n\tmov v2.d[1], %[a]\n\t"                                  \
                         "movi v3.2d, #0\n\tmov v3.d[0], %[c]\n\tmov v3.d[1], %[a]\n\t"            \
                         "msr nzcv, xzr\n\tmsr fpcr, %[fpcr]\n\tmsr fpsr, xzr\n\t" text "\n\t"     \
                         "mrs %[s], fpsr\n\tmrs x9, nzcv\n\torr %[s], %[s], x9\n\t"                \
                         "msr fpcr, xzr\n\tmsr fpsr, xzr\n\t"                                      \
                         "fmov %[r], d3\n\tmov %[h], v3.d[1]"                                      \
                         : [r] "=&r"(r), [h] "=&r"(h), [s] "=&r"(s)                                \
                         : [a] "r"(a), [b] "r"(b), [c] "r"(c), [fpcr] "r"(fpcr)                    \
                         : "x9", "x10", "v0", "v1", "v2", "v3", "cc");                             \
        *hi = h;                                                                                   \
        *st = s;                                                                                   \
        return r;                                                                                  \
    }

OP(fadd_d, "fadd d3, d0, d1")
OP(fsub_d, "fsub d3, d0, d1")
OP(fmul_d, "fmul d3, d0, d1")
OP(fdiv_d, "fdiv d3, d0, d1")
OP(fnmul_d, "fnmul d3, d0, d1")
OP(fabd_d, "fabd d3, d0, d1")
OP(fmulx_d, "fmulx d3, d0, d1")
OP(fsqrt_d, "fsqrt d3, d0")
OP(fmadd_d, "fmadd d3, d0, d1, d2")
OP(fmsub_d, "fmsub d3, d0, d1, d2")
OP(fnmadd_d, "fnmadd d3, d0, d1, d2")
OP(fnmsub_d, "fnmsub d3, d0, d1, d2")
OP(fmax_d, "fmax d3, d0, d1")
OP(fminnm_d, "fminnm d3, d0, d1")
OP(fmaxnm_4s, "fmaxnm v3.4s, v0.4s, v1.4s")
OP(fminv_4s, "fminv s3, v0.4s")
OP(fcmp_d, "fcmp d0, d1")
OP(fcmpe_d, "fcmpe d0, d1")
OP(fcvt_sd, "fcvt s3, d0")
OP(fcvtzs_xd, "fcvtzs x10, d0\n\tfmov d3, x10")
OP(fcvtzu_xd, "fcvtzu x10, d0\n\tfmov d3, x10")
OP(fcvtzs_wd, "fcvtzs w10, d0\n\tfmov s3, w10")
OP(fcvtzu_wd, "fcvtzu w10, d0\n\tfmov s3, w10")
OP(fcvtzs_xd8, "fcvtzs x10, d0, #8\n\tfmov d3, x10")
OP(fcvtns_xd, "fcvtns x10, d0\n\tfmov d3, x10")
OP(fcvtas_wd, "fcvtas w10, d0\n\tfmov s3, w10")
OP(fcvtms_xd, "fcvtms x10, d0\n\tfmov d3, x10")
OP(fcvtpu_wd, "fcvtpu w10, d0\n\tfmov s3, w10")
OP(frintn_d, "frintn d3, d0")
OP(frinta_d, "frinta d3, d0")
OP(frintm_d, "frintm d3, d0")
OP(frintp_d, "frintp d3, d0")
OP(frintz_d, "frintz d3, d0")
OP(frintx_d, "frintx d3, d0")
OP(frinti_d, "frinti d3, d0")
OP(scvtf_dx, "fmov x10, d0\n\tscvtf d3, x10")
OP(ucvtf_dx, "fmov x10, d0\n\tucvtf d3, x10")
OP(scvtf_dw, "fmov x10, d0\n\tscvtf d3, w10")
OP(scvtf_dx16, "fmov x10, d0\n\tscvtf d3, x10, #16")
OP(fadd_2d, "fadd v3.2d, v0.2d, v1.2d")
OP(fmla_2d, "fmla v3.2d, v0.2d, v1.2d")
OP(fadd_s, "fadd s3, s0, s1")
OP(fsub_s, "fsub s3, s0, s1")
OP(fmul_s, "fmul s3, s0, s1")
OP(fdiv_s, "fdiv s3, s0, s1")
OP(fsqrt_s, "fsqrt s3, s0")
OP(fmadd_s, "fmadd s3, s0, s1, s2")
OP(fnmsub_s, "fnmsub s3, s0, s1, s2")
OP(fcmpe_s, "fcmpe s0, s1")
OP(fcvt_ds, "fcvt d3, s0")
OP(fcvtzs_ws, "fcvtzs w10, s0\n\tfmov s3, w10")
OP(fcvtzu_xs, "fcvtzu x10, s0\n\tfmov d3, x10")
OP(fcvtns_ws, "fcvtns w10, s0\n\tfmov s3, w10")
OP(frintx_s, "frintx s3, s0")
OP(frintm_4s, "frintm v3.4s, v0.4s")
OP(scvtf_sx, "fmov x10, d0\n\tscvtf s3, x10")
OP(ucvtf_sw, "fmov x10, d0\n\tucvtf s3, w10")
OP(fmul_4s, "fmul v3.4s, v0.4s, v1.4s")
OP(fmla_4s, "fmla v3.4s, v0.4s, v1.4s")
OP(fcmge_4s, "fcmge v3.4s, v0.4s, v1.4s")

/* Operand shapes: how b and c are chosen from a (random otherwise). */
enum shape {
    FREE,    /* independent operands */
    MUL,     /* a * b near the smallest normal or near overflow */
    DIV,     /* a / b the same */
    CANCEL,  /* b close to -a, c close to -(a * b): cancellation */
    INTEGER, /* a is an integer (conversions to floating point) */
    TOINT,   /* a near the integer range limits */
};

struct fmt {
    unsigned ebits, fbits; /* exponent and fraction widths */
};
static const struct fmt fmt_s = {8, 23}, fmt_d = {11, 52};

static uint64_t pack(const struct fmt *f, uint64_t sign, uint64_t exp, uint64_t frac)
{
    return sign << (f->ebits + f->fbits) | exp << f->fbits | (frac & ((1ull << f->fbits) - 1));
}

static uint64_t biased(const struct fmt *f, uint64_t x)
{
    return (x >> f->fbits) & ((1ull << f->ebits) - 1);
}

/* A fraction: random, a few leading bits only (exact products and sums), all
 * ones, or zero. */
static uint64_t rand_frac(const struct fmt *f)
{
    uint64_t r = guest_rand();
    switch (guest_rand() % 4) {
    case 0: return r >> 58 << (f->fbits - 6);
    case 1: return (1ull << f->fbits) - 1 - (r & 3);
    case 2: return r & 1;
    default: return r;
    }
}

/* An operand of any class, weighted towards the extremes. */
static uint64_t rand_val(const struct fmt *f)
{
    uint64_t emax = (1ull << f->ebits) - 1, bias = emax >> 1, sign = guest_rand() & 1;
    uint64_t r = guest_rand() % 24;
    if (r == 0)
        return pack(f, sign, 0, 0);
    if (r == 1)
        return pack(f, sign, 0, rand_frac(f));
    if (r == 2)
        return pack(f, sign, 1 + guest_rand() % 3, rand_frac(f));
    if (r == 3)
        return pack(f, sign, emax - 1 - guest_rand() % 3, rand_frac(f));
    if (r == 4)
        return pack(f, sign, emax, 0);
    if (r == 5) /* quiet or signalling NaN */
        return pack(f, sign, emax, (guest_rand() | 1) & ((1ull << f->fbits) - 1));
    if (r < 12)
        return pack(f, sign, bias - 8 + guest_rand() % 16, rand_frac(f));
    return pack(f, sign, 1 + guest_rand() % (emax - 1), rand_frac(f));
}

/* A biased exponent clamped to the normal range. */
static uint64_t clamp_exp(const struct fmt *f, int64_t e)
{
    int64_t emax = (1 << f->ebits) - 2;
    return e < 1 ? 1 : e > emax ? (uint64_t)emax : (uint64_t)e;
}

static void make_operands(const struct fmt *f, enum shape shape, uint64_t *a, uint64_t *b,
                          uint64_t *c)
{
    int64_t bias = (1 << (f->ebits - 1)) - 1, emax = (1 << f->ebits) - 2;
    *a = rand_val(f);
    *b = rand_val(f);
    *c = rand_val(f);
    /* The target exponent of the result: around the smallest normal, or
     * around the largest finite value. */
    int64_t t = guest_rand() & 1 ? 1 + (int64_t)(guest_rand() % 5) - 2
                                 : emax + (int64_t)(guest_rand() % 4) - 2;
    uint64_t ea = biased(f, *a), sb = guest_rand() & 1;
    switch (shape) {
    case MUL: *b = pack(f, sb, clamp_exp(f, t + bias - (int64_t)ea), rand_frac(f)); break;
    case DIV: *b = pack(f, sb, clamp_exp(f, (int64_t)ea + bias - t), rand_frac(f)); break;
    case CANCEL: {
        /* b = -a and c = -(a * b) or a * b, with their low fraction bits changed. */
        uint64_t hi, st, sign = 1ull << (f->ebits + f->fbits);
        *b = (*a ^ sign) ^ (guest_rand() & 0xf);
        *c = (f == &fmt_d ? fmul_d : fmul_s)(*a, *b, 0, 0, &hi, &st);
        *c ^= (sb ? sign : 0) ^ (guest_rand() & 0xff);
        break;
    }
    case INTEGER: {
        uint64_t r = guest_rand();
        *a = r >> (guest_rand() % 64);
        if (guest_rand() & 1)
            *a = -*a;
        break;
    }
    case TOINT: {
        /* 2^k (1 + small) for k near 31, 32, 63, 64, or a small value. */
        static const int ks[] = {30, 31, 32, 62, 63, 64, 0, -1, -2, 1, 8, 23, 52};
        int k = ks[guest_rand() % (sizeof ks / sizeof ks[0])];
        uint64_t e = clamp_exp(f, bias + k);
        *a = pack(f, guest_rand() % 4 == 0, e, guest_rand() % 3 == 0 ? 0 : rand_frac(f));
        if (guest_rand() % 8 == 0)
            *a = rand_val(f);
        break;
    }
    default: break;
    }
}

typedef uint64_t op_fn(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t *, uint64_t *);

struct test {
    const char *name;
    op_fn *fn;
    const struct fmt *f;
    enum shape shape;
    int pair; /* S operands packed two to a 64-bit value (4S vector forms) */
};

static const struct test tests[] = {
    {"fadd.d", fadd_d, &fmt_d, CANCEL, 0},
    {"fadd.d", fadd_d, &fmt_d, FREE, 0},
    {"fsub.d", fsub_d, &fmt_d, FREE, 0},
    {"fmul.d", fmul_d, &fmt_d, MUL, 0},
    {"fmul.d", fmul_d, &fmt_d, FREE, 0},
    {"fdiv.d", fdiv_d, &fmt_d, DIV, 0},
    {"fdiv.d", fdiv_d, &fmt_d, FREE, 0},
    {"fnmul.d", fnmul_d, &fmt_d, MUL, 0},
    {"fabd.d", fabd_d, &fmt_d, CANCEL, 0},
    {"fmulx.d", fmulx_d, &fmt_d, MUL, 0},
    {"fsqrt.d", fsqrt_d, &fmt_d, FREE, 0},
    {"fmadd.d", fmadd_d, &fmt_d, CANCEL, 0},
    {"fmadd.d", fmadd_d, &fmt_d, MUL, 0},
    {"fmsub.d", fmsub_d, &fmt_d, CANCEL, 0},
    {"fnmadd.d", fnmadd_d, &fmt_d, MUL, 0},
    {"fnmsub.d", fnmsub_d, &fmt_d, CANCEL, 0},
    {"fmax.d", fmax_d, &fmt_d, FREE, 0},
    {"fminnm.d", fminnm_d, &fmt_d, CANCEL, 0},
    {"fmaxnm.4s", fmaxnm_4s, &fmt_s, FREE, 1},
    {"fminv.4s", fminv_4s, &fmt_s, FREE, 1},
    {"fcmp.d", fcmp_d, &fmt_d, FREE, 0},
    {"fcmpe.d", fcmpe_d, &fmt_d, CANCEL, 0},
    {"fcvt.s.d", fcvt_sd, &fmt_d, FREE, 0},
    {"fcvtzs.x.d", fcvtzs_xd, &fmt_d, TOINT, 0},
    {"fcvtzu.x.d", fcvtzu_xd, &fmt_d, TOINT, 0},
    {"fcvtzs.w.d", fcvtzs_wd, &fmt_d, TOINT, 0},
    {"fcvtzu.w.d", fcvtzu_wd, &fmt_d, TOINT, 0},
    {"fcvtzs.x.d#8", fcvtzs_xd8, &fmt_d, TOINT, 0},
    {"fcvtns.x.d", fcvtns_xd, &fmt_d, TOINT, 0},
    {"fcvtas.w.d", fcvtas_wd, &fmt_d, TOINT, 0},
    {"fcvtms.x.d", fcvtms_xd, &fmt_d, TOINT, 0},
    {"fcvtpu.w.d", fcvtpu_wd, &fmt_d, TOINT, 0},
    {"frintn.d", frintn_d, &fmt_d, TOINT, 0},
    {"frinta.d", frinta_d, &fmt_d, TOINT, 0},
    {"frintm.d", frintm_d, &fmt_d, TOINT, 0},
    {"frintp.d", frintp_d, &fmt_d, TOINT, 0},
    {"frintz.d", frintz_d, &fmt_d, TOINT, 0},
    {"frintx.d", frintx_d, &fmt_d, TOINT, 0},
    {"frinti.d", frinti_d, &fmt_d, TOINT, 0},
    {"scvtf.d.x", scvtf_dx, &fmt_d, INTEGER, 0},
    {"ucvtf.d.x", ucvtf_dx, &fmt_d, INTEGER, 0},
    {"scvtf.d.w", scvtf_dw, &fmt_d, INTEGER, 0},
    {"scvtf.d.x#16", scvtf_dx16, &fmt_d, INTEGER, 0},
    {"fadd.2d", fadd_2d, &fmt_d, CANCEL, 0},
    {"fmla.2d", fmla_2d, &fmt_d, MUL, 0},
    {"fadd.s", fadd_s, &fmt_s, CANCEL, 0},
    {"fsub.s", fsub_s, &fmt_s, FREE, 0},
    {"fmul.s", fmul_s, &fmt_s, MUL, 0},
    {"fdiv.s", fdiv_s, &fmt_s, DIV, 0},
    {"fsqrt.s", fsqrt_s, &fmt_s, FREE, 0},
    {"fmadd.s", fmadd_s, &fmt_s, CANCEL, 0},
    {"fmadd.s", fmadd_s, &fmt_s, MUL, 0},
    {"fnmsub.s", fnmsub_s, &fmt_s, CANCEL, 0},
    {"fcmpe.s", fcmpe_s, &fmt_s, FREE, 0},
    {"fcvt.d.s", fcvt_ds, &fmt_s, FREE, 0},
    {"fcvtzs.w.s", fcvtzs_ws, &fmt_s, TOINT, 0},
    {"fcvtzu.x.s", fcvtzu_xs, &fmt_s, TOINT, 0},
    {"fcvtns.w.s", fcvtns_ws, &fmt_s, TOINT, 0},
    {"frintx.s", frintx_s, &fmt_s, TOINT, 0},
    {"frintm.4s", frintm_4s, &fmt_s, TOINT, 1},
    {"scvtf.s.x", scvtf_sx, &fmt_s, INTEGER, 0},
    {"ucvtf.s.w", ucvtf_sw, &fmt_s, INTEGER, 0},
    {"fmul.4s", fmul_4s, &fmt_s, MUL, 1},
    {"fmla.4s", fmla_4s, &fmt_s, CANCEL, 1},
    {"fcmge.4s", fcmge_4s, &fmt_s, FREE, 1},
};

/* FPCR settings: RN alone gets the most operations. */
static const struct {
    const char *name;
    uint64_t fpcr;
    int count;
} modes[] = {
    {"rn", 0, 1500},
    {"fz", 1u << 24, 200},
    {"dn", 1u << 25, 200},
    {"rz", 3u << 22, 200},
    {"rp", 1u << 22, 200},
};

int main(void)
{
    static const char flag_names[] = "IDOUX"; /* FPSR bits 0-4 */
    for (unsigned t = 0; t < sizeof tests / sizeof tests[0]; t++) {
        const struct test *x = &tests[t];
        for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            uint64_t h = GUEST_HASH_INIT;
            unsigned counts[8] = {0};
            for (int i = 0; i < modes[m].count; i++) {
                uint64_t a, b, c, hi, st;
                make_operands(x->f, x->shape, &a, &b, &c);
                if (x->pair) {
                    uint64_t a2, b2, c2;
                    make_operands(x->f, x->shape, &a2, &b2, &c2);
                    a |= a2 << 32, b |= b2 << 32, c |= c2 << 32;
                }
                uint64_t r = x->fn(a, b, c, modes[m].fpcr, &hi, &st);
                h = guest_mix(guest_mix(guest_mix(h, r), hi), st);
                for (int k = 0; k < 5; k++)
                    counts[k] += (st >> k) & 1;
                counts[5] += (st >> 7) & 1;
            }
            printf("%-13s %s %016llx", x->name, modes[m].name, (unsigned long long)h);
            for (int k = 0; k < 5; k++)
                printf(" %c%u", flag_names[k], counts[k]);
            printf(" ID%u\n", counts[5]);
        }
    }
    return 0;
}
