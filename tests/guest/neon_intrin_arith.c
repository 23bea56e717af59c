/* arm_neon.h integer arithmetic as codecs and DSP code use it: vaddq/vsubq/
 * vmulq, widening vmlal/vmull/vaddl, saturating vqadd/vqsub/vqdmulh/vqrdmulh/
 * vqdmull, halving vhadd/vrhadd, vabd/vaba, narrowing vshrn/vqrshrn/vqmovun/
 * vmovn, shifts vshl/vrshl/vqshl/vsra/vsli, pairwise vpadd/vpadal, across-lane
 * vmaxv/vminv/vaddv/vaddlv, vcnt/vclz/vcls, compares and bit ops. Each op runs
 * over pseudo-random vectors; results are hashed, and one sample printed. */
#include <arm_neon.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"

static uint64_t hash_all = GUEST_HASH_INIT;

static uint8x16_t rnd(void)
{
    uint64_t lo = guest_rand(), hi = guest_rand();
    /* Bias towards edge values so saturation and overflow happen often. */
    if ((lo & 7) == 0)
        hi |= 0x7f7f7f7f7f7f7f7full;
    if ((lo & 7) == 1)
        hi &= 0x8080808080808080ull;
    return vreinterpretq_u8_u64(vcombine_u64(vcreate_u64(lo), vcreate_u64(hi)));
}

static uint64_t vhash(uint64_t h, uint8x16_t v)
{
    h = guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u8(v), 0));
    return guest_mix(h, vgetq_lane_u64(vreinterpretq_u64_u8(v), 1));
}

#define U8(x) vreinterpretq_u8_s8(x)
#define U16(x) vreinterpretq_u8_s16(x)
#define U32(x) vreinterpretq_u8_s32(x)
#define U64(x) vreinterpretq_u8_s64(x)
#define S8(x) vreinterpretq_s8_u8(x)
#define S16(x) vreinterpretq_s16_u8(x)
#define S32(x) vreinterpretq_s32_u8(x)
#define S64(x) vreinterpretq_s64_u8(x)
#define UH(x) vreinterpretq_u16_u8(x)
#define US(x) vreinterpretq_u32_u8(x)

/* TEST(name, expr): expr uses a, b, c (uint8x16_t) and yields a uint8x16_t. */
#define TEST(name, expr)                                                                           \
    do {                                                                                           \
        uint64_t h_ = GUEST_HASH_INIT;                                                             \
        uint8x16_t r_ = vdupq_n_u8(0);                                                             \
        guest_rng_state = 0x1234567 + __LINE__;                                                    \
        for (int i_ = 0; i_ < 200; i_++) {                                                         \
            uint8x16_t a = rnd(), b = rnd(), c = rnd();                                            \
            (void)b;                                                                               \
            (void)c;                                                                               \
            r_ = (expr);                                                                           \
            h_ = vhash(h_, r_);                                                                    \
        }                                                                                          \
        hash_all = guest_mix(hash_all, h_);                                                        \
        printf("%-10s %016llx last %016llx%016llx\n", name, (unsigned long long)h_,               \
               (unsigned long long)vgetq_lane_u64(vreinterpretq_u64_u8(r_), 1),                    \
               (unsigned long long)vgetq_lane_u64(vreinterpretq_u64_u8(r_), 0));                   \
    } while (0)

/* Across-lane results become a vector lane 0. */
#define SCALAR(x) vreinterpretq_u8_u64(vdupq_n_u64((uint64_t)(x)))

