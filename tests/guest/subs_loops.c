/* Loops that count a register down with SUBS and branch back on its flags (b.hi, b.ne, b.hs,
 * b.eq, b.lo, b.ls), by an immediate (small, and shifted by 12) and by a register, with the
 * flags of the last SUBS read after the loop (MRS NZCV in the next block) and the counter's
 * final value: a translator that subtracts in place at the branch must still give the flags of
 * the last subtraction, N and V included, on the way out. */
#include <stdint.h>
#include "guest.h"

/* branch: the SUBS's conditional branch and what follows it up to label 3 (the way out). */
#define SUBS_LOOP(name, sub, branch)                                                               \
    static uint64_t name(uint64_t x, uint64_t step, uint64_t *nzcv, uint64_t *iters)               \
    {                                                                                              \
        uint64_t n = 0, f;                                                                         \
        __asm__ volatile("1:\tadd %[n], %[n], #1\n\t"                                              \
                         "subs %[x], %[x], " sub "\n\t" branch "b 3f\n"                             \
                         "3:\tmrs %[f], nzcv"                                                      \
                         : [x] "+r"(x), [n] "+r"(n), [f] "=r"(f)                                   \
                         : [s] "r"(step)                                                           \
                         : "cc");                                                                  \
        *nzcv = f;                                                                                 \
        *iters = n;                                                                                \
        return x;                                                                                  \
    }
/* The loop's own branch is the SUBS's condition. */
#define BACK(name, cond, sub) SUBS_LOOP(name, sub, "b." cond " 1b\n\t")
/* The SUBS's condition leaves the loop; a count bounds loops that would not end. */
#define LOOP(name, cond, sub)                                                                      \
    SUBS_LOOP(name, sub, "b." cond " 2f\n\tcmp %[n], #200\n\tb.lo 1b\n2:\t")

BACK(hi_imm, "hi", "#64")
BACK(ne_imm, "ne", "#3")
BACK(hs_reg, "hs", "%[s]")
BACK(hi_shift, "hi", "#1, lsl #12")
BACK(ne_reg, "ne", "%[s]")
LOOP(eq_imm, "eq", "#5")
LOOP(lo_reg, "lo", "%[s]")
LOOP(ls_imm, "ls", "#7")
LOOP(hs_shift, "hs", "#2, lsl #12")

typedef uint64_t (*loop_fn)(uint64_t, uint64_t, uint64_t *, uint64_t *);

int main(void)
{
    /* imm: the step of an immediate form (0: the register); back: the loop's own branch, which
     * runs start / step times (only starts that end soon), and for b.ne a start that is a
     * nonzero multiple of the step. */
    static const struct {
        const char *name;
        loop_fn fn;
        uint64_t imm;
        int back, ne;
    } loops[] = {
        {"b.hi #64", hi_imm, 64, 1, 0},      {"b.ne #3", ne_imm, 3, 1, 1},
        {"b.hs reg", hs_reg, 0, 1, 0},       {"b.hi #4096", hi_shift, 4096, 1, 0},
        {"b.ne reg", ne_reg, 0, 1, 1},       {"b.eq #5", eq_imm, 5, 0, 0},
        {"b.lo reg", lo_reg, 0, 0, 0},       {"b.ls #7", ls_imm, 7, 0, 0},
        {"b.hs #8192", hs_shift, 8192, 0, 0},
    };
    static const uint64_t starts[] = {0,  1,      5,    63,   64,     65,   640,
                                      99, 4096,   8193, 12288, 0x7fffffffffffffc0ull,
                                      0x8000000000000000ull, 0xffffffffffffffffull};
    static const uint64_t steps[] = {1, 3, 64, 0x8000000000000000ull};
    for (unsigned l = 0; l < sizeof loops / sizeof loops[0]; l++)
        for (unsigned s = 0; s < sizeof starts / sizeof starts[0]; s++)
            for (unsigned t = 0; t < sizeof steps / sizeof steps[0]; t++) {
                uint64_t step = loops[l].imm ? loops[l].imm : steps[t], x0 = starts[s];
                if (loops[l].ne)
                    x0 -= x0 % step;
                if (loops[l].back && (x0 / step > 5000 || (loops[l].ne && x0 == 0)))
                    continue;
                uint64_t f, n, x = loops[l].fn(x0, steps[t], &f, &n);
                printf("%-11s from %016llx step %llx: x %016llx iterations %llu nzcv %llx\n",
                       loops[l].name, (unsigned long long)x0, (unsigned long long)step,
                       (unsigned long long)x, (unsigned long long)n,
                       (unsigned long long)(f >> 28));
            }
    return 0;
}
