/* Lowers an optimised IR block to the interpreter's slot form.
 *
 * Temps get slots in ir_env.tmp, reused after their last use.  A GET aliases the
 * guest register's own slot as long as no SET of that register comes before the
 * temp's last use, and a SET retargets the instruction that produced its value
 * when nothing in between could observe the register, so `add x0, x0, #1`
 * becomes one handler that updates x0 in place.  Constants become the immediate
 * of a _ri handler where they are the second operand.
 *
 * This runs on every block the interpreter (or the tiered JIT's first tier) meets, so it is
 * two walks over the block: a backward one that learns each temp's uses, and the lowering. */
#include <stdlib.h>
#include <string.h>

#include "interp.h"
#include "interp_handlers.h"
#include "scratch.h"

#define SLOT_PSTATE 33
#define NONE 0xffffffffu

/* What the lowering knows of each temp. */
struct temp {
    uint32_t last1;    /* 1 + index of the last instruction reading it; 0: never read */
    uint32_t nuses;
    uint32_t slot;     /* NONE until placed */
    uint32_t producer; /* index into the output of the handler that made it, or NONE */
    uint32_t set_next; /* GETs: index of the next SET of the same register (or n) */
    uint8_t is_const, alias, freed;
    uint64_t cval;
};

struct lower {
    struct temp *t;
    struct ir_iblock *out;
    uint32_t nops;
    int err;
    /* Temp slots: those from `fresh` on were never used in this block; freed ones
     * are on a stack. */
    uint32_t nfree, fresh;
    uint16_t free_stack[IR_MAX_TEMP_SLOTS];
};

/* How each op lowers: a kind and a handler (the first of a family for the typed kinds). */
enum kind { K_NONE, K_BIN, K_UN, K_TYPED, K_ONE, K_LOAD, K_STORE, K_CONST, K_GET, K_SET };
static const struct {
    uint16_t h;
    uint8_t kind;
} lowering[IR_NUM_OPS] = {
#define IR_BIN(n, e32, e64) [IR_##n] = {H_##n##_32_rr, K_BIN},
#define IR_UN(n, e32, e64) [IR_##n] = {H_##n##_32, K_UN},
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    [IR_COND] = {H_COND, K_ONE},          [IR_SELECT] = {H_SELECT, K_ONE},
    [IR_ADC] = {H_ADC_32, K_TYPED},       [IR_NZCV_ADC] = {H_NZCV_ADC_32, K_TYPED},
    [IR_EXTR] = {H_EXTR_32, K_TYPED},     [IR_SET_NZCV] = {H_SET_NZCV, K_ONE},
    [IR_GETV] = {H_GETV, K_ONE},          [IR_SETV] = {H_SETV, K_ONE},
    [IR_LOAD] = {0, K_LOAD},              [IR_STORE] = {0, K_STORE},
    [IR_CALL] = {H_CALL, K_ONE},          [IR_CALLX] = {H_CALLX, K_ONE},
    [IR_GOTO] = {H_GOTO, K_ONE},          [IR_BRCOND] = {H_BRCOND, K_ONE},
    [IR_GOTO_IND] = {H_GOTO_IND, K_ONE},  [IR_EXIT] = {H_EXIT, K_ONE},
    [IR_BRCOND2] = {H_BRCOND2, K_ONE},
    [IR_CONST] = {0, K_CONST},            [IR_GET] = {0, K_GET},
    [IR_GET_NZCV] = {0, K_GET},           [IR_SET] = {0, K_SET},
};
/* The _32_rr, _32_ri, _64_rr, _64_ri order of binary handlers, _32, _64 of the others. */
_Static_assert(H_ADD_32_ri == H_ADD_32_rr + 1 && H_ADD_64_rr == H_ADD_32_rr + 2 &&
                   H_ADD_64_ri == H_ADD_32_rr + 3 && H_NOT_64 == H_NOT_32 + 1 &&
                   H_ADC_64 == H_ADC_32 + 1 && H_EXTR_64 == H_EXTR_32 + 1 &&
                   H_NZCV_ADC_64 == H_NZCV_ADC_32 + 1,
               "handler order");

