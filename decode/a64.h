/* decode/: A64 instruction word -> decoded instruction.
 *
 * The decoder is a table: every encoding is one line A64(name, class, pattern) in
 * one of the a64_*.def files (listed in a64.def).  A pattern spells the 32 bits
 * from bit 31 down, in whitespace-separated tokens: runs of literal bits
 * ('0', '1', 'x' for "either"), or fields written name:width with a name from
 * fields.def.  The table is compiled once into mask/value pairs, sorted most
 * specific first, and bucketed on the top bits for lookup.
 *
 * Encodings that the architecture leaves unallocated inside an otherwise
 * allocated pattern are listed as lines of the pseudo-class A64_C_UNALLOC with a
 * more specific pattern; they decode to A64_OP_INVALID. */
#ifndef ZARM_DECODE_A64_H
#define ZARM_DECODE_A64_H

#include <stdbool.h>
#include <stdint.h>

enum a64_field {
#define A64_FIELD(n) A64_F_##n,
#include "fields.def"
#undef A64_FIELD
    A64_F_COUNT
};

/* Instruction classes: what the decoder test compares against capstone, and what
 * the coverage report groups by. */
enum a64_class {
    A64_C_UNALLOC, /* explicitly unallocated */
    A64_C_INT,     /* Armv8.0 integer data processing */
    A64_C_BRANCH,  /* branches, exception generation */
    A64_C_SYS,     /* hints, barriers, system register moves, cache maintenance */
    A64_C_LDST,    /* integer loads and stores, exclusives, acquire/release */
    A64_C_LSE,     /* Armv8.1 atomics (capstone 4 does not know them) */
    A64_C_V81,     /* other post-v8.0 encodings capstone 4 does not know (LDAPR...) */
    A64_C_CRC,     /* CRC32 */
    A64_C_FPLDST,  /* FP/SIMD loads and stores */
    A64_C_SIMD,    /* AdvSIMD data processing */
    A64_C_FP,      /* scalar floating point */
    A64_C_CRYPTO,  /* AES/SHA */
    A64_C_COUNT
};

enum a64_op {
    A64_OP_INVALID,
#define A64(name, cls, pat) A64_OP_##name,
#include "a64.def"
#undef A64
    A64_OP_COUNT
};

struct a64_insn {
    uint32_t raw;
    uint16_t op;  /* enum a64_op */
    uint8_t cls;  /* enum a64_class */
    uint32_t f[A64_F_COUNT]; /* field values, zero-extended; unset fields are 0 */
};

/* Builds the lookup tables; returns 0, or -1 with a message (a malformed
 * pattern is a bug in the table, reported by the unit tests). */
int a64_decode_init(const char **errmsg);
/* Decodes one word.  Returns false (and op = A64_OP_INVALID) for an unallocated
 * encoding.  Thread-safe after a64_decode_init. */
bool a64_decode(uint32_t word, struct a64_insn *out);

const char *a64_op_name(unsigned op);
const char *a64_class_name(unsigned cls);
unsigned a64_op_class(unsigned op);
/* The compiled pattern of an op, for the random instruction generator. */
void a64_op_pattern(unsigned op, uint32_t *mask, uint32_t *value);
const char *a64_field_name(unsigned f);

/* Sign-extends the low `bits` bits of x. */
static inline int64_t a64_sext(uint64_t x, unsigned bits)
{
    return (int64_t)(x << (64 - bits)) >> (64 - bits);
}

#endif
