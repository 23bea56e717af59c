/* Unit tests of the threaded interpreter: every IR_BIN/IR_UN op at both widths
 * against the expressions of ops.def (ir/semantics.h), memory byte order, and
 * precise faults. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "ir/env.h"
#include "ir/interp.h"
#include "ir/ir.h"
#include "ir/semantics.h"
#include "ir/translate.h"

#define MEM_SIZE 4096
static uint64_t cache_gen = 1;
static uint8_t mem[MEM_SIZE];

static struct ir_iblock *no_block(struct ir_env *env, uint64_t pc) { return NULL; }

static struct ir_env *new_env(void)
{
    struct ir_env *env = calloc(1, sizeof *env);
    cr_assert_not_null(env);
    memset(mem, 0, sizeof mem);
    env->mem = mem;
    env->mem_size = MEM_SIZE;
    env->cache_gen = &cache_gen;
    env->lookup = no_block;
    return env;
}

static uint32_t run(struct ir_env *env, struct ir_iblock *blk)
{
    env->exit = IR_EXIT_NONE;
    env->exit_info = 0;
    return ir_interp_run(env, blk);
}

static struct ir_iblock *compile(struct ir_block *b)
{
    ir_optimize(b);
    struct ir_iblock *blk = ir_interp_compile(b);
    cr_assert_not_null(blk);
    return blk;
}

static const uint64_t edge[] = {0,
                                1,
                                2,
                                31,
                                32,
                                63,
                                64,
                                0x7f,
                                0x80,
                                0xff,
                                0x7fff,
                                0x8000,
                                0x7fffffff,
                                0x80000000,
                                0xffffffff,
                                0x100000000ull,
                                0x7fffffffffffffffull,
                                0x8000000000000000ull,
                                0xffffffffffffffffull,
                                0xffffffff80000000ull,
                                0x123456789abcdef0ull,
                                0xfedcba9876543210ull};
#define NEDGE (sizeof edge / sizeof edge[0])

static uint64_t expect_bin(unsigned op, unsigned type, uint64_t A, uint64_t B)
{
    switch (op) {
#define IR_BIN(n, e32, e64)                                                                        \
    case IR_##n:                                                                                   \
        if (type == IR_I32) {                                                                      \
            uint32_t a = (uint32_t)A, b = (uint32_t)B;                                             \
            (void)a, (void)b;                                                                      \
            return (uint32_t)(e32);                                                                \
        } else {                                                                                   \
            uint64_t a = A, b = B;                                                                 \
            return (uint64_t)(e64);                                                                \
        }
#define IR_UN(n, e32, e64)
#define IR_OP(n, na, fl)
#include "ir/ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    }
    cr_assert_fail("not a binary op");
    return 0;
}

static uint64_t expect_un(unsigned op, unsigned type, uint64_t A)
{
    switch (op) {
#define IR_BIN(n, e32, e64)
#define IR_UN(n, e32, e64)                                                                         \
    case IR_##n:                                                                                   \
        if (type == IR_I32) {                                                                      \
            uint32_t a = (uint32_t)A;                                                              \
            return (uint32_t)(e32);                                                                \
        } else {                                                                                   \
            uint64_t a = A;                                                                        \
            return (uint64_t)(e64);                                                                \
        }
#define IR_OP(n, na, fl)
#include "ir/ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    }
    cr_assert_fail("not a unary op");
    return 0;
}

static const unsigned bin_ops[] = {
#define IR_BIN(n, e32, e64) IR_##n,
#define IR_UN(n, e32, e64)
#define IR_OP(n, na, fl)
#include "ir/ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
};
static const unsigned un_ops[] = {
#define IR_BIN(n, e32, e64)
#define IR_UN(n, e32, e64) IR_##n,
#define IR_OP(n, na, fl)
#include "ir/ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
};

/* x0 = op(x1, x2); x3 = op(x1, constant c) for every edge value c. */
Test(interp, binary_ops_both_widths)
{
    struct ir_env *env = new_env();
    for (unsigned k = 0; k < sizeof bin_ops / sizeof bin_ops[0]; k++) {
        unsigned op = bin_ops[k];
        for (unsigned type = IR_I32; type <= IR_I64; type++) {
            for (unsigned ci = 0; ci < NEDGE; ci++) {
                struct ir_block b;
                ir_block_init(&b, 0x1000);
                b.ninsns = 1;
                ir_val x = ir_get(&b, 1), y = ir_get(&b, 2);
                ir_set(&b, 0, ir_bin(&b, op, type, x, y));
                ir_set(&b, 3, ir_bini(&b, op, type, x, edge[ci]));
                ir_goto(&b, 0x1004);
                struct ir_iblock *blk = compile(&b);
                for (unsigned i = 0; i < NEDGE; i++) {
                    unsigned j = (i + ci) % NEDGE;
                    env->cpu.x[1] = edge[i];
                    env->cpu.x[2] = edge[j];
                    cr_assert_eq(run(env, blk), IR_EXIT_IFETCH);
                    cr_assert_eq(env->cpu.pc, 0x1004);
                    uint64_t want = expect_bin(op, type, edge[i], edge[j]);
                    cr_assert_eq(env->cpu.x[0], want, "%s.%s(%#lx, %#lx) = %#lx, want %#lx",
                                 ir_op_name(op), type ? "64" : "32", (unsigned long)edge[i],
                                 (unsigned long)edge[j], (unsigned long)env->cpu.x[0],
                                 (unsigned long)want);
                    want = expect_bin(op, type, edge[i], edge[ci]);
                    cr_assert_eq(env->cpu.x[3], want, "%s.%s(%#lx, #%#lx) = %#lx, want %#lx",
                                 ir_op_name(op), type ? "64" : "32", (unsigned long)edge[i],
                                 (unsigned long)edge[ci], (unsigned long)env->cpu.x[3],
                                 (unsigned long)want);
                }
                ir_interp_free(blk);
                ir_block_free(&b);
            }
        }
    }
    free(env);
}

