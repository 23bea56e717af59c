/* ir/: the typed IR every translator engine shares.
 *
 * A block is a straight-line list of instructions in SSA form (each temp is
 * written once) ending in exactly one terminator.  Guest register reads and
 * writes are explicit ops (GET/SET, GET_NZCV/SET_NZCV); the passes in opt.c
 * remove the redundant ones.  Ops are listed once in ops.def. */
#ifndef ZARM_IR_H
#define ZARM_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum ir_opcode {
#define IR_BIN(n, e32, e64) IR_##n,
#define IR_UN(n, e32, e64) IR_##n,
#define IR_OP(n, nargs, flags) IR_##n,
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    IR_NUM_OPS
};

enum { IRF_SIDE = 1, IRF_FAULT = 2, IRF_TERM = 4 };
enum ir_type { IR_I32 = 0, IR_I64 = 1 };
/* Set in a LOAD's imm to sign-extend the loaded value to the op's type. */
#define IR_MEM_SIGNED 0x100
/* GET/SET slot of PSTATE's NZCV is separate (GET_NZCV); these are the slots GET takes. */
#define IR_SLOT_SP 31
#define IR_SLOT_PC 32

/* Reasons a block leaves to the runtime (EXIT's imm, and ir_env.exit). */
enum ir_exit {
    IR_EXIT_NONE = 0,
    IR_EXIT_SVC,     /* info = imm16; pc = next instruction */
    IR_EXIT_BRK,     /* info = imm16; pc = the BRK */
    IR_EXIT_HLT,
    IR_EXIT_UDF,     /* undefined instruction; pc = it, info = the word */
    IR_EXIT_FAULT,   /* data abort; info = guest address, pc = the instruction */
    IR_EXIT_IFETCH,  /* instruction fetch abort at pc */
    IR_EXIT_SYNC,    /* runtime action needed; pc = next.  IC IVAU: info = address; IC IALLU
                      * (EL1): info = IR_SYNC_ALL */
    IR_EXIT_BUDGET,  /* instruction budget or a kick: pc = next block */
    IR_EXIT_HVC,
    IR_EXIT_SMC,
    IR_EXIT_WFI,     /* EL1: WFI (info 0) or WFE (info 1); pc = it (the runtime steps over) */
    IR_EXIT_ALIGN,   /* alignment fault (exclusives, atomics, acquire/release); info = address */
    /* EL1 translations only (ir_features.el1): */
    IR_EXIT_ERET,    /* ERET at EL1; pc = the ERET (the runtime's rt_el1_eret returns) */
    IR_EXIT_SYSREG,  /* MRS/MSR/SYS the translator does not model; pc = the instruction,
                      * info = IR_SYSREG_INFO(enc, Rt, is_write) */
    IR_EXIT_COUNT
};

/* IR_EXIT_SYSREG's info: enc is op0:op1:CRn:CRm:op2 in bits 15:0 (op0 = 1 for SYS, 2 or 3 for
 * MRS/MSR), as in KVM's ARM64_SYS_REG index; Rt in bits 20:16; bit 21 set for MSR and SYS
 * (a write of Xt), clear for MRS (the handler writes Xt, unless Rt is 31). */
#define IR_SYSREG_INFO(enc, rt, is_write)                                                          \
    ((uint64_t)(enc) | (uint64_t)(rt) << 16 | (uint64_t)(is_write) << 21)
/* IR_EXIT_SYNC's info for IC IALLU/IALLUIS (EL1): every translation is stale. */
#define IR_SYNC_ALL (~0ull)

typedef uint32_t ir_val; /* temp number; 0 = none */

struct ir_insn {
    uint16_t op;
    uint8_t type;
    uint8_t nargs;
    uint32_t pcoff;   /* byte offset of the guest instruction from the block's pc */
    ir_val dst;
    ir_val arg[3];
    uint64_t imm, imm2;
};

/* GET/SET slots the builder forwards (x0..x30, sp, pc, pstate) and NZCV after them. */
#define IR_FWD_SLOTS 35
#define IR_FWD_NZCV 34

struct ir_block {
    uint64_t pc;        /* guest address of the first instruction */
    uint32_t ninsns;    /* guest instructions */
    uint32_t nbytes;    /* guest bytes covered */
    /* Bytes [gap_at, gap_at + gap_len) of them are skipped: the block followed a B over them
     * (translate.c); gap_len 0: none. */
    uint32_t gap_at, gap_len;
    uint32_t n, cap;    /* IR instructions */
    uint32_t ntemps;    /* temps are 1..ntemps */
    struct ir_insn *insn;
    uint32_t cur_pcoff; /* pcoff stamped on instructions being emitted */
    /* While the block is built, every instruction takes the next temp number, so temp t is
     * made by insn[t - 1] (the builder checks that before relying on it); fwd holds the value
     * each register slot is known to have (0: not known), so a GET of it emits nothing. */
    ir_val fwd[IR_FWD_SLOTS];
};

