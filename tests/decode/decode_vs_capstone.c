/* Decoder agreement test: zarm's table-driven decoder against capstone (and,
 * for the post-Armv8.0 classes capstone 4 does not know, against objdump).
 *
 *   decode_vs_capstone [N [SEED]] [--per-op K] [--coverage] [--objdump PATH] [ELF...]
 *       N random words (default 1000000), K words generated from each zarm
 *       pattern (default 200), then every word of the executable sections of
 *       each ELF file.  Exit status 1 on any mismatch.  Words only one of
 *       capstone and zarm accepts are settled by objdump when given.
 *   decode_vs_capstone --emit-objdump OUT.bin [K [SEED]]
 *       writes K words per LSE/V81 op, generated from zarm's patterns.
 *   decode_vs_capstone --objdump-verify OUT.bin < objdump-listing
 *       compares `objdump -D -b binary -m aarch64 OUT.bin` with zarm.
 *
 * Only instructions zarm has decode entries for are checked, so the test grows
 * with the tables: a capstone instruction is "claimed" by zarm when its mnemonic
 * appears in the alias row of a zarm op of the same top-level encoding group.
 * The comparison is on a normalised form: the mnemonic must be one the zarm op
 * may print as (aliases included), and the register fields zarm extracts must
 * be the register numbers capstone prints (W/X/SP/ZR folded to 0-31). */
#include <capstone/capstone.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/a64.h"
#include "ir/translate.h"

/* ---- zarm's own table, read again here for the field layout of each op ---- */

static const struct {
    const char *name;
    unsigned cls;
    const char *pat;
} zarm_src[] = {
#define A64(name, cls, pat) {#name, A64_C_##cls, pat},
#include "decode/a64.def"
#undef A64
};
#define NZARM (sizeof zarm_src / sizeof zarm_src[0])

/* Register fields, in the order they are reported. */
static const unsigned reg_fields[] = {A64_F_Rd, A64_F_Rt, A64_F_Rn, A64_F_Rm,
                                      A64_F_Ra, A64_F_Rt2, A64_F_Rs};
#define NREGF (sizeof reg_fields / sizeof reg_fields[0])

/* Bit set of the fields op's pattern extracts (UNALLOC lines have op 0). */
static bool op_fields[A64_OP_COUNT][A64_F_COUNT];

static void parse_fields(void)
{
    for (unsigned i = 0; i < NZARM; i++) {
        if (zarm_src[i].cls == A64_C_UNALLOC)
            continue;
        const char *p = zarm_src[i].pat;
        while (*p) {
            while (*p == ' ' || *p == '\t')
                p++;
            const char *tok = p;
            while (*p && *p != ' ' && *p != '\t')
                p++;
            const char *colon = memchr(tok, ':', (size_t)(p - tok));
            if (!colon)
                continue;
            for (unsigned f = 0; f < A64_F_COUNT; f++) {
                const char *fn = a64_field_name(f);
                if (strlen(fn) == (size_t)(colon - tok) && memcmp(fn, tok, strlen(fn)) == 0)
                    op_fields[i + 1][f] = true;
            }
        }
    }
}

/* ---- the alias table: zarm op -> the mnemonics it may print as ----------------
 * Top-level encoding groups (Arm ARM C4.1, op0 = bits 28:25) keep e.g. the
 * vector ADD apart from the integer one. */
enum grp { G_DPI, G_BR, G_LS, G_DPR, G_SFP, G_ANY };

static enum grp word_group(uint32_t w)
{
    unsigned op0 = (w >> 25) & 15;
    if ((op0 & 14) == 8)
        return G_DPI;
    if ((op0 & 14) == 10)
        return G_BR;
    if ((op0 & 5) == 4)
        return G_LS;
    if ((op0 & 7) == 5)
        return G_DPR;
    if ((op0 & 7) == 7)
        return G_SFP;
    return G_ANY; /* reserved, SME, SVE: zarm claims none of them */
}

/* flags: 'R' = skip the register check (the pattern's Rt is not a register,
 * or capstone hides registers for this form); 'P' = Rs and Rt name register
 * pairs (Rs+1 and Rt+1 are printed too). */
struct alias {
    const char *op;
    enum grp grp;
    const char *mnems; /* space-separated; a trailing '*' matches a prefix */
    const char *flags;
};

