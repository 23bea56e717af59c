/* Appends IR instructions to a block; the op table of ops.def gives arities.  Forwards
 * register values and folds constants as it goes (see ir.h). */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "ir.h"

const struct ir_op_info ir_op_info[IR_NUM_OPS] = {
#define IR_BIN(n, e32, e64) [IR_##n] = {#n, 2, 0},
#define IR_UN(n, e32, e64) [IR_##n] = {#n, 1, 0},
#define IR_OP(n, na, fl) [IR_##n] = {#n, na, fl},
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
};


void ir_block_init(struct ir_block *b, uint64_t pc)
{
    memset(b, 0, sizeof *b);
    b->pc = pc;
}

/* One instruction array per thread is kept for the next block: a block's array is larger
 * than malloc's per-thread caches take, and translating would pay a full malloc and free
 * for every block. */
static _Thread_local struct {
    struct ir_insn *insn;
    uint32_t cap;
} spare;

void ir_block_release_spare(void)
{
    free(spare.insn);
    spare.insn = NULL;
}

void ir_block_free(struct ir_block *b)
{
    if (!spare.insn && b->insn) {
        spare.insn = b->insn;
        spare.cap = b->cap;
    } else {
        free(b->insn);
    }
    b->insn = NULL;
    b->n = b->cap = 0;
}

/* Ops that produce no value. */
static const bool no_result[IR_NUM_OPS] = {
    [IR_SET] = true,  [IR_SET_NZCV] = true, [IR_SETV] = true,     [IR_STORE] = true,
    [IR_GOTO] = true, [IR_BRCOND] = true,   [IR_GOTO_IND] = true, [IR_EXIT] = true,
    [IR_BRCOND2] = true,
};

/* Whether temp t is a constant (its maker is insn[t - 1] while the block is built). */
static bool const_of(const struct ir_block *b, ir_val t, uint64_t *v)
{
    if (!t || t > b->n)
        return false;
    const struct ir_insn *i = &b->insn[t - 1];
    if (i->dst != t || i->op != IR_CONST)
        return false;
    *v = i->imm;
    return true;
}

/* Makes room for more instructions (the slow path of put). */
static void grow(struct ir_block *b)
{
    if (!b->cap && spare.insn) {
        b->insn = spare.insn;
        b->cap = spare.cap;
        spare.insn = NULL;
        return;
    }
    uint32_t cap = b->cap ? b->cap * 2 : 128;
    struct ir_insn *p = realloc(b->insn, cap * sizeof *p);
    if (!p)
        abort(); /* the only allocation failure zarm treats as fatal */
    b->insn = p;
    b->cap = cap;
}

/* Appends one instruction as given; returns its result temp (0 for ops without one). */
static inline ir_val put(struct ir_block *b, unsigned op, unsigned type, unsigned nargs, ir_val a,
                         ir_val b2, ir_val c, uint64_t imm, uint64_t imm2)
{
    if (__builtin_expect(b->n == b->cap, 0))
        grow(b);
    struct ir_insn *i = &b->insn[b->n++];
    i->op = (uint16_t)op;
    i->type = (uint8_t)type;
    i->nargs = (uint8_t)nargs;
    i->pcoff = b->cur_pcoff;
    i->arg[0] = a;
    i->arg[1] = b2;
    i->arg[2] = c;
    i->imm = imm;
    i->imm2 = imm2;
    ir_val t = ++b->ntemps;
    i->dst = no_result[op] ? 0 : t;
    return i->dst;
}

/* The ops ir_eval folds: the pure one- and two-operand ops of ops.def, and COND. */
static const bool foldable[IR_NUM_OPS] = {
#define IR_BIN(n, e32, e64) [IR_##n] = true,
#define IR_UN(n, e32, e64) [IR_##n] = true,
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    [IR_COND] = true,
};

/* A pure op on constants is a constant (ir_eval knows which ops it can fold). */
static inline bool fold(struct ir_block *b, unsigned op, unsigned type, unsigned nargs, ir_val a,
                        ir_val b2, uint64_t imm, uint64_t *r)
{
    uint64_t ca, cb = op == IR_COND ? imm : 0;
    return foldable[op] && const_of(b, a, &ca) && (nargs == 1 || const_of(b, b2, &cb)) &&
           ir_eval(op, type, ca, cb, r);
}

/* A one- or two-operand op, folded to a constant when it can be. */
static inline ir_val put_folded(struct ir_block *b, unsigned op, unsigned type, unsigned nargs,
                                ir_val a, ir_val b2, ir_val c, uint64_t imm, uint64_t imm2)
{
    uint64_t r;
    if (fold(b, op, type, nargs, a, b2, imm, &r))
        return put(b, IR_CONST, IR_I64, 0, 0, 0, 0, r, 0);
    return put(b, op, type, nargs, a, b2, c, imm, imm2);
}

