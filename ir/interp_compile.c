/* Lowers an optimised IR block to the interpreter's slot form.
 *
 * Temps get slots in ir_env.tmp, reused after their last use.  A GET aliases the
 * guest register's own slot as long as no SET of that register comes before the
 * temp's last use, and a SET retargets the instruction that produced its value
 * when nothing in between could observe the register, so `add x0, x0, #1`
 * becomes one handler that updates x0 in place.  Constants become the immediate
 * of a _ri handler where they are the second operand. */
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "interp_handlers.h"
#include "scratch.h"

#define SLOT_PSTATE 33
#define NONE 0xffffffffu

struct lower {
    const struct ir_block *b;
    uint32_t *last_use; /* per temp: index of last instruction reading it */
    uint32_t *slot;     /* per temp: slot, or NONE */
    uint8_t *is_const;
    uint64_t *cval;
    uint8_t *alias;     /* per temp: its slot is a guest register's */
    /* Temp slots: those above `fresh` were never used in this block; freed ones
     * are on a stack. */
    uint16_t free_stack[IR_MAX_TEMP_SLOTS];
    uint32_t nfree, fresh;
    struct ir_iblock *out;
    uint32_t nops, cap;
    int err;
};

static struct ir_iop *emit(struct lower *L, unsigned h, uint32_t pcoff)
{
    if (L->nops == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 64;
        struct ir_iblock *p = realloc(L->out, sizeof *p + L->cap * sizeof(struct ir_iop));
        if (!p) {
            L->err = 1;
            L->cap = L->nops = 0;
            return NULL;
        }
        L->out = p;
    }
    struct ir_iop *op = &L->out->ops[L->nops++];
    memset(op, 0, sizeof *op);
    op->h = (uint16_t)h;
    op->pcoff = pcoff;
    return op;
}

static uint32_t alloc_slot(struct lower *L)
{
    if (L->nfree)
        return IR_TMP_SLOT0 + L->free_stack[--L->nfree];
    if (L->fresh < IR_MAX_TEMP_SLOTS)
        return IR_TMP_SLOT0 + L->fresh++;
    L->err = 1;
    return IR_TMP_SLOT0;
}

static void free_slot(struct lower *L, uint32_t slot)
{
    L->free_stack[L->nfree++] = (uint16_t)(slot - IR_TMP_SLOT0);
}

static void release_dead_args(struct lower *L, const struct ir_insn *i, uint32_t k)
{
    for (unsigned a = 0; a < i->nargs; a++) {
        ir_val t = i->arg[a];
        if (!t || L->last_use[t] != k || L->slot[t] == NONE || L->alias[t] ||
            L->slot[t] < IR_TMP_SLOT0)
            continue;
        /* An operand named twice (ADD t, t) is freed once. */
        bool seen = false;
        for (unsigned p = 0; p < a; p++)
            seen = seen || i->arg[p] == t;
        if (!seen)
            free_slot(L, L->slot[t]);
    }
}

/* Slot holding temp t, materialising a constant if needed. */
static uint32_t use(struct lower *L, ir_val t, uint32_t pcoff)
{
    if (!t)
        return 0;
    if (L->slot[t] == NONE && L->is_const[t]) {
        uint32_t s = alloc_slot(L);
        struct ir_iop *op = emit(L, H_MOVI, pcoff);
        if (op) {
            op->d = (uint16_t)s;
            op->imm = L->cval[t];
        }
        L->slot[t] = s;
    }
    return L->slot[t] == NONE ? 0 : L->slot[t];
}

/* Register slots GET/SET name, with NZCV as one more. */
#define NZCV_KEY 34
static int reg_key(const struct ir_insn *i)
{
    if (i->op == IR_GET || i->op == IR_SET)
        return i->imm < 34 ? (int)i->imm : -1;
    if (i->op == IR_GET_NZCV || i->op == IR_SET_NZCV)
        return NZCV_KEY;
    return -1;
}

static unsigned load_handler(uint64_t imm, unsigned type)
{
    unsigned size = imm & 0xff;
    if (!(imm & IR_MEM_SIGNED) || (size == 4 && type == IR_I32) || size == 8)
        return size == 1 ? H_LD_U1 : size == 2 ? H_LD_U2 : size == 4 ? H_LD_U4 : H_LD_U8;
    if (type == IR_I32)
        return size == 1 ? H_LD_S1_32 : H_LD_S2_32;
    return size == 1 ? H_LD_S1_64 : size == 2 ? H_LD_S2_64 : H_LD_S4_64;
}