static const struct alias aliases[] = {
    /* integer data processing, immediate */
    {"ADR", G_DPI, "adr", ""},
    {"ADRP", G_DPI, "adrp", ""},
    {"ADD_imm", G_DPI, "add adds sub subs mov cmp cmn", ""},
    {"LOG_imm", G_DPI, "and orr eor ands mov tst", ""},
    {"MOVN", G_DPI, "movn mov", ""},
    {"MOVZ", G_DPI, "movz mov", ""},
    {"MOVK", G_DPI, "movk", ""},
    {"SBFM", G_DPI, "sbfm asr sbfx sbfiz sxtb sxth sxtw", ""},
    {"BFM", G_DPI, "bfm bfi bfxil bfc", ""},
    {"UBFM", G_DPI, "ubfm lsl lsr ubfx ubfiz uxtb uxth", ""},
    {"EXTR", G_DPI, "extr ror", ""},
    /* integer data processing, register */
    {"LOG_sreg", G_DPR, "and bic orr orn eor eon ands bics mov mvn tst", ""},
    {"ADD_sreg", G_DPR, "add adds sub subs cmp cmn neg negs", ""},
    {"ADD_ext", G_DPR, "add adds sub subs cmp cmn mov", ""},
    {"ADC", G_DPR, "adc adcs sbc sbcs ngc ngcs", ""},
    {"CCMP_reg", G_DPR, "ccmp ccmn", ""},
    {"CCMP_imm", G_DPR, "ccmp ccmn", ""},
    {"CSEL", G_DPR, "csel csinc csinv csneg cset csetm cinc cinv cneg", ""},
    {"RBIT", G_DPR, "rbit", ""},
    {"REV16", G_DPR, "rev16", ""},
    {"REV_w", G_DPR, "rev", ""},
    {"REV32_x", G_DPR, "rev32", ""},
    {"REV_x", G_DPR, "rev rev64", ""},
    {"CLZ", G_DPR, "clz", ""},
    {"CLS", G_DPR, "cls", ""},
    {"UDIV", G_DPR, "udiv", ""},
    {"SDIV", G_DPR, "sdiv", ""},
    {"LSLV", G_DPR, "lslv lsl", ""},
    {"LSRV", G_DPR, "lsrv lsr", ""},
    {"ASRV", G_DPR, "asrv asr", ""},
    {"RORV", G_DPR, "rorv ror", ""},
    {"CRC32_w", G_DPR, "crc32b crc32h crc32w crc32cb crc32ch crc32cw", ""},
    {"CRC32_x", G_DPR, "crc32x crc32cx", ""},
    {"MADD", G_DPR, "madd msub mul mneg", ""},
    {"MADDL", G_DPR, "smaddl smsubl umaddl umsubl smull smnegl umull umnegl", ""},
    {"MULH", G_DPR, "smulh umulh", ""},
    /* branches, exception generation, system */
    {"B", G_BR, "b bl", ""},
    {"CBZ", G_BR, "cbz cbnz", ""},
    {"TBZ", G_BR, "tbz tbnz", ""},
    {"B_cond", G_BR, "b.*", ""},
    {"BR", G_BR, "br", ""},
    {"BLR", G_BR, "blr", ""},
    {"RET", G_BR, "ret", ""},
    {"SVC", G_BR, "svc", ""},
    {"HVC", G_BR, "hvc", ""},
    {"SMC", G_BR, "smc", ""},
    {"BRK", G_BR, "brk", ""},
    {"HLT", G_BR, "hlt", ""},
    {"HINT", G_BR, "hint nop yield wfe wfi sev sevl", ""},
    {"CLREX", G_BR, "clrex", ""},
    {"DSB", G_BR, "dsb", ""},
    {"DMB", G_BR, "dmb", ""},
    {"ISB", G_BR, "isb", ""},
    {"SB", G_BR, "sb", ""},
    {"MSR_imm", G_BR, "msr", ""},
    {"SYS", G_BR, "sys dc ic at tlbi", ""},
    {"MSR_reg", G_BR, "msr mrs", ""},
    /* integer loads and stores */
    {"LDR_lit", G_LS, "ldr ldrsw prfm", ""},
    {"LDSTX", G_LS,
     "stxrb stlxrb ldxrb ldaxrb stxrh stlxrh ldxrh ldaxrh stxr stlxr ldxr ldaxr", ""},
    {"LDSTXP", G_LS, "stxp stlxp ldxp ldaxp", ""},
    {"LDAR", G_LS, "stlrb ldarb stlrh ldarh stlr ldar", ""},
    {"LDSTP", G_LS, "stp ldp ldpsw stnp ldnp", ""},
    {"LDST_imm9", G_LS,
     "sturb ldurb ldursb sturh ldurh ldursh stur ldur ldursw prfum "
     "sttrb ldtrb ldtrsb sttrh ldtrh ldtrsh sttr ldtr ldtrsw "
     "strb ldrb ldrsb strh ldrh ldrsh str ldr ldrsw", ""},
    {"LDST_reg", G_LS, "strb ldrb ldrsb strh ldrh ldrsh str ldr ldrsw prfm", ""},
    {"LDST_uimm", G_LS, "strb ldrb ldrsb strh ldrh ldrsh str ldr ldrsw prfm", ""},
    /* Armv8.1+: capstone 4 rejects these; the objdump mode checks them */
    {"LDLAR", G_LS, "ldlar ldlarb ldlarh stllr stllrb stllrh", ""},
    {"CAS", G_LS, "cas casa casl casal casb casab caslb casalb cash casah caslh casalh", ""},
    {"CASP", G_LS, "casp caspa caspl caspal", "P"},
    {"LDOP", G_LS,
     "ldadd* ldclr* ldeor* ldset* ldsmax* ldsmin* ldumax* ldumin* "
     "stadd* stclr* steor* stset* stsmax* stsmin* stumax* stumin*", ""},
    {"SWP", G_LS, "swp*", ""},
    {"LDAPR", G_LS, "ldapr ldaprb ldaprh", ""},
    /* FP/SIMD loads and stores */
    {"LDST_fp_uimm", G_LS, "str ldr", ""},
    {"LDST_fp_imm9", G_LS, "stur ldur str ldr", ""},
    {"LDST_fp_reg", G_LS, "str ldr", ""},
    {"LDR_fp_lit", G_LS, "ldr", ""},
    {"LDSTP_fp", G_LS, "stp ldp stnp ldnp", ""},
    {"LDST_multi", G_LS, "st1 st2 st3 st4 ld1 ld2 ld3 ld4", ""},
    {"LDST_multi_post", G_LS, "st1 st2 st3 st4 ld1 ld2 ld3 ld4", ""},
    {"LDST_single", G_LS, "st1 st2 st3 st4 ld1 ld2 ld3 ld4 ld1r ld2r ld3r ld4r", ""},
    {"LDST_single_post", G_LS, "st1 st2 st3 st4 ld1 ld2 ld3 ld4 ld1r ld2r ld3r ld4r", ""},
    /* scalar floating point */
    {"FP_cvt_int", G_SFP,
     "fcvtns fcvtnu scvtf ucvtf fcvtas fcvtau fmov fcvtps fcvtpu fcvtms fcvtmu fcvtzs fcvtzu", ""},
    {"FP_1src", G_SFP,
     "fmov fabs fneg fsqrt fcvt frintn frintp frintm frintz frinta frintx frinti", ""},
    {"FP_cmp", G_SFP, "fcmp fcmpe", "R"}, /* Rm is not printed in the #0.0 forms */
    {"FP_2src", G_SFP, "fmul fdiv fadd fsub fmax fmin fmaxnm fminnm fnmul", ""},
    {"FP_imm", G_SFP, "fmov", ""},
    {"FP_csel", G_SFP, "fcsel", ""},
    {"FP_ccmp", G_SFP, "fccmp fccmpe", ""},
    {"FP_3src", G_SFP, "fmadd fmsub fnmadd fnmsub", ""},
    /* AdvSIMD */
    {"SIMD_3same", G_SFP,
     "add addp sub mul mla mls and orr orn bic eor bsl bit bif mov sqadd uqadd shadd uhadd "
     "srhadd urhadd shsub uhsub sqsub uqsub cmgt cmge cmhi cmhs cmeq cmtst sshl ushl sqshl uqshl "
     "srshl urshl sqrshl uqrshl smax umax smin umin smaxp umaxp sminp uminp sabd uabd saba uaba "
     "sqdmulh sqrdmulh pmul fmaxnm fmla fadd fmulx fcmeq fmax frecps fminnm fmls fsub fmin "
     "frsqrts fmaxnmp faddp fmul fcmge facge fmaxp fdiv fminnmp fabd fcmgt facgt fminp",
     ""},
    {"SIMD_3diff", G_SFP,
     "saddl* saddw* ssubl* ssubw* addhn* sabal* subhn* sabdl* smlal* sqdmlal* smlsl* sqdmlsl* "
     "smull* sqdmull* pmull* uaddl* uaddw* usubl* usubw* raddhn* uabal* rsubhn* uabdl* umlal* "
     "umlsl* umull*",
     ""},
    {"SIMD_2misc", G_SFP,
     "rev64 rev16 rev32 saddlp uaddlp suqadd usqadd cls clz cnt sadalp uadalp sqabs sqneg cmgt "
     "cmeq cmlt cmge cmle abs neg xtn* sqxtn* uqxtn* sqxtun* fcvtn* fcvtl* fcvtxn* shll* frintn "
     "frintm frintp frintz frinta frintx frinti fcvtns fcvtms fcvtas fcvtnu fcvtmu fcvtau fcvtps "
     "fcvtzs fcvtpu fcvtzu scvtf ucvtf fcmgt fcmeq fcmlt fcmge fcmle fabs fneg fsqrt urecpe "
     "frecpe ursqrte frsqrte not mvn rbit",
     ""},
    {"SIMD_across", G_SFP,
     "saddlv uaddlv smaxv umaxv sminv uminv addv fmaxnmv fmaxv fminnmv fminv", ""},
    {"SIMD_copy", G_SFP, "dup ins umov smov mov", ""},
    {"SIMD_modimm", G_SFP, "movi mvni orr bic fmov", ""},
    {"SIMD_shift_imm", G_SFP,
     "sshr ssra srshr srsra shl sqshl shrn* rshrn* sqshrn* sqrshrn* sshll* sxtl* scvtf fcvtzs "
     "ushr usra urshr ursra sri sli sqshlu uqshl sqshrun* sqrshrun* uqshrn* uqrshrn* ushll* "
     "uxtl* ucvtf fcvtzu",
     ""},
    {"SIMD_perm", G_SFP, "uzp1 trn1 zip1 uzp2 trn2 zip2", ""},
    {"SIMD_ext", G_SFP, "ext", ""},
    {"SIMD_tbl", G_SFP, "tbl tbx", ""},
    {"SIMD_s_3same", G_SFP,
     "sqadd sqsub cmgt cmge sshl sqshl srshl sqrshl add cmtst sqdmulh fmulx fcmeq frecps "
     "frsqrts uqadd uqsub cmhi cmhs ushl uqshl urshl uqrshl sub cmeq sqrdmulh fcmge facge fabd "
     "fcmgt facgt",
     ""},
    {"SIMD_s_2misc", G_SFP,
     "suqadd usqadd sqabs sqneg cmgt cmeq cmlt cmge cmle abs neg sqxtn uqxtn sqxtun fcvtxn "
     "fcvtns fcvtms fcvtas fcvtnu fcvtmu fcvtau fcvtps fcvtzs fcvtpu fcvtzu scvtf ucvtf fcmgt "
     "fcmeq fcmlt fcmge fcmle frecpe frecpx frsqrte",
     ""},
    {"SIMD_s_pair", G_SFP, "addp faddp fmaxnmp fmaxp fminnmp fminp", ""},
    {"SIMD_s_copy", G_SFP, "dup mov", ""},
    {"SIMD_s_shift_imm", G_SFP,
     "sshr ssra srshr srsra shl sqshl sqshrn sqrshrn scvtf fcvtzs ushr usra urshr ursra sri sli "
     "sqshlu uqshl sqshrun sqrshrun uqshrn uqrshrn ucvtf fcvtzu",
     ""},
    /* Encodings zarm has no lines for yet: rows naming no zarm op keep the
     * mnemonics they share with existing rows from being claimed. */
    {"FP_cvt_fixed", G_SFP, "scvtf ucvtf fcvtzs fcvtzu", ""},
    {"SIMD_elem", G_SFP,
     "mul mla mls fmul fmla fmls fmulx sqdmulh sqrdmulh smlal* smlsl* smull* umlal* umlsl* "
     "umull* sqdmlal* sqdmlsl* sqdmull*",
     ""},
    {"SIMD_s_elem", G_SFP, "fmul fmla fmls fmulx sqdmulh sqrdmulh sqdmlal sqdmlsl sqdmull", ""},
    {"SIMD_s_3diff", G_SFP, "sqdmlal sqdmlsl sqdmull", ""},
};
#define NALIAS (sizeof aliases / sizeof aliases[0])

