/* CLZ/CLS/RBIT/REV/REV16/REV32 and popcount/ctz through builtins. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static uint64_t rbit64(uint64_t x)
{
    uint64_t r;
    __asm__("rbit %0, %1" : "=r"(r) : "r"(x));
    return r;
}
static uint32_t rbit32(uint32_t x)
{
    uint32_t r;
    __asm__("rbit %w0, %w1" : "=r"(r) : "r"(x));
    return r;
}
static uint64_t rev16(uint64_t x)
{
    uint64_t r;
    __asm__("rev16 %0, %1" : "=r"(r) : "r"(x));
    return r;
}
static uint64_t rev32(uint64_t x)
{
    uint64_t r;
    __asm__("rev32 %0, %1" : "=r"(r) : "r"(x));
    return r;
}
static uint64_t clz0(uint64_t x)
{
    uint64_t r;
    __asm__("clz %0, %1" : "=r"(r) : "r"(x));
    return r;
}

int main(void)
{
    for (unsigned i = 0; i < GUEST_NEDGES; i++) {
        uint64_t x = OPAQUE(guest_edges[i]);
        printf("%016" PRIx64 ": clz=%2" PRIu64 " clrsb=%2d clrsb32=%2d ctz=%2d pop=%2d rbit=%016" PRIx64
               " rbit32=%08x bswap=%016" PRIx64 " bswap32=%08x bswap16=%04x rev16=%016" PRIx64
               " rev32=%016" PRIx64 "\n",
               x, clz0(x), __builtin_clrsbll((long long)x), __builtin_clrsb((int)x),
               x ? __builtin_ctzll(x) : 64, __builtin_popcountll(x), rbit64(x), rbit32((uint32_t)x),
               __builtin_bswap64(x), __builtin_bswap32((uint32_t)x),
               __builtin_bswap16((uint16_t)x), rev16(x), rev32(x));
    }
    uint64_t h = GUEST_HASH_INIT;
    for (int k = 0; k < 1000; k++) {
        uint64_t x = guest_rand() >> (k % 64);
        h = guest_mix(h, x ? (uint64_t)__builtin_clzll(x) : 99);
        h = guest_mix(h, (uint32_t)x ? (uint64_t)__builtin_clz((uint32_t)x) : 99);
        h = guest_mix(h, (uint64_t)__builtin_parityll(x));
    }
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
