/* The threaded interpreter: one computed-goto handler per entry of
 * interp_handlers.h, chained blocks, exits to the runtime. */
#include <inttypes.h>
#include <string.h>

#include "endian.h"
#include "interp.h"
#include "interp_handlers.h"
#include "semantics.h"

#define SLOT_PSTATE 33

/* Whether the block must go back to the dispatcher instead of running: a signal, or its run
 * counter ran out (tiering; it stays at 1 then, so every later entry stops too). */
static inline bool interp_stop(const struct ir_env *env, struct ir_iblock *blk)
{
    if (env->interrupt || !blk->hot)
        return true;
    if (--blk->hot)
        return false;
    blk->hot = 1;
    return true;
}

uint32_t ir_interp_run(struct ir_env *env, struct ir_iblock *blk)
{
    static const void *const labels[H_COUNT] = {
#define IR_BIN(n, e32, e64) &&L_##n##_32_rr, &&L_##n##_32_ri, &&L_##n##_64_rr, &&L_##n##_64_ri,
#define IR_UN(n, e32, e64) &&L_##n##_32, &&L_##n##_64,
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
#define X(n) &&L_##n,
        INTERP_HANDLERS(X)
#undef X
    };
    uint64_t *const f = (uint64_t *)env;
    uint8_t *const mem = env->mem;
    const uint64_t mem_size = env->mem_size;
    const struct ir_iop *op = NULL;
    uint64_t next_pc;
    int li; /* which link of blk the exit uses */
    /* The first tier (nraw): the IR instruction running, temps in env->tmp. */
    const struct ir_insn *ri = NULL;
    uint64_t *const tmp = env->tmp;
    uint32_t pcoff; /* of the instruction that faulted or whose helper exited */

#define NEXT                                                                                       \
    do {                                                                                           \
        op++;                                                                                      \
        goto *labels[op->h];                                                                       \
    } while (0)
/* A guest access of size bytes at addr by the instruction at pcoff `at`: outside the window,
 * a data abort there. */
#define CHECK_MEM(addr, size, at)                                                                  \
    if (__builtin_expect((addr) >= mem_size || mem_size - (addr) < (size), 0)) {                  \
        env->exit_info = (addr);                                                                   \
        pcoff = (at);                                                                              \
        goto fault;                                                                                \
    }

enter:
    /* One test on the way in for both: a signal to deliver, a block that counts its runs. */
    if (__builtin_expect(env->interrupt | blk->hot, 0) && interp_stop(env, blk)) {
        env->cpu.pc = blk->pc;
        env->exit = IR_EXIT_BUDGET;
        return env->exit;
    }
    env->insns += blk->ninsns;
    env->running = blk;
    if (blk->nraw)
        goto raw;
    op = blk->ops;
    goto *labels[op->h];

#define IR_BIN(n, e32, e64)                                                                        \
    L_##n##_32_rr : {                                                                              \
        uint32_t a = (uint32_t)f[op->a], b = (uint32_t)f[op->b];                                   \
        (void)a, (void)b;                                                                          \
        f[op->d] = (uint32_t)(e32);                                                                \
        NEXT;                                                                                      \
    }                                                                                              \
    L_##n##_32_ri : {                                                                              \
        uint32_t a = (uint32_t)f[op->a], b = (uint32_t)op->imm;                                    \
        (void)a, (void)b;                                                                          \
        f[op->d] = (uint32_t)(e32);                                                                \
        NEXT;                                                                                      \
    }                                                                                              \
    L_##n##_64_rr : {                                                                              \
        uint64_t a = f[op->a], b = f[op->b];                                                       \
        f[op->d] = (uint64_t)(e64);                                                                \
        NEXT;                                                                                      \
    }                                                                                              \
    L_##n##_64_ri : {                                                                              \
        uint64_t a = f[op->a], b = op->imm;                                                        \
        f[op->d] = (uint64_t)(e64);                                                                \
        NEXT;                                                                                      \
    }
#define IR_UN(n, e32, e64)                                                                         \
    L_##n##_32 : {                                                                                 \
        uint32_t a = (uint32_t)f[op->a];                                                           \
        f[op->d] = (uint32_t)(e32);                                                                \
        NEXT;                                                                                      \
    }                                                                                              \
    L_##n##_64 : {                                                                                 \
        uint64_t a = f[op->a];                                                                     \
        f[op->d] = (uint64_t)(e64);                                                                \
        NEXT;                                                                                      \
    }
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP

L_MOVI:
    f[op->d] = op->imm;
    NEXT;
L_MOVR:
    f[op->d] = f[op->a];
    NEXT;
L_COND:
    f[op->d] = (uint64_t)sem_cond(f[op->a], (unsigned)op->imm);
    NEXT;
L_SELECT:
    f[op->d] = f[op->a] ? f[op->b] : f[op->c];
    NEXT;
