/* FCMP and FCMPE read by what follows them: a conditional branch on each of the fourteen
 * conditions, FCSEL, and a CSET in the next block (the flags live out of the compare's block),
 * on pairs of doubles and singles with zeros of both signs, infinities, subnormals and quiet and
 * signalling NaNs, with FPCR clear and with FZ set (which flushes subnormal operands: they
 * compare equal to zero and raise IDC).  Each line prints the outcome of every condition and
 * FPSR; a translator that makes the compare where the condition is read must give the same. */
#include <stdint.h>
#include <string.h>
#include "guest.h"

#define BRANCH(name, insn, cond, W)                                                                \
    static unsigned name(double a, double b)                                                       \
    {                                                                                              \
        unsigned r;                                                                                \
        __asm__ volatile(insn " " W "1, " W "2\n\tb." cond " 1f\n\tmov %w0, #0\n\tb 2f\n"          \
                         "1:\tmov %w0, #1\n2:"                                                     \
                         : "=r"(r)                                                                 \
                         : "w"(a), "w"(b)                                                          \
                         : "cc");                                                                  \
        return r;                                                                                  \
    }
#define CONDS(X)                                                                                   \
    X(eq) X(ne) X(cs) X(cc) X(mi) X(pl) X(vs) X(vc) X(hi) X(ls) X(ge) X(lt) X(gt) X(le)
#define DEF_D(c) BRANCH(fcmp_d_##c, "fcmp", #c, "%d") BRANCH(fcmpe_d_##c, "fcmpe", #c, "%d")
#define DEF_S(c) BRANCH(fcmp_s_##c, "fcmp", #c, "%s")
CONDS(DEF_D)
CONDS(DEF_S)

typedef unsigned (*branch_fn)(double, double);
#define LIST_D(c) fcmp_d_##c,
#define LIST_E(c) fcmpe_d_##c,
#define LIST_S(c) fcmp_s_##c,
static const branch_fn fcmp_d[] = {CONDS(LIST_D)};
static const branch_fn fcmpe_d[] = {CONDS(LIST_E)};
static const branch_fn fcmp_s[] = {CONDS(LIST_S)};

/* FCMP with #0.0 and a branch. */
static unsigned zero_mi(double a)
{
    unsigned r;
    __asm__ volatile("fcmp %d1, #0.0\n\tb.mi 1f\n\tmov %w0, #0\n\tb 2f\n1:\tmov %w0, #1\n2:"
                     : "=r"(r)
                     : "w"(a)
                     : "cc");
    return r;
}

/* FCSEL on gt, and the flags read by CSET after a branch into the next block. */
static uint64_t select_gt(double a, double b)
{
    double r;
    uint64_t bits;
    __asm__ volatile("fcmp %d1, %d2\n\tfcsel %d0, %d1, %d2, gt" : "=w"(r) : "w"(a), "w"(b) : "cc");
    memcpy(&bits, &r, sizeof bits);
    return bits;
}

static unsigned flags_out(double a, double b)
{
    unsigned r;
    __asm__ volatile("fcmp %d1, %d2\n\tb.eq 1f\n1:\tcset %w0, hi" : "=r"(r) : "w"(a), "w"(b) : "cc");
    return r;
}

static uint64_t fpsr_get(void)
{
    uint64_t s;
    __asm__ volatile("mrs %0, fpsr" : "=r"(s));
    return s;
}

static void fpsr_clear(void) { __asm__ volatile("msr fpsr, xzr"); }

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static unsigned run(const branch_fn *fn, double a, double b)
{
    unsigned m = 0;
    for (int c = 0; c < 14; c++)
        m |= fn[c](a, b) << c;
    return m;
}

int main(void)
{
    const uint64_t vals[] = {
        0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
        0xbff0000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
        0x0000000000000001ull, 0x800fffffffffffffull, 0x7ff8000000000000ull,
        0xfff8000000000123ull, 0x7ff0000000000001ull, 0x4000000000000000ull,
    };
    const unsigned n = sizeof vals / sizeof vals[0];
    const uint64_t fpcrs[] = {0, 1u << 24};
    for (int f = 0; f < 2; f++) {
        __asm__ volatile("msr fpcr, %0" : : "r"(fpcrs[f]));
        for (unsigned i = 0; i < n; i++)
            for (unsigned j = 0; j < n; j++) {
                double a = from_bits(vals[i]), b = from_bits(vals[j]);
                fpsr_clear();
                unsigned d = run(fcmp_d, a, b);
                uint64_t sd = fpsr_get();
                fpsr_clear();
                unsigned e = run(fcmpe_d, a, b);
                uint64_t se = fpsr_get();
                /* Singles: the doubles' low halves reinterpreted would be subnormal or zero;
                 * the high halves give the same kinds of value. */
                double as = from_bits(vals[i] >> 32), bs = from_bits(vals[j] >> 32);
                fpsr_clear();
                unsigned s = run(fcmp_s, as, bs);
                uint64_t ss = fpsr_get();
                fpsr_clear();
                unsigned z = zero_mi(a), o = flags_out(a, b);
                uint64_t sel = select_gt(a, b);
                uint64_t sz = fpsr_get();
                printf("fpcr %llx %016llx %016llx: d %04x/%llx e %04x/%llx s %04x/%llx z %u o %u "
                       "sel %016llx/%llx\n",
                       (unsigned long long)fpcrs[f], (unsigned long long)vals[i],
                       (unsigned long long)vals[j], d, (unsigned long long)sd, e,
                       (unsigned long long)se, s, (unsigned long long)ss, z, o,
                       (unsigned long long)sel, (unsigned long long)sz);
            }
    }
    __asm__ volatile("msr fpcr, xzr");
    return 0;
}