ir_val ir_emit(struct ir_block *b, unsigned op, unsigned type, ir_val a, ir_val b2, ir_val c,
               uint64_t imm, uint64_t imm2)
{
    return put_folded(b, op, type, ir_op_info[op].nargs, a, b2, c, imm, imm2);
}

void ir_block_truncate(struct ir_block *b, uint32_t mark)
{
    b->n = mark;
    /* Forwarded values may come from the dropped instructions. */
    memset(b->fwd, 0, sizeof b->fwd);
}

ir_val ir_const(struct ir_block *b, uint64_t value)
{
    return put(b, IR_CONST, IR_I64, 0, 0, 0, 0, value, 0);
}
/* The common shapes skip ir_emit's generality (they are most of what translators emit). */
ir_val ir_bin(struct ir_block *b, unsigned op, unsigned type, ir_val x, ir_val y)
{
    return put_folded(b, op, type, 2, x, y, 0, 0, 0);
}
ir_val ir_bini(struct ir_block *b, unsigned op, unsigned type, ir_val x, uint64_t y)
{
    return put_folded(b, op, type, 2, x, ir_const(b, y), 0, 0, 0);
}
ir_val ir_un(struct ir_block *b, unsigned op, unsigned type, ir_val x)
{
    return put_folded(b, op, type, 1, x, 0, 0, 0, 0);
}
/* Register reads and writes go through fwd: a read of a value the block holds is that value. */
static ir_val get_slot(struct ir_block *b, unsigned op, unsigned slot, unsigned key)
{
    if (key < IR_FWD_SLOTS && b->fwd[key])
        return b->fwd[key];
    ir_val v = put(b, op, IR_I64, 0, 0, 0, 0, slot, 0);
    if (key < IR_FWD_SLOTS)
        b->fwd[key] = v;
    return v;
}
static void set_slot(struct ir_block *b, unsigned op, unsigned slot, unsigned key, ir_val v)
{
    put(b, op, IR_I64, 1, v, 0, 0, slot, 0);
    if (key < IR_FWD_SLOTS)
        b->fwd[key] = v;
}
ir_val ir_get(struct ir_block *b, unsigned slot)
{
    return get_slot(b, IR_GET, slot, slot < IR_FWD_NZCV ? slot : IR_FWD_SLOTS);
}
void ir_set(struct ir_block *b, unsigned slot, ir_val v)
{
    set_slot(b, IR_SET, slot, slot < IR_FWD_NZCV ? slot : IR_FWD_SLOTS, v);
}
ir_val ir_get_nzcv(struct ir_block *b) { return get_slot(b, IR_GET_NZCV, 0, IR_FWD_NZCV); }
void ir_set_nzcv(struct ir_block *b, ir_val v) { set_slot(b, IR_SET_NZCV, 0, IR_FWD_NZCV, v); }

ir_val ir_load(struct ir_block *b, unsigned type, ir_val addr, unsigned size, bool sign)
{
    return put(b, IR_LOAD, type, 1, addr, 0, 0, size | (sign ? IR_MEM_SIGNED : 0), 0);
}
void ir_store(struct ir_block *b, ir_val addr, ir_val v, unsigned size)
{
    put(b, IR_STORE, IR_I64, 2, addr, v, 0, size, 0);
}
ir_val ir_call(struct ir_block *b, unsigned helper, ir_val a, ir_val b2, ir_val c)
{
    return put(b, IR_CALLX, IR_I64, 3, a, b2, c, helper, 0);
}
ir_val ir_call_pure(struct ir_block *b, unsigned helper, ir_val a, ir_val b2, ir_val c)
{
    return put(b, IR_CALL, IR_I64, 3, a, b2, c, helper, 0);
}
void ir_goto(struct ir_block *b, uint64_t pc) { put(b, IR_GOTO, IR_I64, 0, 0, 0, 0, pc, 0); }
void ir_brcond(struct ir_block *b, ir_val c, uint64_t taken, uint64_t not_taken)
{
    uint64_t v;
    if (const_of(b, c, &v))
        ir_goto(b, v ? taken : not_taken); /* a branch on a constant is a jump */
    else
        ir_emit(b, IR_BRCOND, IR_I64, c, 0, 0, taken, not_taken);
}
void ir_goto_ind(struct ir_block *b, ir_val target) { ir_emit(b, IR_GOTO_IND, IR_I64, target, 0, 0, 0, 0); }
void ir_exit(struct ir_block *b, enum ir_exit reason, uint64_t pc, ir_val info)
{
    /* EXIT always has its operand: slot 0 of the interpreter is x0, not "none". */
    if (!info)
        info = ir_const(b, 0);
    ir_emit(b, IR_EXIT, IR_I64, info, 0, 0, reason, pc);
}
bool ir_block_terminated(const struct ir_block *b)
{
    return b->n && (ir_op_info[b->insn[b->n - 1].op].flags & IRF_TERM);
}
