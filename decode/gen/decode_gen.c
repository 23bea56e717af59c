/* Build-time tool: compiles the pattern table of a64*.def into mask/value/field
 * lists sorted most specific first, buckets them on the top bits, and writes the
 * result as C (a64_table.inc), so zarm starts with the table ready instead of
 * building it on every run.  Built and run on the build host; a malformed
 * pattern fails the build with its name. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "a64.h"
#include "decode_table.h"

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

static const char *const field_names[] = {
#define A64_FIELD(n) #n,
#include "fields.def"
#undef A64_FIELD
};

static struct a64_entry entries[NENTRIES];
static uint16_t op_entry[A64_OP_COUNT];
static uint32_t bucket_start[A64_NBUCKETS];
static uint32_t bucket_count[A64_NBUCKETS];

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
            e->ex[e->nextract++] =
                (struct a64_extract){(uint8_t)f, (uint8_t)(32 - bit - width), (uint8_t)(32 - width)};
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

static int cmp_specific(const void *a, const void *b)
{
    const struct a64_entry *x = a, *y = b;
    int px = __builtin_popcount(x->mask), py = __builtin_popcount(y->mask);
    if (px != py)
        return px > py ? -1 : 1;
    return x->op < y->op ? -1 : x->op > y->op; /* file order among equals */
}

/* Calls fn(bucket, entry) for every bucket that agrees with entry i on the
 * bucket bits it fixes: the subsets of its free bucket bits. */
static void for_each_bucket(unsigned i, void (*fn)(uint32_t, unsigned))
{
    uint32_t fixed = entries[i].mask >> A64_BUCKET_SHIFT;
    uint32_t val = entries[i].value >> A64_BUCKET_SHIFT;
    uint32_t free_bits = ~fixed & (A64_NBUCKETS - 1), sub = 0;
    do {
        fn(val | sub, i);
        sub = (sub - free_bits) & free_bits;
    } while (sub);
}

/* The entries of each bucket, in order, built up as lists (entry indices). */
static uint16_t *blist[A64_NBUCKETS];

static void add_one(uint32_t b, unsigned i)
{
    blist[b][bucket_count[b]++] = (uint16_t)i;
}

static void count_one(uint32_t b, unsigned i)
{
    (void)i;
    bucket_count[b]++;
}

/* The output list of entry indices, each run ended by A64_BUCKET_END. */
static uint16_t *out_list;
static uint32_t out_n, out_cap;

static uint32_t put_run(const uint16_t *v, uint32_t n, uint32_t sub, bool split)
{
    uint32_t start = out_n;
    if (out_n + n + 1 > out_cap) {
        out_cap = (out_n + n + 1) * 2;
        out_list = realloc(out_list, out_cap * sizeof *out_list);
        if (!out_list)
            exit(1);
    }
    for (uint32_t k = 0; k < n; k++) {
        const struct a64_entry *e = &entries[v[k]];
        uint32_t m = (e->mask >> A64_SUB_SHIFT) & (A64_NSUB - 1);
        if (!split || (sub & m) == ((e->value >> A64_SUB_SHIFT) & m))
            out_list[out_n++] = v[k];
    }
    out_list[out_n++] = A64_BUCKET_END;
    return start;
}

static void print_u32s(const char *decl, const uint32_t *v, size_t n)
{
    printf("%s = {", decl);
    for (size_t i = 0; i < n; i++)
        printf("%s%u,", i % 16 ? "" : "\n", v[i]);
    printf("\n};\n");
}

int main(void)
{
    for (unsigned i = 0; i < NENTRIES; i++) {
        const char *err = compile(table_src[i].pat, &entries[i]);
        if (err) {
            fprintf(stderr, "decode table: %s: %s\n", table_src[i].name, err);
            return 1;
        }
        entries[i].op = (uint16_t)(table_src[i].cls == A64_C_UNALLOC ? A64_OP_INVALID : i + 1);
        entries[i].cls = table_src[i].cls;
    }
    qsort(entries, NENTRIES, sizeof entries[0], cmp_specific);
    /* Walking backwards leaves each op its first (most specific) entry. */
    for (unsigned i = NENTRIES; i-- > 0;)
        op_entry[entries[i].op] = (uint16_t)i;

    for (unsigned i = 0; i < NENTRIES; i++)
        for_each_bucket(i, count_one);
    for (uint32_t b = 0; b < A64_NBUCKETS; b++) {
        blist[b] = malloc((bucket_count[b] + 1) * sizeof *blist[b]);
        if (!blist[b])
            return 1;
        bucket_count[b] = 0; /* reused as the fill position */
    }
    if (NENTRIES >= A64_BUCKET_END)
        return 1;
    for (unsigned i = 0; i < NENTRIES; i++)
        for_each_bucket(i, add_one);
    /* A long bucket is split again on bits 15:10 (the opcode field of most SIMD and FP
     * groups), so a lookup tries a few entries, not dozens. */
    uint32_t *sub_start = NULL, nsub = 0;
    for (uint32_t b = 0; b < A64_NBUCKETS; b++) {
        if (bucket_count[b] <= A64_SPLIT_OVER) {
            bucket_start[b] = put_run(blist[b], bucket_count[b], 0, false);
            continue;
        }
        sub_start = realloc(sub_start, (nsub + A64_NSUB) * sizeof *sub_start);
        if (!sub_start)
            return 1;
        bucket_start[b] = A64_SPLIT | nsub;
        for (uint32_t sub = 0; sub < A64_NSUB; sub++)
            sub_start[nsub + sub] = put_run(blist[b], bucket_count[b], sub, true);
        nsub += A64_NSUB;
    }

    printf("/* Generated by decode/gen/decode_gen.c from decode/a64*.def: do not edit. */\n");
    printf("static const struct a64_entry entries[%zu] = {\n", NENTRIES);
    for (unsigned i = 0; i < NENTRIES; i++) {
        const struct a64_entry *e = &entries[i];
        printf("{0x%08x, 0x%08x, %u, %u, %u, {", e->mask, e->value, e->op, e->cls, e->nextract);
        for (unsigned j = 0; j < e->nextract; j++)
            printf("{%u, %u, %u},", e->ex[j].field, e->ex[j].shl, e->ex[j].shr);
        printf("}},\n");
    }
    printf("};\n");
    uint32_t ops[A64_OP_COUNT];
    for (unsigned i = 0; i < A64_OP_COUNT; i++)
        ops[i] = op_entry[i];
    print_u32s("static const uint16_t op_entry[A64_OP_COUNT]", ops, A64_OP_COUNT);
    print_u32s("static const uint32_t bucket_start[A64_NBUCKETS]", bucket_start, A64_NBUCKETS);
    print_u32s("static const uint32_t sub_start[]", sub_start, nsub ? nsub : 1);
    uint32_t *list = malloc(out_n * sizeof *list);
    if (!list)
        return 1;
    for (uint32_t i = 0; i < out_n; i++)
        list[i] = out_list[i];
    print_u32s("static const uint16_t bucket_list[]", list, out_n);
    return 0;
}
