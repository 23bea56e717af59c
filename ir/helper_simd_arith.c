/* AdvSIMD integer arithmetic (Arm ARM C7 "three same", "three different",
 * "two-register miscellaneous", "across lanes", "shift by immediate" and their
 * scalar forms).  a = SIMD_ARGS(...), b = U << 5 | opcode, c = immediate.
 * The translators have rejected unallocated size/Q combinations.
 *
 * Sources are copied before the result is built, so Vd may alias Vn/Vm; lanes
 * are computed in 128-bit arithmetic, which holds every 64-bit intermediate. */
#include "env.h"
#include "helper_simd.h"
#include "helper_simd_fast.h"

typedef __int128 s128;
typedef unsigned __int128 u128;

static inline uint64_t ones(unsigned esize) { return esize == 8 ? ~0ull : (1ull << (esize * 8)) - 1; }
static inline int64_t smax_of(unsigned esize) { return (int64_t)(ones(esize) >> 1); }
static inline int64_t smin_of(unsigned esize) { return -smax_of(esize) - 1; }
static inline int64_t sext(uint64_t x, unsigned esize)
{
    unsigned sh = 64 - esize * 8;
    return (int64_t)(x << sh) >> sh;
}

/* Saturates x to a signed/unsigned lane of esize bytes, setting FPSR.QC. */
static uint64_t sat_s(struct ir_env *env, s128 x, unsigned esize)
{
    if (x > smax_of(esize)) {
        env->cpu.fpsr |= 1u << 27;
        return (uint64_t)smax_of(esize);
    }
    if (x < smin_of(esize)) {
        env->cpu.fpsr |= 1u << 27;
        return (uint64_t)smin_of(esize);
    }
    return (uint64_t)x & ones(esize);
}
static uint64_t sat_u(struct ir_env *env, s128 x, unsigned esize)
{
    if (x < 0) {
        env->cpu.fpsr |= 1u << 27;
        return 0;
    }
    if (x > (s128)ones(esize)) {
        env->cpu.fpsr |= 1u << 27;
        return ones(esize);
    }
    return (uint64_t)x;
}

/* SSHL/USHL/SRSHL/URSHL: shift by the signed low byte of b; negative is right. */
static s128 shl_reg(s128 x, int64_t amount, bool round)
{
    /* Lanes are at most 64 bits: a left shift of 64 or more leaves nothing, but
     * a saturating shift must still see that the value overflowed. */
    if (amount >= 64)
        return x == 0 ? 0 : x > 0 ? (s128)1 << 100 : -((s128)1 << 100);
    if (amount >= 0)
        return x * ((s128)1 << amount);
    amount = -amount;
    if (amount > 100)
        amount = 100;
    s128 r = x >> amount;
    if (round)
        r += (x >> (amount - 1)) & 1;
    return r;
}

/* Writes res to Vd: `bytes` of it (8 = the upper half zeroed). */
static void put(struct ir_env *env, unsigned rd, zarm_vreg *res, unsigned bytes)
{
    if (bytes < 16)
        res->d[1] = 0;
    if (bytes < 8)
        res->d[0] &= (1ull << (bytes * 8)) - 1;
    env->cpu.v[rd] = *res;
}

/* SQRDMLAH/SQRDMLSH: (acc << esize) +/- 2 * a * b + rounding, the high half
 * saturated (Arm ARM: the accumulation is done before the one saturation). */
static uint64_t rdmlah(struct ir_env *env, unsigned esize, s128 a, s128 b, s128 acc, bool sub)
{
    unsigned bits = esize * 8;
    s128 p = 2 * a * b;
    s128 v = acc * ((s128)1 << bits) + (sub ? -p : p) + ((s128)1 << (bits - 1));
    return sat_s(env, v >> bits, esize);
}

/* SDOT/UDOT: each 32-bit lane accumulates the four byte products of its bytes. */
static uint64_t dot(uint64_t x, uint64_t y, uint64_t acc, bool u)
{
    uint32_t sum = (uint32_t)acc;
    for (unsigned k = 0; k < 32; k += 8) {
        int64_t a = u ? (int64_t)(uint8_t)(x >> k) : (int64_t)(int8_t)(x >> k);
        int64_t b = u ? (int64_t)(uint8_t)(y >> k) : (int64_t)(int8_t)(y >> k);
        sum += (uint32_t)(a * b);
    }
    return sum;
}