Test(interp, unary_ops_both_widths)
{
    struct ir_env *env = new_env();
    for (unsigned k = 0; k < sizeof un_ops / sizeof un_ops[0]; k++) {
        unsigned op = un_ops[k];
        for (unsigned type = IR_I32; type <= IR_I64; type++) {
            struct ir_block b;
            ir_block_init(&b, 0x1000);
            b.ninsns = 1;
            ir_set(&b, 0, ir_un(&b, op, type, ir_get(&b, 1)));
            ir_goto(&b, 0x1004);
            struct ir_iblock *blk = compile(&b);
            for (unsigned i = 0; i < NEDGE; i++) {
                env->cpu.x[1] = edge[i];
                cr_assert_eq(run(env, blk), IR_EXIT_IFETCH);
                uint64_t want = expect_un(op, type, edge[i]);
                cr_assert_eq(env->cpu.x[0], want, "%s.%s(%#lx) = %#lx, want %#lx",
                             ir_op_name(op), type ? "64" : "32", (unsigned long)edge[i],
                             (unsigned long)env->cpu.x[0], (unsigned long)want);
            }
            ir_interp_free(blk);
            ir_block_free(&b);
        }
    }
    free(env);
}

/* A few values no reference computes for us: the Arm rules themselves. */
Test(interp, semantics_edge_cases)
{
    cr_assert_eq(sem_sdiv64(0x8000000000000000ull, ~0ull), 0x8000000000000000ull);
    cr_assert_eq(sem_sdiv32(0x80000000u, 0xffffffffu), 0x80000000u);
    cr_assert_eq(sem_udiv64(5, 0), 0);
    cr_assert_eq(sem_nzcv_add64(~0ull, 1, 0), 0x60000000u);            /* Z C */
    cr_assert_eq(sem_nzcv_add32(0x7fffffffu, 1, 0), 0x90000000u);      /* N V */
    cr_assert_eq(sem_nzcv_add64(5, ~5ull, 1), 0x60000000u);            /* 5 - 5: Z C */
    cr_assert_eq(sem_cls64(0), 63);
    cr_assert_eq(sem_clz32(0), 32);
    cr_assert_eq(sem_rbit32(1), 0x80000000u);
    cr_assert(sem_cond(0, 14) && sem_cond(0, 15));
    cr_assert(sem_cond(0x40000000, 0) && !sem_cond(0x40000000, 1)); /* EQ / NE */
}

