/* AdvSIMD integer instructions in every arrangement they have (8B/16B/4H/8H/
 * 2S/4S/2D, the scalar D forms, the "2" forms, by element), written as
 * assembly so each shape is the one named: three same (elementwise and
 * pairwise, halving and saturating adds), the long and wide three-different forms, across
 * lanes, shifts by immediate (rounding, long [SU]SHLL, narrowing SHRN), the
 * two-register compares with zero, ABS, NEG, NOT, CNT, REV*, XTN, [SU]ADDLP
 * and [SU]ADALP.  Operands are built from lane-edge bytes (0, 1, 0x7f, 0x80,
 * 0xff) and random ones, with equal or nearly equal pairs so compares see
 * equality; Vd starts non-zero so accumulation, the zeroed upper half of the
 * 64-bit forms and Vd = Vn aliasing are visible.  One hash per instruction
 * of the results and FPSR (QC). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "guest.h"

static uint64_t operand(void)
{
    static const uint8_t edge[8] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x81, 0x40};
    uint64_t r = guest_rand(), sel = guest_rand(), v = 0;
    for (int i = 0; i < 8; i++, sel >>= 4) {
        uint64_t b = (sel & 8) ? edge[sel & 7] : (r >> (8 * i)) & 0xff;
        v |= b << (8 * i);
    }
    return v;
}

/* in: Vd (the two halves), Vn, Vm. */
static void fill(uint64_t in[6])
{
    for (int i = 0; i < 6; i++)
        in[i] = operand();
    switch (guest_rand() & 3) {
    case 0: /* Vm = Vn */
        in[4] = in[2];
        in[5] = in[3];
        break;
    case 1: /* Vm = Vn but one byte */
        in[4] = in[2] ^ (0xffull << (8 * (guest_rand() & 7)));
        in[5] = in[3];
        break;
    }
}

static void report(const char *insn, uint64_t h)
{
    printf("%-34s %016llx\n", insn, (unsigned long long)h);
}

/* Runs INSN on v0 = Vd, v1 = Vn, v2 = Vm over 96 operand sets with FPSR
 * cleared; hashes v0 and FPSR (QC: saturation). */
#define T(INSN)                                                                                    \
    do {                                                                                           \
        uint64_t h_ = GUEST_HASH_INIT;                                                             \
        guest_rng_state = 0x51d5eed + __LINE__;                                                    \
        for (int i_ = 0; i_ < 96; i_++) {                                                          \
            uint64_t in_[6], out_[2], fpsr_;                                                       \
            fill(in_);                                                                             \
            __asm__ volatile("msr fpsr, xzr\n\tldp q0, q1, [%2]\n\tldr q2, [%2, #32]\n\t" INSN     \
                             "\n\tmrs %0, fpsr\n\tstr q0, [%1]"                                    \
                             : "=&r"(fpsr_)                                                        \
                             : "r"(out_), "r"(in_)                                                 \
                             : "v0", "v1", "v2", "memory");                                        \
            h_ = guest_mix(guest_mix(guest_mix(h_, out_[0]), out_[1]), fpsr_);                     \
        }                                                                                          \
        report(INSN, h_);                                                                          \
    } while (0)

#define SAME_BHS(op)                                                                               \
    T(op " v0.8b, v1.8b, v2.8b");                                                                  \
    T(op " v0.16b, v1.16b, v2.16b");                                                               \
    T(op " v0.4h, v1.4h, v2.4h");                                                                  \
    T(op " v0.8h, v1.8h, v2.8h");                                                                  \
    T(op " v0.2s, v1.2s, v2.2s");                                                                  \
    T(op " v0.4s, v1.4s, v2.4s")
#define SAME_ALL(op)                                                                               \
    SAME_BHS(op);                                                                                  \
    T(op " v0.2d, v1.2d, v2.2d");                                                                  \
    T(op " d0, d1, d2")

