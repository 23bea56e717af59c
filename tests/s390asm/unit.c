/*
 * Assembler unit tests that need no reference assembler: labels and their fixups (checked
 * against the plain encoders, which check.sh compares with binutils), range checks, buffer
 * overflow, in-place BRCL retargeting, facility-list decoding. Runs on every host.
 */
#include "backend-s390x/s390_emit.h"
#include "backend-s390x/s390_facilities.h"
#include "backend-s390x/s390_label.h"

#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c);                  \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static _Alignas(8) uint8_t mem[1 << 18], ref[64];

/* A branch to a label emitted at `at` with the label bound at `to` must equal the plain
 * encoder with the offset to - at, whether the label is bound before (backward) or after. */
static void check_label_kind(int kind, int64_t at, int64_t to) {
    struct s390_buf b, r;
    struct s390_label l;
    s390_buf_init(&b, mem, sizeof(mem));
    s390_label_init(&l);
    memset(mem, 0x07, sizeof(mem)); /* NOPR filler */
    if (to <= at) {
        b.len = (size_t)to;
        s390_label_bind(&b, &l);
    }
    b.len = (size_t)at;
    switch (kind) {
    case 0:
        S390_EMIT_LABEL(&b, RIc, BRC, 8, &l);
        break;
    case 1:
        S390_EMIT_LABEL(&b, RIb, BRCTG, 3, &l);
        break;
    case 2:
        S390_EMIT_LABEL(&b, RILc, BRCL, 15, &l);
        break;
    case 3:
        S390_EMIT_LABEL(&b, RILb, LARL, 1, &l);
        break;
    case 4:
        S390_EMIT_LABEL(&b, RIEb, CGRJ, 1, 2, S390_CMP_NE, &l);
        break;
    case 5:
        S390_EMIT_LABEL(&b, RIEc, CLGIJ, 14, 200, S390_CMP_LT, &l);
        break;
    }
    size_t n = b.len - (size_t)at;
    if (to > at) {
        b.len = (size_t)to;
        s390_label_bind(&b, &l);
    }
    s390_buf_init(&r, ref, sizeof(ref));
    int64_t off = to - at;
    switch (kind) {
    case 0:
        S390_EMIT(&r, RIc, BRC, 8, off);
        break;
    case 1:
        S390_EMIT(&r, RIb, BRCTG, 3, off);
        break;
    case 2:
        S390_EMIT(&r, RILc, BRCL, 15, off);
        break;
    case 3:
        S390_EMIT(&r, RILb, LARL, 1, off);
        break;
    case 4:
        S390_EMIT(&r, RIEb, CGRJ, 1, 2, S390_CMP_NE, off);
        break;
    case 5:
        S390_EMIT(&r, RIEc, CLGIJ, 14, 200, S390_CMP_LT, off);
        break;
    }
    CHECK(!b.error && !r.error && n == r.len && memcmp(mem + at, ref, n) == 0);
}

static void test_labels(void) {
    for (int kind = 0; kind < 6; kind++) {
        check_label_kind(kind, 0, 0);
        check_label_kind(kind, 100, 10);
        check_label_kind(kind, 10, 100);
        check_label_kind(kind, 65534, 0); /* -64 KiB + 2: the 16-bit limit */
        check_label_kind(kind, 0, 65534);
    }
    check_label_kind(2, 0, 200000); /* BRCL/LARL reach beyond 16 bits */
    check_label_kind(3, 200000, 2);

    /* Several branches waiting for one label, then one after it. */
    struct s390_buf b;
    struct s390_label l;
    s390_buf_init(&b, mem, sizeof(mem));
    s390_label_init(&l);
    S390_EMIT_LABEL(&b, RIc, BRC, 15, &l);
    S390_EMIT_LABEL(&b, RILc, BRCL, 4, &l);
    S390_EMIT_LABEL(&b, RIEb, CRJ, 1, 2, 8, &l);
    CHECK(!s390_label_bound(&l));
    s390_label_bind(&b, &l);
    CHECK(s390_label_bound(&l) && l.pos == 16);
    S390_EMIT_LABEL(&b, RIc, BRC, 15, &l);
    static const uint8_t want[] = {0xa7, 0xf4, 0x00, 0x08, 0xc0, 0x44, 0x00, 0x00, 0x00, 0x06,
                                   0xec, 0x12, 0x00, 0x03, 0x80, 0x76, 0xa7, 0xf4, 0x00, 0x00};
    CHECK(b.len == sizeof(want) && memcmp(mem, want, sizeof(want)) == 0);

    /* A 16-bit branch whose label ends up too far away is an error. */
    s390_buf_init(&b, mem, sizeof(mem));
    b.expect_errors = true;
    s390_label_init(&l);
    S390_EMIT_LABEL(&b, RIc, BRC, 15, &l);
    b.len = 65536;
    s390_label_bind(&b, &l);
    CHECK(b.error);
}

