/* The cryptographic extension helpers (Arm ARM C7: AESE/AESD/AESMC/AESIMC, SHA1*,
 * SHA256*, SHA512*), written from the Arm ARM pseudocode and FIPS 197 / FIPS 180-4.
 * a = SIMD_ARGS(Rd, Rn, Rm, ...), b = enum crypto_op.  Registers are read as 32- or
 * 64-bit lanes through the endian-correct accessors; lane 0 is the least
 * significant, as in the Arm ARM's bit slices. */
#include "env.h"
#include "helper_crypto.h"
#include "helper_simd.h"

#include <string.h>

/* FIPS 197 S-box and its inverse (generated from the GF(2^8) inverse and the
 * affine map of section 5.1.1). */
static const uint8_t aes_sbox[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
};
static const uint8_t aes_inv_sbox[256] = {
    0x52, 0x09, 0x6a, 0xd5, 0x30, 0x36, 0xa5, 0x38, 0xbf, 0x40, 0xa3, 0x9e, 0x81, 0xf3, 0xd7, 0xfb,
    0x7c, 0xe3, 0x39, 0x82, 0x9b, 0x2f, 0xff, 0x87, 0x34, 0x8e, 0x43, 0x44, 0xc4, 0xde, 0xe9, 0xcb,
    0x54, 0x7b, 0x94, 0x32, 0xa6, 0xc2, 0x23, 0x3d, 0xee, 0x4c, 0x95, 0x0b, 0x42, 0xfa, 0xc3, 0x4e,
    0x08, 0x2e, 0xa1, 0x66, 0x28, 0xd9, 0x24, 0xb2, 0x76, 0x5b, 0xa2, 0x49, 0x6d, 0x8b, 0xd1, 0x25,
    0x72, 0xf8, 0xf6, 0x64, 0x86, 0x68, 0x98, 0x16, 0xd4, 0xa4, 0x5c, 0xcc, 0x5d, 0x65, 0xb6, 0x92,
    0x6c, 0x70, 0x48, 0x50, 0xfd, 0xed, 0xb9, 0xda, 0x5e, 0x15, 0x46, 0x57, 0xa7, 0x8d, 0x9d, 0x84,
    0x90, 0xd8, 0xab, 0x00, 0x8c, 0xbc, 0xd3, 0x0a, 0xf7, 0xe4, 0x58, 0x05, 0xb8, 0xb3, 0x45, 0x06,
    0xd0, 0x2c, 0x1e, 0x8f, 0xca, 0x3f, 0x0f, 0x02, 0xc1, 0xaf, 0xbd, 0x03, 0x01, 0x13, 0x8a, 0x6b,
    0x3a, 0x91, 0x11, 0x41, 0x4f, 0x67, 0xdc, 0xea, 0x97, 0xf2, 0xcf, 0xce, 0xf0, 0xb4, 0xe6, 0x73,
    0x96, 0xac, 0x74, 0x22, 0xe7, 0xad, 0x35, 0x85, 0xe2, 0xf9, 0x37, 0xe8, 0x1c, 0x75, 0xdf, 0x6e,
    0x47, 0xf1, 0x1a, 0x71, 0x1d, 0x29, 0xc5, 0x89, 0x6f, 0xb7, 0x62, 0x0e, 0xaa, 0x18, 0xbe, 0x1b,
    0xfc, 0x56, 0x3e, 0x4b, 0xc6, 0xd2, 0x79, 0x20, 0x9a, 0xdb, 0xc0, 0xfe, 0x78, 0xcd, 0x5a, 0xf4,
    0x1f, 0xdd, 0xa8, 0x33, 0x88, 0x07, 0xc7, 0x31, 0xb1, 0x12, 0x10, 0x59, 0x27, 0x80, 0xec, 0x5f,
    0x60, 0x51, 0x7f, 0xa9, 0x19, 0xb5, 0x4a, 0x0d, 0x2d, 0xe5, 0x7a, 0x9f, 0x93, 0xc9, 0x9c, 0xef,
    0xa0, 0xe0, 0x3b, 0x4d, 0xae, 0x2a, 0xf5, 0xb0, 0xc8, 0xeb, 0xbb, 0x3c, 0x83, 0x53, 0x99, 0x61,
    0x17, 0x2b, 0x04, 0x7e, 0xba, 0x77, 0xd6, 0x26, 0xe1, 0x69, 0x14, 0x63, 0x55, 0x21, 0x0c, 0x7d,
};

static uint8_t xtime(uint8_t x)
{
    return (uint8_t)(x << 1 ^ (x & 0x80 ? 0x1b : 0));
}
static uint8_t gmul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    for (; b; b >>= 1, a = xtime(a))
        if (b & 1)
            r ^= a;
    return r;
}

