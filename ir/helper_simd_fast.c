/* Fast paths of the AdvSIMD integer helpers: the shape (operation, element size,
 * Q) is decided once per call, by a table lookup, and a loop specialised for it
 * runs instead of one 128-bit switch per lane (helper_simd_arith.c, which stays
 * the reference for everything not handled here: register shifts, doubling and
 * narrowing saturation, polynomial and dot products, the scalar forms narrower
 * than a doubleword...).
 *
 * Each 64-bit half of a V register is a host integer with lane i at bits
 * [i*bits, (i+1)*bits) (include/zarm/cpu.h), so lane-parallel arithmetic on the
 * two halves (SWAR) gives the same lanes on big- and little-endian hosts.  The
 * SWAR operations keep each lane's top bit out of the carry chain, so no lane
 * carries or borrows into the next. */
#include "helper_simd_fast.h"

/* The element size is a constant wherever these are expanded, so the masks fold. */
#define INLINE static inline __attribute__((always_inline))

INLINE uint64_t ones(unsigned e) { return e == 8 ? ~0ull : (1ull << (e * 8)) - 1; }
/* v (at most e bytes) in every lane of e bytes. */
INLINE uint64_t rep(unsigned e, uint64_t v) { return v * (~0ull / ones(e)); }
/* The top bit of every lane. */
INLINE uint64_t tops(unsigned e) { return rep(e, 1ull << (e * 8 - 1)); }
/* Lanes all ones where z (lane top bits only) has the top bit. */
INLINE uint64_t lane_mask(uint64_t z, unsigned e) { return (z >> (e * 8 - 1)) * ones(e); }

INLINE uint64_t swar_add(uint64_t x, uint64_t y, unsigned e)
{
    uint64_t h = tops(e);
    return e == 8 ? x + y : ((x & ~h) + (y & ~h)) ^ ((x ^ y) & h);
}

/* The low bits of each lane minus y's with the top bit set first: never borrows
 * out of the lane, and the top bit left says whether the low part borrowed. */
INLINE uint64_t swar_sub(uint64_t x, uint64_t y, unsigned e)
{
    uint64_t h = tops(e);
    return e == 8 ? x - y : ((x | h) - (y & ~h)) ^ ((x ^ ~y) & h);
}

/* Top bit of each lane: the lane of t is zero / nonzero. */
INLINE uint64_t zero_tops(uint64_t t, unsigned e)
{
    uint64_t h = tops(e);
    return ~(((t & ~h) + ~h) | t) & h;
}
INLINE uint64_t nonzero_tops(uint64_t t, unsigned e) { return ~zero_tops(t, e) & tops(e); }

/* Top bit of each lane: x >= y unsigned.  The top bits decide when they differ,
 * the low bits' comparison (as in swar_sub) when they are equal. */
INLINE uint64_t geu_tops(uint64_t x, uint64_t y, unsigned e)
{
    uint64_t h = tops(e), low = (x | h) - (y & ~h);
    return ((x & ~y) | (~(x ^ y) & low)) & h;
}

/* Lanes all ones where x >= y, signed or unsigned: signed lanes compare as
 * unsigned ones with the top bit flipped. */
INLINE uint64_t ge_mask(uint64_t x, uint64_t y, unsigned e, bool sign)
{
    uint64_t flip = sign ? tops(e) : 0;
    if (e == 8)
        return (x ^ flip) >= (y ^ flip) ? ~0ull : 0;
    return lane_mask(geu_tops(x ^ flip, y ^ flip, e), e);
}

INLINE uint64_t pick(uint64_t m, uint64_t a, uint64_t b) { return (a & m) | (b & ~m); }

/* |x - y| lane by lane: the larger minus the smaller always fits the lane. */
INLINE uint64_t swar_absdiff(uint64_t x, uint64_t y, unsigned e, bool sign)
{
    uint64_t m = ge_mask(x, y, e, sign);
    return swar_sub(pick(m, x, y), pick(m, y, x), e);
}

INLINE uint64_t lanes_mul(uint64_t x, uint64_t y, unsigned e)
{
    if (e == 8)
        return x * y;
    uint64_t m = ones(e), r = 0;
#pragma GCC unroll 8
    for (unsigned s = 0; s < 64; s += e * 8)
        r |= ((x >> s & m) * (y >> s & m) & m) << s;
    return r;
}

