/*
 * s390x instruction encoders: one function per format (field layouts from the z/Architecture
 * Principles of Operation, chapter 5 "Instruction formats" and the vector chapter 21).
 *
 * Each encoder checks its operands, builds the instruction in the low bits of a uint64_t (bit 0
 * of the format = most significant bit of the instruction) and appends it big-endian.
 */
#include "backend-s390x/s390_emit.h"

#include <assert.h>
#include <string.h>

const struct s390_insn_info s390_insn_table[S390_INSN_COUNT] = {
#define S390_INSN(fmt, mn, opc, fac, syn)                                                          \
    [fmt##_##mn] = {opc, S390_FMT_##fmt, S390_FAC_##fac, #mn, syn},
#include "backend-s390x/s390_insn.def"
};

const struct s390_format_info s390_format_table[S390_FMT_COUNT] = {
#define S390_FORMAT(name, len, fields) [S390_FMT_##name] = {#name, len, fields},
#include "backend-s390x/s390_insn.def"
};

static void fail(struct s390_buf *b) {
    b->error = true;
    assert(b->expect_errors && "s390 operand out of range or wrong format");
}

/* ok = every range check of the caller passed; on failure nothing is written. */
static void put(struct s390_buf *b, bool ok, uint64_t insn, int len) {
    if (!ok) {
        fail(b);
        return;
    }
    if (b->overflow || b->cap - b->len < (size_t)len) {
        b->overflow = true;
        return;
    }
    /* The len bytes, most significant first: the top bytes of the shifted value in big-endian
     * order (len is a constant where put is inlined, so the memcpy is one or two stores). */
    uint64_t v = insn << (64 - 8 * len);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(b->p + b->len, &v, (size_t)len);
    b->len += len;
}

static bool u4(int v) { return v >= 0 && v <= 15; }

static bool v5(int v) { return v >= 0 && v <= 31; }

static bool d12(int d) { return d >= 0 && d <= 4095; }

static bool d20(int d) { return d >= -524288 && d <= 524287; }

/* An immediate of `bits` bits given in either its signed or its unsigned range. */
static bool imm(int64_t v, int bits) {
    return v >= -(INT64_C(1) << (bits - 1)) && v < (INT64_C(1) << bits);
}

static uint64_t field(int64_t v, int bits) { return (uint64_t)v & ((UINT64_C(1) << bits) - 1); }

/* A relative byte offset as a `bits`-bit halfword count. */
static bool rel(int64_t ri, int bits) {
    return (ri & 1) == 0 && ri / 2 >= -(INT64_C(1) << (bits - 1)) &&
           ri / 2 < (INT64_C(1) << (bits - 1));
}

static uint16_t opc(struct s390_buf *b, enum s390_insn op, enum s390_format fmt, bool *ok) {
    if ((unsigned)op >= S390_INSN_COUNT || s390_insn_table[op].format != fmt) {
        *ok = false;
        return 0;
    }
    return s390_insn_table[op].opcode;
}

/* Long-displacement split: DL (12 bits) then DH (8 bits). */
static uint64_t dldh(int d) { return field(d, 12) << 8 | field(d >> 12, 8); }

/* RXB: the high bit of each vector register field, by field position (8, 12, 16, 32). */
static uint64_t rxb(int a, int b_, int c, int d) {
    return (uint64_t)((a >> 4 & 1) << 3 | (b_ >> 4 & 1) << 2 | (c >> 4 & 1) << 1 | (d >> 4 & 1));
}

/* ---- 2- and 4-byte formats with an 8- or 16-bit opcode ------------------------------------ */

void s390_emit_E(struct s390_buf *b, enum s390_insn op) {
    bool ok = true;
    uint64_t o = opc(b, op, S390_FMT_E, &ok);
    put(b, ok, o, 2);
}

void s390_emit_S(struct s390_buf *b, enum s390_insn op, int b2, int d2) {
    bool ok = true;
    uint64_t o = opc(b, op, S390_FMT_S, &ok);
    ok = ok && u4(b2) && d12(d2);
    put(b, ok, o << 16 | (uint64_t)b2 << 12 | field(d2, 12), 4);
}

void s390_emit_RR(struct s390_buf *b, enum s390_insn op, int r1, int r2) {
    bool ok = true;
    uint64_t o = opc(b, op, S390_FMT_RR, &ok);
    ok = ok && u4(r1) && u4(r2);
    put(b, ok, o << 8 | (uint64_t)r1 << 4 | (uint64_t)r2, 2);
}

/* RRE and the RRF variants: opcode(16) | byte 2 | R1 R2. */
static void rrf(struct s390_buf *b, enum s390_insn op, enum s390_format fmt, int r1, int r2, int hi,
                int lo) {
    bool ok = true;
    uint64_t o = opc(b, op, fmt, &ok);
    ok = ok && u4(r1) && u4(r2) && u4(hi) && u4(lo);
    put(b, ok, o << 16 | (uint64_t)hi << 12 | (uint64_t)lo << 8 | (uint64_t)r1 << 4 | (uint64_t)r2,
        4);
}

void s390_emit_RRE(struct s390_buf *b, enum s390_insn op, int r1, int r2) {
    rrf(b, op, S390_FMT_RRE, r1, r2, 0, 0);
}

void s390_emit_RRFa(struct s390_buf *b, enum s390_insn op, int r1, int r2, int r3, int m4) {
    rrf(b, op, S390_FMT_RRFa, r1, r2, r3, m4);
}

void s390_emit_RRFc(struct s390_buf *b, enum s390_insn op, int r1, int r2, int m3) {
    rrf(b, op, S390_FMT_RRFc, r1, r2, m3, 0);
}

void s390_emit_RRFe(struct s390_buf *b, enum s390_insn op, int r1, int m3, int r2, int m4) {
    rrf(b, op, S390_FMT_RRFe, r1, r2, m3, m4);
}

/* RRD: opcode(16) | R1 0 | R3 R2. */
void s390_emit_RRD(struct s390_buf *b, enum s390_insn op, int r1, int r3, int r2) {
    rrf(b, op, S390_FMT_RRD, r3, r2, r1, 0);
}

/* RX and RS: opcode(8) | R1 X2/R3 | B2 D2. */
static void rx(struct s390_buf *b, enum s390_insn op, enum s390_format fmt, int r1, int x2, int b2,
               int d2) {
    bool ok = true;
    uint64_t o = opc(b, op, fmt, &ok);
    ok = ok && u4(r1) && u4(x2) && u4(b2) && d12(d2);
    put(b, ok,
        o << 24 | (uint64_t)r1 << 20 | (uint64_t)x2 << 16 | (uint64_t)b2 << 12 | field(d2, 12), 4);
}

void s390_emit_RX(struct s390_buf *b, enum s390_insn op, int r1, int x2, int b2, int d2) {
    rx(b, op, S390_FMT_RX, r1, x2, b2, d2);
}

void s390_emit_RS(struct s390_buf *b, enum s390_insn op, int r1, int r3, int b2, int d2) {
    rx(b, op, S390_FMT_RS, r1, r3, b2, d2);
}

/* RI: opcode(8) | R1 opcode(4) | I2(16). */
static void ri(struct s390_buf *b, enum s390_insn op, enum s390_format fmt, int r1, bool ok2,
               int64_t i2) {
    bool ok = true;
    uint64_t o = opc(b, op, fmt, &ok);
    ok = ok && ok2 && u4(r1);
    put(b, ok, (o >> 4) << 24 | (uint64_t)r1 << 20 | (o & 15) << 16 | field(i2, 16), 4);
}

void s390_emit_RI(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2) {
    ri(b, op, S390_FMT_RI, r1, imm(i2, 16), i2);
}

void s390_emit_RIb(struct s390_buf *b, enum s390_insn op, int r1, int64_t ri2) {
    ri(b, op, S390_FMT_RIb, r1, rel(ri2, 16), ri2 / 2);
}

void s390_emit_RIc(struct s390_buf *b, enum s390_insn op, int m1, int64_t ri2) {
    ri(b, op, S390_FMT_RIc, m1, rel(ri2, 16), ri2 / 2);
}

/* ---- 6-byte formats ------------------------------------------------------------------------ */

/* RIL: opcode(8) | R1 opcode(4) | I2(32). */
static void ril(struct s390_buf *b, enum s390_insn op, enum s390_format fmt, int r1, bool ok2,
                int64_t i2) {
    bool ok = true;
    uint64_t o = opc(b, op, fmt, &ok);
    ok = ok && ok2 && u4(r1);
    put(b, ok, (o >> 4) << 40 | (uint64_t)r1 << 36 | (o & 15) << 32 | field(i2, 32), 6);
}

void s390_emit_RIL(struct s390_buf *b, enum s390_insn op, int r1, int64_t i2) {
    ril(b, op, S390_FMT_RIL, r1, imm(i2, 32), i2);
}

void s390_emit_RILb(struct s390_buf *b, enum s390_insn op, int r1, int64_t ri2) {
    ril(b, op, S390_FMT_RILb, r1, rel(ri2, 32), ri2 / 2);
}

void s390_emit_RILc(struct s390_buf *b, enum s390_insn op, int m1, int64_t ri2) {
    ril(b, op, S390_FMT_RILc, m1, rel(ri2, 32), ri2 / 2);
}

/* The 6-byte formats with the opcode split in bytes 0 and 5: op(8) | 32 bits of fields | op(8).
 * `mid` holds bits 8-39 of the instruction. */
static void split6(struct s390_buf *b, enum s390_insn op, enum s390_format fmt, bool ok2,
                   uint64_t mid) {
    bool ok = true;
    uint64_t o = opc(b, op, fmt, &ok);
    put(b, ok && ok2, (o >> 8) << 40 | (mid & 0xffffffff) << 8 | (o & 0xff), 6);
}

void s390_emit_RXY(struct s390_buf *b, enum s390_insn op, int r1, int x2, int b2, int d2) {
    bool ok = u4(r1) && u4(x2) && u4(b2) && d20(d2);
    split6(b, op, S390_FMT_RXY, ok,
           (uint64_t)r1 << 28 | (uint64_t)x2 << 24 | (uint64_t)b2 << 20 | dldh(d2));
}

void s390_emit_RSY(struct s390_buf *b, enum s390_insn op, int r1, int r3, int b2, int d2) {
    bool ok = u4(r1) && u4(r3) && u4(b2) && d20(d2);
    split6(b, op, S390_FMT_RSY, ok,
           (uint64_t)r1 << 28 | (uint64_t)r3 << 24 | (uint64_t)b2 << 20 | dldh(d2));
}

void s390_emit_RIEb(struct s390_buf *b, enum s390_insn op, int r1, int r2, int m3, int64_t ri4) {
    bool ok = u4(r1) && u4(r2) && u4(m3) && rel(ri4, 16);
    split6(b, op, S390_FMT_RIEb, ok,
           (uint64_t)r1 << 28 | (uint64_t)r2 << 24 | field(ri4 / 2, 16) << 8 | (uint64_t)m3 << 4);
}

void s390_emit_RIEc(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2, int m3,
                    int64_t ri4) {
    bool ok = u4(r1) && u4(m3) && imm(i2, 8) && rel(ri4, 16);
    split6(b, op, S390_FMT_RIEc, ok,
           (uint64_t)r1 << 28 | (uint64_t)m3 << 24 | field(ri4 / 2, 16) << 8 | field(i2, 8));
}

void s390_emit_RIEd(struct s390_buf *b, enum s390_insn op, int r1, int r3, int32_t i2) {
    bool ok = u4(r1) && u4(r3) && imm(i2, 16);
    split6(b, op, S390_FMT_RIEd, ok, (uint64_t)r1 << 28 | (uint64_t)r3 << 24 | field(i2, 16) << 8);
}

void s390_emit_RIEf(struct s390_buf *b, enum s390_insn op, int r1, int r2, int i3, int i4, int i5) {
    bool ok = u4(r1) && u4(r2) && imm(i3, 8) && imm(i4, 8) && imm(i5, 8);
    split6(b, op, S390_FMT_RIEf, ok,
           (uint64_t)r1 << 28 | (uint64_t)r2 << 24 | field(i3, 8) << 16 | field(i4, 8) << 8 |
               field(i5, 8));
}

void s390_emit_RIEg(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2, int m3) {
    bool ok = u4(r1) && u4(m3) && imm(i2, 16);
    split6(b, op, S390_FMT_RIEg, ok, (uint64_t)r1 << 28 | (uint64_t)m3 << 24 | field(i2, 16) << 8);
}

void s390_emit_RIS(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2, int m3, int b4,
                   int d4) {
    bool ok = u4(r1) && u4(m3) && imm(i2, 8) && u4(b4) && d12(d4);
    split6(b, op, S390_FMT_RIS, ok,
           (uint64_t)r1 << 28 | (uint64_t)m3 << 24 | (uint64_t)b4 << 20 | field(d4, 12) << 8 |
               field(i2, 8));
}

void s390_emit_RRS(struct s390_buf *b, enum s390_insn op, int r1, int r2, int m3, int b4, int d4) {
    bool ok = u4(r1) && u4(r2) && u4(m3) && u4(b4) && d12(d4);
    split6(b, op, S390_FMT_RRS, ok,
           (uint64_t)r1 << 28 | (uint64_t)r2 << 24 | (uint64_t)b4 << 20 | field(d4, 12) << 8 |
               (uint64_t)m3 << 4);
}

void s390_emit_SI(struct s390_buf *b, enum s390_insn op, int b1, int d1, int32_t i2) {
    bool ok = true;
    uint64_t o = opc(b, op, S390_FMT_SI, &ok);
    ok = ok && u4(b1) && d12(d1) && imm(i2, 8);
    put(b, ok, o << 24 | field(i2, 8) << 16 | (uint64_t)b1 << 12 | field(d1, 12), 4);
}

void s390_emit_SIY(struct s390_buf *b, enum s390_insn op, int b1, int d1, int32_t i2) {
    bool ok = u4(b1) && d20(d1) && imm(i2, 8);
    split6(b, op, S390_FMT_SIY, ok, field(i2, 8) << 24 | (uint64_t)b1 << 20 | dldh(d1));
}

void s390_emit_SIL(struct s390_buf *b, enum s390_insn op, int b1, int d1, int32_t i2) {
    bool ok = true;
    uint64_t o = opc(b, op, S390_FMT_SIL, &ok);
    ok = ok && u4(b1) && d12(d1) && imm(i2, 16);
    put(b, ok, o << 32 | (uint64_t)b1 << 28 | field(d1, 12) << 16 | field(i2, 16), 6);
}

void s390_emit_SSa(struct s390_buf *b, enum s390_insn op, int len, int b1, int d1, int b2, int d2) {
    bool ok = true;
    uint64_t o = opc(b, op, S390_FMT_SSa, &ok);
    ok = ok && len >= 1 && len <= 256 && u4(b1) && d12(d1) && u4(b2) && d12(d2);
    put(b, ok,
        o << 40 | field(len - 1, 8) << 32 | (uint64_t)b1 << 28 | field(d1, 12) << 16 |
            (uint64_t)b2 << 12 | field(d2, 12),
        6);
}

/* ---- vector formats: op(8) | fields | RXB(4) at bits 36-39 | op(8) ------------------------ */

/* Vector fields: nibbles at bits 8, 12, 16, 20, 24, 28 (n8..n28) and 32 (n32) of the
 * instruction; the RXB bits of the vector register operands are added by the caller. */
static uint64_t nib(int pos, int v) { return (uint64_t)(v & 15) << (36 - pos); }

void s390_emit_VRX(struct s390_buf *b, enum s390_insn op, int v1, int x2, int b2, int d2, int m3) {
    bool ok = v5(v1) && u4(x2) && u4(b2) && d12(d2) && u4(m3);
    split6(b, op, S390_FMT_VRX, ok,
           nib(8, v1) | nib(12, x2) | nib(16, b2) | field(d2, 12) << 8 | nib(32, m3) |
               rxb(v1, 0, 0, 0));
}

void s390_emit_VRRa(struct s390_buf *b, enum s390_insn op, int v1, int v2, int m3, int m4, int m5) {
    bool ok = v5(v1) && v5(v2) && u4(m3) && u4(m4) && u4(m5);
    split6(b, op, S390_FMT_VRRa, ok,
           nib(8, v1) | nib(12, v2) | nib(24, m5) | nib(28, m4) | nib(32, m3) | rxb(v1, v2, 0, 0));
}

void s390_emit_VRRb(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int m4, int m5) {
    bool ok = v5(v1) && v5(v2) && v5(v3) && u4(m4) && u4(m5);
    split6(b, op, S390_FMT_VRRb, ok,
           nib(8, v1) | nib(12, v2) | nib(16, v3) | nib(24, m5) | nib(32, m4) | rxb(v1, v2, v3, 0));
}

void s390_emit_VRRc(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int m4, int m5,
                    int m6) {
    bool ok = v5(v1) && v5(v2) && v5(v3) && u4(m4) && u4(m5) && u4(m6);
    split6(b, op, S390_FMT_VRRc, ok,
           nib(8, v1) | nib(12, v2) | nib(16, v3) | nib(24, m6) | nib(28, m5) | nib(32, m4) |
               rxb(v1, v2, v3, 0));
}

void s390_emit_VRRd(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int v4, int m5,
                    int m6) {
    bool ok = v5(v1) && v5(v2) && v5(v3) && v5(v4) && u4(m5) && u4(m6);
    split6(b, op, S390_FMT_VRRd, ok,
           nib(8, v1) | nib(12, v2) | nib(16, v3) | nib(20, m5) | nib(24, m6) | nib(32, v4) |
               rxb(v1, v2, v3, v4));
}

void s390_emit_VRRe(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int v4, int m5,
                    int m6) {
    bool ok = v5(v1) && v5(v2) && v5(v3) && v5(v4) && u4(m5) && u4(m6);
    split6(b, op, S390_FMT_VRRe, ok,
           nib(8, v1) | nib(12, v2) | nib(16, v3) | nib(20, m6) | nib(28, m5) | nib(32, v4) |
               rxb(v1, v2, v3, v4));
}

void s390_emit_VRRf(struct s390_buf *b, enum s390_insn op, int v1, int r2, int r3) {
    bool ok = v5(v1) && u4(r2) && u4(r3);
    split6(b, op, S390_FMT_VRRf, ok, nib(8, v1) | nib(12, r2) | nib(16, r3) | rxb(v1, 0, 0, 0));
}

void s390_emit_VRIa(struct s390_buf *b, enum s390_insn op, int v1, int32_t i2, int m3) {
    bool ok = v5(v1) && imm(i2, 16) && u4(m3);
    split6(b, op, S390_FMT_VRIa, ok,
           nib(8, v1) | field(i2, 16) << 8 | nib(32, m3) | rxb(v1, 0, 0, 0));
}

void s390_emit_VRIb(struct s390_buf *b, enum s390_insn op, int v1, int i2, int i3, int m4) {
    bool ok = v5(v1) && imm(i2, 8) && imm(i3, 8) && u4(m4);
    split6(b, op, S390_FMT_VRIb, ok,
           nib(8, v1) | field(i2, 8) << 16 | field(i3, 8) << 8 | nib(32, m4) | rxb(v1, 0, 0, 0));
}

void s390_emit_VRIc(struct s390_buf *b, enum s390_insn op, int v1, int v3, int32_t i2, int m4) {
    bool ok = v5(v1) && v5(v3) && imm(i2, 16) && u4(m4);
    split6(b, op, S390_FMT_VRIc, ok,
           nib(8, v1) | nib(12, v3) | field(i2, 16) << 8 | nib(32, m4) | rxb(v1, v3, 0, 0));
}

void s390_emit_VRId(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int i4, int m5) {
    bool ok = v5(v1) && v5(v2) && v5(v3) && imm(i4, 8) && u4(m5);
    split6(b, op, S390_FMT_VRId, ok,
           nib(8, v1) | nib(12, v2) | nib(16, v3) | field(i4, 8) << 8 | nib(32, m5) |
               rxb(v1, v2, v3, 0));
}

void s390_emit_VRIe(struct s390_buf *b, enum s390_insn op, int v1, int v2, int i3, int m4, int m5) {
    bool ok = v5(v1) && v5(v2) && imm(i3, 12) && u4(m4) && u4(m5);
    split6(b, op, S390_FMT_VRIe, ok,
           nib(8, v1) | nib(12, v2) | field(i3, 12) << 12 | nib(28, m5) | nib(32, m4) |
               rxb(v1, v2, 0, 0));
}

/* VRS-a/b/c differ only in which of the first two fields are vector registers. */
static void vrs(struct s390_buf *b, enum s390_insn op, enum s390_format fmt, int f1, bool v1,
                int f3, bool v3, int b2, int d2, int m4) {
    bool ok = (v1 ? v5(f1) : u4(f1)) && (v3 ? v5(f3) : u4(f3)) && u4(b2) && d12(d2) && u4(m4);
    split6(b, op, fmt, ok,
           nib(8, f1) | nib(12, f3) | nib(16, b2) | field(d2, 12) << 8 | nib(32, m4) |
               rxb(v1 ? f1 : 0, v3 ? f3 : 0, 0, 0));
}

void s390_emit_VRSa(struct s390_buf *b, enum s390_insn op, int v1, int v3, int b2, int d2, int m4) {
    vrs(b, op, S390_FMT_VRSa, v1, true, v3, true, b2, d2, m4);
}

void s390_emit_VRSb(struct s390_buf *b, enum s390_insn op, int v1, int r3, int b2, int d2, int m4) {
    vrs(b, op, S390_FMT_VRSb, v1, true, r3, false, b2, d2, m4);
}

void s390_emit_VRSc(struct s390_buf *b, enum s390_insn op, int r1, int v3, int b2, int d2, int m4) {
    vrs(b, op, S390_FMT_VRSc, r1, false, v3, true, b2, d2, m4);
}

/* VSI: op | I3(8) | B2 D2 | V1 at bit 32 (its RXB bit is the fourth). */
void s390_emit_VSI(struct s390_buf *b, enum s390_insn op, int v1, int b2, int d2, int i3) {
    bool ok = v5(v1) && u4(b2) && d12(d2) && imm(i3, 8);
    split6(b, op, S390_FMT_VSI, ok,
           field(i3, 8) << 24 | nib(16, b2) | field(d2, 12) << 8 | nib(32, v1) | rxb(0, 0, 0, v1));
}