Test(interp, cond_select_adc_extr)
{
    struct ir_env *env = new_env();
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    b.ninsns = 1;
    ir_val nz = ir_get_nzcv(&b);
    ir_val x = ir_get(&b, 1), y = ir_get(&b, 2);
    ir_val c = ir_emit(&b, IR_COND, IR_I64, nz, 0, 0, 2 /* CS */, 0);
    ir_set(&b, 0, ir_emit(&b, IR_SELECT, IR_I64, c, x, y, 0, 0));
    ir_set(&b, 3, ir_emit(&b, IR_ADC, IR_I64, x, y, nz, 0, 0));
    ir_set(&b, 4, ir_emit(&b, IR_EXTR, IR_I64, x, y, ir_const(&b, 8), 0, 0));
    ir_set(&b, 5, ir_emit(&b, IR_NZCV_ADC, IR_I32, x, y, nz, 0, 0));
    ir_goto(&b, 0x1004);
    struct ir_iblock *blk = compile(&b);
    env->cpu.x[1] = 0x1122334455667788ull;
    env->cpu.x[2] = 0x99aabbccddeeff00ull;
    env->cpu.pstate = 0x20000000; /* C */
    cr_assert_eq(run(env, blk), IR_EXIT_IFETCH);
    cr_assert_eq(env->cpu.x[0], 0x1122334455667788ull);
    cr_assert_eq(env->cpu.x[3], 0x1122334455667788ull + 0x99aabbccddeeff00ull + 1);
    cr_assert_eq(env->cpu.x[4], 0x8899aabbccddeeffull);
    cr_assert_eq(env->cpu.x[5], sem_nzcv_add32(0x55667788u, 0xddeeff00u, 1));
    env->cpu.pstate = 0;
    cr_assert_eq(run(env, blk), IR_EXIT_IFETCH);
    cr_assert_eq(env->cpu.x[0], 0x99aabbccddeeff00ull);
    ir_interp_free(blk);
    ir_block_free(&b);
    free(env);
}

Test(interp, memory_little_endian)
{
    struct ir_env *env = new_env();
    static const unsigned sizes[] = {1, 2, 4, 8};
    for (unsigned s = 0; s < 4; s++) {
        unsigned size = sizes[s];
        struct ir_block b;
        ir_block_init(&b, 0x1000);
        b.ninsns = 1;
        ir_val a = ir_get(&b, 1);
        ir_store(&b, a, ir_get(&b, 2), size);
        ir_set(&b, 0, ir_load(&b, IR_I64, a, size, false));
        ir_set(&b, 3, ir_load(&b, IR_I64, a, size, true));
        ir_set(&b, 4, ir_load(&b, IR_I32, a, size, true));
        ir_goto(&b, 0x1004);
        struct ir_iblock *blk = compile(&b);
        uint64_t v = 0xf1e2d3c4b5a69788ull;
        env->cpu.x[1] = 0x100 + s;
        env->cpu.x[2] = v;
        memset(mem, 0xee, 0x120);
        cr_assert_eq(run(env, blk), IR_EXIT_IFETCH);
        for (unsigned i = 0; i < size; i++)
            cr_assert_eq(mem[0x100 + s + i], (uint8_t)(v >> (8 * i)), "size %u byte %u", size, i);
        cr_assert_eq(mem[0x100 + s + size], 0xee, "size %u wrote past the end", size);
        uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
        int64_t sv = (int64_t)((v & mask) << (64 - 8 * size)) >> (64 - 8 * size);
        cr_assert_eq(env->cpu.x[0], v & mask, "size %u zero-extending load", size);
        cr_assert_eq(env->cpu.x[3], (uint64_t)sv, "size %u sign-extending load", size);
        if (size < 8)
            cr_assert_eq(env->cpu.x[4], (uint32_t)sv, "size %u 32-bit sign-extending load", size);
        ir_interp_free(blk);
        ir_block_free(&b);
    }
    free(env);
}

