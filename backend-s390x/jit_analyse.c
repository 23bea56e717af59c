/* The JIT's decisions about one block before any code is emitted (backend-s390x/README.md,
 * the pipeline's simplify, analysis and loop plan): copy propagation and common
 * subexpressions, uses and last uses, dead flags, compare fusion (CCMP included), NZCV bit
 * tests, address folding, 32-bit results read only as words, and loop mode (the X and V
 * registers a loop keeps in host registers, pin updates, values built in their pins).
 * jit_compile.c lowers the block by what is decided here. */
#include <stdlib.h>
#include <string.h>

#include "backend-s390x/jit_ctx.h"

/* Temp t (0: none) lives at least until instruction k. */
static void live_until(struct jctx *J, ir_val t, uint32_t k)
{
    if (t && J->last_use[t] < k)
        J->last_use[t] = k;
}

/* The operands of instruction i live at least until instruction k (where what i computes is
 * made, or made again). */
static void args_live_until(struct jctx *J, const struct ir_insn *i, uint32_t k)
{
    for (unsigned a = 0; a < i->nargs; a++)
        live_until(J, i->arg[a], k);
}

/* Whether insn i reads only the low 32 bits of its operand n, in every lowering of it: 32-bit
 * ops whose low word depends only on their operands' low words, 32-bit flag producers
 * (compares of words, the lazy record's low word), stores of up to 4 bytes, extensions from
 * 32 bits or fewer, and an AND with a mask below 2^32. */
static bool reads_lo32(const struct jctx *J, const struct ir_insn *i, unsigned n)
{
    bool w = i->type == IR_I32;
    switch (i->op) {
    case IR_AND:
        if (!w) {
            ir_val o = i->arg[1 - n];
            return J->is_const[o] && J->cval[o] <= 0xffffffffull;
        }
        return true;
    case IR_ADD: case IR_SUB: case IR_OR: case IR_XOR: case IR_ANDN: case IR_ORN: case IR_XORN:
    case IR_MUL: case IR_NOT: case IR_NEG: case IR_SHL: case IR_NZCV_ADD: case IR_NZCV_SUB:
    case IR_NZCV_LOGIC:
        return w;
    case IR_SEXT8: case IR_SEXT16: case IR_SEXT32: case IR_ZEXT8: case IR_ZEXT16:
    case IR_ZEXT32:
        return true;
    case IR_STORE:
        return n == 1 && i->arg[0] != i->arg[1] && (i->imm & 0xff) <= 4;
    default:
        return false;
    }
}

/* lo32 for every temp (see reads_lo32), so 32-bit results read only as words skip LLGFR. */
static void plan_lo32(struct jctx *J)
{
    const struct ir_block *b = J->b;
    for (ir_val t = 1; t < J->nt; t++)
        J->lo32[t] = J->nuses[t] > 0;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        for (unsigned n = 0; n < i->nargs; n++)
            if (i->arg[n] && i->arg[n] < J->nt && !reads_lo32(J, i, n))
                J->lo32[i->arg[n]] = 0;
    }
}

/* Common subexpressions: a pure op with the operands of an earlier one is that one's result
 * (the translator computes the same address or shifted index for each instruction that uses
 * it).  A small hash of instruction indexes, per block. */
#define CSE_SLOTS 256
static bool commutes(unsigned op)
{
    return op == IR_ADD || op == IR_AND || op == IR_OR || op == IR_XOR || op == IR_MUL ||
           op == IR_SETEQ || op == IR_SETNE;
}

static bool same_op(const struct ir_insn *x, const struct ir_insn *y)
{
    if (x->op != y->op || x->type != y->type || x->nargs != y->nargs || x->imm != y->imm ||
        x->imm2 != y->imm2)
        return false;
    if (x->nargs == 2 && commutes(x->op) && x->arg[0] == y->arg[1] && x->arg[1] == y->arg[0])
        return true;
    for (unsigned a = 0; a < x->nargs; a++)
        if (x->arg[a] != y->arg[a])
            return false;
    return true;
}

/* Constants too (one temp per value), so that x + (i << 2) in two instructions matches. */
static void cse(struct ir_block *b, uint32_t k, uint32_t *seen, ir_val *repl)
{
    const struct ir_insn *i = &b->insn[k];
    uint32_t h = (uint32_t)i->op * 0x9e3779b1u ^ (uint32_t)i->type;
    if (i->nargs == 2 && commutes(i->op))
        h = (h ^ ((uint32_t)i->arg[0] + (uint32_t)i->arg[1])) * 0x85ebca6bu;
    else
        for (unsigned a = 0; a < i->nargs; a++)
            h = (h ^ (uint32_t)i->arg[a]) * 0x85ebca6bu;
    h ^= (uint32_t)i->imm ^ (uint32_t)(i->imm >> 32);
    h = (h ^ (h >> 15)) & (CSE_SLOTS - 1);
    for (unsigned probe = 0; probe < 8; probe++, h = (h + 1) & (CSE_SLOTS - 1)) {
        if (!seen[h]) {
            seen[h] = k + 1;
            return;
        }
        const struct ir_insn *e = &b->insn[seen[h] - 1];
        if (same_op(e, i)) {
            repl[i->dst] = e->dst;
            return;
        }
    }
}

/* Copy propagation on the JIT's private copy of the block: x + 0, x | 0, x << 0, 64-bit MOV...
 * are their operand (the IR passes leave them: the interpreter does not mind); MOV Wd, Wn is
 * one zero extension; common subexpressions (cse) are their first instance. */
