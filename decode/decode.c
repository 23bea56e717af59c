/* Compiles the pattern table of a64*.def into mask/value/field lists and looks
 * words up in buckets keyed on the top bits. */
#include "a64.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct a64_extract {
    uint8_t field, lsb, width;
};

#define A64_MAX_EXTRACTS 12

struct a64_entry {
    uint32_t mask, value;
    uint16_t op;
    uint8_t cls, nextract;
    struct a64_extract ex[A64_MAX_EXTRACTS];
};

static const struct {
    const char *name;
    uint8_t cls;
    const char *pat;
} table_src[] = {
#define A64(name, cls, pat) {#name, A64_C_##cls, pat},
#include "a64.def"
#undef A64
};

#define NENTRIES (sizeof table_src / sizeof table_src[0])
/* Buckets are indexed by bits 31:20 of the word. */
#define BUCKET_SHIFT 20
#define NBUCKETS (1u << (32 - BUCKET_SHIFT))

static struct a64_entry entries[NENTRIES + 1];
static uint16_t *bucket_list;          /* entry indices, per bucket, terminated by 0xffff */
static uint32_t bucket_start[NBUCKETS];
static uint32_t bucket_count[NBUCKETS];
static uint16_t op_entry[A64_OP_COUNT]; /* first entry of each op, for a64_op_pattern */
static int decode_ready;

static const char *const field_names[] = {
#define A64_FIELD(n) #n,
#include "fields.def"
#undef A64_FIELD
};

static const char *const class_names[] = {"unalloc", "int",    "branch", "sys",
                                          "ldst",    "lse",    "v8.1+",  "crc",
                                          "fpldst",  "simd",   "fp",     "crypto"};
_Static_assert(sizeof class_names / sizeof class_names[0] == A64_C_COUNT, "class names");

const char *a64_field_name(unsigned f) { return f < A64_F_COUNT ? field_names[f] : "?"; }
const char *a64_class_name(unsigned c) { return c < A64_C_COUNT ? class_names[c] : "?"; }

const char *a64_op_name(unsigned op)
{
    if (op == A64_OP_INVALID || op >= A64_OP_COUNT)
        return "INVALID";
    return table_src[op - 1].name;
}

unsigned a64_op_class(unsigned op)
{
    return (op == A64_OP_INVALID || op >= A64_OP_COUNT) ? A64_C_UNALLOC : table_src[op - 1].cls;
}

void a64_op_pattern(unsigned op, uint32_t *mask, uint32_t *value)
{
    const struct a64_entry *e = &entries[op_entry[op < A64_OP_COUNT ? op : 0]];
    *mask = e->mask;
    *value = e->value;
}

static int lookup_field(const char *name, size_t len)
{
    for (unsigned i = 0; i < A64_F_COUNT; i++)
        if (strlen(field_names[i]) == len && memcmp(field_names[i], name, len) == 0)
            return (int)i;
    return -1;
}

/* Parses one pattern; returns NULL or a static error message. */
static const char *compile(const char *pat, struct a64_entry *e)
{
    int bit = 32;
    const char *p = pat;
    e->mask = e->value = 0;
    e->nextract = 0;
    while (*p) {
        if (*p == ' ' || *p == '\t') {
            p++;
            continue;
        }
        const char *tok = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        const char *colon = memchr(tok, ':', (size_t)(p - tok));
        if (colon) {
            int f = lookup_field(tok, (size_t)(colon - tok));
            int width = atoi(colon + 1);
            if (f < 0)
                return "unknown field name";
            if (width <= 0 || width > bit)
                return "bad field width";
            if (e->nextract == A64_MAX_EXTRACTS)
                return "too many fields";
            bit -= width;
            e->ex[e->nextract++] = (struct a64_extract){(uint8_t)f, (uint8_t)bit, (uint8_t)width};
        } else {
            for (const char *c = tok; c < p; c++) {
                if (--bit < 0)
                    return "more than 32 bits";
                if (*c == '0' || *c == '1') {
                    e->mask |= 1u << bit;
                    e->value |= (uint32_t)(*c - '0') << bit;
                } else if (*c != 'x') {
                    return "bad character";
                }
            }
        }
    }
    return bit == 0 ? NULL : "fewer than 32 bits";
}