/* A load outside guest memory in the second instruction: FAULT at that
 * instruction's pc, the first instruction's register write done. */
Test(interp, fault_is_precise)
{
    struct ir_env *env = new_env();
    struct ir_block b;
    ir_block_init(&b, 0x2000);
    b.ninsns = 3;
    ir_set(&b, 5, ir_const(&b, 77));
    b.cur_pcoff = 4;
    ir_val v = ir_load(&b, IR_I64, ir_get(&b, 1), 8, false);
    ir_set(&b, 6, v);
    b.cur_pcoff = 8;
    ir_store(&b, ir_get(&b, 2), v, 4);
    ir_goto(&b, 0x200c);
    struct ir_iblock *blk = compile(&b);

    env->cpu.x[1] = MEM_SIZE - 4; /* 8 bytes from here cross the end */
    env->cpu.x[6] = 1234;
    cr_assert_eq(run(env, blk), IR_EXIT_FAULT);
    cr_assert_eq(env->cpu.pc, 0x2004);
    cr_assert_eq(env->exit_info, MEM_SIZE - 4);
    cr_assert_eq(env->cpu.x[5], 77);
    cr_assert_eq(env->cpu.x[6], 1234);

    env->cpu.x[1] = 0x10;
    env->cpu.x[2] = ~0ull - 1; /* store far outside */
    cr_assert_eq(run(env, blk), IR_EXIT_FAULT);
    cr_assert_eq(env->cpu.pc, 0x2008);
    cr_assert_eq(env->exit_info, ~0ull - 1);

    env->cpu.x[2] = 0x20;
    cr_assert_eq(run(env, blk), IR_EXIT_IFETCH);
    cr_assert_eq(env->cpu.pc, 0x200c);
    ir_interp_free(blk);
    ir_block_free(&b);
    free(env);
}

Test(interp, exit_reason_and_info)
{
    struct ir_env *env = new_env();
    struct ir_block b;
    ir_block_init(&b, 0x3000);
    b.ninsns = 1;
    ir_exit(&b, IR_EXIT_SVC, 0x3004, ir_const(&b, 0x42));
    struct ir_iblock *blk = compile(&b);
    cr_assert_eq(run(env, blk), IR_EXIT_SVC);
    cr_assert_eq(env->cpu.pc, 0x3004);
    cr_assert_eq(env->exit_info, 0x42);
    ir_interp_free(blk);
    ir_block_free(&b);
    free(env);
}

/* A temp named twice by one op (ADD t, t) must release its slot once: a
 * double release hands one slot to two live temps. */
Test(interp, operand_used_twice_frees_its_slot_once)
{
    struct ir_env *env = new_env();
    env->cpu.x[1] = 5;
    env->cpu.x[2] = 100;
    env->cpu.x[3] = 1000;
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    ir_val t = ir_bin(&b, IR_ADD, IR_I64, ir_get(&b, 1), ir_get(&b, 2)); /* 105 in a temp slot */
    ir_val d = ir_bin(&b, IR_ADD, IR_I64, t, t);                          /* 210; t dies here */
    ir_val u = ir_bin(&b, IR_MUL, IR_I64, ir_get(&b, 3), ir_get(&b, 2));  /* 100000 */
    ir_val w = ir_bin(&b, IR_SUB, IR_I64, ir_get(&b, 3), ir_get(&b, 1));  /* 995 */
    ir_set(&b, 4, ir_bin(&b, IR_ADD, IR_I64, d, ir_bin(&b, IR_ADD, IR_I64, u, w)));
    ir_exit(&b, IR_EXIT_SVC, 0x1004, 0);
    struct ir_iblock *blk = compile(&b);
    cr_assert_not_null(blk);
    run(env, blk);
    cr_assert_eq(env->cpu.x[4], 210 + 100000 + 995);
    ir_interp_free(blk);
    ir_block_free(&b);
    free(env);
}

