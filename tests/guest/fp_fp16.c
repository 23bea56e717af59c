// GUEST_CFLAGS: -march=armv8.2-a+fp16 -ffp-contract=off
/* Half precision with Armv8.2 FEAT_FP16: scalar _Float16 arithmetic (FADD/
 * FMUL/FDIV/FSQRT/FMADD on H registers), conversions to and from float,
 * double and integers (FCVT, SCVTF/FCVTZS Hd), and the 8-lane vector forms
 * (vaddq_f16, vfmaq_f16, vcvtq_f16_s16, vrndnq_f16, vmaxvq_f16, vcmpgtq...).
 * Values near the half-precision limits: 65504, 2^-14, denormals 2^-24.
 * -ffp-contract=off: -O2 would otherwise fuse vmulq+vaddq into FMLA. */
#include <arm_neon.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

#ifndef __ARM_FEATURE_FP16_SCALAR_ARITHMETIC
#error "needs -march=armv8.2-a+fp16"
#endif

static uint16_t hbits(_Float16 h)
{
    uint16_t u;
    memcpy(&u, &h, 2);
    return u;
}

static _Float16 from_hbits(uint16_t u)
{
    _Float16 h;
    memcpy(&h, &u, 2);
    return h;
}

int main(void)
{
    static const float fv[] = {0.0f, -0.0f, 1.0f, 0.1f, 65504.0f, 65520.0f, 1e5f, 6.1035156e-5f,
                               5.9604645e-8f, 2.9802322e-8f, 3.0e-8f, -2.5f, 1.0f / 3, 2049.0f};
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        _Float16 h = (_Float16)OPAQUE(fv[i]);
        _Float16 hd = (_Float16)(double)OPAQUE(fv[i]);
        printf("%-14.8g -> %04x (%.8g) from double %04x, back to double %.17g\n", (double)fv[i],
               hbits(h), (double)h, hbits(hd), (double)hd);
    }
    _Float16 a = OPAQUE((_Float16)1.5f), b = OPAQUE((_Float16)0.3333f), c = (_Float16)-2.0f;
    printf("add %04x sub %04x mul %04x div %04x fma %04x neg-abs %04x\n", hbits(a + b),
           hbits(b - a), hbits(a * b), hbits(a / b), hbits(vfmah_f16(c, a, b)),
           hbits(-(a < 0 ? -a : a)));
    _Float16 big = OPAQUE((_Float16)60000.0f), tiny = OPAQUE(from_hbits(0x0001));
    printf("overflow %04x denormal*2 %04x denormal/2 %04x 2^-14/1024 %04x\n", hbits(big * 2),
           hbits(tiny * 2), hbits(tiny / 2), hbits(from_hbits(0x0400) / (_Float16)1024.0f));
    printf("sqrt(2) %04x int %d uint %u from int %04x cmp %d %d\n",
           hbits(vsqrth_f16(OPAQUE((_Float16)2.0f))), (int)OPAQUE((_Float16)-1234.5f),
           (unsigned)OPAQUE((_Float16)4097.0f), hbits((_Float16)OPAQUE(-70000)), a > b, a == b);

    /* Vector forms over all 65536 bit patterns, hashed. */
    uint64_t h = GUEST_HASH_INIT;
    uint16_t lanes[8];
    for (unsigned base = 0; base < 65536; base += 8) {
        for (int k = 0; k < 8; k++)
            lanes[k] = (uint16_t)(base + k);
        float16x8_t x = vreinterpretq_f16_u16(vld1q_u16(lanes));
        float16x8_t y = vreinterpretq_f16_u16(vdupq_n_u16((uint16_t)(0x3c00 + (base >> 3 & 0x3ff))));
        float16x8_t r = vaddq_f16(vmulq_f16(x, y), y);
        r = vfmaq_f16(r, x, vrndnq_f16(y));
        uint16x8_t gt = vcgtq_f16(x, y);
        int16x8_t conv = vcvtq_s16_f16(x);
        float16x8_t back = vcvtq_f16_s16(vreinterpretq_s16_u16(vld1q_u16(lanes)));
        float32x4_t wide = vcvt_f32_f16(vget_low_f16(x));
        float16x4_t narrow = vcvt_f16_f32(vmulq_f32(wide, vdupq_n_f32(3.0f)));
        uint16_t out[8];
        vst1q_u16(out, vreinterpretq_u16_f16(r));
        for (int k = 0; k < 8; k++)
            h = guest_mix(h, out[k]);
        h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u16(gt), 0));
        h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_s16(conv), 1));
        h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_f16(back), 0));
        h = guest_mix(h, vget_lane_u64(vreinterpret_u64_f16(narrow), 0));
        h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_f32(wide), 1));
        h = guest_mix(h, hbits(vmaxnmvq_f16(x)));
    }
    printf("all half patterns: hash %016llx\n", (unsigned long long)h);
    return 0;
}