static unsigned popcount32(uint32_t x) { return (unsigned)__builtin_popcount(x); }

static int cmp_specific(const void *a, const void *b)
{
    const struct a64_entry *x = a, *y = b;
    unsigned px = popcount32(x->mask), py = popcount32(y->mask);
    if (px != py)
        return px > py ? -1 : 1;
    return x->op < y->op ? -1 : x->op > y->op; /* file order among equals */
}

static char errbuf[160];

int a64_decode_init(const char **errmsg)
{
    if (decode_ready)
        return 0;
    for (unsigned i = 0; i < NENTRIES; i++) {
        const char *err = compile(table_src[i].pat, &entries[i]);
        entries[i].op = (uint16_t)(table_src[i].cls == A64_C_UNALLOC ? A64_OP_INVALID : i + 1);
        entries[i].cls = table_src[i].cls;
        if (err) {
            snprintf(errbuf, sizeof errbuf, "decode table: %s: %s", table_src[i].name, err);
            if (errmsg)
                *errmsg = errbuf;
            return -1;
        }
    }
    qsort(entries, NENTRIES, sizeof entries[0], cmp_specific);
    /* UNALLOC entries keep their own op numbers in op_entry via a second pass. */
    for (unsigned i = NENTRIES; i-- > 0;)
        op_entry[entries[i].op] = (uint16_t)i;

    /* Count, then fill, each bucket's compatible entries in specificity order.
     * An entry belongs to every bucket that agrees with it on the bucket bits
     * it fixes: enumerate the subsets of its free bucket bits. */
    memset(bucket_count, 0, sizeof bucket_count);
    for (unsigned i = 0; i < NENTRIES; i++) {
        uint32_t fixed = entries[i].mask >> BUCKET_SHIFT, val = entries[i].value >> BUCKET_SHIFT;
        uint32_t free_bits = ~fixed & (NBUCKETS - 1), sub = 0;
        do {
            bucket_count[val | sub]++;
            sub = (sub - free_bits) & free_bits;
        } while (sub);
    }
    uint32_t total = 0;
    for (uint32_t b = 0; b < NBUCKETS; b++) {
        bucket_start[b] = total;
        total += bucket_count[b] + 1;
        bucket_count[b] = 0; /* reused as the fill position */
    }
    bucket_list = malloc(total * sizeof *bucket_list);
    if (!bucket_list) {
        if (errmsg)
            *errmsg = "decode table: out of memory";
        return -1;
    }
    for (unsigned i = 0; i < NENTRIES; i++) {
        uint32_t fixed = entries[i].mask >> BUCKET_SHIFT, val = entries[i].value >> BUCKET_SHIFT;
        uint32_t free_bits = ~fixed & (NBUCKETS - 1), sub = 0;
        do {
            uint32_t b = val | sub;
            bucket_list[bucket_start[b] + bucket_count[b]++] = (uint16_t)i;
            sub = (sub - free_bits) & free_bits;
        } while (sub);
    }
    for (uint32_t b = 0; b < NBUCKETS; b++)
        bucket_list[bucket_start[b] + bucket_count[b]] = 0xffff;
    decode_ready = 1;
    return 0;
}

bool a64_decode(uint32_t word, struct a64_insn *out)
{
    memset(out, 0, sizeof *out);
    out->raw = word;
    for (const uint16_t *i = bucket_list + bucket_start[word >> BUCKET_SHIFT]; *i != 0xffff; i++) {
        const struct a64_entry *e = &entries[*i];
        if ((word & e->mask) != e->value)
            continue;
        out->op = e->op;
        out->cls = e->cls;
        for (unsigned j = 0; j < e->nextract; j++) {
            const struct a64_extract *x = &e->ex[j];
            out->f[x->field] = (word >> x->lsb) & ((1u << x->width) - 1u);
        }
        return e->op != A64_OP_INVALID;
    }
    return false;
}
