/* Driver of the generated FP test (gen_fp.py): value tables, FPCR settings and
 * the loop that runs one instruction form over them and hashes what it wrote. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct io {
    uint64_t v[6];       /* V0, V1, V2 (two 64-bit halves each) */
    uint64_t x9, fpsr, nzcv;
};

/* Loads V0-V2, X9 and NZCV, clears FPSR, runs the instruction, stores them back. */
#define RUN(p, insn)                                                                               \
    __asm__ volatile("ldp d0, d3, [%0]\n ins v0.d[1], v3.d[0]\n"                                 \
                     "ldp d1, d3, [%0, #16]\n ins v1.d[1], v3.d[0]\n"                            \
                     "ldp d2, d3, [%0, #32]\n ins v2.d[1], v3.d[0]\n"                            \
                     "ldr x9, [%0, #48]\n ldr x10, [%0, #64]\n msr nzcv, x10\n msr fpsr, xzr\n"  \
                     insn "\n"                                                                     \
                     "mrs x10, fpsr\n str x10, [%0, #56]\n mrs x10, nzcv\n str x10, [%0, #64]\n" \
                     "str x9, [%0, #48]\n str q0, [%0]\n"                                           \
                     :                                                                             \
                     : "r"(p)                                                                      \
                     : "v0", "v1", "v2", "v3", "x9", "x10", "memory", "cc")

struct form {
    void (*fn)(struct io *);
    const char *name;
    char type; /* 'h', 's', 'd' FP inputs, 'i' integer input in X9 */
    int binary;
};

static const uint64_t vals_s[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40000000, 0x40400000,
    0x3f000000, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x00000001, 0x807fffff,
    0x007fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fc12345, 0xffd00001, 0x7f812345,
    0xff800001, 0x3f800001, 0x4b800001, 0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001,
    0x4f800000, 0x5f000000, 0xdf000000, 0x5f800000, 0x3effffff, 0x40200000, 0xc0200000,
    0x00400000, 0x34000001, 0x00ffffff, 0x7f000000, 0x0c000000, 0x3fffffff, 0xbeaaaaab,
};
static const uint64_t vals_d[] = {
    0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff8000000000000,
    0x4000000000000000, 0x3fe0000000000000, 0x0010000000000000, 0x8010000000000000,
    0x7fefffffffffffff, 0xffefffffffffffff, 1, 0x800fffffffffffff, 0x000fffffffffffff,
    0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0x7ff8000012345678,
    0xfff8000000000001, 0x7ff0000000000001, 0xfff4000000000000, 0x3ff0000000000001,
    0x4340000000000001, 0x41dfffffffc00000, 0x41e0000000000000, 0xc1e0000000000000,
    0xc1e0000000200000, 0x41f0000000000000, 0x43e0000000000000, 0xc3e0000000000000,
    0x43f0000000000000, 0x3fdfffffffffffff, 0x4004000000000000, 0xc004000000000000,
    0x36a0000000000000, 0x3810000000000000, 0x380fffffffffffff, 0x47efffffe0000000,
    0x47efffff00000000, 0x3e6ffffff0000000, 0x7fe0000000000000, 0xc1f0000000000001,
    0x4330000000000003, 0x3fd5555555555555, 0x4024000000000000,
};
static const uint64_t vals_h[] = {
    0x0000, 0x8000, 0x3c00, 0xbc00, 0x3e00, 0x4000, 0x3800, 0x0400, 0x8400, 0x7bff, 0xfbff,
    0x0001, 0x83ff, 0x03ff, 0x7c00, 0xfc00, 0x7e00, 0x7e12, 0xfe01, 0x7c01, 0xfd00, 0x3c01,
    0x6800, 0x3bff, 0x4100, 0xc100, 0x0200, 0x7800, 0x1400, 0x3555, 0x5bff, 0x7a00,
};
static const uint64_t ints[] = {
    0, 1, 0xffffffffffffffff, 0x1000001, 0x20000000000001, 0x7fffffffffffffff,
    0x8000000000000000, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe80000001,
    0x123456789abcdef, 0x10000000000000f, 0xfffff, 0x7ff, 0xffffffff00000001, 3, 65520,
    65519, 0x1fffffffffffff, 0xfedcba9876543210,
};

static const uint32_t fpcrs[] = {
    0x0000000, 0x0400000, 0x0800000, 0x0c00000, 0x1000000, 0x1400000, 0x1800000, 0x1c00000,
    0x2000000, 0x2400000, 0x2800000, 0x2c00000, 0x3000000, 0x3400000, 0x3800000, 0x3c00000,
    0x4080000, 0x70c0000,
};

static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }

static const uint64_t *table(char t, unsigned *n, unsigned *bits)
{
    switch (t) {
    case 'h': *n = sizeof vals_h / 8, *bits = 16; return vals_h;
    case 'd': *n = sizeof vals_d / 8, *bits = 64; return vals_d;
    case 'i': *n = sizeof ints / 8, *bits = 64; return ints;
    default: *n = sizeof vals_s / 8, *bits = 32; return vals_s;
    }
}

/* A 128-bit register from the table: lane l is value (start + l * step). */
static void fill(uint64_t *v, const uint64_t *t, unsigned n, unsigned bits, unsigned start,
                 unsigned step)
{
    unsigned lanes = 128 / bits;
    v[0] = v[1] = 0;
    for (unsigned l = 0; l < lanes; l++) {
        uint64_t x = t[(start + l * step) % n];
        if (bits < 64)
            x &= (1ull << bits) - 1;
        v[l * bits / 64] |= x << (l * bits % 64);
    }
}

static int run_all(const struct form *forms, unsigned nforms)
{
    const char *only = getenv("FPV");
    for (unsigned f = 0; f < nforms; f++) {
        int verbose = only && strcmp(only, forms[f].name) == 0;
        unsigned n, bits;
        const uint64_t *t = table(forms[f].type, &n, &bits);
        for (unsigned c = 0; c < sizeof fpcrs / 4; c++) {
            uint64_t h = 1469598103934665603ull;
            for (unsigned i = 0; i < n; i++)
                for (unsigned j = 0; j < (forms[f].binary ? n : 3); j++) {
                    struct io p;
                    fill(p.v, t, n, bits, i + 3 * j, 5);
                    fill(p.v + 2, t, n, bits, i, 7);
                    fill(p.v + 4, t, n, bits, j + 2 * i, 11);
                    p.x9 = forms[f].type == 'i' ? t[(i + j) % n] : 0x5555aaaa5555aaaaull;
                    p.fpsr = 0;
                    p.nzcv = (uint64_t)((i + j) & 15) << 28;
                    set_fpcr(fpcrs[c]);
                    forms[f].fn(&p);
                    set_fpcr(0);
                    uint64_t r[5] = {p.v[0], p.v[1], p.x9, p.fpsr, p.nzcv};
                    for (int k = 0; k < 5; k++)
                        h = (h ^ r[k]) * 1099511628211ull;
                    if (verbose)
                        printf("%s fpcr=%07x i=%u j=%u: %016llx:%016llx x9=%016llx fpsr=%02llx "
                               "nzcv=%llx\n",
                               forms[f].name, fpcrs[c], i, j, (unsigned long long)p.v[1],
                               (unsigned long long)p.v[0], (unsigned long long)p.x9,
                               (unsigned long long)p.fpsr, (unsigned long long)(p.nzcv >> 28));
                }
            printf("%-36s fpcr=%07x %016llx\n", forms[f].name, fpcrs[c], (unsigned long long)h);
        }
    }
    return 0;
}