L_ADC_32:
    f[op->d] = (uint32_t)(f[op->a] + f[op->b] + ((f[op->c] >> 29) & 1));
    NEXT;
L_ADC_64:
    f[op->d] = f[op->a] + f[op->b] + ((f[op->c] >> 29) & 1);
    NEXT;
L_NZCV_ADC_32:
    f[op->d] = sem_nzcv_add32((uint32_t)f[op->a], (uint32_t)f[op->b], (f[op->c] >> 29) & 1);
    NEXT;
L_NZCV_ADC_64:
    f[op->d] = sem_nzcv_add64(f[op->a], f[op->b], (f[op->c] >> 29) & 1);
    NEXT;
L_EXTR_32: {
    uint64_t lsb = f[op->c] & 31;
    uint64_t v = ((uint64_t)(uint32_t)f[op->a] << 32) | (uint32_t)f[op->b];
    f[op->d] = (uint32_t)(v >> lsb);
    NEXT;
}
L_EXTR_64: {
    uint64_t lsb = f[op->c] & 63, hi = f[op->a], lo = f[op->b];
    f[op->d] = lsb ? (lo >> lsb) | (hi << (64 - lsb)) : lo;
    NEXT;
}
L_SET_NZCV:
    f[SLOT_PSTATE] = (f[SLOT_PSTATE] & ~(uint64_t)ZARM_PSTATE_NZCV_MASK) |
                     (f[op->a] & ZARM_PSTATE_NZCV_MASK);
    NEXT;
L_GETV:
    f[op->d] = env->cpu.v[op->imm & 31].d[op->imm2 & 1];
    NEXT;
L_SETV:
    env->cpu.v[op->imm & 31].d[op->imm2 & 1] = f[op->a];
    NEXT;

/* Guest memory accesses stamp the CPU's pc with their instruction's: a host fault (a page the
 * guest unmapped or protected) then leaves the state exactly at that instruction, as the
 * exception-precision rule keeps every register write of it after the access. */
#define LOAD(lbl, size, expr)                                                                      \
    lbl : {                                                                                        \
        uint64_t addr = f[op->a];                                                                  \
        CHECK_MEM(addr, size, op->pcoff);                                                          \
        env->cpu.pc = blk->pc + op->pcoff;                                                         \
        const uint8_t *p = mem + addr;                                                             \
        f[op->d] = (expr);                                                                         \
        NEXT;                                                                                      \
    }
    LOAD(L_LD_U1, 1, *p)
    LOAD(L_LD_U2, 2, ld_le16(p))
    LOAD(L_LD_U4, 4, ld_le32(p))
    LOAD(L_LD_U8, 8, ld_le64(p))
    LOAD(L_LD_S1_32, 1, (uint32_t)(int32_t)(int8_t)*p)
    LOAD(L_LD_S2_32, 2, (uint32_t)(int32_t)(int16_t)ld_le16(p))
    LOAD(L_LD_S1_64, 1, (uint64_t)(int64_t)(int8_t)*p)
    LOAD(L_LD_S2_64, 2, (uint64_t)(int64_t)(int16_t)ld_le16(p))
    LOAD(L_LD_S4_64, 4, (uint64_t)(int64_t)(int32_t)ld_le32(p))
#undef LOAD
#define STORE(lbl, size, stmt)                                                                     \
    lbl : {                                                                                        \
        uint64_t addr = f[op->a], v = f[op->b];                                                    \
        CHECK_MEM(addr, size, op->pcoff);                                                          \
        env->cpu.pc = blk->pc + op->pcoff;                                                         \
        uint8_t *p = mem + addr;                                                                   \
        stmt;                                                                                      \
        NEXT;                                                                                      \
    }
    STORE(L_ST_1, 1, *p = (uint8_t)v)
    STORE(L_ST_2, 2, st_le16(p, (uint16_t)v))
    STORE(L_ST_4, 4, st_le32(p, (uint32_t)v))
    STORE(L_ST_8, 8, st_le64(p, v))
#undef STORE

L_CALL:
    env->helper_calls++;
    f[op->d] = ir_helpers[op->imm](env, f[op->a], f[op->b], f[op->c]);
    NEXT;
L_CALLX: {
    env->helper_calls++;
    /* The helper sees the pc of its instruction (for exceptions it raises). */
    env->cpu.pc = blk->pc + op->pcoff;
    uint64_t r = ir_helpers[op->imm](env, f[op->a], f[op->b], f[op->c]);
    if (__builtin_expect(env->exit != IR_EXIT_NONE, 0))
        goto helper_exit;
    f[op->d] = r;
    NEXT;
}
L_GOTO:
    next_pc = op->imm;
    li = 0;
    goto chain;
L_BRCOND:
    li = !f[op->a];
    next_pc = li ? op->imm2 : op->imm;
    goto chain;
