/* CFLAGS: -march=armv8.2-a+crypto+sha3+dotprod+rdma
 * Crypto, DotProd and RDM through arm_neon.h: SHA-256 of "abc" with the SHA256
 * instructions, then a random walk where every intrinsic feeds the next (many input
 * values per instruction), and the HWCAP / ID_AA64ISAR0 fields zarm advertises.
 * Compared with qemu-aarch64-static by run.sh. */
#include <arm_neon.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static const uint32_t k256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static void sha256_block(uint32_t st[8], const uint8_t *p)
{
    uint32x4_t abcd = vld1q_u32(st), efgh = vld1q_u32(st + 4), a0 = abcd, e0 = efgh;
    uint32x4_t m[4];
    for (int i = 0; i < 4; i++)
        m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p + 16 * i)));
    for (int j = 0; j < 16; j++) {
        uint32x4_t w = vaddq_u32(m[j & 3], vld1q_u32(k256 + 4 * j)), a = abcd;
        abcd = vsha256hq_u32(abcd, efgh, w);
        efgh = vsha256h2q_u32(efgh, a, w);
        if (j < 12)
            m[j & 3] = vsha256su1q_u32(vsha256su0q_u32(m[j & 3], m[(j + 1) & 3]), m[(j + 2) & 3],
                                       m[(j + 3) & 3]);
    }
    vst1q_u32(st, vaddq_u32(abcd, a0));
    vst1q_u32(st + 4, vaddq_u32(efgh, e0));
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}
static uint8x16_t rnd(void)
{
    uint64_t v[2] = {next(), next()};
    if ((v[0] & 7) == 0) /* now and then lanes at the saturation edges */
        v[0] = 0x8000800080008000ull, v[1] ^= 0x7fffffff80000000ull;
    return vreinterpretq_u8_u64(vld1q_u64(v));
}
static uint64_t fold(uint8x16_t v)
{
    return vgetq_lane_u64(vreinterpretq_u64_u8(v), 0) * 31 + vgetq_lane_u64(vreinterpretq_u64_u8(v), 1);
}

int main(void)
{
    uint32_t st[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    uint8_t blk[64] = {'a', 'b', 'c', 0x80};
    blk[63] = 24;
    sha256_block(st, blk);
    printf("sha256(abc) =");
    for (int i = 0; i < 8; i++)
        printf(" %08" PRIx32, st[i]);
    printf("\n");

    uint8x16_t s = rnd();
    uint64_t sum[24] = {0};
    for (int i = 0; i < 2000; i++) {
        uint8x16_t a = rnd(), b = rnd();
        uint8x16_t r[24];
        r[0] = vaeseq_u8(s, a);
        r[1] = vaesdq_u8(s, a);
        r[2] = vaesmcq_u8(a);
        r[3] = vaesimcq_u8(a);
        r[4] = vreinterpretq_u8_u32(vsha1cq_u32(vreinterpretq_u32_u8(s), (uint32_t)next(), vreinterpretq_u32_u8(a)));
        r[5] = vreinterpretq_u8_u32(vsha1pq_u32(vreinterpretq_u32_u8(s), (uint32_t)next(), vreinterpretq_u32_u8(a)));
        r[6] = vreinterpretq_u8_u32(vsha1mq_u32(vreinterpretq_u32_u8(s), (uint32_t)next(), vreinterpretq_u32_u8(a)));
        r[7] = vreinterpretq_u8_u32(vsha1su0q_u32(vreinterpretq_u32_u8(s), vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b)));
        r[8] = vreinterpretq_u8_u32(vsha1su1q_u32(vreinterpretq_u32_u8(s), vreinterpretq_u32_u8(a)));
        r[9] = vreinterpretq_u8_u32(vdupq_n_u32(vsha1h_u32((uint32_t)next())));
        r[10] = vreinterpretq_u8_u32(vsha256hq_u32(vreinterpretq_u32_u8(s), vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b)));
        r[11] = vreinterpretq_u8_u32(vsha256h2q_u32(vreinterpretq_u32_u8(s), vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b)));
        r[12] = vreinterpretq_u8_u32(vsha256su0q_u32(vreinterpretq_u32_u8(s), vreinterpretq_u32_u8(a)));
        r[13] = vreinterpretq_u8_u32(vsha256su1q_u32(vreinterpretq_u32_u8(s), vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b)));
        r[14] = vreinterpretq_u8_u64(vsha512hq_u64(vreinterpretq_u64_u8(s), vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b)));
        r[15] = vreinterpretq_u8_u64(vsha512h2q_u64(vreinterpretq_u64_u8(s), vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b)));
        r[16] = vreinterpretq_u8_u64(vsha512su0q_u64(vreinterpretq_u64_u8(s), vreinterpretq_u64_u8(a)));
        r[17] = vreinterpretq_u8_u64(vsha512su1q_u64(vreinterpretq_u64_u8(s), vreinterpretq_u64_u8(a), vreinterpretq_u64_u8(b)));
        r[18] = veor3q_u8(s, a, b);
        r[19] = vbcaxq_u8(s, a, b);
        r[20] = vreinterpretq_u8_p128(vmull_p64(vgetq_lane_u64(vreinterpretq_u64_u8(a), 0), vgetq_lane_u64(vreinterpretq_u64_u8(b), 1)));
        r[21] = vreinterpretq_u8_u32(vdotq_u32(vreinterpretq_u32_u8(s), a, b));
        r[22] = vreinterpretq_u8_s32(vdotq_laneq_s32(vreinterpretq_s32_u8(s), vreinterpretq_s8_u8(a), vreinterpretq_s8_u8(b), 3));
        r[23] = vreinterpretq_u8_s16(vqrdmlahq_s16(vreinterpretq_s16_u8(s), vreinterpretq_s16_u8(a), vreinterpretq_s16_u8(b)));
        uint8x16_t x = s;
        for (int k = 0; k < 24; k++) {
            sum[k] = sum[k] * 0x100000001b3ull ^ fold(r[k]);
            x = veorq_u8(x, r[k]);
        }
        s = vaddq_u8(x, vreinterpretq_u8_s32(vqrdmlshq_laneq_s32(vreinterpretq_s32_u8(a), vreinterpretq_s32_u8(b), vreinterpretq_s32_u8(s), 1)));
    }
    for (int k = 0; k < 24; k++)
        printf("walk %2d: %016" PRIx64 "\n", k, sum[k]);
    printf("state %016" PRIx64 "\n", fold(s));

    /* Only the bits zarm implements are compared (qemu's max CPU has more). */
    unsigned long want = (1ul << 3) | (1ul << 4) | (1ul << 5) | (1ul << 6) | (1ul << 12) |
                         (1ul << 17) | (1ul << 20) | (1ul << 21);
    printf("hwcap crypto/rdm/dotprod bits: %lx\n", getauxval(AT_HWCAP) & want);
    uint64_t isar0;
    __asm__("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
    printf("isar0 AES %u SHA1 %u SHA2 %u RDM %u SHA3 %u DP %u\n", (unsigned)(isar0 >> 4 & 15),
           (unsigned)(isar0 >> 8 & 15), (unsigned)(isar0 >> 12 & 15), (unsigned)(isar0 >> 28 & 15),
           (unsigned)(isar0 >> 32 & 15), (unsigned)(isar0 >> 44 & 15));
    return 0;
}
