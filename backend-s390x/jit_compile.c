/* IR block -> s390x code.  The pipeline (README) as this file runs it:
 *
 *   analyse     uses and last uses of temps; compare+branch fusion (a COND of NZCV_SUB /
 *               NZCV_LOGIC / NZCV_ADD read only by BRCOND and SELECT needs no flags value);
 *               address folding (ADD base, #c read only as an address becomes a displacement)
 *   allocate    each temp gets a host register (r2-r10) at its definition, or a spill slot,
 *               and gives it back after its last use; a result never shares a register with
 *               the operands of its own op, so multi-instruction sequences need no care
 *   lower       one case per IR op; pure ops without an inline sequence call a C function
 *               generated from ops.def
 *   stubs       link stubs (direct branches until chained), precise-fault stubs
 *
 * Guest registers live in the CPU state; opt.c leaves at most one GET and one SET of each per
 * block, so a SET is stored where it happens and the state is always exact at a fault. */
#include <stdlib.h>
#include <string.h>

#include "backend-s390x/jit_internal.h"
#include "ir/semantics.h"

/* C functions for the pure ops without an inline lowering: the ops.def expressions. */
#define IR_BIN(n, e32, e64)                                                                        \
    static uint64_t jf_##n##_32(struct ir_env *env, uint64_t A, uint64_t B, uint64_t C)           \
    {                                                                                              \
        uint32_t a = (uint32_t)A, b = (uint32_t)B;                                                 \
        (void)env, (void)a, (void)b, (void)C;                                                      \
        return (uint32_t)(e32);                                                                    \
    }                                                                                              \
    static uint64_t jf_##n##_64(struct ir_env *env, uint64_t a, uint64_t b, uint64_t C)           \
    {                                                                                              \
        (void)env, (void)C;                                                                        \
        return (uint64_t)(e64);                                                                    \
    }
#define IR_UN(n, e32, e64)                                                                         \
    static uint64_t jf_##n##_32(struct ir_env *env, uint64_t A, uint64_t B, uint64_t C)           \
    {                                                                                              \
        uint32_t a = (uint32_t)A;                                                                  \
        (void)env, (void)B, (void)C;                                                               \
        return (uint32_t)(e32);                                                                    \
    }                                                                                              \
    static uint64_t jf_##n##_64(struct ir_env *env, uint64_t a, uint64_t B, uint64_t C)           \
    {                                                                                              \
        (void)env, (void)B, (void)C;                                                               \
        return (uint64_t)(e64);                                                                    \
    }
#define IR_OP(n, na, fl)
#include "ir/ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP

/* The code generator's context (after the jf_ functions, whose operands B would clash). */
#include "backend-s390x/jit_ctx.h"

ir_helper_fn jit_pure_fn(unsigned op, unsigned type)
{
    switch (op) {
#define IR_BIN(n, e32, e64)                                                                        \
    case IR_##n:                                                                                   \
        return type == IR_I32 ? jf_##n##_32 : jf_##n##_64;
#define IR_UN(n, e32, e64) IR_BIN(n, e32, e64)
#define IR_OP(n, na, fl)
#include "ir/ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    default:
        return NULL;
    }
}

static uint64_t jf_cond(struct ir_env *env, uint64_t nzcv, uint64_t cond, uint64_t c)
{
    (void)env, (void)c;
    return (uint64_t)sem_cond(nzcv, (unsigned)cond);
}
static uint64_t jf_adc_32(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)env;
    return (uint32_t)(a + b + ((c >> 29) & 1));
}
static uint64_t jf_adc_64(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)env;
    return a + b + ((c >> 29) & 1);
}
static uint64_t jf_nzcv_adc_32(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)env;
    return sem_nzcv_add32((uint32_t)a, (uint32_t)b, (c >> 29) & 1);
}
static uint64_t jf_nzcv_adc_64(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)env;
    return sem_nzcv_add64(a, b, (c >> 29) & 1);
}
static uint64_t jf_extr_32(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)env;
    uint64_t v = ((uint64_t)(uint32_t)a << 32) | (uint32_t)b;
    return (uint32_t)(v >> (c & 31));
}
static uint64_t jf_extr_64(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    (void)env;
    uint64_t lsb = c & 63;
    return lsb ? (b >> lsb) | (a << (64 - lsb)) : b;
}

uint64_t s390_jit_lazy_nzcv(struct ir_env *env, uint64_t kind, uint64_t a, uint64_t b)
{
    bool w = (kind & JIT_LAZY_32) != 0;
    if (kind & JIT_LAZY_IMM)
        b = (uint64_t)(int64_t)(int8_t)(uint8_t)(kind >> 8);
    uint64_t f;
    switch (kind & 3) {
    case JIT_LAZY_LOGIC:
        f = w ? sem_nzcv_logic32((uint32_t)a) : sem_nzcv_logic64(a);
        break;
    case JIT_LAZY_ADD:
        f = w ? sem_nzcv_add32((uint32_t)a, (uint32_t)b, 0) : sem_nzcv_add64(a, b, 0);
        break;
    default:
        f = w ? sem_nzcv_add32((uint32_t)a, ~(uint32_t)b, 1) : sem_nzcv_add64(a, ~b, 1);
        break;
    }
    env->cpu.pstate = (env->cpu.pstate & ~(uint64_t)ZARM_PSTATE_NZCV_MASK) |
                      (f & ZARM_PSTATE_NZCV_MASK);
    return 0;
}

struct access {
    uint32_t off, len;        /* the access instruction */
    int base;                 /* host register of the (unfolded) guest base address */
    int32_t disp;
    uint32_t pcoff;
    struct s390_label stub;   /* precise-fault stub */
    struct s390_label slow;   /* folded accesses: exact re-check of base + disp */
    /* For the slow path's replay of the access. */
    unsigned insn;            /* enum s390_insn of the access */
    int reg;                  /* its data register */
    int32_t replay_of;        /* a replay: index of the original access (its stub) */
    uint32_t stub_off;
    /* A 128-bit access (VLBR/VSTBR of VS0): its stub is a fixup that redoes it as the two
     * doubleword accesses of the IR; vreg is the V register a store takes its value from. */
    bool q;
    int vreg;
    /* FP values in host registers and the pending inexact flag at the access: its stub
     * writes them back (the registers and the FPC are as they were at the fault). */
    struct jit_fpstate fp;
};

static bool fits_s16(int64_t v) { return v >= -32768 && v <= 32767; }
static bool fits_s32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

static void load_const(struct jctx *J, int r, uint64_t v)
{
    int64_t s = (int64_t)v;
    if (fits_s16(s))
        S390_EMIT(B, RI, LGHI, r, (int32_t)s);
    else if (fits_s32(s))
        S390_EMIT(B, RIL, LGFI, r, s);
    else if (v <= 0xffffffffull)
        S390_EMIT(B, RIL, LLILF, r, (int64_t)v);
    else if (!(v & 0xffffffffull))
        S390_EMIT(B, RIL, LLIHF, r, (int64_t)(v >> 32));
    else {
        S390_EMIT(B, RIL, LLIHF, r, (int64_t)(v >> 32));
        S390_EMIT(B, RIL, IILF, r, (int64_t)(v & 0xffffffffull));
    }
}

static int slot_off(int s) { return JIT_SPILL0 + 8 * s; }

/* The register holding temp t, loading it into `scratch` if it is a constant or spilled. */
static int R(struct jctx *J, ir_val t, int scratch)
{
    if (J->is_const[t]) {
        load_const(J, scratch, J->cval[t]);
        return scratch;
    }
    if (J->reg[t] >= 0)
        return J->reg[t];
    if (J->slot[t] >= 0) {
        S390_EMIT(B, RXY, LG, scratch, 0, 15, slot_off(J->slot[t]));
        return scratch;
    }
    J->fail = true; /* a use of a temp never defined: a bug, fall back to the interpreter */
    return scratch;
}

/* The register an op writes its result to (R_S0 for a spilled result; see dfin). */
static int D(struct jctx *J, ir_val t) { return J->reg[t] >= 0 ? J->reg[t] : R_S0; }

static void dfin(struct jctx *J, ir_val t, int r)
{
    if (J->reg[t] < 0 && J->slot[t] >= 0)
        S390_EMIT(B, RXY, STG, r, 0, 15, slot_off(J->slot[t]));
}

/* Stores temp t's 64 bits at off(r15): a spilled one memory to memory (MVC: off < 4096). */
static void store_temp(struct jctx *J, ir_val t, int off, int scratch)
{
    if (!J->is_const[t] && J->reg[t] < 0 && J->slot[t] >= 0 && off < 4096)
        s390_emit_SSa(B, SSa_MVC, 8, 15, off, 15, slot_off(J->slot[t]));
    else
        S390_EMIT(B, RXY, STG, R(J, t, scratch), 0, 15, off);
}

/* Host registers for temps: callee-saved first, so values survive helper calls. */
static const int alloc_order[] = {6, 7, 8, 9, 10, 2, 3, 4, 5};

/* Whether lowering op writes its result only after reading every operand (so the result may
 * take an operand's register). */
static bool reads_first(unsigned op)
{
    switch (op) {
    case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR: case IR_SHL: case IR_LSR:
    case IR_ASR: case IR_ROR: case IR_LOAD: case IR_NOT: case IR_NEG: case IR_MOV:
    case IR_SEXT8: case IR_SEXT16: case IR_SEXT32: case IR_ZEXT8: case IR_ZEXT16: case IR_ZEXT32:
        return true;
    default:
        return false;
    }
}

static void alloc_dst(struct jctx *J, ir_val t)
{
    if (J->pin_target[t] >= 0) {
        /* Build the value where its SET will want it, if the old value is no longer needed
         * (or is read by this very op, which reads before it writes; a SELECT reads its
         * condition's operands first, its values not). */
        int s = J->pin_target[t];
        ir_val old = J->pin_alias[s];
        uint32_t k = J->def[t];
        const struct ir_insn *in = &J->b->insn[k];
        bool first = reads_first(in->op) ||
                     (in->op == IR_SELECT && old != in->arg[1] && old != in->arg[2]);
        if (!old || J->last_use[old] < k || (J->last_use[old] == k && first)) {
            if (old)
                J->pin_alias[s] = 0;
            J->reg[t] = J->pin[s];
            J->alias[t] = 1;
            J->pin_alias[s] = t;
            return;
        }
    }
    /* An op that reads every operand before it writes may put its result in the register of
     * an operand whose last use it is (a temp's own register, not a pin's). */
    uint32_t k = J->def[t];
    const struct ir_insn *in = &J->b->insn[k];
    if (reads_first(in->op))
        for (int a = 0; a < 3; a++) {
            ir_val o = in->arg[a];
            if (o && o < J->nt && !J->is_const[o] && J->reg[o] >= 0 && !J->alias[o] &&
                J->last_use[o] == k && J->owner[J->reg[o]] == o) {
                J->owner[J->reg[o]] = t;
                J->reg[t] = J->reg[o];
                return;
            }
        }
    for (unsigned i = 0; i < sizeof alloc_order / sizeof alloc_order[0]; i++) {
        int r = alloc_order[i];
        if (!J->owner[r]) {
            J->owner[r] = t;
            J->reg[t] = (int8_t)r;
            return;
        }
    }
    for (int s = 0; s < JIT_NSPILL; s++)
        if (!J->spill_busy[s]) {
            J->spill_busy[s] = 1;
            J->slot_owner[s] = t;
            if (s >= J->slots_hw)
                J->slots_hw = s + 1;
            J->slot[t] = (int16_t)s;
            return;
        }
    J->fail = true;
}

static void release(struct jctx *J, ir_val t)
{
    if (J->alias[t])
        return; /* a pinned register stays pinned */
    if (J->reg[t] >= 0 && J->owner[J->reg[t]] == t)
        J->owner[J->reg[t]] = 0;
    if (J->slot[t] >= 0 && J->slot_owner[J->slot[t]] == t) {
        J->spill_busy[J->slot[t]] = 0;
        J->slot_owner[J->slot[t]] = 0;
    }
}

void s390_jit_set_insn_count(struct s390_jit *j, bool on) { j->no_insn_count = !on; }
void s390_jit_set_polls(struct s390_jit *j, bool on) { j->no_polls = !on; }
bool s390_jit_polls(const struct s390_jit *j) { return !j->no_polls; }

static void agsi_insns(struct jctx *J, int64_t n)
{
    while (n && !J->j->no_insn_count) {
        int64_t step = n > 127 ? 127 : n < -128 ? -128 : n;
        S390_EMIT(B, SIY, AGSI, R_ENV, OFF_INSNS, (int32_t)step);
        n -= step;
    }
}

static void brcl_abs(struct jctx *J, int mask, uintptr_t target)
{
    S390_EMIT(B, RILc, BRCL, mask, (int64_t)(target - (J->at + B->len)));
}

/* ---- helper calls ------------------------------------------------------------------------- */

/* V registers pinned in v19-v31 (loop mode, plan_vpins) do not survive a C call: the written
 * ones are stored before it (so the CPU state is current for the helper) and all reloaded
 * after. */
static void vpins_around_call(struct jctx *J, bool after)
{
    for (int v = 0; v < 32 && J->vpins; v++)
        if (J->vpin[v] >= 0 && (after || J->vpin_written[v]))
            s390_emit_VRX(B, after ? VRX_VL : VRX_VST, J->vpin[v], 0, R_ENV, OFF_V(v, 0), 0);
    for (int d = 0; d < 2 && after; d++)
        if (J->vthr[d] >= 0)
            jit_fp_vector_threshold(J, J->vthr[d], d);
}

void jit_call_fn(struct jctx *J, ir_helper_fn fn)
{
    S390_EMIT(B, RXY, LAY, 2, 0, R_ENV, JIT_ENV);
    load_const(J, R_S1, (uint64_t)(uintptr_t)fn);
    vpins_around_call(J, false);
    S390_EMIT(B, RR, BASR, 14, R_S1);
    vpins_around_call(J, true);
    S390_EMIT(B, SIY, AGSI, R_ENV, OFF_HELPER_CALLS, 1);
}

