/* The instruction generator: zarm's decode table is the list of forms.  A word
 * is the pattern's fixed bits with the other bits random; harness constraints
 * then pin a few fields (load/store bases, small offsets), zarm's own decoder
 * must map the word back to the same line, and the deny list (denylist.h)
 * removes what cannot be compared. */
#include "isa.h"

#include "decode/a64.h"

#include <stddef.h>
#include <string.h>

static const char *const op_pattern_src[] = {
#define A64(name, cls, pat) pat,
#include "decode/a64.def"
#undef A64
};

struct field_pos {
    int8_t lsb[A64_F_COUNT]; /* -1: the pattern has no such field */
    uint8_t width[A64_F_COUNT];
};

static struct field_pos fpos[A64_OP_COUNT];
static uint32_t op_mask[A64_OP_COUNT], op_value[A64_OP_COUNT];
static const char *op_excl[A64_OP_COUNT];
static uint16_t active[A64_OP_COUNT];
static unsigned nactive;

/* Parses a pattern (decode-table syntax) into mask/value and field positions. */
static int parse_pattern(const char *p, uint32_t *mask, uint32_t *value, struct field_pos *fp)
{
    int bit = 32;
    *mask = *value = 0;
    if (fp)
        memset(fp->lsb, -1, sizeof fp->lsb);
    while (*p) {
        if (*p == ' ') {
            p++;
            continue;
        }
        const char *tok = p;
        while (*p && *p != ' ')
            p++;
        const char *colon = memchr(tok, ':', (size_t)(p - tok));
        if (colon) {
            int width = 0;
            for (const char *c = colon + 1; c < p; c++)
                width = width * 10 + (*c - '0');
            bit -= width;
            for (unsigned f = 0; fp && f < A64_F_COUNT; f++) {
                const char *n = a64_field_name(f);
                if (strlen(n) == (size_t)(colon - tok) && !memcmp(n, tok, strlen(n))) {
                    fp->lsb[f] = (int8_t)bit;
                    fp->width[f] = (uint8_t)width;
                }
            }
            continue;
        }
        for (const char *c = tok; c < p; c++) {
            bit--;
            if (*c != 'x') {
                *mask |= 1u << bit;
                *value |= (uint32_t)(*c - '0') << bit;
            }
        }
    }
    return bit == 0 ? 0 : -1;
}

/* ---- deny list ------------------------------------------------------------ */

static int fget(unsigned op, uint32_t w, unsigned f)
{
    if (fpos[op].lsb[f] < 0)
        return -1;
    return (int)((w >> fpos[op].lsb[f]) & ((1u << fpos[op].width[f]) - 1));
}

static bool is_op(unsigned op, const char *name) { return !strcmp(a64_op_name(op), name); }

static bool rule_wb_overlap(unsigned op, uint32_t w)
{
    /* LDST_imm9: idx 01 post-index, 11 pre-index write the base back. */
    if (!is_op(op, "LDST_imm9"))
        return false;
    int idx = fget(op, w, A64_F_idx), rn = fget(op, w, A64_F_Rn), rt = fget(op, w, A64_F_Rt);
    return (idx == 1 || idx == 3) && rn == rt && rn != 31;
}

static bool rule_pair_overlap(unsigned op, uint32_t w)
{
    bool fp = is_op(op, "LDSTP_fp");
    if (!fp && !is_op(op, "LDSTP"))
        return false;
    int idx = fget(op, w, fp ? A64_F_op2 : A64_F_idx), l = fget(op, w, A64_F_L);
    int rn = fget(op, w, A64_F_Rn), rt = fget(op, w, A64_F_Rt), rt2 = fget(op, w, A64_F_Rt2);
    if (l == 1 && rt == rt2)
        return true;
    return !fp && (idx == 1 || idx == 3) && rn != 31 && (rn == rt || rn == rt2);
}

static bool rule_excl_overlap(unsigned op, uint32_t w)
{
    bool pair = is_op(op, "LDSTXP");
    if (!pair && !is_op(op, "LDSTX"))
        return false;
    int l = fget(op, w, A64_F_L), rs = fget(op, w, A64_F_Rs), rn = fget(op, w, A64_F_Rn);
    int rt = fget(op, w, A64_F_Rt), rt2 = fget(op, w, A64_F_Rt2);
    if (l == 1)
        return pair && rt == rt2;
    return rs == rt || (rs == rn && rn != 31) || (pair && rs == rt2);
}

