/* The JIT code generator's private context, shared by jit_compile.c (the pipeline) and the
 * lowerings of FP (jit_fp.c) and AdvSIMD (jit_simd.c) helper calls, which need its register
 * allocation and helper-call services. */
#ifndef ZARM_S390_JIT_CTX_H
#define ZARM_S390_JIT_CTX_H

#include <stddef.h>

#include "backend-s390x/jit_internal.h"
#include "backend-s390x/s390_label.h"
#include "ir/env.h"
#include "ir/fpu/fpu.h"
#include "ir/helper_fp.h"
#include "ir/helper_simd.h"
#include "ir/ir.h"

/* Displacements from R_ENV (r15) of the env's fields. */
#define OFF_ENV(field) (JIT_ENV + (int)offsetof(struct ir_env, field))
#define OFF_X(n) (JIT_ENV + (int)(n) * 8)
#define OFF_PC OFF_ENV(cpu.pc)
#define OFF_PSTATE OFF_ENV(cpu.pstate)
#define OFF_V(r, h) (OFF_ENV(cpu.v) + 16 * (int)(r) + 8 * (int)(h))
#define OFF_EXIT OFF_ENV(exit)
#define OFF_EXIT_INFO OFF_ENV(exit_info)
#define OFF_INSNS OFF_ENV(insns)
#define OFF_HELPER_CALLS OFF_ENV(helper_calls)
#define OFF_FPCR OFF_ENV(cpu.fpcr)
#define OFF_FPSR OFF_ENV(cpu.fpsr)
_Static_assert(JIT_ENV + offsetof(struct ir_env, cpu.fpcr) + 8 <= 4096,
               "V registers, FPSR and FPCR in RX range");

struct access;
struct jit_fp_slow;

/* Scalar FP values kept in host FPRs between the native FP operations of a block (jit_fp.c):
 * f0-f5 cache lane 0 of V registers (written back where the CPU state must be exact), f6 and
 * f7 are scratch, f14 and f15 hold the result-check thresholds.  The FPC is as the entry trampoline's guard set
 * it (jit_fp.c), with maybe a pending inexact flag. */
#define JIT_FP_NCACHE 6
struct jit_fpstate {
    bool ixc;                      /* the FPC's inexact flag may be set (not committed since) */
    int8_t vreg[JIT_FP_NCACHE];    /* per FPR: V register + 1 cached there, 0 = free */
    bool dbl[JIT_FP_NCACHE], dirty[JIT_FP_NCACHE], lock[JIT_FP_NCACHE];
    bool hold[JIT_FP_NCACHE];      /* a value dirty when the open FP group began: not reused */
    uint32_t stamp[JIT_FP_NCACHE]; /* last use, for eviction */
    uint32_t clock;
    bool in_slow;                  /* emitting a native op's helper fallback */
};

/* What the analysis (jit_analyse.c) made of a temp (jctx.kind): how it is lowered. */
enum jit_kind {
    K_NORMAL, K_SKIP, K_LAZYCOND, K_CONDVAL, K_FOLDADDR, K_TMLAZY, K_TMVAL, K_SHIFTPAIR,
    K_NZCVREC, /* GET_NZCV read only by conditions: tested through the lazy record */
    K_SETCMP,  /* SETEQ/SETNE/SETLTU read only as a condition (CBZ, CBNZ...): compare + mask */
    K_PINADD,  /* a pinned register plus a constant, SET to it: a folded address until the SET
                * (plan_pin_adds), the pin register after it */
    K_CCMP,    /* COND of CCMP/CCMN flags (SELECT c1, NZCV of a compare, constant) read only as
                * a condition: c1's compare, then the second compare or a fixed CC (emit_ccmp) */
    K_FCMP,    /* FCMP/FCMPE flags read only by K_FCMPCOND conditions and SET_NZCV: the BFP
                * compare is made where they are read (jit_fp_compare) */
    K_FCMPCOND, /* COND of K_FCMP flags read only as a condition: the compare + mask */
    K_SUBCC,   /* SUBS of a pin in place whose flags only the final branch reads (plan_subcc):
                * made at the branch, by SUBTRACT LOGICAL on the pin */
    K_SUBCOND, /* that branch's condition: a mask of SUBTRACT LOGICAL's CC */
    K_FPVREG,  /* GETV of lane 0 read only by a fused FCMP, its V register unchanged until
                * then: the compare loads the register itself (jit_fp.c, fp_operand) */
    K_TMAND    /* AND with a mask within one halfword, read only by a TST whose flags only
                * EQ/NE conditions read (plan_tm): TEST UNDER MASK where they are read */
};
/* The halfword (0: bits 15-0 ... 3: bits 63-48) that holds every bit of a nonzero mask m, for
 * TEST UNDER MASK (TMLL, TMLH, TMHL, TMHH); -1 if none does. */
