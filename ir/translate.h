/* A64 -> IR translation.  One trans_NAME function per decode-table entry, in
 * files named for the Arm ARM section they implement (trans_*.c).  A function
 * returns false for an encoding it finds unallocated (the caller then discards
 * what it emitted and raises an undefined-instruction exit). */
#ifndef ZARM_IR_TRANSLATE_H
#define ZARM_IR_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/a64.h"
#include "ir.h"

/* Guest features a translation may use (what AT_HWCAP advertises).  el1: the code runs on
 * a machine vCPU that models EL1 (system registers, exception return, WFI); false for
 * user-mode programs, whose translation it leaves unchanged. */
struct ir_features {
    bool lse, crc32, rcpc, fp, asimd;
    bool el1;
};

struct ir_tctx {
    struct ir_block *b;
    uint64_t pc;      /* address of the instruction being translated */
    bool end;         /* the instruction ended the block */
    const struct ir_features *feat;
};

typedef bool (*a64_trans_fn)(struct ir_tctx *t, const struct a64_insn *in);

/* Every decode line but the UNALLOC ones has a translator. */
#define A64_TRANS_PROTO(name) bool trans_##name(struct ir_tctx *t, const struct a64_insn *in);
#define A64_CLASS_UNALLOC(X, name)
#define A64_CLASS_INT(X, name) X(name)
#define A64_CLASS_BRANCH(X, name) X(name)
#define A64_CLASS_SYS(X, name) X(name)
#define A64_CLASS_LDST(X, name) X(name)
#define A64_CLASS_LSE(X, name) X(name)
#define A64_CLASS_V81(X, name) X(name)
#define A64_CLASS_CRC(X, name) X(name)
#define A64_CLASS_FPLDST(X, name) X(name)
#define A64_CLASS_SIMD(X, name) X(name)
#define A64_CLASS_FP(X, name) X(name)
#define A64_CLASS_CRYPTO(X, name) X(name)
#define A64(name, cls, pat) A64_CLASS_##cls(A64_TRANS_PROTO, name)
#include "decode/a64.def"
#undef A64

/* Reads one instruction word of guest code; returns false if it cannot be fetched. */
typedef bool (*ir_fetch_fn)(void *ctx, uint64_t pc, uint32_t *word);

#define IR_MAX_BLOCK_INSNS 128

/* Translates the block at pc into b (initialised here) and optimises it.
 * Always produces a terminated block: undefined or unfetchable instructions
 * become exits. */
void ir_translate_block(struct ir_block *b, uint64_t pc, const struct ir_features *feat,
                        ir_fetch_fn fetch, void *ctx);
/* The same without ir_optimize: what the builder made (the first tier lowers it as it is). */
void ir_build_block(struct ir_block *b, uint64_t pc, const struct ir_features *feat,
                    ir_fetch_fn fetch, void *ctx);

/* --- helpers for trans_*.c --- */
/* Xn/Wn reads (register 31 reads zero) and writes (register 31 discards). */
ir_val tr_read_x(struct ir_tctx *t, unsigned r);
/* Register 31 is SP. */
ir_val tr_read_xsp(struct ir_tctx *t, unsigned r);
void tr_write_x(struct ir_tctx *t, unsigned r, ir_val v);
void tr_write_xsp(struct ir_tctx *t, unsigned r, ir_val v);
/* Writes a 32-bit result: zero-extends it first if it might not be. */
void tr_write_w(struct ir_tctx *t, unsigned r, ir_val v);
/* Ends the block with a jump to pc. */
void tr_goto(struct ir_tctx *t, uint64_t pc);
/* 1 if Arm condition `cond` holds now. */
ir_val tr_cond(struct ir_tctx *t, unsigned cond);
/* Raises an exit at the current instruction (BRK, UDF...) or after it (SVC). */
void tr_exit(struct ir_tctx *t, enum ir_exit reason, uint64_t pc, ir_val info);

#endif