/* The leaves: kind_NAME_size expands kind_leaf for one operation and size. */
#define LEAF_DEF(kind, name, size)                                                                 \
    static uint64_t kind##_##name##_##size(uint64_t *r, const uint64_t *x, const uint64_t *y,     \
                                           unsigned shape)                                         \
    {                                                                                              \
        return kind##_leaf(r, x, y, shape & 1, shape >> 1, SIMD_##name, 1u << (size));             \
    }
#define LEAF_ENTRY(kind, name, size) [(SIMD_##name & 0xff) << 2 | (size)] = kind##_##name##_##size,
#define LEAVES_BHS(kind, X, name) X(kind, name, 0) X(kind, name, 1) X(kind, name, 2)
#define LEAVES_BHSD(kind, X, name) LEAVES_BHS(kind, X, name) X(kind, name, 3)

/* Lanes of e bytes in the low half of containers of 2e bytes (the rest zero),
 * packed into the low 32 bits. */
INLINE uint64_t pack(uint64_t v, unsigned e)
{
#pragma GCC unroll 2
    for (unsigned s = e * 8; s < 32; s *= 2)
        v = (v | v >> s) & rep(s / 2, ones(s / 4));
    return v;
}

/* Lanes of e bytes in the low half of containers of 2e bytes (the rest zero),
 * sign-extended to the container when sign: (v ^ s) - s extends the sign bit s. */
INLINE uint64_t extend(uint64_t v, unsigned e, bool sign)
{
    uint64_t sb = rep(2 * e, 1ull << (e * 8 - 1));
    return sign ? swar_sub(v ^ sb, sb, 2 * e) : v;
}

/* The four (e = 1), two or one narrow lanes of e bytes in the low 32 bits of v,
 * spread into lanes of twice the size, zero- or sign-extended. */
INLINE uint64_t spread(uint64_t v, unsigned e, bool sign)
{
    v &= 0xffffffffull;
#pragma GCC unroll 2
    for (unsigned s = 16; s >= e * 8; s /= 2)
        v = (v | v << s) & rep(s / 4, ones(s / 8));
    return extend(v, e, sign);
}

/* Adjacent lanes of one half summed into lanes of twice the size ([SU]ADDLP). */
INLINE uint64_t addlp_half(uint64_t h, unsigned e, bool sign)
{
    uint64_t em = rep(2 * e, ones(e));
    return swar_add(extend(h & em, e, sign), extend(h >> (e * 8) & em, e, sign), 2 * e);
}

/* --- three same ---------------------------------------------------------- */

/* Halving adds: x + y = 2(x & y) + (x ^ y) = 2(x | y) - (x ^ y), so the
 * truncated and the rounded halves never leave the lane.  Signed lanes work
 * biased by half the range (top bit flipped), which the halving keeps. */
INLINE uint64_t hadd(uint64_t x, uint64_t y, unsigned e, bool sign, bool round)
{
    uint64_t h = tops(e), flip = sign ? h : 0, half;
    x ^= flip;
    y ^= flip;
    half = (x ^ y) >> 1 & ~h;
    return (round ? (x | y) - half : (x & y) + half) ^ flip;
}

/* One 64-bit half of an elementwise operation; d is Vd's half. */
INLINE uint64_t same_half(unsigned op, unsigned e, uint64_t x, uint64_t y, uint64_t d)
{
    bool sign = !(op & 0x20);
    switch (op) {
    case SIMD_SHADD: case SIMD_UHADD: return hadd(x, y, e, sign, false);
    case SIMD_SRHADD: case SIMD_URHADD: return hadd(x, y, e, sign, true);
    case SIMD_ADD: return swar_add(x, y, e);
    case SIMD_SUB: return swar_sub(x, y, e);
    case SIMD_CMEQ: return e == 8 ? (x == y ? ~0ull : 0) : lane_mask(zero_tops(x ^ y, e), e);
    case SIMD_CMTST: return e == 8 ? (x & y ? ~0ull : 0) : lane_mask(nonzero_tops(x & y, e), e);
    case SIMD_CMGE: case SIMD_CMHS: return ge_mask(x, y, e, sign);
    case SIMD_CMGT: case SIMD_CMHI: return ~ge_mask(y, x, e, sign);
    case SIMD_SMAX: case SIMD_UMAX: return pick(ge_mask(x, y, e, sign), x, y);
    case SIMD_SMIN: case SIMD_UMIN: return pick(ge_mask(x, y, e, sign), y, x);
    case SIMD_SABD: case SIMD_UABD: return swar_absdiff(x, y, e, sign);
    case SIMD_MUL: return lanes_mul(x, y, e);
    case SIMD_MLA: return swar_add(d, lanes_mul(x, y, e), e);
    default: /* SIMD_MLS */ return swar_sub(d, lanes_mul(x, y, e), e);
    }
}

