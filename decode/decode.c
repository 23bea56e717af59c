/* Looks words up in the compiled decode table: buckets keyed on the top bits,
 * each listing the entries that may match, most specific first.  The table is
 * compiled from a64*.def at build time (decode/gen/decode_gen.c), so nothing is
 * built at start-up. */
#include "a64.h"
#include "decode_table.h"

#include <string.h>

#include "a64_table.inc"

static const struct {
    const char *name;
    uint8_t cls;
} table_src[] = {
#define A64(name, cls, pat) {#name, A64_C_##cls},
#include "a64.def"
#undef A64
};

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

int a64_decode_init(const char **errmsg)
{
    (void)errmsg;
    return 0;
}

bool a64_decode(uint32_t word, struct a64_insn *out)
{
    memset(out, 0, sizeof *out);
    out->raw = word;
    uint32_t start = bucket_start[word >> A64_BUCKET_SHIFT];
    if (start & A64_SPLIT)
        start = sub_start[(start & ~A64_SPLIT) + ((word >> A64_SUB_SHIFT) & (A64_NSUB - 1))];
    for (const uint16_t *i = bucket_list + start; *i != A64_BUCKET_END; i++) {
        const struct a64_entry *e = &entries[*i];
        if ((word & e->mask) != e->value)
            continue;
        out->op = e->op;
        out->cls = e->cls;
        for (unsigned j = 0; j < e->nextract; j++) {
            const struct a64_extract *x = &e->ex[j];
            out->f[x->field] = (word << x->shl) >> x->shr;
        }
        return e->op != A64_OP_INVALID;
    }
    return false;
}