static inline int jit_tm_halfword(uint64_t m)
{
    for (int h = 0; h < 4; h++)
        if (m && !(m & ~(0xffffull << 16 * h)))
            return h;
    return -1;
}
/* Whether Arm condition cc compares unsigned (HS, LO, HI, LS). */
static inline bool cc_unsigned(unsigned cc) { return cc == 2 || cc == 3 || cc == 8 || cc == 9; }

/* Whether a compare with constant v (a word when w) fits COMPARE AND BRANCH IMMEDIATE: 0..255
 * unsigned (CLGIJ/CLIJ), -128..127 signed (CGIJ/CIJ). */
static inline bool jit_cij_fits(bool w, bool uns, uint64_t v)
{
    int64_t s = w ? (int64_t)(int32_t)v : (int64_t)v;
    return uns ? (w ? (uint32_t)v : v) < 256 : s >= -128 && s < 128;
}

/* A temp that is a base and displacement (fbase, disp) rather than a value in a register. */
#define FOLDED(J, t) ((J)->kind[t] == K_FOLDADDR || (J)->kind[t] == K_PINADD)
#define PIN_OWNER 0xffffffffu /* owner[] of a register pinned to a guest register */

/* Whether guest register slot is one of j's global pins (jit_internal.h). */
bool jit_is_global_pin(const struct s390_jit *j, int slot);

struct jctx {
    struct s390_jit *j;
    const struct ir_block *b;
    struct s390_buf *buf;
    uintptr_t at;
    uint32_t nt;
    uint32_t *last_use, *nuses;
    int8_t *reg;
    int16_t *slot;
    uint8_t *is_const, *kind;
    /* Loop mode (a block that branches to itself): guest registers pinned in host registers
     * across iterations, loaded before the loop label, written back at the exits. */
    bool loop;
    int8_t lconst_reg;        /* loop mode: a free pin register holding lconst, or -1 */
    uint64_t lconst;          /* the back edge's compare constant (plan_loop) */
    struct s390_label loop_label;
    int8_t pin[32];           /* host register of a pinned slot, or -1 */
    bool borrowed[JIT_NGLOBAL_PINS]; /* jit_global_pin[n]'s register holds a loop pin instead */
    bool pin_written[32];
    ir_val pin_alias[32];     /* the GET temp currently living in the pinned register */
    int8_t *pin_target;       /* per temp: slot whose register its value may be built in */
    uint8_t *checked;         /* per temp: already compared with the window size */
    uint8_t *alias;           /* per temp: lives in a pinned register it does not own */
    uint8_t *lo32;            /* per temp: every reader looks at its low 32 bits only */
    uint64_t *cval;
    uint32_t *def;            /* index of the defining instruction */
    int32_t *disp;            /* K_FOLDADDR: the displacement from base fbase */
    ir_val *fbase;
    ir_val owner[16];
    uint8_t spill_busy[JIT_NSPILL];
    ir_val slot_owner[JIT_NSPILL];
    int slots_hw;             /* slots ever used: 0..slots_hw-1 */
    struct access *acc;
    uint32_t nacc, capacc;
    struct s390_label entry;
    struct s390_label prof_stub;  /* the pin profile's counter ran out (jit_pins.c) */
    /* Interrupt checks: at the block's start (the checked entry) and at a loop's back-edge
     * target, with their ways out. */
    struct s390_label entry_check, loop_check, intr_stub, loop_intr_stub;
    uint32_t poll_off[2], npoll;          /* the stop tests (loads of the poll page) */
    uint32_t cc_key, cc_len;              /* the CC holds compare cc_key until code grows past
                                           * cc_len (emit_compare) */
    int8_t vpin[32];                      /* loop mode: V register -> vector register, or -1 */
    int8_t vthr[2];                       /* and the single/double lane thresholds, or -1 */
    bool vpin_written[32], vpins;
    struct s390_label *poll_stub[2];
    struct s390_jit_block *blk;
    bool mie2, mie3, lsc2, vx, vxe, vxe2;
    uint8_t *done;            /* per IR instruction: lowered with an earlier one (jit_vmem.c) */
    s390_jit_nzcv_dead_fn nzcv_dead;
    void *ctx;
    uint32_t dead_set_nzcv;   /* index of a SET_NZCV no one can observe, or ~0 */
    ir_val subcc;             /* the flags of plan_subcc's SUBS (its pin updated at the branch) */
    /* A SET_NZCV deferred to the exits of the final BRCOND that need it (taken, not taken). */
    bool defer_t, defer_n;
    /* The lazy-record kind this block's conditions on incoming flags expect (K_NZCVREC). */
    int rec_kind;
    struct jit_fpstate fp;
    struct jit_fp_slow *fp_slow; /* FP slow paths emitted after the body (jit_fp.c) */
    struct {
        bool open;
        uint32_t first, last;        /* its IR instructions */
        struct jit_fpstate before;   /* the FP state at its start */
        ir_val owner[16];            /* the host registers live there */
        struct s390_label fail;      /* to its re-run through the helpers */
        uint8_t unchecked;           /* FPRs holding results not yet checked (jit_fp.c) */
    } fpg;                           /* the open FP group (jit_fp.c) */
    uint32_t nfp_slow, capfp_slow;
    bool fail;
};

