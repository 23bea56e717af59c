// GUEST_OPTFLAGS: -O3
/* Structure loads and stores: -O3 turns loops over interleaved data (RGB
 * pixels, complex pairs, xyzw) into LD2/LD3/LD4 and ST2/ST3/ST4; explicit
 * vld2q/vld3q/vld4q/vst*, the lane and replicate forms (LD1R, LD3 lane) and
 * multi-register LD1/ST1 through arm_neon.h as well. */
#include <arm_neon.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

#define NPIX 333

static uint8_t rgb[NPIX * 3], gray[NPIX], rgb_out[NPIX * 3];
static int16_t cplx[2 * 257], cplx_out[2 * 257];
static float xyzw[4 * 129], lens[129];
static uint32_t pairs[2 * 301], swapped[2 * 301];

static uint64_t hash_bytes(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint64_t h = GUEST_HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = guest_mix(h, b[i]);
    return h;
}

__attribute__((noinline)) static void to_gray(uint8_t *g, const uint8_t *p, int n)
{
    for (int i = 0; i < n; i++)
        g[i] = (uint8_t)((p[3 * i] * 77 + p[3 * i + 1] * 150 + p[3 * i + 2] * 29) >> 8);
}

__attribute__((noinline)) static void bgr_swap(uint8_t *d, const uint8_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        d[3 * i] = s[3 * i + 2];
        d[3 * i + 1] = (uint8_t)(s[3 * i + 1] ^ 0x5a);
        d[3 * i + 2] = s[3 * i];
    }
}

__attribute__((noinline)) static void cmul(int16_t *d, const int16_t *a, int n, int16_t wr,
                                           int16_t wi)
{
    for (int i = 0; i < n; i++) {
        int re = a[2 * i], im = a[2 * i + 1];
        d[2 * i] = (int16_t)((re * wr - im * wi) >> 8);
        d[2 * i + 1] = (int16_t)((re * wi + im * wr) >> 8);
    }
}

__attribute__((noinline)) static void len4(float *d, const float *v, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = v[4 * i] * v[4 * i] + v[4 * i + 1] * v[4 * i + 1] + v[4 * i + 2] * v[4 * i + 2] -
               v[4 * i + 3];
}

__attribute__((noinline)) static void swap_pairs(uint32_t *d, const uint32_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        d[2 * i] = s[2 * i + 1] + 1;
        d[2 * i + 1] = s[2 * i] - 1;
    }
}

static void print_u8x16(const char *name, uint8x16_t v)
{
    uint8_t b[16];
    vst1q_u8(b, v);
    printf("%-12s", name);
    for (int i = 0; i < 16; i++)
        printf(" %02x", b[i]);
    printf("\n");
}

int main(void)
{
    for (int i = 0; i < NPIX * 3; i++)
        rgb[i] = (uint8_t)guest_rand();
    for (int i = 0; i < 2 * 257; i++)
        cplx[i] = (int16_t)guest_rand();
    for (int i = 0; i < 4 * 129; i++)
        xyzw[i] = (float)((int)(guest_rand() & 255) - 128) / 16;
    for (int i = 0; i < 2 * 301; i++)
        pairs[i] = (uint32_t)guest_rand();

    to_gray(gray, rgb, NPIX);
    printf("to_gray     %016llx %d %d\n", (unsigned long long)hash_bytes(gray, NPIX), gray[0],
           gray[NPIX - 1]);
    bgr_swap(rgb_out, rgb, NPIX);
    printf("bgr_swap    %016llx\n", (unsigned long long)hash_bytes(rgb_out, sizeof rgb_out));
    cmul(cplx_out, cplx, 257, 181, -181);
    printf("cmul        %016llx %d\n", (unsigned long long)hash_bytes(cplx_out, sizeof cplx_out),
           cplx_out[5]);
    len4(lens, xyzw, 129);
    printf("len4        %016llx %g\n", (unsigned long long)hash_bytes(lens, sizeof lens),
           (double)lens[7]);
    swap_pairs(swapped, pairs, 301);
    printf("swap_pairs  %016llx\n", (unsigned long long)hash_bytes(swapped, sizeof swapped));

    /* Explicit structure loads/stores. */
    uint8x16x3_t px = vld3q_u8(rgb);
    print_u8x16("vld3q r", px.val[0]);
    print_u8x16("vld3q g", px.val[1]);
    print_u8x16("vld3q b", px.val[2]);
    uint8x16x4_t p4 = vld4q_u8(rgb + 5);
    print_u8x16("vld4q [3]", p4.val[3]);
    uint8_t st[64] = {0};
    vst4q_u8(st, p4);
    printf("vst4q back  %s\n", memcmp(st, rgb + 5, 64) == 0 ? "same" : "DIFFERENT");
    uint16x8x2_t c2 = vld2q_u16((const uint16_t *)cplx);
    uint16_t st2[16];
    vst2q_u16(st2, (uint16x8x2_t){{c2.val[1], c2.val[0]}});
    printf("vst2q swap  %04x %04x %04x %04x\n", st2[0], st2[1], st2[14], st2[15]);
    uint32x4x2_t d2 = vld2q_u32(pairs);
    uint32x4_t sum = vaddq_u32(d2.val[0], d2.val[1]);
    printf("vld2q_u32   %08x %08x %08x %08x\n", vgetq_lane_u32(sum, 0), vgetq_lane_u32(sum, 1),
           vgetq_lane_u32(sum, 2), vgetq_lane_u32(sum, 3));
    float32x4x3_t f3 = vld3q_f32(xyzw);
    float32x4_t dot = vmulq_f32(f3.val[0], f3.val[1]);
    dot = vmlaq_f32(dot, f3.val[2], f3.val[2]);
    float fd[4];
    vst1q_f32(fd, dot);
    printf("vld3q_f32   %g %g %g %g\n", (double)fd[0], (double)fd[1], (double)fd[2], (double)fd[3]);
    uint8x16_t rep = vld1q_dup_u8(rgb + 17);
    print_u8x16("ld1r", rep);
    uint8x8x3_t lane = {{vdup_n_u8(1), vdup_n_u8(2), vdup_n_u8(3)}};
    lane = vld3_lane_u8(rgb + 40, lane, 5);
    printf("ld3 lane    %02x %02x %02x | %02x\n", vget_lane_u8(lane.val[0], 5),
           vget_lane_u8(lane.val[1], 5), vget_lane_u8(lane.val[2], 5),
           vget_lane_u8(lane.val[0], 4));
    uint8x8x3_t r3 = vld3_dup_u8(rgb + 60);
    printf("ld3r        %02x %02x %02x\n", vget_lane_u8(r3.val[0], 7), vget_lane_u8(r3.val[1], 0),
           vget_lane_u8(r3.val[2], 3));
    uint8x16x4_t m4 = vld1q_u8_x4(rgb + 100);
    uint8_t st4[64];
    vst1q_u8_x4(st4, (uint8x16x4_t){{m4.val[3], m4.val[2], m4.val[1], m4.val[0]}});
    printf("ld1x4/st1x4 %016llx\n", (unsigned long long)hash_bytes(st4, 64));
    uint8_t lanes[8] = {0};
    uint8x8x3_t lo3 = {{vget_low_u8(px.val[0]), vget_low_u8(px.val[1]), vget_low_u8(px.val[2])}};
    vst3_lane_u8(lanes + 2, lo3, 6);
    printf("st3 lane    %02x %02x %02x %02x %02x\n", lanes[1], lanes[2], lanes[3], lanes[4],
           lanes[5]);
    return 0;
}
