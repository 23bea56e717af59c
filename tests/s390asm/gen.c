/*
 * Encoding test generator: every instruction of backend-s390x/s390_insn.def, each with several
 * operand combinations (0, maxima, 1, high vector registers, displacement and immediate extremes,
 * negative values, then random ones), emitted with the assembler and written as binutils text.
 *
 *   s390asm_gen OUT.s OUT.bin OUT.lst
 *
 * check.sh assembles OUT.s with s390x-linux-gnu-as -march=z15 and compares the bytes with
 * OUT.bin; OUT.lst (offset, our bytes, text) locates a difference.
 */
#include "backend-s390x/s390_emit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMBOS 8

/* Operand keys: the encoder's fields by PoP name. */
enum key { K1, K2, K3, K4, K5, K6, KX2, KB2, KD2, KB1, KD1, KB4, KD4, KL1, NKEYS };
static const char *const key_names[NKEYS] = {"1",  "2",  "3",  "4",  "5",  "6",  "X2",
                                             "B2", "D2", "B1", "D1", "B4", "D4", "L1"};

static int key_of(const char *s, size_t n) {
    for (int k = 0; k < NKEYS; k++)
        if (strlen(key_names[k]) == n && strncmp(key_names[k], s, n) == 0)
            return k;
    fprintf(stderr, "gen: unknown field '%.*s'\n", (int)n, s);
    exit(2);
}

struct fmt_desc {
    int n;
    int keys[8];
    int width[NKEYS]; /* bits of immediates/relative fields; displacement: 12 or 20 */
    bool dsigned[NKEYS];
};

static void parse_format(const char *fields, struct fmt_desc *d) {
    memset(d, 0, sizeof(*d));
    const char *p = fields;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *s = p;
        while (*p && *p != ' ' && *p != ':')
            p++;
        int k = key_of(s, (size_t)(p - s));
        d->width[k] = 4;
        if (*p == ':') {
            p++;
            if (*p == 'u' || *p == 's')
                d->dsigned[k] = *p++ == 's';
            d->width[k] = (int)strtol(p, (char **)&p, 10);
        }
        d->keys[d->n++] = k;
    }
}

/* A syntax operand: its kind (R F V M I U RI P, or A for an address) and key(s). */
struct operand {
    char kind[3];
    int key;
    int akeys[3]; /* address: displacement, then inner keys */
    int nak;
};