int main(void)
{
    TEST("add8", vaddq_u8(a, b));
    TEST("sub16", U16(vsubq_s16(S16(a), S16(b))));
    TEST("mul32", U32(vmulq_s32(S32(a), S32(b))));
    TEST("mul16lane", U16(vmulq_laneq_s16(S16(a), S16(b), 5)));
    TEST("mla8", vmlaq_u8(a, b, c));
    TEST("mls32", vreinterpretq_u8_u32(vmlsq_u32(US(a), US(b), US(c))));
    TEST("mlal_s16", U32(vmlal_s16(S32(a), vget_low_s16(S16(b)), vget_high_s16(S16(c)))));
    TEST("mlal2_u8", vreinterpretq_u8_u16(vmlal_high_u8(UH(a), b, c)));
    TEST("mull_s32", U64(vmull_s32(vget_low_s32(S32(a)), vget_low_s32(S32(b)))));
    TEST("mull2_u16", vreinterpretq_u8_u32(vmull_high_u16(UH(a), UH(b))));
    TEST("addl_s8", U16(vaddl_s8(vget_low_s8(S8(a)), vget_high_s8(S8(b)))));
    TEST("addw_u16", vreinterpretq_u8_u32(vaddw_u16(US(a), vget_low_u16(UH(b)))));
    TEST("qadd_s8", U8(vqaddq_s8(S8(a), S8(b))));
    TEST("qadd_u16", vreinterpretq_u8_u16(vqaddq_u16(UH(a), UH(b))));
    TEST("qsub_s32", U32(vqsubq_s32(S32(a), S32(b))));
    TEST("qsub_u64", vreinterpretq_u8_u64(vqsubq_u64(vreinterpretq_u64_u8(a),
                                                     vreinterpretq_u64_u8(b))));
    TEST("qdmulh16", U16(vqdmulhq_s16(S16(a), S16(b))));
    TEST("qrdmulh32", U32(vqrdmulhq_s32(S32(a), S32(b))));
    TEST("qdmull", U32(vqdmull_s16(vget_low_s16(S16(a)), vget_low_s16(S16(b)))));
    TEST("qdmlal", U64(vqdmlal_s32(S64(a), vget_low_s32(S32(b)), vget_high_s32(S32(c)))));
    TEST("qabs_neg", U8(vqnegq_s8(vqabsq_s8(S8(a)))));
    TEST("uqadd_sq", U8(vuqaddq_s8(S8(a), b)));
    TEST("hadd_s8", U8(vhaddq_s8(S8(a), S8(b))));
    TEST("rhadd_u16", vreinterpretq_u8_u16(vrhaddq_u16(UH(a), UH(b))));
    TEST("hsub_u32", vreinterpretq_u8_u32(vhsubq_u32(US(a), US(b))));
    TEST("abd_s16", U16(vabdq_s16(S16(a), S16(b))));
    TEST("aba_u8", vabaq_u8(a, b, c));
    TEST("abdl_u8", vreinterpretq_u8_u16(vabdl_u8(vget_low_u8(a), vget_low_u8(b))));
    TEST("abs_s64", U64(vabsq_s64(S64(a))));
    TEST("neg_s32", U32(vnegq_s32(S32(a))));
    TEST("shrn16", vcombine_u8(vshrn_n_u16(UH(a), 3), vshrn_n_u16(UH(b), 8)));
    TEST("rshrn32", vreinterpretq_u8_u16(vcombine_u16(vrshrn_n_u32(US(a), 5),
                                                      vrshrn_n_u32(US(b), 16))));
    TEST("qrshrn_s", U8(vcombine_s8(vqrshrn_n_s16(S16(a), 2), vqrshrn_n_s16(S16(b), 7))));
    TEST("qshrun", vcombine_u8(vqshrun_n_s16(S16(a), 4), vqrshrun_n_s16(S16(b), 1)));
    TEST("qmovn", U16(vcombine_s16(vqmovn_s32(S32(a)), vmovn_s32(S32(b)))));
    TEST("qmovun", vreinterpretq_u8_u32(vcombine_u32(vqmovun_s64(S64(a)),
                                                     vqmovn_u64(vreinterpretq_u64_u8(b)))));
    TEST("shl_reg", U16(vshlq_s16(S16(a), vshrq_n_s16(S16(b), 11))));
    TEST("rshl_reg", U32(vrshlq_s32(S32(a), vshrq_n_s32(S32(b), 26))));
    TEST("qshl_reg", vqshlq_u8(a, vshrq_n_s8(S8(b), 4)));
    TEST("qrshl_s64", U64(vqrshlq_s64(S64(a), vshrq_n_s64(S64(b), 57))));
    TEST("qshl_imm", U8(vqshlq_n_s8(S8(a), 3)));
    TEST("qshlu_imm", vreinterpretq_u8_u32(vqshluq_n_s32(S32(a), 9)));
    TEST("sra", U16(vsraq_n_s16(S16(a), S16(b), 3)));
    TEST("rsra", vreinterpretq_u8_u64(vrsraq_n_u64(vreinterpretq_u64_u8(a),
                                                   vreinterpretq_u64_u8(b), 33)));
    TEST("sli_sri", vsriq_n_u8(vsliq_n_u8(a, b, 3), c, 5));
    TEST("shll", vreinterpretq_u8_u16(vshll_n_u8(vget_low_u8(a), 8)));
    TEST("padd", vpaddq_u8(a, b));
    TEST("paddl", vreinterpretq_u8_u16(vpaddlq_u8(a)));
    TEST("padal", U32(vpadalq_s16(S32(a), S16(b))));
    TEST("pmax", U16(vpmaxq_s16(S16(a), S16(b))));
    TEST("pminu", vreinterpretq_u8_u32(vpminq_u32(US(a), US(b))));
    TEST("maxv_s8", SCALAR((uint8_t)vmaxvq_s8(S8(a))));
    TEST("minv_u16", SCALAR(vminvq_u16(UH(a))));
    TEST("maxv_u32", SCALAR(vmaxvq_u32(US(a))));
    TEST("addv_u8", SCALAR(vaddvq_u8(a)));
    TEST("addv_s32", SCALAR((uint32_t)vaddvq_s32(S32(a))));
    TEST("addv_u64", SCALAR(vaddvq_u64(vreinterpretq_u64_u8(a))));
    TEST("addlv_s8", SCALAR((uint16_t)vaddlvq_s8(S8(a))));
    TEST("addlv_u32", SCALAR(vaddlvq_u32(US(a))));
    TEST("cnt", vcntq_u8(a));
    TEST("clz16", vreinterpretq_u8_u16(vclzq_u16(UH(a))));
    TEST("cls32", U32(vclsq_s32(S32(a))));
    TEST("rbit", vrbitq_u8(a));
    TEST("cmgt", vreinterpretq_u8_u16(vcgtq_s16(S16(a), S16(b))));
    TEST("cmhs", vreinterpretq_u8_u32(vcgeq_u32(US(a), US(b))));
    TEST("cmeq0", vreinterpretq_u8_u64(vceqzq_s64(S64(vandq_u8(a, vdupq_n_u8(0x11))))));
    TEST("cmtst", vtstq_u8(a, b));
    TEST("cmle0", vreinterpretq_u8_u16(vclezq_s16(S16(a))));
    TEST("bitops", veorq_u8(vbicq_u8(a, b), vornq_u8(c, a)));
    TEST("bsl", vbslq_u8(a, b, c));
    TEST("mvn", vmvnq_u8(a));
    TEST("movi_orr", vreinterpretq_u8_u32(vorrq_u32(US(a), vdupq_n_u32(0x00ff0000))));
    TEST("max_s64cm", U64(vbslq_s64(vcgtq_s64(S64(a), S64(b)), S64(a), S64(b))));
    TEST("xtn_dup", vreinterpretq_u8_u32(vdupq_laneq_u32(US(a), 3)));
    /* Scalar forms of the saturating ops (SQADD Bd, SQDMULH Hd, UQSHL Sd...). */
    TEST("scalar_sat", SCALAR((uint64_t)(uint8_t)vqaddb_s8((int8_t)vgetq_lane_u8(a, 0),
                                                          (int8_t)vgetq_lane_u8(b, 0)) |
                              (uint64_t)(uint16_t)vqdmulhh_s16((int16_t)vgetq_lane_u16(UH(a), 1),
                                                               (int16_t)vgetq_lane_u16(UH(b), 1))
                                  << 8 |
                              (uint64_t)vqshls_u32(vgetq_lane_u32(US(a), 1),
                                                   (int32_t)(vgetq_lane_u32(US(c), 0) % 40) - 20)
                                  << 24));
    /* Saturation sets the sticky FPSR.QC bit (27); non-saturating ops leave it alone. */
    uint64_t fpsr;
    __asm__ volatile("msr fpsr, xzr");
    int8x16_t big = vdupq_n_s8(OPAQUE(100));
    int8x16_t r = vqaddq_s8(big, big);
    __asm__ volatile("mrs %0, fpsr" : "=r"(fpsr) : "w"(r));
    printf("QC after saturating add: %d (lane %d)\n", (int)(fpsr >> 27 & 1), vgetq_lane_s8(r, 3));
    __asm__ volatile("msr fpsr, xzr");
    r = vqaddq_s8(big, vdupq_n_s8(OPAQUE(1)));
    __asm__ volatile("mrs %0, fpsr" : "=r"(fpsr) : "w"(r));
    printf("QC after exact add: %d (lane %d)\n", (int)(fpsr >> 27 & 1), vgetq_lane_s8(r, 3));
    printf("all %016llx\n", (unsigned long long)hash_all);
    return 0;
}