#define B (J->buf)

/* The pin profile's run counter at a block's entry, and its way out (jit_pins.c). */
void jit_pins_count(struct jctx *J);
void jit_pins_stub(struct jctx *J);

/* Call-clobbered vector registers the lowerings use as scratch. */
enum { VS0 = 16, VS1 = 17, VS2 = 18 };

/* The register holding temp t (loaded into `scratch` if it is a constant or spilled). */
int jit_use(struct jctx *J, ir_val t, int scratch);
/* Placing a result: allocate its register or slot, the register to compute it in, and the
 * store to its spill slot if it has one. */
void jit_alloc_dst(struct jctx *J, ir_val t);
int jit_dst(struct jctx *J, ir_val t);
void jit_dst_done(struct jctx *J, ir_val t, int r);
/* The helper call of IR instruction i (the lowerings' slow path); dst JIT_DST_S0 leaves the
 * result in R_S0 instead of a temp's register. */
#define JIT_DST_S0 ((ir_val)~0u)
void jit_emit_call(struct jctx *J, uint32_t k, const struct ir_insn *i, ir_val dst);
/* The pieces of a helper call whose arguments the caller loads: the caller-saved registers
 * holding temps (J->owner) saved (or restored), and the call of fn with r3-r5 loaded (r2 = the
 * env; the result in r2). */
void jit_save_call_regs(struct jctx *J, bool restore);
void jit_call_fn(struct jctx *J, ir_helper_fn fn);
void jit_load_const(struct jctx *J, int r, uint64_t v);

/* V register r into vector register v: a VL from the CPU state, or a copy of its pinned
 * register (loop mode, J->vpin). */
static inline void jit_vload(struct jctx *J, int v, unsigned r)
{
    if (J->vpin[r] >= 0)
        S390_EMIT(B, VRRa, VLR, v, J->vpin[r], 0, 0, 0);
    else
        S390_EMIT(B, VRX, VL, v, 0, R_ENV, OFF_V(r, 0), 0);
}

/* The vector register holding V register r for reading: its pinned register, else scratch
 * after a VL. */
static inline int jit_vsrc(struct jctx *J, int scratch, unsigned r)
{
    if (J->vpin[r] >= 0)
        return J->vpin[r];
    jit_vload(J, scratch, r);
    return scratch;
}

/* V register r := vector register v (all 128 bits, or the low doubleword and zero when not
 * full): into its pinned register, else stored to the CPU state. */
static inline void jit_vstore(struct jctx *J, int v, unsigned r, bool full)
{
    int p = J->vpin[r];
    if (p >= 0) {
        if (p != v)
            S390_EMIT(B, VRRa, VLR, p, v, 0, 0, 0);
        if (!full)
            S390_EMIT(B, VRIa, VLEIG, p, 0, 1);
        return;
    }
    S390_EMIT(B, VRX, VST, v, 0, R_ENV, OFF_V(r, 0), 0);
    if (!full)
        S390_EMIT(B, SIL, MVGHI, R_ENV, OFF_V(r, 1), 0);
}

/* Whether helper call i has a vector lowering (jit_lower_simd), and the V registers it then
 * reads and writes. */
bool jit_simd_regs(const struct jctx *J, const struct ir_insn *i, uint32_t *reads,
                   uint32_t *writes);
