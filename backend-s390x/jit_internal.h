/* Shared by the JIT's code generator and its code cache: the frame layout, the fixed host
 * registers and the code cache structure. */
#ifndef ZARM_S390_JIT_INTERNAL_H
#define ZARM_S390_JIT_INTERNAL_H

#include "backend-s390x/jit.h"
#include "backend-s390x/s390_emit.h"

/* Pinned host registers (README: register conventions).  r15 addresses both the frame and the
 * env, which lies JIT_ENV bytes above it: the entry trampoline moves r15 into the stack
 * ir_env_new leaves below the env, so r13 is free for a guest register. */
enum { R_ENV = 15, R_GBASE = 12, R_GSIZE = 11 };
/* Scratch registers of the code generator; never allocated to IR temps. */
enum { R_S0 = 0, R_S1 = 1, R_S14 = 14 };

/* Frame of generated code, just below the env (at the top of the env's stack, where helpers'
 * frames go below it): the ABI area for helper calls, a save area for r2-r5 around calls,
 * then spill slots, the lazy flags record and the caller's r15. */
#define JIT_SAVE_R2 160
#define JIT_SPILL0 (JIT_SAVE_R2 + 32)
#define JIT_NSPILL 128
/* Lazy flags: a SET_NZCV of a compare records its kind and operands here; NZCV is computed
 * (s390_jit_lazy_nzcv) only when read: by GET_NZCV, or on the way out to the runtime. */
#define JIT_LAZY_KIND (JIT_SPILL0 + 8 * JIT_NSPILL)
#define JIT_LAZY_A (JIT_LAZY_KIND + 8)
#define JIT_LAZY_B (JIT_LAZY_KIND + 16)
#define JIT_CALLER_SP (JIT_LAZY_KIND + 24)
#define JIT_CALLER_FPC (JIT_CALLER_SP + 8) /* the caller's FPC, set again on the way out */
#define JIT_CALLER_F13 (JIT_CALLER_FPC + 8) /* and its f13-f15 (callee-saved) */
#define JIT_FRAME (JIT_CALLER_F13 + 24)
/* The env's offset from r15. */
#define JIT_ENV JIT_FRAME
_Static_assert(JIT_FRAME + 4096 <= IR_ENV_STACK, "the frame and helper calls fit the stack");
/* JIT_LAZY_IMM: the second operand is a constant of -128..127, kept in the kind's second byte
 * (one MVGHI stores both) instead of at JIT_LAZY_B. */
enum { JIT_LAZY_SUB = 1, JIT_LAZY_ADD = 2, JIT_LAZY_LOGIC = 3, JIT_LAZY_32 = 4, JIT_LAZY_IMM = 8 };
uint64_t s390_jit_lazy_nzcv(struct ir_env *env, uint64_t kind, uint64_t a, uint64_t b);

/* A block's code starts with its stop test (LY r0 from the env's poll page, which faults while
 * a stop is requested): the checked entry.  Forward links enter this many bytes later. */
#define JIT_CHECK_BYTES 6

/* The indirect-branch cache: direct-mapped on (pc >> 2), 16-byte entries {pc, code}. */
#define JIT_JCACHE_BITS 12
#define JIT_JCACHE_ENTRIES (1u << JIT_JCACHE_BITS)

/* Global pins: guest register slot -> host register in all generated code.  SP keeps r10; the
 * others start as X30, X0-X3, X19 and may be chosen again once, from a profile of the compiled
 * blocks' runs (s390_jit_profile_pins, s390_jit_review_pins in jit_pins.c). */
#define JIT_NGLOBAL_PINS 7
struct jit_global_pin {
    uint8_t slot;
    int8_t reg;
};
/* A review changes the pins only if the new ones would save this many percent of the
 * loads and stores the current ones save. */
#define JIT_PIN_GAIN_PCT 115
/* Blocks that can take part in a pin profile (a run counter each in the data region). */
#define JIT_PROF_BLOCKS 8192u

struct s390_jit {
    uint8_t *map;           /* one mapping: code region, then the data region */
    size_t map_size;
    uint8_t *code;          /* code region (RX, flipped to RW to write) */
    size_t code_size, used, fixed; /* fixed: bytes of trampolines at the start */
    uint64_t *jcache;       /* data region (RW, never executable), or s390_jit_place_jcache's */
    int32_t jcache_gdisp;   /* that table's address minus guest_base (r12), or 0 */
    uintptr_t enter, common_exit, fault_tail, helper_tail, interrupt_tail;
    const struct s390_facilities *fac;
    /* Blocks in code address order (NULL once freed), for host pc -> block. */
    struct s390_jit_block **blocks;
    uint32_t nblocks, cap;
    struct s390_jit_stats stats;
    bool no_insn_count;     /* s390_jit_set_insn_count(j, false): no AGSI per block */
    bool no_polls;          /* s390_jit_set_polls(j, false): no stop-request tests */
    struct jit_global_pin gpin[JIT_NGLOBAL_PINS];
    /* The pin profile: while profiling, a block compiled as blocks[i] (i < JIT_PROF_BLOCKS)
     * counts its runs down from prof_runs in prof_ctr[i]; the first to reach zero sets
     * *prof_due.  prof_use[i]: the slots it reads before writing ([0]) and writes ([1]). */
    bool profiling, pins_changed;
    uint32_t prof_runs, prof_n, pin_reviews; /* prof_n: counters in use */
    int32_t *prof_ctr;
    volatile uint8_t *prof_due;
    uint32_t (*prof_use)[2];
    /* Odd while a page of the code region is writable (a block copied in, a branch patched):
     * the fault hook retries a fetch fault that such a flip may have caused. */
    volatile uint32_t flip_seq;
};

/* Code generation into buf, whose bytes will live at host address `at`. */
struct s390_jit_block *s390_jit_codegen(struct s390_jit *j, const struct ir_block *b,
                                        struct s390_buf *buf, uintptr_t at,
                                        s390_jit_nzcv_dead_fn nzcv_dead, void *ctx);
/* The trampolines at the start of the code region; rewritten in place for new global pins
 * (with no generated code running: the cache is empty). */
void s390_jit_emit_trampolines(struct s390_jit *j, struct s390_buf *buf, uintptr_t at);
void s390_jit_rewrite_trampolines(struct s390_jit *j);
/* The pin profile (jit_pins.c): the starting pins, and a compiled block's counter and uses. */
void s390_jit_default_pins(struct s390_jit *j);
void jit_pins_note(struct s390_jit *j, const struct s390_jit_block *blk, const struct ir_block *b);

#endif
