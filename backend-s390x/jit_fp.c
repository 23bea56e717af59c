/* JIT lowering of floating point onto the host's BFP unit and, with the vector facility,
 * its vector FP instructions (backend-s390x/README.md "Scalar floating point", "AdvSIMD on the
 * vector facility").
 *
 * FP helper calls of the common operations become z/Architecture BFP instructions on the V
 * registers in the CPU state.  Arm and IEEE-754 (which s390x BFP implements) agree on every
 * result that is not a NaN computed in round-to-nearest, and on its inexact, underflow (both
 * detect tininess before rounding), overflow and divide-by-zero flags.  The rest (a NaN, whose
 * propagation and flags differ, FPCR modes other than Arm's default) re-runs the helper, which
 * works from the untouched operands.  The result check (r >= -inf, which a NaN fails) finds
 * them all: an invalid operation gives a NaN, and a non-default FPCR makes the threshold one.
 *
 * The host's FPC while generated code runs: set by the entry trampoline (s390_jit_fpc_guard) to
 * 0, or poisoned (and the thresholds NaNs) when FPCR is not Arm's default, and kept so from
 * block to block.  The inexact, underflow, overflow and divide-by-zero flags stay set in it, pending FPSR
 * flags, committed only where something could lose or read them: the common exit (every way
 * back to the runtime, fault stubs included), the FP and system-register helper calls
 * (s390_jit_helper_uses_fpc), and before a conversion to integer (whose own spurious inexact
 * the slow path must not commit).  Other flags never stay set: a slow path sets the FPC again. */
#include "backend-s390x/jit_ctx.h"
#include "ir/semantics.h"

#include <stdlib.h>
#include <string.h>

/* FPCR: AHP, DN, FZ, RMode, Stride/Len, FZ16 (26:19) and NEP, AH, FIZ (2:0) all clear. */
#define FPCR_NATIVE_MASK 0x07f80007u

enum fp_kind {
    FPN_ADD, FPN_SUB, FPN_MUL, FPN_DIV, FPN_NMUL, FPN_SQRT, FPN_FMA, /* on V registers */
    FPN_CMP, FPN_CMPE, FPN_FROMINT, FPN_TOINT, FPN_CVT,           /* on values (fp_scalar) */
};

struct fp_native {
    enum fp_kind kind;
    bool dbl;
    unsigned rd, rn, rm, ra;
    bool neg_n, neg_a;
    /* The value ops: unsigned, 64-bit integer, rounding mask (M3) of a conversion to integer,
     * and for CVT whether the result is double. */
    bool uns, wide, to_dbl;
    int m3;
};

/* fp_scalar's value operations: FCMP(E), SCVTF/UCVTF and FCVT[NPMZA][SU] without fraction
 * bits, FCVT between single and double. */
static bool fp_value_of(struct jctx *J, const struct ir_insn *i, struct fp_native *o)
{
    if (i->imm != IR_HELPER_fp_scalar || !i->arg[2] || !J->is_const[i->arg[2]])
        return false;
    uint64_t c = J->cval[i->arg[2]];
    unsigned f = (c >> 8) & 3, imm = (unsigned)(c >> 16) & 0xffff;
    if (f != FPU_S && f != FPU_D)
        return false;
    /* The BFP rounding masks of Arm's explicit modes (RN, RP, RM, RZ, RA); FPCR's = the FPC's. */
    static const int m3_of[8] = {4, 6, 7, 5, 1, -1, -1, 0};
    *o = (struct fp_native){.dbl = f == FPU_D, .uns = (imm >> 11) & 1, .wide = (imm >> 12) & 1,
                            .m3 = m3_of[(imm >> 8) & 7]};
    switch ((enum fp_sop)(c & 0xff)) {
    case FPS_CMP: o->kind = FPN_CMP; return true;
    case FPS_CMPE: o->kind = FPN_CMPE; return true;
    case FPS_FROMINT: o->kind = FPN_FROMINT; return !(imm & 0xff) && o->m3 == 0;
    case FPS_TOINT: o->kind = FPN_TOINT; return !(imm & 0xff) && o->m3 >= 0;
    case FPS_CVT:
        o->kind = FPN_CVT;
        o->to_dbl = (imm & 3) == FPU_D;
        return (imm & 3) == (f == FPU_D ? FPU_S : FPU_D);
    default: return false;
    }
}

/* Whether the helper call i is one of the operations above, and what it does. */
static bool fp_native_of(struct jctx *J, const struct ir_insn *i, struct fp_native *o)
{
    if (i->op != IR_CALL || !i->arg[0] || !J->is_const[i->arg[0]])
        return false;
    uint64_t d = J->cval[i->arg[0]];
    unsigned f = FP_D_F(d);
    if ((f != FPU_S && f != FPU_D) || FP_D_IMM(d) || (d & (FP_PAIRWISE | FP_INDEXED)))
        return false;
    *o = (struct fp_native){.dbl = f == FPU_D, .rd = FP_D_RD(d), .rn = FP_D_RN(d),
                            .rm = FP_D_RM(d), .ra = FP_D_RA(d)};
    if (i->imm == IR_HELPER_fp_fma) {
        if (!i->arg[1] || !i->arg[2] || !J->is_const[i->arg[1]] || !J->is_const[i->arg[2]])
            return false;
        o->kind = FPN_FMA;
        o->neg_n = J->cval[i->arg[1]] != 0;
        o->neg_a = J->cval[i->arg[2]] != 0;
        return true;
    }
    if (i->imm != IR_HELPER_fp_lanes || !FP_D_SCALAR(d))
        return false;
    switch (FP_D_OP(d)) {
    case FPOP_ADD: o->kind = FPN_ADD; return true;
    case FPOP_SUB: o->kind = FPN_SUB; return true;
    case FPOP_MUL: o->kind = FPN_MUL; return true;
    case FPOP_DIV: o->kind = FPN_DIV; return true;
    case FPOP_NMUL: o->kind = FPN_NMUL; return true;
    case FPOP_SQRT: o->kind = FPN_SQRT; return true;
    default: return false;
    }
}

/* The FPC after the guard: 0 (no flags, no traps, round to nearest), or with this DXC when FPCR
 * is not Arm's default, which the value ops' flag test sees (NILF with FPC_SLOW), so that they
 * take the helper (the other ops see the NaN thresholds the guard loads then).  Non-trapping
 * BFP operations leave the DXC alone. */
#define FPC_POISON 0x0000ff00u
#define FPC_SLOW 0x00f0ff00u /* flags invalid, divide, overflow, underflow; the DXC */
/* f6 and f7 scratch; the result-check thresholds (-inf) live in f14 (single) and f15 (double)
 * in all generated code (loaded by the entry trampoline, callee-saved in helpers), and f13
 * holds +0.0 (FCMP with zero compares with it), a NaN when poisoned like them. */
enum { F_TMP2 = 6, F_TMP = 7, F_ZERO = 13, F_THR_S = 14, F_THR_D = 15 };

