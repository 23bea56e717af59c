// GUEST_CFLAGS: -march=armv8.2-a+dotprod
// GUEST_OPTFLAGS: -O3
/* Armv8.2 dot product: SDOT/UDOT (vector and by-element) as int8 inference
 * kernels use them, checked against C; plus an -O3 int8 dot-product loop,
 * which GCC vectorises to UDOT/SDOT when +dotprod is on. */
#include <arm_neon.h>
#include <stdint.h>
#include "guest.h"

#define N 1029

static int8_t xs[N], ys[N];
static uint8_t xu[N], yu[N];

__attribute__((noinline)) static int32_t sdot_loop(const int8_t *a, const int8_t *b, int n)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

__attribute__((noinline)) static uint32_t udot_loop(const uint8_t *a, const uint8_t *b, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += (uint32_t)(a[i] * b[i]);
    return s;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        uint64_t r = guest_rand();
        xs[i] = (int8_t)r;
        ys[i] = (int8_t)(r >> 8);
        xu[i] = (uint8_t)(r >> 16);
        yu[i] = (uint8_t)(r >> 24);
    }
    xs[0] = ys[0] = -128;
    xu[1] = yu[1] = 255;
    printf("loops: sdot %d udot %u\n", sdot_loop(xs, ys, N), udot_loop(xu, yu, N));

    int32x4_t acc = vdupq_n_s32(0), accl = vdupq_n_s32(OPAQUE(-5));
    uint32x4_t uacc = vdupq_n_u32(0);
    uint32x2_t uacc64 = vdup_n_u32(7);
    int32_t ref_lane[4] = {0, 0, 0, 0};
    for (int i = 0; i + 16 <= N; i += 16) {
        int8x16_t a = vld1q_s8(xs + i), b = vld1q_s8(ys + i);
        acc = vdotq_s32(acc, a, b);
        accl = vdotq_laneq_s32(accl, a, b, 2);
        uacc = vdotq_u32(uacc, vld1q_u8(xu + i), vld1q_u8(yu + i));
        uacc64 = vdot_lane_u32(uacc64, vld1_u8(xu + i), vld1_u8(yu + i + 8), 1);
        for (int l = 0; l < 4; l++)
            for (int k = 0; k < 4; k++)
                ref_lane[l] += xs[i + 4 * l + k] * ys[i + 8 + k];
    }
    printf("sdot lanes %d %d %d %d (sum %d)\n", vgetq_lane_s32(acc, 0), vgetq_lane_s32(acc, 1),
           vgetq_lane_s32(acc, 2), vgetq_lane_s32(acc, 3), vaddvq_s32(acc));
    printf("sdot by element %d %d %d %d (C %d %d %d %d, -5 each)\n", vgetq_lane_s32(accl, 0),
           vgetq_lane_s32(accl, 1), vgetq_lane_s32(accl, 2), vgetq_lane_s32(accl, 3),
           ref_lane[0], ref_lane[1], ref_lane[2], ref_lane[3]);
    printf("udot lanes %u %u %u %u (sum %u)\n", vgetq_lane_u32(uacc, 0), vgetq_lane_u32(uacc, 1),
           vgetq_lane_u32(uacc, 2), vgetq_lane_u32(uacc, 3), vaddvq_u32(uacc));
    printf("udot 2s lane %u %u\n", vget_lane_u32(uacc64, 0), vget_lane_u32(uacc64, 1));
    /* Extreme values: 4 * (-128 * -128) per lane, accumulator wraparound. */
    int32x4_t big = vdotq_s32(vdupq_n_s32(OPAQUE(0x7fff0000)), vdupq_n_s8(OPAQUE(-128)),
                              vdupq_n_s8(-128));
    uint32x4_t ubig = vdotq_u32(vdupq_n_u32(OPAQUE(0xffff0000u)), vdupq_n_u8(OPAQUE(255)),
                                vdupq_n_u8(255));
    printf("extremes %08x %08x\n", (uint32_t)vgetq_lane_s32(big, 0), vgetq_lane_u32(ubig, 3));
    return 0;
}
