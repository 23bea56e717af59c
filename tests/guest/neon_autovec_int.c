// GUEST_OPTFLAGS: -O3
/* -O3 auto-vectorised integer loops over int8/int16/int32/int64 (and unsigned):
 * sums, dot products, min/max, abs, widening multiplies, clamps, shifts,
 * reductions, conditional selects. At -O3 GCC emits ADDV/SMAXV/UMINV, SADDLP/
 * UADALP, SMULL/UMLAL, SQXTN/XTN, CMGT/BSL/BIF, ABS, SSHR/USHR... The O0
 * variants compute the same results with scalar code. */
#include <stdint.h>
#include <stdlib.h>
#include "guest.h"

#define N 1003 /* not a multiple of the vector length: the tails run too */

static int8_t a8[N], b8[N];
static uint8_t u8a[N], u8b[N];
static int16_t a16[N], b16[N];
static uint16_t u16a[N];
static int32_t a32[N], b32[N];
static int64_t a64[N], b64[N];
static uint64_t h = GUEST_HASH_INIT;

static void out(const char *name, uint64_t v)
{
    h = guest_mix(h, v);
    printf("%-16s %016llx\n", name, (unsigned long long)v);
}

#define HASH_ARRAY(arr, n)                                                                         \
    ({                                                                                             \
        uint64_t hh_ = GUEST_HASH_INIT;                                                           \
        for (int i_ = 0; i_ < (n); i_++)                                                          \
            hh_ = guest_mix(hh_, (uint64_t)(arr)[i_]);                                             \
        hh_;                                                                                       \
    })

__attribute__((noinline)) static int32_t sum8(const int8_t *p, int n)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

