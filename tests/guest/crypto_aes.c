// GUEST_CFLAGS: -march=armv8-a+crypto
/* AES with the Armv8 crypto extension as OpenSSL-style code uses it: AESE+
 * AESMC rounds for encryption, AESD+AESIMC for the equivalent inverse cipher,
 * keys expanded in C from an S-box computed in GF(2^8). Checked against the
 * FIPS-197 Appendix C vectors (AES-128 and AES-256) and a plain C AES over
 * pseudo-random blocks. */
#include <arm_neon.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

static uint8_t sbox[256];

static uint8_t gmul(uint8_t a, uint8_t b)
{
    uint8_t p = 0;
    while (b) {
        if (b & 1)
            p ^= a;
        a = (uint8_t)(a << 1 ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return p;
}

/* S(x) = affine(x^-1), x^-1 = x^254. */
static void make_sbox(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 1, base = (uint8_t)x;
        for (int e = 254; e; e >>= 1) {
            if (e & 1)
                inv = gmul(inv, base);
            base = gmul(base, base);
        }
        if (x == 0)
            inv = 0;
        uint8_t s = inv;
        for (int r = 1; r <= 4; r++)
            s ^= (uint8_t)(inv << r | inv >> (8 - r));
        sbox[x] = s ^ 0x63;
    }
}

/* FIPS-197 5.2 key expansion; nk = 4 or 8 words; returns the round count. */
static int expand_key(const uint8_t *key, int nk, uint8_t rk[15][16])
{
    int nr = nk + 6;
    uint8_t w[60][4];
    memcpy(w, key, 4 * (size_t)nk);
    uint8_t rcon = 1;
    for (int i = nk; i < 4 * (nr + 1); i++) {
        uint8_t t[4];
        memcpy(t, w[i - 1], 4);
        if (i % nk == 0) {
            uint8_t t0 = t[0];
            t[0] = sbox[t[1]] ^ rcon;
            t[1] = sbox[t[2]];
            t[2] = sbox[t[3]];
            t[3] = sbox[t0];
            rcon = gmul(rcon, 2);
        } else if (nk > 6 && i % nk == 4) {
            for (int k = 0; k < 4; k++)
                t[k] = sbox[t[k]];
        }
        for (int k = 0; k < 4; k++)
            w[i][k] = w[i - nk][k] ^ t[k];
    }
    memcpy(rk, w, 16 * (size_t)(nr + 1));
    return nr;
}

static uint8x16_t encrypt_hw(uint8x16_t s, uint8_t rk[15][16], int nr)
{
    for (int r = 0; r < nr - 1; r++)
        s = vaesmcq_u8(vaeseq_u8(s, vld1q_u8(rk[r])));
    s = vaeseq_u8(s, vld1q_u8(rk[nr - 1]));
    return veorq_u8(s, vld1q_u8(rk[nr]));
}

static uint8x16_t decrypt_hw(uint8x16_t s, uint8_t rk[15][16], int nr)
{
    s = vaesimcq_u8(vaesdq_u8(s, vld1q_u8(rk[nr])));
    for (int r = nr - 1; r > 1; r--)
        s = vaesimcq_u8(vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[r]))));
    s = vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[1])));
    return veorq_u8(s, vld1q_u8(rk[0]));
}

/* Plain C reference: SubBytes, ShiftRows, MixColumns, AddRoundKey on a
 * column-major state (byte 4c+r is row r of column c). */
static void encrypt_sw(uint8_t st[16], uint8_t rk[15][16], int nr)
{
    for (int i = 0; i < 16; i++)
        st[i] ^= rk[0][i];
    for (int r = 1; r <= nr; r++) {
        uint8_t t[16];
        for (int c = 0; c < 4; c++)
            for (int row = 0; row < 4; row++)
                t[4 * c + row] = sbox[st[4 * ((c + row) % 4) + row]];
        if (r != nr)
            for (int c = 0; c < 4; c++) {
                uint8_t *col = t + 4 * c, a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
                col[0] = gmul(a0, 2) ^ gmul(a1, 3) ^ a2 ^ a3;
                col[1] = a0 ^ gmul(a1, 2) ^ gmul(a2, 3) ^ a3;
                col[2] = a0 ^ a1 ^ gmul(a2, 2) ^ gmul(a3, 3);
                col[3] = gmul(a0, 3) ^ a1 ^ a2 ^ gmul(a3, 2);
            }
        for (int i = 0; i < 16; i++)
            st[i] = t[i] ^ rk[r][i];
    }
}

static void print_block(const char *what, uint8x16_t v)
{
    uint8_t b[16];
    vst1q_u8(b, v);
    printf("%-22s", what);
    for (int i = 0; i < 16; i++)
        printf("%02x", b[i]);
    printf("\n");
}

int main(void)
{
    make_sbox();
    printf("sbox[00]=%02x sbox[53]=%02x sbox[ff]=%02x\n", sbox[0], sbox[0x53], sbox[0xff]);
    uint8_t key[32], pt[16];
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    for (int i = 0; i < 16; i++)
        pt[i] = (uint8_t)(i * 0x11);
    uint8_t rk[15][16];
    for (int nk = 4; nk <= 8; nk += 4) {
        int nr = expand_key(key, nk, rk);
        uint8x16_t ct = encrypt_hw(vld1q_u8(pt), rk, nr);
        printf("AES-%d\n", nk * 32);
        print_block("  last round key", vld1q_u8(rk[nr]));
        print_block("  ciphertext", ct);
        print_block("  decrypted", decrypt_hw(ct, rk, nr));
    }
    /* FIPS-197 C.1 and C.3 expected ciphertexts. */
    printf("expected AES-128       69c4e0d86a7b0430d8cdb78070b4c55a\n");
    printf("expected AES-256       8ea2b7ca516745bfeafc49904b496089\n");

    /* Random keys and blocks: hardware vs C, and a round trip. CBC-chained so
     * every block depends on the previous result. */
    uint64_t h = GUEST_HASH_INIT;
    int mismatches = 0;
    for (int k = 0; k < 20; k++) {
        for (int i = 0; i < 32; i++)
            key[i] = (uint8_t)guest_rand();
        int nr = expand_key(key, k & 1 ? 8 : 4, rk);
        uint8x16_t chain = vdupq_n_u8(0);
        for (int b = 0; b < 16; b++) {
            uint8_t blk[16];
            for (int i = 0; i < 16; i++)
                blk[i] = (uint8_t)guest_rand();
            uint8x16_t in = veorq_u8(vld1q_u8(blk), chain);
            uint8x16_t ct = encrypt_hw(in, rk, nr);
            uint8_t ref[16], got[16];
            vst1q_u8(ref, in);
            encrypt_sw(ref, rk, nr);
            vst1q_u8(got, ct);
            mismatches += memcmp(ref, got, 16) != 0;
            uint8x16_t back = decrypt_hw(ct, rk, nr);
            mismatches += vmaxvq_u8(veorq_u8(back, in)) != 0;
            chain = ct;
        }
        h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u8(chain), 0));
        h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u8(chain), 1));
    }
    printf("random: %d mismatches, chain hash %016llx\n", mismatches, (unsigned long long)h);
    return 0;
}