/* One lane of a "three same" operation; x, y, acc zero-extended lanes. */
static uint64_t op_3same(struct ir_env *env, unsigned op, unsigned esize, uint64_t x, uint64_t y,
                         uint64_t acc)
{
    s128 sx = sext(x, esize), sy = sext(y, esize);
    s128 ux = x, uy = y;
    bool u = op & 0x20;
    s128 a = u ? ux : sx, b = u ? uy : sy;
    uint64_t m = ones(esize);
    switch (op) {
    case SIMD_SQRDMLAH: return rdmlah(env, esize, sx, sy, sext(acc, esize), false);
    case SIMD_SQRDMLSH: return rdmlah(env, esize, sx, sy, sext(acc, esize), true);
    case SIMD_SDOT: return dot(x, y, acc, false);
    case SIMD_UDOT: return dot(x, y, acc, true);
    }
    switch (op & 0x1f) {
    case 0x00: return (uint64_t)((a + b) >> 1);                               /* HADD */
    case 0x01: return u ? sat_u(env, a + b, esize) : sat_s(env, a + b, esize); /* QADD */
    case 0x02: return (uint64_t)((a + b + 1) >> 1);                           /* RHADD */
    case 0x04: return (uint64_t)((a - b) >> 1);                               /* HSUB */
    case 0x05: return u ? sat_u(env, a - b, esize) : sat_s(env, a - b, esize); /* QSUB */
    case 0x06: return a > b ? m : 0;                                          /* CMGT/CMHI */
    case 0x07: return a >= b ? m : 0;                                         /* CMGE/CMHS */
    case 0x08: return (uint64_t)shl_reg(a, (int8_t)y, false);                 /* SSHL/USHL */
    case 0x09: {                                                              /* QSHL */
        s128 r = shl_reg(a, (int8_t)y, false);
        return u ? sat_u(env, r, esize) : sat_s(env, r, esize);
    }
    case 0x0a: return (uint64_t)shl_reg(a, (int8_t)y, true);                  /* RSHL */
    case 0x0b: {                                                              /* QRSHL */
        s128 r = shl_reg(a, (int8_t)y, true);
        return u ? sat_u(env, r, esize) : sat_s(env, r, esize);
    }
    case 0x0c: return (uint64_t)(a > b ? a : b);                              /* MAX */
    case 0x0d: return (uint64_t)(a < b ? a : b);                              /* MIN */
    case 0x0e: return (uint64_t)(a > b ? a - b : b - a);                      /* ABD */
    case 0x0f: return acc + (uint64_t)(a > b ? a - b : b - a);                /* ABA */
    case 0x10: return u ? x - y : x + y;                                      /* ADD/SUB */
    case 0x11: return u ? (x == y ? m : 0) : ((x & y) ? m : 0);               /* CMTST/CMEQ */
    case 0x12: return u ? acc - x * y : acc + x * y;                          /* MLA/MLS */
    case 0x13:
        if (u) { /* PMUL: carry-less product of bytes */
            uint64_t r = 0;
            for (unsigned i = 0; i < 8; i++)
                if (y >> i & 1)
                    r ^= x << i;
            return r;
        }
        return x * y;                                                         /* MUL */
    case 0x16: {                                                              /* SQ(R)DMULH */
        s128 p = 2 * sx * sy + (u ? ((s128)1 << (esize * 8 - 1)) : 0);
        return sat_s(env, p >> (esize * 8), esize);
    }
    }
    return 0;
}

