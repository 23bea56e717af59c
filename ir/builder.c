/* Appends IR instructions to a block; the op table of ops.def gives arities. */
#include <stdlib.h>
#include <string.h>

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

void ir_block_free(struct ir_block *b)
{
    free(b->insn);
    b->insn = NULL;
    b->n = b->cap = 0;
}

/* Ops that produce no value. */
static bool op_has_result(unsigned op)
{
    switch (op) {
    case IR_SET:
    case IR_SET_NZCV:
    case IR_SETV:
    case IR_STORE:
    case IR_GOTO:
    case IR_BRCOND:
    case IR_GOTO_IND:
    case IR_EXIT:
        return false;
    default:
        return true;
    }
}

ir_val ir_emit(struct ir_block *b, unsigned op, unsigned type, ir_val a, ir_val b2, ir_val c,
               uint64_t imm, uint64_t imm2)
{
    if (b->n == b->cap) {
        uint32_t cap = b->cap ? b->cap * 2 : 64;
        struct ir_insn *p = realloc(b->insn, cap * sizeof *p);
        if (!p)
            abort(); /* the only allocation failure zarm treats as fatal */
        b->insn = p;
        b->cap = cap;
    }
    struct ir_insn *i = &b->insn[b->n++];
    i->op = (uint16_t)op;
    i->type = (uint8_t)type;
    i->nargs = ir_op_info[op].nargs;
    i->pcoff = b->cur_pcoff;
    i->arg[0] = a;
    i->arg[1] = b2;
    i->arg[2] = c;
    i->imm = imm;
    i->imm2 = imm2;
    i->dst = op_has_result(op) ? ++b->ntemps : 0;
    return i->dst;
}

ir_val ir_const(struct ir_block *b, uint64_t value)
{
    return ir_emit(b, IR_CONST, IR_I64, 0, 0, 0, value, 0);
}
ir_val ir_bin(struct ir_block *b, unsigned op, unsigned type, ir_val x, ir_val y)
{
    return ir_emit(b, op, type, x, y, 0, 0, 0);
}
ir_val ir_bini(struct ir_block *b, unsigned op, unsigned type, ir_val x, uint64_t y)
{
    return ir_emit(b, op, type, x, ir_const(b, y), 0, 0, 0);
}
ir_val ir_un(struct ir_block *b, unsigned op, unsigned type, ir_val x)
{
    return ir_emit(b, op, type, x, 0, 0, 0, 0);
}
ir_val ir_get(struct ir_block *b, unsigned slot) { return ir_emit(b, IR_GET, IR_I64, 0, 0, 0, slot, 0); }
void ir_set(struct ir_block *b, unsigned slot, ir_val v) { ir_emit(b, IR_SET, IR_I64, v, 0, 0, slot, 0); }
ir_val ir_get_nzcv(struct ir_block *b) { return ir_emit(b, IR_GET_NZCV, IR_I64, 0, 0, 0, 0, 0); }
void ir_set_nzcv(struct ir_block *b, ir_val v) { ir_emit(b, IR_SET_NZCV, IR_I64, v, 0, 0, 0, 0); }

ir_val ir_load(struct ir_block *b, unsigned type, ir_val addr, unsigned size, bool sign)
{
    return ir_emit(b, IR_LOAD, type, addr, 0, 0, size | (sign ? IR_MEM_SIGNED : 0), 0);
}
void ir_store(struct ir_block *b, ir_val addr, ir_val v, unsigned size)
{
    ir_emit(b, IR_STORE, IR_I64, addr, v, 0, size, 0);
}
ir_val ir_call(struct ir_block *b, unsigned helper, ir_val a, ir_val b2, ir_val c)
{
    return ir_emit(b, IR_CALLX, IR_I64, a, b2, c, helper, 0);
}
ir_val ir_call_pure(struct ir_block *b, unsigned helper, ir_val a, ir_val b2, ir_val c)
{
    return ir_emit(b, IR_CALL, IR_I64, a, b2, c, helper, 0);
}
void ir_goto(struct ir_block *b, uint64_t pc) { ir_emit(b, IR_GOTO, IR_I64, 0, 0, 0, pc, 0); }
void ir_brcond(struct ir_block *b, ir_val c, uint64_t taken, uint64_t not_taken)
{
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