/* The guard: FPC = 0 with Arm's default modes, else poisoned (flags cleared either way); the
 * result-check thresholds in f14/f15, or quiet NaNs when poisoned, so that every result check
 * fails (r1 scratch). */
void s390_jit_fpc_guard(struct s390_buf *buf)
{
    struct s390_label native, done;
    s390_label_init(&native);
    s390_label_init(&done);
    S390_EMIT(buf, RXY, LLGF, R_S1, 0, R_ENV, OFF_FPCR);
    S390_EMIT(buf, RIL, NILF, R_S1, FPCR_NATIVE_MASK);
    S390_EMIT_LABEL(buf, RIc, BRC, 8, &native);
    S390_EMIT(buf, RIL, IILF, R_S1, FPC_POISON);
    S390_EMIT(buf, RRE, SFPC, R_S1, 0);
    S390_EMIT(buf, RI, LLIHH, R_S1, 0x7fc0);
    S390_EMIT(buf, RRE, LDGR, F_THR_S, R_S1);
    S390_EMIT(buf, RI, LLIHH, R_S1, 0x7ff8);
    S390_EMIT(buf, RRE, LDGR, F_THR_D, R_S1);
    S390_EMIT(buf, RRE, LDGR, F_ZERO, R_S1);
    S390_EMIT_LABEL(buf, RIc, BRC, 15, &done);
    s390_label_bind(buf, &native);
    S390_EMIT(buf, RRE, SFPC, R_S1, 0);
    S390_EMIT(buf, RRE, LDGR, F_ZERO, R_S1); /* r1 is 0 here */
    /* -inf: every result but a NaN compares at least equal to it. */
    S390_EMIT(buf, RI, LLIHH, R_S1, 0xff80);
    S390_EMIT(buf, RRE, LDGR, F_THR_S, R_S1);
    S390_EMIT(buf, RI, LLIHH, R_S1, 0xfff0);
    S390_EMIT(buf, RRE, LDGR, F_THR_D, R_S1);
    s390_label_bind(buf, &done);
}

static void fp_guard(struct jctx *J)
{
    s390_jit_fpc_guard(B);
}

/* Lane 0 of V[r] (a double, or a single in the low half of the low doubleword) to or from f. */
static void fp_load(struct jctx *J, int f, unsigned r, bool dbl)
{
    if (dbl)
        S390_EMIT(B, RX, LD, f, 0, R_ENV, OFF_V(r, 0));
    else
        S390_EMIT(B, RX, LE, f, 0, R_ENV, OFF_V(r, 0) + 4);
}

/* A cached scalar result to V[r]: the rest of the register is zero. */
static void fp_store(struct jctx *J, int f, unsigned r, bool dbl)
{
    if (dbl) {
        S390_EMIT(B, RX, STD, f, 0, R_ENV, OFF_V(r, 0));
    } else {
        S390_EMIT(B, RX, STE, f, 0, R_ENV, OFF_V(r, 0) + 4);
        S390_EMIT(B, SIL, MVHI, R_ENV, OFF_V(r, 0), 0);
    }
    S390_EMIT(B, SIL, MVGHI, R_ENV, OFF_V(r, 1), 0);
}

/* FPSR |= the FPC's pending flags: inexact, underflow, overflow and divide-by-zero, which
 * native ops raise exactly where Arm raises IXC, UFC, OFC and DZC (FPSR bits 4, 3, 2, 1; the
 * results are the same, tininess detected before rounding on both), and are cleared when
 * `clear`; poisoned: the flags are not the guest's.  r0 and r1 scratch. */
void s390_jit_fpc_commit_ixc(struct s390_buf *buf, bool poison_check, bool clear)
{
    struct s390_label skip;
    s390_label_init(&skip);
    S390_EMIT(buf, RRE, EFPC, R_S1, 0);
    if (poison_check) {
        S390_EMIT(buf, RI, TMLL, R_S1, (int32_t)FPC_POISON);
        S390_EMIT_LABEL(buf, RIc, BRC, 7, &skip);
    }
    S390_EMIT(buf, RI, TMLH, R_S1, 0x0078);
    S390_EMIT_LABEL(buf, RIc, BRC, 8, &skip);
    S390_EMIT(buf, RIEf, RISBG, R_S0, R_S1, 62, 62 | 0x80, 43); /* divide by zero: DZC */
    S390_EMIT(buf, RIEf, RISBG, R_S0, R_S1, 61, 61, 45);        /* overflow: OFC */
    S390_EMIT(buf, RIEf, RISBG, R_S0, R_S1, 60, 60, 47);        /* underflow: UFC */
    S390_EMIT(buf, RIEf, RISBG, R_S0, R_S1, 59, 59, 49);        /* inexact: IXC */
    S390_EMIT(buf, RX, O, R_S0, 0, R_ENV, OFF_FPSR);
    S390_EMIT(buf, RX, ST, R_S0, 0, R_ENV, OFF_FPSR);
    if (clear) {
        S390_EMIT(buf, RIL, NILF, R_S1, 0xff87ffffu);
        S390_EMIT(buf, RRE, SFPC, R_S1, 0);
    }
    s390_label_bind(buf, &skip);
}

static void fp_commit_ixc(struct jctx *J, bool poison_check, bool clear)
{
    s390_jit_fpc_commit_ixc(B, poison_check, clear);
}

/* Stores the dirty entries of state s (they stay cached, clean). */
static void fp_store_dirty(struct jctx *J, struct jit_fpstate *s)
{
    for (int f = 0; f < JIT_FP_NCACHE; f++)
        if (s->vreg[f] && s->dirty[f]) {
            fp_store(J, f, (unsigned)s->vreg[f] - 1, s->dbl[f]);
            s->dirty[f] = false;
        }
}

/* State s's pending flags (ixc) committed to FPSR and cleared from the FPC (the DXC kept). */
static void fp_commit_clear_ixc(struct jctx *J, struct jit_fpstate *s)
{
    if (s->ixc)
        fp_commit_ixc(J, true, true);
    s->ixc = false;
}

/* Stores the dirty entries of state s and commits (and clears) its pending flags. */
static void fp_sync_state(struct jctx *J, struct jit_fpstate *s)
{
    fp_store_dirty(J, s);
    fp_commit_clear_ixc(J, s);
}

static int fp_find(struct jctx *J, unsigned r)
{
    for (int f = 0; f < JIT_FP_NCACHE; f++)
        if (J->fp.vreg[f] == (int8_t)(r + 1))
            return f;
    return -1;
}

/* Writes back (if dirty) and forgets the entry of V[r]. */
static void fp_drop(struct jctx *J, unsigned r)
{
    int f = fp_find(J, r);
    if (f < 0)
        return;
    if (J->fp.dirty[f])
        fp_store(J, f, r, J->fp.dbl[f]);
    J->fp.vreg[f] = 0;
}

static void fp_group_close(struct jctx *J);

/* The cached values written back and forgotten; the inexact flag stays pending (what follows
 * reads V registers, not FPSR). */