/* Alias row of each zarm op (-1 = none), and whether each row's op exists. */
static int op_alias[A64_OP_COUNT];
static unsigned alias_op[NALIAS]; /* zarm op of the row, or A64_OP_INVALID */

static void link_aliases(void)
{
    for (unsigned op = 0; op < A64_OP_COUNT; op++)
        op_alias[op] = -1;
    for (unsigned r = 0; r < NALIAS; r++) {
        alias_op[r] = A64_OP_INVALID;
        for (unsigned op = 1; op < A64_OP_COUNT; op++)
            if (a64_op_class(op) != A64_C_UNALLOC && strcmp(a64_op_name(op), aliases[r].op) == 0) {
                alias_op[r] = op;
                op_alias[op] = (int)r;
            }
    }
}

static bool mnem_in(const char *list, const char *m)
{
    size_t ml = strlen(m);
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t l = (size_t)(e - p);
        if (l && p[l - 1] == '*') {
            if (ml >= l - 1 && memcmp(p, m, l - 1) == 0)
                return true;
        } else if (l && l == ml && memcmp(p, m, l) == 0) {
            return true;
        }
        p = e;
    }
    return false;
}

/* ---- register-name normalisation ------------------------------------------- */

/* Register number 0-31 of a register name (w/x/sp/zr and b/h/s/d/q/v), or -1;
 * *gpr tells whether it is a general-purpose register. */
