/* Vector loops whose V registers a JIT may keep in host registers for the whole loop: every
 * lane operation with a vector lowering (three-same, pairwise, widening, multiply-accumulate,
 * compares, shifts, negate/abs/not), 64-bit (Q = 0) results next to 128-bit ones, lane moves
 * in and out of the loop's registers (UMOV, INS), a C call in the loop, float lanes (FADD,
 * FMUL, FDIV, FMLA) whose results are sometimes subnormal, infinite or NaN (the operation's
 * slow path, and FPSR's flags), and a fault in the middle of a loop: the handler prints the
 * accumulators the signal frame holds (they must be those of the faulting iteration) and
 * jumps out. */
#include <arm_neon.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static uint32_t w[1024];
static int16_t h[1024];

static void show(const char *name, const void *p, size_t n)
{
    const uint8_t *b = p;
    printf("%s:", name);
    for (size_t i = 0; i < n; i++)
        printf("%s%02x", i % 4 ? "" : " ", b[i]);
    printf("\n");
}

__attribute__((noinline)) static uint32x4_t lanes32(void)
{
    uint32x4_t acc = vdupq_n_u32(1), mx = vdupq_n_u32(0), mn = vdupq_n_u32(~0u);
    uint32x4_t ml = vdupq_n_u32(3), cm = vdupq_n_u32(0), pw = vdupq_n_u32(0);
    uint32x2_t lo = vdup_n_u32(7);
    for (int i = 0; i < 1024; i += 4) {
        uint32x4_t v = vld1q_u32(&w[i]);
        acc = vaddq_u32(acc, v);
        mx = vmaxq_u32(mx, v);
        mn = vminq_u32(mn, vsubq_u32(v, acc));
        ml = vmlaq_u32(ml, v, ml);
        ml = vmlsq_u32(ml, acc, v);
        cm = vaddq_u32(cm, vcgtq_u32(v, mx));
        cm = vsubq_u32(cm, vceqq_u32(vandq_u32(v, vdupq_n_u32(3)), vdupq_n_u32(0)));
        pw = vpaddq_u32(pw, vshrq_n_u32(v, 3));
        lo = vadd_u32(lo, vget_low_u32(v));
        lo = vmul_u32(lo, vshl_n_u32(lo, 1));
    }
    uint32x4_t r = veorq_u32(acc, mx);
    r = vaddq_u32(r, mn);
    r = vaddq_u32(r, ml);
    r = vaddq_u32(r, cm);
    r = vaddq_u32(r, pw);
    return vaddq_u32(r, vcombine_u32(lo, lo));
}

__attribute__((noinline)) static void lanes16(uint8_t *out)
{
    int16x8_t sm = vdupq_n_s16(0), neg = vdupq_n_s16(5), ab = vdupq_n_s16(0);
    int32x4_t wide = vdupq_n_s32(0), wide2 = vdupq_n_s32(-9);
    int16x4_t q0 = vdup_n_s16(1);
    for (int i = 0; i < 1024; i += 8) {
        int16x8_t v = vld1q_s16(&h[i]);
        sm = vmaxq_s16(sm, v);
        neg = vnegq_s16(vsubq_s16(neg, v));
        ab = vaddq_s16(ab, vabsq_s16(v));
        ab = veorq_s16(ab, vreinterpretq_s16_u16(vcltzq_s16(v)));
        wide = vmlal_s16(wide, vget_low_s16(v), vget_high_s16(v));
        wide2 = vaddw_s16(wide2, vget_high_s16(v));
        wide2 = vsubq_s32(wide2, vmull_s16(vget_low_s16(v), vdup_n_s16(3)));
        q0 = vadd_s16(q0, vmvn_s16(vget_low_s16(v)));
        q0 = vpmax_s16(q0, vget_high_s16(v));
        /* a lane out of and back into the loop's registers */
        int16_t e = vgetq_lane_s16(v, 5);
        sm = vsetq_lane_s16((int16_t)(vgetq_lane_s16(sm, 2) + e), sm, 2);
    }
    memcpy(out, &sm, 16);
    memcpy(out + 16, &neg, 16);
    memcpy(out + 32, &ab, 16);
    memcpy(out + 48, &wide, 16);
    memcpy(out + 64, &wide2, 16);
    memcpy(out + 80, &q0, 8);
}