void jit_fp_forget(struct jctx *J)
{
    for (int f = 0; f < JIT_FP_NCACHE; f++)
        if (J->fp.vreg[f])
            fp_drop(J, (unsigned)J->fp.vreg[f] - 1);
}

/* Before C code or a branch: the cached values written back and forgotten (the FPRs do not
 * survive a call); the flags stay pending in the FPC. */
void jit_fp_end(struct jctx *J)
{
    if (J->fp.in_slow)
        return;
    if (J->fpg.open)
        fp_group_close(J);
    jit_fp_forget(J);
}

/* Around a call of helper h that uses the host FPC or FPSR: the pending flags committed before
 * it; after it the FPC is set again (FPCR may have changed), or its flags, which are the
 * helper's own host operations' and not the guest's, cleared. */
void jit_fp_call(struct jctx *J, unsigned h, bool after)
{
    if (J->fp.in_slow || !s390_jit_helper_uses_fpc(h))
        return;
    if (!after) {
        fp_commit_ixc(J, true, true);
    } else if (h == IR_HELPER_msr || h == IR_HELPER_el1_msr || h == IR_HELPER_el1_sys) {
        fp_guard(J);
    } else {
        S390_EMIT(B, RRE, EFPC, R_S1, 0);
        S390_EMIT(B, RIL, NILF, R_S1, 0xff00ffffu);
        S390_EMIT(B, RRE, SFPC, R_S1, 0);
    }
    J->fp.ixc = false;
}

bool s390_jit_helper_uses_fpc(unsigned h)
{
    switch (h) {
    case IR_HELPER_simd_fcvt:
    case IR_HELPER_fp_lanes:
    case IR_HELPER_fp_across:
    case IR_HELPER_fp_scalar:
    case IR_HELPER_fp_fma:
    case IR_HELPER_mrs:
    case IR_HELPER_msr:
    case IR_HELPER_el1_mrs:
    case IR_HELPER_el1_msr:
    case IR_HELPER_el1_sys:
        return true;
    default:
        return false;
    }
}

/* Ops between native FP ops that leave the cache and the FPC alone: constants, X registers,
 * inline integer arithmetic and flags (a C fallback ends the region in emit_call), V-register
 * halves (the cached register written back first), guest memory (a fault's stub writes the cached
 * values and the inexact flag back).  Anything else may call C code or branch: the region ends
 * before it, except at a loop's end, where it is kept for the loop head (set up again if a
 * helper call ended it) and only the cached values are written back. */
void jit_fp_before(struct jctx *J, const struct ir_insn *i)
{
    if (J->fpg.open && i->op != IR_CALL)
        fp_group_close(J);
    bool any = false;
    for (int f = 0; f < JIT_FP_NCACHE; f++)
        any |= J->fp.vreg[f] != 0;
    if (!any)
        return;
    switch (i->op) {
#define IR_BIN(n, e32, e64) case IR_##n:
#define IR_UN(n, e32, e64) case IR_##n:
#define IR_OP(n, na, fl)
#include "ir/ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    case IR_CONST:
    case IR_GET:
    case IR_SET:
    case IR_SET_NZCV: /* stores, or records the compare for later */
    case IR_CALL:
        return;
    case IR_GETV: {
        int f = fp_find(J, i->imm & 31);
        if (f >= 0 && J->fp.dirty[f]) {
            fp_store(J, f, i->imm & 31, J->fp.dbl[f]);
            J->fp.dirty[f] = false;
        }
        return;
    }
    case IR_SETV:
        fp_drop(J, i->imm & 31);
        return;
    case IR_LOAD:
    case IR_STORE:
        return;
    case IR_GOTO:
    case IR_BRCOND:
    case IR_BRCOND2:
        /* Written back (the group closed above); the values stay cached (clean) for a fused
         * FCMP at the branch.  Nothing of the block runs after it. */
        fp_store_dirty(J, &J->fp);
        return;
    default:
        jit_fp_end(J);
        return;
    }
}

void jit_fp_stub(struct jctx *J, const struct jit_fpstate *s)
{
    struct jit_fpstate c = *s;
    fp_store_dirty(J, &c);
}

/* A free cache FPR, evicting the least recently used unlocked entry if none is. */
static int fp_alloc(struct jctx *J)
{
    int best = -1;
    for (int f = 0; f < JIT_FP_NCACHE; f++) {
        if (!J->fp.vreg[f] && !J->fp.lock[f] && !J->fp.hold[f])
            return f;
        /* A clean entry before a dirty one (no store; and an FP group may not store). */
        if (!J->fp.lock[f] && !J->fp.hold[f] &&
            (best < 0 || J->fp.dirty[f] < J->fp.dirty[best] ||
             (J->fp.dirty[f] == J->fp.dirty[best] && J->fp.stamp[f] < J->fp.stamp[best])))
            best = f;
    }
    fp_drop(J, (unsigned)J->fp.vreg[best] - 1);
    return best;
}

/* The FPR holding lane 0 of V[r] in the given format (loaded if not cached), locked. */
static int fp_get(struct jctx *J, unsigned r, bool dbl)
{
    int f = fp_find(J, r);
    if (f >= 0 && J->fp.dbl[f] != dbl) {
        fp_drop(J, r);
        f = -1;
    }
    if (f < 0) {
        f = fp_alloc(J);
        fp_load(J, f, r, dbl);
        J->fp.vreg[f] = (int8_t)(r + 1);
        J->fp.dbl[f] = dbl;
        J->fp.dirty[f] = false;
    }
    J->fp.lock[f] = true;
    J->fp.stamp[f] = ++J->fp.clock;
    return f;
}

/* Slow path of a native op: the cache of state `before` written back and the inexact flag of
 * the ops before committed, the helper call (which recomputes from the CPU state), then the
 * FPC guard again and the FPRs of state `after` reloaded, so both paths meet in that state. */
static void fp_slow_path(struct jctx *J, uint32_t k, uint32_t k_end, ir_val dst,
                         struct jit_fpstate *before, const struct jit_fpstate *after)
{
    fp_sync_state(J, before);
    J->fp.in_slow = true;
    for (uint32_t j = k; j <= k_end; j++)
        if (J->b->insn[j].op == IR_CALL)
            jit_emit_call(J, j, &J->b->insn[j], j == k_end ? dst : 0);
    J->fp.in_slow = false;
    fp_guard(J);
    for (int f = 0; f < JIT_FP_NCACHE; f++)
        if (after->vreg[f])
            fp_load(J, f, (unsigned)after->vreg[f] - 1, after->dbl[f]);
}

/* An arithmetic op's slow path, emitted after the block's body (the fast path then has no
 * branch round it): the FP states on both sides and the host registers live at the op, whose
 * helper call takes only constants and leaves no result anyone reads. */
struct jit_fp_slow {
    uint32_t k, k_end; /* the helper calls of k..k_end (an FP group's) */
    const struct ir_insn *fcmp; /* or a fused FCMP's helper call (fp_compare_slow) */
    int8_t fcmp_src;            /* and the FPR holding its first operand */
    struct jit_fpstate before, after;
    ir_val owner[16];
    struct s390_label slow, done;
};

