/* SDIV/UDIV through inline asm, so division by zero (result 0) and
 * INT_MIN / -1 (result INT_MIN) are the hardware's defined cases, not C UB. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static int64_t sdiv64(int64_t a, int64_t b)
{
    int64_t r;
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t udiv64(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static int32_t sdiv32(int32_t a, int32_t b)
{
    int32_t r;
    __asm__ volatile("sdiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint32_t udiv32(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("udiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

int main(void)
{
    printf("sdiv64 7/0=%" PRId64 " min/-1=%" PRId64 " -7/2=%" PRId64 " 7/-2=%" PRId64 "\n",
           sdiv64(7, 0), sdiv64(INT64_MIN, -1), sdiv64(-7, 2), sdiv64(7, -2));
    printf("udiv64 7/0=%" PRIu64 " max/1=%" PRIu64 " max/2=%" PRIu64 "\n", udiv64(7, 0),
           udiv64(UINT64_MAX, 1), udiv64(UINT64_MAX, 2));
    printf("sdiv32 7/0=%d min/-1=%d -7/2=%d\n", sdiv32(7, 0), sdiv32(INT32_MIN, -1),
           sdiv32(-7, 2));
    printf("udiv32 7/0=%u max/3=%u\n", udiv32(7, 0), udiv32(UINT32_MAX, 3));
    /* The 32-bit forms must ignore the upper halves of the registers. */
    uint64_t big = 0xdead000000000010ull;
    uint32_t r32;
    __asm__ volatile("udiv %w0, %w1, %w2" : "=r"(r32) : "r"(big), "r"(0xff00000000000004ull));
    printf("udiv32 upper-ignored=%u\n", r32);
    uint64_t h = GUEST_HASH_INIT;
    for (unsigned i = 0; i < GUEST_NEDGES; i++)
        for (unsigned j = 0; j < GUEST_NEDGES; j++) {
            uint64_t a = guest_edges[i], b = guest_edges[j];
            h = guest_mix(h, (uint64_t)sdiv64((int64_t)a, (int64_t)b));
            h = guest_mix(h, udiv64(a, b));
            h = guest_mix(h, (uint64_t)sdiv32((int32_t)a, (int32_t)b));
            h = guest_mix(h, udiv32((uint32_t)a, (uint32_t)b));
            /* C remainder, compiled as MSUB after the divide. */
            if (b)
                h = guest_mix(h, a % b);
        }
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