void jit_simplify(struct ir_block *b, uint32_t nt, uint64_t *cv, uint8_t *isc, ir_val *repl)
{
    uint32_t seen[CSE_SLOTS];
    memset(seen, 0, sizeof seen);
    for (uint32_t k = 0; k < b->n; k++) {
        struct ir_insn *i = &b->insn[k];
        for (unsigned a = 0; a < i->nargs; a++)
            while (i->arg[a] && i->arg[a] < nt && repl[i->arg[a]])
                i->arg[a] = repl[i->arg[a]];
        if (!i->dst || i->dst >= nt)
            continue;
        if (i->op == IR_CONST) {
            isc[i->dst] = 1;
            cv[i->dst] = i->imm;
            cse(b, k, seen, repl);
            continue;
        }
        if (jit_pure_fn(i->op, i->type)) {
            cse(b, k, seen, repl);
            if (repl[i->dst])
                continue;
        }
        ir_val a0 = i->arg[0], a1 = i->nargs > 1 ? i->arg[1] : 0;
        bool c1 = a1 && a1 < nt && (isc[a1] & 1), c0 = a0 && a0 < nt && (isc[a0] & 1);
        if (i->type == IR_I32 && (i->op == IR_OR || i->op == IR_XOR || i->op == IR_ADD) &&
            (c0 || c1) && cv[c0 ? a0 : a1] == 0 && !(c0 && c1)) {
            /* MOV Wd, Wn (ORR Wd, WZR, Wn) and friends: the operand's low word, one LLGFR. */
            i->arg[0] = c0 ? a1 : a0;
            i->op = IR_ZEXT32;
            i->type = IR_I64;
            i->nargs = 1;
            continue;
        }
        if (i->type != IR_I64)
            continue;
        switch (i->op) {
        case IR_MOV:
            repl[i->dst] = a0;
            break;
        case IR_SELECT: {
            /* A choice between constants below 2^32 (CSET, CSINC of constants) needs no
             * ZEXT32 after it (isc bit 1: known below 2^32). */
            ir_val x = i->arg[1], y = i->arg[2];
            if (x < nt && y < nt && (isc[x] & 1) && (isc[y] & 1) && cv[x] <= 0xffffffffull &&
                cv[y] <= 0xffffffffull)
                isc[i->dst] |= 2;
            break;
        }
        case IR_ZEXT32:
            if (a0 < nt && (isc[a0] & 2))
                repl[i->dst] = a0;
            break;
        case IR_ADD: case IR_OR: case IR_XOR:
            if (c1 && cv[a1] == 0)
                repl[i->dst] = a0;
            else if (c0 && cv[a0] == 0)
                repl[i->dst] = a1;
            break;
        case IR_SUB: case IR_SHL: case IR_LSR: case IR_ASR: case IR_ROR:
            if (c1 && cv[a1] == 0)
                repl[i->dst] = a0;
            break;
        case IR_AND:
            if (c1 && cv[a1] == ~0ull)
                repl[i->dst] = a0;
            else if (c0 && cv[a0] == ~0ull)
                repl[i->dst] = a1;
            break;
        default:
            break;
        }
    }
}

/* Address folding: ADD base, #c (64-bit, |c| < 32 KiB) read only as a memory address, or (with
 * chain) as the base of another folded ADD: then both fold onto the first unfolded base, so
 * LDP/STP at an offset from SP need neither an add nor a second bounds check.  Decided from
 * the last use back (a temp's readers first); false if a chain's sum leaves the range. */
static bool fold_addresses(struct jctx *J, const uint32_t *addr_uses, uint32_t *fold_uses,
                           bool chain)
{
    const struct ir_block *b = J->b;
    for (uint32_t k = b->n; k-- > 0;) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op != IR_ADD || i->type != IR_I64 || !i->dst || !J->nuses[i->dst] ||
            addr_uses[i->dst] + fold_uses[i->dst] != J->nuses[i->dst] ||
            !J->is_const[i->arg[1]] || J->is_const[i->arg[0]] || J->kind[i->dst] != K_NORMAL)
            continue;
        int64_t c = (int64_t)J->cval[i->arg[1]];
        if (c < -32768 || c > 32767)
            continue;
        J->kind[i->dst] = K_FOLDADDR;
        if (chain)
            fold_uses[i->arg[0]]++;
    }
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (!i->dst || J->kind[i->dst] != K_FOLDADDR || J->def[i->dst] != k)
            continue;
        ir_val p = i->arg[0];
        int64_t d = (int64_t)J->cval[i->arg[1]];
        if (J->kind[p] == K_FOLDADDR) {
            d += J->disp[p];
            p = J->fbase[p];
        }
        if (d < -32768 || d > 32767)
            return false;
        J->fbase[i->dst] = p;
        J->disp[i->dst] = (int32_t)d;
    }
    /* The base lives as long as every access folded onto it. */
    for (uint32_t t = 1; t < J->nt; t++)
        if (J->kind[t] == K_FOLDADDR)
            live_until(J, J->fbase[t], J->last_use[t]);
    return true;
}

/* The index of the first instruction that reads temp t (b->n if none). */
static uint32_t first_read(const struct ir_block *b, ir_val t)
{
    for (uint32_t k = 0; k < b->n; k++)
        for (unsigned n = 0; n < b->insn[k].nargs; n++)
            if (b->insn[k].arg[n] == t)
                return k;
    return b->n;
}

/* The value of instruction k when it is a SET of a pinned X register with a computed (not
 * constant) value no plan has claimed yet; else 0. */
