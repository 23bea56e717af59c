/* JIT lowering of the IR shapes the translator gives whole V registers (backend-s390x/README.md
 * "AdvSIMD on the vector facility"): a 128-bit guest load or store is two doubleword LOADs or
 * STOREs and the two SETVs or GETVs of the register's halves, a bitwise operation on whole
 * registers (EOR, AND, ORR, BIC) is two GETVs, the operation and a SETV per half.  Found at
 * their first instruction, they become one vector access or operation between the CPU state's
 * V registers (host-endian doublewords) and VS0; the rest are marked done.
 *
 * A guest load or store of 16 bytes little-endian is VLBR/VSTBR with doubleword elements
 * (vector-enhancements 2): each doubleword's bytes reversed is exactly the host-endian half. */
#include "backend-s390x/jit_ctx.h"

/* The next instruction after j that emits code (constants, folded addresses and results
 * nobody reads, such as the copies common-subexpression elimination left, do not). */
static uint32_t next_real(struct jctx *J, uint32_t j)
{
    const struct ir_block *b = J->b;
    while (j < b->n && (b->insn[j].op == IR_CONST ||
                        (b->insn[j].dst && J->kind[b->insn[j].dst] == K_SKIP) ||
                        (b->insn[j].op == IR_ADD && b->insn[j].dst &&
                         jit_addr_parts(J, b->insn[j].dst, &(ir_val){0}, &(int32_t){0}))))
        j++;
    return j;
}

/* j[0..n-1] = the instructions from k on that emit code, if they are ops[0..n-1] (0: any op)
 * with single-use results (or none). */
static bool match(struct jctx *J, uint32_t k, const unsigned *ops, int n, uint32_t *j)
{
    for (int x = 0; x < n; x++) {
        j[x] = x ? next_real(J, j[x - 1] + 1) : k;
        if (j[x] >= J->b->n)
            return false;
        const struct ir_insn *i = &J->b->insn[j[x]];
        if ((ops[x] && i->op != ops[x]) || (i->dst && J->nuses[i->dst] != 1))
            return false;
    }
    return true;
}

/* Two doubleword accesses of one guest instruction at a and a + 8, with a's displacement in
 * the range of a VRX access. */
static bool q_pair(struct jctx *J, const struct ir_insn *x, const struct ir_insn *y)
{
    ir_val bx, by;
    int32_t dx, dy;
    if ((x->imm & 0xff) != 8 || (y->imm & 0xff) != 8 || (x->imm & IR_MEM_SIGNED) ||
        (y->imm & IR_MEM_SIGNED) || x->pcoff != y->pcoff)
        return false;
    jit_addr_parts(J, x->arg[0], &bx, &dx);
    jit_addr_parts(J, y->arg[0], &by, &dy);
    return bx == by && dy == dx + 8 && dx >= 0 && dx <= 4095;
}

/* LOAD a; LOAD a + 8; SETV v.d[0]; SETV v.d[1]  ->  VLBRG; VST. */
static bool lower_qload(struct jctx *J, uint32_t k)
{
    const struct ir_insn *in = J->b->insn;
    uint32_t j[4];
    if (!match(J, k, (const unsigned[]){IR_LOAD, IR_LOAD, IR_SETV, IR_SETV}, 4, j) ||
        !q_pair(J, &in[k], &in[j[1]]))
        return false;
    uint32_t k2 = j[1], s0 = j[2], s1 = j[3];
    unsigned v = in[s0].imm & 31;
    if (in[s0].arg[0] != in[k].dst || in[s1].arg[0] != in[k2].dst || in[s0].imm2 != 0 ||
        (in[s1].imm & 31) != v || in[s1].imm2 != 1)
        return false;
    jit_fp_before(J, &in[s0]);
    /* Straight into the loop's register for v, else through VS0 into the CPU state. */
    int r = J->vpin[v] >= 0 ? J->vpin[v] : VS0;
    jit_access_q(J, in[k].pcoff, in[k].arg[0], false, v, r);
    jit_vstore(J, r, v, true);
    J->done[k2] = J->done[s0] = J->done[s1] = 1;
    return true;
}

