// GUEST_CFLAGS: -march=armv8.1-a+rdma
/* Armv8.1 RDM: SQRDMLAH/SQRDMLSH (vector, by element, scalar) as fixed-point
 * DSP code (Q15/Q31 filters) uses them, checked against C: the result is
 * sat(acc + round((2*a*b) >> 16)) computed in one step with one saturation. */
#include <arm_neon.h>
#include <stdint.h>
#include "guest.h"

static int16_t sat16(int64_t v)
{
    return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

static int32_t sat32(__int128 v)
{
    return (int32_t)(v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : v);
}

static int16_t ref_mlah16(int16_t acc, int16_t a, int16_t b, int sub)
{
    int64_t prod = 2 * (int64_t)a * b;
    int64_t v = ((int64_t)acc << 16) + (sub ? -prod : prod) + (1 << 15);
    return sat16(v >> 16);
}

static int32_t ref_mlah32(int32_t acc, int32_t a, int32_t b, int sub)
{
    __int128 prod = 2 * (__int128)a * b;
    __int128 v = ((__int128)acc << 32) + (sub ? -prod : prod) + ((__int128)1 << 31);
    return sat32(v >> 32);
}

static int16_t edge16(void)
{
    static const int16_t e[] = {0, 1, -1, 32767, -32768, 16384, -16384, 32766};
    uint64_t r = guest_rand();
    return r & 1 ? e[r >> 1 & 7] : (int16_t)(r >> 16);
}

static int32_t edge32(void)
{
    static const int32_t e[] = {0, 1, -1, INT32_MAX, INT32_MIN, 1 << 30, -(1 << 30), 12345};
    uint64_t r = guest_rand();
    return r & 1 ? e[r >> 1 & 7] : (int32_t)(r >> 16);
}

int main(void)
{
    int bad = 0;
    uint64_t h = GUEST_HASH_INIT;
    for (int it = 0; it < 300; it++) {
        int16_t acc[8], a[8], b[8], r1[8], r2[8], r3[8];
        for (int i = 0; i < 8; i++)
            acc[i] = edge16(), a[i] = edge16(), b[i] = edge16();
        int16x8_t vacc = vld1q_s16(acc), va = vld1q_s16(a), vb = vld1q_s16(b);
        vst1q_s16(r1, vqrdmlahq_s16(vacc, va, vb));
        vst1q_s16(r2, vqrdmlshq_s16(vacc, va, vb));
        vst1q_s16(r3, vqrdmlahq_laneq_s16(vacc, va, vb, 5));
        for (int i = 0; i < 8; i++) {
            bad += r1[i] != ref_mlah16(acc[i], a[i], b[i], 0);
            bad += r2[i] != ref_mlah16(acc[i], a[i], b[i], 1);
            bad += r3[i] != ref_mlah16(acc[i], a[i], b[5], 0);
            h = guest_mix(h, (uint16_t)r1[i] | (uint32_t)(uint16_t)r2[i] << 16 |
                                 (uint64_t)(uint16_t)r3[i] << 32);
        }
        int32_t acc32[4], a32[4], b32[4], s1[4], s2[4];
        for (int i = 0; i < 4; i++)
            acc32[i] = edge32(), a32[i] = edge32(), b32[i] = edge32();
        vst1q_s32(s1, vqrdmlahq_s32(vld1q_s32(acc32), vld1q_s32(a32), vld1q_s32(b32)));
        vst1q_s32(s2, vqrdmlshq_laneq_s32(vld1q_s32(acc32), vld1q_s32(a32), vld1q_s32(b32), 1));
        for (int i = 0; i < 4; i++) {
            bad += s1[i] != ref_mlah32(acc32[i], a32[i], b32[i], 0);
            bad += s2[i] != ref_mlah32(acc32[i], a32[i], b32[1], 1);
            h = guest_mix(h, (uint32_t)s1[i] | (uint64_t)(uint32_t)s2[i] << 32);
        }
        int16_t sh = vqrdmlahh_s16(acc[0], a[0], b[0]);
        int32_t ss = vqrdmlshs_s32(acc32[0], a32[0], b32[0]);
        bad += sh != ref_mlah16(acc[0], a[0], b[0], 0);
        bad += ss != ref_mlah32(acc32[0], a32[0], b32[0], 1);
        h = guest_mix(h, (uint16_t)sh ^ (uint64_t)(uint32_t)ss << 16);
    }
    printf("sqrdmlah/sqrdmlsh: %d mismatches, hash %016llx\n", bad, (unsigned long long)h);
    int16x4_t x = vqrdmlah_s16(vdup_n_s16(OPAQUE(32767)), vdup_n_s16(OPAQUE(-32768)),
                               vdup_n_s16(-32768));
    int16x4_t y = vqrdmlsh_s16(vdup_n_s16(OPAQUE(-32768)), vdup_n_s16(OPAQUE(32767)),
                               vdup_n_s16(32767));
    printf("saturating edges %d %d; Q15 FIR tap: %d\n", vget_lane_s16(x, 0), vget_lane_s16(y, 2),
           vget_lane_s16(vqrdmlah_s16(vdup_n_s16(OPAQUE(1000)), vdup_n_s16(OPAQUE(16384)),
                                      vdup_n_s16(-8192)),
                         1));
    return 0;
}