__attribute__((noinline)) static uint32_t scramble(uint32_t x) { return x * 2654435761u ^ (x >> 7); }

/* A call in the loop: the loop's vector registers live across it. */
__attribute__((noinline)) static uint32x4_t with_call(void)
{
    uint32x4_t acc = vdupq_n_u32(0);
    for (int i = 0; i < 256; i += 4) {
        uint32x4_t v = vld1q_u32(&w[i]);
        acc = vaddq_u32(acc, v);
        acc = vsetq_lane_u32(scramble(vgetq_lane_u32(acc, 1)), acc, 1);
    }
    return acc;
}

static float fx[512], fy[512];

__attribute__((noinline)) static float32x4_t float_lanes(void)
{
    float32x4_t acc = vdupq_n_f32(0.5f), q = vdupq_n_f32(1.0f), half = vdupq_n_f32(0.5f);
    for (int i = 0; i < 512; i += 4) {
        float32x4_t x = vld1q_f32(&fx[i]), y = vld1q_f32(&fy[i]);
        acc = vmlaq_f32(acc, x, y);
        q = vdivq_f32(vaddq_f32(q, x), vaddq_f32(y, half));
        acc = vmulq_f32(acc, half);
    }
    return vaddq_f32(acc, q);
}

static sigjmp_buf back;
static uint32_t *fault_at;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    ucontext_t *uc = ucv;
    printf("fault at element %ld\n", (long)((uint32_t *)si->si_addr - fault_at));
    /* The FP/SIMD record of the signal frame: V registers as the faulting access found them. */
    struct _aarch64_ctx *c = (void *)uc->uc_mcontext.__reserved;
    while (c->magic && c->magic != FPSIMD_MAGIC)
        c = (void *)((char *)c + c->size);
    if (c->magic == FPSIMD_MAGIC) {
        struct fpsimd_context *f = (void *)c;
        show("  v20", &f->vregs[20], 16);
        show("  v21", &f->vregs[21], 16);
    }
    siglongjmp(back, 1);
}

/* Sums 4 lanes at a time until the loads reach a page that is not there. */
__attribute__((noinline)) static void fault_loop(uint32_t *p)
{
    __asm__ volatile("movi v20.4s, #1\n\t"
                     "movi v21.4s, #0\n"
                     "1:\n\t"
                     "ldr q22, [%0], #16\n\t"
                     "add v20.4s, v20.4s, v22.4s\n\t"
                     "umax v21.4s, v21.4s, v20.4s\n\t"
                     "b 1b"
                     : "+r"(p)
                     :
                     : "v20", "v21", "v22", "memory");
}

int main(void)
{
    for (int i = 0; i < 1024; i++) {
        w[i] = (uint32_t)i * 2654435761u;
        h[i] = (int16_t)(i * 37 - 9000);
    }
    uint32x4_t a = lanes32();
    show("lanes32", &a, 16);
    uint8_t out[88];
    lanes16(out);
    show("lanes16", out, sizeof out);
    uint32x4_t c = with_call();
    show("with_call", &c, 16);
    for (int i = 0; i < 512; i++) {
        fx[i] = (float)(i % 17) * 0.25f - 1.5f;
        fy[i] = (float)(i % 5) + 0.125f;
    }
    fx[100] = 1e-30f, fy[100] = 1e-10f;  /* a subnormal product */
    fx[200] = 3e38f, fy[200] = 10.0f;    /* an infinity */
    fx[301] = __builtin_nanf("");        /* a NaN from then on in its lane */
    uint64_t fpsr;
    __asm__ volatile("msr fpsr, xzr");
    float32x4_t fl = float_lanes();
    __asm__ volatile("mrs %0, fpsr" : "=r"(fpsr));
    show("float_lanes", &fl, 16);
    printf("fpsr %08llx\n", (unsigned long long)fpsr);

    struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, NULL);
    uint8_t *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 4096 / 4; i++)
        ((uint32_t *)m)[i] = (uint32_t)i * 0x01000193u;
    mprotect(m + 4096, 4096, PROT_NONE);
    fault_at = (uint32_t *)m;
    if (!sigsetjmp(back, 1))
        fault_loop((uint32_t *)m);
    printf("done\n");
    return 0;
}