static const struct {
    const char *op;
    const char *reason;
} deny_ops[] = {
#define ISA_DENY_OP(name, why) {#name, why},
#define ISA_DENY_PAT(label, pat, why)
#define ISA_DENY_RULE(fn, why)
#include "denylist.h"
#undef ISA_DENY_OP
#undef ISA_DENY_PAT
#undef ISA_DENY_RULE
};

static struct {
    const char *pat;
    uint32_t mask, value;
} deny_pats[] = {
#define ISA_DENY_OP(name, why)
#define ISA_DENY_PAT(label, pat, why) {pat, 0, 0},
#define ISA_DENY_RULE(fn, why)
#include "denylist.h"
#undef ISA_DENY_OP
#undef ISA_DENY_PAT
#undef ISA_DENY_RULE
};

static bool (*const deny_rules[])(unsigned, uint32_t) = {
#define ISA_DENY_OP(name, why)
#define ISA_DENY_PAT(label, pat, why)
#define ISA_DENY_RULE(fn, why) fn,
#include "denylist.h"
#undef ISA_DENY_OP
#undef ISA_DENY_PAT
#undef ISA_DENY_RULE
};

static bool denied(unsigned op, uint32_t w)
{
    for (size_t i = 0; i < sizeof deny_pats / sizeof deny_pats[0]; i++)
        if ((w & deny_pats[i].mask) == deny_pats[i].value)
            return true;
    for (size_t i = 0; i < sizeof deny_rules / sizeof deny_rules[0]; i++)
        if (deny_rules[i](op, w))
            return true;
    return false;
}

int isa_gen_init(const char **err)
{
    if (a64_decode_init(err))
        return -1;
    for (size_t i = 0; i < sizeof deny_pats / sizeof deny_pats[0]; i++)
        if (parse_pattern(deny_pats[i].pat, &deny_pats[i].mask, &deny_pats[i].value, NULL)) {
            *err = "denylist.h: a pattern is not 32 bits long";
            return -1;
        }
    for (unsigned op = 1; op < A64_OP_COUNT; op++) {
        uint32_t m, v;
        parse_pattern(op_pattern_src[op - 1], &m, &v, &fpos[op]);
        a64_op_pattern(op, &op_mask[op], &op_value[op]);
        if (a64_op_class(op) == A64_C_UNALLOC)
            continue;
        for (size_t i = 0; i < sizeof deny_ops / sizeof deny_ops[0]; i++)
            if (!strcmp(deny_ops[i].op, a64_op_name(op)))
                op_excl[op] = deny_ops[i].reason;
        if (!op_excl[op])
            active[nactive++] = (uint16_t)op;
    }
    return 0;
}

unsigned isa_gen_nops(void) { return nactive; }
unsigned isa_gen_op(unsigned i) { return active[i]; }
const char *isa_op_excluded(unsigned op)
{
    if (a64_op_class(op) == A64_C_UNALLOC)
        return "UNALLOC line";
    return op_excl[op];
}

/* ---- constraints ---------------------------------------------------------- */

static void fset(unsigned op, uint32_t *w, unsigned f, uint32_t val)
{
    if (fpos[op].lsb[f] < 0)
        return;
    uint32_t m = ((1u << fpos[op].width[f]) - 1) << fpos[op].lsb[f];
    *w = (*w & ~m) | ((val << fpos[op].lsb[f]) & m);
}

static bool is_mem_class(unsigned cls)
{
    return cls == A64_C_LDST || cls == A64_C_LSE || cls == A64_C_FPLDST || cls == A64_C_V81;
}

