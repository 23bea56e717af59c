/* arm_neon.h permutes: table lookups vtbl/vtbx/vqtbl1q..4q (out-of-range
 * indices give 0 or keep the old byte), vzip/vuzp/vtrn at every element size,
 * vext, vrev16/32/64, lane insert/extract/dup, vcombine/vget_high, and a
 * byte-shuffle based hex encoder and 4x4 transpose as real code does them. */
#include <arm_neon.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

static void p8(const char *name, uint8x16_t v)
{
    uint8_t b[16];
    vst1q_u8(b, v);
    printf("%-12s", name);
    for (int i = 0; i < 16; i++)
        printf(" %02x", b[i]);
    printf("\n");
}

static void p8d(const char *name, uint8x8_t v)
{
    p8(name, vcombine_u8(v, vdup_n_u8(0xee)));
}

int main(void)
{
    uint8_t src[64];
    for (int i = 0; i < 64; i++)
        src[i] = (uint8_t)(i * 7 + 3);
    uint8x16_t a = vld1q_u8(src), b = vld1q_u8(src + 16), c = vld1q_u8(src + 32),
               d = vld1q_u8(src + 48);
    const uint8_t idx_bytes[16] = {0, 17, 5, 31, 32, 63, 64, 255, 15, 14, 47, 48, 1, 2, 100, 3};
    uint8x16_t idx = vld1q_u8(idx_bytes);
    p8("qtbl1", vqtbl1q_u8(a, idx));
    p8("qtbl2", vqtbl2q_u8((uint8x16x2_t){{a, b}}, idx));
    p8("qtbl3", vqtbl3q_u8((uint8x16x3_t){{a, b, c}}, idx));
    p8("qtbl4", vqtbl4q_u8((uint8x16x4_t){{a, b, c, d}}, idx));
    p8("qtbx1", vqtbx1q_u8(vdupq_n_u8(0xaa), a, idx));
    p8("qtbx2", vqtbx2q_u8(vdupq_n_u8(0xbb), (uint8x16x2_t){{a, b}}, idx));
    p8("qtbx4", vqtbx4q_u8(d, (uint8x16x4_t){{a, b, c, d}}, idx));
    p8d("tbl1", vtbl1_u8(vget_low_u8(a), vget_low_u8(idx)));
    p8d("tbl2", vtbl2_u8((uint8x8x2_t){{vget_low_u8(a), vget_high_u8(a)}}, vget_low_u8(idx)));
    p8d("tbx1", vtbx1_u8(vdup_n_u8(0x55), vget_low_u8(b), vget_high_u8(idx)));
    p8d("qtbl1 8b", vqtbl1_u8(b, vget_high_u8(idx)));

    p8("zip1.16b", vzip1q_u8(a, b));
    p8("zip2.16b", vzip2q_u8(a, b));
    p8("uzp1.8h", vreinterpretq_u8_u16(vuzp1q_u16(vreinterpretq_u16_u8(a), vreinterpretq_u16_u8(b))));
    p8("uzp2.4s", vreinterpretq_u8_u32(vuzp2q_u32(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b))));
    p8("trn1.16b", vtrn1q_u8(a, b));
    p8("trn2.8h", vreinterpretq_u8_u16(vtrn2q_u16(vreinterpretq_u16_u8(a), vreinterpretq_u16_u8(b))));
    p8("zip1.2d", vreinterpretq_u8_u64(vzip1q_u64(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b))));
    p8("trn2.2d", vreinterpretq_u8_u64(vtrn2q_u64(vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b))));
    uint8x8x2_t z = vzip_u8(vget_low_u8(a), vget_low_u8(c));
    p8("vzip_u8", vcombine_u8(z.val[0], z.val[1]));
    uint16x4x2_t u = vuzp_u16(vreinterpret_u16_u8(vget_low_u8(b)), vreinterpret_u16_u8(vget_low_u8(d)));
    p8("vuzp_u16", vreinterpretq_u8_u16(vcombine_u16(u.val[0], u.val[1])));
    uint32x2x2_t t = vtrn_u32(vreinterpret_u32_u8(vget_low_u8(a)), vreinterpret_u32_u8(vget_high_u8(a)));
    p8("vtrn_u32", vreinterpretq_u8_u32(vcombine_u32(t.val[0], t.val[1])));

    p8("ext3", vextq_u8(a, b, 3));
    p8("ext15", vextq_u8(a, b, 15));
    p8d("ext 8b 5", vext_u8(vget_low_u8(a), vget_low_u8(b), 5));
    p8("ext.8h 6", vreinterpretq_u8_u16(vextq_u16(vreinterpretq_u16_u8(c), vreinterpretq_u16_u8(d), 6)));
    p8("rev16", vrev16q_u8(a));
    p8("rev32", vrev32q_u8(a));
    p8("rev64", vrev64q_u8(a));
    p8("rev64.4s", vreinterpretq_u8_u32(vrev64q_u32(vreinterpretq_u32_u8(a))));
    p8("dup lane", vdupq_laneq_u8(b, 13));
    p8("dup.8h", vreinterpretq_u8_u16(vdupq_laneq_u16(vreinterpretq_u16_u8(c), 7)));
    p8("ins", vsetq_lane_u8(0x99, vreinterpretq_u8_u32(vsetq_lane_u32(0x11223344, vreinterpretq_u32_u8(a), 2)), 1));
    p8("ins elem", vcopyq_laneq_u8(a, 4, d, 11));
    p8("ins.2d", vreinterpretq_u8_u64(vcopyq_laneq_u64(vreinterpretq_u64_u8(a), 0, vreinterpretq_u64_u8(b), 1)));
    p8("combine", vcombine_u8(vget_high_u8(a), vget_low_u8(d)));
    printf("umov %u %u %u %llu smov %d %d\n", vgetq_lane_u8(a, 15), vgetq_lane_u16(vreinterpretq_u16_u8(b), 3),
           vgetq_lane_u32(vreinterpretq_u32_u8(c), 2), (unsigned long long)vgetq_lane_u64(vreinterpretq_u64_u8(d), 1),
           (int)vgetq_lane_s8(vreinterpretq_s8_u8(d), 9), (int)vgetq_lane_s16(vreinterpretq_s16_u8(c), 5));

    /* Hex encoding with a 16-entry lookup table, as base16 codecs do. */
    static const char hexdigits[] = "0123456789abcdef";
    uint8x16_t lut = vld1q_u8((const uint8_t *)hexdigits);
    uint8_t msg[32];
    for (int i = 0; i < 32; i++)
        msg[i] = (uint8_t)guest_rand();
    char hex[65];
    for (int i = 0; i < 32; i += 16) {
        uint8x16_t in = vld1q_u8(msg + i);
        uint8x16_t hi = vqtbl1q_u8(lut, vshrq_n_u8(in, 4));
        uint8x16_t lo = vqtbl1q_u8(lut, vandq_u8(in, vdupq_n_u8(15)));
        vst2q_u8((uint8_t *)hex + 2 * i, (uint8x16x2_t){{hi, lo}});
    }
    hex[64] = 0;
    printf("hex %s\n", hex);

    /* 4x4 transpose of 32-bit words via trn1/trn2 at two sizes. */
    uint32_t m[16], mt[16];
    for (int i = 0; i < 16; i++)
        m[i] = (uint32_t)(i * 0x01010101u);
    uint32x4_t r0 = vld1q_u32(m), r1 = vld1q_u32(m + 4), r2 = vld1q_u32(m + 8), r3 = vld1q_u32(m + 12);
    uint32x4_t t0 = vtrn1q_u32(r0, r1), t1 = vtrn2q_u32(r0, r1), t2 = vtrn1q_u32(r2, r3),
               t3 = vtrn2q_u32(r2, r3);
    #define Q64(x) vreinterpretq_u64_u32(x)
    #define Q32(x) vreinterpretq_u32_u64(x)
    vst1q_u32(mt, Q32(vtrn1q_u64(Q64(t0), Q64(t2))));
    vst1q_u32(mt + 4, Q32(vtrn1q_u64(Q64(t1), Q64(t3))));
    vst1q_u32(mt + 8, Q32(vtrn2q_u64(Q64(t0), Q64(t2))));
    vst1q_u32(mt + 12, Q32(vtrn2q_u64(Q64(t1), Q64(t3))));
    int ok = 1;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            ok &= mt[i * 4 + j] == m[j * 4 + i];
    printf("transpose %s %08x %08x\n", ok ? "ok" : "BAD", mt[1], mt[14]);

    /* Random-index table lookups, hashed. */
    uint64_t h = GUEST_HASH_INIT;
    for (int i = 0; i < 300; i++) {
        uint8x16_t ix = vreinterpretq_u8_u64(vcombine_u64(vcreate_u64(guest_rand()), vcreate_u64(guest_rand())));
        ix = vandq_u8(ix, vdupq_n_u8(0x4f));
        uint8x16_t r = vqtbx3q_u8(ix, (uint8x16x3_t){{a, b, c}}, ix);
        r = veorq_u8(r, vqtbl2q_u8((uint8x16x2_t){{d, a}}, vrev64q_u8(ix)));
        r = i & 15 ? vextq_u8(r, vzip2q_u8(r, ix), 7) : vextq_u8(r, vzip2q_u8(r, ix), 9);
        h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u8(r), 0));
        h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u8(r), 1));
    }
    printf("random tbl hash %016llx\n", (unsigned long long)h);
    return 0;
}