static void do_3same(struct ir_env *env, uint64_t args, unsigned op, const zarm_vreg *xp,
                     const zarm_vreg *yp)
{
    unsigned esize = 1u << SIMD_SIZE(args), bytes = SIMD_SCALAR(args) ? esize : SIMD_Q(args) ? 16 : 8;
    unsigned n = bytes / esize;
    zarm_vreg x = *xp, y = *yp;
    zarm_vreg d = env->cpu.v[SIMD_RD(args)], r = {{0, 0}};
    unsigned base = op < 0x40 ? op & 0x1f : 0;
    if (base == 0x14 || base == 0x15 || base == 0x17) {
        /* Pairwise: the concatenation y:x, adjacent lanes combined. */
        unsigned elem = base == 0x17 ? 0x10 : base == 0x14 ? 0x0c : 0x0d;
        elem |= base == 0x17 ? 0 : (op & 0x20);
        for (unsigned i = 0; i < n; i++) {
            const zarm_vreg *src = i < n / 2 ? &x : &y;
            unsigned j = (2 * i) % n;
            simd_set_lane(&r, i, esize,
                          op_3same(env, elem, esize, simd_lane(src, j, esize),
                                   simd_lane(src, j + 1, esize), 0));
        }
    } else {
        for (unsigned i = 0; i < n; i++)
            simd_set_lane(&r, i, esize,
                          op_3same(env, op, esize, simd_lane(&x, i, esize),
                                   simd_lane(&y, i, esize), simd_lane(&d, i, esize)));
    }
    put(env, SIMD_RD(args), &r, bytes);
}

/* Three same: a = SIMD_ARGS, b = enum simd_op. */
/* Out of line, so that the fast path of helper_simd_3same needs no stack frame. */
static __attribute__((noinline)) uint64_t generic_3same(struct ir_env *env, uint64_t args,
                                                     unsigned op)
{
    simd_leaf *sat = simd_leaf_for(simd_qsame_leaves, SIMD_QSAME_SLOTS, args, op);
    if (sat) {
        if (simd_leaf_run(sat, &env->cpu, args, &env->cpu.v[SIMD_RM(args)], 0))
            env->cpu.fpsr |= 1u << 27; /* FPSR.QC */
        return 0;
    }
    do_3same(env, args, op, &env->cpu.v[SIMD_RN(args)], &env->cpu.v[SIMD_RM(args)]);
    return 0;
}

uint64_t helper_simd_3same(struct ir_env *env, uint64_t args, uint64_t op, uint64_t c)
{
    (void)c;
    simd_leaf *leaf = simd_leaf_for(simd_same_leaves, SIMD_SAME_SLOTS, args, op);
    if (leaf)
        return simd_leaf_run(leaf, &env->cpu, args, &env->cpu.v[SIMD_RM(args)], 0);
    return generic_3same(env, args, (unsigned)op & 0xff);
}

/* Carry-less product of two 64-bit values: 128 bits as hi:lo. */
static void clmul64(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t l = 0, h = 0;
    for (unsigned k = 0; k < 64; k++)
        if (b >> k & 1) {
            l ^= a << k;
            h ^= k ? a >> (64 - k) : 0;
        }
    *lo = l;
    *hi = h;
}

/* "Three different": long (L), wide (W) and narrow-high (HN) forms; scalar forms
 * of the saturating doubling ones work on lane 0 only. */
