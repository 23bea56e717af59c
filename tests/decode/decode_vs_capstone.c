/* Decoder agreement test: zarm's table-driven decoder against capstone (and,
 * for the post-Armv8.0 classes capstone 4 does not know, against objdump).
 *
 *   decode_vs_capstone [N [SEED]] [--per-op K] [--coverage] [--objdump PATH] [ELF...]
 *       N random words (default 1000000), K words generated from each zarm
 *       pattern (default 200), then every word of the executable sections of
 *       each ELF file.  Exit status 1 on any mismatch.  Words only one of
 *       capstone and zarm accepts are settled by objdump when given.
 *   decode_vs_capstone --emit-objdump OUT.bin [K [SEED]]
 *       writes K words per LSE/V81 op (and per row flagged O), generated
 *       from zarm's patterns.
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
 * pairs (Rs+1 and Rt+1 are printed too); 'O' = objdump only: an extension
 * capstone 4 does not know although zarm's class for it is not LSE/V81
 * (FEAT_FP16), checked like those classes. */
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
    {"ERET", G_BR, "eret", ""},
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
    /* Scalar FP, AdvSIMD and crypto: one row per line of decode/a64_simd.def,
     * a64_fp.def and a64_crypto.def, in their order.  Long/narrow forms also
     * print as their "2" (upper half, Q=1) mnemonic.  Rows flagged O (FEAT_FP16)
     * are checked by the objdump mode only: capstone 4 does not know them. */
    /* a64_simd.def */
    {"SHADD_v", G_SFP, "shadd", ""},
    {"UHADD_v", G_SFP, "uhadd", ""},
    {"SQADD_v", G_SFP, "sqadd", ""},
    {"UQADD_v", G_SFP, "uqadd", ""},
    {"SRHADD_v", G_SFP, "srhadd", ""},
    {"URHADD_v", G_SFP, "urhadd", ""},
    {"AND_v", G_SFP, "and", ""},
    {"BIC_v", G_SFP, "bic", ""},
    {"ORR_v", G_SFP, "orr mov", ""},
    {"ORN_v", G_SFP, "orn", ""},
    {"EOR_v", G_SFP, "eor", ""},
    {"BSL_v", G_SFP, "bsl", ""},
    {"BIT_v", G_SFP, "bit", ""},
    {"BIF_v", G_SFP, "bif", ""},
    {"SHSUB_v", G_SFP, "shsub", ""},
    {"UHSUB_v", G_SFP, "uhsub", ""},
    {"SQSUB_v", G_SFP, "sqsub", ""},
    {"UQSUB_v", G_SFP, "uqsub", ""},
    {"CMGT_v", G_SFP, "cmgt", ""},
    {"CMHI_v", G_SFP, "cmhi", ""},
    {"CMGE_v", G_SFP, "cmge", ""},
    {"CMHS_v", G_SFP, "cmhs", ""},
    {"SSHL_v", G_SFP, "sshl", ""},
    {"USHL_v", G_SFP, "ushl", ""},
    {"SQSHL_v", G_SFP, "sqshl", ""},
    {"UQSHL_v", G_SFP, "uqshl", ""},
    {"SRSHL_v", G_SFP, "srshl", ""},
    {"URSHL_v", G_SFP, "urshl", ""},
    {"SQRSHL_v", G_SFP, "sqrshl", ""},
    {"UQRSHL_v", G_SFP, "uqrshl", ""},
    {"SMAX_v", G_SFP, "smax", ""},
    {"UMAX_v", G_SFP, "umax", ""},
    {"SMIN_v", G_SFP, "smin", ""},
    {"UMIN_v", G_SFP, "umin", ""},
    {"SABD_v", G_SFP, "sabd", ""},
    {"UABD_v", G_SFP, "uabd", ""},
    {"SABA_v", G_SFP, "saba", ""},
    {"UABA_v", G_SFP, "uaba", ""},
    {"ADD_v", G_SFP, "add", ""},
    {"SUB_v", G_SFP, "sub", ""},
    {"CMTST_v", G_SFP, "cmtst", ""},
    {"CMEQ_v", G_SFP, "cmeq", ""},
    {"MLA_v", G_SFP, "mla", ""},
    {"MLS_v", G_SFP, "mls", ""},
    {"MUL_v", G_SFP, "mul", ""},
    {"PMUL_v", G_SFP, "pmul", ""},
    {"SMAXP_v", G_SFP, "smaxp", ""},
    {"UMAXP_v", G_SFP, "umaxp", ""},
    {"SMINP_v", G_SFP, "sminp", ""},
    {"UMINP_v", G_SFP, "uminp", ""},
    {"SQDMULH_v", G_SFP, "sqdmulh", ""},
    {"SQRDMULH_v", G_SFP, "sqrdmulh", ""},
    {"ADDP_v", G_SFP, "addp", ""},
    {"SQRDMLAH_v", G_SFP, "sqrdmlah", ""},
    {"SQRDMLSH_v", G_SFP, "sqrdmlsh", ""},
    {"SDOT_v", G_SFP, "sdot", ""},
    {"UDOT_v", G_SFP, "udot", ""},
    {"SQADD_s", G_SFP, "sqadd", ""},
    {"UQADD_s", G_SFP, "uqadd", ""},
    {"SQSUB_s", G_SFP, "sqsub", ""},
    {"UQSUB_s", G_SFP, "uqsub", ""},
    {"CMGT_s", G_SFP, "cmgt", ""},
    {"CMHI_s", G_SFP, "cmhi", ""},
    {"CMGE_s", G_SFP, "cmge", ""},
    {"CMHS_s", G_SFP, "cmhs", ""},
    {"SSHL_s", G_SFP, "sshl", ""},
    {"USHL_s", G_SFP, "ushl", ""},
    {"SQSHL_s", G_SFP, "sqshl", ""},
    {"UQSHL_s", G_SFP, "uqshl", ""},
    {"SRSHL_s", G_SFP, "srshl", ""},
    {"URSHL_s", G_SFP, "urshl", ""},
    {"SQRSHL_s", G_SFP, "sqrshl", ""},
    {"UQRSHL_s", G_SFP, "uqrshl", ""},
    {"ADD_s", G_SFP, "add", ""},
    {"SUB_s", G_SFP, "sub", ""},
    {"CMTST_s", G_SFP, "cmtst", ""},
    {"CMEQ_s", G_SFP, "cmeq", ""},
    {"SQDMULH_s", G_SFP, "sqdmulh", ""},
    {"SQRDMULH_s", G_SFP, "sqrdmulh", ""},
    {"SQRDMLAH_s", G_SFP, "sqrdmlah", ""},
    {"SQRDMLSH_s", G_SFP, "sqrdmlsh", ""},
    {"SADDL_v", G_SFP, "saddl saddl2", ""},
    {"UADDL_v", G_SFP, "uaddl uaddl2", ""},
    {"SADDW_v", G_SFP, "saddw saddw2", ""},
    {"UADDW_v", G_SFP, "uaddw uaddw2", ""},
    {"SSUBL_v", G_SFP, "ssubl ssubl2", ""},
    {"USUBL_v", G_SFP, "usubl usubl2", ""},
    {"SSUBW_v", G_SFP, "ssubw ssubw2", ""},
    {"USUBW_v", G_SFP, "usubw usubw2", ""},
    {"ADDHN_v", G_SFP, "addhn addhn2", ""},
    {"RADDHN_v", G_SFP, "raddhn raddhn2", ""},
    {"SABAL_v", G_SFP, "sabal sabal2", ""},
    {"UABAL_v", G_SFP, "uabal uabal2", ""},
    {"SUBHN_v", G_SFP, "subhn subhn2", ""},
    {"RSUBHN_v", G_SFP, "rsubhn rsubhn2", ""},
    {"SABDL_v", G_SFP, "sabdl sabdl2", ""},
    {"UABDL_v", G_SFP, "uabdl uabdl2", ""},
    {"SMLAL_v", G_SFP, "smlal smlal2", ""},
    {"UMLAL_v", G_SFP, "umlal umlal2", ""},
    {"SQDMLAL_v", G_SFP, "sqdmlal sqdmlal2", ""},
    {"SMLSL_v", G_SFP, "smlsl smlsl2", ""},
    {"UMLSL_v", G_SFP, "umlsl umlsl2", ""},
    {"SQDMLSL_v", G_SFP, "sqdmlsl sqdmlsl2", ""},
    {"SMULL_v", G_SFP, "smull smull2", ""},
    {"UMULL_v", G_SFP, "umull umull2", ""},
    {"SQDMULL_v", G_SFP, "sqdmull sqdmull2", ""},
    {"PMULL_v", G_SFP, "pmull pmull2", ""},
    {"SQDMLAL_s", G_SFP, "sqdmlal", ""},
    {"SQDMLSL_s", G_SFP, "sqdmlsl", ""},
    {"SQDMULL_s", G_SFP, "sqdmull", ""},
    {"REV64_v", G_SFP, "rev64", ""},
    {"REV32_v", G_SFP, "rev32", ""},
    {"REV16_v", G_SFP, "rev16", ""},
    {"SADDLP_v", G_SFP, "saddlp", ""},
    {"UADDLP_v", G_SFP, "uaddlp", ""},
    {"SUQADD_v", G_SFP, "suqadd", ""},
    {"USQADD_v", G_SFP, "usqadd", ""},
    {"CLS_v", G_SFP, "cls", ""},
    {"CLZ_v", G_SFP, "clz", ""},
    {"CNT_v", G_SFP, "cnt", ""},
    {"NOT_v", G_SFP, "not mvn", ""},
    {"RBIT_v", G_SFP, "rbit", ""},
    {"SADALP_v", G_SFP, "sadalp", ""},
    {"UADALP_v", G_SFP, "uadalp", ""},
    {"SQABS_v", G_SFP, "sqabs", ""},
    {"SQNEG_v", G_SFP, "sqneg", ""},
    {"CMGT0_v", G_SFP, "cmgt", ""},
    {"CMGE0_v", G_SFP, "cmge", ""},
    {"CMEQ0_v", G_SFP, "cmeq", ""},
    {"CMLE0_v", G_SFP, "cmle", ""},
    {"CMLT0_v", G_SFP, "cmlt", ""},
    {"ABS_v", G_SFP, "abs", ""},
    {"NEG_v", G_SFP, "neg", ""},
    {"XTN_v", G_SFP, "xtn xtn2", ""},
    {"SQXTUN_v", G_SFP, "sqxtun sqxtun2", ""},
    {"SHLL_v", G_SFP, "shll shll2", ""},
    {"SQXTN_v", G_SFP, "sqxtn sqxtn2", ""},
    {"UQXTN_v", G_SFP, "uqxtn uqxtn2", ""},
    {"SUQADD_s", G_SFP, "suqadd", ""},
    {"USQADD_s", G_SFP, "usqadd", ""},
    {"SQABS_s", G_SFP, "sqabs", ""},
    {"SQNEG_s", G_SFP, "sqneg", ""},
    {"CMGT0_s", G_SFP, "cmgt", ""},
    {"CMGE0_s", G_SFP, "cmge", ""},
    {"CMEQ0_s", G_SFP, "cmeq", ""},
    {"CMLE0_s", G_SFP, "cmle", ""},
    {"CMLT0_s", G_SFP, "cmlt", ""},
    {"ABS_s", G_SFP, "abs", ""},
    {"NEG_s", G_SFP, "neg", ""},
    {"SQXTUN_s", G_SFP, "sqxtun", ""},
    {"SQXTN_s", G_SFP, "sqxtn", ""},
    {"UQXTN_s", G_SFP, "uqxtn", ""},
    {"SADDLV", G_SFP, "saddlv", ""},
    {"UADDLV", G_SFP, "uaddlv", ""},
    {"SMAXV", G_SFP, "smaxv", ""},
    {"UMAXV", G_SFP, "umaxv", ""},
    {"SMINV", G_SFP, "sminv", ""},
    {"UMINV", G_SFP, "uminv", ""},
    {"ADDV", G_SFP, "addv", ""},
    {"ADDP_s", G_SFP, "addp", ""},
    {"DUP_elem_v", G_SFP, "dup", ""},
    {"DUP_gen", G_SFP, "dup", ""},
    {"INS_gen", G_SFP, "ins mov", ""},
    {"SMOV", G_SFP, "smov", ""},
    {"UMOV", G_SFP, "umov mov", ""},
    {"INS_elem", G_SFP, "ins mov", ""},
    {"DUP_elem_s", G_SFP, "dup mov", ""},
    {"MOVI_32", G_SFP, "movi", ""},
    {"ORR_imm_32", G_SFP, "orr", ""},
    {"MOVI_16", G_SFP, "movi", ""},
    {"ORR_imm_16", G_SFP, "orr", ""},
    {"MOVI_msl", G_SFP, "movi", ""},
    {"MOVI_8", G_SFP, "movi", ""},
    {"FMOV_v_imm_s", G_SFP, "fmov", ""},
    {"MVNI_32", G_SFP, "mvni", ""},
    {"BIC_imm_32", G_SFP, "bic", ""},
    {"MVNI_16", G_SFP, "mvni", ""},
    {"BIC_imm_16", G_SFP, "bic", ""},
    {"MVNI_msl", G_SFP, "mvni", ""},
    {"MOVI_64", G_SFP, "movi", ""},
    {"FMOV_v_imm_d", G_SFP, "fmov", ""},
    {"SSHR_v", G_SFP, "sshr", ""},
    {"USHR_v", G_SFP, "ushr", ""},
    {"SSRA_v", G_SFP, "ssra", ""},
    {"USRA_v", G_SFP, "usra", ""},
    {"SRSHR_v", G_SFP, "srshr", ""},
    {"URSHR_v", G_SFP, "urshr", ""},
    {"SRSRA_v", G_SFP, "srsra", ""},
    {"URSRA_v", G_SFP, "ursra", ""},
    {"SRI_v", G_SFP, "sri", ""},
    {"SHL_v", G_SFP, "shl", ""},
    {"SLI_v", G_SFP, "sli", ""},
    {"SQSHLU_v", G_SFP, "sqshlu", ""},
    {"SQSHL_imm_v", G_SFP, "sqshl", ""},
    {"UQSHL_imm_v", G_SFP, "uqshl", ""},
    {"SHRN_v", G_SFP, "shrn shrn2", ""},
    {"SQSHRUN_v", G_SFP, "sqshrun sqshrun2", ""},
    {"RSHRN_v", G_SFP, "rshrn rshrn2", ""},
    {"SQRSHRUN_v", G_SFP, "sqrshrun sqrshrun2", ""},
    {"SQSHRN_v", G_SFP, "sqshrn sqshrn2", ""},
    {"UQSHRN_v", G_SFP, "uqshrn uqshrn2", ""},
    {"SQRSHRN_v", G_SFP, "sqrshrn sqrshrn2", ""},
    {"UQRSHRN_v", G_SFP, "uqrshrn uqrshrn2", ""},
    {"SSHLL_v", G_SFP, "sshll sshll2 sxtl sxtl2", ""},
    {"USHLL_v", G_SFP, "ushll ushll2 uxtl uxtl2", ""},
    {"SSHR_s", G_SFP, "sshr", ""},
    {"USHR_s", G_SFP, "ushr", ""},
    {"SSRA_s", G_SFP, "ssra", ""},
    {"USRA_s", G_SFP, "usra", ""},
    {"SRSHR_s", G_SFP, "srshr", ""},
    {"URSHR_s", G_SFP, "urshr", ""},
    {"SRSRA_s", G_SFP, "srsra", ""},
    {"URSRA_s", G_SFP, "ursra", ""},
    {"SRI_s", G_SFP, "sri", ""},
    {"SHL_s", G_SFP, "shl", ""},
    {"SLI_s", G_SFP, "sli", ""},
    {"SQSHLU_s", G_SFP, "sqshlu", ""},
    {"SQSHL_imm_s", G_SFP, "sqshl", ""},
    {"UQSHL_imm_s", G_SFP, "uqshl", ""},
    {"SQSHRUN_s", G_SFP, "sqshrun", ""},
    {"SQRSHRUN_s", G_SFP, "sqrshrun", ""},
    {"SQSHRN_s", G_SFP, "sqshrn", ""},
    {"UQSHRN_s", G_SFP, "uqshrn", ""},
    {"SQRSHRN_s", G_SFP, "sqrshrn", ""},
    {"UQRSHRN_s", G_SFP, "uqrshrn", ""},
    {"MLA_elem_v", G_SFP, "mla", ""},
    {"SMLAL_elem_v", G_SFP, "smlal smlal2", ""},
    {"UMLAL_elem_v", G_SFP, "umlal umlal2", ""},
    {"SQDMLAL_elem_v", G_SFP, "sqdmlal sqdmlal2", ""},
    {"MLS_elem_v", G_SFP, "mls", ""},
    {"SMLSL_elem_v", G_SFP, "smlsl smlsl2", ""},
    {"UMLSL_elem_v", G_SFP, "umlsl umlsl2", ""},
    {"SQDMLSL_elem_v", G_SFP, "sqdmlsl sqdmlsl2", ""},
    {"MUL_elem_v", G_SFP, "mul", ""},
    {"SMULL_elem_v", G_SFP, "smull smull2", ""},
    {"UMULL_elem_v", G_SFP, "umull umull2", ""},
    {"SQDMULL_elem_v", G_SFP, "sqdmull sqdmull2", ""},
    {"SQDMULH_elem_v", G_SFP, "sqdmulh", ""},
    {"SQRDMULH_elem_v", G_SFP, "sqrdmulh", ""},
    {"SQRDMLAH_elem_v", G_SFP, "sqrdmlah", ""},
    {"SQRDMLSH_elem_v", G_SFP, "sqrdmlsh", ""},
    {"SDOT_elem_v", G_SFP, "sdot", ""},
    {"UDOT_elem_v", G_SFP, "udot", ""},
    {"SQDMLAL_elem_s", G_SFP, "sqdmlal", ""},
    {"SQDMLSL_elem_s", G_SFP, "sqdmlsl", ""},
    {"SQDMULL_elem_s", G_SFP, "sqdmull", ""},
    {"SQDMULH_elem_s", G_SFP, "sqdmulh", ""},
    {"SQRDMULH_elem_s", G_SFP, "sqrdmulh", ""},
    {"SQRDMLAH_elem_s", G_SFP, "sqrdmlah", ""},
    {"SQRDMLSH_elem_s", G_SFP, "sqrdmlsh", ""},
    {"UZP1", G_SFP, "uzp1", ""},
    {"TRN1", G_SFP, "trn1", ""},
    {"ZIP1", G_SFP, "zip1", ""},
    {"UZP2", G_SFP, "uzp2", ""},
    {"TRN2", G_SFP, "trn2", ""},
    {"ZIP2", G_SFP, "zip2", ""},
    {"EXT", G_SFP, "ext", ""},
    {"TBL", G_SFP, "tbl", ""},
    {"TBX", G_SFP, "tbx", ""},
    /* a64_fp.def */
    {"FCVTNS_g", G_SFP, "fcvtns", ""},
    {"FCVTNU_g", G_SFP, "fcvtnu", ""},
    {"SCVTF_g", G_SFP, "scvtf", ""},
    {"UCVTF_g", G_SFP, "ucvtf", ""},
    {"FCVTAS_g", G_SFP, "fcvtas", ""},
    {"FCVTAU_g", G_SFP, "fcvtau", ""},
    {"FMOV_to_g", G_SFP, "fmov", ""},
    {"FMOV_from_g", G_SFP, "fmov", ""},
    {"FCVTPS_g", G_SFP, "fcvtps", ""},
    {"FCVTPU_g", G_SFP, "fcvtpu", ""},
    {"FMOV_top_to_g", G_SFP, "fmov", ""},
    {"FMOV_top_from_g", G_SFP, "fmov", ""},
    {"FCVTMS_g", G_SFP, "fcvtms", ""},
    {"FCVTMU_g", G_SFP, "fcvtmu", ""},
    {"FCVTZS_g", G_SFP, "fcvtzs", ""},
    {"FCVTZU_g", G_SFP, "fcvtzu", ""},
    {"FJCVTZS", G_SFP, "fjcvtzs", ""},
    {"SCVTF_gfix", G_SFP, "scvtf", ""},
    {"UCVTF_gfix", G_SFP, "ucvtf", ""},
    {"FCVTZS_gfix", G_SFP, "fcvtzs", ""},
    {"FCVTZU_gfix", G_SFP, "fcvtzu", ""},
    {"FMOV_s", G_SFP, "fmov", ""},
    {"FABS_s", G_SFP, "fabs", ""},
    {"FNEG_s", G_SFP, "fneg", ""},
    {"FSQRT_s", G_SFP, "fsqrt", ""},
    {"FCVT_s", G_SFP, "fcvt", ""},
    {"FRINTN_s", G_SFP, "frintn", ""},
    {"FRINTP_s", G_SFP, "frintp", ""},
    {"FRINTM_s", G_SFP, "frintm", ""},
    {"FRINTZ_s", G_SFP, "frintz", ""},
    {"FRINTA_s", G_SFP, "frinta", ""},
    {"FRINTX_s", G_SFP, "frintx", ""},
    {"FRINTI_s", G_SFP, "frinti", ""},
    {"FCMP", G_SFP, "fcmp", ""},
    {"FCMP_zero", G_SFP, "fcmp", "R"},
    {"FCMPE", G_SFP, "fcmpe", ""},
    {"FCMPE_zero", G_SFP, "fcmpe", "R"},
    {"FCCMP", G_SFP, "fccmp", ""},
    {"FCCMPE", G_SFP, "fccmpe", ""},
    {"FCSEL", G_SFP, "fcsel", ""},
    {"FMUL_s", G_SFP, "fmul", ""},
    {"FDIV_s", G_SFP, "fdiv", ""},
    {"FADD_s", G_SFP, "fadd", ""},
    {"FSUB_s", G_SFP, "fsub", ""},
    {"FMAX_s", G_SFP, "fmax", ""},
    {"FMIN_s", G_SFP, "fmin", ""},
    {"FMAXNM_s", G_SFP, "fmaxnm", ""},
    {"FMINNM_s", G_SFP, "fminnm", ""},
    {"FNMUL_s", G_SFP, "fnmul", ""},
    {"FMADD", G_SFP, "fmadd", ""},
    {"FMSUB", G_SFP, "fmsub", ""},
    {"FNMADD", G_SFP, "fnmadd", ""},
    {"FNMSUB", G_SFP, "fnmsub", ""},
    {"FMOV_imm", G_SFP, "fmov", ""},
    {"FMAXNM_v", G_SFP, "fmaxnm", ""},
    {"FMLA_v", G_SFP, "fmla", ""},
    {"FADD_v", G_SFP, "fadd", ""},
    {"FMULX_v", G_SFP, "fmulx", ""},
    {"FCMEQ_v", G_SFP, "fcmeq", ""},
    {"FMAX_v", G_SFP, "fmax", ""},
    {"FRECPS_v", G_SFP, "frecps", ""},
    {"FMINNM_v", G_SFP, "fminnm", ""},
    {"FMLS_v", G_SFP, "fmls", ""},
    {"FSUB_v", G_SFP, "fsub", ""},
    {"FMIN_v", G_SFP, "fmin", ""},
    {"FRSQRTS_v", G_SFP, "frsqrts", ""},
    {"FMAXNMP_v", G_SFP, "fmaxnmp", ""},
    {"FADDP_v", G_SFP, "faddp", ""},
    {"FMUL_v", G_SFP, "fmul", ""},
    {"FCMGE_v", G_SFP, "fcmge", ""},
    {"FACGE_v", G_SFP, "facge", ""},
    {"FMAXP_v", G_SFP, "fmaxp", ""},
    {"FDIV_v", G_SFP, "fdiv", ""},
    {"FMINNMP_v", G_SFP, "fminnmp", ""},
    {"FABD_v", G_SFP, "fabd", ""},
    {"FCMGT_v", G_SFP, "fcmgt", ""},
    {"FACGT_v", G_SFP, "facgt", ""},
    {"FMINP_v", G_SFP, "fminp", ""},
    {"FMULX_sv", G_SFP, "fmulx", ""},
    {"FCMEQ_sv", G_SFP, "fcmeq", ""},
    {"FRECPS_sv", G_SFP, "frecps", ""},
    {"FRSQRTS_sv", G_SFP, "frsqrts", ""},
    {"FCMGE_sv", G_SFP, "fcmge", ""},
    {"FACGE_sv", G_SFP, "facge", ""},
    {"FABD_sv", G_SFP, "fabd", ""},
    {"FCMGT_sv", G_SFP, "fcmgt", ""},
    {"FACGT_sv", G_SFP, "facgt", ""},
    {"FCVTN_v", G_SFP, "fcvtn fcvtn2", ""},
    {"FCVTL_v", G_SFP, "fcvtl fcvtl2", ""},
    {"FRINTN_v", G_SFP, "frintn", ""},
    {"FRINTM_v", G_SFP, "frintm", ""},
    {"FCVTNS_v", G_SFP, "fcvtns", ""},
    {"FCVTMS_v", G_SFP, "fcvtms", ""},
    {"FCVTAS_v", G_SFP, "fcvtas", ""},
    {"SCVTF_v", G_SFP, "scvtf", ""},
    {"FCMGT0_v", G_SFP, "fcmgt", ""},
    {"FCMEQ0_v", G_SFP, "fcmeq", ""},
    {"FCMLT0_v", G_SFP, "fcmlt", ""},
    {"FABS_v", G_SFP, "fabs", ""},
    {"FRINTP_v", G_SFP, "frintp", ""},
    {"FRINTZ_v", G_SFP, "frintz", ""},
    {"FCVTPS_v", G_SFP, "fcvtps", ""},
    {"FCVTZS_v", G_SFP, "fcvtzs", ""},
    {"URECPE_v", G_SFP, "urecpe", ""},
    {"FRECPE_v", G_SFP, "frecpe", ""},
    {"FCVTXN_v", G_SFP, "fcvtxn fcvtxn2", ""},
    {"FRINTA_v", G_SFP, "frinta", ""},
    {"FRINTX_v", G_SFP, "frintx", ""},
    {"FCVTNU_v", G_SFP, "fcvtnu", ""},
    {"FCVTMU_v", G_SFP, "fcvtmu", ""},
    {"FCVTAU_v", G_SFP, "fcvtau", ""},
    {"UCVTF_v", G_SFP, "ucvtf", ""},
    {"FCMGE0_v", G_SFP, "fcmge", ""},
    {"FCMLE0_v", G_SFP, "fcmle", ""},
    {"FNEG_v", G_SFP, "fneg", ""},
    {"FRINTI_v", G_SFP, "frinti", ""},
    {"FCVTPU_v", G_SFP, "fcvtpu", ""},
    {"FCVTZU_v", G_SFP, "fcvtzu", ""},
    {"URSQRTE_v", G_SFP, "ursqrte", ""},
    {"FRSQRTE_v", G_SFP, "frsqrte", ""},
    {"FSQRT_v", G_SFP, "fsqrt", ""},
    {"FCVTNS_sv", G_SFP, "fcvtns", ""},
    {"FCVTMS_sv", G_SFP, "fcvtms", ""},
    {"FCVTAS_sv", G_SFP, "fcvtas", ""},
    {"SCVTF_sv", G_SFP, "scvtf", ""},
    {"FCMGT0_sv", G_SFP, "fcmgt", ""},
    {"FCMEQ0_sv", G_SFP, "fcmeq", ""},
    {"FCMLT0_sv", G_SFP, "fcmlt", ""},
    {"FCVTPS_sv", G_SFP, "fcvtps", ""},
    {"FCVTZS_sv", G_SFP, "fcvtzs", ""},
    {"FRECPE_sv", G_SFP, "frecpe", ""},
    {"FRECPX_sv", G_SFP, "frecpx", ""},
    {"FCVTXN_sv", G_SFP, "fcvtxn", ""},
    {"FCVTNU_sv", G_SFP, "fcvtnu", ""},
    {"FCVTMU_sv", G_SFP, "fcvtmu", ""},
    {"FCVTAU_sv", G_SFP, "fcvtau", ""},
    {"UCVTF_sv", G_SFP, "ucvtf", ""},
    {"FCMGE0_sv", G_SFP, "fcmge", ""},
    {"FCMLE0_sv", G_SFP, "fcmle", ""},
    {"FCVTPU_sv", G_SFP, "fcvtpu", ""},
    {"FCVTZU_sv", G_SFP, "fcvtzu", ""},
    {"FRSQRTE_sv", G_SFP, "frsqrte", ""},
    {"FMAXNMV", G_SFP, "fmaxnmv", ""},
    {"FMAXV", G_SFP, "fmaxv", ""},
    {"FMINNMV", G_SFP, "fminnmv", ""},
    {"FMINV", G_SFP, "fminv", ""},
    {"FMAXNMP_sv", G_SFP, "fmaxnmp", ""},
    {"FADDP_sv", G_SFP, "faddp", ""},
    {"FMAXP_sv", G_SFP, "fmaxp", ""},
    {"FMINNMP_sv", G_SFP, "fminnmp", ""},
    {"FMINP_sv", G_SFP, "fminp", ""},
    {"FMLA_idx", G_SFP, "fmla", ""},
    {"FMLS_idx", G_SFP, "fmls", ""},
    {"FMUL_idx", G_SFP, "fmul", ""},
    {"FMULX_idx", G_SFP, "fmulx", ""},
    {"FMLA_sidx", G_SFP, "fmla", ""},
    {"FMLS_sidx", G_SFP, "fmls", ""},
    {"FMUL_sidx", G_SFP, "fmul", ""},
    {"FMULX_sidx", G_SFP, "fmulx", ""},
    {"SCVTF_vfix_d", G_SFP, "scvtf", ""},
    {"SCVTF_vfix_s", G_SFP, "scvtf", ""},
    {"UCVTF_vfix_d", G_SFP, "ucvtf", ""},
    {"UCVTF_vfix_s", G_SFP, "ucvtf", ""},
    {"FCVTZS_vfix_d", G_SFP, "fcvtzs", ""},
    {"FCVTZS_vfix_s", G_SFP, "fcvtzs", ""},
    {"FCVTZU_vfix_d", G_SFP, "fcvtzu", ""},
    {"FCVTZU_vfix_s", G_SFP, "fcvtzu", ""},
    {"SCVTF_sfix_d", G_SFP, "scvtf", ""},
    {"SCVTF_sfix_s", G_SFP, "scvtf", ""},
    {"UCVTF_sfix_d", G_SFP, "ucvtf", ""},
    {"UCVTF_sfix_s", G_SFP, "ucvtf", ""},
    {"FCVTZS_sfix_d", G_SFP, "fcvtzs", ""},
    {"FCVTZS_sfix_s", G_SFP, "fcvtzs", ""},
    {"FCVTZU_sfix_d", G_SFP, "fcvtzu", ""},
    {"FCVTZU_sfix_s", G_SFP, "fcvtzu", ""},
    {"FMAXNM_vh", G_SFP, "fmaxnm", "O"},
    {"FMLA_vh", G_SFP, "fmla", "O"},
    {"FADD_vh", G_SFP, "fadd", "O"},
    {"FMULX_vh", G_SFP, "fmulx", "O"},
    {"FCMEQ_vh", G_SFP, "fcmeq", "O"},
    {"FMAX_vh", G_SFP, "fmax", "O"},
    {"FRECPS_vh", G_SFP, "frecps", "O"},
    {"FMINNM_vh", G_SFP, "fminnm", "O"},
    {"FMLS_vh", G_SFP, "fmls", "O"},
    {"FSUB_vh", G_SFP, "fsub", "O"},
    {"FMIN_vh", G_SFP, "fmin", "O"},
    {"FRSQRTS_vh", G_SFP, "frsqrts", "O"},
    {"FMAXNMP_vh", G_SFP, "fmaxnmp", "O"},
    {"FADDP_vh", G_SFP, "faddp", "O"},
    {"FMUL_vh", G_SFP, "fmul", "O"},
    {"FCMGE_vh", G_SFP, "fcmge", "O"},
    {"FACGE_vh", G_SFP, "facge", "O"},
    {"FMAXP_vh", G_SFP, "fmaxp", "O"},
    {"FDIV_vh", G_SFP, "fdiv", "O"},
    {"FMINNMP_vh", G_SFP, "fminnmp", "O"},
    {"FABD_vh", G_SFP, "fabd", "O"},
    {"FCMGT_vh", G_SFP, "fcmgt", "O"},
    {"FACGT_vh", G_SFP, "facgt", "O"},
    {"FMINP_vh", G_SFP, "fminp", "O"},
    {"FMULX_svh", G_SFP, "fmulx", "O"},
    {"FCMEQ_svh", G_SFP, "fcmeq", "O"},
    {"FRECPS_svh", G_SFP, "frecps", "O"},
    {"FRSQRTS_svh", G_SFP, "frsqrts", "O"},
    {"FCMGE_svh", G_SFP, "fcmge", "O"},
    {"FACGE_svh", G_SFP, "facge", "O"},
    {"FABD_svh", G_SFP, "fabd", "O"},
    {"FCMGT_svh", G_SFP, "fcmgt", "O"},
    {"FACGT_svh", G_SFP, "facgt", "O"},
    {"FRINTN_vh", G_SFP, "frintn", "O"},
    {"FRINTM_vh", G_SFP, "frintm", "O"},
    {"FCVTNS_vh", G_SFP, "fcvtns", "O"},
    {"FCVTMS_vh", G_SFP, "fcvtms", "O"},
    {"FCVTAS_vh", G_SFP, "fcvtas", "O"},
    {"SCVTF_vh", G_SFP, "scvtf", "O"},
    {"FCMGT0_vh", G_SFP, "fcmgt", "O"},
    {"FCMEQ0_vh", G_SFP, "fcmeq", "O"},
    {"FCMLT0_vh", G_SFP, "fcmlt", "O"},
    {"FABS_vh", G_SFP, "fabs", "O"},
    {"FRINTP_vh", G_SFP, "frintp", "O"},
    {"FRINTZ_vh", G_SFP, "frintz", "O"},
    {"FCVTPS_vh", G_SFP, "fcvtps", "O"},
    {"FCVTZS_vh", G_SFP, "fcvtzs", "O"},
    {"FRECPE_vh", G_SFP, "frecpe", "O"},
    {"FRINTA_vh", G_SFP, "frinta", "O"},
    {"FRINTX_vh", G_SFP, "frintx", "O"},
    {"FCVTNU_vh", G_SFP, "fcvtnu", "O"},
    {"FCVTMU_vh", G_SFP, "fcvtmu", "O"},
    {"FCVTAU_vh", G_SFP, "fcvtau", "O"},
    {"UCVTF_vh", G_SFP, "ucvtf", "O"},
    {"FCMGE0_vh", G_SFP, "fcmge", "O"},
    {"FCMLE0_vh", G_SFP, "fcmle", "O"},
    {"FNEG_vh", G_SFP, "fneg", "O"},
    {"FRINTI_vh", G_SFP, "frinti", "O"},
    {"FCVTPU_vh", G_SFP, "fcvtpu", "O"},
    {"FCVTZU_vh", G_SFP, "fcvtzu", "O"},
    {"FRSQRTE_vh", G_SFP, "frsqrte", "O"},
    {"FSQRT_vh", G_SFP, "fsqrt", "O"},
    {"FCVTNS_svh", G_SFP, "fcvtns", "O"},
    {"FCVTMS_svh", G_SFP, "fcvtms", "O"},
    {"FCVTAS_svh", G_SFP, "fcvtas", "O"},
    {"SCVTF_svh", G_SFP, "scvtf", "O"},
    {"FCMGT0_svh", G_SFP, "fcmgt", "O"},
    {"FCMEQ0_svh", G_SFP, "fcmeq", "O"},
    {"FCMLT0_svh", G_SFP, "fcmlt", "O"},
    {"FCVTPS_svh", G_SFP, "fcvtps", "O"},
    {"FCVTZS_svh", G_SFP, "fcvtzs", "O"},
    {"FRECPE_svh", G_SFP, "frecpe", "O"},
    {"FRECPX_svh", G_SFP, "frecpx", "O"},
    {"FCVTNU_svh", G_SFP, "fcvtnu", "O"},
    {"FCVTMU_svh", G_SFP, "fcvtmu", "O"},
    {"FCVTAU_svh", G_SFP, "fcvtau", "O"},
    {"UCVTF_svh", G_SFP, "ucvtf", "O"},
    {"FCMGE0_svh", G_SFP, "fcmge", "O"},
    {"FCMLE0_svh", G_SFP, "fcmle", "O"},
    {"FCVTPU_svh", G_SFP, "fcvtpu", "O"},
    {"FCVTZU_svh", G_SFP, "fcvtzu", "O"},
    {"FRSQRTE_svh", G_SFP, "frsqrte", "O"},
    {"FMAXNMV_h", G_SFP, "fmaxnmv", "O"},
    {"FMAXV_h", G_SFP, "fmaxv", "O"},
    {"FMINNMV_h", G_SFP, "fminnmv", "O"},
    {"FMINV_h", G_SFP, "fminv", "O"},
    {"FMAXNMP_svh", G_SFP, "fmaxnmp", "O"},
    {"FADDP_svh", G_SFP, "faddp", "O"},
    {"FMAXP_svh", G_SFP, "fmaxp", "O"},
    {"FMINNMP_svh", G_SFP, "fminnmp", "O"},
    {"FMINP_svh", G_SFP, "fminp", "O"},
    {"FMLA_idxh", G_SFP, "fmla", "O"},
    {"FMLS_idxh", G_SFP, "fmls", "O"},
    {"FMUL_idxh", G_SFP, "fmul", "O"},
    {"FMULX_idxh", G_SFP, "fmulx", "O"},
    {"FMLA_sidxh", G_SFP, "fmla", "O"},
    {"FMLS_sidxh", G_SFP, "fmls", "O"},
    {"FMUL_sidxh", G_SFP, "fmul", "O"},
    {"FMULX_sidxh", G_SFP, "fmulx", "O"},
    {"FMOV_v_imm_h", G_SFP, "fmov", "O"},
    {"SCVTF_vfix_h", G_SFP, "scvtf", "O"},
    {"UCVTF_vfix_h", G_SFP, "ucvtf", "O"},
    {"FCVTZS_vfix_h", G_SFP, "fcvtzs", "O"},
    {"FCVTZU_vfix_h", G_SFP, "fcvtzu", "O"},
    {"SCVTF_sfix_h", G_SFP, "scvtf", "O"},
    {"UCVTF_sfix_h", G_SFP, "ucvtf", "O"},
    {"FCVTZS_sfix_h", G_SFP, "fcvtzs", "O"},
    {"FCVTZU_sfix_h", G_SFP, "fcvtzu", "O"},
    /* a64_crypto.def */
    {"AESE", G_SFP, "aese", ""},
    {"AESD", G_SFP, "aesd", ""},
    {"AESMC", G_SFP, "aesmc", ""},
    {"AESIMC", G_SFP, "aesimc", ""},
    {"SHA1C", G_SFP, "sha1c", ""},
    {"SHA1P", G_SFP, "sha1p", ""},
    {"SHA1M", G_SFP, "sha1m", ""},
    {"SHA1SU0", G_SFP, "sha1su0", ""},
    {"SHA256H", G_SFP, "sha256h", ""},
    {"SHA256H2", G_SFP, "sha256h2", ""},
    {"SHA256SU1", G_SFP, "sha256su1", ""},
    {"SHA1H", G_SFP, "sha1h", ""},
    {"SHA1SU1", G_SFP, "sha1su1", ""},
    {"SHA256SU0", G_SFP, "sha256su0", ""},
    {"SHA512H", G_SFP, "sha512h", ""},
    {"SHA512H2", G_SFP, "sha512h2", ""},
    {"SHA512SU1", G_SFP, "sha512su1", ""},
    {"RAX1", G_SFP, "rax1", ""},
    {"SHA512SU0", G_SFP, "sha512su0", ""},
    {"EOR3", G_SFP, "eor3", ""},
    {"BCAX", G_SFP, "bcax", ""},
    {"XAR", G_SFP, "xar", ""},
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

