/* Shifts by immediate and by register (LSLV/LSRV/ASRV/RORV take the amount
 * modulo the width), rotates, EXTR, at 32 and 64 bits. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static uint64_t rorv64(uint64_t a, uint64_t n)
{
    uint64_t r;
    __asm__("ror %0, %1, %2" : "=r"(r) : "r"(a), "r"(n));
    return r;
}
static uint32_t rorv32(uint32_t a, uint64_t n)
{
    uint32_t r;
    __asm__("ror %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(n));
    return r;
}
static uint64_t lslv64(uint64_t a, uint64_t n)
{
    uint64_t r;
    __asm__("lsl %0, %1, %2" : "=r"(r) : "r"(a), "r"(n));
    return r;
}
static uint32_t asrv32(uint32_t a, uint64_t n)
{
    uint32_t r;
    __asm__("asr %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(n));
    return r;
}
static uint64_t extr(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("extr %0, %1, %2, #13" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

int main(void)
{
    uint64_t h = GUEST_HASH_INIT;
    for (unsigned i = 0; i < GUEST_NEDGES; i++) {
        uint64_t a = guest_edges[i];
        for (unsigned n = 0; n < 64; n++) {
            unsigned s = OPAQUE(n);
            h = guest_mix(h, a << s);
            h = guest_mix(h, a >> s);
            h = guest_mix(h, (uint64_t)((int64_t)a >> s));
            h = guest_mix(h, (uint32_t)a << (s & 31));
            h = guest_mix(h, (uint32_t)a >> (s & 31));
            h = guest_mix(h, (uint32_t)((int32_t)a >> (s & 31)));
            h = guest_mix(h, (a << s) | (a >> ((64 - s) & 63)));
        }
        /* Register amounts beyond the width wrap modulo the width. */
        for (uint64_t n = 60; n < 70; n++) {
            h = guest_mix(h, rorv64(a, n + 0x100));
            h = guest_mix(h, rorv32((uint32_t)a, n));
            h = guest_mix(h, lslv64(a, n));
            h = guest_mix(h, asrv32((uint32_t)a, n));
        }
        h = guest_mix(h, extr(a, guest_edges[(i + 5) % GUEST_NEDGES]));
    }
    printf("shift hash %016" PRIx64 "\n", h);
    printf("ror64(0x8000000000000001,1)=%016" PRIx64 " ror32(1,33)=%08x lsl(1,65)=%" PRIu64
           " asr32(0x80000000,35)=%08x\n",
           rorv64(0x8000000000000001ull, 1), rorv32(1, 33), lslv64(1, 65),
           asrv32(0x80000000u, 35));
    return 0;
}
