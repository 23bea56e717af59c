// GUEST_CFLAGS: -march=armv8-a+crypto
/* Carry-less multiplication: PMULL/PMULL2 on 64-bit lanes (vmull_p64,
 * vmull_high_p64) for a GHASH-style GF(2^128) multiply (Karatsuba, then a
 * reduction modulo x^128 + x^7 + x^2 + x + 1 with two more PMULLs, as GCM code
 * does), and the 8-bit polynomial forms vmull_p8/vmulq_p8 (PMULL.8B, PMUL).
 * Everything is checked against a bit-by-bit C implementation. */
#include <arm_neon.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

struct u128 {
    uint64_t lo, hi;
};

static struct u128 clmul64_sw(uint64_t a, uint64_t b)
{
    struct u128 r = {0, 0};
    for (int i = 0; i < 64; i++)
        if (b >> i & 1) {
            r.lo ^= a << i;
            r.hi ^= i ? a >> (64 - i) : 0;
        }
    return r;
}

static struct u128 from_poly(poly128_t p)
{
    uint64x2_t v = vreinterpretq_u64_p128(p);
    return (struct u128){vgetq_lane_u64(v, 0), vgetq_lane_u64(v, 1)};
}

/* GF(2^128) product with x^128 = x^7 + x^2 + x + 1, software: shift-and-add. */
static struct u128 gfmul_sw(struct u128 a, struct u128 b)
{
    struct u128 r = {0, 0};
    for (int i = 127; i >= 0; i--) {
        /* r *= x */
        uint64_t carry = r.hi >> 63;
        r.hi = r.hi << 1 | r.lo >> 63;
        r.lo = r.lo << 1 ^ (carry ? 0x87 : 0);
        if ((i >= 64 ? b.hi >> (i - 64) : b.lo >> i) & 1) {
            r.lo ^= a.lo;
            r.hi ^= a.hi;
        }
    }
    return r;
}

/* The same with PMULL: Karatsuba 256-bit product, then fold the high half
 * twice by multiplying with 0x87. */
static uint64x2_t gfmul_hw(uint64x2_t a, uint64x2_t b)
{
    poly64_t a0 = (poly64_t)vgetq_lane_u64(a, 0), a1 = (poly64_t)vgetq_lane_u64(a, 1);
    poly64_t b0 = (poly64_t)vgetq_lane_u64(b, 0), b1 = (poly64_t)vgetq_lane_u64(b, 1);
    uint64x2_t lo = vreinterpretq_u64_p128(vmull_p64(a0, b0));
    uint64x2_t hi = vreinterpretq_u64_p128(
        vmull_high_p64(vreinterpretq_p64_u64(a), vreinterpretq_p64_u64(b)));
    uint64x2_t mid = vreinterpretq_u64_p128(
        vmull_p64((poly64_t)(a0 ^ a1), (poly64_t)(b0 ^ b1)));
    mid = veorq_u64(mid, veorq_u64(lo, hi));
    /* 256-bit product p3:p2:p1:p0 */
    uint64x2_t zero = vdupq_n_u64(0);
    lo = veorq_u64(lo, vextq_u64(zero, mid, 1));
    hi = veorq_u64(hi, vextq_u64(mid, zero, 1));
    /* Fold hi (bits 255:128) into lo: hi * 0x87. */
    poly64_t poly = (poly64_t)0x87;
    uint64x2_t t1 = vreinterpretq_u64_p128(vmull_p64((poly64_t)vgetq_lane_u64(hi, 1), poly));
    uint64x2_t t0 = vreinterpretq_u64_p128(vmull_p64((poly64_t)vgetq_lane_u64(hi, 0), poly));
    /* t1 sits at bits 191:64; its top lane spills past 128 again. */
    lo = veorq_u64(lo, t0);
    lo = veorq_u64(lo, vextq_u64(zero, t1, 1));
    uint64x2_t t2 = vreinterpretq_u64_p128(vmull_p64((poly64_t)vgetq_lane_u64(t1, 1), poly));
    return veorq_u64(lo, t2);
}

