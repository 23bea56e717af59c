/* arm_neon.h floating point: vaddq/vmulq/vdivq/vsqrtq, vfmaq/vfmsq (and by
 * lane), vmulxq, min/max with and without NaN propagation (FMAX vs FMAXNM),
 * pairwise and across-lane reductions, compares (FCMGT/FCMEQ/FACGE), vabdq,
 * conversions vcvtq (to int with saturation, fixed point, every rounding:
 * FCVTNS/AS/MS/PS/ZU), float<->double (FCVTL/FCVTN/FCVTXN), vrnd* (FRINTN/A/M/P/
 * Z/X/I), vrecpe/vrsqrte estimates plus Newton steps (FRECPS/FRSQRTS),
 * vrecpx. Inputs include NaN, infinities, zeros of both signs and denormals. */
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

static float special[] = {0.0f, -0.0f, 1.0f, -1.5f, 2.5f, -2.5f, 0.5f, 3.7f, -3.7f, 1e-40f,
                          -1e-45f, 1e38f, -3e38f, 2147483648.0f, -2147483904.0f, 4294967296.0f,
                          8388607.5f, INFINITY, -INFINITY, NAN, 1e-20f, 65536.5f, 0.1f, -7e9f};
#define NSPECIAL (sizeof special / sizeof special[0])

static uint64_t hash_all = GUEST_HASH_INIT;

/* The 4-lane float inputs: all the special values in windows, then random bit patterns. */
static float32x4_t input(int i)
{
    if (i < (int)NSPECIAL) {
        float v[4];
        for (int k = 0; k < 4; k++)
            v[k] = special[(i + k * 5) % NSPECIAL];
        return vld1q_f32(v);
    }
    uint64_t r = guest_rand(), s = guest_rand();
    /* Keep exponents mostly in a moderate range so arithmetic is not all inf/0. */
    r &= 0xc7ffffffc7ffffffull;
    r |= 0x3800000038000000ull;
    return vreinterpretq_f32_u64(vcombine_u64(vcreate_u64(r), vcreate_u64(s)));
}

static uint64_t vhash(uint64_t h, uint32x4_t v)
{
    h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u32(v), 0));
    return guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u32(v), 1));
}

#define U(x) vreinterpretq_u32_f32(x)
#define UD(x) vreinterpretq_u32_f64(x)
#define SCALAR(x) vreinterpretq_u32_u64(vdupq_n_u64((uint64_t)(x)))

#define TEST(name, expr)                                                                           \
    do {                                                                                           \
        uint64_t h_ = GUEST_HASH_INIT;                                                             \
        uint32x4_t r_ = vdupq_n_u32(0), first_ = r_;                                               \
        guest_rng_state = 0x9e3779b9 + __LINE__;                                                   \
        for (int i_ = 0; i_ < 300; i_++) {                                                         \
            float32x4_t a = input(i_), b = input(i_ + 7), c = input(i_ + 3);                       \
            (void)a;                                                                               \
            (void)b;                                                                               \
            (void)c;                                                                               \
            r_ = (expr);                                                                           \
            if (i_ == 2)                                                                           \
                first_ = r_;                                                                       \
            h_ = vhash(h_, r_);                                                                    \
        }                                                                                          \
        hash_all = guest_mix(hash_all, h_);                                                        \
        printf("%-12s %016llx  i=2: %08x %08x %08x %08x\n", name, (unsigned long long)h_,         \
               vgetq_lane_u32(first_, 0), vgetq_lane_u32(first_, 1), vgetq_lane_u32(first_, 2),    \
               vgetq_lane_u32(first_, 3));                                                         \
    } while (0)

static float64x2_t lo_d(float32x4_t a)
{
    return vcvt_f64_f32(vget_low_f32(a));
}

/* 1/x and 1/sqrt(x) from the estimate plus two Newton-Raphson steps, as
 * graphics and ML code computes them. */
static float32x4_t recip(float32x4_t x)
{
    float32x4_t e = vrecpeq_f32(x);
    e = vmulq_f32(e, vrecpsq_f32(x, e));
    return vmulq_f32(e, vrecpsq_f32(x, e));
}

static float32x4_t rsqrt(float32x4_t x)
{
    float32x4_t e = vrsqrteq_f32(x);
    e = vmulq_f32(e, vrsqrtsq_f32(vmulq_f32(x, e), e));
    return vmulq_f32(e, vrsqrtsq_f32(vmulq_f32(x, e), e));
}