#define LONG(op)                                                                                   \
    T(op " v0.8h, v1.8b, v2.8b");                                                                  \
    T(op "2 v0.8h, v1.16b, v2.16b");                                                               \
    T(op " v0.4s, v1.4h, v2.4h");                                                                  \
    T(op "2 v0.4s, v1.8h, v2.8h");                                                                 \
    T(op " v0.2d, v1.2s, v2.2s");                                                                  \
    T(op "2 v0.2d, v1.4s, v2.4s")
#define WIDE(op)                                                                                   \
    T(op " v0.8h, v1.8h, v2.8b");                                                                  \
    T(op "2 v0.8h, v1.8h, v2.16b");                                                                \
    T(op " v0.4s, v1.4s, v2.4h");                                                                  \
    T(op "2 v0.4s, v1.4s, v2.8h");                                                                 \
    T(op " v0.2d, v1.2d, v2.2s");                                                                  \
    T(op "2 v0.2d, v1.2d, v2.4s")

#define ACROSS(op)                                                                                 \
    T(op " b0, v1.8b");                                                                            \
    T(op " b0, v1.16b");                                                                           \
    T(op " h0, v1.4h");                                                                            \
    T(op " h0, v1.8h");                                                                            \
    T(op " s0, v1.4s")

/* Two-register miscellaneous with an operand suffix SUF. */
#define MISC_ALL(op, suf)                                                                          \
    T(op " v0.8b, v1.8b" suf);                                                                     \
    T(op " v0.16b, v1.16b" suf);                                                                   \
    T(op " v0.4h, v1.4h" suf);                                                                     \
    T(op " v0.8h, v1.8h" suf);                                                                     \
    T(op " v0.2s, v1.2s" suf);                                                                     \
    T(op " v0.4s, v1.4s" suf);                                                                     \
    T(op " v0.2d, v1.2d" suf);                                                                     \
    T(op " d0, d1" suf)
#define NARROW(op, suf)                                                                            \
    T(op " v0.8b, v1.8h" suf);                                                                     \
    T(op "2 v0.16b, v1.8h" suf);                                                                   \
    T(op " v0.4h, v1.4s" suf);                                                                     \
    T(op "2 v0.8h, v1.4s" suf);                                                                    \
    T(op " v0.2s, v1.2d" suf);                                                                     \
    T(op "2 v0.4s, v1.2d" suf)

#define ACROSS_LONG(op)                                                                            \
    T(op " h0, v1.8b");                                                                            \
    T(op " h0, v1.16b");                                                                           \
    T(op " s0, v1.4h");                                                                            \
    T(op " s0, v1.8h");                                                                            \
    T(op " d0, v1.4s")
#define PAIR_LONG(op)                                                                              \
    T(op " v0.4h, v1.8b");                                                                         \
    T(op " v0.8h, v1.16b");                                                                        \
    T(op " v0.2s, v1.4h");                                                                         \
    T(op " v0.4s, v1.8h");                                                                         \
    T(op " v0.1d, v1.2s");                                                                         \
    T(op " v0.2d, v1.4s")
