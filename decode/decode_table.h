/* The compiled decode table: what decode/gen/decode_gen.c writes at build time
 * (a64_table.inc in the build tree) and decode.c looks words up in. */
#ifndef ZARM_DECODE_TABLE_H
#define ZARM_DECODE_TABLE_H

#include <stdint.h>

#define A64_MAX_EXTRACTS 12
/* Buckets are indexed by bits 31:20 of the word. */
#define A64_BUCKET_SHIFT 20
#define A64_NBUCKETS (1u << (32 - A64_BUCKET_SHIFT))
/* A bucket with more entries than this is split on bits 15:10: its bucket_start is
 * A64_SPLIT | the index in sub_start of its 64 sub-buckets. */
#define A64_SPLIT_OVER 6
#define A64_SPLIT 0x80000000u
#define A64_SUB_SHIFT 10
#define A64_NSUB 64u
/* Ends each bucket's list of entry indices. */
#define A64_BUCKET_END 0xffff

/* A field of width w at bit lsb is (word << shl) >> shr: shl = 32 - lsb - w, shr = 32 - w. */
struct a64_extract {
    uint8_t field, shl, shr;
};

struct a64_entry {
    uint32_t mask, value;
    uint16_t op;
    uint8_t cls, nextract;
    struct a64_extract ex[A64_MAX_EXTRACTS];
};

#endif