static void do_3diff(struct ir_env *env, uint64_t args, unsigned op, const zarm_vreg *xp,
                     const zarm_vreg *yp)
{
    unsigned esize = 1u << SIMD_SIZE(args), q = SIMD_Q(args);
    bool u = op & 0x10, scalar = SIMD_SCALAR(args);
    unsigned opc = op & 15, wide = esize * 2;
    zarm_vreg x = *xp, y = *yp;
    zarm_vreg d = env->cpu.v[SIMD_RD(args)], r = {{0, 0}};
    unsigned half = q ? 8 / esize : 0; /* first source lane of the "2" forms */
    if (opc == 14 && esize == 8) { /* PMULL (+2) of doublewords */
        clmul64(x.d[q], y.d[q], &r.d[0], &r.d[1]);
        env->cpu.v[SIMD_RD(args)] = r;
        return;
    }
    if (opc == 4 || opc == 6) {
        /* ADDHN/SUBHN (+R): wide sources, high halves into the narrow result. */
        for (unsigned i = 0; i < 8 / esize; i++) {
            uint64_t a = simd_lane(&x, i, wide), b = simd_lane(&y, i, wide);
            uint64_t s = opc == 4 ? a + b : a - b;
            if (u)
                s += 1ull << (esize * 8 - 1);
            s = wide == 8 ? s : s & ones(wide);
            simd_set_lane(&r, i, esize, s >> (esize * 8));
        }
        if (q) { /* HN2: keep the low half of Vd, result into the high half */
            r.d[1] = r.d[0];
            r.d[0] = d.d[0];
        }
        env->cpu.v[SIMD_RD(args)] = r;
        return;
    }
    unsigned n = scalar ? 1 : 8 / esize;
    for (unsigned i = 0; i < n; i++) {
        s128 a = (opc == 1 || opc == 3) ? (u ? (s128)simd_lane(&x, i, wide) : (s128)simd_slane(&x, i, wide))
                 : (u ? (s128)simd_lane(&x, half + i, esize) : (s128)simd_slane(&x, half + i, esize));
        s128 b = u ? (s128)simd_lane(&y, half + i, esize) : (s128)simd_slane(&y, half + i, esize);
        s128 acc = (s128)simd_lane(&d, i, wide);
        s128 v;
        switch (opc) {
        case 0: case 1: v = a + b; break;
        case 2: case 3: v = a - b; break;
        case 5: v = acc + (a > b ? a - b : b - a); break;
        case 7: v = a > b ? a - b : b - a; break;
        case 8: v = acc + a * b; break;
        case 10: v = acc - a * b; break;
        case 12: v = a * b; break;
        case 9: case 11: case 13: { /* SQDMLAL, SQDMLSL, SQDMULL: two saturations */
            s128 p = (s128)sat_s(env, 2 * a * b, wide);
            p = sext((uint64_t)p, wide);
            if (opc == 13) {
                v = p;
                break;
            }
            s128 sacc = simd_slane(&d, i, wide);
            v = (s128)sat_s(env, opc == 9 ? sacc + p : sacc - p, wide);
            break;
        }
        default: { /* 14: PMULL of bytes */
            uint64_t p = 0, xa = simd_lane(&x, half + i, 1), yb = simd_lane(&y, half + i, 1);
            for (unsigned k = 0; k < 8; k++)
                if (yb >> k & 1)
                    p ^= xa << k;
            v = p;
        }
        }
        simd_set_lane(&r, i, wide, (uint64_t)v);
    }
    env->cpu.v[SIMD_RD(args)] = r;
}

/* Three different: a = SIMD_ARGS (size = the narrow element), b = enum simd_op. */
/* Out of line, so that the fast path of helper_simd_3diff needs no stack frame. */
static __attribute__((noinline)) uint64_t generic_3diff(struct ir_env *env, uint64_t args,
                                                     unsigned op)
{
    do_3diff(env, args, op, &env->cpu.v[SIMD_RN(args)], &env->cpu.v[SIMD_RM(args)]);
    return 0;
}

uint64_t helper_simd_3diff(struct ir_env *env, uint64_t args, uint64_t op, uint64_t c)
{
    (void)c;
    simd_leaf *leaf = simd_leaf_for(simd_diff_leaves, SIMD_DIFF_SLOTS, args, op);
    if (leaf)
        return simd_leaf_run(leaf, &env->cpu, args, &env->cpu.v[SIMD_RM(args)], 0);
    return generic_3diff(env, args, (unsigned)op & 0xff);
}

/* Vector/scalar x indexed element: a = SIMD_ARGS (Rm already resolved), b = enum
 * simd_op of the three-same or three-different group, c = index.  Vm[index] is
 * replicated to every lane and the ordinary operation runs on that.  The dot
 * products index 32-bit groups of four bytes. */