static ir_val pinned_set_value(const struct jctx *J, uint32_t k)
{
    const struct ir_insn *i = &J->b->insn[k];
    if (i->op != IR_SET || i->imm >= 32 || J->pin[i->imm] < 0)
        return 0;
    ir_val v = i->arg[0];
    return v && !J->is_const[v] && J->kind[v] == K_NORMAL ? v : 0;
}

/* Pin updates: SET p, t where t = ADD(GET p, #c) for a pinned p (global or loop pin), and every
 * read of t before the SET is a memory address (directly or as the base of a folded ADD).  t
 * folds onto the pin like an address until the SET, which adds c to the pin register in place
 * (one LAY); after it t is the pin register.  A push or pop (STP x29, x30, [sp, #-16]!;
 * LDP ..., [sp], #16) or a post-indexed access in a loop then needs neither a separate add nor
 * a copy. */
static void plan_pin_adds(struct jctx *J)
{
    const struct ir_block *b = J->b;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *s = &b->insn[k];
        ir_val t = pinned_set_value(J, k);
        if (!t || J->def[t] >= k)
            continue;
        const struct ir_insn *d = &b->insn[J->def[t]];
        if (d->op != IR_ADD || d->type != IR_I64 || d->dst != t || !J->is_const[d->arg[1]] ||
            J->is_const[d->arg[0]])
            continue;
        ir_val a = d->arg[0];
        const struct ir_insn *g = &b->insn[J->def[a]];
        int64_t c = (int64_t)J->cval[d->arg[1]];
        if (g->op != IR_GET || g->dst != a || g->imm != s->imm || c < -32768 || c > 32767)
            continue;
        /* The pin register holds a until the SET (no other SET of p in between: a faulting op
         * between two SETs keeps both), and t is read before it only as an address or as the
         * base of a folded ADD (which then folds onto a). */
        bool ok = true;
        for (uint32_t u = J->def[a] + 1; u < k && ok; u++)
            if (b->insn[u].op == IR_SET && b->insn[u].imm == s->imm)
                ok = false;
        uint32_t last = J->def[t];
        for (uint32_t u = J->def[t] + 1; u < k && ok; u++) {
            const struct ir_insn *i = &b->insn[u];
            for (unsigned n = 0; n < i->nargs && ok; n++) {
                if (i->arg[n] != t)
                    continue;
                last = u;
                if (n == 0 && (i->op == IR_LOAD || (i->op == IR_STORE && i->arg[1] != t)))
                    continue;
                if (n == 0 && i->op == IR_ADD && i->dst && J->kind[i->dst] == K_FOLDADDR &&
                    J->fbase[i->dst] == t && J->disp[i->dst] + c >= -32768 &&
                    J->disp[i->dst] + c <= 32767)
                    continue;
                ok = false;
            }
        }
        if (!ok)
            continue;
        J->kind[t] = K_PINADD;
        J->fbase[t] = a;
        J->disp[t] = (int32_t)c;
        live_until(J, a, last);
        /* A folded ADD on t read only after the SET stays on t (the pin register by then, as
         * in STP X29, X30, [SP, #-16]!; STP X19, X20, [SP, #16]); one read before it folds onto
         * a, which then lives on (copied out of the pin register at the SET if read after). */
        for (ir_val u = 1; u < J->nt; u++)
            if (J->kind[u] == K_FOLDADDR && J->fbase[u] == t && first_read(b, u) < k) {
                J->fbase[u] = a;
                J->disp[u] += (int32_t)c;
                live_until(J, a, J->last_use[u]);
            }
    }
}

/* TST x, #m (NZCV_LOGIC of an AND with a constant, the AND read by nothing else) whose flags
 * only fused EQ/NE conditions read, with no SET_NZCV of them left to record: when m lies within
 * one halfword, TEST UNDER MASK on x where a condition is read (CC 0: all zero, as EQ; 1-3: NE,
 * the masks LTGR's would be), and the AND is not made (K_TMAND). */
static void plan_tm(struct jctx *J)
{
    const struct ir_block *b = J->b;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *p = &b->insn[k];
        if (p->op != IR_NZCV_LOGIC || !p->dst || J->kind[p->dst] != K_SKIP ||
            J->is_const[p->arg[0]])
            continue;
        ir_val a = p->arg[0];
        const struct ir_insn *d = &b->insn[J->def[a]];
        if (d->dst != a || d->op != IR_AND || d->type != p->type || J->nuses[a] != 1 ||
            J->kind[a] != K_NORMAL || !J->is_const[d->arg[1]] || J->is_const[d->arg[0]])
            continue;
        uint64_t m = J->cval[d->arg[1]] & (d->type == IR_I32 ? 0xffffffffull : ~0ull);
        bool ok = jit_tm_halfword(m) >= 0;
        for (uint32_t x = k + 1; x < b->n && ok; x++) {
            const struct ir_insn *c = &b->insn[x];
            if (c->op == IR_SET_NZCV && c->arg[0] == p->dst)
                ok = x == J->dead_set_nzcv && !J->defer_t && !J->defer_n;
            else if (c->op == IR_COND && c->arg[0] == p->dst)
                ok = (c->imm & 15) <= 1 &&
                     (J->kind[c->dst] == K_LAZYCOND || J->kind[c->dst] == K_CONDVAL);
        }
        if (!ok)
            continue;
        J->kind[a] = K_TMAND;
        live_until(J, d->arg[0], J->last_use[a]); /* where the last condition reads it */
    }
}

/* CCMP/CCMN read only by conditions (emit_ccmp): COND(f, cc) read only by BRCOND/SELECT, f =
 * SELECT(c1, p, k) read only by such CONDs (its SET_NZCV dead), c1 a fused compare, p a
 * compare that fuses with cc and read only by f, k a constant.  Neither f nor p is computed;
 * the operands of both compares live until the last condition. */
