/*
 * s390x assembler: one encoder per instruction format, opcodes from s390_insn.def.
 *
 * Code generation reads like assembly:
 *     S390_EMIT(b, RXY, LG, r1, x2, b2, d2);
 *     S390_EMIT(b, RRFa, AGRK, r1, r2, r3, 0);
 * S390_EMIT pastes FORMAT_MNEMONIC, so naming an instruction with the wrong format does not
 * compile. Instructions are written big-endian byte by byte, so the assembler runs (and is
 * tested) on any host. An operand out of range is a programming error: the instruction is not
 * written, b->error is set, and debug builds assert (unless b->expect_errors).
 */
#ifndef ZARM_S390_EMIT_H
#define ZARM_S390_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend-s390x/s390_facilities.h"

enum s390_format {
#define S390_FORMAT(name, len, fields) S390_FMT_##name,
#include "backend-s390x/s390_insn.def"
    S390_FMT_COUNT
};

enum s390_insn {
#define S390_INSN(fmt, mnemonic, opcode, facility, syntax) fmt##_##mnemonic,
#include "backend-s390x/s390_insn.def"
    S390_INSN_COUNT
};

struct s390_insn_info {
    uint16_t opcode;
    uint8_t format;   /* enum s390_format */
    uint8_t facility; /* enum s390_facility */
    const char *mnemonic;
    const char *syntax; /* binutils operand list, see s390_insn.def */
};
extern const struct s390_insn_info s390_insn_table[S390_INSN_COUNT];

struct s390_format_info {
    const char *name;
    uint8_t len;        /* bytes */
    const char *fields; /* encoder operands, see s390_insn.def */
};
extern const struct s390_format_info s390_format_table[S390_FMT_COUNT];

struct s390_buf {
    uint8_t *p;
    size_t len, cap;
    bool overflow;      /* an instruction did not fit: nothing more is written */
    bool error;         /* an operand was out of range (a bug in the code generator) */
    bool expect_errors; /* tests of the range checks: do not assert */
};

static inline void s390_buf_init(struct s390_buf *b, void *mem, size_t cap) {
    b->p = mem;
    b->len = 0;
    b->cap = cap;
    b->overflow = b->error = b->expect_errors = false;
}

/* ", ##__VA_ARGS__" (GNU C, which the build uses) lets S390_EMIT(b, E, TRAP2) take no operands. */
#define S390_EMIT(buf, FMT, MNEMONIC, ...) s390_emit_##FMT(buf, FMT##_##MNEMONIC, ##__VA_ARGS__)

/*
 * The encoders. Registers: r/x/b 0-15 (x or b 0 = none), v 0-31, m 0-15. Displacements d:
 * 0..4095, or -524288..524287 in the long-displacement formats (RXY, RSY, SIY). Immediates i
 * take the signed or the unsigned range of their width. Relative operands ri are byte offsets
 * from the start of the instruction (even; +-64 KiB for 16 bits, +-4 GiB for 32).
 */
void s390_emit_E(struct s390_buf *b, enum s390_insn op);
void s390_emit_S(struct s390_buf *b, enum s390_insn op, int b2, int d2);
void s390_emit_RR(struct s390_buf *b, enum s390_insn op, int r1, int r2);
void s390_emit_RRE(struct s390_buf *b, enum s390_insn op, int r1, int r2);
void s390_emit_RRFa(struct s390_buf *b, enum s390_insn op, int r1, int r2, int r3, int m4);
void s390_emit_RRFc(struct s390_buf *b, enum s390_insn op, int r1, int r2, int m3);
void s390_emit_RRFe(struct s390_buf *b, enum s390_insn op, int r1, int m3, int r2, int m4);
void s390_emit_RRD(struct s390_buf *b, enum s390_insn op, int r1, int r3, int r2);
void s390_emit_RX(struct s390_buf *b, enum s390_insn op, int r1, int x2, int b2, int d2);
void s390_emit_RXY(struct s390_buf *b, enum s390_insn op, int r1, int x2, int b2, int d2);
void s390_emit_RS(struct s390_buf *b, enum s390_insn op, int r1, int r3, int b2, int d2);
void s390_emit_RSY(struct s390_buf *b, enum s390_insn op, int r1, int r3, int b2, int d2);
void s390_emit_RI(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2);
void s390_emit_RIb(struct s390_buf *b, enum s390_insn op, int r1, int64_t ri2);
void s390_emit_RIc(struct s390_buf *b, enum s390_insn op, int m1, int64_t ri2);
void s390_emit_RIL(struct s390_buf *b, enum s390_insn op, int r1, int64_t i2);
void s390_emit_RILb(struct s390_buf *b, enum s390_insn op, int r1, int64_t ri2);
void s390_emit_RILc(struct s390_buf *b, enum s390_insn op, int m1, int64_t ri2);
void s390_emit_RIEb(struct s390_buf *b, enum s390_insn op, int r1, int r2, int m3, int64_t ri4);
void s390_emit_RIEc(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2, int m3, int64_t ri4);
void s390_emit_RIEd(struct s390_buf *b, enum s390_insn op, int r1, int r3, int32_t i2);
void s390_emit_RIEf(struct s390_buf *b, enum s390_insn op, int r1, int r2, int i3, int i4, int i5);
void s390_emit_RIEg(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2, int m3);
void s390_emit_RIS(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2, int m3, int b4,
                   int d4);
