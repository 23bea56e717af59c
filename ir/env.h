/* The execution context every translator engine runs a vCPU in: the one CPU
 * state, followed by the interpreter's temp slots, then the guest memory window
 * and the exit record.  The runtime embeds it in its vCPU. */
#ifndef ZARM_IR_ENV_H
#define ZARM_IR_ENV_H

#include <stdint.h>

#include "ir.h"
#include "zarm/cpu.h"

#define IR_MAX_TEMP_SLOTS 512

struct ir_iblock;
struct ir_env;

typedef uint64_t (*ir_helper_fn)(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c);

struct ir_env {
    struct zarm_cpu cpu;                 /* must be first: interpreter slots index it */
    uint64_t tmp[IR_MAX_TEMP_SLOTS];
    /* Guest memory: guest address x lives at host mem + x for x < mem_size. */
    uint8_t *mem;
    uint64_t mem_size;
    /* Why the engine stopped (enum ir_exit) and the detail (syscall number,
     * fault address, instruction word...). */
    uint32_t exit;
    uint64_t exit_info;
    /* Set by another thread or a signal handler to stop at the next block (through
     * ir_env_interrupt, which also closes the poll page). */
    volatile uint32_t interrupt;
    /* The poll page (env.c): its size (0: an env not from ir_env_new, no page), armed by a
     * request, hit (set by translated code that found it closed). */
    uint32_t poll_size;
    volatile uint32_t poll_armed;
    volatile uint8_t poll_hit;
    /* Translation-cache generation; chained links made in an older generation
     * are stale (zarm_invalidate bumps it). */
    const volatile uint64_t *cache_gen;
    /* Finds or makes the interpreter block for pc; NULL with exit set if the
     * code cannot be fetched. */
    struct ir_iblock *(*lookup)(struct ir_env *env, uint64_t pc);
    void *runtime;                       /* the runtime's vCPU */
    /* System-register access the helpers do not model (MRS/MSR). */
    int (*sysreg)(struct ir_env *env, uint32_t enc, int is_write, uint64_t *val);
    /* Statistics. */
    uint64_t insns;
    uint64_t helper_calls;
    /* The interpreter's block, set as it enters one (it counts the block whole then): after
     * a host fault in it, the runtime takes back the instructions from the faulting one on. */
    const struct ir_iblock *running;
};

/* Below the env, ir_env_new leaves IR_ENV_STACK bytes of stack (the JIT runs its frame and its
 * helper calls there, addressing the env from r15), and below that the poll page: translated
 * code's stop test loads from env + IR_ENV_POLL_OFF (env.c). */
#define IR_ENV_STACK (256 * 1024)
#define IR_ENV_POLL_OFF (-IR_ENV_STACK - 4096)
/* A zeroed env with its poll page; NULL when out of memory. */
struct ir_env *ir_env_new(void);
void ir_env_free(struct ir_env *env);
/* Copies a CPU state and its context into another env (not its poll page). */
void ir_env_copy(struct ir_env *to, const struct ir_env *from);
/* Requests a stop at the next block (async-signal-safe), and clears the request. */
void ir_env_interrupt(struct ir_env *env);
void ir_env_interrupt_clear(struct ir_env *env);

/* Slot number (in 64-bit units from the start of the env) of a temp slot. */
#define IR_TMP_SLOT0 ((unsigned)(__builtin_offsetof(struct ir_env, tmp) / 8))

/* Guest memory access with bounds check; return 0 on success, -1 after setting
 * env->exit = IR_EXIT_FAULT and exit_info. */
static inline uint8_t *ir_guest_ptr(struct ir_env *env, uint64_t addr, uint64_t size)
{
    if (addr >= env->mem_size || env->mem_size - addr < size) {
        env->exit = IR_EXIT_FAULT;
        env->exit_info = addr;
        return 0;
    }
    return env->mem + addr;
}

enum ir_helper_id {
#define IR_HELPER(n) IR_HELPER_##n,
#include "helpers.def"
#undef IR_HELPER
    IR_NUM_HELPERS
};
#define IR_HELPER(n) uint64_t helper_##n(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c);
#include "helpers.def"
#undef IR_HELPER
extern const ir_helper_fn ir_helpers[IR_NUM_HELPERS];
const char *ir_helper_name(unsigned id);

#endif