/* Calls fn(env, args...) with the IR temps args (0 = none) and puts the result in dst. */
static void emit_call(struct jctx *J, uint32_t k, ir_helper_fn fn, const ir_val *args,
                      unsigned nargs, ir_val dst, bool callx, uint32_t pcoff, int imm_arg,
                      uint64_t imm)
{
    /* Cached FP values do not survive the call; a helper that uses the FPC or FPSR finds the
     * pending flags committed (jit_fp_call). */
    jit_fp_end(J);
    const struct ir_insn *ci = &J->b->insn[k];
    int h = (ci->op == IR_CALL || ci->op == IR_CALLX) && ci->imm < IR_NUM_HELPERS &&
                    fn == ir_helpers[ci->imm]
                ? (int)ci->imm
                : -1;
    if (h >= 0)
        jit_fp_call(J, (unsigned)h, false);
    /* Save caller-saved registers holding values that are live here (operands included). */
    bool saved[6] = {0};
    for (int r = 2; r <= 5; r++)
        if (J->owner[r]) {
            S390_EMIT(B, RXY, STG, r, 0, 15, JIT_SAVE_R2 + 8 * (r - 2));
            saved[r] = true;
        }
    for (unsigned a = 0; a < nargs && a < 3; a++) {
        ir_val t = args[a];
        int to = 3 + (int)a;
        if ((int)a == imm_arg)
            load_const(J, to, imm);
        else if (!t)
            S390_EMIT(B, RI, LGHI, to, 0);
        else if (J->is_const[t])
            load_const(J, to, J->cval[t]);
        else if (J->reg[t] >= 2 && J->reg[t] <= 5)
            S390_EMIT(B, RXY, LG, to, 0, 15, JIT_SAVE_R2 + 8 * (J->reg[t] - 2));
        else if (J->reg[t] >= 0)
            S390_EMIT(B, RRE, LGR, to, J->reg[t]);
        else
            S390_EMIT(B, RXY, LG, to, 0, 15, slot_off(J->slot[t]));
    }
    if (callx) {
        /* The helper sees the pc of its instruction (for the exceptions it raises). */
        load_const(J, R_S1, J->b->pc + pcoff);
        S390_EMIT(B, RXY, STG, R_S1, 0, R_ENV, OFF_PC);
    }
    jit_call_fn(J, fn);
    /* Guest registers pinned in r4/r5 first: the way out of a helper that raised stores them,
     * and a result built in a pin's register (pin_target) must not be overwritten. */
    for (int r = 2; r <= 5; r++)
        if (saved[r] && J->owner[r] == PIN_OWNER)
            S390_EMIT(B, RXY, LG, r, 0, 15, JIT_SAVE_R2 + 8 * (r - 2));
    if (callx) {
        /* A helper that raised an exception left env->exit set: leave with the instructions
         * from this one on not counted. */
        S390_EMIT(B, RXY, LT, R_S0, 0, R_ENV, OFF_EXIT);
        struct s390_label ok;
        s390_label_init(&ok);
        S390_EMIT_LABEL(B, RIc, BRC, 8, &ok);
        load_const(J, R_S0, ir_block_insns_from(J->b, pcoff));
        brcl_abs(J, 15, J->j->helper_tail);
        s390_label_bind(B, &ok);
    }
    if (h >= 0)
        jit_fp_call(J, (unsigned)h, true);
    /* Release operands dying here before placing the result, so it can take their place. */
    if (dst == JIT_DST_S0) {
        S390_EMIT(B, RRE, LGR, R_S0, 2);
    } else if (dst) {
        alloc_dst(J, dst);
        int d = D(J, dst);
        if (d != 2)
            S390_EMIT(B, RRE, LGR, d, 2);
        dfin(J, dst, d);
    }
    for (int r = 2; r <= 5; r++)
        if (saved[r] && J->owner[r] && J->owner[r] != PIN_OWNER && J->owner[r] != dst &&
            J->last_use[J->owner[r]] > k)
            S390_EMIT(B, RXY, LG, r, 0, 15, JIT_SAVE_R2 + 8 * (r - 2));
}

/* The code generator's services for the FP and SIMD lowerings (jit_ctx.h). */
int jit_use(struct jctx *J, ir_val t, int scratch) { return R(J, t, scratch); }
int jit_dst(struct jctx *J, ir_val t) { return D(J, t); }
void jit_dst_done(struct jctx *J, ir_val t, int r) { dfin(J, t, r); }
void jit_load_const(struct jctx *J, int r, uint64_t v) { load_const(J, r, v); }
void jit_alloc_dst(struct jctx *J, ir_val t) { alloc_dst(J, t); }
void jit_emit_call(struct jctx *J, uint32_t k, const struct ir_insn *i, ir_val dst)
{
    emit_call(J, k, ir_helpers[i->imm], i->arg, 3, dst, i->op == IR_CALLX, i->pcoff, -1, 0);
}

/* ---- guest memory ------------------------------------------------------------------------- */

static struct access *new_access(struct jctx *J)
{
    if (J->nacc == J->capacc) {
        J->capacc = J->capacc ? J->capacc * 2 : 16;
        struct access *n = realloc(J->acc, J->capacc * sizeof *n);
        if (!n) {
            J->fail = true;
            J->capacc = J->nacc = 0;
            return NULL;
        }
        J->acc = n;
    }
    struct access *a = &J->acc[J->nacc++];
    memset(a, 0, sizeof *a);
    a->replay_of = -1;
    s390_label_init(&a->stub);
    s390_label_init(&a->slow);
    return a;
}

/* Base register and displacement of the guest address temp t. */
static int address(struct jctx *J, ir_val t, int32_t *disp)
{
    if (FOLDED(J, t)) {
        *disp = J->disp[t];
        return R(J, J->fbase[t], R_S1);
    }
    *disp = 0;
    return R(J, t, R_S1);
}

/* The bounds check and the access instruction `insn` (RXY, or VRX for a 128-bit access of
 * VS0) on data register r. */
static struct access *access(struct jctx *J, uint32_t pcoff, ir_val addr, unsigned insn, int r)
{
    int32_t disp;
    int base = address(J, addr, &disp);
    struct access *a = new_access(J);
    if (!a)
        return NULL;
    a->q = s390_insn_table[insn].format == S390_FMT_VRX;
    a->fp = J->fp;
    a->base = base;
    a->disp = disp;
    a->pcoff = pcoff;
    a->insn = insn;
    a->reg = r;
    /* Guest addresses at or above the window size fault (a folded displacement is
     * re-checked exactly out of line).  A base already checked in this block needs no second
     * check: a displacement from it lands at worst in a guard page. */
    ir_val bt = FOLDED(J, addr) ? J->fbase[addr] : addr;
    if (!J->checked[bt]) {
        S390_EMIT_LABEL(B, RIEb, CLGRJ, base, R_GSIZE, 10, disp && !a->q ? &a->slow : &a->stub);
        J->checked[bt] = 1;
    }
    a->off = (uint32_t)B->len;
    if (a->q)
        s390_emit_VRX(B, insn, r, R_GBASE, base, disp, 3); /* bytes reversed per doubleword */
    else
        s390_emit_RXY(B, insn, r, R_GBASE, base, disp);
    a->len = (uint32_t)(B->len - a->off);
    return a;
}

void jit_access_q(struct jctx *J, uint32_t pcoff, ir_val addr, bool store, unsigned vreg,
                  int v)
{
    struct access *a = access(J, pcoff, addr, store ? VRX_VSTBR : VRX_VLBR, v);
    if (a)
        a->vreg = (int)vreg;
}

bool jit_addr_parts(struct jctx *J, ir_val t, ir_val *base, int32_t *disp)
{
    if (FOLDED(J, t)) {
        *base = J->fbase[t];
        *disp = J->disp[t];
    } else {
        *base = t;
        *disp = 0;
    }
    return FOLDED(J, t);
}

static void lower_load(struct jctx *J, const struct ir_insn *i)
{
    unsigned size = i->imm & 0xff;
    bool sign = (i->imm & IR_MEM_SIGNED) != 0;
    int d = D(J, i->dst);
    switch (size) {
    case 1:
        access(J, i->pcoff, i->arg[0], sign ? RXY_LGB : RXY_LLGC, d);
        if (sign && i->type == IR_I32)
            S390_EMIT(B, RRE, LLGFR, d, d);
        break;
    case 2:
        access(J, i->pcoff, i->arg[0], RXY_LRVH, d);
        if (sign) {
            S390_EMIT(B, RRE, LGHR, d, d);
            if (i->type == IR_I32)
                S390_EMIT(B, RRE, LLGFR, d, d);
        } else {
            S390_EMIT(B, RRE, LLGHR, d, d);
        }
        break;
    case 4:
        access(J, i->pcoff, i->arg[0], RXY_LRV, d);
        if (sign && i->type == IR_I64)
            S390_EMIT(B, RRE, LGFR, d, d);
        else if (!J->lo32[i->dst])
            S390_EMIT(B, RRE, LLGFR, d, d);
        break;
    default:
        access(J, i->pcoff, i->arg[0], RXY_LRVG, d);
        break;
    }
    dfin(J, i->dst, d);
}

static void lower_store(struct jctx *J, const struct ir_insn *i)
{
    unsigned size = i->imm & 0xff;
    int v = R(J, i->arg[1], R_S14);
    unsigned insn = size == 1 ? RXY_STCY : size == 2 ? RXY_STRVH : size == 4 ? RXY_STRV : RXY_STRVG;
    access(J, i->pcoff, i->arg[0], insn, v);
}

/* ---- flags -------------------------------------------------------------------------------- */

/* s390 condition mask for Arm condition cc after the compare emit_compare makes for the flag
 * producer p; -1 if that producer/condition pair has no single compare. */
int jit_fused_mask(unsigned op, unsigned cc)
{
    static const int8_t sub[16] = {8, 7, 10, 4, -1, -1, -1, -1, 2, 12, 10, 4, 2, 12, -1, -1};
    static const int8_t logic[16] = {8, 7, -1, -1, 4, 10, -1, -1, -1, -1, 10, 4, 2, 12, -1, -1};
    if (cc >= 16)
        return -1;
    if (op == IR_NZCV_SUB)
        return sub[cc];
    if (op == IR_NZCV_LOGIC)
        return logic[cc];
    if (op == IR_NZCV_ADD)
        return cc == 0 ? 8 : cc == 1 ? 7 : -1;
    return -1;
}

/* Arm conditions CS, CC, HI, LS compare unsigned. */

static int emit_compare_cc(struct jctx *J, const struct ir_insn *p, unsigned cc);

/* Emits the compare for a fused COND and returns the branch mask.  The condition code of the
 * same compare is still there when nothing but CC-preserving code (the CSETs of a flag
 * producer, stores of their results) was emitted since: CSET w2, hi; CSET w3, lo compare once. */
static int emit_compare(struct jctx *J, ir_val cond_t)
{
    const struct ir_insn *c = &J->b->insn[J->def[cond_t]];
    unsigned cc = (unsigned)c->imm;
    bool uns = cc_unsigned(cc);
    uint32_t key = (J->def[c->arg[0]] + 1) * 2 + uns;
    if (J->cc_key == key && J->cc_len == B->len)
        return jit_fused_mask(J->b->insn[J->def[c->arg[0]]].op, cc);
    int m = emit_compare_cc(J, &J->b->insn[J->def[c->arg[0]]], cc);
    J->cc_key = key;
    J->cc_len = (uint32_t)B->len;
    return m;
}

/* The compare of flag producer p for Arm condition cc; returns the branch mask. */
static int emit_compare_cc(struct jctx *J, const struct ir_insn *p, unsigned cc)
{
    bool w = p->type == IR_I32;
    bool uns = cc_unsigned(cc);
    if (p->op == IR_NZCV_LOGIC && J->kind[p->arg[0]] == K_TMAND) {
        /* TST with a mask in one halfword (plan_tm): TEST UNDER MASK on the AND's operand. */
        static const enum s390_insn tm[4] = {RI_TMLL, RI_TMLH, RI_TMHL, RI_TMHH};
        const struct ir_insn *d = &J->b->insn[J->def[p->arg[0]]];
        uint64_t m = J->cval[d->arg[1]] & (w ? 0xffffffffull : ~0ull);
        int h = jit_tm_halfword(m);
        s390_emit_RI(B, tm[h], R(J, d->arg[0], R_S1), (int32_t)((m >> 16 * h) & 0xffff));
        return jit_fused_mask(p->op, cc);
    }
    if (p->op == IR_NZCV_LOGIC) {
        int a = R(J, p->arg[0], R_S1);
        if (w)
            S390_EMIT(B, RR, LTR, a, a);
        else
            S390_EMIT(B, RRE, LTGR, a, a);
        return jit_fused_mask(p->op, cc);
    }
    int a = R(J, p->arg[0], R_S1);
    ir_val bt = p->arg[1];
    if (p->op == IR_NZCV_ADD) {
        /* a + b == 0 exactly when a == -b (mod 2^n). */
        if (J->is_const[bt] && w) {
            S390_EMIT(B, RIL, CFI, a, (int32_t)(0u - (uint32_t)J->cval[bt]));
        } else if (J->is_const[bt] && fits_s32(-(int64_t)J->cval[bt])) {
            S390_EMIT(B, RIL, CGFI, a, -(int64_t)J->cval[bt]);
        } else {
            int b = R(J, bt, R_S14);
            if (w) {
                S390_EMIT(B, RR, LCR, R_S14, b);
                S390_EMIT(B, RR, CR, a, R_S14);
            } else {
                S390_EMIT(B, RRE, LCGR, R_S14, b);
                S390_EMIT(B, RRE, CGR, a, R_S14);
            }
        }
        return jit_fused_mask(p->op, cc);
    }
    if (J->is_const[bt]) {
        uint64_t v = J->cval[bt];
        if (w) {
            if (uns)
                S390_EMIT(B, RIL, CLFI, a, (int64_t)(uint32_t)v);
            else
                S390_EMIT(B, RIL, CFI, a, (int32_t)(uint32_t)v);
            return jit_fused_mask(p->op, cc);
        }
        if (uns && v <= 0xffffffffull) {
            S390_EMIT(B, RIL, CLGFI, a, (int64_t)v);
            return jit_fused_mask(p->op, cc);
        }
        if (!uns && fits_s32((int64_t)v)) {
            S390_EMIT(B, RIL, CGFI, a, (int64_t)v);
            return jit_fused_mask(p->op, cc);
        }
    }
    int b = R(J, bt, R_S14);
    if (w) {
        if (uns)
            S390_EMIT(B, RR, CLR, a, b);
        else
            S390_EMIT(B, RR, CR, a, b);
    } else {
        if (uns)
            S390_EMIT(B, RRE, CLGR, a, b);
        else
            S390_EMIT(B, RRE, CGR, a, b);
    }
    return jit_fused_mask(p->op, cc);
}