static bool fp_can_defer(struct jctx *J, const struct ir_insn *i)
{
    for (int a = 0; a < 3; a++)
        if (i->arg[a] && !J->is_const[i->arg[a]])
            return false;
    return !i->dst || !J->nuses[i->dst];
}

/* The op's fast path is done: its slow path (branched to at `slow`) is queued, and the code
 * continues at the next instruction. */
static void fp_defer_slow(struct jctx *J, uint32_t k, uint32_t k_end, struct s390_label *slow,
                          const struct jit_fpstate *before, const ir_val *owner)
{
    if (J->nfp_slow == J->capfp_slow) {
        uint32_t cap = J->capfp_slow ? 2 * J->capfp_slow : 8;
        struct jit_fp_slow *n = realloc(J->fp_slow, cap * sizeof *n);
        if (!n) {
            J->fail = true;
            return;
        }
        J->fp_slow = n;
        J->capfp_slow = cap;
    }
    struct jit_fp_slow *q = &J->fp_slow[J->nfp_slow++];
    q->fcmp = NULL;
    q->k = k;
    q->k_end = k_end;
    q->before = *before;
    q->after = J->fp;
    memcpy(q->owner, owner, sizeof q->owner);
    q->slow = *slow;
    s390_label_init(&q->done);
    s390_label_bind(B, &q->done);
}

/* The end of a native op's fast path: its slow path (branched to at `slow`) queued after the
 * block when `defer` and the op allows it, else placed here with a branch around it. */
static void fp_close_slow(struct jctx *J, uint32_t k, const struct ir_insn *i, ir_val dst,
                          bool defer, struct s390_label *slow, struct jit_fpstate *before)
{
    if (defer && fp_can_defer(J, i)) {
        fp_defer_slow(J, k, k, slow, before, J->owner);
        return;
    }
    struct s390_label done;
    s390_label_init(&done);
    S390_EMIT_LABEL(B, RIc, BRC, 15, &done);
    s390_label_bind(B, slow);
    fp_slow_path(J, k, k, dst, before, &J->fp);
    s390_label_bind(B, &done);
}

static void fp_compare_slow(struct jctx *J, struct jit_fp_slow *q);

void jit_fp_emit_slow(struct jctx *J)
{
    ir_val owner[16];
    memcpy(owner, J->owner, sizeof owner);
    for (uint32_t n = 0; n < J->nfp_slow; n++) {
        struct jit_fp_slow *q = &J->fp_slow[n];
        s390_label_bind(B, &q->slow);
        memcpy(J->owner, q->owner, sizeof owner);
        if (q->fcmp)
            fp_compare_slow(J, q);
        else
            fp_slow_path(J, q->k, q->k_end, 0, &q->before, &q->after);
        S390_EMIT_LABEL(B, RIc, BRC, 15, &q->done);
    }
    memcpy(J->owner, owner, sizeof owner);
}

/* A poisoned FPC (its threshold a NaN) takes the helper. */
static void fp_test_poison(struct jctx *J, struct s390_label *slow)
{
    S390_EMIT(B, RRE, CDBR, F_THR_D, F_THR_D);
    S390_EMIT_LABEL(B, RIc, BRC, 1, slow);
}

/* The native op's flag test: any flag but inexact, or a poisoned FPC, takes the helper. */
static void fp_test_flags(struct jctx *J, struct s390_label *slow)
{
    S390_EMIT(B, RRE, EFPC, R_S1, 0);
    S390_EMIT(B, RIL, NILF, R_S1, FPC_SLOW);
    S390_EMIT_LABEL(B, RIc, BRC, 7, slow);
}

/* FPR f = the single or double whose bits temp t holds (a single in the low 32 bits). */
static void fp_from_gpr(struct jctx *J, int f, ir_val t, bool dbl)
{
    int r = jit_use(J, t, R_S1);
    if (!dbl) {
        S390_EMIT(B, RSY, SLLG, R_S1, r, 0, 32);
        r = R_S1;
    }
    S390_EMIT(B, RRE, LDGR, f, r);
}

/* The exponent test of a result in FPR f, in a GPR: biased exponent 2 .. max-1 (no zero,
 * subnormal, smallest-normal binade, infinity or NaN), else to slow. */
static void fp_check_exponent(struct jctx *J, int f, bool dbl, struct s390_label *slow)
{
    S390_EMIT(B, RRE, LGDR, R_S1, f);
    if (dbl)
        S390_EMIT(B, RIEf, RISBG, R_S1, R_S1, 53, 63 | 0x80, 12);
    else
        S390_EMIT(B, RIEf, RISBG, R_S1, R_S1, 56, 63 | 0x80, 9);
    S390_EMIT(B, RI, AHI, R_S1, -2);
    S390_EMIT(B, RIL, CLFI, R_S1, dbl ? 0x7ff - 3 : 0xff - 3);
    S390_EMIT_LABEL(B, RIc, BRC, 2, slow);
}

/* r0 = NZCV (bits 31:28) of a BFP compare's condition code: equal 0110, low 1000, high 0010,
 * unordered 0011. */
static void fp_nzcv_from_cc(struct jctx *J)
{
    S390_EMIT(B, RRE, IPM, R_S1, 0);
    S390_EMIT(B, RIEf, RISBG, R_S1, R_S1, 60, 61 | 0x80, 38); /* cc * 4 */
    S390_EMIT(B, RI, LGHI, R_S0, 0x3286);                     /* nibble per cc */
    S390_EMIT(B, RSY, SRLG, R_S0, R_S0, R_S1, 0);
    S390_EMIT(B, RIEf, RISBG, R_S0, R_S0, 32, 35 | 0x80, 28);
}

/* The FPR cache entry holding operand t (a K_FPVREG lane) in that format, or -1. */
static int fp_cached_operand(struct jctx *J, ir_val t, bool dbl)
{
    if (J->kind[t] != K_FPVREG)
        return -1;
    int c = fp_find(J, J->b->insn[J->def[t]].imm & 31);
    return c >= 0 && J->fp.dbl[c] == dbl ? c : -1;
}

/* FPR f = the FCMP operand t: a K_FPVREG read of lane 0 of a V register from its FPR cache
 * entry (LOAD, the entry kept), its pinned vector register or the CPU state; else the bits of
 * temp t. */
static void fp_operand(struct jctx *J, int f, ir_val t, bool dbl)
{
    if (J->kind[t] != K_FPVREG) {
        fp_from_gpr(J, f, t, dbl);
        return;
    }
    unsigned r = J->b->insn[J->def[t]].imm & 31;
    int c = fp_cached_operand(J, t, dbl);
    if (c >= 0) {
        S390_EMIT(B, RR, LDR, f, c);
        return;
    }
    fp_drop(J, r); /* cached in the other format: its bits go back to the CPU state */
    if (J->vpin[r] >= 0) {
        S390_EMIT(B, VRSc, VLGV, R_S1, J->vpin[r], 0, 0, 3);
        if (!dbl)
            S390_EMIT(B, RSY, SLLG, R_S1, R_S1, 0, 32);
        S390_EMIT(B, RRE, LDGR, f, R_S1);
        return;
    }
    fp_load(J, f, r, dbl);
}

