/* Struct bitfields and mask-and-shift idioms: UBFX/SBFX/UBFIZ/SBFIZ/BFI/BFXIL. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

struct packed {
    unsigned a : 3;
    signed b : 5;
    unsigned c : 12;
    signed d : 17;
    unsigned long long e : 27;
    signed long long f : 40;
};

static uint64_t bfxil(uint64_t d, uint64_t s)
{
    __asm__("bfxil %0, %1, #8, #16" : "+r"(d) : "r"(s));
    return d;
}
static uint64_t bfi(uint64_t d, uint64_t s)
{
    __asm__("bfi %0, %1, #20, #11" : "+r"(d) : "r"(s));
    return d;
}
static uint32_t sbfiz32(uint32_t s)
{
    uint32_t r;
    __asm__("sbfiz %w0, %w1, #4, #6" : "=r"(r) : "r"(s));
    return r;
}

int main(void)
{
    struct packed p = {0};
    uint64_t h = GUEST_HASH_INIT;
    for (int i = 0; i < 300; i++) {
        uint64_t r = guest_rand();
        p.a = r;
        p.b = r >> 3;
        p.c += r >> 8;
        p.d = (int)(r >> 20);
        p.e ^= r >> 30;
        p.f = (int64_t)r >> 7;
        h = guest_mix(h, p.a);
        h = guest_mix(h, (uint64_t)(int64_t)p.b);
        h = guest_mix(h, p.c);
        h = guest_mix(h, (uint64_t)(int64_t)p.d);
        h = guest_mix(h, p.e);
        h = guest_mix(h, (uint64_t)(int64_t)p.f);
        /* Extract / insert idioms the compiler turns into bitfield moves. */
        h = guest_mix(h, (r >> 13) & 0x7ff);
        h = guest_mix(h, (uint64_t)(((int64_t)r << 9) >> 50));
        h = guest_mix(h, (r & 0xffff) << 21);
        h = guest_mix(h, (r & ~0xff000ull) | ((r >> 40 & 0xff) << 12));
        h = guest_mix(h, (uint32_t)(((int32_t)(uint32_t)r << 3) >> 20));
        h = guest_mix(h, bfxil(r, ~r));
        h = guest_mix(h, bfi(r, r * 3));
        h = guest_mix(h, sbfiz32((uint32_t)r));
    }
    printf("last a=%u b=%d c=%u d=%d e=%llu f=%lld\n", p.a, p.b, p.c, p.d,
           (unsigned long long)p.e, (long long)p.f);
    printf("bfxil=%016" PRIx64 " bfi=%016" PRIx64 " sbfiz32=%08x\n",
           bfxil(0x1111111111111111ull, 0xabcdef), bfi(0, 0xffffffff), sbfiz32(0x20));
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