/* A loop's back edge on a fused compare: one COMPARE AND BRANCH (RIE) to the loop head, which
 * is bound (behind) and within its 16-bit reach; false, emitting nothing, when the compare has
 * no such form.  invert: branch when the condition is false. */
static bool emit_compare_branch(struct jctx *J, ir_val cond_t, bool invert, struct s390_label *to)
{
    if (J->kind[cond_t] != K_LAZYCOND || to->pos < 0 || (int64_t)B->len - to->pos > 60000)
        return false;
    const struct ir_insn *c = &J->b->insn[J->def[cond_t]];
    const struct ir_insn *p = &J->b->insn[J->def[c->arg[0]]];
    unsigned cc = (unsigned)c->imm;
    int m = jit_fused_mask(p->op, cc);
    if (m < 0 || p->op == IR_NZCV_ADD || J->kind[p->arg[0]] == K_TMAND)
        return false;
    if (invert)
        m ^= 15;
    bool w = p->type == IR_I32;
    bool uns = cc_unsigned(cc);
    int a = R(J, p->arg[0], R_S1);
    if (p->op == IR_NZCV_LOGIC) {
        if (w)
            S390_EMIT_LABEL(B, RIEc, CIJ, a, 0, m, to);
        else
            S390_EMIT_LABEL(B, RIEc, CGIJ, a, 0, m, to);
        return true;
    }
    ir_val bt = p->arg[1];
    if (J->is_const[bt] && jit_cij_fits(w, uns, J->cval[bt])) {
        uint64_t v = J->cval[bt];
        int64_t s = w ? (int64_t)(int32_t)v : (int64_t)v;
        if (uns && w)
            S390_EMIT_LABEL(B, RIEc, CLIJ, a, (int32_t)(v & 0xff), m, to);
        else if (uns)
            S390_EMIT_LABEL(B, RIEc, CLGIJ, a, (int32_t)v, m, to);
        else if (w)
            S390_EMIT_LABEL(B, RIEc, CIJ, a, (int32_t)s, m, to);
        else
            S390_EMIT_LABEL(B, RIEc, CGIJ, a, (int32_t)s, m, to);
        return true;
    }
    int b = J->lconst_reg >= 0 && J->is_const[bt] && J->cval[bt] == J->lconst ? J->lconst_reg
                                                                               : R(J, bt, R_S14);
    if (w && uns)
        S390_EMIT_LABEL(B, RIEb, CLRJ, a, b, m, to);
    else if (w)
        S390_EMIT_LABEL(B, RIEb, CRJ, a, b, m, to);
    else if (uns)
        S390_EMIT_LABEL(B, RIEb, CLGRJ, a, b, m, to);
    else
        S390_EMIT_LABEL(B, RIEb, CGRJ, a, b, m, to);
    return true;
}

static int emit_test(struct jctx *J, ir_val c);

/* Condition cc of CCMP/CCMN flags f = SELECT(c1, NZCV of a compare, k): c1's compare and, when
 * it holds, the second compare (its mask is the answer); when it does not, a CC the mask
 * reads as cc on the constant flags k. */
static int emit_ccmp(struct jctx *J, ir_val c)
{
    const struct ir_insn *ci = &J->b->insn[J->def[c]];
    const struct ir_insn *f = &J->b->insn[J->def[ci->arg[0]]];
    const struct ir_insn *p = &J->b->insn[J->def[f->arg[1]]];
    unsigned cc = (unsigned)ci->imm;
    int m1 = emit_test(J, f->arg[0]);
    struct s390_label other, join;
    s390_label_init(&other);
    s390_label_init(&join);
    S390_EMIT_LABEL(B, RIc, BRC, m1 ^ 15, &other);
    int m = emit_compare_cc(J, p, cc);
    S390_EMIT_LABEL(B, RIc, BRC, 15, &join);
    s390_label_bind(B, &other);
    bool want = sem_cond(J->cval[f->arg[2]], cc) != 0;
    if (((m >> 3) & 1) == want) {
        S390_EMIT(B, RR, CR, R_S0, R_S0); /* CC0 */
    } else {
        int x = ((m >> 2) & 1) == want ? 1 : ((m >> 1) & 1) == want ? 2 : 3;
        S390_EMIT(B, RI, LGHI, R_S0, x == 1 ? -1 : 1);
        if (x == 3)
            S390_EMIT(B, RI, TMLL, R_S0, 1); /* the selected bit is one: CC3 */
        else
            S390_EMIT(B, RRE, LTGR, R_S0, R_S0); /* negative CC1, positive CC2 */
    }
    s390_label_bind(B, &join);
    return m;
}

/* Tests Arm condition cc on an NZCV value (bits 31:28) with TEST UNDER MASK: one bit is CC0
 * (clear) or CC3 (set); HI (C and not Z) is the mixed case with Z, the leftmost, clear; GE
 * (N == V) is "all clear or all set".  Returns the mask of the "true" condition codes. */
static int emit_tm_bits(struct jctx *J, int n, unsigned cc)
{
    if (cc >= 14)
        return 15;
    static const uint16_t bits[7] = {0x4000, 0x2000, 0x8000, 0x1000, 0x6000, 0x9000, 0};
    static const int8_t yes[7] = {1, 1, 1, 1, 4, 9, 1};
    unsigned k = cc >> 1;
    int m;
    if (k == 6) {
        /* LE: Z or N != V, gathered at bit 28. */
        S390_EMIT(B, RSY, SRLG, R_S14, n, 0, 3);
        S390_EMIT(B, RRE, XGR, R_S14, n);
        S390_EMIT(B, RSY, SRLG, R_S0, n, 0, 2);
        S390_EMIT(B, RRE, OGR, R_S14, R_S0);
        S390_EMIT(B, RI, TMLH, R_S14, 0x1000);
        m = 14; /* GT: bit 28 clear */
    } else {
        S390_EMIT(B, RI, TMLH, n, bits[k]);
        m = yes[k];
    }
    /* Odd conditions are the negations; LE (13) is the odd one of its pair too. */
    return (cc & 1) ? m ^ 15 : m;
}

/* The IR op a lazy-record kind stands for. */
unsigned jit_rec_op(int kind)
{
    return (kind & 3) == JIT_LAZY_LOGIC ? IR_NZCV_LOGIC
           : (kind & 3) == JIT_LAZY_ADD ? IR_NZCV_ADD
                                        : IR_NZCV_SUB;
}

/* Lazy-flag hints: the record kind the last block branching to pc left (thread-local, only a
 * guess: a wrong one costs the slow path, never correctness). */
#define REC_HINTS 256
static _Thread_local struct {
    uint64_t pc;
    int kind;
} rec_hint[REC_HINTS];

int jit_rec_hint_get(uint64_t pc)
{
    unsigned h = (unsigned)(pc >> 2) & (REC_HINTS - 1);
    return rec_hint[h].pc == pc && rec_hint[h].kind ? rec_hint[h].kind : JIT_LAZY_SUB;
}

static void rec_hint_set(uint64_t pc, int kind)
{
    unsigned h = (unsigned)(pc >> 2) & (REC_HINTS - 1);
    rec_hint[h].pc = pc;
    rec_hint[h].kind = kind;
}

static void emit_pending_nzcv(struct jctx *J);

/* Condition cc on the incoming flags, which a predecessor most likely left as a lazy record of
 * kind J->rec_kind: then the recorded operands are compared again (4 instructions).  Otherwise
 * (another kind, or flags already in PSTATE) PSTATE is tested and the outcome turned into a
 * condition code the same mask reads (SET PROGRAM MASK), so both paths meet before the branch. */
static int emit_rec_cond(struct jctx *J, unsigned cc)
{
    int kind = J->rec_kind;
    unsigned op = jit_rec_op(kind);
    bool w = (kind & JIT_LAZY_32) != 0;
    bool uns = cc_unsigned(cc);
    int m = jit_fused_mask(op, cc);
    struct s390_label fast, fast_imm, join;
    s390_label_init(&fast);
    s390_label_init(&fast_imm);
    s390_label_init(&join);
    /* A record of a compare with the very constant the hint names (kind and constant in one
     * halfword): the recorded operand compared with that constant in storage. */
    int64_t c = (int8_t)(kind >> 8);
    if (op == IR_NZCV_ADD)
        c = -c;
    bool imm = op != IR_NZCV_LOGIC && (kind & JIT_LAZY_IMM) && (!uns || c >= 0);
    if (imm) {
        S390_EMIT(B, SIL, CLHHSI, 15, JIT_LAZY_KIND + 6, kind & 0xffff);
        S390_EMIT_LABEL(B, RIc, BRC, 8, &fast_imm);
    }
    S390_EMIT(B, SI, CLI, 15, JIT_LAZY_KIND + 7, kind & 0xff);
    S390_EMIT_LABEL(B, RIc, BRC, 8, &fast);
    emit_pending_nzcv(J);
    S390_EMIT(B, RXY, LG, R_S1, 0, R_ENV, OFF_PSTATE);
    int y = emit_tm_bits(J, R_S1, cc);
    int c1 = m & 8 ? 0 : m & 4 ? 1 : m & 2 ? 2 : 3;
    int c0 = !(m & 8) ? 0 : !(m & 4) ? 1 : !(m & 2) ? 2 : 3;
    S390_EMIT(B, RI, LGHI, R_S1, c0);
    S390_EMIT(B, RI, LGHI, R_S14, c1);
    S390_EMIT(B, RRFc, LOCGR, R_S1, R_S14, y);
    S390_EMIT(B, RRE, IPM, R_S14, 0);
    S390_EMIT(B, RIEf, RISBG, R_S14, R_S1, 34, 35, 28);
    S390_EMIT(B, RR, SPM, R_S14, 0);
    S390_EMIT_LABEL(B, RIc, BRC, 15, &join);
    s390_label_bind(B, &fast);
    int da = w ? JIT_LAZY_A + 4 : JIT_LAZY_A, db = w ? JIT_LAZY_B + 4 : JIT_LAZY_B;
    if (op != IR_NZCV_LOGIC && (kind & JIT_LAZY_IMM)) {
        /* The constant operand is the kind's second byte. */
        S390_EMIT(B, RXY, LGB, R_S14, 0, 15, JIT_LAZY_KIND + 6);
        if (w)
            S390_EMIT(B, RX, L, R_S1, 0, 15, da);
        else
            S390_EMIT(B, RXY, LG, R_S1, 0, 15, da);
        if (op == IR_NZCV_ADD)
            S390_EMIT(B, RRE, LCGR, R_S14, R_S14);
        if (w && uns)
            S390_EMIT(B, RR, CLR, R_S1, R_S14);
        else if (w)
            S390_EMIT(B, RR, CR, R_S1, R_S14);
        else if (uns)
            S390_EMIT(B, RRE, CLGR, R_S1, R_S14);
        else
            S390_EMIT(B, RRE, CGR, R_S1, R_S14);
    } else if (op == IR_NZCV_LOGIC) {
        if (w)
            S390_EMIT(B, RXY, LT, R_S1, 0, 15, da);
        else
            S390_EMIT(B, RXY, LTG, R_S1, 0, 15, da);
    } else if (op == IR_NZCV_ADD) {
        /* a + b == 0 exactly when a == -b (mod 2^n). */
        if (w) {
            S390_EMIT(B, RX, L, R_S1, 0, 15, da);
            S390_EMIT(B, RX, L, R_S14, 0, 15, db);
            S390_EMIT(B, RR, LCR, R_S14, R_S14);
            S390_EMIT(B, RR, CR, R_S1, R_S14);
        } else {
            S390_EMIT(B, RXY, LG, R_S1, 0, 15, da);
            S390_EMIT(B, RXY, LG, R_S14, 0, 15, db);
            S390_EMIT(B, RRE, LCGR, R_S14, R_S14);
            S390_EMIT(B, RRE, CGR, R_S1, R_S14);
        }
    } else if (w) {
        S390_EMIT(B, RX, L, R_S1, 0, 15, da);
        if (uns)
            S390_EMIT(B, RX, CL, R_S1, 0, 15, db);
        else
            S390_EMIT(B, RX, C, R_S1, 0, 15, db);
    } else {
        S390_EMIT(B, RXY, LG, R_S1, 0, 15, da);
        if (uns)
            S390_EMIT(B, RXY, CLG, R_S1, 0, 15, db);
        else
            S390_EMIT(B, RXY, CG, R_S1, 0, 15, db);
    }
    if (imm) {
        static const enum s390_insn cmp[2][2] = {{SIL_CGHSI, SIL_CLGHSI}, {SIL_CHSI, SIL_CLFHSI}};
        S390_EMIT_LABEL(B, RIc, BRC, 15, &join);
        s390_label_bind(B, &fast_imm);
        s390_emit_SIL(B, cmp[w][uns], 15, w ? JIT_LAZY_A + 4 : JIT_LAZY_A, (int32_t)c);
    }
    s390_label_bind(B, &join);
    return m;
}

static int emit_tm_cond(struct jctx *J, ir_val cond_t)
{
    const struct ir_insn *c = &J->b->insn[J->def[cond_t]];
    unsigned cc = (unsigned)c->imm & 15;
    if (cc >= 14)
        return 15;
    if (J->kind[c->arg[0]] == K_NZCVREC)
        return emit_rec_cond(J, cc);
    return emit_tm_bits(J, R(J, c->arg[0], R_S1), cc);
}