static unsigned pure_handler(unsigned op, unsigned type, bool imm_form)
{
    switch (op) {
#define IR_BIN(n, e32, e64)                                                                        \
    case IR_##n:                                                                                   \
        return type == IR_I32 ? (imm_form ? H_##n##_32_ri : H_##n##_32_rr)                         \
                              : (imm_form ? H_##n##_64_ri : H_##n##_64_rr);
#define IR_UN(n, e32, e64)                                                                         \
    case IR_##n:                                                                                   \
        return type == IR_I32 ? H_##n##_32 : H_##n##_64;
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    default:
        return H_COUNT;
    }
}

static bool is_pure_op(unsigned op) { return pure_handler(op, IR_I64, false) != H_COUNT; }

struct ir_iblock *ir_interp_compile(const struct ir_block *b)
{
    struct lower L;
    memset(&L, 0, sizeof L);
    L.b = b;
    uint32_t nt = b->ntemps + 1;
    L.last_use = ir_scratch(IR_SCRATCH_LOWER_LAST, nt, sizeof *L.last_use);
    L.slot = ir_scratch(IR_SCRATCH_LOWER_SLOT, nt, sizeof *L.slot);
    L.is_const = ir_scratch(IR_SCRATCH_LOWER_CONST, nt, 1);
    L.cval = ir_scratch(IR_SCRATCH_LOWER_CVAL, nt, sizeof *L.cval);
    L.alias = ir_scratch(IR_SCRATCH_LOWER_ALIAS, nt, 1);
    uint32_t *nuses = ir_scratch(IR_SCRATCH_LOWER_NUSES, nt, sizeof *nuses);
    /* The index into out->ops of the handler that produced each temp, for retargeting. */
    uint32_t *producer = ir_scratch(IR_SCRATCH_LOWER_PRODUCER, nt, sizeof *producer);
    /* For each GET: the index of the next SET of the same register (or n). */
    uint32_t *set_next = ir_scratch(IR_SCRATCH_LOWER_SETNEXT, b->n + 1, sizeof *set_next);
    if (!L.last_use || !L.slot || !L.is_const || !L.cval || !L.alias || !nuses || !producer ||
        !set_next)
        return NULL;
    for (uint32_t t = 0; t < nt; t++)
        L.slot[t] = NONE;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        for (unsigned a = 0; a < i->nargs; a++)
            if (i->arg[a]) {
                L.last_use[i->arg[a]] = k;
                nuses[i->arg[a]]++;
            }
        if (i->op == IR_CONST) {
            L.is_const[i->dst] = 1;
            L.cval[i->dst] = i->imm;
        }
    }
    {
        uint32_t next[NZCV_KEY + 1];
        for (int r = 0; r <= NZCV_KEY; r++)
            next[r] = b->n;
        for (uint32_t k = b->n; k-- > 0;) {
            const struct ir_insn *i = &b->insn[k];
            int r = reg_key(i);
            if (r < 0)
                continue;
            if (i->op == IR_SET || i->op == IR_SET_NZCV)
                next[r] = k;
            else
                set_next[k] = next[r];
        }
    }
    emit(&L, H_MOVI, 0); /* reserve ops[0]; removed below */
    L.nops = 0;

    for (uint32_t k = 0; k < b->n && !L.err; k++) {
        const struct ir_insn *i = &b->insn[k];
        uint32_t pc = i->pcoff;
        producer[i->dst] = NONE;
        switch (i->op) {
        case IR_CONST:
            break; /* materialised on demand */
        case IR_GET: {
            unsigned s = (unsigned)i->imm;
            if (set_next[k] > L.last_use[i->dst]) {
                L.slot[i->dst] = s;
                L.alias[i->dst] = 1;
            } else {
                uint32_t d = alloc_slot(&L);
                struct ir_iop *op = emit(&L, H_MOVR, pc);
                if (op) {
                    op->d = (uint16_t)d;
                    op->a = (uint16_t)s;
                }
                L.slot[i->dst] = d;
            }
            break;
        }
        case IR_GET_NZCV:
            if (set_next[k] > L.last_use[i->dst]) {
                L.slot[i->dst] = SLOT_PSTATE;
                L.alias[i->dst] = 1;
            } else {
                uint32_t d = alloc_slot(&L);
                struct ir_iop *op = emit(&L, H_MOVR, pc);
                if (op) {
                    op->d = (uint16_t)d;
                    op->a = SLOT_PSTATE;
                }
                L.slot[i->dst] = d;
            }
            break;
        case IR_SET: {
            ir_val v = i->arg[0];
            uint32_t p = producer[v];
            /* Retarget: the value was made by the handler just emitted, is used
             * only here, and lives in a temp slot. */
            if (p != NONE && p + 1 == L.nops && nuses[v] == 1 && !L.alias[v]) {
                free_slot(&L, L.out->ops[p].d);
                L.out->ops[p].d = (uint16_t)i->imm;
                break;
            }
            struct ir_iop *op;
            if (L.is_const[v] && L.slot[v] == NONE) {
                op = emit(&L, H_MOVI, pc);
                if (op) {
                    op->d = (uint16_t)i->imm;
                    op->imm = L.cval[v];
                }
            } else {
                uint32_t s = use(&L, v, pc);
                op = emit(&L, H_MOVR, pc);
                if (op) {
                    op->d = (uint16_t)i->imm;
                    op->a = (uint16_t)s;
                }
            }
            release_dead_args(&L, i, k);
            break;
        }
        default: {
            unsigned h;
            bool imm_form = false;
            if (is_pure_op(i->op)) {
                imm_form = ir_op_nargs(i->op) == 2 && L.is_const[i->arg[1]] &&
                           L.slot[i->arg[1]] == NONE;
                h = pure_handler(i->op, i->type, imm_form);
            } else {
                switch (i->op) {
                case IR_COND: h = H_COND; break;
                case IR_SELECT: h = H_SELECT; break;
                case IR_ADC: h = i->type == IR_I32 ? H_ADC_32 : H_ADC_64; break;
                case IR_NZCV_ADC: h = i->type == IR_I32 ? H_NZCV_ADC_32 : H_NZCV_ADC_64; break;
                case IR_EXTR: h = i->type == IR_I32 ? H_EXTR_32 : H_EXTR_64; break;
                case IR_SET_NZCV: h = H_SET_NZCV; break;
                case IR_GETV: h = H_GETV; break;
                case IR_SETV: h = H_SETV; break;
                case IR_LOAD: h = load_handler(i->imm, i->type); break;
                case IR_STORE:
                    h = (i->imm & 0xff) == 1 ? H_ST_1 : (i->imm & 0xff) == 2 ? H_ST_2
                        : (i->imm & 0xff) == 4 ? H_ST_4 : H_ST_8;
                    break;
                case IR_CALL: h = H_CALL; break;
                case IR_CALLX: h = H_CALLX; break;
                case IR_GOTO: h = H_GOTO; break;
                case IR_BRCOND: h = H_BRCOND; break;
                case IR_GOTO_IND: h = H_GOTO_IND; break;
                case IR_EXIT: h = H_EXIT; break;
                default: L.err = 1; h = H_EXIT; break;
                }
            }
            uint32_t s[3] = {0, 0, 0};
            for (unsigned a = 0; a < i->nargs; a++)
                if (!(imm_form && a == 1))
                    s[a] = use(&L, i->arg[a], pc);
            release_dead_args(&L, i, k);
            uint32_t d = i->dst ? alloc_slot(&L) : 0;
            struct ir_iop *op = emit(&L, h, pc);
            if (!op)
                break;
            op->d = (uint16_t)d;
            op->a = (uint16_t)s[0];
            op->b = (uint16_t)s[1];
            op->c = (uint16_t)s[2];
            op->imm = imm_form ? L.cval[i->arg[1]] : i->imm;
            op->imm2 = i->imm2;
            if (i->dst) {
                L.slot[i->dst] = d;
                producer[i->dst] = L.nops - 1;
                /* A result nobody reads frees its slot at once. */
                if (!nuses[i->dst])
                    free_slot(&L, d);
            }
        }
        }
    }
    if (L.err || !L.out) {
        free(L.out);
        return NULL;
    }
    L.out->pc = b->pc;
    L.out->ninsns = b->ninsns;
    L.out->nbytes = b->nbytes;
    L.out->nops = L.nops;
    L.out->hot = 0; /* no run counter (tiering sets one) */
    L.out->link[0] = L.out->link[1] = NULL;
    L.out->link_gen[0] = L.out->link_gen[1] = ~0ull;
    return L.out;
}

void ir_interp_free(struct ir_iblock *blk) { free(blk); }