__attribute__((noinline)) static uint32_t sumu8(const uint8_t *p, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

__attribute__((noinline)) static int64_t sum32(const int32_t *p, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

__attribute__((noinline)) static int32_t dot16(const int16_t *x, const int16_t *y, int n)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

__attribute__((noinline)) static int64_t dot32(const int32_t *x, const int32_t *y, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        s += (int64_t)x[i] * y[i];
    return s;
}

__attribute__((noinline)) static uint32_t sad8(const uint8_t *x, const uint8_t *y, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += abs(x[i] - y[i]);
    return s;
}

__attribute__((noinline)) static void minmax8(const int8_t *p, int n, int8_t *mn, int8_t *mx)
{
    int8_t lo = 127, hi = -128;
    for (int i = 0; i < n; i++) {
        lo = p[i] < lo ? p[i] : lo;
        hi = p[i] > hi ? p[i] : hi;
    }
    *mn = lo;
    *mx = hi;
}

__attribute__((noinline)) static uint16_t maxu16(const uint16_t *p, int n)
{
    uint16_t m = 0;
    for (int i = 0; i < n; i++)
        m = p[i] > m ? p[i] : m;
    return m;
}

__attribute__((noinline)) static int64_t min64(const int64_t *p, int n)
{
    int64_t m = INT64_MAX;
    for (int i = 0; i < n; i++)
        m = p[i] < m ? p[i] : m;
    return m;
}

__attribute__((noinline)) static void abs16(int16_t *d, const int16_t *s, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (int16_t)(s[i] < 0 ? -s[i] : s[i]);
}

__attribute__((noinline)) static void widen_mul8(int16_t *d, const int8_t *x, const int8_t *y, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (int16_t)(x[i] * y[i]);
}

__attribute__((noinline)) static void widen_mul32(int64_t *d, const int32_t *x, const int32_t *y,
                                                  int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (int64_t)x[i] * y[i];
}

__attribute__((noinline)) static void clamp_u8(uint8_t *d, const int16_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        int v = s[i] >> 3;
        d[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

__attribute__((noinline)) static void clamp_s16(int16_t *d, const int32_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        int32_t v = s[i] / 4096;
        d[i] = (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
    }
}

__attribute__((noinline)) static void sat_add_u8(uint8_t *d, const uint8_t *x, const uint8_t *y,
                                                 int n)
{
    for (int i = 0; i < n; i++) {
        unsigned v = x[i] + y[i];
        d[i] = (uint8_t)(v > 255 ? 255 : v);
    }
}

__attribute__((noinline)) static void avg_u8(uint8_t *d, const uint8_t *x, const uint8_t *y, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (uint8_t)((x[i] + y[i] + 1) >> 1);
}

__attribute__((noinline)) static void shifts64(int64_t *d, const int64_t *x, const int64_t *y,
                                               int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (x[i] >> 7) ^ (int64_t)((uint64_t)y[i] << 3) ^ (int64_t)((uint64_t)x[i] >> 61);
}

__attribute__((noinline)) static void select32(int32_t *d, const int32_t *x, const int32_t *y,
                                               int n)
{
    for (int i = 0; i < n; i++)
        d[i] = x[i] > y[i] ? x[i] - y[i] : (y[i] & 0xff) * 3;
}

__attribute__((noinline)) static void mla16(int16_t *d, const int16_t *x, const int16_t *y, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (int16_t)(d[i] + x[i] * y[i] - (x[i] >> 2));
}

__attribute__((noinline)) static void narrow32(uint8_t *d, const int32_t *s, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (uint8_t)(s[i] >> 4);
}

__attribute__((noinline)) static uint32_t popcount_sum(const uint64_t *s, int n)
{
    uint32_t c = 0;
    for (int i = 0; i < n; i++)
        c += (uint32_t)__builtin_popcountll(s[i]);
    return c;
}

__attribute__((noinline)) static uint64_t xor_reduce(const int64_t *s, int n)
{
    uint64_t x = 0;
    for (int i = 0; i < n; i++)
        x ^= (uint64_t)s[i] * 0x9e3779b97f4a7c15ull;
    return x;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        uint64_t r = guest_rand();
        a8[i] = (int8_t)r;
        b8[i] = (int8_t)(r >> 8);
        u8a[i] = (uint8_t)(r >> 16);
        u8b[i] = (uint8_t)(r >> 24);
        a16[i] = (int16_t)(r >> 32);
        b16[i] = (int16_t)(r >> 48);
        u16a[i] = (uint16_t)(r >> 20);
        r = guest_rand();
        a32[i] = (int32_t)r;
        b32[i] = (int32_t)(r >> 32);
        a64[i] = (int64_t)guest_rand();
        b64[i] = (int64_t)guest_rand();
    }
    a8[5] = -128;
    a16[7] = -32768;
    out("sum8", (uint64_t)sum8(a8, N));
    out("sumu8", sumu8(u8a, N));
    out("sum32", (uint64_t)sum32(a32, N));
    out("dot16", (uint64_t)dot16(a16, b16, N));
    out("dot32", (uint64_t)dot32(a32, b32, N));
    out("sad8", sad8(u8a, u8b, N));
    int8_t mn, mx;
    minmax8(a8, N, &mn, &mx);
    out("minmax8", (uint64_t)(uint8_t)mn << 8 | (uint8_t)mx);
    out("maxu16", maxu16(u16a, N));
    out("min64", (uint64_t)min64(a64, N));

    static int16_t d16[N];
    static int64_t d64[N];
    static uint8_t du8[N];
    static int32_t d32[N];
    abs16(d16, a16, N);
    out("abs16", HASH_ARRAY(d16, N));
    widen_mul8(d16, a8, b8, N);
    out("widen_mul8", HASH_ARRAY(d16, N));
    widen_mul32(d64, a32, b32, N);
    out("widen_mul32", HASH_ARRAY(d64, N));
    clamp_u8(du8, a16, N);
    out("clamp_u8", HASH_ARRAY(du8, N));
    clamp_s16(d16, a32, N);
    out("clamp_s16", HASH_ARRAY(d16, N));
    sat_add_u8(du8, u8a, u8b, N);
    out("sat_add_u8", HASH_ARRAY(du8, N));
    avg_u8(du8, u8a, u8b, N);
    out("avg_u8", HASH_ARRAY(du8, N));
    shifts64(d64, a64, b64, N);
    out("shifts64", HASH_ARRAY(d64, N));
    select32(d32, a32, b32, N);
    out("select32", HASH_ARRAY(d32, N));
    for (int i = 0; i < N; i++)
        d16[i] = (int16_t)i;
    mla16(d16, a16, b16, N);
    out("mla16", HASH_ARRAY(d16, N));
    narrow32(du8, a32, N);
    out("narrow32", HASH_ARRAY(du8, N));
    out("popcount_sum", popcount_sum((const uint64_t *)a64, N));
    out("xor_reduce", xor_reduce(b64, N));
    /* Short and odd lengths exercise the scalar prologue/epilogue paths. */
    for (int n = 0; n < 40; n += 3)
        h = guest_mix(h, (uint64_t)sum8(a8 + 1, n) ^ (uint64_t)dot16(a16 + 3, b16, n) << 20);
    printf("all %016llx\n", (unsigned long long)h);
    return 0;
}
