/* Two conditional branches in a row end one block together (the translator's BRCOND2): each
 * of the three ways out is taken, with B.cond, CBZ/CBNZ and TBZ/TBNZ as the second branch, a
 * pair that loops back to its own block, and flags the blocks after the pair still read (so
 * the pair's compare must reach each of its three successors). */
#include <stdint.h>
#include <stdio.h>

/* cmp; b.eq; b.lt: a three-way compare; each target reads the flags again with CSET. */
static uint64_t three_way(int64_t a, int64_t b)
{
    uint64_t r;
    __asm__ volatile("cmp %1, %2\n\t"
                     "b.eq 1f\n\t"
                     "b.lt 2f\n\t"
                     "cset %0, gt\n\t"
                     "add %0, %0, #100\n\t"
                     "b 3f\n"
                     "1: cset %0, eq\n\t"
                     "add %0, %0, #200\n\t"
                     "b 3f\n"
                     "2: cset %0, lt\n\t"
                     "add %0, %0, #300\n"
                     "3:"
                     : "=&r"(r)
                     : "r"(a), "r"(b)
                     : "cc");
    return r;
}

/* The same where only the block after the pair (its fall-through) reads the flags: the two
 * taken ways write them first. */
static uint64_t three_way_fall(int64_t a, int64_t b)
{
    uint64_t r;
    __asm__ volatile("cmp %1, %2\n\t"
                     "b.eq 1f\n\t"
                     "b.lt 2f\n\t"
                     "cset %0, gt\n\t"
                     "b 3f\n"
                     "1: cmn %1, #1\n\t"
                     "cset %0, eq\n\t"
                     "add %0, %0, #2\n\t"
                     "b 3f\n"
                     "2: tst %2, #4\n\t"
                     "cset %0, ne\n\t"
                     "add %0, %0, #4\n"
                     "3:"
                     : "=&r"(r)
                     : "r"(a), "r"(b)
                     : "cc");
    return r;
}

/* 32-bit compare, unsigned conditions: b.hi then b.cc (lo). */
static uint64_t three_way_u32(uint32_t a, uint32_t b)
{
    uint64_t r;
    __asm__ volatile("cmp %w1, %w2\n\t"
                     "b.hi 1f\n\t"
                     "b.cc 2f\n\t"
                     "mov %0, #7\n\t"
                     "b 3f\n"
                     "1: mov %0, #8\n\t"
                     "b 3f\n"
                     "2: mov %0, #9\n"
                     "3: csinc %0, %0, %0, ne"
                     : "=&r"(r)
                     : "r"(a), "r"(b)
                     : "cc");
    return r;
}

/* b.cond followed by CBZ (x) and CBNZ (w): the second tests a register, not the flags. */
static uint64_t cond_then_cbz(int64_t a, uint64_t x)
{
    uint64_t r;
    __asm__ volatile("cmp %1, #5\n\t"
                     "b.gt 1f\n\t"
                     "cbz %2, 2f\n\t"
                     "mov %0, #1\n\t"
                     "b 9f\n"
                     "1: mov %0, #2\n\t"
                     "b 9f\n"
                     "2: mov %0, #3\n"
                     "9: tst %2, #1\n\t"
                     "b.ne 4f\n\t"
                     "cbnz %w2, 5f\n\t"
                     "add %0, %0, #10\n\t"
                     "b 6f\n"
                     "4: add %0, %0, #20\n\t"
                     "b 6f\n"
                     "5: add %0, %0, #30\n"
                     "6:"
                     : "=&r"(r)
                     : "r"(a), "r"(x)
                     : "cc");
    return r;
}

/* b.cond followed by TBZ and TBNZ (a high bit). */
static uint64_t cond_then_tbz(uint64_t a, uint64_t x)
{
    uint64_t r;
    __asm__ volatile("cmp %1, #0x40\n\t"
                     "b.cs 1f\n\t"
                     "tbz %2, #3, 2f\n\t"
                     "mov %0, #1\n\t"
                     "b 3f\n"
                     "1: mov %0, #2\n\t"
                     "b 3f\n"
                     "2: mov %0, #3\n"
                     "3: cmn %1, #1\n\t"
                     "b.eq 4f\n\t"
                     "tbnz %2, #40, 5f\n\t"
                     "add %0, %0, #10\n\t"
                     "b 6f\n"
                     "4: add %0, %0, #20\n\t"
                     "b 6f\n"
                     "5: add %0, %0, #30\n"
                     "6:"
                     : "=&r"(r)
                     : "r"(a), "r"(x)
                     : "cc");
    return r;
}

/* A loop whose pair branches back to its own start (the second branch) or leaves early (the
 * first), with the flags of the last compare read after the loop. */
static uint64_t pair_loop(uint64_t n, uint64_t stop)
{
    uint64_t i = 0, f;
    __asm__ volatile("1: add %0, %0, #1\n\t"
                     "cmp %0, %3\n\t"
                     "b.eq 2f\n\t"
                     "b.cc 1b\n"
                     "2: mrs %1, nzcv"
                     : "+r"(i), "=r"(f)
                     : "r"(stop), "r"(n)
                     : "cc");
    (void)stop;
    return i * 16 + (f >> 28);
}

/* The same with the loop's exit first and CBNZ as the back edge. */
static uint64_t pair_loop_cbnz(uint64_t n)
{
    uint64_t i = n, s = 0;
    __asm__ volatile("1: add %1, %1, %0\n\t"
                     "sub %0, %0, #1\n\t"
                     "cmp %1, #0x10000\n\t"
                     "b.hi 2f\n\t"
                     "cbnz %0, 1b\n"
                     "2:"
                     : "+r"(i), "+r"(s)
                     :
                     : "cc");
    return s * 1000 + i;
}

int main(void)
{
    static const int64_t v[] = {-3, -1, 0, 1, 2, 5, 6, 0x40, 0x41, -0x7fffffffffffffff - 1,
                                0x7fffffffffffffff};
    unsigned nv = sizeof v / sizeof v[0];
    uint64_t sum = 0;
    for (int round = 0; round < 300; round++)
        for (unsigned i = 0; i < nv; i++)
            for (unsigned j = 0; j < nv; j++) {
                uint64_t r = three_way(v[i], v[j]) ^ three_way_u32((uint32_t)v[i], (uint32_t)v[j]) << 9;
                r ^= cond_then_cbz(v[i], (uint64_t)v[j]) << 17;
                r ^= three_way_fall(v[i], v[j]) << 33;
                r ^= cond_then_tbz((uint64_t)v[i], (uint64_t)v[j] ^ ((uint64_t)i << 40)) << 25;
                sum = sum * 31 + r;
                if (round == 0)
                    printf("%2u %2u: %llx\n", i, j, (unsigned long long)r);
            }
    printf("sum %llx\n", (unsigned long long)sum);
    for (uint64_t n = 0; n < 40; n += 3)
        printf("loop %llu: %llx %llx %llx\n", (unsigned long long)n,
               (unsigned long long)pair_loop(n, 0), (unsigned long long)pair_loop(n + 1000, 0),
               (unsigned long long)pair_loop_cbnz(n * 100));
    return 0;
}
