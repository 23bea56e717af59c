/* Unit tests of the decoder on hand-checked words (the bulk agreement check
 * against capstone is tests/decode/decode_vs_capstone.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "decode/a64.h"

static void init(void)
{
    const char *err = NULL;
    cr_assert_eq(a64_decode_init(&err), 0, "%s", err ? err : "");
}

TestSuite(decode, .init = init);

static unsigned op_by_name(const char *name)
{
    for (unsigned op = 1; op < A64_OP_COUNT; op++)
        if (strcmp(a64_op_name(op), name) == 0)
            return op;
    return A64_OP_INVALID;
}

Test(decode, add_imm)
{
    struct a64_insn in;
    cr_assert(a64_decode(0x91000400, &in)); /* add x0, x0, #1 */
    cr_assert_str_eq(a64_op_name(in.op), "ADD_imm");
    cr_assert_eq(in.cls, A64_C_INT);
    cr_assert_eq(in.raw, 0x91000400u);
    cr_assert_eq(in.f[A64_F_Rd], 0);
    cr_assert_eq(in.f[A64_F_Rn], 0);
    cr_assert_eq(in.f[A64_F_imm12], 1);
    cr_assert_eq(in.f[A64_F_sf], 1);
    cr_assert_eq(in.f[A64_F_op], 0);
    cr_assert_eq(in.f[A64_F_S], 0);
}

Test(decode, sub_imm_fields)
{
    struct a64_insn in;
    cr_assert(a64_decode(0xf1003c3f, &in)); /* subs xzr, x1, #15 (cmp x1, #15) */
    cr_assert_str_eq(a64_op_name(in.op), "ADD_imm");
    cr_assert_eq(in.f[A64_F_op], 1);
    cr_assert_eq(in.f[A64_F_S], 1);
    cr_assert_eq(in.f[A64_F_Rd], 31);
    cr_assert_eq(in.f[A64_F_Rn], 1);
    cr_assert_eq(in.f[A64_F_imm12], 15);
}

Test(decode, zero_word_is_udf)
{
    struct a64_insn in;
    cr_assert_not(a64_decode(0x00000000, &in));
    cr_assert_eq(in.op, A64_OP_INVALID);
    cr_assert_not(a64_decode(0x0000ffff, &in)); /* udf #0xffff */
}

Test(decode, branches)
{
    struct a64_insn in;
    cr_assert(a64_decode(0x14000010, &in)); /* b .+64 */
    cr_assert_str_eq(a64_op_name(in.op), "B");
    cr_assert_eq(in.f[A64_F_imm26], 16);
    cr_assert(a64_decode(0x97ffffff, &in)); /* bl .-4 */
    cr_assert_str_eq(a64_op_name(in.op), "B");
    cr_assert_eq(in.f[A64_F_op], 1);
    cr_assert_eq(a64_sext(in.f[A64_F_imm26], 26), -1);
    cr_assert(a64_decode(0x54000041, &in)); /* b.ne .+8 */
    cr_assert_str_eq(a64_op_name(in.op), "B_cond");
    cr_assert_eq(in.f[A64_F_cond], 1);
    cr_assert_eq(in.f[A64_F_imm19], 2);
    cr_assert(a64_decode(0xd65f03c0, &in)); /* ret */
    cr_assert_str_eq(a64_op_name(in.op), "RET");
    cr_assert_eq(in.f[A64_F_Rn], 30);
    cr_assert(a64_decode(0xd4000001, &in)); /* svc #0 */
    cr_assert_str_eq(a64_op_name(in.op), "SVC");
    cr_assert_eq(in.cls, A64_C_BRANCH);
}

Test(decode, movz_fields)
{
    struct a64_insn in;
    cr_assert(a64_decode(0xd2a24681, &in)); /* movz x1, #0x1234, lsl #16 */
    cr_assert_str_eq(a64_op_name(in.op), "MOVZ");
    cr_assert_eq(in.f[A64_F_hw], 1);
    cr_assert_eq(in.f[A64_F_imm16], 0x1234);
    cr_assert_eq(in.f[A64_F_Rd], 1);
}

/* 1 if the entry of `got` is at least as specific (fixed bits) as that of `want`. */
static int popcount_ge(unsigned want, unsigned got)
{
    uint32_t mw, vw, mg, vg;
    a64_op_pattern(want, &mw, &vw);
    a64_op_pattern(got, &mg, &vg);
    return __builtin_popcount(mg) >= __builtin_popcount(mw);
}

Test(decode, most_specific_wins)
{
    /* An op's own pattern value decodes as that op, or as a line at least as
     * specific that overlaps it. */
    for (unsigned op = 1; op < A64_OP_COUNT; op++) {
        if (a64_op_class(op) == A64_C_UNALLOC)
            continue;
        uint32_t mask, value;
        a64_op_pattern(op, &mask, &value);
        cr_assert_eq(value & ~mask, 0, "%s: value outside mask", a64_op_name(op));
        struct a64_insn in;
        if (a64_decode(value, &in))
            cr_assert_eq(popcount_ge(op, in.op), 1, "%s decodes as less specific %s",
                         a64_op_name(op), a64_op_name(in.op));
    }
}

Test(decode, names_and_classes)
{
    cr_assert_str_eq(a64_op_name(A64_OP_INVALID), "INVALID");
    cr_assert_str_eq(a64_op_name(A64_OP_COUNT + 5), "INVALID");
    cr_assert_eq(a64_op_class(A64_OP_INVALID), A64_C_UNALLOC);
    cr_assert_str_eq(a64_class_name(A64_C_INT), "int");
    cr_assert_str_eq(a64_field_name(A64_F_Rd), "Rd");
    cr_assert_neq(op_by_name("ADD_imm"), A64_OP_INVALID);
    cr_assert_eq(a64_op_class(op_by_name("ADD_imm")), A64_C_INT);
}

Test(decode, sext)
{
    cr_assert_eq(a64_sext(0x1ff, 9), -1);
    cr_assert_eq(a64_sext(0x0ff, 9), 255);
    cr_assert_eq(a64_sext(0x2000000, 26), -33554432);
}