int main(void)
{
    poly128_t p = vmull_p64((poly64_t)OPAQUE(0x8000000000000001ull), (poly64_t)0x3ull);
    struct u128 r = from_poly(p);
    printf("pmull(8000000000000001, 3) = %016llx%016llx\n", (unsigned long long)r.hi,
           (unsigned long long)r.lo);
    int bad64 = 0, badgf = 0, bad8 = 0;
    uint64_t h = GUEST_HASH_INIT;
    for (int i = 0; i < 500; i++) {
        uint64_t a = guest_rand(), b = guest_rand();
        if (i < 4)
            a = i & 1 ? ~0ull : 1ull << 63, b = i & 2 ? ~0ull : b;
        struct u128 s = clmul64_sw(a, b), hw = from_poly(vmull_p64((poly64_t)a, (poly64_t)b));
        bad64 += s.lo != hw.lo || s.hi != hw.hi;
        uint64x2_t va = vcombine_u64(vcreate_u64(b), vcreate_u64(a));
        uint64x2_t vb = vcombine_u64(vcreate_u64(guest_rand()), vcreate_u64(a ^ b));
        struct u128 h2 = from_poly(
            vmull_high_p64(vreinterpretq_p64_u64(va), vreinterpretq_p64_u64(vb)));
        struct u128 s2 = clmul64_sw(a, a ^ b);
        bad64 += s2.lo != h2.lo || s2.hi != h2.hi;
        h = guest_mix(h, hw.lo);
        h = guest_mix(h, hw.hi);
        h = guest_mix(h, h2.hi);
    }
    /* A GHASH-like accumulation: y = (y ^ block) * H over a stream of blocks. */
    struct u128 H = {guest_rand(), guest_rand()}, ys = {0, 0};
    uint64x2_t yh = vdupq_n_u64(0), Hv = vcombine_u64(vcreate_u64(H.lo), vcreate_u64(H.hi));
    for (int i = 0; i < 64; i++) {
        struct u128 blk = {guest_rand(), guest_rand()};
        ys.lo ^= blk.lo;
        ys.hi ^= blk.hi;
        ys = gfmul_sw(ys, H);
        yh = veorq_u64(yh, vcombine_u64(vcreate_u64(blk.lo), vcreate_u64(blk.hi)));
        yh = gfmul_hw(yh, Hv);
        badgf += vgetq_lane_u64(yh, 0) != ys.lo || vgetq_lane_u64(yh, 1) != ys.hi;
    }
    printf("ghash-style: %016llx%016llx (software %016llx%016llx)\n",
           (unsigned long long)vgetq_lane_u64(yh, 1), (unsigned long long)vgetq_lane_u64(yh, 0),
           (unsigned long long)ys.hi, (unsigned long long)ys.lo);
    /* 8-bit polynomial multiplies. */
    for (int i = 0; i < 200; i++) {
        uint64_t a = guest_rand(), b = guest_rand();
        poly16x8_t w = vmull_p8(vcreate_p8(a), vcreate_p8(b));
        poly8x16_t m = vmulq_p8(vreinterpretq_p8_u64(vdupq_n_u64(a)),
                                vreinterpretq_p8_u64(vdupq_n_u64(b)));
        uint16_t wl[8];
        uint8_t ml[16];
        vst1q_u16(wl, vreinterpretq_u16_p16(w));
        vst1q_u8(ml, vreinterpretq_u8_p8(m));
        for (int k = 0; k < 8; k++) {
            struct u128 s = clmul64_sw(a >> (8 * k) & 0xff, b >> (8 * k) & 0xff);
            bad8 += wl[k] != (uint16_t)s.lo || ml[k] != (uint8_t)s.lo || ml[k + 8] != ml[k];
            h = guest_mix(h, wl[k]);
        }
    }
    printf("mismatches: pmull64 %d, gf128 %d, pmull8/pmul %d; hash %016llx\n", bad64, badgf,
           bad8, (unsigned long long)h);
    return 0;
}