static void test_range_checks(void) {
    struct s390_buf b;
#define EXPECT_ERROR(stmt)                                                                         \
    do {                                                                                           \
        s390_buf_init(&b, mem, sizeof(mem));                                                       \
        b.expect_errors = true;                                                                    \
        stmt;                                                                                      \
        CHECK(b.error &&b.len == 0);                                                               \
    } while (0)
    EXPECT_ERROR(S390_EMIT(&b, RXY, LG, 1, 0, 2, 524288));
    EXPECT_ERROR(S390_EMIT(&b, RXY, LG, 1, 0, 2, -524289));
    EXPECT_ERROR(S390_EMIT(&b, RX, L, 1, 0, 2, 4096));
    EXPECT_ERROR(S390_EMIT(&b, RX, L, 1, 0, 2, -1));
    EXPECT_ERROR(S390_EMIT(&b, RRE, LGR, 16, 0));
    EXPECT_ERROR(S390_EMIT(&b, RI, LGHI, 1, 65536));
    EXPECT_ERROR(S390_EMIT(&b, RI, LGHI, 1, -32769));
    EXPECT_ERROR(S390_EMIT(&b, RIL, LGFI, 1, INT64_C(0x100000000)));
    EXPECT_ERROR(S390_EMIT(&b, RIc, BRC, 15, 3));
    EXPECT_ERROR(S390_EMIT(&b, RIc, BRC, 15, 65536));
    EXPECT_ERROR(S390_EMIT(&b, RILc, BRCL, 15, INT64_C(0x100000000)));
    EXPECT_ERROR(S390_EMIT(&b, VRRc, VA, 32, 0, 0, 3, 0, 0));
    EXPECT_ERROR(S390_EMIT(&b, VRSc, VLGV, 16, 1, 0, 0, 3)); /* R1 is a GPR */
    EXPECT_ERROR(S390_EMIT(&b, SSa, MVC, 0, 1, 0, 2, 0));
    EXPECT_ERROR(S390_EMIT(&b, SSa, MVC, 257, 1, 0, 2, 0));
    EXPECT_ERROR(S390_EMIT(&b, RIEf, RISBG, 1, 2, 256, 0, 0));
    /* An instruction handed to the encoder of another format (bypassing S390_EMIT). */
    EXPECT_ERROR(s390_emit_RRE(&b, RXY_LG, 1, 2));
#undef EXPECT_ERROR

    /* Boundaries that are fine: both signed and unsigned views of an immediate. */
    s390_buf_init(&b, mem, sizeof(mem));
    S390_EMIT(&b, RI, LGHI, 1, -32768);
    S390_EMIT(&b, RI, NILL, 1, 65535);
    S390_EMIT(&b, RIL, LLILF, 1, INT64_C(0xffffffff));
    S390_EMIT(&b, RIL, LGFI, 1, INT32_MIN);
    S390_EMIT(&b, RXY, LG, 1, 0, 2, -524288);
    S390_EMIT(&b, E, TRAP2);
    CHECK(!b.error && b.len == 4 + 4 + 6 + 6 + 6 + 2);

    /* Overflow: nothing is written once an instruction does not fit. */
    s390_buf_init(&b, mem, 8);
    S390_EMIT(&b, RRE, LGR, 1, 2);
    S390_EMIT(&b, RXY, LG, 1, 0, 2, 0);
    S390_EMIT(&b, RR, LR, 1, 2);
    CHECK(b.overflow && !b.error && b.len == 4);
}

static void test_patch(void) {
    struct s390_buf b;
    s390_buf_init(&b, mem, sizeof(mem));
    S390_EMIT(&b, RR, LR, 1, 2);
    s390_emit_align_patchable(&b);
    CHECK((b.len + 2) % 4 == 0);
    size_t at = b.len;
    S390_EMIT(&b, RILc, BRCL, 15, 0);
    CHECK(s390_patch_ril(mem + at, mem + at + 1000));
    static const uint8_t want[] = {0xc0, 0xf4, 0x00, 0x00, 0x01, 0xf4};
    CHECK(memcmp(mem + at, want, 6) == 0);
    CHECK(s390_patch_ril(mem + at, mem));
    CHECK(mem[at + 2] == 0xff && mem[at + 5] == (uint8_t)(-(int)at / 2));
    CHECK(!s390_patch_ril(mem + at, mem + at + 1)); /* odd target */
    CHECK(!s390_patch_ril(mem + 3, mem));            /* odd site */
    /* A field across two doublewords (site at 4 mod 8): a plain store, same bytes. */
    S390_EMIT(&b, RILc, BRCL, 15, 0);
    memcpy(mem + 4, mem + at, 6);
    CHECK(s390_patch_ril(mem + 4, mem + 4 + 1000));
    CHECK(memcmp(mem + 4, want, 6) == 0);
    /* A site at 0 mod 8 (field inside its doubleword): one 8-byte store, the next
     * instruction's first bytes kept; a site at 4 mod 8 is padded to 6 mod 8. */
    s390_buf_init(&b, mem, sizeof(mem));
    S390_EMIT(&b, RRE, LGR, 1, 2);
    S390_EMIT(&b, RRE, LGR, 3, 4);
    s390_emit_align_patchable(&b);
    CHECK(b.len == 8);
    S390_EMIT(&b, RILc, BRCL, 15, 0);
    S390_EMIT(&b, RR, LR, 5, 6);
    CHECK(s390_patch_ril(mem + 8, mem + 8 + 1000));
    static const uint8_t want8[] = {0xc0, 0xf4, 0x00, 0x00, 0x01, 0xf4, 0x18, 0x56};
    CHECK(memcmp(mem + 8, want8, 8) == 0);
    s390_buf_init(&b, mem, sizeof(mem));
    S390_EMIT(&b, RRE, LGR, 1, 2);
    s390_emit_align_patchable(&b);
    CHECK(b.len == 6);
}