/* Whether FCMP o compares with the constant 0.0 (no second operand: a compare with f13). */
static bool fp_compare_zero(struct jctx *J, const struct ir_insn *i, const struct fp_native *o)
{
    return o->kind == FPN_CMP && J->is_const[i->arg[1]] && J->cval[i->arg[1]] == 0;
}

/* FCMP/FCMPE o: the operands into f7 (and f6), a poisoned FPC to slow, the compare, and
 * unordered (CC 3) to slow for its flags; ordered operands raise nothing.  FCMP with +0.0
 * compares with f13 (+0.0, a NaN when poisoned: one test for both) the FPR that caches the
 * operand, or f7: the same CC (-0.0 equal, a NaN CC 3), and nothing raised for a quiet NaN.
 * Returns the FPR holding the first operand. */
static int fp_compare(struct jctx *J, const struct ir_insn *i, const struct fp_native *o,
                      struct s390_label *slow)
{
    bool d = o->dbl;
    if (fp_compare_zero(J, i, o)) {
        int x = fp_cached_operand(J, i->arg[0], d);
        if (x < 0) {
            x = F_TMP;
            fp_operand(J, F_TMP, i->arg[0], d);
        }
        s390_emit_RRE(B, d ? RRE_CDBR : RRE_CEBR, x, F_ZERO);
        S390_EMIT_LABEL(B, RIc, BRC, 1, slow);
        return x;
    }
    fp_operand(J, F_TMP, i->arg[0], d);
    fp_operand(J, F_TMP2, i->arg[1], d);
    fp_test_poison(J, slow);
    static const enum s390_insn cmp[2][2] = {{RRE_CEBR, RRE_KEBR}, {RRE_CDBR, RRE_KDBR}};
    s390_emit_RRE(B, cmp[d][o->kind == FPN_CMPE], F_TMP, F_TMP2);
    S390_EMIT_LABEL(B, RIc, BRC, 1, slow);
    return F_TMP;
}

/* FPR f = SCVTF/UCVTF o of GPR r. */
static void fp_from_int(struct jctx *J, const struct fp_native *o, int f, int r)
{
    static const enum s390_insn sgn[2][2] = {{RRE_CEFBR, RRE_CEGBR}, {RRE_CDFBR, RRE_CDGBR}};
    static const enum s390_insn uns[2][2] = {{RRFe_CELFBR, RRFe_CELGBR},
                                             {RRFe_CDLFBR, RRFe_CDLGBR}};
    if (o->uns)
        s390_emit_RRFe(B, uns[o->dbl][o->wide], f, 0, r, 0);
    else
        s390_emit_RRE(B, sgn[o->dbl][o->wide], f, r);
}

/* The value op's native code (f6 and f7 as scratch): the result in R_S0; to slow for the
 * helper. */
static void fp_value(struct jctx *J, const struct ir_insn *i, const struct fp_native *o,
                     struct s390_label *slow)
{
    bool d = o->dbl;
    switch (o->kind) {
    case FPN_CMP:
    case FPN_CMPE:
        fp_compare(J, i, o, slow);
        fp_nzcv_from_cc(J);
        return;
    case FPN_FROMINT: {
        fp_from_int(J, o, F_TMP, jit_use(J, i->arg[0], R_S1));
        fp_test_flags(J, slow);
        S390_EMIT(B, RRE, LGDR, R_S0, F_TMP);
        if (!d)
            S390_EMIT(B, RSY, SRLG, R_S0, R_S0, 0, 32);
        return;
    }
    case FPN_TOINT: {
        fp_from_gpr(J, F_TMP, i->arg[0], d);
        static const enum s390_insn ins[2][2][2] = {
            {{RRFe_CFEBR, RRFe_CGEBR}, {RRFe_CLFEBR, RRFe_CLGEBR}},
            {{RRFe_CFDBR, RRFe_CGDBR}, {RRFe_CLFDBR, RRFe_CLGDBR}},
        };
        S390_EMIT(B, RI, LGHI, R_S0, 0);
        s390_emit_RRFe(B, ins[d][o->uns][o->wide], R_S0, o->m3, F_TMP, 0);
        fp_test_flags(J, slow);
        return;
    }
    case FPN_CVT:
        fp_from_gpr(J, F_TMP2, i->arg[0], d);
        if (o->to_dbl)
            S390_EMIT(B, RRE, LDEBR, F_TMP, F_TMP2);
        else
            S390_EMIT(B, RRE, LEDBR, F_TMP, F_TMP2);
        fp_test_flags(J, slow);
        if (!o->to_dbl)
            fp_check_exponent(J, F_TMP, false, slow); /* narrowing rounds */
        S390_EMIT(B, RRE, LGDR, R_S0, F_TMP);
        if (!o->to_dbl)
            S390_EMIT(B, RSY, SRLG, R_S0, R_S0, 0, 32);
        return;
    default:
        return;
    }
}

/* FPR d = -FPR s (the sign flipped, as FPNeg). */
static void fp_negate(struct jctx *J, int d, int s, bool dbl)
{
    s390_emit_RRE(B, dbl ? RRE_LCDBR : RRE_LCEBR, d, s);
}

/* FPR fd = the arithmetic op on the locked operand FPRs (fn, fm, fa). */
static void fp_arith(struct jctx *J, const struct fp_native *o, int fd, int fn, int fm, int fa)
{
    bool d = o->dbl;
    /* The vector facility's scalar forms (single element) take three operands. */
    bool wf = J->vx && (d || J->vxe);
    int fmt = d ? 3 : 2;
    switch (o->kind) {
    case FPN_SQRT:
        if (wf)
            S390_EMIT(B, VRRa, VFSQ, fd, fn, fmt, 8, 0);
        else
            s390_emit_RRE(B, d ? RRE_SQDBR : RRE_SQEBR, fd, fn);
        return;
    case FPN_FMA:
        /* V[a] + V[n] * V[m] rounded once, with the negations FMSUB/FNMADD/FNMSUB ask for. */
        if (o->neg_n) {
            fp_negate(J, F_TMP, fn, d);
            fn = F_TMP;
        }
        if (o->neg_a) {
            fp_negate(J, fd, fa, d);
            fa = fd;
        }
        if (wf) {
            S390_EMIT(B, VRRe, VFMA, fd, fn, fm, fa, 8, fmt);
        } else {
            if (fa != fd)
                S390_EMIT(B, RR, LDR, fd, fa);
            /* MADBR f1, f3, f2 is f1 = f3 * f2 + f1. */
            if (d)
                S390_EMIT(B, RRD, MADBR, fd, fn, fm);
            else
                S390_EMIT(B, RRD, MAEBR, fd, fn, fm);
        }
        return;
    default: {
        static const enum s390_insn vop[5] = {VRRc_VFA, VRRc_VFS, VRRc_VFM, VRRc_VFD, VRRc_VFM};
        static const enum s390_insn bop[2][5] = {
            {RRE_AEBR, RRE_SEBR, RRE_MEEBR, RRE_DEBR, RRE_MEEBR},
            {RRE_ADBR, RRE_SDBR, RRE_MDBR, RRE_DDBR, RRE_MDBR},
        };
        if (wf) {
            s390_emit_VRRc(B, vop[o->kind], fd, fn, fm, fmt, 8, 0);
        } else {
            S390_EMIT(B, RR, LDR, fd, fn);
            s390_emit_RRE(B, bop[d][o->kind], fd, fm);
        }
        if (o->kind == FPN_NMUL)
            fp_negate(J, fd, fd, d);
        return;
    }
    }
}

