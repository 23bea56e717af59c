/* zarm public API: run Arm64 code on this host.
 *
 * This header is all that cli/ uses.  Every function returns 0 on success or a
 * negative ZARM_E* code; the message for the last failure of an object is
 * available from zarm_user_error().  Nothing in the library prints (except the
 * debug log the caller asks for) or exits. */
#ifndef ZARM_ZARM_H
#define ZARM_ZARM_H

#include <stddef.h>
#include <stdint.h>

#include "zarm/cpu.h"

#ifdef __cplusplus
extern "C" {
#endif

enum zarm_engine {
    ZARM_ENGINE_AUTO = 0, /* hardware if the host offers it, else the JIT, else the interpreter */
    ZARM_ENGINE_INTERP,
    ZARM_ENGINE_JIT,
    ZARM_ENGINE_HW,
};

/* Debug log items (-d). */
enum zarm_log_item {
    ZARM_LOG_IN_ASM = 1 << 0,  /* guest code of each translated block (capstone) */
    ZARM_LOG_OUT_ASM = 1 << 1, /* host code of each translated block */
    ZARM_LOG_IR = 1 << 2,      /* IR of each translated block */
    ZARM_LOG_EXEC = 1 << 3,    /* each block entered from the dispatcher */
    ZARM_LOG_UNIMP = 1 << 4,   /* unimplemented syscalls and instructions */
    ZARM_LOG_STRACE = 1 << 5,  /* each syscall with its arguments and result */
};

/* Error codes. */
enum {
    ZARM_OK = 0,
    ZARM_E_NOENT = -1,   /* file not found */
    ZARM_E_NOEXEC = -2,  /* not an Arm64 ELF executable, or malformed */
    ZARM_E_ACCES = -3,   /* cannot be read */
    ZARM_E_NOMEM = -4,
    ZARM_E_ENGINE = -5,  /* the requested engine is not available here */
    ZARM_E_INVAL = -6,
};

struct zarm_user_options {
    enum zarm_engine engine;
    unsigned log_mask;        /* enum zarm_log_item bits */
    int log_fd;               /* where the debug log goes (-D); 2 by default */
    const char *sysroot;      /* -L: prefix for the interpreter and absolute paths */
    uint64_t guest_mem_size;  /* bytes of guest address space; 0 = default */
    /* A guest execve of an Arm64 program runs zarm again with these options: */
    const char *self_exe;     /* the zarm program; NULL: /proc/self/exe */
    const char *exec_runner;  /* run it through this program (an emulator); NULL: directly */
    /* Nonzero: the JIT's code does not count guest instructions (one instruction per block
     * saved) and zarm_stats.guest_insns means nothing.  The CLI sets it unless --stats. */
    int no_insn_count;
    /* The s390x facilities the JIT may use, capped: a level (z196, z13, z14, z15, max) or a
     * comma-separated list of levels and facility names; NULL: $ZARM_CPU_FACILITIES. */
    const char *cpu_facilities;
    /* Tiering of the JIT: a block runs this many times in the interpreter before the JIT
     * compiles it; negative: compiled at once; 0: $ZARM_JIT_HOT, else the default. */
    int jit_hot;
};

struct zarm_stats {
    uint64_t guest_insns;      /* guest instructions executed */
    uint64_t blocks_translated;
    uint64_t invalidations;    /* zarm_invalidate calls that dropped code */
    uint64_t blocks_dropped;
    uint64_t cache_blocks;     /* blocks in the cache at exit */
    uint64_t cache_bytes;      /* bytes of translated code held */
    uint64_t helper_calls;
    uint64_t syscalls;
    uint64_t engine_exits;     /* returns from the engine to the runtime */
    /* The hardware engine (--engine=hw); zero for the others. */
    uint64_t hw_exits;         /* guest exceptions that reached the host */
    uint64_t hw_handovers;     /* blocks handed to the translator */
    uint64_t hw_reg_transfers; /* KVM_{GET,SET}_ONE_REG calls (lazy register moves) */
    uint64_t hw_tlb_flushes;   /* returns to EL0 after stage-1 table edits */
    uint64_t hw_interrupts;    /* guest code interrupted by a host signal (kick, signal) */
    uint64_t hw_vcpus;         /* vCPUs made (one per guest thread) */
    /* The JIT (--engine=jit); zero for the others. */
    uint64_t jit_fallback_blocks; /* blocks the JIT could not compile: run by the interpreter */
    uint64_t jit_pin_reviews;     /* profiles of the program that chose global pins (0 or 1) */
    int jit_pins_changed;         /* the profile's choice differs from the default pins */
    uint8_t jit_global_pins[8];   /* guest registers kept in host registers in all code */
    unsigned jit_nglobal_pins;    /* (31: SP) */
    int jit_stop_polls;           /* code tests for stop requests (a second thread or a signal
                                   * handler turned them on) */
};

/* A user-mode Linux process running one Arm64 program. */
struct zarm_user;

void zarm_user_options_init(struct zarm_user_options *o);
/* Creates the process; on failure *out is still set (for zarm_user_error) unless
 * memory ran out, and must be destroyed. */
int zarm_user_create(const struct zarm_user_options *o, struct zarm_user **out);
void zarm_user_destroy(struct zarm_user *u);
/* Loads an executable with its arguments and environment (argv[0] is what the
 * guest sees as its name). */
int zarm_user_load(struct zarm_user *u, const char *path, char *const argv[], char *const envp[]);
/* Runs until the guest exits.  *status is the guest's exit status, or 128+signal
 * if a signal killed it (as a shell reports). */
int zarm_user_run(struct zarm_user *u, int *status);
/* After zarm_user_run: the signal whose default action ended the guest, 0 if it exited.  A
 * runner that stands for the guest process dies of the same signal, so that its parent sees
 * what the guest's parent would (WIFSIGNALED). */
int zarm_user_term_signal(const struct zarm_user *u);
void zarm_user_stats(const struct zarm_user *u, struct zarm_stats *s);
/* The message for the last failure, naming the file and the problem. */
const char *zarm_user_error(const struct zarm_user *u);
/* The engine actually used. */
enum zarm_engine zarm_user_engine(const struct zarm_user *u);
/* Which engines this build and host offer; a one-line reason for those not. */
int zarm_engine_available(enum zarm_engine e, const char **why_not);
const char *zarm_engine_name(enum zarm_engine e);

/* Forgets every translation of guest code in [addr, addr+len).  The one path by
 * which translated code is dropped, for every engine. */
void zarm_invalidate(struct zarm_user *u, uint64_t addr, uint64_t len);

#ifdef __cplusplus
}
#endif
#endif