static int reg_number(const char *name, bool *gpr)
{
    *gpr = true;
    if (!strcmp(name, "sp") || !strcmp(name, "wsp") || !strcmp(name, "xzr") || !strcmp(name, "wzr"))
        return 31;
    if (!strcmp(name, "fp"))
        return 29;
    if (!strcmp(name, "lr"))
        return 30;
    char k = (char)tolower((unsigned char)name[0]);
    if (!strchr("wxbhsdqv", k) || !isdigit((unsigned char)name[1]))
        return -1;
    char *end;
    long n = strtol(name + 1, &end, 10);
    if (*end || n > 31)
        return -1;
    *gpr = (k == 'w' || k == 'x');
    return (int)n;
}

struct regset {
    uint32_t all; /* register numbers seen */
    uint32_t gpr; /* ... of general-purpose registers */
};

static void regset_add(struct regset *s, const char *name)
{
    bool gpr;
    int n = name ? reg_number(name, &gpr) : -1;
    if (n < 0)
        return;
    s->all |= 1u << n;
    if (gpr)
        s->gpr |= 1u << n;
}

/* Registers capstone prints, from its operand details. */
static struct regset capstone_regs(csh h, const cs_insn *ci)
{
    struct regset s = {0, 0};
    const cs_arm64 *d = &ci->detail->arm64;
    for (unsigned i = 0; i < d->op_count; i++) {
        const cs_arm64_op *o = &d->operands[i];
        if (o->type == ARM64_OP_REG || o->type == ARM64_OP_REG_MRS || o->type == ARM64_OP_REG_MSR) {
            if (o->type == ARM64_OP_REG)
                regset_add(&s, cs_reg_name(h, o->reg));
        } else if (o->type == ARM64_OP_MEM) {
            if (o->mem.base)
                regset_add(&s, cs_reg_name(h, o->mem.base));
            if (o->mem.index)
                regset_add(&s, cs_reg_name(h, o->mem.index));
        }
    }
    return s;
}

/* Registers named in an operand string of objdump. */
static struct regset text_regs(const char *ops)
{
    struct regset s = {0, 0};
    char tok[16];
    for (const char *p = ops; *p;) {
        if (*p == '#' || *p == '<') { /* immediates and symbols */
            while (*p && *p != ',' && *p != ']' && *p != ' ')
                p++;
            continue;
        }
        if (!isalnum((unsigned char)*p)) {
            p++;
            continue;
        }
        size_t n = 0;
        while (isalnum((unsigned char)*p)) {
            if (n < sizeof tok - 1)
                tok[n++] = *p;
            p++;
        }
        tok[n] = 0;
        regset_add(&s, tok);
    }
    return s;
}

/* Compares zarm's register fields with the registers the disassembler prints.
 * Register 31 may be hidden by an alias (cmp, mov, mul, ...) so it only has to
 * appear if printed; every other field value must be printed, and every printed
 * general-purpose register must be one of zarm's fields. */