/* The result check of an arithmetic result in fd: not a NaN (whose propagation and flags
 * differ), else to slow.  Every other result is Arm's, in value and flags: both round the same
 * way, and both detect tininess before rounding (QEMU models s390x so), so even a result that
 * rounds up to the smallest normal raises underflow on both (tests/guest/fp_tiny_lanes.c).  An
 * infinity is kept: without a flag it came from an infinite operand, as Arm's.  Comparing with
 * the threshold (-inf, a NaN when the FPC is poisoned) is the test: CDBR and BRC on unordered. */
static void fp_check_result(struct jctx *J, int fd, bool dbl, struct s390_label *slow)
{
    s390_emit_RRE(B, dbl ? RRE_CDBR : RRE_CEBR, fd, dbl ? F_THR_D : F_THR_S);
    S390_EMIT_LABEL(B, RIc, BRC, 1, slow); /* unordered */
}

/* FP groups: consecutive native scalar arithmetic ops (only constants between them) share one
 * slow path: a failed result check re-runs the whole group through the helpers from the CPU
 * state as it was at the group's start.  So the values dirty at its start are written back by
 * that slow path, from FPRs no op of the group reuses (held; or, without room beside them,
 * they are written back at the start), and its ops write nothing to the CPU state (no dirty
 * entry is evicted: an op that would need it starts a new group).  An inexact flag pending before it is
 * committed by that slow path together with the group's own, which is Arm's: native ops raise
 * inexact where Arm does, in the cases the checks send to the helper too.
 * A result that a later op of the group reads needs no check of its own: every groupable op
 * (add, subtract, multiply, divide, square root, fused multiply-add) makes a NaN of a NaN
 * operand, so a NaN reaches the result of an op that reads it, and in the end one the group
 * checks: the results no later op of it reads, checked as the group closes (still in their
 * FPRs, which no op of the group evicts) or when an op overwrites one.  The last op's result is
 * always checked, so a poisoned FPC still takes the slow path.  (fp: 3.67 -> 2.85.) */
static bool fp_groupable(struct jctx *J, const struct ir_insn *i, struct fp_native *o)
{
    return i->op == IR_CALL && fp_native_of(J, i, o) && fp_can_defer(J, i);
}

/* Whether the next instruction after k that emits code is a groupable op. */
static bool fp_next_groupable(struct jctx *J, uint32_t k)
{
    uint32_t j = k + 1;
    while (j < J->b->n && J->b->insn[j].op == IR_CONST)
        j++;
    struct fp_native o;
    return j < J->b->n && fp_groupable(J, &J->b->insn[j], &o);
}

/* Whether op o finds FPRs for its operands and result without evicting a dirty entry. */
static bool fp_group_room(struct jctx *J, const struct fp_native *o)
{
    unsigned regs[3] = {o->rn, o->rm, o->ra};
    int nregs = o->kind == FPN_SQRT ? 1 : o->kind == FPN_FMA ? 3 : 2, need = 1, room = 0;
    for (int n = 0; n < nregs; n++) {
        int f = fp_find(J, regs[n]);
        bool dup = false;
        for (int m = 0; m < n; m++)
            dup |= regs[m] == regs[n];
        if (f >= 0 && J->fp.dbl[f] != o->dbl && J->fp.dirty[f])
            return false; /* its reload in the other format would store it */
        need += !dup && (f < 0 || J->fp.dbl[f] != o->dbl);
    }
    for (int f = 0; f < JIT_FP_NCACHE; f++) {
        bool operand = false;
        for (int n = 0; n < nregs; n++)
            operand |= J->fp.vreg[f] == (int8_t)(regs[n] + 1);
        room += !J->fp.hold[f] && (!J->fp.vreg[f] || (!J->fp.dirty[f] && !operand));
    }
    return room >= need;
}

/* The check of the unchecked result in FPR f, now. */
static void fp_group_check(struct jctx *J, int f)
{
    fp_check_result(J, f, J->fp.dbl[f], &J->fpg.fail);
    J->fpg.unchecked &= (uint8_t)~(1u << f);
}

static void fp_group_close(struct jctx *J)
{
    /* Before the slow path's way back (fp_defer_slow binds it here): it reloads the results,
     * whose NaNs are then the guest's. */
    for (int f = 0; f < JIT_FP_NCACHE; f++)
        if (J->fpg.unchecked & (1u << f))
            fp_group_check(J, f);
    fp_defer_slow(J, J->fpg.first, J->fpg.last, &J->fpg.fail, &J->fpg.before, J->fpg.owner);
    J->fpg.open = false;
    memset(J->fp.hold, 0, sizeof J->fp.hold);
}

/* Op k (groupable) joins the open group, or opens one if the next op is groupable too. */
static bool fp_group_join(struct jctx *J, uint32_t k, const struct fp_native *o)
{
    if (J->fpg.open && fp_group_room(J, o))
        return true;
    if (J->fpg.open)
        fp_group_close(J);
    if (!fp_next_groupable(J, k))
        return false;
    /* Values dirty at the start stay where they are, held until the group closes (the slow
     * path stores them from there), when the first op has room beside them; else they are
     * stored now. */
    if (fp_group_room(J, o)) {
        for (int f = 0; f < JIT_FP_NCACHE; f++)
            J->fp.hold[f] = J->fp.vreg[f] && J->fp.dirty[f];
    } else {
        fp_store_dirty(J, &J->fp);
    }
    J->fpg.open = true;
    J->fpg.unchecked = 0;
    J->fpg.first = k;
    J->fpg.before = J->fp;
    memcpy(J->fpg.owner, J->owner, sizeof J->fpg.owner);
    s390_label_init(&J->fpg.fail);
    return true;
}

/* SCVTF/UCVTF whose result only becomes a scalar register (SETV d.d[0], SETV 0 d.d[1]): the
 * conversion is made straight into an FPR cache entry for V[d] (dirty).  It raises no flag but
 * inexact, so the fast path needs only the poison test; the slow path (inline) puts the
 * helper's result into that FPR. */