int main(void)
{
    TEST("add", U(vaddq_f32(a, b)));
    TEST("sub_d", UD(vsubq_f64(lo_d(a), lo_d(b))));
    TEST("mul", U(vmulq_f32(a, b)));
    TEST("div", U(vdivq_f32(a, b)));
    TEST("div_d", UD(vdivq_f64(lo_d(a), lo_d(c))));
    TEST("sqrt", U(vsqrtq_f32(a)));
    TEST("sqrt_d", UD(vsqrtq_f64(lo_d(b))));
    TEST("fma", U(vfmaq_f32(a, b, c)));
    TEST("fms", U(vfmsq_f32(a, b, c)));
    TEST("fma_lane", U(vfmaq_laneq_f32(a, b, c, 2)));
    TEST("fma_d", UD(vfmaq_f64(lo_d(a), lo_d(b), lo_d(c))));
    TEST("mulx", U(vmulxq_f32(a, b)));
    TEST("mul_lane", U(vmulq_laneq_f32(a, b, 3)));
    TEST("abs_neg", U(vnegq_f32(vabsq_f32(a))));
    TEST("abd", U(vabdq_f32(a, b)));
    TEST("max", U(vmaxq_f32(a, b)));
    TEST("minnm", U(vminnmq_f32(a, b)));
    TEST("maxnm_d", UD(vmaxnmq_f64(lo_d(a), lo_d(b))));
    TEST("padd", U(vpaddq_f32(a, b)));
    TEST("pmaxnm", U(vpmaxnmq_f32(a, b)));
    TEST("maxv", SCALAR(vgetq_lane_u32(U(vdupq_n_f32(vmaxvq_f32(a))), 0)));
    TEST("minnmv", SCALAR(vgetq_lane_u32(U(vdupq_n_f32(vminnmvq_f32(a))), 0)));
    TEST("addv_d", UD(vdupq_n_f64(vaddvq_f64(lo_d(a)))));
    TEST("cmgt", vcgtq_f32(a, b));
    TEST("cmeq", vceqq_f32(a, c));
    TEST("cmle0", vclezq_f32(a));
    TEST("facge", vcageq_f32(a, b));
    TEST("bsl_sel", U(vbslq_f32(vcltq_f32(a, b), a, c)));
    TEST("cvt_s32", vreinterpretq_u32_s32(vcvtq_s32_f32(a)));
    TEST("cvt_u32", vcvtq_u32_f32(a));
    TEST("cvtn_s32", vreinterpretq_u32_s32(vcvtnq_s32_f32(a)));
    TEST("cvta_u32", vcvtaq_u32_f32(a));
    TEST("cvtm_s32", vreinterpretq_u32_s32(vcvtmq_s32_f32(a)));
    TEST("cvtp_s32", vreinterpretq_u32_s32(vcvtpq_s32_f32(a)));
    TEST("cvt_fix8", vreinterpretq_u32_s32(vcvtq_n_s32_f32(a, 8)));
    TEST("cvt_ufix16", vcvtq_n_u32_f32(a, 16));
    TEST("cvt_s64", vreinterpretq_u32_s64(vcvtq_s64_f64(lo_d(a))));
    TEST("cvtn_u64", vreinterpretq_u32_u64(vcvtnq_u64_f64(lo_d(b))));
    TEST("scvtf", U(vcvtq_f32_s32(vreinterpretq_s32_f32(a))));
    TEST("ucvtf_fix", U(vcvtq_n_f32_u32(vreinterpretq_u32_f32(a), 12)));
    TEST("scvtf_d", UD(vcvtq_f64_s64(vreinterpretq_s64_f32(b))));
    TEST("fcvtl2", UD(vcvt_high_f64_f32(a)));
    TEST("fcvtn", U(vcvt_high_f32_f64(vget_low_f32(a), vmulq_f64(lo_d(b), lo_d(c)))));
    TEST("fcvtxn", U(vcombine_f32(vcvtx_f32_f64(vmulq_f64(lo_d(b), lo_d(c))), vget_low_f32(a))));
    TEST("rndn", U(vrndnq_f32(a)));
    TEST("rnda", U(vrndaq_f32(a)));
    TEST("rndm", U(vrndmq_f32(a)));
    TEST("rndp", U(vrndpq_f32(a)));
    TEST("rnd", U(vrndq_f32(a)));
    TEST("rndx", U(vrndxq_f32(a)));
    TEST("rndi_d", UD(vrndiq_f64(lo_d(c))));
    TEST("recpe", U(vrecpeq_f32(a)));
    TEST("rsqrte", U(vrsqrteq_f32(a)));
    TEST("recip_nr", U(recip(a)));
    TEST("rsqrt_nr", U(rsqrt(vabsq_f32(a))));
    TEST("recpe_u32", vrecpeq_u32(vreinterpretq_u32_f32(a)));
    TEST("rsqrte_u32", vrsqrteq_u32(vreinterpretq_u32_f32(b)));
    TEST("recpe_d", UD(vrecpeq_f64(lo_d(a))));
    TEST("rsqrts_d", UD(vrsqrtsq_f64(lo_d(a), lo_d(b))));
    TEST("recpx", SCALAR(vgetq_lane_u32(U(vdupq_n_f32(vrecpxs_f32(vgetq_lane_f32(a, 1)))), 0)));
    TEST("scal_fma", SCALAR(vgetq_lane_u32(
                         U(vdupq_n_f32(vfmas_laneq_f32(vgetq_lane_f32(a, 0), vgetq_lane_f32(b, 1), c, 3))), 0)));
    float32x4_t v = vrsqrteq_f32(vdupq_n_f32(OPAQUE(2.0f)));
    float32x4_t one_over_sqrt2 = rsqrt(vdupq_n_f32(OPAQUE(2.0f)));
    printf("rsqrte(2)=%a after NR %a, recip(3) %a\n", (double)vgetq_lane_f32(v, 0),
           (double)vgetq_lane_f32(one_over_sqrt2, 0),
           (double)vgetq_lane_f32(recip(vdupq_n_f32(OPAQUE(3.0f))), 0));
    printf("all %016llx\n", (unsigned long long)hash_all);
    return 0;
}