uint64_t helper_simd_elem(struct ir_env *env, uint64_t args, uint64_t op, uint64_t index)
{
    unsigned esize = (op == SIMD_SDOT || op == SIMD_UDOT) ? 4 : 1u << SIMD_SIZE(args);
    const zarm_vreg *m = &env->cpu.v[SIMD_RM(args)];
    /* Every lane of both halves: e times 0x01..01 (per esize). */
    uint64_t e = simd_lane(m, (unsigned)index, esize) * (~0ull / ones(esize));
    zarm_vreg y = {{e, e}};
    unsigned o = (unsigned)op & 0xff;
    const zarm_vreg *n = &env->cpu.v[SIMD_RN(args)];
    bool diff = SIMD_OP_GROUP(op) == 1;
    simd_leaf *leaf = diff ? simd_leaf_for(simd_diff_leaves, SIMD_DIFF_SLOTS, args, o)
                           : simd_leaf_for(simd_same_leaves, SIMD_SAME_SLOTS, args, o);
    if (leaf)
        return simd_leaf_run(leaf, &env->cpu, args, &y, 0);
    if (diff)
        do_3diff(env, args, o, n, &y);
    else
        do_3same(env, args, o, n, &y);
    return 0;
}

/* Two-register miscellaneous, vector and scalar.  op = U << 5 | opcode. */
uint64_t helper_simd_2misc(struct ir_env *env, uint64_t args, uint64_t op, uint64_t c)
{
    (void)c;
    simd_leaf *leaf = simd_leaf_for(simd_misc_leaves, SIMD_MISC_SLOTS, args, op);
    if (leaf)
        return simd_leaf_run(leaf, &env->cpu, args, NULL, 0);
    op &= 0xff;
    unsigned size = SIMD_SIZE(args), esize = 1u << size, q = SIMD_Q(args);
    unsigned bytes = SIMD_SCALAR(args) ? esize : q ? 16 : 8, n = bytes / esize;
    zarm_vreg x = env->cpu.v[SIMD_RN(args)], d = env->cpu.v[SIMD_RD(args)], r = {{0, 0}};
    uint64_t m = ones(esize);
    switch (op) {
    case 0x00: case 0x01: case 0x20: { /* REV64, REV16, REV32: reverse lanes in containers */
        unsigned cont = op == 0x00 ? 8 : op == 0x01 ? 2 : 4, per = cont / esize;
        for (unsigned i = 0; i < n; i++)
            simd_set_lane(&r, i, esize, simd_lane(&x, (i / per) * per + (per - 1 - i % per), esize));
        break;
    }
    case 0x02: case 0x22: case 0x06: case 0x26: /* [SU]ADDLP, [SU]ADALP */
        for (unsigned i = 0; i < n / 2; i++) {
            s128 a = (op & 0x20) ? (s128)simd_lane(&x, 2 * i, esize) : simd_slane(&x, 2 * i, esize);
            s128 b = (op & 0x20) ? (s128)simd_lane(&x, 2 * i + 1, esize)
                                 : simd_slane(&x, 2 * i + 1, esize);
            uint64_t s = (uint64_t)(a + b);
            if (op & 4)
                s += simd_lane(&d, i, 2 * esize);
            simd_set_lane(&r, i, 2 * esize, s);
        }
        break;
    case 0x12: case 0x14: case 0x32: case 0x34: { /* XTN, SQXTN, SQXTUN, UQXTN (+2) */
        zarm_vreg t = {{0, 0}};
        /* The scalar forms narrow one element: the others must not set QC. */
        for (unsigned i = 0; i < (SIMD_SCALAR(args) ? 1 : 8 / esize); i++) {
            uint64_t v = simd_lane(&x, i, 2 * esize);
            if (op == 0x14 || op == 0x32)
                v = op == 0x14 ? sat_s(env, simd_slane(&x, i, 2 * esize), esize)
                               : sat_u(env, simd_slane(&x, i, 2 * esize), esize);
            else if (op == 0x34)
                v = sat_u(env, (s128)v, esize);
            simd_set_lane(&t, i, esize, v);
        }
        if (SIMD_SCALAR(args)) {
            put(env, SIMD_RD(args), &t, esize);
        } else if (q) {
            d.d[1] = t.d[0];
            env->cpu.v[SIMD_RD(args)] = d;
        } else {
            put(env, SIMD_RD(args), &t, 8);
        }
        return 0;
    }
    case 0x33: /* SHLL (+2): widen and shift by the element size */
        for (unsigned i = 0; i < 8 / esize; i++)
            simd_set_lane(&r, i, 2 * esize, simd_lane(&x, (q ? 8 / esize : 0) + i, esize) << (8 * esize));
        env->cpu.v[SIMD_RD(args)] = r;
        return 0;
    default:
        for (unsigned i = 0; i < n; i++) {
            uint64_t v = simd_lane(&x, i, esize);
            int64_t s = sext(v, esize);
            uint64_t res = 0;
            switch (op) {
            case 0x04: res = (uint64_t)(__builtin_clrsbll(s) - (64 - 8 * (int)esize)); break; /* CLS */
            case 0x24: res = v ? (uint64_t)(__builtin_clzll(v) - (64 - 8 * (int)esize)) : 8 * esize; break;
            case 0x05: res = (uint64_t)__builtin_popcountll(v); break; /* CNT */
            case 0x25: res = ~v; break; /* NOT */
            case 0x3f: /* RBIT (the translator's code for U=1 opcode 00101 size 01) */
                for (unsigned k = 0; k < 8; k++)
                    res |= ((v >> k) & 1) << (7 - k);
                break;
            case 0x08: res = s > 0 ? m : 0; break;  /* CMGT #0 */
            case 0x28: res = s >= 0 ? m : 0; break; /* CMGE #0 */
            case 0x09: res = s == 0 ? m : 0; break; /* CMEQ #0 */
            case 0x29: res = s <= 0 ? m : 0; break; /* CMLE #0 */
            case 0x0a: res = s < 0 ? m : 0; break;  /* CMLT #0 */
            case 0x0b: res = s < 0 ? (uint64_t)-s : v; break; /* ABS */
            case 0x2b: res = (uint64_t)-s; break;             /* NEG */
            case 0x07: res = sat_s(env, s < 0 ? -(s128)s : s, esize); break; /* SQABS */
            case 0x27: res = sat_s(env, -(s128)s, esize); break;             /* SQNEG */
            case 0x03: /* SUQADD: signed accumulator plus the unsigned source */
                res = sat_s(env, (s128)simd_slane(&d, i, esize) + (s128)v, esize);
                break;
            case 0x23: /* USQADD: unsigned accumulator plus the signed source */
                res = sat_u(env, (s128)simd_lane(&d, i, esize) + (s128)s, esize);
                break;
            }
            simd_set_lane(&r, i, esize, res);
        }
        break;
    }
    put(env, SIMD_RD(args), &r, bytes);
    return 0;
}