static bool regs_agree(const struct a64_insn *in, const char *mnem, struct regset s)
{
    uint32_t fields = 0;
    uint32_t printed = 0; /* the fields that must be printed */
    for (unsigned k = 0; k < NREGF; k++) {
        unsigned f = reg_fields[k];
        /* a prefetch's Rt is the prefetch operation, not a register */
        if (!op_fields[in->op][f] || (f == A64_F_Rt && !strncmp(mnem, "prf", 3)))
            continue;
        fields |= 1u << in->f[f];
        /* Ra, Rt2 and Rs may be should-be-ones fields or hidden by an alias */
        if (f == A64_F_Rd || f == A64_F_Rn || f == A64_F_Rm || f == A64_F_Rt)
            printed |= 1u << in->f[f];
    }
    int r = op_alias[in->op];
    if (r >= 0 && strchr(aliases[r].flags, 'P'))
        fields |= 1u << ((in->f[A64_F_Rs] + 1) & 31) | 1u << ((in->f[A64_F_Rt] + 1) & 31);
    if (!s.all)
        return true; /* no register operands printed (ret, hints) */
    if ((printed & ~(1u << 31)) & ~s.all)
        return false;
    return (s.gpr & ~fields) == 0;
}

/* ---- statistics and reports ------------------------------------------------- */

/* Outcomes per word.  trans-rejects (the decoder matches, the translator finds the
 * encoding unallocated, capstone accepts it) and no-alias-row are reported but
 * do not fail the test: the first is a translator gap, not a decoding error. */
enum kind {
    K_AGREE,
    K_WRONG_OP,
    K_WRONG_REGS,
    K_ZARM_REJECTS,
    K_CS_REJECTS,
    K_TRANS_REJECTS,
    K_NOROW,
    K_COUNT
};
static const char *const kind_names[] = {"agree",      "wrong-op",      "wrong-regs",
                                         "zarm-rejects", "cs-rejects", "trans-rejects",
                                         "no-alias-row"};
static uint64_t stats[A64_C_COUNT][K_COUNT];
static unsigned nshown[A64_C_COUNT], nnoted[A64_C_COUNT];
static uint64_t unclaimed, both_reject, later_oracle, weak_skips;
static uint64_t hits[A64_OP_COUNT];
static bool any_mismatch;
#define MAX_SHOWN 20

static void print_fields(const struct a64_insn *in)
{
    for (unsigned f = 0; f < A64_F_COUNT; f++)
        if (op_fields[in->op][f])
            printf(" %s=%u", a64_field_name(f), in->f[f]);
}

static void report(unsigned cls, enum kind k, uint32_t w, const char *text,
                   const struct a64_insn *in)
{
    stats[cls][k]++;
    if (k == K_AGREE || k == K_NOROW)
        return;
    if (k != K_TRANS_REJECTS)
        any_mismatch = true;
    if ((k == K_TRANS_REJECTS ? nnoted[cls]++ : nshown[cls]++) >= MAX_SHOWN)
        return;
    printf("%-8s %-6s %-13s %08" PRIx32 "  disasm: %-34s zarm: %s",
           k == K_TRANS_REJECTS ? "NOTE" : "MISMATCH", a64_class_name(cls), kind_names[k], w, text,
           a64_op_name(in->op));
    print_fields(in);
    printf("\n");
}

/* The class a capstone-only instruction is counted under: that of a claiming op. */
static csh cs;
static cs_insn *ci;

#define MAX_DISPUTES 200000
static struct {
    uint32_t word;
    bool zarm_ok;
} disputes[MAX_DISPUTES];
static unsigned ndisputes;
static uint64_t arbiter_agrees, unpredictable;

/* The CONSTRAINED UNPREDICTABLE register overlaps the disassemblers reject but
 * zarm may execute: a load pair into one register twice, and writeback to a
 * base register that is also transferred. */
static bool unpredictable_overlap(const struct a64_insn *in)
{
    const bool *has = op_fields[in->op];
    unsigned rt = in->f[A64_F_Rt], rn = in->f[A64_F_Rn], rt2 = in->f[A64_F_Rt2];
    if (has[A64_F_Rt2] && has[A64_F_L] && in->f[A64_F_L] && rt == rt2)
        return true;
    unsigned idx = has[A64_F_idx] ? in->f[A64_F_idx] : has[A64_F_op2] ? in->f[A64_F_op2] : 0;
    bool wback = (has[A64_F_idx] || (has[A64_F_op2] && has[A64_F_Rt2])) && (idx & 1);
    return wback && rn != 31 && (rn == rt || (has[A64_F_Rt2] && rn == rt2));
}

static void dispute(uint32_t w, bool zarm_ok)
{
    if (ndisputes < MAX_DISPUTES)
        disputes[ndisputes++] = (typeof(disputes[0])){w, zarm_ok};
}

static bool fetch_one(void *ctx, uint64_t pc, uint32_t *word)
{
    if (pc != 0x1000)
        return false;
    *word = *(const uint32_t *)ctx;
    return true;
}

/* Whether zarm as a whole (decoder and translator) accepts w: translators
 * reject the encodings whose unallocation depends on a relation between fields. */
static bool translator_accepts(uint32_t w)
{
    static const struct ir_features all = {true, true, true, true, true};
    struct ir_block b;
    ir_translate_block(&b, 0x1000, &all, fetch_one, &w);
    bool ok = b.ninsns == 1;
    ir_block_free(&b);
    return ok;
}

/* Known capstone 4 errors: words it accepts that are unallocated; each entry
 * gives the reason.  Checked only when zarm rejects the word. */