#define SHIFT_LONG(op, b, h, s)                                                                    \
    T(op " v0.8h, v1.8b, #" #b);                                                                   \
    T(op "2 v0.8h, v1.16b, #" #b);                                                                 \
    T(op " v0.4s, v1.4h, #" #h);                                                                   \
    T(op "2 v0.4s, v1.8h, #" #h);                                                                  \
    T(op " v0.2d, v1.2s, #" #s);                                                                   \
    T(op "2 v0.2d, v1.4s, #" #s)

#define SHIFT(op, b, h, s, d)                                                                      \
    T(op " v0.8b, v1.8b, #" #b);                                                                   \
    T(op " v0.16b, v1.16b, #" #b);                                                                 \
    T(op " v0.4h, v1.4h, #" #h);                                                                   \
    T(op " v0.8h, v1.8h, #" #h);                                                                   \
    T(op " v0.2s, v1.2s, #" #s);                                                                   \
    T(op " v0.4s, v1.4s, #" #s);                                                                   \
    T(op " v0.2d, v1.2d, #" #d);                                                                   \
    T(op " d0, d1, #" #d)

/* A pairwise op in a loop (its V registers pinned in host registers) whose Vn and Vm are one
 * register, then folded back into it: 5 rounds over operand sets as T's. */
#define LOOP(INSN)                                                                                 \
    do {                                                                                           \
        uint64_t h_ = GUEST_HASH_INIT;                                                             \
        guest_rng_state = 0x100b5 + __LINE__;                                                      \
        for (int i_ = 0; i_ < 32; i_++) {                                                          \
            uint64_t in_[6], out_[2], n_ = 5;                                                      \
            fill(in_);                                                                             \
            __asm__ volatile("ldp q0, q1, [%2]\n"                                                 \
                             "1:\t" INSN "\n\t"                                                   \
                             "add v1.16b, v1.16b, v0.16b\n\t"                                     \
                             "subs %0, %0, #1\n\t"                                                 \
                             "b.ne 1b\n\t"                                                        \
                             "str q1, [%1]"                                                        \
                             : "+r"(n_)                                                            \
                             : "r"(out_), "r"(in_)                                                 \
                             : "v0", "v1", "memory", "cc");                                        \
            h_ = guest_mix(guest_mix(h_, out_[0]), out_[1]);                                       \
        }                                                                                          \
        report("loop: " INSN, h_);                                                                 \
    } while (0)

int main(void)
{
    LOOP("umaxp v0.16b, v1.16b, v1.16b");
    LOOP("sminp v0.8h, v1.8h, v1.8h");
    LOOP("addp v0.4s, v1.4s, v1.4s");
    LOOP("umaxp v0.16b, v1.16b, v0.16b");
    SAME_ALL("add");
    SAME_ALL("sub");
    SAME_ALL("cmeq");
    SAME_ALL("cmtst");
    SAME_ALL("cmge");
    SAME_ALL("cmhs");
    SAME_ALL("cmgt");
    SAME_ALL("cmhi");
    SAME_BHS("smax");
    SAME_BHS("umax");
    SAME_BHS("smin");
    SAME_BHS("umin");
    SAME_BHS("sabd");
    SAME_BHS("uabd");
    SAME_BHS("mul");
    SAME_BHS("mla");
    SAME_BHS("mls");
    SAME_ALL("sqadd");
    SAME_ALL("uqadd");
    SAME_ALL("sqsub");
    SAME_ALL("uqsub");
    T("sqadd b0, b1, b2");
    T("uqsub h0, h1, h2");
    T("uqadd s0, s1, s2");
    SAME_BHS("shadd");
    SAME_BHS("uhadd");
    SAME_BHS("srhadd");
    SAME_BHS("urhadd");
    SAME_BHS("addp");
    T("addp v0.2d, v1.2d, v2.2d");
    SAME_BHS("smaxp");
    SAME_BHS("umaxp");
    SAME_BHS("sminp");
    SAME_BHS("uminp");
    /* Vd as a source too. */
    T("add v0.16b, v0.16b, v2.16b");
    T("umaxp v0.16b, v2.16b, v0.16b");
    T("mla v0.8h, v0.8h, v0.8h");
    T("uaddw2 v0.2d, v0.2d, v0.4s");
    T("smlal v0.4s, v0.4h, v2.4h");

    LONG("saddl");
    LONG("uaddl");
    LONG("ssubl");
    LONG("usubl");
    WIDE("saddw");
    WIDE("uaddw");
    WIDE("ssubw");
    WIDE("usubw");
    LONG("sabal");
    LONG("uabal");
    LONG("sabdl");
    LONG("uabdl");
    LONG("smlal");
    LONG("umlal");
    LONG("smlsl");
    LONG("umlsl");
    LONG("smull");
    LONG("umull");

    /* By element: Vm's lane replicated. */
    T("mul v0.4h, v1.4h, v2.h[3]");
    T("mla v0.8h, v1.8h, v2.h[7]");
    T("mls v0.4s, v1.4s, v2.s[2]");
    T("smlal v0.4s, v1.4h, v2.h[5]");
    T("umlal2 v0.2d, v1.4s, v2.s[1]");
    T("smull2 v0.4s, v1.8h, v2.h[0]");
    T("umull v0.2d, v1.2s, v2.s[3]");
    T("smlsl2 v0.2d, v1.4s, v2.s[2]");

    ACROSS("addv");
    ACROSS("smaxv");
    ACROSS("umaxv");
    ACROSS("sminv");
    ACROSS("uminv");

    MISC_ALL("cmeq", ", #0");
    MISC_ALL("cmge", ", #0");
    MISC_ALL("cmgt", ", #0");
    MISC_ALL("cmle", ", #0");
    MISC_ALL("cmlt", ", #0");
    MISC_ALL("abs", "");
    MISC_ALL("neg", "");
    T("rev64 v0.8b, v1.8b");
    T("rev64 v0.16b, v1.16b");
    T("rev64 v0.4h, v1.4h");
    T("rev64 v0.8h, v1.8h");
    T("rev64 v0.2s, v1.2s");
    T("rev64 v0.4s, v1.4s");
    T("rev32 v0.8b, v1.8b");
    T("rev32 v0.16b, v1.16b");
    T("rev32 v0.4h, v1.4h");
    T("rev32 v0.8h, v1.8h");
    T("rev16 v0.8b, v1.8b");
    T("rev16 v0.16b, v0.16b");
    T("not v0.8b, v1.8b");
    T("not v0.16b, v1.16b");
    T("cnt v0.8b, v1.8b");
    T("cnt v0.16b, v1.16b");
    T("abs v0.16b, v0.16b");
    NARROW("xtn", "");
    NARROW("shrn", ", #1");
    NARROW("shrn", ", #5");
    T("shrn v0.8b, v1.8h, #8");
    T("shrn2 v0.16b, v1.8h, #8");
    T("shrn v0.4h, v1.4s, #16");
    T("shrn2 v0.4s, v1.2d, #32");
    T("shrn2 v0.16b, v0.8h, #4");

    ACROSS_LONG("saddlv");
    ACROSS_LONG("uaddlv");
    PAIR_LONG("saddlp");
    PAIR_LONG("uaddlp");
    PAIR_LONG("sadalp");
    PAIR_LONG("uadalp");
    SHIFT_LONG("sshll", 0, 0, 0);
    SHIFT_LONG("ushll", 0, 0, 0);
    SHIFT_LONG("sshll", 3, 9, 17);
    SHIFT_LONG("ushll", 7, 15, 31);
    SHIFT_LONG("sshll", 7, 15, 31);
    T("sxtl v0.8h, v1.8b");
    T("uxtl2 v0.4s, v1.8h");
    T("uxtl2 v0.2d, v0.4s");

    SHIFT("shl", 0, 0, 0, 0);
    SHIFT("shl", 3, 9, 17, 33);
    SHIFT("shl", 7, 15, 31, 63);
    SHIFT("sshr", 1, 1, 1, 1);
    SHIFT("sshr", 5, 11, 29, 45);
    SHIFT("sshr", 8, 16, 32, 64);
    SHIFT("ushr", 1, 1, 1, 1);
    SHIFT("ushr", 6, 13, 20, 40);
    SHIFT("ushr", 8, 16, 32, 64);
    SHIFT("ssra", 2, 7, 31, 63);
    SHIFT("ssra", 8, 16, 32, 64);
    SHIFT("usra", 3, 14, 1, 7);
    SHIFT("usra", 8, 16, 32, 64);
    SHIFT("srshr", 1, 1, 1, 1);
    SHIFT("srshr", 5, 11, 29, 45);
    SHIFT("srshr", 8, 16, 32, 64);
    SHIFT("urshr", 1, 1, 1, 1);
    SHIFT("urshr", 8, 16, 32, 64);
    SHIFT("srsra", 3, 9, 17, 33);
    SHIFT("srsra", 8, 16, 32, 64);
    SHIFT("ursra", 2, 15, 31, 63);
    SHIFT("ursra", 8, 16, 32, 64);
    return 0;
}