/* Arity and flags of each op, from ops.def (builder.c). */
struct ir_op_info {
    const char *name;
    uint8_t nargs, flags;
};
extern const struct ir_op_info ir_op_info[IR_NUM_OPS];
static inline const char *ir_op_name(unsigned op)
{
    return op < IR_NUM_OPS ? ir_op_info[op].name : "?";
}
static inline unsigned ir_op_nargs(unsigned op) { return op < IR_NUM_OPS ? ir_op_info[op].nargs : 0; }
static inline unsigned ir_op_flags(unsigned op) { return op < IR_NUM_OPS ? ir_op_info[op].flags : 0; }

/* Of a block's ninsns guest instructions, those from the one at pcoff on (its gap skipped):
 * what did not run when that one faulted or its helper left. */
static inline uint32_t ir_insns_from(uint32_t ninsns, uint32_t pcoff, uint32_t gap_at,
                                     uint32_t gap_len)
{
    return ninsns - (pcoff - (pcoff > gap_at ? gap_len : 0)) / 4;
}
static inline uint32_t ir_block_insns_from(const struct ir_block *b, uint32_t pcoff)
{
    return ir_insns_from(b->ninsns, pcoff, b->gap_at, b->gap_len);
}

/* BRCOND2's third way: the instruction after the block's last (its second branch). */
static inline uint64_t ir_brcond2_next(const struct ir_block *b) { return b->pc + b->nbytes; }

/* The register slot a GET/SET (0..33) or GET_NZCV/SET_NZCV (IR_FWD_NZCV) names; -1 for any
 * other instruction.  The passes track guest registers by it. */
static inline int ir_slot_key(const struct ir_insn *i)
{
    switch (i->op) {
    case IR_GET:
    case IR_SET:
        return i->imm < IR_FWD_NZCV ? (int)i->imm : -1;
    case IR_GET_NZCV:
    case IR_SET_NZCV:
        return IR_FWD_NZCV;
    default:
        return -1;
    }
}

/* Builder (builder.c). */
void ir_block_init(struct ir_block *b, uint64_t pc);
void ir_block_free(struct ir_block *b);
ir_val ir_emit(struct ir_block *b, unsigned op, unsigned type, ir_val a, ir_val b2, ir_val c,
               uint64_t imm, uint64_t imm2);
ir_val ir_const(struct ir_block *b, uint64_t value);
ir_val ir_bin(struct ir_block *b, unsigned op, unsigned type, ir_val x, ir_val y);
ir_val ir_bini(struct ir_block *b, unsigned op, unsigned type, ir_val x, uint64_t y);
ir_val ir_un(struct ir_block *b, unsigned op, unsigned type, ir_val x);
ir_val ir_get(struct ir_block *b, unsigned slot);
void ir_set(struct ir_block *b, unsigned slot, ir_val v);
ir_val ir_get_nzcv(struct ir_block *b);
void ir_set_nzcv(struct ir_block *b, ir_val v);
ir_val ir_load(struct ir_block *b, unsigned type, ir_val addr, unsigned size, bool sign);
void ir_store(struct ir_block *b, ir_val addr, ir_val v, unsigned size);
/* A helper that may raise a guest exception or touch guest memory (CALLX). */
ir_val ir_call(struct ir_block *b, unsigned helper, ir_val a, ir_val b2, ir_val c);
/* A helper that cannot fault and reads no guest memory (CALL). */
ir_val ir_call_pure(struct ir_block *b, unsigned helper, ir_val a, ir_val b2, ir_val c);
void ir_goto(struct ir_block *b, uint64_t pc);
void ir_brcond(struct ir_block *b, ir_val c, uint64_t taken, uint64_t not_taken);
void ir_goto_ind(struct ir_block *b, ir_val target);
/* Leaves to the runtime with `reason`; the CPU's pc is set to `pc` and ir_env.exit_info
 * to the value of `info` (0 = none). */
void ir_exit(struct ir_block *b, enum ir_exit reason, uint64_t pc, ir_val info);
bool ir_block_terminated(const struct ir_block *b);
/* Frees what translating kept for the calling thread (the builder's spare instruction
 * array, the passes' scratch arrays): for a thread that is about to end. */
void ir_thread_release(void);
void ir_block_release_spare(void);
/* Drops the instructions from index `mark` on (a translator that gave up half-way). */
void ir_block_truncate(struct ir_block *b, uint32_t mark);

/* Printer (print.c): one line per instruction, for -d ir. */
void ir_print(FILE *f, const struct ir_block *b);

/* The builder forwards register values (a GET of a register the block already holds emits
 * nothing), folds pure ops on constants and turns a branch on a constant into a jump.
 * Passes (opt.c), one backward walk: dead SETs (NZCV too: dead-flag elimination) and unused
 * pure results are removed. */
void ir_optimize(struct ir_block *b);

#endif