static const struct {
    uint32_t mask, value;
    const char *reason;
} cs_quirks[] = {
    {0xffd80000, 0xd5000000,
     "op0=0 system space outside hints/barriers/PSTATE: capstone prints msr s3_..."},
};
static uint64_t quirk_hits[sizeof cs_quirks / sizeof cs_quirks[0]];

static bool capstone_quirk(uint32_t w)
{
    for (unsigned i = 0; i < sizeof cs_quirks / sizeof cs_quirks[0]; i++)
        if ((w & cs_quirks[i].mask) == cs_quirks[i].value) {
            quirk_hits[i]++;
            return true;
        }
    return false;
}

static void check_word(uint32_t w)
{
    struct a64_insn in;
    uint8_t bytes[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
    bool zok = a64_decode(w, &in);
    const uint8_t *code = bytes;
    size_t size = 4;
    uint64_t addr = 0x400000;
    bool cok = cs_disasm_iter(cs, &code, &size, &addr, ci);
    if (zok)
        hits[in.op]++;
    unsigned zcls = zok ? a64_op_class(in.op) : A64_C_UNALLOC;
    bool trans_reject = false;

    if (zok && (zcls == A64_C_LSE || zcls == A64_C_V81)) {
        later_oracle++; /* capstone 4 does not know them: objdump mode checks these */
        return;
    }
    if (zok && !translator_accepts(w)) {
        if (!cok) {
            both_reject++;
            return;
        }
        zok = false; /* capstone accepts: counted as trans-rejects below */
        trans_reject = true;
    }
    if (!cok) {
        if (!zok)
            both_reject++;
        else
            unpredictable_overlap(&in) ? (void)unpredictable++ : dispute(w, true);
        return;
    }
    char text[224];
    snprintf(text, sizeof text, "%s %s", ci->mnemonic, ci->op_str);

    /* Which zarm ops may print as this mnemonic in this encoding group? */
    enum grp g = word_group(w);
    unsigned ncand = 0, nexist = 0;
    bool zop_is_cand = false;
    for (unsigned r = 0; r < NALIAS; r++) {
        if (aliases[r].grp != g || !mnem_in(aliases[r].mnems, ci->mnemonic))
            continue;
        ncand++;
        if (alias_op[r] != A64_OP_INVALID) {
            nexist++;
            if (zok && alias_op[r] == in.op)
                zop_is_cand = true;
        }
    }
    if (zok) {
        int r = op_alias[in.op];
        if (r < 0) {
            report(zcls, K_NOROW, w, text, &in);
        } else if (!zop_is_cand) {
            report(zcls, K_WRONG_OP, w, text, &in);
        } else if (!strchr(aliases[r].flags, 'R') && !regs_agree(&in, ci->mnemonic, capstone_regs(cs, ci))) {
            report(zcls, K_WRONG_REGS, w, text, &in);
        } else {
            report(zcls, K_AGREE, w, text, &in);
        }
        return;
    }
    if (trans_reject) {
        report(zcls, K_TRANS_REJECTS, w, text, &in);
    } else if (nexist == 0) {
        unclaimed++;
    } else if (capstone_quirk(w)) {
        /* counted in quirk_hits */
    } else if (nexist < ncand) {
        weak_skips++; /* some ops of this mnemonic are not in zarm's table yet */
    } else {
        dispute(w, false);
    }
}

/* ---- word sources ----------------------------------------------------------- */

static uint64_t rng_state;
static uint32_t rng32(void)
{
    /* xorshift64*: reproducible across hosts for a given seed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static uint64_t rd_le(const uint8_t *p, unsigned n, bool le)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * (le ? i : n - 1 - i));
    return v;
}

/* Calls fn on every 32-bit word of the executable sections of an ELF64 file;
 * returns the number of words, or -1. */
static long elf_words(const char *path, void (*fn)(uint32_t))
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *img = len > 64 ? malloc((size_t)len) : NULL;
    if (!img || fread(img, 1, (size_t)len, fp) != (size_t)len) {
        fclose(fp);
        free(img);
        return -1;
    }
    fclose(fp);
    long count = -1;
    if (memcmp(img, "\177ELF", 4) != 0 || img[4] != 2 /* ELFCLASS64 */)
        goto out;
    bool le = img[5] == 1;
    uint64_t shoff = rd_le(img + 0x28, 8, le);
    unsigned shentsize = (unsigned)rd_le(img + 0x3a, 2, le);
    unsigned shnum = (unsigned)rd_le(img + 0x3c, 2, le);
    if (shentsize < 64 || shoff > (uint64_t)len || (uint64_t)shnum * shentsize > (uint64_t)len - shoff)
        goto out;
    count = 0;
    for (unsigned i = 0; i < shnum; i++) {
        const uint8_t *sh = img + shoff + (uint64_t)i * shentsize;
        uint32_t type = (uint32_t)rd_le(sh + 4, 4, le);
        uint64_t flags = rd_le(sh + 8, 8, le);
        uint64_t off = rd_le(sh + 0x18, 8, le), size = rd_le(sh + 0x20, 8, le);
        if (type != 1 /* SHT_PROGBITS */ || !(flags & 4 /* SHF_EXECINSTR */))
            continue;
        if (off > (uint64_t)len || size > (uint64_t)len - off)
            continue;
        for (uint64_t k = 0; k + 4 <= size; k += 4, count++)
            fn((uint32_t)rd_le(img + off + k, 4, true)); /* A64 code is little-endian */
    }
out:
    free(img);
    return count;
}

/* A word that zarm decodes as op, made from op's pattern with random free bits;
 * false if a more specific entry always won in a few tries. */
static bool word_for_op(unsigned op, uint32_t *w)
{
    uint32_t mask, value;
    a64_op_pattern(op, &mask, &value);
    for (int tries = 0; tries < 16; tries++) {
        struct a64_insn in;
        uint32_t x = (rng32() & ~mask) | value;
        if (a64_decode(x, &in) && in.op == op) {
            *w = x;
            return true;
        }
    }
    return false;
}

/* ---- objdump mode for the classes capstone 4 does not know ------------------ */

static int emit_objdump(const char *out, unsigned per_op)
{
    FILE *fp = fopen(out, "wb");
    if (!fp) {
        perror(out);
        return 2;
    }
    unsigned n = 0;
    for (unsigned op = 1; op < A64_OP_COUNT; op++) {
        unsigned c = a64_op_class(op);
        if (c != A64_C_LSE && c != A64_C_V81)
            continue;
        for (unsigned k = 0; k < per_op; k++) {
            uint32_t w;
            if (!word_for_op(op, &w))
                break;
            uint8_t b[4] = {(uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16), (uint8_t)(w >> 24)};
            fwrite(b, 1, 4, fp);
            n++;
        }
    }
    fclose(fp);
    fprintf(stderr, "%u words written to %s\n", n, out);
    return 0;
}

/* Parses one line of an objdump listing ("   4:\tf8200020 \tldadd\tx0, x0, [x1]");
 * returns false if it is not an instruction line. */
static bool parse_objdump_line(const char *line, uint32_t *w, char *mnem, size_t mnem_size,
                               char *text, size_t text_size, const char **ops)
{
    unsigned long off;
    char hex[16];
    int pos = 0;
    if (sscanf(line, " %lx:\t%15s%n", &off, hex, &pos) != 2 || strlen(hex) != 8)
        return false;
    *w = (uint32_t)strtoul(hex, NULL, 16);
    const char *rest = line + pos;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    size_t n = strcspn(rest, " \t\n");
    if (n == 0 || n >= mnem_size)
        return false;
    memcpy(mnem, rest, n);
    mnem[n] = 0;
    *ops = rest + n;
    snprintf(text, text_size, "%s", rest);
    text[strcspn(text, "\n")] = 0;
    for (char *t = text; *t; t++)
        if (*t == '\t')
            *t = ' ';
    return true;
}

/* Judges one word with objdump's text as the oracle; zarm_ok is whether
 * zarm as a whole accepts it. */
static void judge_objdump(uint32_t w, bool zarm_ok, const char *mnem, const char *ops,
                          const char *text)
{
    struct a64_insn in;
    bool dec = a64_decode(w, &in);
    bool od_ok = strcmp(mnem, ".inst") != 0 && strcmp(mnem, "undefined") != 0;
    unsigned cls = dec ? a64_op_class(in.op) : A64_C_UNALLOC;
    if (!zarm_ok || !dec) {
        if (od_ok)
            report(cls, K_ZARM_REJECTS, w, text, &in);
        else
            arbiter_agrees++;
        return;
    }
    int r = op_alias[in.op];
    if (!od_ok)
        report(cls, K_CS_REJECTS, w, text, &in);
    else if (r < 0)
        report(cls, K_NOROW, w, text, &in);
    else if (!mnem_in(aliases[r].mnems, mnem))
        report(cls, K_WRONG_OP, w, text, &in);
    else if (!strchr(aliases[r].flags, 'R') && !regs_agree(&in, mnem, text_regs(ops)))
        report(cls, K_WRONG_REGS, w, text, &in);
    else
        report(cls, K_AGREE, w, text, &in);
}

/* Reads the objdump listing of the words emit_objdump wrote (LSE, v8.1+). */
static int verify_objdump(void)
{
    char line[512], mnem[32], text[512];
    const char *ops;
    uint32_t w;
    unsigned checked = 0;
    while (fgets(line, sizeof line, stdin)) {
        if (!parse_objdump_line(line, &w, mnem, sizeof mnem, text, sizeof text, &ops))
            continue;
        checked++;
        struct a64_insn in;
        judge_objdump(w, a64_decode(w, &in) && translator_accepts(w), mnem, ops, text);
    }
    printf("objdump: %u words checked\n", checked);
    return 0;
}

/* Words capstone and zarm disagree on being allocated are settled by objdump
 * (capstone 4 rejects some valid forms and accepts some unallocated ones). */
static void arbitrate(const char *objdump)
{
    if (!ndisputes)
        return;
    if (!objdump) {
        for (unsigned i = 0; i < ndisputes; i++) {
            struct a64_insn in;
            bool z = disputes[i].zarm_ok;
            a64_decode(disputes[i].word, &in);
            report(z ? a64_op_class(in.op) : A64_C_UNALLOC, z ? K_CS_REJECTS : K_ZARM_REJECTS,
                   disputes[i].word, "(capstone disagrees; no objdump to settle it)", &in);
        }
        return;
    }
    char bin[] = "/tmp/decode_vs_capstone_XXXXXX";
    int fd = mkstemp(bin);
    FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!fp) {
        perror("mkstemp");
        any_mismatch = true;
        return;
    }
    for (unsigned i = 0; i < ndisputes; i++) {
        uint32_t x = disputes[i].word;
        uint8_t b[4] = {(uint8_t)x, (uint8_t)(x >> 8), (uint8_t)(x >> 16), (uint8_t)(x >> 24)};
        fwrite(b, 1, 4, fp);
    }
    fclose(fp);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' -D -b binary -m aarch64 '%s'", objdump, bin);
    FILE *p = popen(cmd, "r");
    char line[512], mnem[32], text[512];
    const char *ops;
    uint32_t w;
    unsigned k = 0;
    while (p && fgets(line, sizeof line, p)) {
        if (!parse_objdump_line(line, &w, mnem, sizeof mnem, text, sizeof text, &ops))
            continue;
        if (k < ndisputes && disputes[k].word == w)
            judge_objdump(w, disputes[k].zarm_ok, mnem, ops, text);
        k++;
    }
    if (p)
        pclose(p);
    remove(bin);
    if (k != ndisputes) {
        printf("objdump listed %u of %u disputed words\n", k, ndisputes);
        any_mismatch = true;
    }
}