static bool fp_from_int_cached(struct jctx *J, uint32_t k, const struct ir_insn *i,
                               const struct fp_native *o)
{
    const struct ir_insn *in = J->b->insn;
    uint32_t n = J->b->n, s0 = k + 1, s1;
    while (s0 < n && in[s0].op == IR_CONST)
        s0++;
    for (s1 = s0 + 1; s1 < n && in[s1].op == IR_CONST;)
        s1++;
    if (!i->dst || J->nuses[i->dst] != 1 || s1 >= n || in[s0].op != IR_SETV ||
        in[s0].arg[0] != i->dst || in[s0].imm2 != 0 || in[s1].op != IR_SETV ||
        (in[s1].imm & 31) != (in[s0].imm & 31) || in[s1].imm2 != 1 ||
        !J->is_const[in[s1].arg[0]] || J->cval[in[s1].arg[0]] != 0 ||
        J->vpin[in[s0].imm & 31] >= 0)
        return false;
    unsigned v = in[s0].imm & 31;
    int r = jit_use(J, i->arg[0], R_S1);
    int old = fp_find(J, v);
    if (old >= 0)
        J->fp.vreg[old] = 0; /* overwritten */
    int fd = fp_alloc(J);
    struct jit_fpstate before = J->fp;
    struct s390_label slow, done;
    s390_label_init(&slow);
    s390_label_init(&done);
    fp_test_poison(J, &slow);
    fp_from_int(J, o, fd, r);
    S390_EMIT_LABEL(B, RIc, BRC, 15, &done);
    s390_label_bind(B, &slow);
    fp_slow_path(J, k, k, JIT_DST_S0, &before, &before);
    if (!o->dbl)
        S390_EMIT(B, RSY, SLLG, R_S0, R_S0, 0, 32);
    S390_EMIT(B, RRE, LDGR, fd, R_S0);
    s390_label_bind(B, &done);
    J->fp.vreg[fd] = (int8_t)(v + 1);
    J->fp.dbl[fd] = o->dbl;
    J->fp.dirty[fd] = true;
    J->fp.stamp[fd] = ++J->fp.clock;
    J->fp.ixc = true;
    J->done[s0] = J->done[s1] = 1;
    return true;
}

static bool lower_scalar(struct jctx *J, uint32_t k, const struct ir_insn *i)
{
    struct fp_native o;
    bool value = false;
    if (i->op != IR_CALL)
        return false;
    if (!fp_native_of(J, i, &o)) {
        if (!fp_value_of(J, i, &o))
            return false;
        value = true;
    }
    struct s390_label slow;
    s390_label_init(&slow);
    if (value) {
        if (o.kind == FPN_FROMINT && fp_from_int_cached(J, k, i, &o))
            return true;
        /* s390x raises inexact with invalid for an out-of-range conversion, Arm only invalid:
         * the earlier ops' inexact is committed and cleared, so that a flag the slow path sees
         * is this op's own. */
        if (o.kind == FPN_TOINT)
            fp_commit_clear_ixc(J, &J->fp);
        struct jit_fpstate before = J->fp;
        fp_value(J, i, &o, &slow);
        if (o.kind != FPN_CMP && o.kind != FPN_CMPE)
            J->fp.ixc = true;
        fp_close_slow(J, k, i, i->dst ? JIT_DST_S0 : 0, false, &slow, &before);
        if (i->dst) {
            jit_alloc_dst(J, i->dst);
            int d = jit_dst(J, i->dst);
            S390_EMIT(B, RRE, LGR, d, R_S0);
            jit_dst_done(J, i->dst, d);
        }
        return true;
    }
    bool d = o.dbl;
    bool grouped = fp_can_defer(J, i) && fp_group_join(J, k, &o);
    int fm = -1, fa = -1;
    int fn = fp_get(J, o.rn, d);
    if (o.kind != FPN_SQRT)
        fm = fp_get(J, o.rm, d);
    if (o.kind == FPN_FMA)
        fa = fp_get(J, o.ra, d);
    int fd = fp_alloc(J);
    for (int f = 0; f < JIT_FP_NCACHE; f++)
        J->fp.lock[f] = false;
    if (grouped) {
        /* Results this op reads are checked through its own. */
        int ops[3] = {fn, fm, fa};
        for (int n = 0; n < 3; n++)
            if (ops[n] >= 0)
                J->fpg.unchecked &= (uint8_t)~(1u << ops[n]);
    }
    struct jit_fpstate before = J->fp;
    fp_arith(J, &o, fd, fn, fm, fa);
    if (grouped)
        J->fpg.unchecked |= (uint8_t)(1u << fd);
    else
        fp_check_result(J, fd, d, &slow);
    /* The result is V[rd]'s new value: its old entry (maybe an operand's) is gone, checked
     * first if nothing read it. */
    int old = fp_find(J, o.rd);
    if (old >= 0 && grouped && (J->fpg.unchecked & (1u << old)))
        fp_group_check(J, old);
    if (old >= 0)
        J->fp.vreg[old] = 0;
    J->fp.vreg[fd] = (int8_t)(o.rd + 1);
    J->fp.dbl[fd] = d;
    J->fp.dirty[fd] = true;
    J->fp.stamp[fd] = ++J->fp.clock;
    J->fp.ixc = true;
    if (grouped) {
        J->fpg.last = k;
        if (!fp_next_groupable(J, k))
            fp_group_close(J);
        return true;
    }
    fp_close_slow(J, k, i, i->dst, true, &slow, &before);
    return true;
}

/* Vector FP lanes (128-bit FADD/FSUB/FMUL/FDIV/FMLA, double on the vector facility, single
 * with vector-enhancements 1): the scalar path's conditions for every lane at once, the result
 * check as r >= -inf in every lane (VFCHE with the condition code: CC 0 = all; a NaN compares
 * false), the threshold replicated from f14/f15 (a NaN when poisoned). */
/* The lane operation's descriptor if helper call i has a vector lowering, else 0. */
static uint64_t vector_native(const struct jctx *J, const struct ir_insn *i)
{
    if (!J->vx || i->op != IR_CALL || i->imm != IR_HELPER_fp_lanes || !i->arg[0] ||
        !J->is_const[i->arg[0]])
        return 0;
    uint64_t d = J->cval[i->arg[0]];
    unsigned f = FP_D_F(d);
    enum fp_op op = FP_D_OP(d);
    if (FP_D_SCALAR(d) || !FP_D_Q(d) || FP_D_IMM(d) || (d & (FP_PAIRWISE | FP_INDEXED)) ||
        !(f == FPU_D || (f == FPU_S && J->vxe)) ||
        !(op == FPOP_ADD || op == FPOP_SUB || op == FPOP_MUL || op == FPOP_DIV || op == FPOP_MLA))
        return 0;
    return d;
}

int jit_fp_vector_dbl(const struct jctx *J, const struct ir_insn *i)
{
    uint64_t d = vector_native(J, i);
    return d ? FP_D_F(d) == FPU_D : -1;
}

void jit_fp_vector_threshold(struct jctx *J, int v, int dbl)
{
    S390_EMIT(B, VRIc, VREP, v, dbl ? F_THR_D : F_THR_S, 0, dbl ? 3 : 2);
}

