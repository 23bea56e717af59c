/* Results below and at the smallest normal, in scalar and vector lanes, with FPSR read after
 * each operation: exact zeros, exact and inexact subnormals (UFC only when inexact), a product
 * that rounds up to exactly the smallest normal (tiny before rounding, as Arm judges it: UFC;
 * not after rounding), and vectors mixing such lanes with normal, overflowing and NaN ones.
 * The same operations also run in loops (vectors kept in registers across iterations). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t fpsr_clear(void)
{
    uint64_t z = 0;
    __asm__ volatile("msr fpsr, %0" : : "r"(z));
    return z;
}

static uint64_t fpsr_read(void)
{
    uint64_t r;
    __asm__ volatile("mrs %0, fpsr" : "=r"(r));
    return r;
}

#define VOP(name, insn)                                                                         \
    static uint64_t name(const void *a, const void *b, const void *c, void *out)               \
    {                                                                                          \
        fpsr_clear();                                                                          \
        __asm__ volatile("ldr q0, [%0]\n\t"                                                    \
                         "ldr q1, [%1]\n\t"                                                    \
                         "ldr q2, [%2]\n\t" insn "\n\t"                                        \
                         "str q2, [%3]"                                                        \
                         :                                                                     \
                         : "r"(a), "r"(b), "r"(c), "r"(out)                                    \
                         : "v0", "v1", "v2", "memory");                                        \
        return fpsr_read();                                                                    \
    }
VOP(fmul4s, "fmul v2.4s, v0.4s, v1.4s")
VOP(fmla4s, "fmla v2.4s, v0.4s, v1.4s")
VOP(fdiv4s, "fdiv v2.4s, v0.4s, v1.4s")
VOP(fmul2d, "fmul v2.2d, v0.2d, v1.2d")
VOP(fmla2d, "fmla v2.2d, v0.2d, v1.2d")
VOP(fmuls, "fmul s2, s0, s1")
VOP(fmadds, "fmadd s2, s0, s1, s2")
VOP(fnmuls, "fnmul s2, s0, s1")
VOP(fdivs, "fdiv s2, s0, s1")
VOP(fmuld, "fmul d2, d0, d1")
VOP(fmaddd, "fmadd d2, d0, d1, d2")
VOP(fdivd, "fdiv d2, d0, d1")

typedef uint64_t (*vop_fn)(const void *, const void *, const void *, void *);

/* Single lanes: a, b, c for each of 4 lanes. */
static const uint32_t sa[][4] = {
    {0x00800001, 0x3f800000, 0x00400000, 0x00000000}, /* rounds up to FLT_MIN; 1; sub; 0 */
    {0x00800000, 0x7f7fffff, 0x00000003, 0x80000000}, /* MIN; MAX; tiny sub; -0 */
    {0x00c00000, 0x3f800000, 0x7fc00000, 0x00800000}, /* smallest binade; 1; NaN; MIN */
    {0x7f7fffff, 0x00000001, 0x3e99999a, 0x00ffffff}, /* 0.75 MAX beside tiny lanes */
};
static const uint32_t sb[][4] = {
    {0x3f7ffffe, 0x40000000, 0x3f000000, 0x40a00000}, /* 1-2^-23; 2; 0.5; 5 */
    {0x3f000000, 0x40000000, 0x3f000000, 0x3f800000}, /* 0.5: exact/inexact halving; overflow */
    {0x3f000000, 0x3f800000, 0x3f800000, 0x3f7fffff},
    {0x3f400000, 0x3f000000, 0x00800000, 0x3f000001},
};
static const uint32_t sc[][4] = {
    {0x00000000, 0x00000000, 0x00000000, 0x80000000},
    {0x80800000, 0x00000001, 0x00800000, 0x00000000},
    {0x00000000, 0x80800000, 0x00000000, 0x00000001},
    {0x80000001, 0x00400000, 0x00000000, 0x3f800000},
};
static const uint64_t da[][2] = {
    {0x0010000000000001, 0x0008000000000000}, /* rounds up to DBL_MIN; subnormal */
    {0x0010000000000000, 0x7fefffffffffffff},
    {0x0018000000000000, 0x0000000000000003},
    {0x7fefffffffffffff, 0x3fe0000000000000}, /* 0.75 MAX beside a subnormal */
};
static const uint64_t db[][2] = {
    {0x3feffffffffffffe, 0x3fe0000000000000},
    {0x3fe0000000000000, 0x4000000000000000},
    {0x3fe0000000000000, 0x3fe0000000000000},
    {0x3fe8000000000000, 0x0010000000000000},
};
static const uint64_t dc[][2] = {
    {0x0000000000000000, 0x8000000000000000},
    {0x8010000000000000, 0x0000000000000001},
    {0x0000000000000000, 0x0000000000000000},
    {0x8000000000000001, 0x0010000000000000},
};