INLINE uint64_t same_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                          unsigned imm, unsigned op, unsigned e)
{
    (void)imm;
    uint64_t x0 = x[0], x1 = x[1], y0 = y[0], y1 = y[1], d0 = r[0], d1 = r[1];
    r[0] = same_half(op, e, x0, y0, d0);
    r[1] = q ? same_half(op, e, x1, y1, d1) : 0;
    return 0;
}

/* Pairwise on one 64-bit half (lanes of e < 8 bytes): even and odd lanes are
 * spread into containers of twice the size, combined there, and the results
 * packed into the low 32 bits.  As the lanes fill only the low half of their
 * containers, bit `bits` of (a | B) - b is a >= b and nothing borrows across
 * containers. */
INLINE uint64_t pair_half(unsigned op, unsigned e, uint64_t h)
{
    unsigned c = 2 * e, bits = e * 8;
    uint64_t em = rep(c, ones(e)), a = h & em, b = h >> bits & em, v;
    uint64_t flip = (op == SIMD_SMAXP || op == SIMD_SMINP) ? rep(c, 1ull << (bits - 1)) : 0;
    uint64_t B = rep(c, 1ull << bits);
    a ^= flip;
    b ^= flip;
    uint64_t ge = ((a | B) - b) & B, m = ge - (ge >> bits);
    switch (op) {
    case SIMD_ADDP: v = (a + b) & em; break;
    case SIMD_SMAXP: case SIMD_UMAXP: v = b ^ ((a ^ b) & m); break;
    default: v = a ^ ((a ^ b) & m); break;
    }
    return pack(v ^ flip, e);
}

/* The result is the concatenation y:x combined pair by pair. */
INLINE uint64_t pair_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                          unsigned imm, unsigned op, unsigned e)
{
    (void)imm;
    uint64_t x0 = x[0], x1 = x[1], y0 = y[0], y1 = y[1];
    if (e == 8) { /* ADDP .2D */
        r[0] = x0 + x1;
        r[1] = y0 + y1;
    } else if (q) {
        /* Reductions (memchr, strlen...) pass one register twice. */
        r[0] = pair_half(op, e, x0) | pair_half(op, e, x1) << 32;
        r[1] = x == y ? r[0] : pair_half(op, e, y0) | pair_half(op, e, y1) << 32;
    } else {
        r[0] = pair_half(op, e, x0) | pair_half(op, e, y0) << 32;
        r[1] = 0;
    }
    return 0;
}

#define SAME_OPS(X)                                                                                \
    LEAVES_BHSD(same, X, ADD) LEAVES_BHSD(same, X, SUB) LEAVES_BHSD(same, X, CMEQ)                 \
    LEAVES_BHSD(same, X, CMTST) LEAVES_BHSD(same, X, CMGE) LEAVES_BHSD(same, X, CMHS)              \
    LEAVES_BHSD(same, X, CMGT) LEAVES_BHSD(same, X, CMHI) LEAVES_BHS(same, X, SMAX)                \
    LEAVES_BHS(same, X, UMAX) LEAVES_BHS(same, X, SMIN) LEAVES_BHS(same, X, UMIN)                  \
    LEAVES_BHS(same, X, SABD) LEAVES_BHS(same, X, UABD) LEAVES_BHS(same, X, MUL)                   \
    LEAVES_BHS(same, X, MLA) LEAVES_BHS(same, X, MLS) LEAVES_BHS(same, X, SHADD)                   \
    LEAVES_BHS(same, X, UHADD) LEAVES_BHS(same, X, SRHADD) LEAVES_BHS(same, X, URHADD)             \
    LEAVES_BHSD(pair, X, ADDP) LEAVES_BHS(pair, X, SMAXP) LEAVES_BHS(pair, X, UMAXP)               \
    LEAVES_BHS(pair, X, SMINP) LEAVES_BHS(pair, X, UMINP)