/* Across lanes: [SU]ADDLV, [SU]MAXV, [SU]MINV, ADDV.  op = U << 5 | opcode. */
uint64_t helper_simd_across(struct ir_env *env, uint64_t args, uint64_t op, uint64_t c)
{
    (void)c;
    simd_leaf *leaf = simd_leaf_for(simd_across_leaves, SIMD_ACROSS_SLOTS, args, op);
    if (leaf)
        return simd_leaf_run(leaf, &env->cpu, args, NULL, 0);
    unsigned esize = 1u << SIMD_SIZE(args), n = (SIMD_Q(args) ? 16 : 8) / esize;
    bool u = op & 0x20;
    zarm_vreg x = env->cpu.v[SIMD_RN(args)], r = {{0, 0}};
    s128 acc = u ? (s128)simd_lane(&x, 0, esize) : simd_slane(&x, 0, esize);
    for (unsigned i = 1; i < n; i++) {
        s128 v = u ? (s128)simd_lane(&x, i, esize) : simd_slane(&x, i, esize);
        switch (op & 0x1f) {
        case 0x03: case 0x1b: acc += v; break;
        case 0x0a: acc = v > acc ? v : acc; break;
        default: acc = v < acc ? v : acc; break;
        }
    }
    unsigned outsize = (op & 0x1f) == 0x03 ? 2 * esize : esize;
    r.d[0] = (uint64_t)acc & ones(outsize);
    env->cpu.v[SIMD_RD(args)] = r;
    return 0;
}

/* Shift by immediate, vector and scalar.  op = U << 5 | opcode; c = shift (right
 * shifts: 1..esize*8; left: 0..esize*8-1), size = log2 of the element size of the
 * source (the narrow side for long shifts, the wide side for narrowing ones). */
