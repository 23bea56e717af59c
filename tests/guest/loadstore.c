/* Every load/store size and addressing mode the compiler emits: arrays
 * indexed by int/long/short (scaled and extended register offsets), pre- and
 * post-index loops, pairs (LDP/STP), unscaled offsets, literal loads. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "guest.h"

#define N 97

static uint8_t a8[N];
static uint16_t a16[N];
static uint32_t a32[N];
static uint64_t a64[N];
struct pair {
    uint64_t x, y;
};
static struct pair pairs[N];

static uint64_t sum_by_int(const uint32_t *p, int n)
{
    uint64_t s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}
static uint64_t sum_by_short(const uint16_t *p, short n)
{
    uint64_t s = 0;
    for (short i = 0; i < n; i++)
        s += p[i] * (uint64_t)(i + 1);
    return s;
}
static uint64_t sum_by_long(const uint64_t *p, long n)
{
    uint64_t s = 0;
    for (long i = n - 1; i >= 0; i--)
        s ^= p[i] + (uint64_t)i;
    return s;
}
/* *p++ loops: post-index addressing. */
static void copy_post(uint8_t *d, const uint8_t *s, int n)
{
    while (n--)
        *d++ = *s++;
}
/* *++p loops: pre-index addressing. */
static uint64_t sum_pre(const uint64_t *p, int n)
{
    uint64_t s = 0;
    p--;
    while (n--)
        s += *++p;
    return s;
}

static uint64_t ldr_pre(uint64_t *p, uint64_t **after)
{
    uint64_t v;
    __asm__("ldr %0, [%1, #16]!" : "=r"(v), "+r"(p) : : "memory");
    *after = p;
    return v;
}
static uint64_t ldp_post(uint64_t *p, uint64_t **after)
{
    uint64_t v, w;
    __asm__("ldp %0, %1, [%2], #-16" : "=r"(v), "=r"(w), "+r"(p) : : "memory");
    *after = p;
    return v ^ (w << 1);
}
static void stp_pre(uint32_t *p, uint32_t a, uint32_t b)
{
    __asm__ volatile("stp %w1, %w2, [%0, #8]!" : "+r"(p) : "r"(a), "r"(b) : "memory");
}
static uint64_t ldur(const uint8_t *p)
{
    uint64_t v;
    __asm__("ldur %0, [%1, #-3]" : "=r"(v) : "r"(p) : "memory");
    return v;
}
static uint64_t ldr_lit(void)
{
    uint64_t v;
    __asm__("ldr %0, 1f\n\tb 2f\n\t.balign 8\n1:\t.quad 0x1122334455667788\n2:" : "=r"(v));
    return v;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        uint64_t r = guest_rand();
        a8[i] = (uint8_t)r;
        a16[i] = (uint16_t)(r >> 8);
        a32[i] = (uint32_t)(r >> 16);
        a64[i] = r;
        pairs[i].x = r ^ 0x5555;
        pairs[i].y = ~r;
    }
    printf("int-indexed %016" PRIx64 "\n", sum_by_int(a32, OPAQUE(N)));
    printf("short-indexed %016" PRIx64 "\n", sum_by_short(a16, (short)OPAQUE(N)));
    printf("long-indexed %016" PRIx64 "\n", sum_by_long(a64, OPAQUE((long)N)));
    uint8_t buf[N + 16];
    memset(buf, 0xee, sizeof buf);
    copy_post(buf + 3, a8, OPAQUE(N));
    uint64_t h = GUEST_HASH_INIT;
    for (unsigned i = 0; i < sizeof buf; i++)
        h = guest_mix(h, buf[i]);
    printf("post-index copy %016" PRIx64 "\n", h);
    printf("pre-index sum %016" PRIx64 "\n", sum_pre(a64 + 1, OPAQUE(N - 1)));
    uint64_t *after;
    uint64_t v = ldr_pre(a64 + 4, &after);
    printf("ldr pre %016" PRIx64 " moved %d\n", v, (int)(after - a64));
    v = ldp_post(a64 + 10, &after);
    printf("ldp post %016" PRIx64 " moved %d\n", v, (int)(after - a64));
    static uint32_t w[4];
    stp_pre(w, 0xaaaa, 0xbbbb);
    printf("stp pre %x %x %x %x\n", w[0], w[1], w[2], w[3]);
    printf("ldur %016" PRIx64 " literal %016" PRIx64 "\n", ldur(buf + 8), ldr_lit());
    /* Structs of pairs: LDP/STP of 64-bit values. */
    struct pair acc = {0, 0};
    for (int i = 0; i < N; i++) {
        struct pair p = pairs[OPAQUE(i)];
        acc.x += p.y;
        acc.y ^= p.x;
        pairs[i] = (struct pair){p.y, p.x};
    }
    printf("pairs %016" PRIx64 " %016" PRIx64 " swapped0 %016" PRIx64 "\n", acc.x, acc.y,
           pairs[0].x);
    /* Unaligned accesses of every size. */
    uint8_t raw[32];
    for (int i = 0; i < 32; i++)
        raw[i] = (uint8_t)(i * 37 + 1);
    h = GUEST_HASH_INIT;
    for (int off = 0; off < 8; off++) {
        uint16_t x16;
        uint32_t x32;
        uint64_t x64;
        memcpy(&x16, raw + off, 2);
        memcpy(&x32, raw + off, 4);
        memcpy(&x64, raw + off, 8);
        h = guest_mix(h, x16 ^ x32 ^ x64);
        x64 = ~x64;
        memcpy(raw + 16 + off, &x64, 8);
    }
    for (int i = 0; i < 32; i++)
        h = guest_mix(h, raw[i]);
    printf("unaligned %016" PRIx64 "\n", h);
    return 0;
}