/* The compare of a fused SETEQ/SETNE/SETLTU; returns the mask of its "true" outcome. */
static int emit_setcmp(struct jctx *J, ir_val t)
{
    const struct ir_insn *i = &J->b->insn[J->def[t]];
    bool w = i->type == IR_I32;
    int m = i->op == IR_SETEQ ? 8 : i->op == IR_SETNE ? 7 : 4;
    int a = R(J, i->arg[0], R_S1);
    ir_val bt = i->arg[1];
    if (J->is_const[bt]) {
        uint64_t v = w ? (uint32_t)J->cval[bt] : J->cval[bt];
        if (v == 0 && i->op != IR_SETLTU) {
            if (w)
                S390_EMIT(B, RR, LTR, a, a);
            else
                S390_EMIT(B, RRE, LTGR, a, a);
            return m;
        }
        if (v <= 0xffffffffull) {
            if (w)
                S390_EMIT(B, RIL, CLFI, a, (int64_t)v);
            else
                S390_EMIT(B, RIL, CLGFI, a, (int64_t)v);
            return m;
        }
    }
    int b = R(J, bt, R_S14);
    if (w)
        S390_EMIT(B, RR, CLR, a, b);
    else
        S390_EMIT(B, RRE, CLGR, a, b);
    return m;
}

/* The in-place SUBS of plan_subcc, at the branch: SUBTRACT LOGICAL on the pin; returns the
 * mask of the condition on its CC (1 nonzero with borrow, 2 zero, 3 nonzero without). */
static int emit_subcc(struct jctx *J, ir_val cond_t)
{
    const struct ir_insn *c = &J->b->insn[J->def[cond_t]];
    const struct ir_insn *p = &J->b->insn[J->def[c->arg[0]]];
    const struct ir_insn *g = &J->b->insn[J->def[p->arg[0]]];
    int pr = J->pin[g->imm];
    ir_val bt = p->arg[1];
    if (J->is_const[bt] && J->cval[bt] <= 0xffffffffu)
        S390_EMIT(B, RIL, SLGFI, pr, (int64_t)J->cval[bt]);
    else
        S390_EMIT(B, RRE, SLGR, pr, R(J, bt, R_S1));
    J->pin_alias[g->imm] = 0;
    /* EQ, NE, HS, LO; HI, LS. */
    static const int8_t mask[10] = {2, 5, 3, 4, -1, -1, -1, -1, 1, 6};
    return mask[c->imm & 15];
}

/* Sets the condition code for a 0/1 (or fused) condition temp; returns the "true" mask. */
static int emit_test(struct jctx *J, ir_val c)
{
    if (J->kind[c] == K_LAZYCOND)
        return emit_compare(J, c);
    if (J->kind[c] == K_CCMP)
        return emit_ccmp(J, c);
    if (J->kind[c] == K_SETCMP)
        return emit_setcmp(J, c);
    if (J->kind[c] == K_TMLAZY)
        return emit_tm_cond(J, c);
    if (J->kind[c] == K_SUBCOND)
        return emit_subcc(J, c);
    if (J->kind[c] == K_FCMPCOND) {
        const struct ir_insn *ci = &J->b->insn[J->def[c]];
        return jit_fp_compare(J, &J->b->insn[J->def[ci->arg[0]]], (unsigned)ci->imm);
    }
    int r = R(J, c, R_S1);
    S390_EMIT(B, RRE, LTGR, r, r);
    return 7;
}

/* NZCV of a + b / a - b in bits 31:28.  Operands are copied to r1/r14 (32-bit ones shifted
 * to the top, where a 64-bit operation gives the 32-bit flags).  The logical add/subtract leaves
 * "carry" in CC bit 1 and "nonzero" in CC bit 0, which IPM puts at bits 29 and 28 without
 * touching bit 63, the result's sign. */
static void lower_nzcv_arith(struct jctx *J, const struct ir_insn *i)
{
    bool w = i->type == IR_I32;
    int d = D(J, i->dst);
    int a = R(J, i->arg[0], R_S1);
    int b = R(J, i->arg[1], R_S14);
    if (w) {
        S390_EMIT(B, RSY, SLLG, R_S1, a, 0, 32);
        S390_EMIT(B, RSY, SLLG, R_S14, b, 0, 32);
    } else {
        if (a != R_S1)
            S390_EMIT(B, RRE, LGR, R_S1, a);
        if (b != R_S14)
            S390_EMIT(B, RRE, LGR, R_S14, b);
    }
    if (i->op == IR_NZCV_ADD)
        S390_EMIT(B, RRFa, ALGRK, R_S0, R_S1, R_S14, 0);
    else
        S390_EMIT(B, RRFa, SLGRK, R_S0, R_S1, R_S14, 0);
    S390_EMIT(B, RRE, IPM, R_S0, 0);
    /* V: sub (a ^ b) & (a ^ r); add (a ^ r) & (b ^ r); only bit 63 matters. */
    if (i->op == IR_NZCV_ADD) {
        S390_EMIT(B, RRE, XGR, R_S1, R_S0);
        S390_EMIT(B, RRE, XGR, R_S14, R_S0);
    } else {
        S390_EMIT(B, RRE, XGR, R_S14, R_S1);
        S390_EMIT(B, RRE, XGR, R_S1, R_S0);
    }
    S390_EMIT(B, RRE, NGR, R_S1, R_S14);
    S390_EMIT(B, RIEf, RISBG, R_S0, R_S0, 32, 32, 32);        /* N: bit 63 -> 31 */
    S390_EMIT(B, RIL, XILF, R_S0, 0x10000000);                /* !Z -> Z at 28 */
    S390_EMIT(B, RIEf, RISBG, R_S0, R_S0, 33, 33, 2);         /* Z: 28 -> 30 */
    S390_EMIT(B, RIEf, RISBG, R_S0, R_S1, 35, 35, 29);        /* V: 63 -> 28 */
    S390_EMIT(B, RIEf, RISBG, d, R_S0, 32, 35 | 0x80, 0);
    dfin(J, i->dst, d);
}

static void lower_nzcv_logic(struct jctx *J, const struct ir_insn *i)
{
    bool w = i->type == IR_I32;
    int d = D(J, i->dst);
    int a = R(J, i->arg[0], R_S1);
    if (w) {
        S390_EMIT(B, RSY, SLLG, R_S1, a, 0, 32);
        a = R_S1;
    }
    /* r + (-1) carries out exactly when r != 0; IPM puts that carry at bit 29. */
    S390_EMIT(B, RIEd, ALGHSIK, R_S14, a, -1);
    S390_EMIT(B, RRE, IPM, R_S14, 0);
    S390_EMIT(B, RIEf, RISBG, d, a, 32, 32 | 0x80, 32);        /* N, the rest zero */
    S390_EMIT(B, RIEf, RISBG, d, R_S14, 33, 33, 1);           /* nonzero -> bit 30 */
    S390_EMIT(B, RIL, XILF, d, 0x40000000);
    dfin(J, i->dst, d);
}

/* ---- pure ops ----------------------------------------------------------------------------- */

/* The zero extension of a 32-bit result in d, unless no reader looks above bit 31. */
static void zext32(struct jctx *J, const struct ir_insn *i, int d)
{
    if (!J->lo32[i->dst])
        S390_EMIT(B, RRE, LLGFR, d, d);
}

/* Whether temp t's 64 bits are zero above bit 31: a constant below 2^32, a zero-extending
 * load, or a 32-bit result of an op that zero-extends it (zext32: unless no reader looks above
 * bit 31; a shift by a constant with RISBG's zero fill always). */
static bool hi_zero(struct jctx *J, ir_val t)
{
    if (J->is_const[t])
        return J->cval[t] >> 32 == 0;
    if (J->kind[t] != K_NORMAL)
        return false;
    const struct ir_insn *d = &J->b->insn[J->def[t]];
    switch (d->op) {
    case IR_SHL:
    case IR_LSR:
        if (d->type == IR_I32 && J->is_const[d->arg[1]])
            return true;
        /* fall through */
    case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR: case IR_ANDN:
    case IR_ORN: case IR_XORN: case IR_ASR: case IR_ROR:
        return d->type == IR_I32 && !J->lo32[t];
    case IR_LOAD: {
        unsigned size = d->imm & 0xff;
        return !(d->imm & IR_MEM_SIGNED) && (size < 4 || (size == 4 && !J->lo32[t]));
    }
    default:
        return false;
    }
}