/* The system registers EL0 may name, as MSR_reg's sysreg field (o0:op1:CRn:CRm:op2). */
#define SYSREG(op0, op1, crn, crm, op2)                                                            \
    ((((op0) - 2u) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
static const uint32_t el0_sysregs[] = {
    SYSREG(3, 3, 4, 2, 0),  /* NZCV */
    SYSREG(3, 3, 4, 4, 0),  /* FPCR */
    SYSREG(3, 3, 4, 4, 1),  /* FPSR */
    SYSREG(3, 3, 13, 0, 2), /* TPIDR_EL0 */
    SYSREG(3, 3, 13, 0, 3), /* TPIDRRO_EL0 */
    SYSREG(3, 3, 0, 0, 1),  /* CTR_EL0 */
    SYSREG(3, 3, 0, 0, 7),  /* DCZID_EL0 */
    SYSREG(3, 3, 4, 2, 1),  /* DAIF (undefined at EL0 under Linux) */
};
/* SYS op1:CRn:CRm:op2 of the EL0 cache maintenance operations. */
static const uint32_t el0_sys_ops[] = {
    (3u << 11) | (7u << 7) | (4u << 3) | 1,  /* DC ZVA */
    (3u << 11) | (7u << 7) | (5u << 3) | 1,  /* IC IVAU */
    (3u << 11) | (7u << 7) | (10u << 3) | 1, /* DC CVAC */
    (3u << 11) | (7u << 7) | (11u << 3) | 1, /* DC CVAU */
    (3u << 11) | (7u << 7) | (14u << 3) | 1, /* DC CIVAC */
};

/* A register number other than the harness's x27/x28. */
static uint32_t plain_reg(struct isa_rng *r)
{
    uint32_t n = isa_below(r, 29);
    return n >= 27 ? n + 2 : n;
}

/* Pins the fields that keep a test inside the harness.  seq: the test is a
 * sequence, so later instructions must still find x27/x28 (and SP, if
 * sp_ok) as the harness set them. */
static void constrain(struct isa_rng *r, unsigned op, uint32_t *w, bool seq, bool sp_ok)
{
    unsigned cls = a64_op_class(op);
    const char *name = a64_op_name(op);
    static const unsigned reg_fields[] = {A64_F_Rd, A64_F_Rn, A64_F_Rm, A64_F_Ra,
                                          A64_F_Rt, A64_F_Rt2, A64_F_Rs};
    if (seq)
        for (unsigned i = 0; i < sizeof reg_fields / sizeof reg_fields[0]; i++) {
            int v = fget(op, *w, reg_fields[i]);
            if (v == ISA_BASE_REG || v == ISA_OFFSET_REG)
                fset(op, w, reg_fields[i], plain_reg(r));
        }
    if (is_mem_class(cls) && fpos[op].lsb[A64_F_Rn] >= 0)
        fset(op, w, A64_F_Rn, sp_ok && isa_below(r, 4) == 0 ? 31 : ISA_BASE_REG);
    /* Register offsets come from x27 (0..127); post-index Rm = 31 is the immediate form. */
    if ((cls == A64_C_LDST || cls == A64_C_FPLDST) && fpos[op].lsb[A64_F_Rm] >= 0 &&
        fget(op, *w, A64_F_Rm) != 31)
        fset(op, w, A64_F_Rm, ISA_OFFSET_REG);
    if (!strcmp(name, "LDST_reg") || !strcmp(name, "LDST_fp_reg"))
        fset(op, w, A64_F_Rm, ISA_OFFSET_REG);
    /* Offsets stay within +-1 KiB of the base: scaled 12-bit offsets below 64,
     * pair offsets in -8..7. */
    if (fpos[op].lsb[A64_F_imm12] >= 0 && is_mem_class(cls))
        fset(op, w, A64_F_imm12, isa_below(r, 64));
    if (fpos[op].lsb[A64_F_imm7] >= 0 && is_mem_class(cls))
        fset(op, w, A64_F_imm7, isa_below(r, 16) - 8);
    /* Literal loads read the code buffer's page, filled per test. */
    if (!strcmp(name, "LDR_lit") || !strcmp(name, "LDR_fp_lit"))
        fset(op, w, A64_F_imm19, isa_below(r, 64));
    if (!strcmp(name, "SYS")) {
        if (isa_below(r, 8))
            *w = (*w & ~(0x3fffu << 5)) |
                 (el0_sys_ops[isa_below(r, sizeof el0_sys_ops / sizeof el0_sys_ops[0])] << 5);
        fset(op, w, A64_F_Rt, ISA_BASE_REG);
    }
    if (!strcmp(name, "MSR_reg") && isa_below(r, 8))
        fset(op, w, A64_F_sysreg,
             el0_sysregs[isa_below(r, sizeof el0_sysregs / sizeof el0_sysregs[0])]);
}

/* Whether an instruction may leave SP somewhere other than the scratch
 * buffer: a data-processing write to register 31, which several forms read as SP. */
static bool may_move_sp(unsigned op, uint32_t w)
{
    unsigned cls = a64_op_class(op);
    return !is_mem_class(cls) && fget(op, w, A64_F_Rd) == 31;
}

static bool gen_one(struct isa_rng *r, unsigned op, bool seq, bool sp_ok, uint32_t *out,
                    bool (*defined)(uint32_t))
{
    for (int tries = 0; tries < 64; tries++) {
        uint32_t w = op_value[op] | ((uint32_t)isa_rand(r) & ~op_mask[op]);
        constrain(r, op, &w, seq, sp_ok);
        struct a64_insn in;
        if (!a64_decode(w, &in) || in.op != op || denied(op, w) || (defined && !defined(w)))
            continue;
        *out = w;
        return true;
    }
    return false;
}

/* X registers an instruction names, with the next one (CASP pairs). */
static uint32_t regs_named(unsigned op, uint32_t w)
{
    static const unsigned reg_fields[] = {A64_F_Rd, A64_F_Rn, A64_F_Rm, A64_F_Ra,
                                          A64_F_Rt, A64_F_Rt2, A64_F_Rs};
    uint32_t set = 0;
    for (unsigned i = 0; i < sizeof reg_fields / sizeof reg_fields[0]; i++) {
        int v = fget(op, w, reg_fields[i]);
        if (v >= 0)
            set |= 3u << v;
    }
    return set;
}

/* Bytes an exclusive load or store (LDXR/STXR, LDXP/STXP) accesses; 0 for
 * other instructions.  *load tells which of the two it is. */
static unsigned excl_size(unsigned op, uint32_t w, bool *load)
{
    bool pair = is_op(op, "LDSTXP");
    if (!pair && !is_op(op, "LDSTX"))
        return 0;
    *load = fget(op, w, A64_F_L) == 1;
    return pair ? 8u << fget(op, w, A64_F_sz) : 1u << fget(op, w, A64_F_size);
}

/* Exclusives, atomics and acquire/release need an aligned address (zarm does
 * not advertise FEAT_LSE2, which relaxes that; qemu max has it). */
static bool needs_alignment(unsigned op)
{
    static const char *const names[] = {"LDSTX", "LDSTXP", "LDAR", "LDLAR", "CAS",
                                        "CASP",  "LDOP",   "SWP",  "LDAPR"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (is_op(op, names[i]))
            return true;
    return false;
}

void isa_gen_test(struct isa_rng *r, struct isa_test *t, bool (*defined)(uint32_t))
{
    unsigned n = isa_below(r, 10) < 7 ? 1 : 2 + isa_below(r, ISA_MAX_SEQ - 1);
    for (;;) {
        bool sp_ok = true;
        uint32_t used = (1u << 0) | (1u << ISA_BASE_REG) | (1u << ISA_OFFSET_REG) | (1u << 31);
        unsigned excl_open = 0; /* size of the last exclusive load in the sequence */
        /* After a load/store that may write back its base, the base may be unaligned. */
        bool base_moved = false;
        t->n = 0;
        while (t->n < n) {
            unsigned op = active[isa_below(r, nactive)];
            uint32_t w;
            if (!gen_one(r, op, n > 1, sp_ok, &w, defined))
                continue;
            /* A store-exclusive of another size than the open reservation is
             * CONSTRAINED UNPREDICTABLE (it may pass or fail): not generated. */
            bool load = false;
            unsigned es = excl_size(op, w, &load);
            if (es && !load && excl_open && es != excl_open)
                continue;
            if (es && load)
                excl_open = es;
            if (base_moved && needs_alignment(op))
                continue;
            if (is_mem_class(a64_op_class(op)) && !needs_alignment(op))
                base_moved = true;
            t->word[t->n] = w;
            t->op[t->n++] = (uint16_t)op;
            used |= regs_named(op, w);
            if (may_move_sp(op, w))
                sp_ok = false;
        }
        /* The epilogue needs one X register that no instruction names. */
        unsigned nfree = 0, pick;
        for (unsigned i = 1; i < 31; i++)
            nfree += !(used >> i & 1);
        if (nfree == 0) {
            n = 1;
            continue;
        }
        pick = isa_below(r, nfree);
        for (unsigned i = 1; i < 31; i++)
            if (!(used >> i & 1) && pick-- == 0)
                t->free_reg = i;
        return;
    }
}