L_BRCOND2:
    li = f[op->a] ? 0 : f[op->b] ? 1 : 2;
    next_pc = li == 0 ? op->imm : li == 1 ? op->imm2 : blk->pc + blk->nbytes;
    env->insns -= li == 0; /* the second branch did not run */
    goto chain;
L_GOTO_IND:
    next_pc = f[op->a];
    goto indirect;
L_EXIT:
    env->exit = (uint32_t)op->imm;
    env->exit_info = f[op->a];
    env->cpu.pc = op->imm2;
    /* The instructions after an exiting one in this block did not run. */
    return env->exit;

chain: {
    if (blk->link_gen[li] == *env->cache_gen) {
        blk = blk->link[li];
        goto enter;
    }
    struct ir_iblock *nb = env->lookup(env, next_pc);
    if (!nb)
        goto lookup_failed;
    blk->link[li] = nb;
    blk->link_gen[li] = *env->cache_gen;
    blk = nb;
    goto enter;
}
indirect: {
    struct ir_iblock *nb = env->lookup(env, next_pc);
    if (!nb)
        goto lookup_failed;
    blk = nb;
    goto enter;
}
lookup_failed:
    env->cpu.pc = next_pc;
    if (env->exit == IR_EXIT_NONE)
        env->exit = IR_EXIT_IFETCH;
    return env->exit;
fault:
    env->exit = IR_EXIT_FAULT;
    env->cpu.pc = blk->pc + pcoff;
    env->insns -= ir_iblock_insns_from(blk, pcoff);
    return env->exit;
helper_exit:
    pcoff = op->pcoff;
helper_exit_at:
    env->insns -= ir_iblock_insns_from(blk, pcoff);
    return env->exit;

    /* The first tier: the IR as built, one instruction at a time.  The same semantics as the
     * handlers above (ops.def for the pure ops), read from temps instead of slots. */
raw: {
    static const void *const rlabels[IR_NUM_OPS] = {
#define IR_BIN(n, e32, e64) [IR_##n] = &&R_##n,
#define IR_UN(n, e32, e64) [IR_##n] = &&R_##n,
#define IR_OP(n, na, fl) [IR_##n] = &&R_##n,
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    };
#define RNEXT                                                                                      \
    do {                                                                                           \
        ri++;                                                                                      \
        goto *rlabels[ri->op];                                                                     \
    } while (0)
#define RA tmp[ri->arg[0]]
#define RB tmp[ri->arg[1]]
#define RC tmp[ri->arg[2]]
#define RD tmp[ri->dst]
    ri = (const struct ir_insn *)blk->ops;
    goto *rlabels[ri->op];

#define IR_BIN(n, e32, e64)                                                                        \
    R_##n : if (ri->type == IR_I64) {                                                              \
        uint64_t a = RA, b = RB;                                                                   \
        RD = (uint64_t)(e64);                                                                      \
    }                                                                                              \
    else {                                                                                         \
        uint32_t a = (uint32_t)RA, b = (uint32_t)RB;                                               \
        (void)a, (void)b;                                                                          \
        RD = (uint32_t)(e32);                                                                      \
    }                                                                                              \
    RNEXT;
#define IR_UN(n, e32, e64)                                                                         \
    R_##n : if (ri->type == IR_I64) {                                                              \
        uint64_t a = RA;                                                                           \
        RD = (uint64_t)(e64);                                                                      \
    }                                                                                              \
    else {                                                                                         \
        uint32_t a = (uint32_t)RA;                                                                 \
        RD = (uint32_t)(e32);                                                                      \
    }                                                                                              \
    RNEXT;
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP

R_CONST:
    RD = ri->imm;
    RNEXT;
R_GET:
    RD = f[ri->imm];
    RNEXT;
R_GET_NZCV:
    RD = f[SLOT_PSTATE];
    RNEXT;
R_SET:
    f[ri->imm] = RA;
    RNEXT;
R_SET_NZCV:
    f[SLOT_PSTATE] =
        (f[SLOT_PSTATE] & ~(uint64_t)ZARM_PSTATE_NZCV_MASK) | (RA & ZARM_PSTATE_NZCV_MASK);
    RNEXT;
R_COND:
    RD = (uint64_t)sem_cond(RA, (unsigned)ri->imm);
    RNEXT;
R_SELECT:
    RD = RA ? RB : RC;
    RNEXT;
R_ADC:
    RD = RA + RB + ((RC >> 29) & 1);
    if (ri->type == IR_I32)
        RD = (uint32_t)RD;
    RNEXT;
R_NZCV_ADC:
    RD = ri->type == IR_I64 ? sem_nzcv_add64(RA, RB, (RC >> 29) & 1)
                            : sem_nzcv_add32((uint32_t)RA, (uint32_t)RB, (RC >> 29) & 1);
    RNEXT;