static void plan_ccmp(struct jctx *J, const uint32_t *cond_uses)
{
    const struct ir_block *b = J->b;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op != IR_COND || !i->dst || !J->nuses[i->dst] || J->kind[i->dst] != K_NORMAL ||
            cond_uses[i->dst] != J->nuses[i->dst] || J->is_const[i->arg[0]])
            continue;
        ir_val ft = i->arg[0];
        const struct ir_insn *f = &b->insn[J->def[ft]];
        if (f->op != IR_SELECT || f->dst != ft || J->kind[ft] != K_NORMAL ||
            !J->is_const[f->arg[2]] || J->is_const[f->arg[1]] || J->is_const[f->arg[0]] ||
            J->kind[f->arg[0]] != K_LAZYCOND)
            continue;
        const struct ir_insn *p = &b->insn[J->def[f->arg[1]]];
        if (p->dst != f->arg[1] || J->nuses[p->dst] != 1 || J->kind[p->dst] != K_NORMAL ||
            jit_fused_mask(p->op, (unsigned)i->imm) < 0)
            continue;
        /* Every reader of f is a condition of this kind (the dead SET_NZCV aside). */
        uint32_t readers = 0;
        bool ok = true;
        for (uint32_t x = J->def[ft] + 1; x < b->n && ok; x++) {
            const struct ir_insn *u = &b->insn[x];
            if (x == J->dead_set_nzcv)
                continue;
            for (unsigned a = 0; a < u->nargs; a++)
                if (u->arg[a] == ft) {
                    readers++;
                    ok = u->op == IR_COND && u->dst && cond_uses[u->dst] == J->nuses[u->dst] &&
                         jit_fused_mask(p->op, (unsigned)u->imm) >= 0 &&
                         (J->kind[u->dst] == K_NORMAL || J->kind[u->dst] == K_CCMP);
                }
        }
        if (!ok || readers != J->nuses[ft])
            continue;
        /* A deferred SET_NZCV of f sets the flags on one way out (set_flags): the operands live
         * to the end. */
        uint32_t until = 0;
        if ((J->defer_t || J->defer_n) && J->dead_set_nzcv < b->n &&
            b->insn[J->dead_set_nzcv].arg[0] == ft)
            until = b->n - 1;
        for (uint32_t x = J->def[ft] + 1; x < b->n; x++) {
            const struct ir_insn *u = &b->insn[x];
            if (u->op == IR_COND && u->arg[0] == ft) {
                J->kind[u->dst] = K_CCMP;
                if (J->last_use[u->dst] > until)
                    until = J->last_use[u->dst];
            }
        }
        J->kind[ft] = K_SKIP;
        J->kind[p->dst] = K_SKIP;
        const struct ir_insn *c1 = &b->insn[J->def[f->arg[0]]];
        const struct ir_insn *p1 = &b->insn[J->def[c1->arg[0]]];
        live_until(J, f->arg[0], until);
        args_live_until(J, p, until);
        args_live_until(J, p1, until);
    }
}

/* FCMP/FCMPE (a native value op, jit_fp.c) whose flags are read only by conditions read only as
 * conditions, and by SET_NZCV, with no helper call in between (FPCR stays): the compare is made
 * where they are read, from its operands, which live until then (K_FCMP, K_FCMPCOND). */
/* An operand t of the fused FCMP i (at k, made as late as last) that is lane 0 of a V
 * register, read by nothing else, and written by nothing (no SETV of it, no helper call that
 * the FPR cache may stand for) until then: the compare reads the register (K_FPVREG) instead
 * of a copy in a GPR, so its FPR cache entry stays and the GETV is not made. */
static void plan_fcmp_operand(struct jctx *J, const struct ir_insn *i, uint32_t k, ir_val t,
                              uint32_t last)
{
    const struct ir_block *b = J->b;
    if (!t || J->is_const[t] || J->kind[t] != K_NORMAL)
        return;
    const struct ir_insn *g = &b->insn[J->def[t]];
    if (g->op != IR_GETV || (g->imm2 & 1) ||
        J->nuses[t] != (uint32_t)((i->arg[0] == t) + (i->arg[1] == t) + (i->arg[2] == t)))
        return;
    for (uint32_t x = J->def[t] + 1; x <= last; x++) {
        const struct ir_insn *c = &b->insn[x];
        if (x != k && (c->op == IR_CALL || c->op == IR_CALLX ||
                       (c->op == IR_SETV && (c->imm & 31) == (g->imm & 31))))
            return;
    }
    J->kind[t] = K_FPVREG;
}

static void plan_fcmp(struct jctx *J, const uint32_t *cond_uses)
{
    const struct ir_block *b = J->b;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (!i->dst || J->kind[i->dst] != K_NORMAL || !jit_fp_is_compare(J, i))
            continue;
        ir_val f = i->dst;
        uint32_t last = k;
        bool ok = true;
        for (uint32_t x = k + 1; x < b->n && ok; x++) {
            const struct ir_insn *c = &b->insn[x];
            if (c->arg[0] != f && c->arg[1] != f && c->arg[2] != f)
                continue;
            if (c->op == IR_COND && c->arg[0] == f && c->dst && J->kind[c->dst] == K_NORMAL &&
                J->nuses[c->dst] && cond_uses[c->dst] == J->nuses[c->dst])
                last = J->last_use[c->dst] > last ? J->last_use[c->dst] : last;
            else if (c->op == IR_SET_NZCV)
                last = x == J->dead_set_nzcv ? b->n - 1 : (x > last ? x : last);
            else
                ok = false;
        }
        for (uint32_t x = k + 1; x <= last && ok; x++)
            ok = b->insn[x].op != IR_CALL && b->insn[x].op != IR_CALLX;
        if (!ok)
            continue;
        J->kind[f] = K_FCMP;
        for (uint32_t x = k + 1; x < b->n; x++)
            if (b->insn[x].op == IR_COND && b->insn[x].arg[0] == f)
                J->kind[b->insn[x].dst] = K_FCMPCOND;
        args_live_until(J, i, last);
        for (int a = 0; a < 2; a++)
            plan_fcmp_operand(J, i, k, i->arg[a], last);
    }
}