static uint64_t run_all(int print)
{
    static const struct {
        const char *name;
        vop_fn fn;
        int dbl;
    } ops[] = {{"fmul.4s", fmul4s, 0}, {"fmla.4s", fmla4s, 0}, {"fdiv.4s", fdiv4s, 0},
               {"fmul.2d", fmul2d, 1}, {"fmla.2d", fmla2d, 1}, {"fmul.s", fmuls, 0},
               {"fmadd.s", fmadds, 0}, {"fnmul.s", fnmuls, 0}, {"fdiv.s", fdivs, 0},
               {"fmul.d", fmuld, 1},   {"fmadd.d", fmaddd, 1}, {"fdiv.d", fdivd, 1}};
    uint64_t h = 0;
    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (unsigned r = 0; r < 4; r++) {
            uint8_t out[16];
            const void *a = ops[o].dbl ? (const void *)da[r] : (const void *)sa[r];
            const void *b = ops[o].dbl ? (const void *)db[r] : (const void *)sb[r];
            const void *c = ops[o].dbl ? (const void *)dc[r] : (const void *)sc[r];
            uint64_t st = ops[o].fn(a, b, c, out);
            uint64_t lo, hi;
            memcpy(&lo, out, 8);
            memcpy(&hi, out + 8, 8);
            h = (h ^ lo ^ (hi << 1) ^ st) * 0x100000001b3ull;
            if (print)
                printf("%-8s %u: %016llx %016llx fpsr %02llx\n", ops[o].name, r,
                       (unsigned long long)hi, (unsigned long long)lo, (unsigned long long)st);
        }
    return h;
}

/* A loop whose vector stays in a register: y = y * 0.5 + x * k decays lanes to subnormals and
 * zero (x zero in two lanes), FPSR summed over the iterations. */
static void decay_loop(void)
{
    static const float x0[4] = {0.0f, 1.0f, 0.0f, 3.0f};
    static const float y0[4] = {7.0f, 2.0f, 1e-30f, -5.0f};
    float y[4];
    uint64_t flags = 0;
    memcpy(y, y0, sizeof y);
    for (int i = 0; i < 300; i++) {
        fpsr_clear();
        __asm__ volatile("ldr q0, [%0]\n\t"
                         "ldr q1, [%1]\n\t"
                         "fmov v2.4s, #0.5\n\t"
                         "fmov v3.4s, #0.25\n\t"
                         "fmul v0.4s, v0.4s, v2.4s\n\t"
                         "fmla v0.4s, v1.4s, v3.4s\n\t"
                         "str q0, [%0]"
                         :
                         : "r"(y), "r"(x0)
                         : "v0", "v1", "v2", "v3", "memory");
        flags |= fpsr_read() << (i % 4) * 8;
        if (i % 50 == 49)
            printf("decay %d: %a %a %a %a flags %llx\n", i, y[0], y[1], y[2], y[3],
                   (unsigned long long)flags);
    }
}

int main(void)
{
    uint64_t h = run_all(1);
    for (int i = 0; i < 200; i++)
        h = h * 31 + run_all(0);
    printf("hash %016llx\n", (unsigned long long)h);
    decay_loop();
    return 0;
}
