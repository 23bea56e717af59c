/* Conditional select family (CSEL/CSINC/CSINV/CSNEG, CSET/CSETM/CINC/CNEG)
 * and conditional compares (CCMP/CCMN, register and immediate forms). */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static uint64_t t_csinc(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("cmp %1, %2\n\tcsinc %0, %1, %2, lt" : "=r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}
static uint64_t t_csinv(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("cmp %1, %2\n\tcsinv %0, %1, %2, hi" : "=r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}
static uint64_t t_csneg(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("cmp %w1, %w2\n\tcsneg %w0, %w1, %w2, ge" : "=r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}
static uint64_t t_csetm(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("cmp %1, %2\n\tcsetm %0, ne" : "=r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}
/* a == 5 && b > c (signed), as a CCMP chain. */
static uint64_t t_ccmp(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t r;
    __asm__("cmp %1, #5\n\tccmp %2, %3, #0, eq\n\tcset %0, gt"
            : "=r"(r) : "r"(a), "r"(b), "r"(c) : "cc");
    return r;
}
/* a != 0 || b == -c, as a CCMN chain with the immediate form too. */
static uint64_t t_ccmn(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t r;
    __asm__("cmp %w1, #0\n\tccmn %w2, %w3, #4, eq\n\tccmn %2, #3, #2, ne\n\tcset %0, cs"
            : "=r"(r) : "r"(a), "r"(b), "r"(c) : "cc");
    return r;
}
/* Raw NZCV after CCMP with a failed condition: the immediate flags are used. */
static uint64_t t_ccmp_nzcv(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("cmp %1, %2\n\tccmp %1, #31, #0xa, lo\n\tmrs %0, nzcv"
            : "=r"(r) : "r"(a), "r"(b) : "cc");
    return r >> 28;
}

/* Ordinary C the compiler turns into CSEL chains at -O2. */
static int64_t clamp(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }
static int64_t iabs(int64_t v) { return v < 0 ? -v : v; }

int main(void)
{
    uint64_t h = GUEST_HASH_INIT;
    for (unsigned i = 0; i < GUEST_NEDGES; i++)
        for (unsigned j = 0; j < GUEST_NEDGES; j++) {
            uint64_t a = guest_edges[i], b = guest_edges[j];
            uint64_t c = guest_edges[(i + j) % GUEST_NEDGES];
            h = guest_mix(h, t_csinc(a, b));
            h = guest_mix(h, t_csinv(a, b));
            h = guest_mix(h, t_csneg(a, b));
            h = guest_mix(h, t_csetm(a, b));
            h = guest_mix(h, t_ccmp(i == j ? 5 : a, b, c));
            h = guest_mix(h, t_ccmn(a, b, c));
            h = guest_mix(h, t_ccmp_nzcv(a, b));
            h = guest_mix(h, (uint64_t)clamp((int64_t)a, -1000, (int64_t)b));
            h = guest_mix(h, (uint64_t)iabs((int64_t)a));
            h = guest_mix(h, a > b ? a + 1 : ~b);
            h = guest_mix(h, (int32_t)a < (int32_t)b ? -(int64_t)a : (int64_t)b);
        }
    printf("ccmp(5,3,2)=%" PRIu64 " ccmp(4,3,2)=%" PRIu64 " ccmn(0,5,-5)=%" PRIu64
           " nzcv(1,2)=%" PRIx64 " nzcv(2,1)=%" PRIx64 "\n",
           t_ccmp(5, 3, 2), t_ccmp(4, 3, 2), t_ccmn(0, 5, (uint64_t)-5), t_ccmp_nzcv(1, 2),
           t_ccmp_nzcv(2, 1));
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