/* Inline lowering of a pure op; false to use the C function instead. */
static bool lower_pure(struct jctx *J, const struct ir_insn *i)
{
    bool w = i->type == IR_I32;
    ir_val at = i->arg[0], bt = i->nargs > 1 ? i->arg[1] : 0;
    bool bc = bt && J->is_const[bt];
    uint64_t bv = bc ? J->cval[bt] : 0;
    int d = D(J, i->dst);
    int a, b;
    if (J->kind[i->dst] == K_SHIFTPAIR) {
        const struct ir_insn *p = &J->b->insn[J->def[at]];
        int x = R(J, p->arg[0], R_S1);
        int sa, sb; /* left and right shift amounts */
        if (i->op == IR_LSR) {
            sa = (int)J->cval[p->arg[1]];
            sb = (int)bv;
            int lo = sa > sb ? sa - sb : 0;
            S390_EMIT(B, RIEf, RISBG, d, x, sb, (63 - lo) | 0x80, (sa - sb) & 63);
        } else {
            sb = (int)J->cval[p->arg[1]];
            sa = (int)bv;
            int hi = 63 + sa - sb < 63 ? 63 + sa - sb : 63;
            S390_EMIT(B, RIEf, RISBG, d, x, 63 - hi, (63 - sa) | 0x80, (sa - sb) & 63);
        }
        dfin(J, i->dst, d);
        return true;
    }
    switch (i->op) {
    case IR_ADD:
    case IR_SUB: {
        if (bc) {
            int64_t v = i->op == IR_SUB ? -(int64_t)bv : (int64_t)bv;
            if (w)
                v = (int32_t)(uint32_t)v;
            a = R(J, at, R_S1);
            if (fits_s16(v))
                S390_EMIT(B, RIEd, AGHIK, d, a, (int32_t)v);
            else if (v >= -524288 && v <= 524287 && a != 0)
                S390_EMIT(B, RXY, LAY, d, 0, a, (int32_t)v);
            else {
                load_const(J, R_S14, (uint64_t)v);
                S390_EMIT(B, RRFa, AGRK, d, a, R_S14, 0);
            }
        } else {
            a = R(J, at, R_S1);
            b = R(J, bt, R_S14);
            if (i->op == IR_ADD)
                S390_EMIT(B, RRFa, AGRK, d, a, b, 0);
            else
                S390_EMIT(B, RRFa, SGRK, d, a, b, 0);
        }
        if (w)
            zext32(J, i, d);
        break;
    }
    case IR_AND:
    case IR_OR:
    case IR_XOR:
        a = R(J, at, R_S1);
        if (bc && i->op == IR_AND && !w) {
            /* A run of ones (possibly wrapping): one RISBG, as Arm's bitmask immediates. */
            uint64_t m = bv;
            if (m && m != ~0ull) {
                int lo = __builtin_ctzll(m), hi = 63 - __builtin_clzll(m);
                bool contiguous = ((m >> lo) & ((m >> lo) + 1)) == 0;
                if (contiguous) {
                    S390_EMIT(B, RIEf, RISBG, d, a, 63 - hi, (63 - lo) | 0x80, 0);
                    break;
                }
                uint64_t inv = ~m;
                int ilo = __builtin_ctzll(inv), ihi = 63 - __builtin_clzll(inv);
                if (((inv >> ilo) & ((inv >> ilo) + 1)) == 0) {
                    /* ones wrap around: from bit ihi+1 up to bit ilo-1 (mod 64) */
                    S390_EMIT(B, RIEf, RISBG, d, a, 63 - (ilo - 1), (63 - (ihi + 1)) | 0x80, 0);
                    break;
                }
            }
        }
        b = R(J, bt, R_S14);
        if (i->op == IR_AND)
            S390_EMIT(B, RRFa, NGRK, d, a, b, 0);
        else if (i->op == IR_OR)
            S390_EMIT(B, RRFa, OGRK, d, a, b, 0);
        else
            S390_EMIT(B, RRFa, XGRK, d, a, b, 0);
        /* Operands zero above bit 31 give a result that is too. */
        if (w && !(i->op == IR_AND ? hi_zero(J, at) || hi_zero(J, bt)
                                   : hi_zero(J, at) && hi_zero(J, bt)))
            zext32(J, i, d);
        break;
    case IR_ANDN:
    case IR_ORN:
    case IR_XORN:
        a = R(J, at, R_S1);
        b = R(J, bt, R_S14);
        if (J->mie3) {
            if (i->op == IR_ANDN)
                S390_EMIT(B, RRFa, NCGRK, d, a, b, 0);
            else if (i->op == IR_ORN)
                S390_EMIT(B, RRFa, OCGRK, d, a, b, 0);
            else
                S390_EMIT(B, RRFa, NXGRK, d, a, b, 0);
        } else {
            /* ~b = -b - 1 */
            S390_EMIT(B, RRE, LCGR, R_S14, b);
            S390_EMIT(B, RI, AGHI, R_S14, -1);
            if (i->op == IR_ANDN)
                S390_EMIT(B, RRFa, NGRK, d, a, R_S14, 0);
            else if (i->op == IR_ORN)
                S390_EMIT(B, RRFa, OGRK, d, a, R_S14, 0);
            else
                S390_EMIT(B, RRFa, XGRK, d, a, R_S14, 0);
        }
        if (w)
            zext32(J, i, d);
        break;
    case IR_SHL:
    case IR_LSR:
    case IR_ASR:
    case IR_ROR: {
        a = R(J, at, R_S1);
        unsigned width = w ? 32 : 64;
        if (bc) {
            unsigned n = (unsigned)(bv & (width - 1));
            if (w) {
                if (i->op == IR_SHL)
                    S390_EMIT(B, RIEf, RISBG, d, a, 32, (63 - (int)n) | 0x80, (int)n);
                else if (i->op == IR_LSR)
                    S390_EMIT(B, RIEf, RISBG, d, a, 32 + (int)n, 63 | 0x80, (64 - (int)n) & 63);
                else if (i->op == IR_ASR) {
                    S390_EMIT(B, RSY, SRAK, d, a, 0, (int)n);
                    zext32(J, i, d);
                } else {
                    S390_EMIT(B, RSY, RLL, d, a, 0, (int)((32 - n) & 31));
                    zext32(J, i, d);
                }
            } else {
                if (i->op == IR_SHL)
                    S390_EMIT(B, RSY, SLLG, d, a, 0, (int)n);
                else if (i->op == IR_LSR)
                    S390_EMIT(B, RSY, SRLG, d, a, 0, (int)n);
                else if (i->op == IR_ASR)
                    S390_EMIT(B, RSY, SRAG, d, a, 0, (int)n);
                else
                    S390_EMIT(B, RSY, RLLG, d, a, 0, (int)((64 - n) & 63));
            }
            break;
        }
        b = R(J, bt, R_S14);
        /* Amount modulo the width into r14 (never r0: it is a base register here). */
        if (i->op == IR_ROR) {
            if (w)
                S390_EMIT(B, RR, LCR, R_S14, b);
            else
                S390_EMIT(B, RRE, LCGR, R_S14, b);
        } else {
            S390_EMIT(B, RIEf, RISBG, R_S14, b, 64 - (w ? 5 : 6), 63 | 0x80, 0);
        }
        if (w) {
            if (i->op == IR_SHL)
                S390_EMIT(B, RSY, SLLK, d, a, R_S14, 0);
            else if (i->op == IR_LSR)
                S390_EMIT(B, RSY, SRLK, d, a, R_S14, 0);
            else if (i->op == IR_ASR)
                S390_EMIT(B, RSY, SRAK, d, a, R_S14, 0);
            else
                S390_EMIT(B, RSY, RLL, d, a, R_S14, 0);
            zext32(J, i, d);
        } else {
            if (i->op == IR_SHL)
                S390_EMIT(B, RSY, SLLG, d, a, R_S14, 0);
            else if (i->op == IR_LSR)
                S390_EMIT(B, RSY, SRLG, d, a, R_S14, 0);
            else if (i->op == IR_ASR)
                S390_EMIT(B, RSY, SRAG, d, a, R_S14, 0);
            else
                S390_EMIT(B, RSY, RLLG, d, a, R_S14, 0);
        }
        break;
    }
    case IR_MUL:
        a = R(J, at, R_S1);
        if (bc && fits_s16((int64_t)bv) && !w) {
            S390_EMIT(B, RRE, LGR, d, a);
            S390_EMIT(B, RI, MGHI, d, (int32_t)(int64_t)bv);
            break;
        }
        b = R(J, bt, R_S14);
        if (J->mie2) {
            S390_EMIT(B, RRFa, MSGRKC, d, a, b, 0);
        } else {
            S390_EMIT(B, RRE, LGR, d, a);
            S390_EMIT(B, RRE, MSGR, d, b);
        }
        if (w)
            zext32(J, i, d);
        break;
    case IR_UMULH:
    case IR_SMULH:
        if (w) {
            S390_EMIT(B, RI, LGHI, d, 0);
            break;
        }
        if (i->op == IR_SMULH && !J->mie2 &&
            (J->reg[at] < 0 || J->reg[bt] < 0 || J->is_const[at] || J->is_const[bt]))
            return false; /* the sequence below needs both operands in registers */
        b = R(J, bt, R_S14);
        a = R(J, at, R_S1);
        if (i->op == IR_SMULH && J->mie2) {
            S390_EMIT(B, RRFa, MGRK, R_S0, a, b, 0);
        } else {
            if (a != R_S1)
                S390_EMIT(B, RRE, LGR, R_S1, a);
            S390_EMIT(B, RRE, MLGR, R_S0, b);
            if (i->op == IR_SMULH) {
                /* signed high = unsigned high - (a < 0 ? b : 0) - (b < 0 ? a : 0) */
                S390_EMIT(B, RSY, SRAG, R_S1, a, 0, 63);
                S390_EMIT(B, RRE, NGR, R_S1, b);
                S390_EMIT(B, RRE, SGR, R_S0, R_S1);
                S390_EMIT(B, RSY, SRAG, R_S1, b, 0, 63);
                S390_EMIT(B, RRE, NGR, R_S1, a);
                S390_EMIT(B, RRE, SGR, R_S0, R_S1);
            }
        }
        if (d != R_S0)
            S390_EMIT(B, RRE, LGR, d, R_S0);
        break;
    case IR_UDIV:
    case IR_SDIV: {
        b = R(J, bt, R_S14);
        a = R(J, at, R_S1);
        struct s390_label zero, done;
        s390_label_init(&zero);
        s390_label_init(&done);
        /* 32-bit operands: only their low halves count. */
        if (w) {
            if (i->op == IR_UDIV)
                S390_EMIT(B, RRE, LLGFR, R_S14, b);
            else
                S390_EMIT(B, RRE, LGFR, R_S14, b);
            b = R_S14;
            if (i->op == IR_UDIV) {
                S390_EMIT(B, RRE, LLGFR, R_S1, a);
                a = R_S1;
            }
        }
        /* Arm: x / 0 = 0, and INT_MIN / -1 = INT_MIN (the s390 divide would trap). */
        S390_EMIT_LABEL(B, RIEc, CGIJ, b, 0, 8, &zero);
        if (i->op == IR_UDIV) {
            if (a != R_S1)
                S390_EMIT(B, RRE, LGR, R_S1, a);
            S390_EMIT(B, RI, LGHI, R_S0, 0);
            S390_EMIT(B, RRE, DLGR, R_S0, b);
        } else if (w) {
            S390_EMIT(B, RRE, LGFR, R_S1, a);
            S390_EMIT(B, RRE, DSGR, R_S0, R_S14);
        } else {
            struct s390_label div;
            s390_label_init(&div);
            S390_EMIT_LABEL(B, RIEc, CGIJ, b, -1, 7, &div);
            S390_EMIT(B, RRE, LCGR, R_S1, a);
            S390_EMIT_LABEL(B, RIc, BRC, 15, &done);
            s390_label_bind(B, &div);
            if (a != R_S1)
                S390_EMIT(B, RRE, LGR, R_S1, a);
            S390_EMIT(B, RRE, DSGR, R_S0, b);
        }
        S390_EMIT_LABEL(B, RIc, BRC, 15, &done);
        s390_label_bind(B, &zero);
        S390_EMIT(B, RI, LGHI, R_S1, 0);
        s390_label_bind(B, &done);
        if (w)
            S390_EMIT(B, RRE, LLGFR, d, R_S1);
        else
            S390_EMIT(B, RRE, LGR, d, R_S1);
        break;
    }
    case IR_SETEQ:
    case IR_SETNE:
    case IR_SETLTU:
        a = R(J, at, R_S1);
        b = R(J, bt, R_S14);
        if (w)
            S390_EMIT(B, RR, CLR, a, b);
        else
            S390_EMIT(B, RRE, CLGR, a, b);
        S390_EMIT(B, RI, LGHI, R_S0, 0);
        S390_EMIT(B, RI, LGHI, R_S14, 1);
        S390_EMIT(B, RRFc, LOCGR, R_S0, R_S14,
                  i->op == IR_SETEQ ? 8 : i->op == IR_SETNE ? 7 : 4);
        S390_EMIT(B, RRE, LGR, d, R_S0);
        break;
    case IR_NZCV_ADD:
    case IR_NZCV_SUB:
        lower_nzcv_arith(J, i);
        return true;
    case IR_NZCV_LOGIC:
        lower_nzcv_logic(J, i);
        return true;
    case IR_NOT:
        a = R(J, at, R_S1);
        S390_EMIT(B, RRE, LCGR, d, a);
        S390_EMIT(B, RI, AGHI, d, -1);
        if (w)
            zext32(J, i, d);
        break;
    case IR_NEG:
        a = R(J, at, R_S1);
        S390_EMIT(B, RRE, LCGR, d, a);
        if (w)
            zext32(J, i, d);
        break;
    case IR_MOV:
        a = R(J, at, R_S1);
        if (w)
            S390_EMIT(B, RRE, LLGFR, d, a);
        else
            S390_EMIT(B, RRE, LGR, d, a);
        break;
    case IR_SEXT8:
    case IR_SEXT16:
    case IR_SEXT32:
        a = R(J, at, R_S1);
        if (i->op == IR_SEXT8)
            S390_EMIT(B, RRE, LGBR, d, a);
        else if (i->op == IR_SEXT16)
            S390_EMIT(B, RRE, LGHR, d, a);
        else if (!w)
            S390_EMIT(B, RRE, LGFR, d, a);
        else
            S390_EMIT(B, RRE, LGR, d, a);
        if (w)
            zext32(J, i, d);
        break;
    case IR_ZEXT8:
        a = R(J, at, R_S1);
        S390_EMIT(B, RRE, LLGCR, d, a);
        break;
    case IR_ZEXT16:
        a = R(J, at, R_S1);
        S390_EMIT(B, RRE, LLGHR, d, a);
        break;
    case IR_ZEXT32:
        a = R(J, at, R_S1);
        S390_EMIT(B, RRE, LLGFR, d, a);
        break;
    case IR_CLZ:
        a = R(J, at, R_S14);
        if (w) {
            S390_EMIT(B, RRE, LLGFR, R_S14, a);
            a = R_S14;
        }
        S390_EMIT(B, RRE, FLOGR, R_S0, a);
        if (w)
            S390_EMIT(B, RI, AGHI, R_S0, -32);
        if (d != R_S0)
            S390_EMIT(B, RRE, LGR, d, R_S0);
        break;
    case IR_REV:
        a = R(J, at, R_S1);
        if (w) {
            S390_EMIT(B, RRE, LRVR, d, a);
            zext32(J, i, d);
        } else {
            S390_EMIT(B, RRE, LRVGR, d, a);
        }
        break;
    default:
        return false;
    }
    dfin(J, i->dst, d);
    return true;
}

/* ---- block exits -------------------------------------------------------------------------- */

/* A direct branch to pc under mask: to the block itself, or through a patchable link site. */
static void branch_to(struct jctx *J, int mask, uint64_t pc)
{
    if (pc == J->b->pc) {
        S390_EMIT_LABEL(B, RILc, BRCL, mask, J->loop ? &J->loop_check : &J->entry_check);
        return;
    }
    struct s390_jit_block *blk = J->blk;
    if (blk->nlinks >= 3) {
        J->fail = true;
        return;
    }
    struct s390_jit_link *l = &blk->link[blk->nlinks++];
    /* No alignment pad (it would run on every pass): the code cache patches a site with its
     * page non-executable, so the store need not be atomic (s390_patch_ril). */
    l->site_off = (uint32_t)B->len;
    l->target_pc = pc;
    /* Until linked, the site branches to itself + 6: the stub follows the body (patched in
     * below, once the stub's offset is known). */
    S390_EMIT(B, RILc, BRCL, mask, 0);
}

/* Global pins (jit_ctx.h): guest registers that live in host registers in all generated code
 * (SP and X30, read and written by every call and return, X0-X2).  The entry trampoline loads
 * them and the common exit, the one way back to the runtime, stores them; helpers never touch
 * X registers and these host registers are callee-saved, so helper calls need nothing. */
bool jit_is_global_pin(const struct s390_jit *j, int slot)
{
    for (unsigned n = 0; n < JIT_NGLOBAL_PINS; n++)
        if (j->gpin[n].slot == slot)
            return true;
    return false;
}

/* Loop mode: the pinned registers the block writes go back to the CPU state. */
static void writeback_pins(struct jctx *J)
{
    for (int s = 0; s < 32; s++)
        if (J->pin[s] >= 0 && J->pin_written[s] && !jit_is_global_pin(J->j, s))
            S390_EMIT(B, RXY, STG, J->pin[s], 0, R_ENV, OFF_X(s));
    for (int v = 0; v < 32; v++)
        if (J->vpin[v] >= 0 && J->vpin_written[v])
            S390_EMIT(B, VRX, VST, J->vpin[v], 0, R_ENV, OFF_V(v, 0), 0);
    for (unsigned n = 0; n < JIT_NGLOBAL_PINS; n++)
        if (J->borrowed[n])
            S390_EMIT(B, RXY, LG, J->j->gpin[n].reg, 0, R_ENV, OFF_X(J->j->gpin[n].slot));
}

/* BRCOND2: the first condition's way, then the second's, then the block's end.  Two tests of
 * one compare make it once: a branch leaves the condition code as it was.  Counting
 * instructions, the first way leaves the second branch uncounted. */
static void lower_brcond2(struct jctx *J, const struct ir_insn *i)
{
    int m = emit_test(J, i->arg[0]);
    bool cc = J->cc_len == B->len;
    if (J->j->no_insn_count) {
        branch_to(J, m, i->imm);
    } else {
        struct s390_label on;
        s390_label_init(&on);
        S390_EMIT_LABEL(B, RIc, BRC, m ^ 15, &on);
        agsi_insns(J, -1);
        branch_to(J, 15, i->imm);
        s390_label_bind(B, &on);
        cc = false;
    }
    if (cc)
        J->cc_len = (uint32_t)B->len;
    branch_to(J, emit_test(J, i->arg[1]), i->imm2);
    branch_to(J, 15, ir_brcond2_next(J->b));
}

static void store_pc(struct jctx *J, uint64_t pc)
{
    load_const(J, R_S1, pc);
    S390_EMIT(B, RXY, STG, R_S1, 0, R_ENV, OFF_PC);
}