/* The per-temp and per-instruction arrays of one compilation come from one per-thread buffer,
 * zeroed for each block (they were a dozen and a half allocations per block). */
static _Thread_local struct {
    uint8_t *p;
    size_t cap, used;
} scratch;

void s390_jit_thread_release(void)
{
    free(scratch.p);
    scratch.p = NULL;
    scratch.cap = 0;
}

/* Zeroed room for n elements of size bytes, 8-aligned, from the buffer sized by the caller. */
void *jit_carve(size_t n, size_t size)
{
    void *p = scratch.p + scratch.used;
    scratch.used += (n * size + 7) & ~(size_t)7;
    return p;
}

bool jit_scratch_reserve(size_t nt, size_t n)
{
    /* Every carve, rounded up: twelve per-temp arrays of up to 8 bytes (eight in
     * s390_jit_codegen, four in analyse), seven of bytes, the instruction copy and its
     * per-instruction flags. */
    size_t need = nt * (12 * 8 + 7) + 7 * 8 + n * (sizeof(struct ir_insn) + 1) + 16;
    if (need > scratch.cap) {
        size_t cap = need < 65536 ? 65536 : 2 * need;
        uint8_t *p = realloc(scratch.p, cap);
        if (!p)
            return false;
        scratch.p = p;
        scratch.cap = cap;
    }
    memset(scratch.p, 0, need);
    scratch.used = 0;
    return true;
}