static struct ir_iop *emit(struct lower *L, unsigned h, uint32_t pcoff, uint32_t d, uint32_t a,
                           uint64_t imm)
{
    struct ir_iop *op = &L->out->ops[L->nops++];
    op->h = (uint16_t)h;
    op->d = (uint16_t)d;
    op->a = (uint16_t)a;
    op->b = op->c = op->pad = 0;
    op->pcoff = pcoff;
    op->imm = imm;
    op->imm2 = 0;
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

/* Frees the slot of temp v if instruction k is its last reader (once for ADD t, t). */
static inline void release(struct lower *L, ir_val v, uint32_t k)
{
    struct temp *t = &L->t[v];
    if (v && t->last1 == k + 1 && !t->alias && !t->freed && t->slot != NONE &&
        t->slot >= IR_TMP_SLOT0) {
        t->freed = 1;
        free_slot(L, t->slot);
    }
}

/* Slot holding temp v, materialising a constant if needed. */
static inline uint32_t use(struct lower *L, ir_val v, uint32_t pcoff)
{
    if (!v)
        return 0;
    struct temp *t = &L->t[v];
    if (t->slot == NONE && t->is_const) {
        t->slot = alloc_slot(L);
        emit(L, H_MOVI, pcoff, t->slot, 0, t->cval);
    }
    return t->slot == NONE ? 0 : t->slot;
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

static unsigned store_handler(uint64_t imm)
{
    unsigned size = imm & 0xff;
    return size == 1 ? H_ST_1 : size == 2 ? H_ST_2 : size == 4 ? H_ST_4 : H_ST_8;
}

/* The backward walk: uses, last readers, constants, and for each GET the next SET. */
static uint32_t learn(struct lower *L, const struct ir_block *b)
{
    uint32_t next[IR_FWD_SLOTS], nconst = 0;
    for (int r = 0; r < IR_FWD_SLOTS; r++)
        next[r] = b->n;
    for (uint32_t k = b->n; k-- > 0;) {
        const struct ir_insn *i = &b->insn[k];
        for (unsigned a = 0; a < i->nargs; a++) {
            struct temp *t = &L->t[i->arg[a]];
            if (!t->last1)
                t->last1 = k + 1;
            t->nuses++;
        }
        L->t[i->dst].slot = NONE;
        L->t[i->dst].producer = NONE;
        if (i->op == IR_CONST) {
            L->t[i->dst].is_const = 1;
            L->t[i->dst].cval = i->imm;
            nconst++;
        }
        int r = ir_slot_key(i);
        if (r < 0)
            continue;
        if (i->op == IR_SET || i->op == IR_SET_NZCV)
            next[r] = k;
        else
            L->t[i->dst].set_next = next[r];
    }
    L->t[0].slot = NONE;
    return nconst;
}

/* A GET: the register's own slot while nothing writes it before the temp's last use. */
static void lower_get(struct lower *L, const struct ir_insn *i, uint32_t reg)
{
    struct temp *t = &L->t[i->dst];
    if (t->set_next >= t->last1) {
        t->slot = reg;
        t->alias = 1;
    } else {
        t->slot = alloc_slot(L);
        emit(L, H_MOVR, i->pcoff, t->slot, reg, 0);
    }
}

static void lower_set(struct lower *L, const struct ir_insn *i, uint32_t k)
{
    ir_val v = i->arg[0];
    struct temp *t = &L->t[v];
    /* Retarget: the value was made by the handler just emitted, is used only here, and
     * lives in a temp slot. */
    if (t->producer != NONE && t->producer + 1 == L->nops && t->nuses == 1 && !t->alias) {
        free_slot(L, L->out->ops[t->producer].d);
        t->freed = 1;
        L->out->ops[t->producer].d = (uint16_t)i->imm;
        return;
    }
    if (t->is_const && t->slot == NONE)
        emit(L, H_MOVI, i->pcoff, (uint32_t)i->imm, 0, t->cval);
    else
        emit(L, H_MOVR, i->pcoff, (uint32_t)i->imm, use(L, v, i->pcoff), 0);
    release(L, v, k);
}

/* Any other op: operands, then its handler. */
static void lower_op(struct lower *L, const struct ir_insn *i, uint32_t k)
{
    unsigned kind = lowering[i->op].kind, h = lowering[i->op].h;
    bool imm_form = false;
    switch (kind) {
    case K_BIN:
        imm_form = L->t[i->arg[1]].is_const && L->t[i->arg[1]].slot == NONE;
        h += (i->type == IR_I64 ? 2 : 0) + imm_form;
        break;
    case K_UN:
    case K_TYPED:
        h += i->type == IR_I64;
        break;
    case K_LOAD: h = load_handler(i->imm, i->type); break;
    case K_STORE: h = store_handler(i->imm); break;
    case K_ONE: break;
    default: L->err = 1; return;
    }
    uint32_t s[3] = {0, 0, 0};
    for (unsigned a = 0; a < i->nargs; a++)
        if (!(imm_form && a == 1))
            s[a] = use(L, i->arg[a], i->pcoff);
    for (unsigned a = 0; a < i->nargs; a++)
        release(L, i->arg[a], k);
    uint32_t d = i->dst ? alloc_slot(L) : 0;
    struct ir_iop *op = emit(L, h, i->pcoff, d, s[0], imm_form ? L->t[i->arg[1]].cval : i->imm);
    op->b = (uint16_t)s[1];
    op->c = (uint16_t)s[2];
    op->imm2 = i->imm2;
    if (i->dst) {
        struct temp *t = &L->t[i->dst];
        t->slot = d;
        t->producer = L->nops - 1;
        /* A result nobody reads frees its slot at once. */
        if (!t->nuses)
            free_slot(L, d);
    }
}

/* The block header, once the ops are in place. */
static struct ir_iblock *finish(struct lower *L, const struct ir_block *b)
{
    L->out->pc = b->pc;
    L->out->ninsns = b->ninsns;
    L->out->nbytes = b->nbytes;
    L->out->gap_at = b->gap_at;
    L->out->gap_len = b->gap_len;
    L->out->nops = L->nops;
    L->out->nraw = 0;
    L->out->hot = 0; /* no run counter (tiering sets one) */
    for (int n = 0; n < 3; n++) {
        L->out->link[n] = NULL;
        L->out->link_gen[n] = ~0ull;
    }
    return L->out;
}

struct ir_iblock *ir_interp_compile(const struct ir_block *b)
{
    struct lower L;
    L.nops = 0;
    L.err = 0;
    L.nfree = L.fresh = 0;
    L.t = ir_scratch(IR_SCRATCH_LOWER_TEMPS, b->ntemps + 1, sizeof *L.t);
    if (!L.t)
        return NULL;
    /* Each instruction makes at most one handler, each constant at most one more. */
    uint32_t cap = b->n + learn(&L, b) + 1;
    L.out = malloc(sizeof *L.out + cap * sizeof(struct ir_iop));
    if (!L.out)
        return NULL;
    for (uint32_t k = 0; k < b->n && !L.err; k++) {
        const struct ir_insn *i = &b->insn[k];
        switch (i->op) {
        case IR_CONST: break; /* materialised on demand */
        case IR_GET: lower_get(&L, i, (uint32_t)i->imm); break;
        case IR_GET_NZCV: lower_get(&L, i, SLOT_PSTATE); break;
        case IR_SET: lower_set(&L, i, k); break;
        default: lower_op(&L, i, k); break;
        }
    }
    if (L.err) {
        free(L.out);
        return NULL;
    }
    return finish(&L, b);
}

size_t ir_interp_raw_size(const struct ir_block *b)
{
    if (b->ntemps >= IR_MAX_TEMP_SLOTS)
        return 0;
    return sizeof(struct ir_iblock) + b->n * sizeof(struct ir_insn);
}

struct ir_iblock *ir_interp_keep_raw(const struct ir_block *b, void *mem)
{
    /* The lowered form of the block is never longer (ir_interp_compile: at most one handler
     * per instruction of the optimised block, which has no more instructions). */
    _Static_assert(sizeof(struct ir_iop) <= sizeof(struct ir_insn), "room for the ops");
    struct lower L;
    L.nops = 0;
    L.out = mem;
    memcpy(L.out->ops, b->insn, b->n * sizeof(struct ir_insn));
    finish(&L, b);
    L.out->nraw = b->n;
    return L.out;
}

void ir_interp_free(struct ir_iblock *blk) { free(blk); }