/* GETV v.d[0]; GETV v.d[1]; STORE a; STORE a + 8  ->  VL; VSTBRG. */
static bool lower_qstore(struct jctx *J, uint32_t k)
{
    const struct ir_insn *in = J->b->insn;
    uint32_t j[4];
    if (!match(J, k, (const unsigned[]){IR_GETV, IR_GETV, IR_STORE, IR_STORE}, 4, j) ||
        !q_pair(J, &in[j[2]], &in[j[3]]))
        return false;
    uint32_t g1 = j[1], k1 = j[2], k2 = j[3];
    unsigned v = in[k].imm & 31;
    ir_val base;
    int32_t disp;
    jit_addr_parts(J, in[k1].arg[0], &base, &disp);
    /* The address must be computed already: the store moves up to the first GETV. */
    if (in[k].imm2 != 0 || (in[g1].imm & 31) != v || in[g1].imm2 != 1 ||
        in[k1].arg[1] != in[k].dst || in[k2].arg[1] != in[g1].dst ||
        (!J->is_const[base] && J->def[base] >= k))
        return false;
    jit_fp_before(J, &in[k1]);
    jit_access_q(J, in[k1].pcoff, in[k1].arg[0], true, v, jit_vsrc(J, VS0, v));
    J->done[g1] = J->done[k1] = J->done[k2] = 1;
    return true;
}

/* Per half: GETV n; GETV m; OP; then SETV d.d[0]; SETV d.d[1]  ->  VL; VL; OP; VST. */
static bool lower_vlogic(struct jctx *J, uint32_t k)
{
    const struct ir_insn *in = J->b->insn;
    uint32_t j[8];
    static const unsigned shape[8] = {IR_GETV, IR_GETV, 0, IR_GETV, IR_GETV, 0, IR_SETV, IR_SETV};
    if (!match(J, k, shape, 8, j) || in[j[5]].op != in[j[2]].op)
        return false;
    unsigned op = in[j[2]].op;
    enum s390_insn vop = op == IR_XOR ? VRRc_VX : op == IR_AND ? VRRc_VN
                         : op == IR_OR ? VRRc_VO : op == IR_ANDN ? VRRc_VNC : S390_INSN_COUNT;
    if (vop == S390_INSN_COUNT || in[j[2]].type != IR_I64 || in[j[5]].type != IR_I64)
        return false;
    unsigned rn = in[j[0]].imm & 31, rm = in[j[1]].imm & 31, rd = in[j[6]].imm & 31;
    for (int h = 0; h < 2; h++) {
        const struct ir_insn *a = &in[j[3 * h]], *b = &in[j[3 * h + 1]], *o = &in[j[3 * h + 2]];
        const struct ir_insn *s = &in[j[6 + h]];
        if ((a->imm & 31) != rn || (b->imm & 31) != rm || a->imm2 != (unsigned)h ||
            b->imm2 != (unsigned)h || o->arg[0] != a->dst || o->arg[1] != b->dst ||
            (s->imm & 31) != rd || s->imm2 != (unsigned)h || s->arg[0] != o->dst)
            return false;
    }
    for (int n = 1; n < 8; n++)
        if (in[j[n]].op == IR_GETV || in[j[n]].op == IR_SETV)
            jit_fp_before(J, &in[j[n]]);
    /* One instruction: straight into Vd's pinned register when it has one. */
    int n = jit_vsrc(J, VS0, rn), m = jit_vsrc(J, VS1, rm);
    int d = J->vpin[rd] >= 0 ? J->vpin[rd] : VS0;
    s390_emit_VRRc(B, vop, d, n, m, 0, 0, 0);
    jit_vstore(J, d, rd, true);
    for (int n = 1; n < 8; n++)
        J->done[j[n]] = 1;
    return true;
}

bool jit_lower_vmem(struct jctx *J, uint32_t k)
{
    switch (J->b->insn[k].op) {
    case IR_LOAD:
        return J->vxe2 && lower_qload(J, k);
    case IR_GETV:
        return (J->vxe2 && lower_qstore(J, k)) || (J->vx && lower_vlogic(J, k));
    default:
        return false;
    }
}