SAME_OPS(LEAF_DEF)
simd_leaf *const simd_same_leaves[SIMD_SAME_SLOTS] = {SAME_OPS(LEAF_ENTRY)};

/* Saturating add and subtract: the carry or borrow out of each lane (unsigned)
 * or a result whose sign differs from what the operands allow (signed) marks
 * the lane, which then takes the bound; *sat gathers the marks (FPSR.QC). */
INLINE uint64_t qarith_half(unsigned op, unsigned e, uint64_t x, uint64_t y, uint64_t *sat)
{
    uint64_t h = tops(e), v, o;
    switch (op) {
    case SIMD_UQADD:
        v = swar_add(x, y, e);
        o = ((x & y) | ((x | y) & ~v)) & h;
        *sat |= o;
        return v | lane_mask(o, e);
    case SIMD_UQSUB:
        v = swar_sub(x, y, e);
        o = ((~x & y) | (~(x ^ y) & v)) & h;
        *sat |= o;
        return v & ~lane_mask(o, e);
    case SIMD_SQADD:
        v = swar_add(x, y, e);
        o = ~(x ^ y) & (x ^ v) & h;
        break;
    default: /* SIMD_SQSUB */
        v = swar_sub(x, y, e);
        o = (x ^ y) & (x ^ v) & h;
        break;
    }
    *sat |= o;
    /* The bound on x's side: 0x7f.. when x >= 0, 0x80.. when negative. */
    return pick(lane_mask(o, e), ~h ^ lane_mask(x & h, e), v);
}

INLINE uint64_t qsame_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                           unsigned imm, unsigned op, unsigned e)
{
    (void)imm;
    uint64_t x0 = x[0], x1 = x[1], y0 = y[0], y1 = y[1], sat = 0;
    r[0] = qarith_half(op, e, x0, y0, &sat);
    r[1] = q ? qarith_half(op, e, x1, y1, &sat) : 0;
    return sat;
}

#define QSAME_OPS(X)                                                                               \
    LEAVES_BHSD(qsame, X, SQADD) LEAVES_BHSD(qsame, X, UQADD) LEAVES_BHSD(qsame, X, SQSUB)         \
    LEAVES_BHSD(qsame, X, UQSUB)
QSAME_OPS(LEAF_DEF)
simd_leaf *const simd_qsame_leaves[SIMD_QSAME_SLOTS] = {QSAME_OPS(LEAF_ENTRY)};

/* --- three different ------------------------------------------------------ */

/* Narrow lane at bit s of h, sign- or zero-extended to 64 bits. */
INLINE uint64_t narrow(uint64_t h, unsigned s, unsigned e, bool u)
{
    uint64_t v = h >> s & ones(e);
    unsigned sh = 64 - e * 8;
    return u ? v : (uint64_t)((int64_t)(v << sh) >> sh);
}

/* One half of a long (L) or wide (W) result: narrow lanes from the 32 bits in
 * xn and yn, the wide Vn half xw, Vd's half d.  Products and differences of
 * extended narrow lanes are exact in the wide lane. */
INLINE uint64_t widen_half(unsigned opc, bool u, unsigned e, uint64_t xn, uint64_t yn,
                           uint64_t xw, uint64_t d)
{
    unsigned w = 2 * e;
    if (opc >= 8) { /* the products: lane by lane from the narrow lanes */
        uint64_t wm = ones(w), out = 0;
#pragma GCC unroll 4
        for (unsigned j = 0; j < 4 / e; j++) {
            uint64_t p = narrow(xn, j * e * 8, e, u) * narrow(yn, j * e * 8, e, u);
            uint64_t acc = d >> (j * w * 8) & wm;
            p = opc == 8 ? acc + p : opc == 10 ? acc - p : p;
            out |= (p & wm) << (j * w * 8);
        }
        return out;
    }
    uint64_t b = spread(yn, e, !u);
    uint64_t a = (opc == 1 || opc == 3) ? xw : spread(xn, e, !u);
    switch (opc) {
    case 0: case 1: return swar_add(a, b, w);
    case 2: case 3: return swar_sub(a, b, w);
    case 5: return swar_add(d, swar_absdiff(a, b, w, !u), w);
    default: return swar_absdiff(a, b, w, !u); /* 7 */
    }
}