/* ---- main ------------------------------------------------------------------- */

static void print_stats(void)
{
    printf("%-8s", "class");
    for (unsigned k = 0; k < K_COUNT; k++)
        printf(" %13s", kind_names[k]);
    printf("\n");
    for (unsigned c = 0; c < A64_C_COUNT; c++) {
        uint64_t t = 0;
        for (unsigned k = 0; k < K_COUNT; k++)
            t += stats[c][k];
        if (!t)
            continue;
        printf("%-8s", a64_class_name(c));
        for (unsigned k = 0; k < K_COUNT; k++)
            printf(" %13" PRIu64, stats[c][k]);
        printf("\n");
    }
}

static void print_coverage(void)
{
    printf("coverage (decode entries hit):\n");
    unsigned never = 0;
    for (unsigned op = 1; op < A64_OP_COUNT; op++) {
        if (a64_op_class(op) == A64_C_UNALLOC)
            continue;
        printf("  %-24s %-7s %10" PRIu64 "%s\n", a64_op_name(op), a64_class_name(a64_op_class(op)),
               hits[op], op_alias[op] < 0 ? "  (no alias row: not compared)" : "");
        never += hits[op] == 0;
    }
    printf("%u entries never hit\n", never);
}

int main(int argc, char **argv)
{
    const char *err = NULL;
    if (a64_decode_init(&err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    parse_fields();
    link_aliases();
    if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &cs) != CS_ERR_OK) {
        fprintf(stderr, "capstone: cannot open ARM64\n");
        return 2;
    }
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    ci = cs_malloc(cs);

    unsigned long nrandom = 1000000, seed = 1, per_op = 200;
    bool coverage = false;
    int nnum = 0;
    const char *files[64], *objdump = NULL;
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--coverage")) {
            coverage = true;
        } else if (!strcmp(argv[i], "--objdump") && i + 1 < argc) {
            objdump = argv[++i];
        } else if (!strcmp(argv[i], "--per-op") && i + 1 < argc) {
            per_op = strtoul(argv[++i], NULL, 0);
        } else if (!strcmp(argv[i], "--emit-objdump") && i + 1 < argc) {
            const char *out = argv[++i];
            unsigned long k = i + 1 < argc ? strtoul(argv[i + 1], NULL, 0) : 50;
            rng_state = (i + 2 < argc ? strtoul(argv[i + 2], NULL, 0) : 1) * 2654435761u + 1;
            return emit_objdump(out, (unsigned)k);
        } else if (!strcmp(argv[i], "--objdump-verify")) {
            verify_objdump();
            print_stats();
            return any_mismatch;
        } else if (isdigit((unsigned char)argv[i][0]) && nnum < 2) {
            if (nnum++ == 0)
                nrandom = strtoul(argv[i], NULL, 0);
            else
                seed = strtoul(argv[i], NULL, 0);
        } else if (nfiles < 64) {
            files[nfiles++] = argv[i];
        }
    }
    rng_state = seed * 2654435761u + 1;

    for (unsigned long i = 0; i < nrandom; i++)
        check_word(rng32());
    for (unsigned op = 1; op < A64_OP_COUNT; op++) {
        if (a64_op_class(op) == A64_C_UNALLOC)
            continue;
        for (unsigned long k = 0; k < per_op; k++) {
            uint32_t w;
            if (!word_for_op(op, &w))
                break;
            check_word(w);
        }
    }
    for (int i = 0; i < nfiles; i++) {
        long n = elf_words(files[i], check_word);
        if (n < 0)
            printf("%s: not a readable ELF64 file, skipped\n", files[i]);
        else
            printf("%s: %ld words\n", files[i], n);
    }

    arbitrate(objdump);
    printf("decode_vs_capstone: %lu random words (seed %lu), %lu per op, %d files\n", nrandom, seed,
           per_op, nfiles);
    print_stats();
    printf("capstone-only, unclaimed by zarm: %" PRIu64 "; claimed by only part of zarm's table: %" PRIu64
           "; both reject: %" PRIu64 "; LSE/v8.1+ left to objdump: %" PRIu64 "\n",
           unclaimed, weak_skips, both_reject, later_oracle);
    printf("disputed words: %u, objdump sided with zarm's rejection on %" PRIu64
           "; constrained-unpredictable overlaps zarm accepts: %" PRIu64 "\n",
           ndisputes, arbiter_agrees, unpredictable);
    for (unsigned i = 0; i < sizeof cs_quirks / sizeof cs_quirks[0]; i++)
        if (quirk_hits[i])
            printf("capstone quirk skipped %" PRIu64 " times: %s\n", quirk_hits[i],
                   cs_quirks[i].reason);
    if (coverage)
        print_coverage();
    cs_free(ci, 1);
    cs_close(&cs);
    return any_mismatch ? 1 : 0;
}
