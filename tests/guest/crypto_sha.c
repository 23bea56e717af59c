// GUEST_CFLAGS: -march=armv8-a+crypto -lm
/* SHA-256 (SHA256H/H2/SU0/SU1) and SHA-1 (SHA1C/P/M/H/SU0/SU1) with the Armv8
 * crypto extension, compression loops as in OpenSSL/Linux, padding in C.
 * Round constants are computed (fractional bits of square and cube roots of
 * primes) and the digests of "abc" and the FIPS 180-2 two-block message are
 * printed next to their published values; a plain C SHA-256 checks messages
 * of every length up to 200 bytes. */
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

static uint32_t K256[64], H256[8];

/* Fractional bits of the root, exactly: start from the double estimate and
 * correct it with 64-bit integer arithmetic (x = floor(root * 2^32) is the
 * largest x with x^k <= p * 2^(32k); for k = 3 that needs 128-bit products). */
static uint32_t frac_root(unsigned p, int k)
{
    double est = k == 2 ? sqrt((double)p) : cbrt((double)p);
    unsigned __int128 x = (unsigned __int128)(est * 4294967296.0);
    unsigned __int128 target = (unsigned __int128)p << (32 * k);
    for (;;) {
        unsigned __int128 x1 = x + 1;
        unsigned __int128 pw = k == 2 ? x1 * x1 : x1 * x1 * x1;
        if (pw <= target)
            x = x1;
        else
            break;
    }
    for (;;) {
        unsigned __int128 pw = k == 2 ? x * x : x * x * x;
        if (pw > target)
            x--;
        else
            break;
    }
    return (uint32_t)x;
}

static void make_constants(void)
{
    unsigned n = 0;
    for (unsigned p = 2; n < 64; p++) {
        int prime = 1;
        for (unsigned d = 2; d * d <= p; d++)
            prime &= p % d != 0;
        if (!prime)
            continue;
        if (n < 8)
            H256[n] = frac_root(p, 2);
        K256[n++] = frac_root(p, 3);
    }
}

static void sha256_block_hw(uint32_t st[8], const uint8_t *blk)
{
    uint32x4_t abcd = vld1q_u32(st), efgh = vld1q_u32(st + 4);
    uint32x4_t save0 = abcd, save1 = efgh;
    uint32x4_t w[4];
    for (int i = 0; i < 4; i++)
        w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blk + 16 * i)));
    for (int g = 0; g < 16; g++) {
        uint32x4_t wk = vaddq_u32(w[g % 4], vld1q_u32(K256 + 4 * g));
        uint32x4_t prev = abcd;
        abcd = vsha256hq_u32(abcd, efgh, wk);
        efgh = vsha256h2q_u32(efgh, prev, wk);
        if (g < 12)
            w[g % 4] = vsha256su1q_u32(vsha256su0q_u32(w[g % 4], w[(g + 1) % 4]),
                                       w[(g + 2) % 4], w[(g + 3) % 4]);
    }
    vst1q_u32(st, vaddq_u32(abcd, save0));
    vst1q_u32(st + 4, vaddq_u32(efgh, save1));
}

static uint32_t ror(uint32_t x, int n)
{
    return x >> n | x << (32 - n);
}

static void sha256_block_sw(uint32_t st[8], const uint8_t *blk)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)blk[4 * i] << 24 | (uint32_t)blk[4 * i + 1] << 16 |
               (uint32_t)blk[4 * i + 2] << 8 | blk[4 * i + 3];
    for (int i = 16; i < 64; i++)
        w[i] = w[i - 16] + (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ w[i - 15] >> 3) + w[i - 7] +
               (ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ w[i - 2] >> 10);
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6],
             h = st[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] +
                      w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    st[0] += a, st[1] += b, st[2] += c, st[3] += d, st[4] += e, st[5] += f, st[6] += g, st[7] += h;
}