uint64_t helper_simd_shift(struct ir_env *env, uint64_t args, uint64_t op, uint64_t sh)
{
    simd_leaf *leaf = simd_leaf_for(simd_shift_leaves, SIMD_SHIFT_SLOTS, args, op);
    if (leaf)
        return simd_leaf_run(leaf, &env->cpu, args, NULL, (unsigned)sh);
    unsigned esize = 1u << SIMD_SIZE(args), q = SIMD_Q(args), bits = esize * 8;
    bool scalar = SIMD_SCALAR(args), u = op & 0x20;
    unsigned opc = (unsigned)op & 0x1f;
    zarm_vreg x = env->cpu.v[SIMD_RN(args)], d = env->cpu.v[SIMD_RD(args)], r = {{0, 0}};
    if (opc == 0x14) { /* SSHLL/USHLL (+2) */
        for (unsigned i = 0; i < 8 / esize; i++) {
            unsigned j = (q ? 8 / esize : 0) + i;
            s128 v = u ? (s128)simd_lane(&x, j, esize) : simd_slane(&x, j, esize);
            simd_set_lane(&r, i, 2 * esize, (uint64_t)(v * ((s128)1 << sh)));
        }
        env->cpu.v[SIMD_RD(args)] = r;
        return 0;
    }
    if (opc >= 0x10 && opc <= 0x13) { /* narrowing: esize is the wide source lane */
        unsigned ne = esize / 2, cnt = scalar ? 1 : 8 / ne;
        bool round = opc & 1;
        zarm_vreg t = {{0, 0}};
        for (unsigned i = 0; i < cnt; i++) {
            /* SHRN/RSHRN and SQSHRUN take the source as signed except plain SHRN. */
            bool sign_src = !(u && opc >= 0x12);
            s128 v = sign_src ? (s128)simd_slane(&x, i, esize) : (s128)simd_lane(&x, i, esize);
            if (round)
                v += (s128)1 << (sh - 1);
            v >>= sh;
            uint64_t res;
            if (opc <= 0x11 && !u)
                res = (uint64_t)v & ones(ne);                    /* SHRN, RSHRN */
            else if (u && opc <= 0x11)
                res = sat_u(env, v, ne);                         /* SQSHRUN, SQRSHRUN */
            else
                res = u ? sat_u(env, v, ne) : sat_s(env, v, ne); /* [SU]Q(R)SHRN */
            simd_set_lane(&t, i, ne, res);
        }
        if (scalar) {
            put(env, SIMD_RD(args), &t, ne);
        } else if (q) {
            d.d[1] = t.d[0];
            env->cpu.v[SIMD_RD(args)] = d;
        } else {
            put(env, SIMD_RD(args), &t, 8);
        }
        return 0;
    }
    unsigned bytes = scalar ? esize : q ? 16 : 8, n = bytes / esize;
    uint64_t m = ones(esize);
    for (unsigned i = 0; i < n; i++) {
        uint64_t v = simd_lane(&x, i, esize), acc = simd_lane(&d, i, esize), res = 0;
        s128 a = u ? (s128)v : simd_slane(&x, i, esize);
        switch (opc) {
        case 0x00: case 0x02: case 0x04: case 0x06: { /* [SU](R)SHR, [SU](R)SRA */
            s128 t = a;
            if (opc & 4)
                t += (s128)1 << (sh - 1);
            res = (uint64_t)(t >> sh);
            if (opc & 2)
                res += acc;
            break;
        }
        case 0x08: { /* SRI */
            uint64_t keep = sh >= bits ? m : ~(m >> sh) & m;
            res = (acc & keep) | (sh >= bits ? 0 : v >> sh);
            break;
        }
        case 0x0a: /* SHL, SLI */
            res = v << sh;
            if (u)
                res |= acc & ((1ull << sh) - 1);
            break;
        case 0x0c: res = sat_u(env, simd_slane(&x, i, esize) * ((s128)1 << sh), esize); break;                               /* SQSHLU */
        case 0x0e: res = u ? sat_u(env, a * ((s128)1 << sh), esize) : sat_s(env, a * ((s128)1 << sh), esize); break; /* QSHL */
        }
        simd_set_lane(&r, i, esize, res & m);
    }
    put(env, SIMD_RD(args), &r, bytes);
    return 0;
}
