/* Unit tests of the IR builder, printer and optimiser. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

static char *print_block(const struct ir_block *b)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    ir_print(f, b);
    fclose(f);
    return buf;
}

static unsigned count_op(const struct ir_block *b, unsigned op)
{
    unsigned n = 0;
    for (uint32_t k = 0; k < b->n; k++)
        n += b->insn[k].op == op;
    return n;
}

Test(ir_builder, temps_and_arity)
{
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    ir_val x = ir_get(&b, 1);
    ir_val c = ir_const(&b, 5);
    ir_val s = ir_bin(&b, IR_ADD, IR_I64, x, c);
    ir_set(&b, 0, s);
    cr_assert_eq(x, 1);
    cr_assert_eq(c, 2);
    cr_assert_eq(s, 3);
    cr_assert_not(ir_block_terminated(&b));
    ir_goto(&b, 0x1004);
    cr_assert(ir_block_terminated(&b));
    cr_assert_eq(b.n, 5);
    cr_assert_eq(b.insn[2].nargs, 2);
    cr_assert_eq(b.insn[3].dst, 0); /* SET has no result */
    cr_assert_eq(ir_op_nargs(IR_SELECT), 3);
    cr_assert(ir_op_flags(IR_STORE) & IRF_FAULT);
    cr_assert(ir_op_flags(IR_GOTO) & IRF_TERM);
    cr_assert_str_eq(ir_op_name(IR_ADD), "ADD");
    ir_block_free(&b);
}

Test(ir_printer, small_block)
{
    struct ir_block b;
    ir_block_init(&b, 0x400000);
    b.ninsns = 1;
    ir_val x = ir_get(&b, 1);
    ir_val s = ir_bini(&b, IR_ADD, IR_I32, x, 0x10);
    ir_set(&b, 0, s);
    ir_goto(&b, 0x400004);
    char *text = print_block(&b);
    const char *want = "IR block 0x400000 (1 guest insns)\n"
                       "     0: t1   = GET x1\n"
                       "     0: t2   = CONST 0x10\n"
                       "     0: t3   = ADD.32 t1, t2\n"
                       "     0:        SET t3 x0\n"
                       "     0:        GOTO 0x400004\n";
    cr_assert_str_eq(text, want);
    free(text);
    ir_block_free(&b);
}

Test(ir_printer, memory_and_exit)
{
    struct ir_block b;
    ir_block_init(&b, 0x2000);
    ir_val a = ir_get(&b, 31);
    b.cur_pcoff = 4;
    ir_val v = ir_load(&b, IR_I64, a, 4, true);
    ir_store(&b, a, v, 2);
    ir_exit(&b, IR_EXIT_SVC, 0x2008, ir_const(&b, 0));
    char *text = print_block(&b);
    cr_assert(strstr(text, "t1   = GET sp\n"), "%s", text);
    cr_assert(strstr(text, "     4: t2   = LOAD t1 size=4 signed\n"), "%s", text);
    cr_assert(strstr(text, "STORE t1, t2 size=2\n"), "%s", text);
    /* Every instruction takes a temp number, the STORE t3 too (ir.h). */
    cr_assert(strstr(text, "EXIT t4 reason=1 pc=0x2008\n"), "%s", text);
    free(text);
    ir_block_free(&b);
}

Test(ir_opt, get_after_set_forwarded)
{
    struct ir_block b;
    ir_block_init(&b, 0);
    ir_val x = ir_get(&b, 1);
    ir_val y = ir_bini(&b, IR_ADD, IR_I64, x, 1);
    ir_set(&b, 2, y);
    ir_val z = ir_get(&b, 2); /* forwarded: y */
    ir_val w = ir_get(&b, 1); /* forwarded: x */
    ir_set(&b, 3, ir_bin(&b, IR_MUL, IR_I64, z, w));
    ir_goto(&b, 4);
    ir_optimize(&b);
    cr_assert_eq(count_op(&b, IR_GET), 1);
    cr_assert_eq(count_op(&b, IR_SET), 2);
    for (uint32_t k = 0; k < b.n; k++)
        if (b.insn[k].op == IR_MUL) {
            cr_assert_eq(b.insn[k].arg[0], y);
            cr_assert_eq(b.insn[k].arg[1], x);
        }
    ir_block_free(&b);
}

Test(ir_opt, dead_set_nzcv_removed)
{
    struct ir_block b;
    ir_block_init(&b, 0);
    ir_val x = ir_get(&b, 1);
    ir_set_nzcv(&b, ir_un(&b, IR_NZCV_LOGIC, IR_I64, x)); /* overwritten below: dead */
    ir_val y = ir_get(&b, 2);
    ir_set_nzcv(&b, ir_bin(&b, IR_NZCV_SUB, IR_I64, x, y));
    ir_goto(&b, 4);
    ir_optimize(&b);
    cr_assert_eq(count_op(&b, IR_SET_NZCV), 1);
    cr_assert_eq(count_op(&b, IR_NZCV_LOGIC), 0);
    cr_assert_eq(count_op(&b, IR_NZCV_SUB), 1);
    ir_block_free(&b);
}

Test(ir_opt, set_before_fault_kept)
{
    struct ir_block b;
    ir_block_init(&b, 0);
    ir_set(&b, 0, ir_const(&b, 1));
    ir_val v = ir_load(&b, IR_I64, ir_const(&b, 0x100), 8, false);
    ir_set(&b, 0, v);
    ir_goto(&b, 4);
    ir_optimize(&b);
    /* The load may fault, so the first SET must be visible to the handler. */
    cr_assert_eq(count_op(&b, IR_SET), 2);
    ir_block_free(&b);
}

Test(ir_opt, constants_folded)
{
    struct ir_block b;
    ir_block_init(&b, 0);
    ir_val a = ir_const(&b, 6);
    ir_val m = ir_bini(&b, IR_MUL, IR_I64, a, 7);
    ir_val s = ir_bini(&b, IR_SUB, IR_I32, m, 50); /* 42 - 50, 32 bits */
    ir_set(&b, 0, s);
    ir_brcond(&b, ir_bin(&b, IR_SETEQ, IR_I64, a, a), 0x10, 0x20);
    ir_optimize(&b);
    cr_assert_eq(count_op(&b, IR_MUL), 0);
    cr_assert_eq(count_op(&b, IR_SUB), 0);
    cr_assert_eq(count_op(&b, IR_BRCOND), 0);
    cr_assert_eq(count_op(&b, IR_GOTO), 1);
    bool seen = false;
    for (uint32_t k = 0; k < b.n; k++) {
        const struct ir_insn *i = &b.insn[k];
        if (i->op == IR_SET) {
            ir_val src = i->arg[0];
            for (uint32_t j = 0; j < b.n; j++)
                if (b.insn[j].dst == src) {
                    cr_assert_eq(b.insn[j].op, IR_CONST);
                    cr_assert_eq(b.insn[j].imm, 0xfffffff8u);
                    seen = true;
                }
        }
        if (i->op == IR_GOTO)
            cr_assert_eq(i->imm, 0x10);
    }
    cr_assert(seen);
    ir_block_free(&b);
}

Test(ir_opt, unused_pure_removed)
{
    struct ir_block b;
    ir_block_init(&b, 0);
    ir_val x = ir_get(&b, 1);
    ir_un(&b, IR_CLZ, IR_I64, x);
    ir_goto(&b, 4);
    ir_optimize(&b);
    cr_assert_eq(b.n, 1);
    cr_assert_eq(b.insn[0].op, IR_GOTO);
    ir_block_free(&b);
}