bool jit_analyse(struct jctx *J)
{
    const struct ir_block *b = J->b;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        for (unsigned a = 0; a < i->nargs; a++)
            if (i->arg[a]) {
                if (i->arg[a] >= J->nt)
                    return false;
                J->last_use[i->arg[a]] = k;
                J->nuses[i->arg[a]]++;
            }
        if (i->dst) {
            if (i->dst >= J->nt)
                return false;
            J->def[i->dst] = k;
        }
        if (i->op == IR_CONST) {
            J->is_const[i->dst] = 1;
            J->cval[i->dst] = i->imm;
        }
    }
    /* Dead flags: the last SET_NZCV, when no faulting op follows it and every successor writes
     * NZCV before reading it, is never observed. */
    J->dead_set_nzcv = ~0u;
    if (J->nzcv_dead && b->n) {
        const struct ir_insn *term = &b->insn[b->n - 1];
        for (uint32_t k = b->n; k-- > 0;) {
            const struct ir_insn *i = &b->insn[k];
            if (ir_op_flags(i->op) & IRF_FAULT)
                break;
            if (i->op == IR_SET_NZCV) {
                bool dead = false;
                if (term->op == IR_GOTO) {
                    int st = J->nzcv_dead(J->ctx, term->imm);
                    dead = st == S390_JIT_NZCV_DEAD;
                } else if (term->op == IR_BRCOND2) {
                    uint64_t to[3] = {term->imm, term->imm2, ir_brcond2_next(b)};
                    dead = true;
                    for (int n = 0; n < 3 && dead; n++)
                        dead = J->nzcv_dead(J->ctx, to[n]) == S390_JIT_NZCV_DEAD;
                } else if (term->op == IR_BRCOND) {
                    /* Flags needed on one side only (a loop's back edge writes them again):
                     * materialise them on the other exit's path only. */
                    int st = J->nzcv_dead(J->ctx, term->imm), sn = J->nzcv_dead(J->ctx, term->imm2);
                    bool dt = st == S390_JIT_NZCV_DEAD, dn = sn == S390_JIT_NZCV_DEAD;
                    dead = dt || dn;
                    J->defer_t = !dt && dn;
                    J->defer_n = dt && !dn;
                    if (J->defer_t || J->defer_n) {
                        /* The flags value, or what computes it, lives until the exit. */
                        ir_val f = i->arg[0];
                        live_until(J, f, b->n - 1);
                        const struct ir_insn *p = &b->insn[J->def[f]];
                        if (p->dst == f)
                            args_live_until(J, p, b->n - 1);
                    }
                }
                if (dead) {
                    J->dead_set_nzcv = k;
                    J->nuses[i->arg[0]]--;
                }
                break;
            }
        }
    }
    /* A SET_NZCV of a compare records the compare's operands (lazy flags): it needs them, not
     * the flags value. */
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op != IR_SET_NZCV || J->is_const[i->arg[0]])
            continue;
        const struct ir_insn *p = &b->insn[J->def[i->arg[0]]];
        if (p->dst != i->arg[0] ||
            (p->op != IR_NZCV_SUB && p->op != IR_NZCV_ADD && p->op != IR_NZCV_LOGIC))
            continue;
        if (k == J->dead_set_nzcv && !J->defer_t && !J->defer_n)
            continue;
        if (k != J->dead_set_nzcv)
            J->nuses[i->arg[0]]--;
        args_live_until(J, p, k == J->dead_set_nzcv ? b->n - 1 : k);
    }
    /* Fusion: COND read only as the condition of BRCOND/BRCOND2/SELECT. */
    uint32_t *cond_uses = jit_carve(J->nt, sizeof *cond_uses);
    uint32_t *flag_fused = jit_carve(J->nt, sizeof *flag_fused);
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if ((i->op == IR_BRCOND || i->op == IR_SELECT || i->op == IR_BRCOND2) && i->arg[0])
            cond_uses[i->arg[0]]++;
        if (i->op == IR_BRCOND2)
            cond_uses[i->arg[1]]++;
    }
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op != IR_COND || !i->dst || J->nuses[i->dst] == 0 || J->is_const[i->arg[0]])
            continue;
        const struct ir_insn *p = &b->insn[J->def[i->arg[0]]];
        if (J->def[i->arg[0]] >= k || p->dst != i->arg[0])
            continue;
        if (jit_fused_mask(p->op, (unsigned)i->imm) < 0)
            continue;
        bool lazy = cond_uses[i->dst] == J->nuses[i->dst];
        J->kind[i->dst] = lazy ? K_LAZYCOND : K_CONDVAL;
        flag_fused[i->arg[0]]++;
        args_live_until(J, p, lazy ? J->last_use[i->dst] : k);
    }
    for (uint32_t t = 1; t < J->nt; t++)
        if (flag_fused[t] && flag_fused[t] == J->nuses[t])
            J->kind[t] = K_SKIP; /* the flags value itself is never needed */
    plan_tm(J);
    plan_ccmp(J, cond_uses);
    plan_fcmp(J, cond_uses);
    /* SETEQ/SETNE/SETLTU read only as conditions: the compare is made where they are read. */
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if ((i->op != IR_SETEQ && i->op != IR_SETNE && i->op != IR_SETLTU) || !i->dst ||
            !J->nuses[i->dst] || cond_uses[i->dst] != J->nuses[i->dst] ||
            J->kind[i->dst] != K_NORMAL || J->is_const[i->arg[0]])
            continue;
        J->kind[i->dst] = K_SETCMP;
        args_live_until(J, i, J->last_use[i->dst]);
    }
    /* Other conditions test the NZCV value's bits in place. */
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op != IR_COND || !i->dst || J->kind[i->dst] != K_NORMAL || J->is_const[i->arg[0]])
            continue;
        bool lazy = J->nuses[i->dst] && cond_uses[i->dst] == J->nuses[i->dst];
        J->kind[i->dst] = lazy ? K_TMLAZY : K_TMVAL;
        if (lazy)
            live_until(J, i->arg[0], J->last_use[i->dst]);
    }
    /* Incoming flags read only by conditions the expected lazy record can answer. */
    J->rec_kind = jit_rec_hint_get(b->pc);
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op != IR_GET_NZCV || !i->dst || !J->nuses[i->dst])
            continue;
        uint32_t conds = 0;
        for (uint32_t x = k + 1; x < b->n; x++) {
            const struct ir_insn *c = &b->insn[x];
            if (c->op == IR_COND && c->arg[0] == i->dst &&
                (J->kind[c->dst] == K_TMLAZY || J->kind[c->dst] == K_TMVAL) &&
                ((c->imm & 15) >= 14 || jit_fused_mask(jit_rec_op(J->rec_kind), c->imm & 15) >= 0))
                conds++;
        }
        if (conds == J->nuses[i->dst])
            J->kind[i->dst] = K_NZCVREC;
    }

    /* (x << a) >> b and (x >> b) << a (bitfield moves): one RISBG. */
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if ((i->op != IR_LSR && i->op != IR_SHL) || i->type != IR_I64 || !i->dst ||
            !J->is_const[i->arg[1]] || J->cval[i->arg[1]] > 63 || J->is_const[i->arg[0]])
            continue;
        ir_val in = i->arg[0];
        const struct ir_insn *p = &b->insn[J->def[in]];
        if (p->dst != in || p->type != IR_I64 || J->nuses[in] != 1 || J->kind[in] != K_NORMAL ||
            !(p->op == (i->op == IR_LSR ? IR_SHL : IR_LSR)) || !J->is_const[p->arg[1]] ||
            J->cval[p->arg[1]] > 63 || J->is_const[p->arg[0]])
            continue;
        J->kind[in] = K_SKIP;
        J->kind[i->dst] = K_SHIFTPAIR;
        live_until(J, p->arg[0], k);
    }
    /* Pure results nobody reads (copies removed by simplify) need no code. */
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->dst && !J->nuses[i->dst] && J->kind[i->dst] == K_NORMAL && jit_pure_fn(i->op, i->type))
            J->kind[i->dst] = K_SKIP;
    }
    /* Address folding: ADD base, #c (64-bit, |c| < 32 KiB) read only as a memory address. */
    uint32_t *addr_uses = jit_carve(J->nt, sizeof *addr_uses);
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if ((i->op == IR_LOAD || i->op == IR_STORE) && i->arg[0] &&
            (i->op == IR_LOAD || i->arg[1] != i->arg[0]))
            addr_uses[i->arg[0]]++;
    }
    uint32_t *fold_uses = jit_carve(J->nt, sizeof *fold_uses);
    if (!fold_addresses(J, addr_uses, fold_uses, true)) {
        /* A chain whose sum leaves the displacement range: no chains. */
        for (uint32_t t = 0; t < J->nt; t++)
            if (J->kind[t] == K_FOLDADDR)
                J->kind[t] = K_NORMAL;
        memset(fold_uses, 0, J->nt * sizeof *fold_uses);
        if (!fold_addresses(J, addr_uses, fold_uses, false))
            return false;
    }
    plan_lo32(J);
    return true;
}