/* The AES state is the 16 bytes of the register, byte r + 4c = row r, column c. */
static void aes_round(zarm_vreg *s, bool decrypt)
{
    zarm_vreg in = *s;
    for (unsigned c = 0; c < 4; c++)
        for (unsigned r = 0; r < 4; r++) {
            /* ShiftRows moves row r left by r columns; InvShiftRows right. */
            unsigned from = decrypt ? (c + 4 - r) % 4 : (c + r) % 4;
            uint8_t b = ZARM_V_B(&in, r + 4 * from);
            ZARM_V_B(s, r + 4 * c) = decrypt ? aes_inv_sbox[b] : aes_sbox[b];
        }
}

static void aes_mix(zarm_vreg *s, bool inverse)
{
    static const uint8_t fwd[4] = {2, 3, 1, 1}, inv[4] = {14, 11, 13, 9};
    const uint8_t *k = inverse ? inv : fwd;
    zarm_vreg in = *s;
    for (unsigned c = 0; c < 4; c++)
        for (unsigned r = 0; r < 4; r++) {
            uint8_t v = 0;
            for (unsigned j = 0; j < 4; j++)
                v ^= gmul(ZARM_V_B(&in, 4 * c + j), k[(j + 4 - r) % 4]);
            ZARM_V_B(s, 4 * c + r) = v;
        }
}

uint64_t helper_crypto_aes(struct ir_env *env, uint64_t args, uint64_t op, uint64_t c)
{
    (void)c;
    zarm_vreg s = env->cpu.v[SIMD_RN(args)];
    switch (op) {
    case CRYPTO_AESE:
    case CRYPTO_AESD:
        s.d[0] ^= env->cpu.v[SIMD_RD(args)].d[0];
        s.d[1] ^= env->cpu.v[SIMD_RD(args)].d[1];
        aes_round(&s, op == CRYPTO_AESD);
        break;
    default:
        aes_mix(&s, op == CRYPTO_AESIMC);
        break;
    }
    env->cpu.v[SIMD_RD(args)] = s;
    return 0;
}

static uint32_t rol32(uint32_t x, unsigned n) { return n ? x << n | x >> (32 - n) : x; }
static uint32_t ror32(uint32_t x, unsigned n) { return rol32(x, (32 - n) & 31); }
static uint64_t ror64(uint64_t x, unsigned n) { return n ? x >> n | x << (64 - n) : x; }

static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z) { return ((y ^ z) & x) ^ z; }
static uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; }
static uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}

/* Words of a register, w[0] = bits 31:0. */
static void get_w(const zarm_vreg *v, uint32_t w[4])
{
    for (unsigned i = 0; i < 4; i++)
        w[i] = ZARM_V_S((zarm_vreg *)v, i);
}
static void put_w(zarm_vreg *v, const uint32_t w[4])
{
    for (unsigned i = 0; i < 4; i++)
        ZARM_V_S(v, i) = w[i];
}

/* SHA1C/SHA1P/SHA1M: four rounds on X = Qd (A in word 0), Y = Sn (E), W = Vm;
 * after each round (Y:X) rotates left by 32 bits. */
static void sha1_rounds(uint32_t x[4], uint32_t y, const uint32_t w[4], unsigned op)
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t f = op == CRYPTO_SHA1C   ? sha_choose(x[1], x[2], x[3])
                     : op == CRYPTO_SHA1P ? sha_parity(x[1], x[2], x[3])
                                          : sha_majority(x[1], x[2], x[3]);
        y = y + rol32(x[0], 5) + f + w[e];
        x[1] = rol32(x[1], 30);
        uint32_t top = x[3];
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y;
        y = top;
    }
}

static uint32_t sigma0_256(uint32_t x) { return ror32(x, 2) ^ ror32(x, 13) ^ ror32(x, 22); }
static uint32_t sigma1_256(uint32_t x) { return ror32(x, 6) ^ ror32(x, 11) ^ ror32(x, 25); }

/* SHA256hash of the Arm ARM: X = a..d, Y = e..h; part1 returns X, else Y. */
static void sha256_hash(uint32_t x[4], uint32_t y[4], const uint32_t w[4])
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y[0], y[1], y[2]);
        uint32_t maj = sha_majority(x[0], x[1], x[2]);
        uint32_t t1 = y[3] + sigma1_256(y[0]) + chs + w[e];
        x[3] = t1 + x[3];
        y[3] = t1 + sigma0_256(x[0]) + maj;
        /* (Y:X) rotates left by 32 bits. */
        uint32_t xt = x[3], yt = y[3];
        x[3] = x[2], x[2] = x[1], x[1] = x[0], x[0] = yt;
        y[3] = y[2], y[2] = y[1], y[1] = y[0], y[0] = xt;
    }
}