static void test_facilities(void) {
    uint64_t list[3] = {0};
    uint32_t have;
    /* STFLE numbering: bit 0 is the leftmost bit of the first doubleword. */
#define SET(n) (list[(n) / 64] |= UINT64_C(1) << (63 - (n) % 64))
    SET(21), SET(34), SET(35);
    CHECK(s390_facilities_from_stfle(list, 3) == 0); /* bit 45 missing: no z196 baseline */
    SET(45);
    CHECK(s390_facilities_from_stfle(list, 3) == S390_FAC_BIT(S390_FAC_BASE));
    SET(129), SET(61), SET(148);
    have = s390_facilities_from_stfle(list, 3);
    CHECK(have == (S390_FAC_BIT(S390_FAC_BASE) | S390_FAC_BIT(S390_FAC_VX) |
                   S390_FAC_BIT(S390_FAC_MIE3) | S390_FAC_BIT(S390_FAC_VXE2)));
    /* Bits 128 and up are in the third doubleword: a short list lacks VX and VXE2. */
    CHECK(s390_facilities_from_stfle(list, 2) ==
          (have & ~(S390_FAC_BIT(S390_FAC_VX) | S390_FAC_BIT(S390_FAC_VXE2))));
#undef SET
    uint32_t z13, z15;
    CHECK(s390_facilities_level("z13", &z13) && s390_facilities_level("z15", &z15));
    CHECK((z13 & S390_FAC_BIT(S390_FAC_VX)) && !(z13 & S390_FAC_BIT(S390_FAC_MIE2)));
    CHECK((z15 & z13) == z13 && (z15 & S390_FAC_BIT(S390_FAC_VXE2)));
    CHECK(!s390_facilities_level("z12", &have));
    struct s390_facilities f;
    const char *err = NULL;
    CHECK(s390_facilities_detect(&f, "bogus", &err) == -1 && err != NULL);
    CHECK(s390_facilities_detect(&f, "z196", &err) == 0);
    CHECK((f.have & ~S390_FAC_BIT(S390_FAC_BASE)) == 0);
    /* --cpu-facilities lists: levels and names, the baseline always in. */
    uint32_t cap;
    CHECK(s390_facilities_cap("mie2", &cap) &&
          cap == (S390_FAC_BIT(S390_FAC_BASE) | S390_FAC_BIT(S390_FAC_MIE2)));
    CHECK(s390_facilities_cap("z13,mie3", &cap) && cap == (z13 | S390_FAC_BIT(S390_FAC_MIE3)));
    CHECK(!s390_facilities_cap(",z13", &cap) && !s390_facilities_cap("vx,nope", &cap));
    CHECK(s390_facilities_detect(&f, "z196,lsc2", &err) == 0);
    CHECK((f.have & ~(S390_FAC_BIT(S390_FAC_BASE) | S390_FAC_BIT(S390_FAC_LSC2))) == 0);
}

static void test_table(void) {
    /* Mnemonics are unique, opcodes fit their format. */
    for (int i = 0; i < S390_INSN_COUNT; i++) {
        const struct s390_insn_info *a = &s390_insn_table[i];
        CHECK(a->mnemonic && a->syntax);
        for (int j = i + 1; j < S390_INSN_COUNT; j++)
            CHECK(strcmp(a->mnemonic, s390_insn_table[j].mnemonic) != 0);
    }
}

int main(void) {
    test_labels();
    test_range_checks();
    test_patch();
    test_facilities();
    test_table();
    if (failures) {
        fprintf(stderr, "s390asm unit: %d failures\n", failures);
        return 1;
    }
    printf("s390asm unit: ok (%d instructions in the table)\n", S390_INSN_COUNT);
    return 0;
}
