/* The env's allocation: [poll page][IR_ENV_STACK bytes of stack][env].
 *
 * Translated code tests for a stop request with one load from the poll page
 * (IR_ENV_POLL_OFF from the env): readable while nothing is requested, made inaccessible by
 * ir_env_interrupt, so that the load faults and the engine's fault hook sends the code to its
 * interrupt stub.  env->interrupt is set too, for the interpreter and the runtime, which test
 * the flag.  The stack between is the s390x JIT's: its frame sits right below the env, so one
 * register addresses both, and the C helpers it calls run below that. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ir/env.h"

/* The poll page: a host page (or more) ending IR_ENV_STACK bytes below the env. */
static size_t poll_bytes(void)
{
    long page = sysconf(_SC_PAGESIZE);
    return page > 4096 ? (size_t)page : 4096;
}

static uint8_t *poll_page(const struct ir_env *env)
{
    return (uint8_t *)env - IR_ENV_STACK - env->poll_size;
}

static size_t map_size(size_t poll)
{
    return poll + IR_ENV_STACK + ((sizeof(struct ir_env) + poll - 1) / poll) * poll;
}

struct ir_env *ir_env_new(void)
{
    size_t poll = poll_bytes();
    size_t size = map_size(poll);
    uint8_t *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return NULL;
    if (mprotect(map, poll, PROT_READ) != 0) {
        munmap(map, size);
        return NULL;
    }
    struct ir_env *env = (struct ir_env *)(void *)(map + poll + IR_ENV_STACK);
    env->poll_size = (uint32_t)poll;
    return env;
}

void ir_env_free(struct ir_env *env)
{
    if (env)
        munmap(poll_page(env), map_size(env->poll_size));
}

void ir_env_copy(struct ir_env *to, const struct ir_env *from)
{
    uint32_t poll = to->poll_size;
    memcpy(to, from, sizeof *to);
    to->poll_size = poll;
    to->poll_armed = 0;
    to->poll_hit = 0;
}

/* Async-signal-safe: a store and a system call. */
void ir_env_interrupt(struct ir_env *env)
{
    env->interrupt = 1;
    if (!env->poll_size)
        return;
    __atomic_store_n(&env->poll_armed, 1, __ATOMIC_SEQ_CST);
    mprotect(poll_page(env), env->poll_size, PROT_NONE);
}

/* The page goes back to readable when a request was made (armed) or translated code saw it
 * inaccessible (hit: the request may have re-armed it after an earlier clear took the armed
 * mark), then the flag is cleared; the caller looks at what was requested after this. */
void ir_env_interrupt_clear(struct ir_env *env)
{
    if (env->poll_size &&
        (__atomic_exchange_n(&env->poll_armed, 0, __ATOMIC_SEQ_CST) | env->poll_hit)) {
        env->poll_hit = 0;
        mprotect(poll_page(env), env->poll_size, PROT_READ);
    }
    env->interrupt = 0;
}
