/* TST with masks in each halfword (the JIT's TEST UNDER MASK), across halfwords (an AND and a
 * test), in 64- and 32-bit forms, read by B.EQ/B.NE, CSEL, CSET and CSINC; flags kept for a
 * later block; and loops whose CSEL writes the tested register (a pinned register built in
 * place while the test still reads its old value). */
#include <stdint.h>
#include <stdio.h>

#define TST_CSEL(name, mask)                                                                    \
    static uint64_t name(uint64_t x, uint64_t a, uint64_t b)                                   \
    {                                                                                          \
        uint64_t r, s;                                                                         \
        __asm__("tst %2, #" #mask "\n\t"                                                       \
                "csel %0, %3, %4, eq\n\t"                                                      \
                "cset %1, ne"                                                                  \
                : "=&r"(r), "=&r"(s)                                                           \
                : "r"(x), "r"(a), "r"(b)                                                       \
                : "cc");                                                                       \
        return r * 2 + s;                                                                      \
    }
TST_CSEL(t_ll, 0x1)
TST_CSEL(t_ll2, 0x8000)
TST_CSEL(t_llm, 0xff0)
TST_CSEL(t_lh, 0x10000)
TST_CSEL(t_lhm, 0xffff0000)
TST_CSEL(t_hl, 0x100000000)
TST_CSEL(t_hh, 0x8000000000000000)
TST_CSEL(t_hhm, 0xffff000000000000)
TST_CSEL(t_span, 0x1ffff)

#define TSTW_BR(name, mask)                                                                     \
    static uint64_t name(uint32_t x)                                                           \
    {                                                                                          \
        uint64_t r;                                                                            \
        __asm__("tst %w1, #" #mask "\n\t"                                                      \
                "b.ne 1f\n\t"                                                                  \
                "mov %0, #5\n\t"                                                               \
                "b 2f\n"                                                                       \
                "1: mov %0, #9\n"                                                              \
                "2:"                                                                           \
                : "=&r"(r)                                                                     \
                : "r"(x)                                                                       \
                : "cc");                                                                       \
        return r;                                                                              \
    }
TSTW_BR(w_ll, 0x4)
TSTW_BR(w_lh, 0x80000000)
TSTW_BR(w_lhm, 0xff0000)
TSTW_BR(w_span, 0xff00ff)

/* The flags of a TST read in the next block (after a branch) as MI, and as EQ. */
static uint64_t flags_later(uint64_t x)
{
    uint64_t r;
    __asm__("tst %1, #0x8000000000000000\n\t"
            "b 1f\n"
            "1: cset %0, mi\n\t"
            "csinc %0, %0, %0, eq"
            : "=&r"(r)
            : "r"(x)
            : "cc");
    return r;
}

/* Collatz-like loops: the CSEL writes the register the TST reads (first and second operand). */
static uint64_t loop_first(uint64_t x)
{
    uint64_t steps = 0, t;
    __asm__("1: tst %0, #1\n\t"
            "lsr %2, %0, #1\n\t"
            "add %1, %1, #1\n\t"
            "csinc %0, %2, %0, eq\n\t"
            "cmp %0, #1\n\t"
            "b.hi 1b"
            : "+r"(x), "+r"(steps), "=&r"(t)
            :
            : "cc");
    return steps * 1000 + x;
}

static uint64_t loop_second(uint64_t x)
{
    uint64_t steps = 0, t;
    __asm__("1: tst %0, #2\n\t"
            "lsr %2, %0, #2\n\t"
            "add %1, %1, #1\n\t"
            "csel %0, %0, %2, eq\n\t"
            "sub %0, %0, #1\n\t"
            "cmp %0, #3\n\t"
            "b.hi 1b"
            : "+r"(x), "+r"(steps), "=&r"(t)
            :
            : "cc");
    return steps * 1000 + x;
}

/* The CSEL's result goes straight to the tested register, whose old value is a CSEL operand. */
static uint64_t loop_third(uint64_t x)
{
    uint64_t steps = 0, t;
    __asm__("1: sub %0, %0, #1\n\t"
            "tst %0, #2\n\t"
            "lsr %2, %0, #2\n\t"
            "add %1, %1, #1\n\t"
            "csel %0, %0, %2, eq\n\t"
            "cmp %0, #3\n\t"
            "b.hi 1b"
            : "+r"(x), "+r"(steps), "=&r"(t)
            :
            : "cc");
    return steps * 1000 + x;
}

/* The same with the register's unchanged value as the CSEL operand, and a counted loop. */
static uint64_t loop_fourth(uint64_t x, uint64_t n)
{
    uint64_t steps = 0, t;
    __asm__("1: tst %0, #2\n\t"
            "lsr %2, %0, #2\n\t"
            "add %1, %1, #1\n\t"
            "csel %0, %0, %2, eq\n\t"
            "cmp %1, %3\n\t"
            "b.lo 1b"
            : "+r"(x), "+r"(steps), "=&r"(t)
            : "r"(n)
            : "cc");
    return steps * 1000 + x;
}

int main(void)
{
    static const uint64_t v[] = {0,
                                 1,
                                 2,
                                 0x8000,
                                 0x7ff0,
                                 0x10000,
                                 0xffff0000,
                                 0x100000000,
                                 0x8000000000000000,
                                 0x7fff000000000000,
                                 0x1ffff,
                                 0x80000000,
                                 0xff00ff,
                                 0xfffffffffffffffe,
                                 0x123456789abcdef0};
    uint64_t sum = 0;
    for (int round = 0; round < 200; round++)
        for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
            uint64_t x = v[i], a = i + 100, b = i * 7 + 3;
            uint64_t r[] = {t_ll(x, a, b),  t_ll2(x, a, b), t_llm(x, a, b),  t_lh(x, a, b),
                            t_lhm(x, a, b), t_hl(x, a, b),  t_hh(x, a, b),   t_hhm(x, a, b),
                            t_span(x, a, b), w_ll((uint32_t)x), w_lh((uint32_t)x),
                            w_lhm((uint32_t)x), w_span((uint32_t)x), flags_later(x)};
            for (unsigned n = 0; n < sizeof r / sizeof r[0]; n++) {
                sum = sum * 131 + r[n];
                if (round == 0)
                    printf("%s%llx", n ? " " : "", (unsigned long long)r[n]);
            }
            if (round == 0)
                printf("\n");
        }
    printf("sum %llx\n", (unsigned long long)sum);
    for (uint64_t x = 3; x < 3000; x = x * 3 + 1)
        printf("loops %llu: %llx %llx %llx %llx\n", (unsigned long long)x,
               (unsigned long long)loop_first(x), (unsigned long long)loop_second(x * 5),
               (unsigned long long)loop_third(x * 7), (unsigned long long)loop_fourth(x * 11, x));
    return 0;
}