static void sha1_block_hw(uint32_t st[5], const uint8_t *blk)
{
    static const uint32_t k[4] = {0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6};
    uint32x4_t abcd = vld1q_u32(st), save = abcd;
    uint32_t e = st[4];
    uint32x4_t w[4];
    for (int i = 0; i < 4; i++)
        w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blk + 16 * i)));
    for (int g = 0; g < 20; g++) {
        if (g >= 4)
            w[g % 4] = vsha1su1q_u32(vsha1su0q_u32(w[g % 4], w[(g + 1) % 4], w[(g + 2) % 4]),
                                     w[(g + 3) % 4]);
        uint32x4_t wk = vaddq_u32(w[g % 4], vdupq_n_u32(k[g / 5]));
        uint32_t e_next = vsha1h_u32(vgetq_lane_u32(abcd, 0));
        if (g < 5)
            abcd = vsha1cq_u32(abcd, e, wk);
        else if (g < 10 || g >= 15)
            abcd = vsha1pq_u32(abcd, e, wk);
        else
            abcd = vsha1mq_u32(abcd, e, wk);
        e = e_next;
    }
    vst1q_u32(st, vaddq_u32(abcd, save));
    st[4] += e;
}

/* Merkle-Damgard padding, then the block function over the message. */
static void digest(const char *msg, size_t len, uint32_t *st, int sha1, int sw)
{
    uint8_t buf[256];
    memcpy(buf, msg, len);
    size_t total = (len + 9 + 63) / 64 * 64;
    memset(buf + len, 0, total - len);
    buf[len] = 0x80;
    for (int i = 0; i < 8; i++)
        buf[total - 1 - i] = (uint8_t)((uint64_t)len * 8 >> (8 * i));
    if (sha1) {
        const uint32_t h1[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
        memcpy(st, h1, sizeof h1);
    } else {
        memcpy(st, H256, sizeof H256);
    }
    for (size_t off = 0; off < total; off += 64) {
        if (sha1)
            sha1_block_hw(st, buf + off);
        else if (sw)
            sha256_block_sw(st, buf + off);
        else
            sha256_block_hw(st, buf + off);
    }
}

static void print_digest(const char *label, const uint32_t *st, int words)
{
    printf("%-26s", label);
    for (int i = 0; i < words; i++)
        printf("%08x", st[i]);
    printf("\n");
}

int main(void)
{
    make_constants();
    printf("K[0]=%08x K[63]=%08x H[0]=%08x H[7]=%08x\n", K256[0], K256[63], H256[0], H256[7]);
    static const char two_block[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    uint32_t st[8];
    digest("abc", 3, st, 0, 0);
    print_digest("sha256(abc)", st, 8);
    printf("%-26s%s\n", "expected",
           "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    digest(two_block, strlen(two_block), st, 0, 0);
    print_digest("sha256(abcdbcde...)", st, 8);
    printf("%-26s%s\n", "expected",
           "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    digest("abc", 3, st, 1, 0);
    print_digest("sha1(abc)", st, 5);
    printf("%-26s%s\n", "expected", "a9993e364706816aba3e25717850c26c9cd0d89d");
    digest(two_block, strlen(two_block), st, 1, 0);
    print_digest("sha1(abcdbcde...)", st, 5);
    printf("%-26s%s\n", "expected", "84983e441c3bd26ebaae4aa1f95129e5e54670f1");

    char msg[200];
    for (int i = 0; i < 200; i++)
        msg[i] = (char)guest_rand();
    uint64_t h = GUEST_HASH_INIT;
    int bad = 0;
    for (size_t len = 0; len < 200; len++) {
        uint32_t hw[8], sw[8], s1[5];
        digest(msg, len, hw, 0, 0);
        digest(msg, len, sw, 0, 1);
        digest(msg, len, s1, 1, 0);
        bad += memcmp(hw, sw, sizeof hw) != 0;
        for (int i = 0; i < 8; i++)
            h = guest_mix(h, hw[i]);
        for (int i = 0; i < 5; i++)
            h = guest_mix(h, s1[i]);
    }
    printf("lengths 0..199: sha256 hw/sw mismatches %d, hash of all digests %016llx\n", bad,
           (unsigned long long)h);
    return 0;
}
