/* 64x64->128 multiplies (UMULH/SMULH, MADD/MSUB, UMADDL/SMADDL) and
 * 128-bit arithmetic through __int128. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

typedef unsigned __int128 u128;
typedef __int128 s128;

int main(void)
{
    uint64_t h = GUEST_HASH_INIT;
    for (unsigned i = 0; i < GUEST_NEDGES; i++)
        for (unsigned j = 0; j < GUEST_NEDGES; j++) {
            uint64_t a = OPAQUE(guest_edges[i]), b = OPAQUE(guest_edges[j]);
            u128 u = (u128)a * b;
            s128 s = (s128)(int64_t)a * (int64_t)b;
            h = guest_mix(h, (uint64_t)(u >> 64));
            h = guest_mix(h, (uint64_t)u);
            h = guest_mix(h, (uint64_t)(s >> 64));
            h = guest_mix(h, (uint64_t)((int64_t)(int32_t)a * (int64_t)(int32_t)b));
            h = guest_mix(h, (uint64_t)(uint32_t)a * (uint32_t)b);
            h = guest_mix(h, a * b + i);
            h = guest_mix(h, j - a * b);
        }
    printf("edges hash %016" PRIx64 "\n", h);
    for (int k = 0; k < 8; k++) {
        uint64_t a = guest_rand(), b = guest_rand();
        u128 u = (u128)a * b;
        s128 s = (s128)(int64_t)a * (int64_t)b;
        printf("%016" PRIx64 " * %016" PRIx64 " = u %016" PRIx64 "%016" PRIx64 " s %016" PRIx64
               "%016" PRIx64 "\n",
               a, b, (uint64_t)(u >> 64), (uint64_t)u, (uint64_t)((u128)s >> 64), (uint64_t)s);
    }
    /* 128-bit division goes through libgcc (__udivti3), shifts and adds with carry. */
    u128 x = ((u128)OPAQUE(0x0123456789abcdefull) << 64) | OPAQUE(0xfedcba9876543210ull);
    u128 q = x / OPAQUE(1000000007ull), r = x % OPAQUE(1000000007ull);
    u128 y = x + x + (x >> 3) - (x << 5);
    printf("q %016" PRIx64 "%016" PRIx64 " r %" PRIu64 " y %016" PRIx64 "%016" PRIx64 "\n",
           (uint64_t)(q >> 64), (uint64_t)q, (uint64_t)r, (uint64_t)(y >> 64), (uint64_t)y);
    return 0;
}