static void lower_goto_ind(struct jctx *J, const struct ir_insn *i)
{
    int x = R(J, i->arg[0], R_S14);
    /* Inline probe of the indirect-branch cache: entry ((pc >> 2) & mask) * 16, read with one
     * LPQ (r0 = pc, r1 = code) so that a probe never pairs one entry's pc with the code of
     * another that a thread is storing (STPQ, jit_cache.c). */
    S390_EMIT(B, RIEf, RISBG, R_S1, x, 64 - 4 - JIT_JCACHE_BITS, 59 | 0x80, 2);
    int64_t rel = (int64_t)((uintptr_t)J->j->jcache - (J->at + B->len));
    if (J->j->jcache_gdisp) {
        /* The cache at a fixed displacement from guest_base (s390_jit_place_jcache). */
        S390_EMIT(B, RXY, LPQ, R_S0, R_S1, R_GBASE, J->j->jcache_gdisp);
    } else if (x != R_S14) {
        S390_EMIT(B, RILb, LARL, R_S14, rel);
        S390_EMIT(B, RXY, LPQ, R_S0, R_S1, R_S14, 0);
    } else {
        S390_EMIT(B, RILb, LARL, R_S0, rel);
        S390_EMIT(B, RRE, AGR, R_S1, R_S0);
        S390_EMIT(B, RXY, LPQ, R_S0, 0, R_S1, 0);
    }
    struct s390_label miss;
    s390_label_init(&miss);
    S390_EMIT_LABEL(B, RIEb, CGRJ, x, R_S0, 7, &miss);
    S390_EMIT(B, RR, BCR, 15, R_S1);
    s390_label_bind(B, &miss);
    S390_EMIT(B, RXY, STG, x, 0, R_ENV, OFF_PC);
    S390_EMIT(B, RI, LGHI, 2, 0);
    brcl_abs(J, 15, J->j->common_exit);
}

static void lower_exit(struct jctx *J, const struct ir_insn *i)
{
    if (i->arg[0]) {
        int r = R(J, i->arg[0], R_S1);
        S390_EMIT(B, RXY, STG, r, 0, R_ENV, OFF_EXIT_INFO);
    } else {
        S390_EMIT(B, RI, LGHI, R_S1, 0);
        S390_EMIT(B, RXY, STG, R_S1, 0, R_ENV, OFF_EXIT_INFO);
    }
    store_pc(J, i->imm2);
    S390_EMIT(B, RI, LGHI, 2, (int32_t)i->imm);
    S390_EMIT(B, RXY, STY, 2, 0, R_ENV, OFF_EXIT);
    brcl_abs(J, 15, J->j->common_exit);
}

/* ---- the block ---------------------------------------------------------------------------- */

static void lower(struct jctx *J, uint32_t k);

/* The in-block compare that produced flags value f (NZCV_SUB/ADD/LOGIC), or NULL. */
static const struct ir_insn *lazy_producer(struct jctx *J, ir_val f)
{
    if (!f || J->is_const[f])
        return NULL;
    const struct ir_insn *p = &J->b->insn[J->def[f]];
    if (p->dst != f || (p->op != IR_NZCV_SUB && p->op != IR_NZCV_ADD && p->op != IR_NZCV_LOGIC))
        return NULL;
    return p;
}

static void set_flags(struct jctx *J, ir_val f);

/* PSTATE.NZCV := the flags value in register v (bits 31:28; no record pending; r1 scratch). */
static void store_nzcv(struct jctx *J, int v)
{
    S390_EMIT(B, RXY, LG, R_S1, 0, R_ENV, OFF_PSTATE);
    S390_EMIT(B, RIEf, RISBG, R_S1, v, 32, 35, 0);
    S390_EMIT(B, RXY, STG, R_S1, 0, R_ENV, OFF_PSTATE);
    S390_EMIT(B, SIL, MVGHI, 15, JIT_LAZY_KIND, 0);
}

/* PSTATE.NZCV := the constant flags value k (no record pending). */
static void set_flags_const(struct jctx *J, uint64_t k)
{
    load_const(J, R_S14, k);
    store_nzcv(J, R_S14);
}

/* PSTATE.NZCV := f: a lazy record of the compare when f is one, else the value itself (and no
 * record pending); CCMP flags read only by conditions (plan_ccmp) are never computed: the
 * second compare's record or the constant, on c1. */
static void set_flags(struct jctx *J, ir_val f)
{
    if (!J->is_const[f] && J->kind[f] == K_FCMP) {
        jit_fp_compare_nzcv(J, &J->b->insn[J->def[f]]);
        store_nzcv(J, R_S0);
        return;
    }
    if (!J->is_const[f] && J->kind[f] == K_SKIP && J->b->insn[J->def[f]].op == IR_SELECT) {
        const struct ir_insn *s = &J->b->insn[J->def[f]];
        struct s390_label other, join;
        s390_label_init(&other);
        s390_label_init(&join);
        int m1 = emit_test(J, s->arg[0]);
        S390_EMIT_LABEL(B, RIc, BRC, m1 ^ 15, &other);
        set_flags(J, s->arg[1]);
        S390_EMIT_LABEL(B, RIc, BRC, 15, &join);
        s390_label_bind(B, &other);
        set_flags_const(J, J->cval[s->arg[2]]);
        s390_label_bind(B, &join);
        return;
    }
    const struct ir_insn *p = lazy_producer(J, f);
    if (p) {
        int kind = p->op == IR_NZCV_SUB ? JIT_LAZY_SUB : p->op == IR_NZCV_ADD ? JIT_LAZY_ADD
                                                                             : JIT_LAZY_LOGIC;
        if (p->type == IR_I32)
            kind |= JIT_LAZY_32;
        ir_val bt = p->arg[1];
        if (J->subcc && f == J->subcc) {
            /* plan_subcc: the pin holds a - b already; the record wants a. */
            int pr = J->pin[J->b->insn[J->def[p->arg[0]]].imm];
            if (J->is_const[bt] && J->cval[bt] < 0x80000) {
                S390_EMIT(B, RXY, LAY, R_S1, 0, pr, (int32_t)J->cval[bt]);
            } else {
                S390_EMIT(B, RRE, LGR, R_S1, pr);
                S390_EMIT(B, RRE, AGR, R_S1, R(J, bt, R_S14));
            }
            S390_EMIT(B, RXY, STG, R_S1, 0, 15, JIT_LAZY_A);
        } else {
            store_temp(J, p->arg[0], JIT_LAZY_A, R_S1);
        }
        int64_t bv = J->is_const[bt] ? (p->type == IR_I32 ? (int64_t)(int32_t)J->cval[bt]
                                                          : (int64_t)J->cval[bt])
                                     : 0;
        if (p->op != IR_NZCV_LOGIC && J->is_const[bt] && bv >= -128 && bv <= 127)
            kind |= JIT_LAZY_IMM | (int)((uint32_t)(bv & 0xff) << 8);
        if (p->op == IR_NZCV_LOGIC || (kind & JIT_LAZY_IMM))
            ;
        else if (J->is_const[bt] && fits_s16((int64_t)J->cval[bt]))
            S390_EMIT(B, SIL, MVGHI, 15, JIT_LAZY_B, (int32_t)(int64_t)J->cval[bt]);
        else
            store_temp(J, bt, JIT_LAZY_B, R_S14);
        S390_EMIT(B, SIL, MVGHI, 15, JIT_LAZY_KIND, (int16_t)kind);
        /* The successors' conditions will expect this kind of record (and constant). */
        const struct ir_insn *term = &J->b->insn[J->b->n - 1];
        if (term->op == IR_GOTO || term->op == IR_BRCOND || term->op == IR_BRCOND2)
            rec_hint_set(term->imm, kind);
        if (term->op == IR_BRCOND || term->op == IR_BRCOND2)
            rec_hint_set(term->imm2, kind);
        if (term->op == IR_BRCOND2)
            rec_hint_set(ir_brcond2_next(J->b), kind);
        return;
    }
    bool computed = J->is_const[f] || J->reg[f] >= 0 || J->slot[f] >= 0;
    if (!computed) {
        J->fail = true;
        return;
    }
    store_nzcv(J, R(J, f, R_S14));
}

/* The deferred SET_NZCV, on the exit path that needs it. */
static void materialise_flags(struct jctx *J)
{
    set_flags(J, J->b->insn[J->dead_set_nzcv].arg[0]);
}

/* Saves (or restores) the caller-saved registers holding live temps around a call. */
void jit_save_call_regs(struct jctx *J, bool restore)
{
    for (int r = 2; r <= 5; r++)
        if (J->owner[r] && restore)
            S390_EMIT(B, RXY, LG, r, 0, 15, JIT_SAVE_R2 + 8 * (r - 2));
        else if (J->owner[r])
            S390_EMIT(B, RXY, STG, r, 0, 15, JIT_SAVE_R2 + 8 * (r - 2));
}

/* A pending lazy record becomes PSTATE.NZCV (out of line of the common case). */
static void emit_pending_nzcv(struct jctx *J)
{
    struct s390_label skip;
    s390_label_init(&skip);
    S390_EMIT(B, RXY, LTG, R_S0, 0, 15, JIT_LAZY_KIND);
    S390_EMIT_LABEL(B, RIc, BRC, 8, &skip);
    jit_save_call_regs(J, false);
    S390_EMIT(B, RRE, LGR, 3, R_S0);
    S390_EMIT(B, RXY, LG, 4, 0, 15, JIT_LAZY_A);
    S390_EMIT(B, RXY, LG, 5, 0, 15, JIT_LAZY_B);
    S390_EMIT(B, RXY, LAY, 2, 0, R_ENV, JIT_ENV);
    load_const(J, R_S1, (uint64_t)(uintptr_t)s390_jit_lazy_nzcv);
    vpins_around_call(J, false);
    S390_EMIT(B, RR, BASR, 14, R_S1);
    vpins_around_call(J, true);
    S390_EMIT(B, SIL, MVGHI, 15, JIT_LAZY_KIND, 0);
    jit_save_call_regs(J, true);
    s390_label_bind(B, &skip);
}

/* GET_NZCV: compute a pending lazy record first. */
static void lower_get_nzcv(struct jctx *J, ir_val dst)
{
    emit_pending_nzcv(J);
    alloc_dst(J, dst);
    S390_EMIT(B, RXY, LG, D(J, dst), 0, R_ENV, OFF_PSTATE);
    dfin(J, dst, D(J, dst));
}