/* The used register (of 32) with the most uses that has no host register yet, or -1. */
static int most_used(const unsigned *uses, const int8_t *host)
{
    int best = -1;
    for (int r = 0; r < 32; r++)
        if (uses[r] && host[r] < 0 && (best < 0 || uses[r] > uses[best]))
            best = r;
    return best;
}

/* Loop mode for a block that branches to itself and never leaves in the middle (no helper
 * that may raise, no indirect branch or runtime exit): up to eight guest registers get r6-r10,
 * r13, r5, r4 for the whole loop. */
static void plan_loop(struct jctx *J)
{
    const struct ir_block *b = J->b;
    if (!b->n)
        return;
    const struct ir_insn *term = &b->insn[b->n - 1];
    bool self_t = (term->op == IR_GOTO || term->op == IR_BRCOND) && term->imm == b->pc;
    bool self_n = term->op == IR_BRCOND && term->imm2 == b->pc;
    if (!self_t && !self_n)
        return;
    /* Flags deferred to the back edge would have to be made on every iteration. */
    if ((self_t && J->defer_t) || (self_n && J->defer_n))
        return;
    unsigned uses[32] = {0};
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op == IR_CALLX || i->op == IR_GOTO_IND || i->op == IR_EXIT)
            return;
        if ((i->op == IR_GET || i->op == IR_SET) && i->imm < 32)
            uses[i->imm]++;
    }
    /* The back edge's compare constant, when COMPARE AND BRANCH IMMEDIATE cannot take it,
     * wants a register too. */
    const struct ir_insn *c = term->arg[0] && !J->is_const[term->arg[0]] &&
                                      term->op == IR_BRCOND && J->kind[term->arg[0]] == K_LAZYCOND
                                  ? &b->insn[J->def[term->arg[0]]]
                                  : NULL;
    const struct ir_insn *p = c ? &b->insn[J->def[c->arg[0]]] : NULL;
    bool big_const = false;
    uint64_t lconst = 0;
    if (p && p->op == IR_NZCV_SUB && J->is_const[p->arg[1]] && !J->is_const[p->arg[0]]) {
        lconst = J->cval[p->arg[1]];
        big_const = !jit_cij_fits(p->type == IR_I32, cc_unsigned((unsigned)c->imm & 15), lconst);
    }
    /* A loop that does not use a global pin and wants more registers borrows its host
     * register: stored before the loop, reloaded on every way out (writeback_pins). */
    unsigned wanted = big_const, free_regs = 0;
    for (int sl = 0; sl < 32; sl++)
        wanted += uses[sl] && J->pin[sl] < 0;
    /* r5 and r4 (caller-saved: helper calls store and reload them) only when the six
     * callee-saved ones are not enough; r2 and r3 stay temps. */
    static const int pin_regs[] = {6, 7, 8, 9, 10, 13, 5, 4};
    for (unsigned n = 0; n < sizeof pin_regs / sizeof pin_regs[0]; n++)
        free_regs += !J->owner[pin_regs[n]];
    for (unsigned n = 0; n < JIT_NGLOBAL_PINS && wanted > free_regs; n++)
        if (!uses[J->j->gpin[n].slot]) {
            J->pin[J->j->gpin[n].slot] = -1;
            J->owner[J->j->gpin[n].reg] = 0;
            J->borrowed[n] = true;
            free_regs++;
        }
    for (unsigned n = 0; n < sizeof pin_regs / sizeof pin_regs[0]; n++) {
        if (J->owner[pin_regs[n]])
            continue; /* a global pin */
        int best = most_used(uses, J->pin);
        if (best < 0)
            break;
        J->pin[best] = (int8_t)pin_regs[n];
        J->owner[pin_regs[n]] = PIN_OWNER;
    }
    /* A register left over holds the back edge's compare constant when COMPARE AND BRANCH
     * IMMEDIATE cannot take it (loaded before the loop head; emit_compare_branch). */
    for (unsigned n = 0; n < sizeof pin_regs / sizeof pin_regs[0] && big_const; n++)
        if (!J->owner[pin_regs[n]]) {
            J->owner[pin_regs[n]] = PIN_OWNER;
            J->lconst_reg = (int8_t)pin_regs[n];
            J->lconst = lconst;
            break;
        }
    /* Loop mode even with no X register to pin (all in global pins): V registers may be. */
    J->loop = true;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        if (i->op == IR_SET && i->imm < 32 && J->pin[i->imm] >= 0)
            J->pin_written[i->imm] = true;
    }
}

/* Loop mode with the vector facility: when every access to V registers in the loop is a
 * vector lowering (jit_lower_simd, the FP lane ops of jit_fp.c, jit_vmem) or a GETV/SETV, the
 * V registers it uses live in v19-v31 for the whole loop (loaded before the loop head, the
 * written ones stored on every way out and in fault stubs like the loop's X pins), and the
 * lowerings read and write them there instead of through the CPU state.  A helper call (a
 * pure op's C fallback, lazy flags, an FP lane op's slow path) stores and reloads them
 * (vpins_around_call). */