/* op here is U << 4 | opcode; Q picks the narrow sources' upper half (the "2"
 * forms). */
INLINE uint64_t diff_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                          unsigned imm, unsigned op, unsigned e)
{
    (void)imm;
    unsigned opc = op & 15;
    bool u = op & 0x10;
    uint64_t xn = x[q], yn = y[q], x0 = x[0], x1 = x[1], d0 = r[0], d1 = r[1];
    r[0] = widen_half(opc, u, e, xn, yn, x0, d0);
    r[1] = widen_half(opc, u, e, xn >> 32, yn >> 32, x1, d1);
    return 0;
}

#define DIFF_OPS(X)                                                                                \
    LEAVES_BHS(diff, X, SADDL) LEAVES_BHS(diff, X, UADDL) LEAVES_BHS(diff, X, SADDW)               \
    LEAVES_BHS(diff, X, UADDW) LEAVES_BHS(diff, X, SSUBL) LEAVES_BHS(diff, X, USUBL)               \
    LEAVES_BHS(diff, X, SSUBW) LEAVES_BHS(diff, X, USUBW) LEAVES_BHS(diff, X, SABAL)               \
    LEAVES_BHS(diff, X, UABAL) LEAVES_BHS(diff, X, SABDL) LEAVES_BHS(diff, X, UABDL)               \
    LEAVES_BHS(diff, X, SMLAL) LEAVES_BHS(diff, X, UMLAL) LEAVES_BHS(diff, X, SMLSL)               \
    LEAVES_BHS(diff, X, UMLSL) LEAVES_BHS(diff, X, SMULL) LEAVES_BHS(diff, X, UMULL)
DIFF_OPS(LEAF_DEF)
simd_leaf *const simd_diff_leaves[SIMD_DIFF_SLOTS] = {DIFF_OPS(LEAF_ENTRY)};


/* --- across lanes ---------------------------------------------------------- */

/* The halves are combined lane by lane, then the upper half of what is left
 * folded onto the lower until one lane remains.  Lanes above the live ones hold
 * leftovers no live lane ever reads. */
INLINE uint64_t across_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                            unsigned imm, unsigned op, unsigned e)
{
    (void)y, (void)imm;
    if (op == SIMD_SADDLV || op == SIMD_UADDLV) {
        /* Pairs summed into lanes of 2e first; the whole sum fits such a lane. */
        unsigned c = 2 * e;
        bool sign = op == SIMD_SADDLV;
        uint64_t v = addlp_half(x[0], e, sign);
        if (q)
            v = swar_add(v, addlp_half(x[1], e, sign), c);
#pragma GCC unroll 2
        for (unsigned s = 32; s >= c * 8; s /= 2)
            v = swar_add(v, v >> s, c);
        r[0] = v & ones(c);
        r[1] = 0;
        return 0;
    }
    bool sign = op == SIMD_SMAXV || op == SIMD_SMINV;
    uint64_t flip = sign ? tops(e) : 0, v = x[0] ^ flip, hi = x[1] ^ flip;
#pragma GCC unroll 4
    for (unsigned s = q ? 64 : 32; s >= e * 8; s /= 2) {
        uint64_t w = s == 64 ? hi : v >> s;
        switch (op) {
        case SIMD_ADDV: v = swar_add(v, w, e); break;
        case SIMD_SMAXV: case SIMD_UMAXV: v = pick(ge_mask(v, w, e, false), v, w); break;
        default: v = pick(ge_mask(v, w, e, false), w, v); break;
        }
    }
    r[0] = (v ^ flip) & ones(e);
    r[1] = 0;
    return 0;
}

#define ACROSS_OPS(X)                                                                              \
    LEAVES_BHS(across, X, ADDV) LEAVES_BHS(across, X, SMAXV) LEAVES_BHS(across, X, UMAXV)          \
    LEAVES_BHS(across, X, SMINV) LEAVES_BHS(across, X, UMINV) LEAVES_BHS(across, X, SADDLV)       \
    LEAVES_BHS(across, X, UADDLV)
