/* 64-bit and 32-bit code mixed: extended-register operands (UXTB/SXTH/SXTW
 * with shifts), 32-bit results zero-extended into 64-bit registers. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static uint64_t add_sxtw(uint64_t a, uint32_t b)
{
    uint64_t r;
    __asm__("add %0, %1, %w2, sxtw #2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t sub_uxtb(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("sub %0, %1, %w2, uxtb #1" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t adds_sxth(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("adds %0, %1, %w2, sxth\n\tcinc %0, %0, mi" : "=r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}
static uint64_t w_result(uint64_t a)
{
    uint64_t r = ~0ull;
    __asm__("add %w0, %w1, #1" : "+r"(r) : "r"(a));
    return r;
}

int main(void)
{
    uint64_t h = GUEST_HASH_INIT;
    for (unsigned i = 0; i < GUEST_NEDGES; i++)
        for (unsigned j = 0; j < GUEST_NEDGES; j++) {
            uint64_t a = guest_edges[i], b = guest_edges[j];
            int32_t s32 = (int32_t)b;
            uint32_t u32 = (uint32_t)b;
            int16_t s16 = (int16_t)b;
            uint8_t u8 = (uint8_t)b;
            h = guest_mix(h, a + s32);
            h = guest_mix(h, a + u32);
            h = guest_mix(h, a - ((int64_t)s16 << 3));
            h = guest_mix(h, a + ((uint64_t)u8 << 4));
            h = guest_mix(h, (uint64_t)((int64_t)(int32_t)a * s32));
            h = guest_mix(h, (uint64_t)(uint32_t)(a + b));
            h = guest_mix(h, (uint64_t)(int64_t)(int32_t)(a - b));
            h = guest_mix(h, add_sxtw(a, u32));
            h = guest_mix(h, sub_uxtb(a, b));
            h = guest_mix(h, adds_sxth(a, b));
            h = guest_mix(h, w_result(a));
        }
    printf("add_sxtw(100,-1)=%" PRId64 " sub_uxtb(0,0x1ff)=%" PRId64 " w_result(0xffffffff)=%" PRIx64
           "\n",
           (int64_t)add_sxtw(100, 0xffffffffu), (int64_t)sub_uxtb(0, 0x1ff), w_result(0xffffffffu));
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