/* Whether op is left to objdump: its class or its row says capstone 4 does not know it. */
static bool objdump_only(unsigned op)
{
    unsigned c = a64_op_class(op);
    if (c == A64_C_LSE || c == A64_C_V81)
        return true;
    return op_alias[op] >= 0 && strchr(aliases[op_alias[op]].flags, 'O');
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
        unsigned v = in->f[f];
        /* by element: Vm is M:Rm for 32- and 64-bit elements, Rm (V0-V15) for 16-bit ones */
        const bool *has = op_fields[in->op];
        bool wide = has[A64_F_sz] || (has[A64_F_size] && in->f[A64_F_size] != 1);
        if (f == A64_F_Rm && has[A64_F_M] && wide)
            v |= in->f[A64_F_M] << 4;
        fields |= 1u << v;
        /* Ra, Rt2 and Rs may be should-be-ones fields or hidden by an alias */
        if (f == A64_F_Rd || f == A64_F_Rn || f == A64_F_Rm || f == A64_F_Rt)
            printed |= 1u << v;
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
    static const struct ir_features all = {true, true, true, true, true, .el1 = true};
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

    if (zok && objdump_only(in.op)) {
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
        if (a64_op_class(op) == A64_C_UNALLOC || !objdump_only(op))
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
           "; both reject: %" PRIu64 "; LSE/v8.1+/FP16 left to objdump: %" PRIu64 "\n",
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
