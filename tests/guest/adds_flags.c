/* Flag-setting arithmetic and carries: ADDS/SUBS/ADCS/SBCS/NGC, overflow
 * builtins, and multi-word additions. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static uint64_t adc_chain(uint64_t a, uint64_t b, uint64_t *carry_out)
{
    uint64_t r, c;
    __asm__("adds %0, %2, %3\n\tadcs %0, %0, %3\n\tadc %1, xzr, xzr"
            : "=&r"(r), "=r"(c) : "r"(a), "r"(b) : "cc");
    *carry_out = c;
    return r;
}
static uint64_t sbc_chain(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("subs %0, %1, %2\n\tsbcs %w0, %w0, %w2\n\tngc %0, %0" : "=&r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}

int main(void)
{
    uint64_t h = GUEST_HASH_INIT;
    for (unsigned i = 0; i < GUEST_NEDGES; i++)
        for (unsigned j = 0; j < GUEST_NEDGES; j++) {
            uint64_t a = guest_edges[i], b = guest_edges[j], c;
            int64_t s;
            int32_t s32;
            uint32_t u32;
            h = guest_mix(h, __builtin_add_overflow((int64_t)a, (int64_t)b, &s));
            h = guest_mix(h, (uint64_t)s);
            h = guest_mix(h, __builtin_sub_overflow((int64_t)a, (int64_t)b, &s));
            h = guest_mix(h, __builtin_mul_overflow((int64_t)a, (int64_t)b, &s));
            h = guest_mix(h, __builtin_add_overflow((int32_t)a, (int32_t)b, &s32));
            h = guest_mix(h, __builtin_sub_overflow((uint32_t)a, (uint32_t)b, &u32));
            h = guest_mix(h, __builtin_mul_overflow((uint32_t)a, (uint32_t)b, &u32));
            h = guest_mix(h, __builtin_add_overflow(a, b, &c));
            h = guest_mix(h, adc_chain(a, b, &c));
            h = guest_mix(h, c);
            h = guest_mix(h, sbc_chain(a, b));
        }
    /* 256-bit addition with carries, word by word. */
    uint64_t x[4] = {~0ull, ~0ull, 5, 0}, y[4] = {1, 0, ~0ull, 7}, z[4];
    unsigned carry = 0;
    for (int k = 0; k < 4; k++) {
        uint64_t t;
        unsigned c1 = __builtin_add_overflow(x[k], y[k], &t);
        unsigned c2 = __builtin_add_overflow(t, (uint64_t)carry, &z[k]);
        carry = c1 | c2;
    }
    printf("sum %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " carry %u\n", z[3],
           z[2], z[1], z[0], carry);
    uint64_t co;
    printf("adc(max,1)=%" PRIx64 " carry=%" PRIu64 " sbc=%" PRIx64 "\n",
           adc_chain(~0ull, 1, &co), co, sbc_chain(5, 7));
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