void s390_emit_RRS(struct s390_buf *b, enum s390_insn op, int r1, int r2, int m3, int b4, int d4);
void s390_emit_SI(struct s390_buf *b, enum s390_insn op, int b1, int d1, int32_t i2);
void s390_emit_SIY(struct s390_buf *b, enum s390_insn op, int b1, int d1, int32_t i2);
void s390_emit_SIL(struct s390_buf *b, enum s390_insn op, int b1, int d1, int32_t i2);
/* len is the operand length in bytes, 1..256. */
void s390_emit_SSa(struct s390_buf *b, enum s390_insn op, int len, int b1, int d1, int b2, int d2);
void s390_emit_VRX(struct s390_buf *b, enum s390_insn op, int v1, int x2, int b2, int d2, int m3);
void s390_emit_VRRa(struct s390_buf *b, enum s390_insn op, int v1, int v2, int m3, int m4, int m5);
void s390_emit_VRRb(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int m4, int m5);
void s390_emit_VRRc(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int m4, int m5,
                    int m6);
void s390_emit_VRRd(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int v4, int m5,
                    int m6);
void s390_emit_VRRe(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int v4, int m5,
                    int m6);
void s390_emit_VRRf(struct s390_buf *b, enum s390_insn op, int v1, int r2, int r3);
void s390_emit_VRIa(struct s390_buf *b, enum s390_insn op, int v1, int32_t i2, int m3);
void s390_emit_VRIb(struct s390_buf *b, enum s390_insn op, int v1, int i2, int i3, int m4);
void s390_emit_VRIc(struct s390_buf *b, enum s390_insn op, int v1, int v3, int32_t i2, int m4);
void s390_emit_VRId(struct s390_buf *b, enum s390_insn op, int v1, int v2, int v3, int i4, int m5);
void s390_emit_VRIe(struct s390_buf *b, enum s390_insn op, int v1, int v2, int i3, int m4, int m5);
void s390_emit_VRSa(struct s390_buf *b, enum s390_insn op, int v1, int v3, int b2, int d2, int m4);
void s390_emit_VRSb(struct s390_buf *b, enum s390_insn op, int v1, int r3, int b2, int d2, int m4);
void s390_emit_VRSc(struct s390_buf *b, enum s390_insn op, int r1, int v3, int b2, int d2, int m4);
void s390_emit_VSI(struct s390_buf *b, enum s390_insn op, int v1, int b2, int d2, int i3);

/* Idioms built from the table's instructions. */
static inline void s390_emit_nopr(struct s390_buf *b) { s390_emit_RR(b, RR_BCR, 0, 0); }

/* Serialization: BCR 14,0 is the cheap form with fast-BCR-serialization (part of BASE). */
static inline void s390_emit_serialize(struct s390_buf *b) { s390_emit_RR(b, RR_BCR, 14, 0); }

/* BRC/BRCL condition masks (CC0 = 8 ... CC3 = 1) and the branch-on-compare masks. */
enum {
    S390_CC_NEVER = 0,
    S390_CC_ALWAYS = 15,
    S390_CMP_EQ = 8,
    S390_CMP_LT = 4,
    S390_CMP_GT = 2,
    S390_CMP_NE = S390_CMP_LT | S390_CMP_GT,
    S390_CMP_LE = S390_CMP_EQ | S390_CMP_LT,
    S390_CMP_GE = S390_CMP_EQ | S390_CMP_GT,
};

#endif