ACROSS_OPS(LEAF_DEF)
simd_leaf *const simd_across_leaves[SIMD_ACROSS_SLOTS] = {ACROSS_OPS(LEAF_ENTRY)};


/* --- shift by immediate ---------------------------------------------------- */

/* One half: sh is 0..bits-1 for SHL, 1..bits for the right shifts.  A signed
 * right shift is the logical one with the shifted sign bit s extended:
 * (t ^ s) - s lane by lane.  The rounding ones add the last bit shifted out,
 * which cannot overflow the shifted lane. */
INLINE uint64_t shift_half(unsigned op, unsigned e, uint64_t x, uint64_t d, unsigned sh)
{
    unsigned bits = e * 8;
    bool u = op == SIMD_USHR || op == SIMD_USRA || op == SIMD_URSHR || op == SIMD_URSRA;
    bool round = op == SIMD_SRSHR || op == SIMD_URSHR || op == SIMD_SRSRA || op == SIMD_URSRA;
    bool acc = op == SIMD_SSRA || op == SIMD_USRA || op == SIMD_SRSRA || op == SIMD_URSRA;
    uint64_t v, last = round ? x >> (sh - 1) & rep(e, 1) : 0;
    if (op == SIMD_SHL)
        return x << sh & rep(e, ones(e) << sh & ones(e));
    if (u) {
        v = sh == bits ? 0 : x >> sh & rep(e, ones(e) >> sh);
    } else { /* SSHR, SSRA: shifting out every bit leaves the sign */
        if (sh == bits)
            sh = bits - 1;
        uint64_t s = rep(e, 1ull << (bits - 1 - sh));
        v = swar_sub((x >> sh & rep(e, ones(e) >> sh)) ^ s, s, e);
    }
    if (round)
        v = swar_add(v, last, e);
    return acc ? swar_add(d, v, e) : v;
}

INLINE uint64_t shift_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                           unsigned imm, unsigned op, unsigned e)
{
    (void)y;
    uint64_t x0 = x[0], x1 = x[1], d0 = r[0], d1 = r[1];
    r[0] = shift_half(op, e, x0, d0, imm);
    r[1] = q ? shift_half(op, e, x1, d1, imm) : 0;
    return 0;
}

/* SSHLL/USHLL (+2; SXTL/UXTL are the shift by 0): the narrow lanes of half Q
 * extended, then shifted within the wide lanes. */
INLINE uint64_t long_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                          unsigned sh, unsigned op, unsigned e)
{
    (void)y;
    bool sign = op == SIMD_SSHLL;
    uint64_t n = x[q];
    r[0] = shift_half(SIMD_SHL, 2 * e, spread(n, e, sign), 0, sh);
    r[1] = shift_half(SIMD_SHL, 2 * e, spread(n >> 32, e, sign), 0, sh);
    return 0;
}

/* XTN and SHRN (+2): the low e bytes of each wide lane shifted right by sh
 * (at most e*8, so the bits kept come from the lane itself), packed; the "2"
 * forms write the upper half and keep the lower. */
INLINE uint64_t narrow_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                            unsigned sh, unsigned op, unsigned size_e)
{
    (void)y;
    /* SHRN's size is that of its wide source, XTN's that of its result. */
    unsigned e = op == SIMD_SHRN ? size_e / 2 : size_e;
    uint64_t m = rep(2 * e, ones(e));
    uint64_t v = pack(x[0] >> sh & m, e) | pack(x[1] >> sh & m, e) << 32;
    if (q) {
        r[1] = v;
    } else {
        r[0] = v;
        r[1] = 0;
    }
    return 0;
}

#define SHIFT_OPS(X)                                                                               \
    LEAVES_BHSD(shift, X, SHL) LEAVES_BHSD(shift, X, SSHR) LEAVES_BHSD(shift, X, USHR)             \
    LEAVES_BHSD(shift, X, SSRA) LEAVES_BHSD(shift, X, USRA) LEAVES_BHSD(shift, X, SRSHR)           \
    LEAVES_BHSD(shift, X, URSHR) LEAVES_BHSD(shift, X, SRSRA) LEAVES_BHSD(shift, X, URSRA)         \
    X(narrow, SHRN, 1) X(narrow, SHRN, 2)                                                          \
    X(narrow, SHRN, 3) LEAVES_BHS(long, X, SSHLL) LEAVES_BHS(long, X, USHLL)