static void lower(struct jctx *J, uint32_t k)
{
    const struct ir_insn *i = &J->b->insn[k];
    if (i->dst && (J->kind[i->dst] == K_SKIP || J->kind[i->dst] == K_LAZYCOND ||
                   J->kind[i->dst] == K_CCMP || J->kind[i->dst] == K_FCMP ||
                   J->kind[i->dst] == K_FCMPCOND || J->kind[i->dst] == K_SUBCC ||
                   J->kind[i->dst] == K_SUBCOND || J->kind[i->dst] == K_FPVREG ||
                   J->kind[i->dst] == K_SETCMP || J->kind[i->dst] == K_TMAND ||
                   FOLDED(J, i->dst) || J->kind[i->dst] == K_TMLAZY ||
                   J->kind[i->dst] == K_NZCVREC))
        return;
    if (i->op == IR_CONST || k == J->dead_set_nzcv || J->done[k])
        return;
    jit_fp_before(J, i);
    if (jit_lower_vmem(J, k))
        return;
    if (i->op == IR_CALL || i->op == IR_CALLX) {
        if (i->imm >= IR_NUM_HELPERS) {
            J->fail = true;
            return;
        }
        if (jit_lower_fp(J, k, i))
            return;
        jit_fp_forget(J); /* the vector lowering reads and writes V registers in memory */
        if (jit_lower_simd(J, i))
            return;
        emit_call(J, k, ir_helpers[i->imm], i->arg, 3, i->dst, i->op == IR_CALLX, i->pcoff, -1,
                  0);
        return;
    }
    ir_helper_fn fallback = NULL;
    switch (i->op) {
    case IR_GET:
        if (i->imm < 32 && J->pin[i->imm] >= 0) {
            J->reg[i->dst] = J->pin[i->imm];
            J->alias[i->dst] = 1;
            J->pin_alias[i->imm] = i->dst;
            return;
        }
        alloc_dst(J, i->dst);
        if (J->reg[i->dst] >= 0) {
            S390_EMIT(B, RXY, LG, J->reg[i->dst], 0, R_ENV, OFF_X(i->imm));
        } else {
            S390_EMIT(B, RXY, LG, R_S0, 0, R_ENV, OFF_X(i->imm));
            dfin(J, i->dst, R_S0);
        }
        return;
    case IR_GET_NZCV:
        lower_get_nzcv(J, i->dst);
        return;
    case IR_GETV:
        alloc_dst(J, i->dst);
        if (J->vpin[i->imm & 31] >= 0) /* element h of the pinned register is doubleword h */
            S390_EMIT(B, VRSc, VLGV, D(J, i->dst), J->vpin[i->imm & 31], 0, (int)(i->imm2 & 1), 3);
        else
            S390_EMIT(B, RXY, LG, D(J, i->dst), 0, R_ENV, OFF_V(i->imm & 31, i->imm2 & 1));
        dfin(J, i->dst, D(J, i->dst));
        return;
    case IR_SET:
        if (i->imm < 32 && J->pin[i->imm] >= 0) {
            int s = (int)i->imm, p = J->pin[s];
            ir_val v = i->arg[0];
            if (J->reg[v] == p && J->alias[v])
                return; /* built in place */
            ir_val old = J->pin_alias[s];
            bool in_place = J->kind[v] == K_PINADD;
            if (old && J->last_use[old] > k) {
                /* The old value is still needed: move it out of the way. */
                J->alias[old] = 0;
                J->reg[old] = -1;
                alloc_dst(J, old);
                int d = D(J, old);
                S390_EMIT(B, RRE, LGR, d, p);
                dfin(J, old, d);
            }
            J->pin_alias[s] = 0;
            if (in_place) {
                /* The pin plus a constant: added in place, and the pin register from here.  Within
                 * 16 KiB of a checked base it is checked too: a folded displacement from it
                 * stays inside the 64 KiB guard. */
                S390_EMIT(B, RXY, LAY, p, 0, p, J->disp[v]);
                if (J->disp[v] >= -16384 && J->disp[v] <= 16384)
                    J->checked[v] = J->checked[J->fbase[v]];
                J->kind[v] = K_NORMAL;
                J->reg[v] = p;
                J->alias[v] = 1;
                J->pin_alias[s] = v;
            } else if (J->is_const[v]) {
                load_const(J, p, J->cval[v]);
            } else if (J->reg[v] < 0 && J->slot[v] >= 0) {
                S390_EMIT(B, RXY, LG, p, 0, 15, slot_off(J->slot[v])); /* spilled */
            } else {
                S390_EMIT(B, RRE, LGR, p, R(J, v, R_S1));
            }
            return;
        }
        /* fall through */
    case IR_SETV: {
        int off = i->op == IR_SET ? OFF_X(i->imm) : OFF_V(i->imm & 31, i->imm2 & 1);
        ir_val v = i->arg[0];
        if (i->op == IR_SETV && J->vpin[i->imm & 31] >= 0) {
            S390_EMIT(B, VRSb, VLVG, J->vpin[i->imm & 31], R(J, v, R_S1), 0,
                      (int)(i->imm2 & 1), 3);
            return;
        }
        bool cc_kept = J->cc_len == B->len; /* stores leave the CC as it is */
        if (J->is_const[v] && fits_s16((int64_t)J->cval[v]) && off < 4096)
            S390_EMIT(B, SIL, MVGHI, R_ENV, off, (int32_t)(int64_t)J->cval[v]);
        else
            store_temp(J, v, off, R_S1);
        if (cc_kept)
            J->cc_len = (uint32_t)B->len;
        return;
    }
    case IR_SET_NZCV:
        set_flags(J, i->arg[0]);
        return;
    case IR_LOAD:
        alloc_dst(J, i->dst);
        lower_load(J, i);
        return;
    case IR_STORE:
        lower_store(J, i);
        return;
    case IR_SELECT: {
        alloc_dst(J, i->dst);
        int m = emit_test(J, i->arg[0]);
        bool cc_kept = J->cc_len == B->len; /* what follows leaves the CC as it is */
        int d = D(J, i->dst);
        ir_val xt = i->arg[1], yt = i->arg[2];
        if (J->lsc2 && J->is_const[xt] && J->is_const[yt] && fits_s16((int64_t)J->cval[xt]) &&
            fits_s16((int64_t)J->cval[yt])) {
            /* CSET and friends: two immediates, one of them on condition. */
            S390_EMIT(B, RI, LGHI, d, (int32_t)(int64_t)J->cval[yt]);
            S390_EMIT(B, RIEg, LOCGHI, d, (int32_t)(int64_t)J->cval[xt], m);
        } else {
            int x = R(J, xt, R_S1);
            int y = R(J, yt, R_S14);
            if (J->mie3) {
                S390_EMIT(B, RRFa, SELGR, d, x, y, m);
            } else {
                S390_EMIT(B, RRE, LGR, d, y);
                S390_EMIT(B, RRFc, LOCGR, d, x, m);
            }
        }
        dfin(J, i->dst, d);
        if (cc_kept)
            J->cc_len = (uint32_t)B->len;
        return;
    }
    case IR_COND:
        if (J->kind[i->dst] == K_CONDVAL || J->kind[i->dst] == K_TMVAL) {
            /* 0/1 from a compare of the flag producer's operands, or a test of NZCV bits. */
            alloc_dst(J, i->dst);
            int m = J->kind[i->dst] == K_CONDVAL ? emit_compare(J, i->dst)
                                                  : emit_tm_cond(J, i->dst);
            bool cc_kept = J->cc_len == B->len;
            int d = D(J, i->dst);
            if (J->lsc2) {
                S390_EMIT(B, RI, LGHI, d, 0);
                S390_EMIT(B, RIEg, LOCGHI, d, 1, m);
            } else {
                S390_EMIT(B, RI, LGHI, d, 0);
                S390_EMIT(B, RI, LGHI, R_S14, 1);
                S390_EMIT(B, RRFc, LOCGR, d, R_S14, m);
            }
            dfin(J, i->dst, d);
            if (cc_kept)
                J->cc_len = (uint32_t)B->len;
            return;
        }
        fallback = jf_cond;
        break;
    case IR_ADC:
        fallback = i->type == IR_I32 ? jf_adc_32 : jf_adc_64;
        break;
    case IR_NZCV_ADC:
        fallback = i->type == IR_I32 ? jf_nzcv_adc_32 : jf_nzcv_adc_64;
        break;
    case IR_EXTR:
        if (J->is_const[i->arg[2]] && i->type == IR_I64) {
            unsigned lsb = (unsigned)(J->cval[i->arg[2]] & 63);
            alloc_dst(J, i->dst);
            int d = D(J, i->dst);
            int bb = R(J, i->arg[1], R_S14);
            if (!lsb) {
                S390_EMIT(B, RRE, LGR, d, bb);
            } else if (i->arg[0] == i->arg[1]) {
                S390_EMIT(B, RSY, RLLG, d, bb, 0, (int)(64 - lsb));
            } else {
                int a = R(J, i->arg[0], R_S1);
                S390_EMIT(B, RSY, SRLG, R_S14, bb, 0, (int)lsb);
                S390_EMIT(B, RIEf, RISBG, R_S14, a, 0, (int)lsb - 1, (int)(64 - lsb));
                S390_EMIT(B, RRE, LGR, d, R_S14);
            }
            dfin(J, i->dst, d);
            return;
        }
        fallback = i->type == IR_I32 ? jf_extr_32 : jf_extr_64;
        break;
    case IR_GOTO:
        if (J->loop && i->imm != J->b->pc)
            writeback_pins(J);
        branch_to(J, 15, i->imm);
        return;
    case IR_BRCOND: {
        if (J->is_const[i->arg[0]]) {
            uint64_t to = J->cval[i->arg[0]] ? i->imm : i->imm2;
            if (J->loop && to != J->b->pc)
                writeback_pins(J);
            branch_to(J, 15, to);
            return;
        }
        if (J->loop && (i->imm == J->b->pc || i->imm2 == J->b->pc)) {
            bool t_self = i->imm == J->b->pc;
            if (!emit_compare_branch(J, i->arg[0], !t_self, &J->loop_check)) {
                int m = emit_test(J, i->arg[0]);
                branch_to(J, t_self ? m : m ^ 15, J->b->pc);
            }
            if (t_self ? J->defer_n : J->defer_t)
                materialise_flags(J);
            writeback_pins(J);
            branch_to(J, 15, t_self ? i->imm2 : i->imm);
            return;
        }
        int m = emit_test(J, i->arg[0]);
        if (J->defer_t) {
            branch_to(J, m ^ 15, i->imm2);
            materialise_flags(J);
            branch_to(J, 15, i->imm);
        } else {
            branch_to(J, m, i->imm);
            if (J->defer_n)
                materialise_flags(J);
            branch_to(J, 15, i->imm2);
        }
        return;
    }
    case IR_BRCOND2:
        lower_brcond2(J, i);
        return;
    case IR_GOTO_IND:
        lower_goto_ind(J, i);
        return;
    case IR_EXIT:
        lower_exit(J, i);
        return;
    default:
        if (!jit_pure_fn(i->op, i->type)) {
            J->fail = true;
            return;
        }
        alloc_dst(J, i->dst);
        if (lower_pure(J, i))
            return;
        /* The result register was taken before the call; give it back (emit_call allocates). */
        if (J->alias[i->dst]) {
            J->alias[i->dst] = 0;
            for (int sl = 0; sl < 32; sl++)
                if (J->pin_alias[sl] == i->dst)
                    J->pin_alias[sl] = 0;
        }
        release(J, i->dst);
        J->reg[i->dst] = -1;
        J->slot[i->dst] = -1;
        fallback = jit_pure_fn(i->op, i->type);
        break;
    }
    /* jf_cond takes the condition code (the op's imm) as its second argument. */
    emit_call(J, k, fallback, i->arg, i->op == IR_COND ? 2 : i->nargs, i->dst, false, i->pcoff,
              i->op == IR_COND ? 1 : -1, i->imm);
}

/* A stop request (a signal, or another thread wanting this one stopped) is tested where
 * chained code may come round again: at the checked entry (code start: the dispatcher, the
 * indirect-branch cache, backward links and non-loop self branches enter there; forward links
 * skip it) and at a loop's back-edge target.  The test is one load from the env's poll page
 * (ir/env.c), which faults while a request is pending; the fault table sends that fault to
 * the interrupt stub `out`.  JIT_CHECK_BYTES: the LY.  Without polls (s390_jit_set_polls)
 * only the labels are placed. */
static void emit_interrupt_check(struct jctx *J, struct s390_label *here, struct s390_label *out)
{
    s390_label_init(here);
    s390_label_init(out);
    s390_label_bind(B, here);
    if (J->j->no_polls)
        return;
    J->poll_off[J->npoll] = (uint32_t)B->len;
    J->poll_stub[J->npoll++] = out;
    S390_EMIT(B, RXY, LY, R_S0, 0, R_ENV, JIT_ENV + IR_ENV_POLL_OFF);
}

/* Nothing of the block has run: the dispatcher resumes at its pc (the loop's pinned registers
 * written back first), through the interrupt tail (r14 = pc). */
static void emit_interrupt_stubs(struct jctx *J)
{
    for (int loop = 0; loop <= (int)J->loop; loop++) {
        s390_label_bind(B, loop ? &J->loop_intr_stub : &J->intr_stub);
        if (loop)
            writeback_pins(J);
        load_const(J, R_S14, J->b->pc);
        brcl_abs(J, 15, J->j->interrupt_tail);
    }
}

/* A 128-bit access that failed its bounds check or faulted: the two doubleword accesses the IR
 * had, each with its own check and stub, so a fault is reported where the split access meets it
 * (for a store, after the first half is stored); if neither faults, the access runs again. */
static void emit_q_fixup(struct jctx *J, uint32_t n)
{
    struct access q = J->acc[n];
    s390_label_bind(B, &J->acc[n].stub);
    J->acc[n].stub_off = (uint32_t)B->len;
    bool store = q.insn == VRX_VSTBR;
    /* The doubleword goes through a scratch register that is not the base. */
    int data = q.base == R_S1 ? R_S14 : R_S1;
    for (int h = 0; h < 2; h++) {
        int32_t d = q.disp + 8 * h;
        if (store && J->vpin[q.vreg] >= 0)
            S390_EMIT(B, VRSc, VLGV, data, J->vpin[q.vreg], 0, h, 3);
        else if (store)
            S390_EMIT(B, RXY, LG, data, 0, R_ENV, OFF_V(q.vreg, h));
        S390_EMIT(B, RXY, LAY, R_S0, 0, q.base, d);
        struct access *x = new_access(J);
        if (!x)
            return;
        x->base = q.base;
        x->disp = d;
        x->pcoff = q.pcoff;
        x->insn = store ? RXY_STRVG : RXY_LRVG;
        x->reg = data;
        x->fp = q.fp;
        S390_EMIT_LABEL(B, RIEb, CLGRJ, R_S0, R_GSIZE, 10, &x->stub);
        x->off = (uint32_t)B->len;
        s390_emit_RXY(B, x->insn, data, R_GBASE, q.base, d);
        x->len = (uint32_t)B->len - x->off;
    }
    brcl_abs(J, 15, J->at + q.off);
}

static void emit_stubs(struct jctx *J)
{
    struct s390_jit_block *blk = J->blk;
    blk->body_size = (uint32_t)B->len;
    for (uint32_t n = 0; n < blk->nlinks; n++) {
        struct s390_jit_link *l = &blk->link[n];
        l->stub_off = (uint32_t)B->len;
        store_pc(J, l->target_pc);
        S390_EMIT(B, RILb, LARL, 2, (int64_t)l->site_off - (int64_t)B->len);
        brcl_abs(J, 15, J->j->common_exit);
        /* Point the site at its stub. */
        if (!B->overflow && !B->error) {
            uint8_t *site = B->p + l->site_off;
            int64_t rel = ((int64_t)l->stub_off - (int64_t)l->site_off) / 2;
            site[2] = (uint8_t)(rel >> 24);
            site[3] = (uint8_t)(rel >> 16);
            site[4] = (uint8_t)(rel >> 8);
            site[5] = (uint8_t)rel;
        }
    }
    uint32_t nmain = J->nacc;
    for (uint32_t n = 0; n < nmain; n++) {
        if (!J->acc[n].disp || J->acc[n].q)
            continue;
        /* Folded displacement: the fast check saw only the base.  Check base + disp exactly;
         * in range, replay the same access and return after it. */
        s390_label_bind(B, &J->acc[n].slow);
        S390_EMIT(B, RXY, LAY, R_S0, 0, J->acc[n].base, J->acc[n].disp);
        S390_EMIT_LABEL(B, RIEb, CLGRJ, R_S0, R_GSIZE, 10, &J->acc[n].stub);
        struct access *r = new_access(J);
        if (!r)
            return;
        struct access *a = &J->acc[n];
        r->off = (uint32_t)B->len;
        s390_emit_RXY(B, a->insn, a->reg, R_GBASE, a->base, a->disp);
        r->len = (uint32_t)B->len - r->off;
        r->replay_of = (int32_t)n;
        brcl_abs(J, 15, J->at + a->off + a->len);
    }
    for (uint32_t n = 0; n < nmain; n++)
        if (J->acc[n].q)
            emit_q_fixup(J, n);
    for (uint32_t n = 0; n < J->nacc; n++) {
        struct access *a = &J->acc[n];
        if (a->q || a->replay_of >= 0)
            continue;
        s390_label_bind(B, &a->stub);
        a->stub_off = (uint32_t)B->len;
        jit_fp_stub(J, &a->fp);
        /* The access did not happen and its base register is intact. */
        S390_EMIT(B, RXY, LAY, R_S1, 0, a->base, a->disp);
        writeback_pins(J);
        load_const(J, R_S14, J->b->pc + a->pcoff);
        load_const(J, R_S0, ir_block_insns_from(J->b, a->pcoff));
        brcl_abs(J, 15, J->j->fault_tail);
    }
}