static int parse_syntax(const char *syn, struct operand *ops) {
    int n = 0;
    const char *p = syn;
    while (*p) {
        struct operand *o = &ops[n++];
        memset(o, 0, sizeof(*o));
        const char *s = p;
        while (isalpha((unsigned char)*p))
            p++;
        const char *num = p;
        while (isdigit((unsigned char)*p))
            p++;
        if (*p == '(') {
            strcpy(o->kind, "A");
            o->akeys[o->nak++] = key_of(s, (size_t)(p - s));
            p++;
            while (*p != ')') {
                const char *q = p;
                while (*p != ',' && *p != ')')
                    p++;
                o->akeys[o->nak++] = key_of(q, (size_t)(p - q));
                if (*p == ',')
                    p++;
            }
            p++;
        } else {
            snprintf(o->kind, sizeof(o->kind), "%.*s", (int)(num - s), s);
            o->key = key_of(num, (size_t)(p - num));
        }
        if (*p == ',')
            p++;
    }
    return n;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int64_t pick_range(int combo, int64_t lo, int64_t hi, int64_t third) {
    switch (combo) {
    case 0:
        return lo;
    case 1:
        return hi;
    case 2:
        return third;
    default:
        return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
    }
}

/* A value for one operand of the given kind; `reg` choices per combo exercise 0, 15, 1 and
 * for vector registers 31 and 16-31. */
static int64_t pick(const char *kind, int width, bool dsigned, int combo) {
    if (!strcmp(kind, "R") || !strcmp(kind, "F") || !strcmp(kind, "M"))
        return pick_range(combo, 0, 15, 1);
    if (!strcmp(kind, "P")) /* even register of a pair */
        return pick_range(combo, 0, 7, 1) * 2;
    if (!strcmp(kind, "V")) {
        if (combo == 3)
            return 16 + (int64_t)(rnd() % 16);
        return pick_range(combo, 0, 31, 17);
    }
    if (!strcmp(kind, "I"))
        return pick_range(combo, -(INT64_C(1) << (width - 1)), (INT64_C(1) << (width - 1)) - 1, -1);
    if (!strcmp(kind, "U"))
        return pick_range(combo, 0, (INT64_C(1) << width) - 1, 1);
    if (!strcmp(kind, "RI"))
        return 2 *
               pick_range(combo, -(INT64_C(1) << (width - 1)), (INT64_C(1) << (width - 1)) - 1, -1);
    if (!strcmp(kind, "D"))
        return dsigned ? pick_range(combo, -(1 << (width - 1)), (1 << (width - 1)) - 1, -1)
                       : pick_range(combo, 0, (1 << width) - 1, 1);
    if (!strcmp(kind, "L"))
        return pick_range(combo, 1, 256, 2);
    fprintf(stderr, "gen: unknown operand kind %s\n", kind);
    exit(2);
}

static void emit(struct s390_buf *b, enum s390_insn op, const int64_t *v) {
#define A(i) ((int)v[i])
#define L(i) (v[i])
    switch ((enum s390_format)s390_insn_table[op].format) {
    case S390_FMT_E:
        s390_emit_E(b, op);
        break;
    case S390_FMT_S:
        s390_emit_S(b, op, A(0), A(1));
        break;
    case S390_FMT_RR:
        s390_emit_RR(b, op, A(0), A(1));
        break;
    case S390_FMT_RRE:
        s390_emit_RRE(b, op, A(0), A(1));
        break;
    case S390_FMT_RRFa:
        s390_emit_RRFa(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_RRFc:
        s390_emit_RRFc(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_RRFe:
        s390_emit_RRFe(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_RRD:
        s390_emit_RRD(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_RX:
        s390_emit_RX(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_RXY:
        s390_emit_RXY(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_RS:
        s390_emit_RS(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_RSY:
        s390_emit_RSY(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_RI:
        s390_emit_RI(b, op, A(0), A(1));
        break;
    case S390_FMT_RIb:
        s390_emit_RIb(b, op, A(0), L(1));
        break;
    case S390_FMT_RIc:
        s390_emit_RIc(b, op, A(0), L(1));
        break;
    case S390_FMT_RIL:
        s390_emit_RIL(b, op, A(0), L(1));
        break;
    case S390_FMT_RILb:
        s390_emit_RILb(b, op, A(0), L(1));
        break;
    case S390_FMT_RILc:
        s390_emit_RILc(b, op, A(0), L(1));
        break;
    case S390_FMT_RIEb:
        s390_emit_RIEb(b, op, A(0), A(1), A(2), L(3));
        break;
    case S390_FMT_RIEc:
        s390_emit_RIEc(b, op, A(0), A(1), A(2), L(3));
        break;
    case S390_FMT_RIEd:
        s390_emit_RIEd(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_RIEf:
        s390_emit_RIEf(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_RIEg:
        s390_emit_RIEg(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_RIS:
        s390_emit_RIS(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_RRS:
        s390_emit_RRS(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_SI:
        s390_emit_SI(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_SIY:
        s390_emit_SIY(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_SIL:
        s390_emit_SIL(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_SSa:
        s390_emit_SSa(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VRX:
        s390_emit_VRX(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VRRa:
        s390_emit_VRRa(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VRRb:
        s390_emit_VRRb(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VRRc:
        s390_emit_VRRc(b, op, A(0), A(1), A(2), A(3), A(4), A(5));
        break;
    case S390_FMT_VRRd:
        s390_emit_VRRd(b, op, A(0), A(1), A(2), A(3), A(4), A(5));
        break;
    case S390_FMT_VRRe:
        s390_emit_VRRe(b, op, A(0), A(1), A(2), A(3), A(4), A(5));
        break;
    case S390_FMT_VRRf:
        s390_emit_VRRf(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_VRIa:
        s390_emit_VRIa(b, op, A(0), A(1), A(2));
        break;
    case S390_FMT_VRIb:
        s390_emit_VRIb(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_VRIc:
        s390_emit_VRIc(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_VRId:
        s390_emit_VRId(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VRIe:
        s390_emit_VRIe(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VRSa:
        s390_emit_VRSa(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VRSb:
        s390_emit_VRSb(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VRSc:
        s390_emit_VRSc(b, op, A(0), A(1), A(2), A(3), A(4));
        break;
    case S390_FMT_VSI:
        s390_emit_VSI(b, op, A(0), A(1), A(2), A(3));
        break;
    case S390_FMT_COUNT:
        break;
    }
#undef A
#undef L
}

static void print_reg(FILE *f, const char *kind, int64_t v) {
    const char *pfx = !strcmp(kind, "V") ? "%v" : !strcmp(kind, "F") ? "%f" : "%r";
    fprintf(f, "%s%lld", pfx, (long long)v);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s OUT.s OUT.bin OUT.lst\n", argv[0]);
        return 2;
    }
    FILE *fs = fopen(argv[1], "w"), *fb = fopen(argv[2], "wb"), *fl = fopen(argv[3], "w");
    if (!fs || !fb || !fl) {
        perror("gen");
        return 2;
    }
    static uint8_t mem[16];
    static int exercised[S390_INSN_COUNT];
    size_t offset = 0;
    for (int op = 0; op < S390_INSN_COUNT; op++) {
        const struct s390_insn_info *in = &s390_insn_table[op];
        struct fmt_desc fd;
        parse_format(s390_format_table[in->format].fields, &fd);
        struct operand ops[8];
        int nops = parse_syntax(in->syntax, ops);
        for (int combo = 0; combo < COMBOS; combo++) {
            int64_t val[NKEYS] = {0};
            for (int i = 0; i < nops; i++) {
                struct operand *o = &ops[i];
                if (o->kind[0] == 'A') {
                    for (int j = 0; j < o->nak; j++) {
                        int k = o->akeys[j];
                        char kind[2] = {key_names[k][0], 0};
                        val[k] = pick(strcmp(kind, "X") && strcmp(kind, "B") ? kind : "R",
                                      fd.width[k], fd.dsigned[k], combo);
                    }
                } else {
                    val[o->key] = pick(o->kind, fd.width[o->key], false, combo);
                }
            }
            int64_t args[8];
            for (int i = 0; i < fd.n; i++)
                args[i] = val[fd.keys[i]];
            struct s390_buf b;
            s390_buf_init(&b, mem, sizeof(mem));
            emit(&b, (enum s390_insn)op, args);
            if (b.error || b.overflow || b.len != s390_format_table[in->format].len) {
                fprintf(stderr, "gen: %s combo %d not encoded\n", in->mnemonic, combo);
                return 1;
            }
            exercised[op]++;
            fwrite(mem, 1, b.len, fb);

            char text[160];
            FILE *t = fmemopen(text, sizeof(text), "w");
            for (const char *m = in->mnemonic; *m; m++)
                fputc(tolower((unsigned char)*m), t);
            for (int i = 0; i < nops; i++) {
                struct operand *o = &ops[i];
                fputs(i ? "," : " ", t);
                if (o->kind[0] == 'A') {
                    fprintf(t, "%lld(", (long long)val[o->akeys[0]]);
                    for (int j = 1; j < o->nak; j++) {
                        int k = o->akeys[j];
                        if (j > 1)
                            fputc(',', t);
                        if (key_names[k][0] == 'L')
                            fprintf(t, "%lld", (long long)val[k]);
                        else
                            print_reg(t, "R", val[k]);
                    }
                    fputc(')', t);
                } else if (!strcmp(o->kind, "RI")) {
                    fprintf(t, ".%+lld", (long long)val[o->key]);
                } else if (!strcmp(o->kind, "R") || !strcmp(o->kind, "P") ||
                           !strcmp(o->kind, "V") || !strcmp(o->kind, "F")) {
                    print_reg(t, o->kind, val[o->key]);
                } else {
                    fprintf(t, "%lld", (long long)val[o->key]);
                }
            }
            fclose(t);
            fprintf(fs, "\t%s\n", text);
            fprintf(fl, "%8zx: ", offset);
            for (size_t i = 0; i < b.len; i++)
                fprintf(fl, "%02x", mem[i]);
            fprintf(fl, "%*s %s\n", (int)(2 * (6 - b.len)), "", text);
            offset += b.len;
        }
    }
    for (int op = 0; op < S390_INSN_COUNT; op++) {
        if (exercised[op] != COMBOS) {
            fprintf(stderr, "gen: %s not exercised\n", s390_insn_table[op].mnemonic);
            return 1;
        }
    }
    fclose(fs);
    fclose(fb);
    fclose(fl);
    fprintf(stderr, "gen: %d instructions x %d operand combinations\n", S390_INSN_COUNT, COMBOS);
    return 0;
}