SHIFT_OPS(LEAF_DEF)
simd_leaf *const simd_shift_leaves[SIMD_SHIFT_SLOTS] = {SHIFT_OPS(LEAF_ENTRY)};


/* --- two-register miscellaneous -------------------------------------------- */

/* Lanes of e bytes reversed within containers of c bytes: swap neighbours,
 * then pairs of them, and so on. */
INLINE uint64_t rev_lanes(uint64_t x, unsigned e, unsigned c)
{
#pragma GCC unroll 3
    for (unsigned s = e * 8; s < c * 8; s *= 2) {
        uint64_t m = rep(s / 4, ones(s / 8));
        x = (x >> s & m) | (x & m) << s;
    }
    return x;
}

INLINE uint64_t misc_half(unsigned op, unsigned e, uint64_t x)
{
    uint64_t h = tops(e), neg = lane_mask(x & h, e);
    uint64_t pos = lane_mask(nonzero_tops(x, e) & ~x & h, e);
    switch (op) {
    case SIMD_CMEQ0: return lane_mask(zero_tops(x, e), e);
    case SIMD_CMLT0: return neg;
    case SIMD_CMGE0: return ~neg;
    case SIMD_CMGT0: return pos;
    case SIMD_CMLE0: return ~pos;
    case SIMD_NEG: return swar_sub(0, x, e);
    case SIMD_ABS: return swar_sub(x ^ neg, neg, e); /* (x ^ -1) + 1 where negative */
    case SIMD_NOT: return ~x;
    case SIMD_REV64: return rev_lanes(x, e, 8);
    case SIMD_REV32: return rev_lanes(x, e, 4);
    case SIMD_REV16: return rev_lanes(x, e, 2);
    default: { /* SIMD_CNT: bit counts of the bytes */
        uint64_t v = x - (x >> 1 & 0x5555555555555555ull);
        v = (v & 0x3333333333333333ull) + (v >> 2 & 0x3333333333333333ull);
        return (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
    }
    }
}

INLINE uint64_t misc_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                          unsigned imm, unsigned op, unsigned e)
{
    (void)y, (void)imm;
    uint64_t x0 = x[0], x1 = x[1];
    r[0] = misc_half(op, e, x0);
    r[1] = q ? misc_half(op, e, x1) : 0;
    return 0;
}

/* [SU]ADDLP, [SU]ADALP: adjacent pairs summed into wide lanes, accumulated
 * into Vd by the ADALP forms. */
INLINE uint64_t addlp_leaf(uint64_t *r, const uint64_t *x, const uint64_t *y, unsigned q,
                           unsigned imm, unsigned op, unsigned e)
{
    (void)y, (void)imm;
    bool sign = !(op & 0x20), acc = op & 4;
    uint64_t x0 = x[0], x1 = x[1], d0 = acc ? r[0] : 0, d1 = acc ? r[1] : 0;
    r[0] = swar_add(d0, addlp_half(x0, e, sign), 2 * e);
    r[1] = q ? swar_add(d1, addlp_half(x1, e, sign), 2 * e) : 0;
    return 0;
}

#define MISC_OPS(X)                                                                                \
    LEAVES_BHSD(misc, X, CMEQ0) LEAVES_BHSD(misc, X, CMLT0) LEAVES_BHSD(misc, X, CMGE0)            \
    LEAVES_BHSD(misc, X, CMGT0) LEAVES_BHSD(misc, X, CMLE0) LEAVES_BHSD(misc, X, NEG)              \
    LEAVES_BHSD(misc, X, ABS) X(misc, NOT, 0) X(misc, CNT, 0) LEAVES_BHS(narrow, X, XTN)          \
    LEAVES_BHS(addlp, X, SADDLP) LEAVES_BHS(addlp, X, UADDLP) LEAVES_BHS(addlp, X, SADALP)         \
    LEAVES_BHS(addlp, X, UADALP) LEAVES_BHS(misc, X, REV64) X(misc, REV32, 0) X(misc, REV32, 1)    \
    X(misc, REV16, 0)
MISC_OPS(LEAF_DEF)
simd_leaf *const simd_misc_leaves[SIMD_MISC_SLOTS] = {MISC_OPS(LEAF_ENTRY)};