/* Guest code for the translator (little-endian words at CODE_PC). */
#define CODE_PC 0x1000
static bool fetch_words(void *ctx, uint64_t pc, uint32_t *word)
{
    const uint32_t *w = ctx;
    if (pc < CODE_PC || pc >= CODE_PC + 4 * 16)
        return false;
    *word = w[(pc - CODE_PC) / 4];
    return true;
}

/* A B a few instructions ahead is followed within the block (translate.c), over a gap the
 * instruction count skips: a fault after it has executed exactly the instructions before it,
 * at its own pc.  A B farther, or backwards, or at EL1, ends the block. */
Test(interp, block_follows_short_jump_over_gap)
{
    uint32_t code[16] = {
        0x910004a5, /* 1000: add x5, x5, #1 */
        0x14000003, /* 1004: b 1010 */
        0xd503201f, /* 1008: nop (skipped) */
        0xd503201f, /* 100c: nop (skipped) */
        0xf9400026, /* 1010: ldr x6, [x1] */
        0x910008e7, /* 1014: add x7, x7, #2 */
        0x17fffffa, /* 1018: b 1000 */
        0x1400000a, /* 101c: b 1044 (36 bytes past the next: too far) */
    };
    for (unsigned n = 8; n < 16; n++)
        code[n] = 0xd503201f;
    struct ir_features feat = {.fp = true, .asimd = true};
    struct ir_block b;
    ir_translate_block(&b, CODE_PC, &feat, fetch_words, code);
    cr_assert_eq(b.ninsns, 5, "add, b, ldr, add, b: %u", b.ninsns);
    cr_assert_eq(b.gap_at, 8);
    cr_assert_eq(b.gap_len, 8);
    cr_assert_eq(b.nbytes, 0x1c);
    struct ir_iblock *blk = ir_interp_compile(&b);
    cr_assert_not_null(blk);

    struct ir_env *env = new_env();
    env->cpu.x[1] = MEM_SIZE - 4; /* the load crosses the end */
    env->insns = 0;
    cr_assert_eq(run(env, blk), IR_EXIT_FAULT);
    cr_assert_eq(env->cpu.pc, 0x1010);
    cr_assert_eq(env->insns, 2, "add and b ran: %llu", (unsigned long long)env->insns);
    cr_assert_eq(env->cpu.x[5], 1);

    env->cpu.x[1] = 0x100;
    env->insns = 0;
    run(env, blk); /* back to 0x1000: no block to chain to */
    cr_assert_eq(env->cpu.pc, 0x1000);
    cr_assert_eq(env->insns, 5);
    cr_assert_eq(env->cpu.x[7], 2);
    ir_interp_free(blk);
    ir_block_free(&b);

    /* The far B ends its block. */
    ir_translate_block(&b, 0x101c, &feat, fetch_words, code);
    cr_assert_eq(b.ninsns, 1);
    cr_assert_eq(b.gap_len, 0);
    ir_block_free(&b);
    /* The backward B ends its block. */
    ir_translate_block(&b, 0x1014, &feat, fetch_words, code);
    cr_assert_eq(b.ninsns, 2);
    cr_assert_eq(b.gap_len, 0);
    ir_block_free(&b);
    /* At EL1 the short B ends its block too. */
    feat.el1 = true;
    ir_translate_block(&b, CODE_PC, &feat, fetch_words, code);
    cr_assert_eq(b.ninsns, 2);
    cr_assert_eq(b.gap_len, 0);
    ir_block_free(&b);
    free(env);
}