bool jit_fp_vector_regs(const struct jctx *J, const struct ir_insn *i, uint32_t *reads,
                        uint32_t *writes)
{
    uint64_t d = vector_native(J, i);
    if (!d)
        return false;
    *reads = 1u << FP_D_RN(d) | 1u << FP_D_RM(d);
    if (FP_D_OP(d) == FPOP_MLA)
        *reads |= 1u << FP_D_RD(d);
    *writes = 1u << FP_D_RD(d);
    return true;
}

static bool lower_vector(struct jctx *J, uint32_t k, const struct ir_insn *i)
{
    uint64_t d = vector_native(J, i);
    if (!d)
        return false;
    unsigned f = FP_D_F(d), fmt = f == FPU_D ? 3 : 2;
    enum fp_op op = FP_D_OP(d);
    struct s390_label slow;
    s390_label_init(&slow);
    /* The operands are read from the CPU state (or their loop registers, J->vpin) and V[d]
     * written there once the result passed its checks; the slow path's helper call stores and
     * reloads loop registers (vpins_around_call). */
    jit_fp_forget(J);
    struct jit_fpstate before = J->fp;
    int n = jit_vsrc(J, VS0, FP_D_RN(d)), m = jit_vsrc(J, VS1, FP_D_RM(d));
    switch (op) {
    case FPOP_ADD: S390_EMIT(B, VRRc, VFA, VS0, n, m, (int)fmt, 0, 0); break;
    case FPOP_SUB: S390_EMIT(B, VRRc, VFS, VS0, n, m, (int)fmt, 0, 0); break;
    case FPOP_MUL: S390_EMIT(B, VRRc, VFM, VS0, n, m, (int)fmt, 0, 0); break;
    case FPOP_DIV: S390_EMIT(B, VRRc, VFD, VS0, n, m, (int)fmt, 0, 0); break;
    default: /* MLA: Vd + Vn * Vm, rounded once */
        S390_EMIT(B, VRRe, VFMA, VS0, n, m, jit_vsrc(J, VS2, FP_D_RD(d)), 0, (int)fmt);
        break;
    }
    int thr = J->vthr[f == FPU_D];
    if (thr < 0) {
        jit_fp_vector_threshold(J, VS2, f == FPU_D);
        thr = VS2;
    }
    /* Every lane at least -inf (no NaN, and not poisoned): CC 0. */
    S390_EMIT(B, VRRc, VFCHE, VS1, VS0, thr, (int)fmt, 0, 1);
    S390_EMIT_LABEL(B, RIc, BRC, 7, &slow);
    jit_vstore(J, VS0, FP_D_RD(d), true);
    J->fp.ixc = true;
    fp_close_slow(J, k, i, i->dst, true, &slow, &before);
    return true;
}

/* FCMP/FCMPE fused with the conditions and SET_NZCV that read its flags (K_FCMP, planned by
 * jit_analyse.c): the compare is made where they are read, from the operand temps, which live
 * until then.  Its fast path is fp_compare (the operands into f7/f6, the poison test CDBR f15,
 * f15, LTDBR for FCMP with 0.0, CDBR, KDBR for FCMPE, and a branch on unordered: a NaN, whose
 * flags Arm and s390x raise differently); the condition is then a mask of the CC.  The slow path, after the block, calls the helper on the operands (f7/f6) and
 * turns its NZCV into that CC (TMLL of 0-3), so both paths meet with the same CC. */
bool jit_fp_is_compare(struct jctx *J, const struct ir_insn *i)
{
    struct fp_native o;
    return i->op == IR_CALL && fp_value_of(J, i, &o) && (o.kind == FPN_CMP || o.kind == FPN_CMPE);
}

static void fp_compare_cc(struct jctx *J, const struct ir_insn *i)
{
    struct fp_native o;
    fp_value_of(J, i, &o);
    struct s390_label slow;
    s390_label_init(&slow);
    int x = fp_compare(J, i, &o, &slow);
    fp_defer_slow(J, 0, 0, &slow, &J->fp, J->owner);
    J->fp_slow[J->nfp_slow - 1].fcmp = i;
    J->fp_slow[J->nfp_slow - 1].fcmp_src = (int8_t)x;
}

/* The fused compare's slow path: the helper on the operand bits kept in f7/f6. */
static void fp_compare_slow(struct jctx *J, struct jit_fp_slow *q)
{
    const struct ir_insn *i = q->fcmp;
    struct fp_native o;
    fp_value_of(J, i, &o);
    bool d = o.dbl;
    struct jit_fpstate before = q->before;
    fp_sync_state(J, &before);
    jit_save_call_regs(J, false);
    S390_EMIT(B, RRE, LGDR, 3, q->fcmp_src);
    if (!fp_compare_zero(J, i, &o))
        S390_EMIT(B, RRE, LGDR, 4, F_TMP2);
    else
        S390_EMIT(B, RI, LGHI, 4, 0);
    if (!d) {
        S390_EMIT(B, RSY, SRLG, 3, 3, 0, 32);
        S390_EMIT(B, RSY, SRLG, 4, 4, 0, 32);
    }
    jit_load_const(J, 5, J->cval[i->arg[2]]);
    jit_call_fn(J, ir_helpers[IR_HELPER_fp_scalar]);
    fp_guard(J);
    /* CC = 0-3 from NZCV: a nibble per NZCV value (equal 6: 0, less 8: 1, greater 2: 2,
     * unordered 3: 3) shifted down by NZCV * 4, then TMLL of its two bits (00: CC 0, 01: CC 1,
     * 10: CC 2, 11: CC 3). */
    S390_EMIT(B, RSY, SRLG, R_S1, 2, 0, 26);
    S390_EMIT(B, RI, LLIHL, R_S0, 1);
    S390_EMIT(B, RIL, IILF, R_S0, 0x3200);
    S390_EMIT(B, RSY, SRLG, R_S0, R_S0, R_S1, 0);
    S390_EMIT(B, RI, TMLL, R_S0, 3);
    jit_save_call_regs(J, true);
    for (int f = 0; f < JIT_FP_NCACHE; f++)
        if (q->after.vreg[f])
            fp_load(J, f, (unsigned)q->after.vreg[f] - 1, q->after.dbl[f]);
}

int jit_fp_compare(struct jctx *J, const struct ir_insn *i, unsigned cond)
{
    static const uint64_t nzcv_of_cc[4] = {0x6u << 28, 0x8u << 28, 0x2u << 28, 0x3u << 28};
    fp_compare_cc(J, i);
    int m = 0;
    for (int cc = 0; cc < 4; cc++)
        if (sem_cond(nzcv_of_cc[cc], cond))
            m |= 8 >> cc;
    return m;
}

void jit_fp_compare_nzcv(struct jctx *J, const struct ir_insn *i)
{
    fp_compare_cc(J, i);
    fp_nzcv_from_cc(J);
}

/* Any FP helper call this file lowers natively (with the helper as the slow path). */
bool jit_lower_fp(struct jctx *J, uint32_t k, const struct ir_insn *i)
{
    struct fp_native o;
    if (J->fpg.open && !fp_groupable(J, i, &o))
        fp_group_close(J);
    return lower_scalar(J, k, i) || lower_vector(J, k, i);
}