static void plan_vpins(struct jctx *J)
{
    const struct ir_block *b = J->b;
    if (!J->loop || !J->vx)
        return;
    unsigned uses[32] = {0};
    uint32_t written = 0;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        uint32_t reads = 0, writes = 0;
        if (i->op == IR_CALLX || (i->op == IR_CALL && !jit_simd_regs(J, i, &reads, &writes) &&
                                  !jit_fp_vector_regs(J, i, &reads, &writes)))
            return; /* a helper that may read or write V registers in the CPU state */
        if (i->op == IR_GETV)
            reads = 1u << (i->imm & 31);
        if (i->op == IR_SETV)
            writes = 1u << (i->imm & 31);
        for (int v = 0; v < 32; v++)
            uses[v] += ((reads | writes) >> v) & 1;
        written |= writes;
    }
    int reg = 19;
    for (; reg <= 31; reg++) {
        int best = most_used(uses, J->vpin);
        if (best < 0)
            break;
        J->vpin[best] = (int8_t)reg;
        J->vpin_written[best] = (written >> best) & 1;
        J->vpins = true;
    }
    /* The FP lane ops' result thresholds, in registers of their own for the loop. */
    for (uint32_t k = 0; k < b->n && J->vpins; k++) {
        int d = jit_fp_vector_dbl(J, &b->insn[k]);
        if (d >= 0 && J->vthr[d] < 0 && reg <= 31)
            J->vthr[d] = (int8_t)reg++;
    }
}

/* Values whose only destination is a SET of a pinned register (a global pin, or a loop's) are
 * built in that register when nothing between their definition and the SET can fault or read
 * the old value. */
static void plan_pin_targets(struct jctx *J)
{
    const struct ir_block *b = J->b;
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insn[k];
        ir_val v = pinned_set_value(J, k);
        if (!v || J->pin_target[v] >= 0)
            continue;
        uint32_t kd = J->def[v];
        const struct ir_insn *d = &b->insn[kd];
        if (d->dst != v || kd >= k || d->op == IR_GET || d->op == IR_CALL ||
            d->op == IR_CALLX || d->op == IR_GET_NZCV)
            continue;
        bool ok = true;
        for (uint32_t x = kd + 1; x < k && ok; x++) {
            const struct ir_insn *m = &b->insn[x];
            if ((ir_op_flags(m->op) & IRF_FAULT) || (m->op == IR_GET && m->imm == i->imm))
                ok = false;
        }
        if (ok)
            J->pin_target[v] = (int8_t)i->imm;
    }
}

/* SUBS of a pinned register in place (x = x - b) whose flags only the block's final branch
 * reads, as an equality or unsigned condition, with nothing after the subtraction but its
 * SET, the flags and the branch (the common `subs x2, x2, #64; b.hi loop`): the subtraction
 * is made at the branch, as SUBTRACT LOGICAL on the pin (its CC: 1 nonzero with borrow,
 * 2 zero, 3 nonzero without; Arm's C is no borrow), so the old value needs no copy and the
 * compare no instruction.  Flags an exit path still needs are recorded there with a = the pin
 * plus b. */
static void plan_subcc(struct jctx *J)
{
    const struct ir_block *b = J->b;
    if (!b->n)
        return;
    const struct ir_insn *term = &b->insn[b->n - 1];
    ir_val ct = term->arg[0];
    if (term->op != IR_BRCOND || J->is_const[ct] || J->kind[ct] != K_LAZYCOND ||
        J->nuses[ct] != 1)
        return;
    const struct ir_insn *c = &b->insn[J->def[ct]];
    unsigned cc = (unsigned)c->imm & 15;
    ir_val f = c->arg[0];
    uint32_t kn = J->def[f];
    const struct ir_insn *p = &b->insn[kn];
    if (!(cc <= 3 || cc == 8 || cc == 9) || p->op != IR_NZCV_SUB || p->dst != f ||
        p->type != IR_I64 || J->is_const[p->arg[0]])
        return;
    ir_val a = p->arg[0];
    const struct ir_insn *g = &b->insn[J->def[a]];
    if (g->op != IR_GET || g->dst != a || g->imm >= 32 || J->pin[g->imm] < 0)
        return;
    unsigned s = (unsigned)g->imm;
    uint32_t ksub = ~0u, kset = ~0u;
    for (uint32_t x = J->def[a] + 1; x + 1 < b->n; x++) {
        const struct ir_insn *i = &b->insn[x];
        if (i->op == IR_SUB && i->arg[0] == a && i->arg[1] == p->arg[1] && i->type == IR_I64 &&
            i->dst && J->nuses[i->dst] == 1 && J->kind[i->dst] == K_NORMAL)
            ksub = x;
        if (i->op == IR_SET && i->imm == s) {
            if (kset != ~0u || ksub == ~0u || i->arg[0] != b->insn[ksub].dst)
                return;
            kset = x;
        }
    }
    if (ksub == ~0u || kset == ~0u)
        return;
    uint32_t from = ksub < kn ? ksub : kn;
    for (uint32_t x = from + 1; x + 1 < b->n; x++) {
        const struct ir_insn *i = &b->insn[x];
        bool ok = x == ksub || x == kn || x == kset || i->op == IR_CONST || i == c ||
                  (i->op == IR_SET_NZCV && x == J->dead_set_nzcv);
        if (!ok)
            return;
    }
    J->kind[b->insn[ksub].dst] = K_SUBCC;
    J->pin_target[b->insn[ksub].dst] = -1;
    J->done[kset] = 1;
    J->kind[ct] = K_SUBCOND;
    J->subcc = f; /* a deferred SET_NZCV records a as the pin plus b */
}

/* The plans that need the block's registers known (after the global pins): loop mode, its V
 * registers, pin updates and values built in their pins, and in-place SUBS at the branch, in
 * that order. */
void jit_plan_block(struct jctx *J)
{
    plan_loop(J);
    plan_vpins(J);
    plan_pin_adds(J);
    plan_pin_targets(J);
    plan_subcc(J);
}