struct s390_jit_block *s390_jit_codegen(struct s390_jit *j, const struct ir_block *b,
                                        struct s390_buf *buf, uintptr_t at,
                                        s390_jit_nzcv_dead_fn nzcv_dead, void *ctx)
{
    struct jctx jc, *J = &jc;
    memset(J, 0, sizeof *J);
    J->j = j;
    struct ir_block bc = *b;
    J->b = &bc;
    J->buf = buf;
    J->at = at;
    J->nt = b->ntemps + 1;
    size_t n = b->n ? b->n : 1;
    if (!jit_scratch_reserve(J->nt, n))
        return NULL;
    bc.insn = jit_carve(n, sizeof *bc.insn);
    J->mie2 = s390_facilities_has(j->fac, S390_FAC_MIE2);
    J->mie3 = s390_facilities_has(j->fac, S390_FAC_MIE3);
    J->lsc2 = s390_facilities_has(j->fac, S390_FAC_LSC2);
    J->vx = s390_facilities_has(j->fac, S390_FAC_VX);
    J->vxe = s390_facilities_has(j->fac, S390_FAC_VXE);
    J->vxe2 = s390_facilities_has(j->fac, S390_FAC_VXE2);
    J->nzcv_dead = nzcv_dead;
    J->ctx = ctx;
    memset(J->vpin, -1, sizeof J->vpin);
    memset(J->vthr, -1, sizeof J->vthr);
    J->lconst_reg = -1;
    J->fp.ixc = true; /* an earlier block's inexact flag may be pending in the FPC */
    buf->expect_errors = true; /* an out-of-range operand fails the block, not the process */
    J->last_use = jit_carve(J->nt, sizeof *J->last_use);
    J->nuses = jit_carve(J->nt, sizeof *J->nuses);
    J->def = jit_carve(J->nt, sizeof *J->def);
    J->disp = jit_carve(J->nt, sizeof *J->disp);
    J->fbase = jit_carve(J->nt, sizeof *J->fbase);
    J->reg = jit_carve(J->nt, 1);
    J->slot = jit_carve(J->nt, sizeof *J->slot);
    J->is_const = jit_carve(J->nt, 1);
    J->kind = jit_carve(J->nt, 1);
    J->cval = jit_carve(J->nt, sizeof *J->cval);
    J->pin_target = jit_carve(J->nt, 1);
    J->alias = jit_carve(J->nt, 1);
    J->lo32 = jit_carve(J->nt, 1);
    J->checked = jit_carve(J->nt, 1);
    J->done = jit_carve(n, 1);
    ir_val *repl = jit_carve(J->nt, sizeof *repl);
    _Static_assert(sizeof *J->last_use <= 8 && sizeof *J->nuses <= 8 && sizeof *J->def <= 8 &&
                       sizeof *J->disp <= 8 && sizeof *J->fbase <= 8 && sizeof *J->slot <= 8 &&
                       sizeof *J->cval <= 8 && sizeof *repl <= 8,
                   "scratch_reserve counts eight arrays of up to 8 bytes per temp");
    J->blk = calloc(1, sizeof *J->blk);
    struct s390_jit_block *out = NULL;
    if (!J->blk)
        goto done;
    memset(J->pin_target, -1, J->nt);
    memcpy(bc.insn, b->insn, b->n * sizeof *bc.insn);
    jit_simplify(&bc, J->nt, J->cval, J->is_const, repl);
    memset(J->is_const, 0, J->nt);
    memset(J->pin, -1, sizeof J->pin);
    memset(J->reg, -1, J->nt);
    for (uint32_t t = 0; t < J->nt; t++)
        J->slot[t] = -1;
    if (!jit_analyse(J))
        goto done;

    for (unsigned n = 0; n < JIT_NGLOBAL_PINS; n++) {
        J->pin[J->j->gpin[n].slot] = J->j->gpin[n].reg;
        J->owner[J->j->gpin[n].reg] = PIN_OWNER;
    }
    jit_plan_block(J);
    s390_label_init(&J->entry);
    s390_label_init(&J->loop_label);
    emit_interrupt_check(J, &J->entry_check, &J->intr_stub);
    s390_label_bind(B, &J->entry);
    jit_pins_count(J);
    for (unsigned n = 0; n < JIT_NGLOBAL_PINS; n++)
        if (J->borrowed[n])
            S390_EMIT(B, RXY, STG, J->j->gpin[n].reg, 0, R_ENV, OFF_X(J->j->gpin[n].slot));
    for (int sl = 0; sl < 32; sl++)
        if (J->pin[sl] >= 0 && !jit_is_global_pin(J->j, sl))
            S390_EMIT(B, RXY, LG, J->pin[sl], 0, R_ENV, OFF_X(sl));
    for (int v = 0; v < 32; v++)
        if (J->vpin[v] >= 0)
            S390_EMIT(B, VRX, VL, J->vpin[v], 0, R_ENV, OFF_V(v, 0), 0);
    for (int d = 0; d < 2; d++)
        if (J->vthr[d] >= 0)
            jit_fp_vector_threshold(J, J->vthr[d], d);
    if (J->lconst_reg >= 0)
        load_const(J, J->lconst_reg, J->lconst);
    if (J->loop)
        emit_interrupt_check(J, &J->loop_check, &J->loop_intr_stub);
    s390_label_bind(B, &J->loop_label);
    agsi_insns(J, b->ninsns);
    for (uint32_t k = 0; k < b->n && !J->fail; k++) {
        lower(J, k);
        /* Free the registers and slots of temps whose last use this was (after the result
         * was placed, so a result never shares a register with its operands). */
        for (int r = 0; r < 16; r++)
            if (J->owner[r] && J->owner[r] != PIN_OWNER && J->last_use[J->owner[r]] <= k)
                release(J, J->owner[r]);
        for (int sl = 0; sl < J->slots_hw; sl++)
            if (J->slot_owner[sl] && J->last_use[J->slot_owner[sl]] <= k)
                release(J, J->slot_owner[sl]);
    }
    if (!J->fail) {
        jit_fp_emit_slow(J);
        emit_stubs(J);
        emit_interrupt_stubs(J);
        jit_pins_stub(J);
    }
    if (J->fail || buf->error || buf->overflow)
        goto done;
    /* Fault table, sorted by host offset (accesses are recorded in code order, replays after
     * the body: sort). */
    uint32_t nfaults = J->nacc + J->npoll;
    J->blk->fault = calloc(nfaults, sizeof *J->blk->fault);
    if (!J->blk->fault)
        goto done;
    for (uint32_t n = 0; n < J->nacc; n++) {
        const struct access *a = &J->acc[n];
        const struct access *o = a->replay_of >= 0 ? &J->acc[a->replay_of] : a;
        J->blk->fault[n] = (struct s390_jit_fault){a->off, a->len, o->stub_off};
    }
    for (uint32_t n = 0; n < J->npoll; n++)
        J->blk->fault[J->nacc + n] =
            (struct s390_jit_fault){J->poll_off[n], 6, (uint32_t)J->poll_stub[n]->pos};
    /* insertion sort: tables are short and nearly sorted */
    for (uint32_t x = 1; x < nfaults; x++) {
        struct s390_jit_fault f = J->blk->fault[x];
        uint32_t y = x;
        while (y && J->blk->fault[y - 1].off > f.off) {
            J->blk->fault[y] = J->blk->fault[y - 1];
            y--;
        }
        J->blk->fault[y] = f;
    }
    J->blk->nfaults = nfaults;
    J->blk->pc = b->pc;
    J->blk->ninsns = b->ninsns;
    J->blk->size = (uint32_t)buf->len;
    out = J->blk;
    J->blk = NULL;
done:
    if (J->blk)
        free(J->blk->fault);
    free(J->blk);
    free(J->acc);
    free(J->fp_slow);
    return out;
}

void s390_jit_emit_trampolines(struct s390_jit *j, struct s390_buf *buf, uintptr_t at)
{
    /* enter(env = r2, code = r3): save the caller's registers in its save area, move r15 to
     * the frame below the env (the caller's r15 kept in it), pin guest_base and the window
     * size and jump to the block. */
    j->enter = at + buf->len;
    S390_EMIT(buf, RSY, STMG, 6, 15, 15, 48);
    S390_EMIT(buf, RRE, LGR, R_S1, 15);
    S390_EMIT(buf, RXY, LAY, 15, 0, 2, -JIT_ENV);
    S390_EMIT(buf, RXY, STG, R_S1, 0, 15, JIT_CALLER_SP);
    S390_EMIT(buf, SIL, MVGHI, 15, JIT_LAZY_KIND, 0);
    /* The FPC the generated code keeps (jit_fp.c); the caller's is set again on the way out. */
    S390_EMIT(buf, RRE, EFPC, R_S1, 0);
    S390_EMIT(buf, RX, ST, R_S1, 0, 15, JIT_CALLER_FPC);
    for (int f = 13; f <= 15; f++)
        S390_EMIT(buf, RX, STD, f, 0, 15, JIT_CALLER_F13 + 8 * (f - 13));
    s390_jit_fpc_guard(buf);
    S390_EMIT(buf, RXY, LG, R_GBASE, 0, R_ENV, OFF_ENV(mem));
    S390_EMIT(buf, RXY, LG, R_GSIZE, 0, R_ENV, OFF_ENV(mem_size));
    for (unsigned n = 0; n < JIT_NGLOBAL_PINS; n++)
        S390_EMIT(buf, RXY, LG, j->gpin[n].reg, 0, R_ENV, OFF_X(j->gpin[n].slot));
    S390_EMIT(buf, RR, BCR, 15, 3);
    /* common exit: r2 = the return value. */
    while (buf->len % 8)
        s390_emit_nopr(buf);
    j->common_exit = at + buf->len;
    for (unsigned n = 0; n < JIT_NGLOBAL_PINS; n++)
        S390_EMIT(buf, RXY, STG, j->gpin[n].reg, 0, R_ENV, OFF_X(j->gpin[n].slot));
    /* Flags recorded lazily become PSTATE before the runtime sees the CPU state. */
    {
        struct s390_label done;
        s390_label_init(&done);
        S390_EMIT(buf, RXY, LTG, R_S1, 0, 15, JIT_LAZY_KIND);
        S390_EMIT_LABEL(buf, RIc, BRC, 8, &done);
        S390_EMIT(buf, RXY, STG, 2, 0, 15, JIT_SAVE_R2);
        S390_EMIT(buf, RRE, LGR, 3, R_S1);
        S390_EMIT(buf, RXY, LG, 4, 0, 15, JIT_LAZY_A);
        S390_EMIT(buf, RXY, LG, 5, 0, 15, JIT_LAZY_B);
        S390_EMIT(buf, RXY, LAY, 2, 0, R_ENV, JIT_ENV);
        uint64_t fn = (uint64_t)(uintptr_t)s390_jit_lazy_nzcv;
        S390_EMIT(buf, RIL, LLIHF, R_S1, (int64_t)(fn >> 32));
        S390_EMIT(buf, RIL, IILF, R_S1, (int64_t)(fn & 0xffffffffu));
        S390_EMIT(buf, RR, BASR, 14, R_S1);
        S390_EMIT(buf, RXY, LG, 2, 0, 15, JIT_SAVE_R2);
        s390_label_bind(buf, &done);
    }
    /* Pending FP flags (inexact, overflow, divide by zero) go to FPSR. */
    s390_jit_fpc_commit_ixc(buf, true, false);
    S390_EMIT(buf, RX, L, R_S1, 0, 15, JIT_CALLER_FPC);
    S390_EMIT(buf, RRE, SFPC, R_S1, 0);
    for (int f = 13; f <= 15; f++)
        S390_EMIT(buf, RX, LD, f, 0, 15, JIT_CALLER_F13 + 8 * (f - 13));
    S390_EMIT(buf, RXY, LG, 15, 0, 15, JIT_CALLER_SP);
    S390_EMIT(buf, RSY, LMG, 6, 15, 15, 48);
    S390_EMIT(buf, RR, BCR, 15, 14);
    /* fault tail: r1 = guest address, r14 = guest pc, r0 = instructions not executed. */
    while (buf->len % 8)
        s390_emit_nopr(buf);
    j->fault_tail = at + buf->len;
    S390_EMIT(buf, RXY, STG, R_S1, 0, R_ENV, OFF_EXIT_INFO);
    S390_EMIT(buf, RXY, STG, R_S14, 0, R_ENV, OFF_PC);
    S390_EMIT(buf, RXY, LG, R_S1, 0, R_ENV, OFF_INSNS);
    S390_EMIT(buf, RRE, SGR, R_S1, R_S0);
    S390_EMIT(buf, RXY, STG, R_S1, 0, R_ENV, OFF_INSNS);
    S390_EMIT(buf, RI, LGHI, 2, IR_EXIT_FAULT);
    S390_EMIT(buf, RXY, STY, 2, 0, R_ENV, OFF_EXIT);
    S390_EMIT(buf, RILc, BRCL, 15, (int64_t)(j->common_exit - (at + buf->len)));
    /* helper tail: env->exit set by a helper, r0 = instructions not executed. */
    while (buf->len % 8)
        s390_emit_nopr(buf);
    j->helper_tail = at + buf->len;
    S390_EMIT(buf, RXY, LG, R_S1, 0, R_ENV, OFF_INSNS);
    S390_EMIT(buf, RRE, SGR, R_S1, R_S0);
    S390_EMIT(buf, RXY, STG, R_S1, 0, R_ENV, OFF_INSNS);
    S390_EMIT(buf, RXY, LLGF, 2, 0, R_ENV, OFF_EXIT);
    S390_EMIT(buf, RILc, BRCL, 15, (int64_t)(j->common_exit - (at + buf->len)));
    /* interrupt tail: r14 = the pc of a block that saw env->interrupt before it started. */
    while (buf->len % 8)
        s390_emit_nopr(buf);
    j->interrupt_tail = at + buf->len;
    S390_EMIT(buf, SIY, MVIY, R_ENV, OFF_ENV(poll_hit), 1);
    S390_EMIT(buf, RXY, STG, R_S14, 0, R_ENV, OFF_PC);
    S390_EMIT(buf, RI, LGHI, 2, IR_EXIT_BUDGET);
    S390_EMIT(buf, RXY, STY, 2, 0, R_ENV, OFF_EXIT);
    S390_EMIT(buf, RILc, BRCL, 15, (int64_t)(j->common_exit - (at + buf->len)));
    while (buf->len % 16)
        s390_emit_nopr(buf);
}