/* The same for the vector FP lane operations jit_lower_fp lowers (jit_fp.c). */
bool jit_fp_vector_regs(const struct jctx *J, const struct ir_insn *i, uint32_t *reads,
                        uint32_t *writes);
/* Such an op's lane format: 1 double, 0 single; -1 when i is none. */
int jit_fp_vector_dbl(const struct jctx *J, const struct ir_insn *i);
/* The vector register v = lane threshold (double or single) in every lane, from f15/f14. */
void jit_fp_vector_threshold(struct jctx *J, int v, int dbl);

/* The FPR cache around other IR ops: before lowering op i (may store the cached values);
 * jit_fp_forget before code that reads or writes V registers in the CPU state (cached values
 * stored and forgotten); jit_fp_end before a helper call or a branch (the FPRs do not survive
 * it); jit_fp_call before and after helper h's call (the inexact flag committed before a
 * helper that uses the FPC or FPSR, the FPC set again after one that may write FPCR). */
void jit_fp_before(struct jctx *J, const struct ir_insn *i);
void jit_fp_call(struct jctx *J, unsigned h, bool after);
/* FCMP/FCMPE fused with what reads its flags (K_FCMP): whether helper call i is one; its
 * compare made here, returning the mask of Arm condition cond; its NZCV made here in r0. */
bool jit_fp_is_compare(struct jctx *J, const struct ir_insn *i);
int jit_fp_compare(struct jctx *J, const struct ir_insn *i, unsigned cond);
void jit_fp_compare_nzcv(struct jctx *J, const struct ir_insn *i);
/* For the trampolines: the FPC guard (FPC and the f14/f15 thresholds from FPCR, r1 scratch),
 * the commit of the FPC's pending flags to FPSR (cleared too when `clear`), and whether helper
 * h uses the FPC or FPSR. */
void s390_jit_fpc_guard(struct s390_buf *buf);
void s390_jit_fpc_commit_ixc(struct s390_buf *buf, bool poison_check, bool clear);
bool s390_jit_helper_uses_fpc(unsigned h);
/* The FP ops' slow paths queued during the body, emitted after it. */
void jit_fp_emit_slow(struct jctx *J);
/* A fault stub's write-back of the FP state s recorded at its access. */
void jit_fp_stub(struct jctx *J, const struct jit_fpstate *s);
void jit_fp_forget(struct jctx *J);
void jit_fp_end(struct jctx *J);

/* Base temp and displacement of guest address temp t (true if the address was folded). */
bool jit_addr_parts(struct jctx *J, ir_val t, ir_val *base, int32_t *disp);
/* A 128-bit guest access at address temp addr between vector register v and the guest's
 * memory (a load fills v, a store writes it, and its fault path re-reads V[vreg]), with its
 * bounds check and precise-fault path. */
void jit_access_q(struct jctx *J, uint32_t pcoff, ir_val addr, bool store, unsigned vreg,
                  int v);
/* Instruction k and the ones after it that form a 128-bit access or a whole-register
 * operation, lowered together (jit_vmem.c); the others are marked in J->done. */
bool jit_lower_vmem(struct jctx *J, uint32_t k);

/* The lowerings: true if instruction k (an IR_CALL) was lowered natively. */
bool jit_lower_fp(struct jctx *J, uint32_t k, const struct ir_insn *i);
bool jit_lower_simd(struct jctx *J, const struct ir_insn *i);

/* The analysis and plans of a block (jit_analyse.c), on the per-thread scratch buffer
 * (jit_scratch_reserve for nt temps and n instructions, then jit_carve). */
bool jit_scratch_reserve(size_t nt, size_t n);
void *jit_carve(size_t n, size_t size);
/* Copy propagation and common subexpressions on the JIT's copy b of the block (nt temps; cv
 * and isc: each temp's constant value and whether it has one; repl: temp -> its replacement). */
void jit_simplify(struct ir_block *b, uint32_t nt, uint64_t *cv, uint8_t *isc, ir_val *repl);
bool jit_analyse(struct jctx *J);
void jit_plan_block(struct jctx *J);
/* Shared with the analysis (jit_compile.c): the C function of a pure op (NULL if not one), the
 * branch mask of Arm condition cc after the fused compare of flag producer op (-1 if none),
 * the IR op a lazy record's kind stands for and the kind a block's predecessors last left. */
ir_helper_fn jit_pure_fn(unsigned op, unsigned type);
int jit_fused_mask(unsigned op, unsigned cc);
unsigned jit_rec_op(int kind);
int jit_rec_hint_get(uint64_t pc);

#endif
