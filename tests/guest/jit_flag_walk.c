/* Flags set before a block that branches on something else (CBZ) and read on one of its two
 * ways only: the JIT's lookahead must follow both ways of such a block (runtime/run.c
 * nzcv_walk), or it finds the flags dead and the reader sees older ones.  Also the other
 * shapes the walk meets: a TBZ block whose both ways write the flags first, and one whose
 * taken way reads them. */
#include <stdint.h>
#include <stdio.h>

/* cmp x0, x1; then (not equal) a block that adds and branches on x2: its fall-through reads
 * the compare's flags (LT), its taken way writes its own. */
__attribute__((noinline)) static uint64_t walk_cbz(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t r;
    __asm__ volatile("cmp %1, %2\n\t"
                     "b.eq 1f\n\t"
                     "add %3, %3, #1\n\t"
                     "cbz %3, 2f\n\t"
                     "cset %0, lt\n\t"
                     "add %0, %0, #100\n\t"
                     "b 3f\n"
                     "2:\tcmp %1, %1\n\t"
                     "cset %0, eq\n\t"
                     "add %0, %0, #200\n\t"
                     "b 3f\n"
                     "1:\tcmn %2, #1\n\t"
                     "cset %0, eq\n\t"
                     "add %0, %0, #300\n"
                     "3:"
                     : "=&r"(r), "+r"(a), "+r"(b), "+r"(c)
                     :
                     : "cc");
    return r;
}

/* subs; a TBZ block; both of its ways write the flags first (the flags are dead), or its
 * taken way reads them (HI). */
__attribute__((noinline)) static uint64_t walk_tbz(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t r = 0;
    __asm__ volatile("subs %0, %1, %2\n\t"
                     "b.eq 1f\n\t"
                     "eor %3, %3, #4\n\t"
                     "tbz %3, #2, 2f\n\t"
                     "adds %0, %0, %1\n\t"
                     "b 3f\n"
                     "2:\tcsinc %0, %1, %2, hi\n\t"
                     "b 3f\n"
                     "1:\tands %0, %1, #0xff\n"
                     "3:\tcset %3, ne\n\t"
                     "add %0, %0, %3"
                     : "+r"(r), "+r"(a), "+r"(b), "+r"(c)
                     :
                     : "cc");
    return r;
}

int main(void)
{
    uint64_t sum = 0, mix = 0;
    for (uint64_t i = 0; i < 512; i++) {
        uint64_t a = (i * 7) & 15, b = (i >> 2) & 15, c = (i & 3) == 1 ? ~0ull : i & 3;
        uint64_t x = walk_cbz(a - 8, b - 8, c);
        uint64_t y = walk_tbz(a, b, i >> 4);
        sum += x * (i + 1);
        mix = (mix ^ y) * 0x100000001b3ull;
        if (i < 6)
            printf("%llu: %llu %llu\n", (unsigned long long)i, (unsigned long long)x,
                   (unsigned long long)y);
    }
    printf("jit_flag_walk: %llu %llx\n", (unsigned long long)sum, (unsigned long long)mix);
    return 0;
}