R_EXTR:
    if (ri->type == IR_I64) {
        uint64_t lsb = RC & 63, hi = RA, lo = RB;
        RD = lsb ? (lo >> lsb) | (hi << (64 - lsb)) : lo;
    } else {
        uint64_t v = ((uint64_t)(uint32_t)RA << 32) | (uint32_t)RB;
        RD = (uint32_t)(v >> (RC & 31));
    }
    RNEXT;
R_GETV:
    RD = env->cpu.v[ri->imm & 31].d[ri->imm2 & 1];
    RNEXT;
R_SETV:
    env->cpu.v[ri->imm & 31].d[ri->imm2 & 1] = RA;
    RNEXT;
R_LOAD: {
    uint64_t addr = RA, size = ri->imm & 0xff, v;
    CHECK_MEM(addr, size, ri->pcoff);
    env->cpu.pc = blk->pc + ri->pcoff;
    v = ld_le(mem + addr, (unsigned)size);
    /* A signed load extends to the type's width (see the load handlers). */
    if ((ri->imm & IR_MEM_SIGNED) && size < 8) {
        unsigned sh = 64 - 8 * (unsigned)size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
        if (ri->type == IR_I32)
            v = (uint32_t)v;
    }
    RD = v;
    RNEXT;
}
R_STORE: {
    uint64_t addr = RA, v = RB, size = ri->imm & 0xff;
    CHECK_MEM(addr, size, ri->pcoff);
    env->cpu.pc = blk->pc + ri->pcoff;
    st_le(mem + addr, v, (unsigned)size);
    RNEXT;
}
R_CALL:
    env->helper_calls++;
    RD = ir_helpers[ri->imm](env, RA, RB, RC);
    RNEXT;
R_CALLX: {
    env->helper_calls++;
    env->cpu.pc = blk->pc + ri->pcoff;
    uint64_t r = ir_helpers[ri->imm](env, RA, RB, RC);
    if (__builtin_expect(env->exit != IR_EXIT_NONE, 0)) {
        pcoff = ri->pcoff;
        goto helper_exit_at;
    }
    RD = r;
    RNEXT;
}
R_GOTO:
    next_pc = ri->imm;
    li = 0;
    goto chain;
R_BRCOND:
    li = !RA;
    next_pc = li ? ri->imm2 : ri->imm;
    goto chain;
R_BRCOND2:
    li = RA ? 0 : RB ? 1 : 2;
    next_pc = li == 0 ? ri->imm : li == 1 ? ri->imm2 : blk->pc + blk->nbytes;
    env->insns -= li == 0;
    goto chain;
R_GOTO_IND:
    next_pc = RA;
    goto indirect;
R_EXIT:
    env->exit = (uint32_t)ri->imm;
    env->exit_info = RA;
    env->cpu.pc = ri->imm2;
    return env->exit;
#undef RNEXT
#undef RA
#undef RB
#undef RC
#undef RD
}
}

static const char *const handler_names[H_COUNT] = {
#define IR_BIN(n, e32, e64) #n ".32", #n ".32i", #n, #n ".i",
#define IR_UN(n, e32, e64) #n ".32", #n,
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
#define X(n) #n,
    INTERP_HANDLERS(X)
#undef X
};

/* Slot names: guest registers by name, temps as tN. */
static void slot_name(char *buf, size_t n, unsigned s)
{
    if (s < 31)
        snprintf(buf, n, "x%u", s);
    else if (s == 31)
        snprintf(buf, n, "sp");
    else if (s == 32)
        snprintf(buf, n, "pc");
    else if (s == 33)
        snprintf(buf, n, "pstate");
    else if (s >= IR_TMP_SLOT0)
        snprintf(buf, n, "t%u", s - IR_TMP_SLOT0);
    else
        snprintf(buf, n, "s%u", s);
}

void ir_interp_print(FILE *fp, const struct ir_iblock *blk)
{
    if (blk->nraw) {
        fprintf(fp, "OUT (interpreter, first tier): block 0x%" PRIx64 " runs its %u IR"
                    " instructions\n", blk->pc, blk->nraw);
        return;
    }
    fprintf(fp, "OUT (interpreter): block 0x%" PRIx64 ", %u ops\n", blk->pc, blk->nops);
    for (uint32_t k = 0; k < blk->nops; k++) {
        const struct ir_iop *o = &blk->ops[k];
        char d[16], a[16], b[16];
        slot_name(d, sizeof d, o->d);
        slot_name(a, sizeof a, o->a);
        slot_name(b, sizeof b, o->b);
        fprintf(fp, "  %4x: %-12s d=%-6s a=%-6s b=%-6s imm=0x%" PRIx64 "\n", o->pcoff,
                handler_names[o->h], d, a, b, o->imm);
    }
}