uint64_t helper_crypto_sha(struct ir_env *env, uint64_t args, uint64_t op, uint64_t c)
{
    (void)c;
    uint32_t d[4], n[4], m[4], r[4], t[4];
    get_w(&env->cpu.v[SIMD_RD(args)], d);
    get_w(&env->cpu.v[SIMD_RN(args)], n);
    get_w(&env->cpu.v[SIMD_RM(args)], m);
    switch (op) {
    case CRYPTO_SHA1C:
    case CRYPTO_SHA1P:
    case CRYPTO_SHA1M:
        sha1_rounds(d, n[0], m, (unsigned)op);
        memcpy(r, d, sizeof r);
        break;
    case CRYPTO_SHA1H:
        r[0] = rol32(n[0], 30), r[1] = r[2] = r[3] = 0;
        break;
    case CRYPTO_SHA1SU0: /* (Vn<63:0> : Vd<127:64>) ^ Vd ^ Vm */
        r[0] = d[2] ^ d[0] ^ m[0];
        r[1] = d[3] ^ d[1] ^ m[1];
        r[2] = n[0] ^ d[2] ^ m[2];
        r[3] = n[1] ^ d[3] ^ m[3];
        break;
    case CRYPTO_SHA1SU1: { /* T = Vd ^ (Vn >> 32) */
        for (unsigned i = 0; i < 4; i++)
            t[i] = d[i] ^ (i < 3 ? n[i + 1] : 0);
        for (unsigned i = 0; i < 4; i++)
            r[i] = rol32(t[i], 1);
        r[3] ^= rol32(t[0], 2);
        break;
    }
    case CRYPTO_SHA256H:
        sha256_hash(d, n, m);
        memcpy(r, d, sizeof r);
        break;
    case CRYPTO_SHA256H2:
        sha256_hash(n, d, m);
        memcpy(r, d, sizeof r);
        break;
    case CRYPTO_SHA256SU0: /* T = Vn<31:0> : Vd<127:32> */
        for (unsigned i = 0; i < 4; i++) {
            uint32_t e = i < 3 ? d[i + 1] : n[0];
            r[i] = (ror32(e, 7) ^ ror32(e, 18) ^ e >> 3) + d[i];
        }
        break;
    default: { /* SHA256SU1: T0 = Vm<31:0> : Vn<127:32>, T1 = Vm<127:64> then result */
        uint32_t t0[4] = {n[1], n[2], n[3], m[0]};
        uint32_t t1[2] = {m[2], m[3]};
        for (unsigned e = 0; e < 4; e++) {
            uint32_t x = e < 2 ? t1[e] : r[e - 2];
            r[e] = (ror32(x, 17) ^ ror32(x, 19) ^ x >> 10) + d[e] + t0[e];
        }
        break;
    }
    }
    zarm_vreg out;
    put_w(&out, r);
    env->cpu.v[SIMD_RD(args)] = out;
    return 0;
}

/* SHA512H, SHA512H2, SHA512SU0, SHA512SU1 (Armv8.2): X = Vn, Y = Vm, W = Vd. */
uint64_t helper_crypto_sha512(struct ir_env *env, uint64_t args, uint64_t op, uint64_t c)
{
    (void)c;
    const zarm_vreg *vd = &env->cpu.v[SIMD_RD(args)], *vn = &env->cpu.v[SIMD_RN(args)];
    const zarm_vreg *vm = &env->cpu.v[SIMD_RM(args)];
    uint64_t w0 = vd->d[0], w1 = vd->d[1], x0 = vn->d[0], x1 = vn->d[1];
    uint64_t y0 = vm->d[0], y1 = vm->d[1], r0, r1;
    switch (op) {
    case CRYPTO_SHA512H: {
        uint64_t s1 = ror64(y1, 14) ^ ror64(y1, 18) ^ ror64(y1, 41);
        r1 = ((y1 & x0) ^ (~y1 & x1)) + s1 + w1;
        uint64_t tmp = r1 + y0;
        s1 = ror64(tmp, 14) ^ ror64(tmp, 18) ^ ror64(tmp, 41);
        r0 = ((tmp & y1) ^ (~tmp & x0)) + s1 + w0;
        break;
    }
    case CRYPTO_SHA512H2: {
        uint64_t s0 = ror64(y0, 28) ^ ror64(y0, 34) ^ ror64(y0, 39);
        r1 = ((x0 & y1) ^ (x0 & y0) ^ (y1 & y0)) + s0 + w1;
        s0 = ror64(r1, 28) ^ ror64(r1, 34) ^ ror64(r1, 39);
        r0 = ((r1 & y0) ^ (r1 & y1) ^ (y1 & y0)) + s0 + w0;
        break;
    }
    case CRYPTO_SHA512SU0:
        r0 = w0 + (ror64(w1, 1) ^ ror64(w1, 8) ^ w1 >> 7);
        r1 = w1 + (ror64(x0, 1) ^ ror64(x0, 8) ^ x0 >> 7);
        break;
    default: /* SHA512SU1 */
        r1 = w1 + (ror64(x1, 19) ^ ror64(x1, 61) ^ x1 >> 6) + y1;
        r0 = w0 + (ror64(x0, 19) ^ ror64(x0, 61) ^ x0 >> 6) + y0;
        break;
    }
    env->cpu.v[SIMD_RD(args)].d[0] = r0;
    env->cpu.v[SIMD_RD(args)].d[1] = r1;
    return 0;
}
