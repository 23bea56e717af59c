/* The EL1 cases (cases.h) as a plain executable, for the builds without Criterion: every
 * case on the interpreter and, where generated code runs (s390x), on the JIT.  Exit status
 * 1 if any check fails. */
#include <stdio.h>

#include "backend-s390x/jit.h"

static int failures;

#define EL1_EQ(a, b)                                                                               \
    do {                                                                                           \
        uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                                           \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: %s = 0x%" PRIx64 ", expected 0x%" PRIx64 "\n", __FILE__,      \
                    __LINE__, #a, a_, b_);                                                         \
            failures++;                                                                            \
            return;                                                                                \
        }                                                                                          \
    } while (0)
#include "cases.h"

/* The JIT engine: each block compiled on first use (no direct links: a branch to another
 * block comes back here), blocks the interpreter must run (the JIT declined them) too. */
struct jit_engine {
    struct s390_jit *jit;
    uint64_t gen; /* the rig's cache_gen the blocks belong to */
    uint64_t pc[EL1_MAX_BLOCKS];
    struct s390_jit_block *blk[EL1_MAX_BLOCKS];
    unsigned n;
    unsigned compiled, declined; /* blocks, over all cases */
};

static void jit_drop(struct jit_engine *j)
{
    for (unsigned i = 0; i < j->n; i++)
        if (j->blk[i])
            s390_jit_block_free(j->jit, j->blk[i]);
    j->n = 0;
    s390_jit_jcache_clear(j->jit);
    s390_jit_reset(j->jit);
}

/* The cases set their rig up themselves, so the engine's state lives here. */
static struct jit_engine *jit_state;

static uint32_t el1_engine_jit(struct el1_rig *r)
{
    struct jit_engine *j = jit_state;
    struct ir_env *env = r->env;
    if (j->gen != r->cache_gen) {
        jit_drop(j);
        j->gen = r->cache_gen;
    }
    uint64_t pc = env->cpu.pc;
    unsigned i = 0;
    while (i < j->n && j->pc[i] != pc)
        i++;
    if (i == j->n) {
        if (j->n == EL1_MAX_BLOCKS)
            return env->exit = IR_EXIT_COUNT;
        struct ir_block b;
        bool full = false;
        el1_translate(r, pc, &b);
        j->pc[i] = pc;
        j->blk[i] = s390_jit_compile(j->jit, &b, &full, NULL, NULL);
        ir_block_free(&b);
        if (j->blk[i])
            j->compiled++;
        else
            j->declined++;
        j->n++;
    }
    if (!j->blk[i])
        return el1_engine_interp(r);
    s390_jit_jcache_set(j->jit, pc, j->blk[i]);
    uint64_t x = s390_jit_run(j->jit, env, j->blk[i]);
    /* A link token: the next block's pc is in the CPU state. */
    return x >= S390_JIT_TOKEN_MIN ? IR_EXIT_NONE : (uint32_t)x;
}

typedef void (*el1_case_fn)(struct el1_rig *r, el1_engine_fn engine);
static const struct {
    const char *name;
    el1_case_fn fn;
} cases[] = {
#define EL1_ENTRY(name) {#name, el1_case_##name},
    EL1_CASES(EL1_ENTRY)
#undef EL1_ENTRY
};

static void run_all(const char *engine_name, el1_engine_fn engine, struct jit_engine *j)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct el1_rig *r = malloc(sizeof *r);
        int before = failures;
        cases[k].fn(r, engine);
        if (j) {
            jit_drop(j);
            j->gen = 0;
        }
        el1_rig_free(r);
        free(r);
        printf("%s %s/%s\n", failures == before ? "ok  " : "FAIL", engine_name, cases[k].name);
    }
}

int main(void)
{
    run_all("interp", el1_engine_interp, NULL);
    const char *why = NULL;
    if (s390_jit_available(&why)) {
        struct jit_engine j = {0};
        const char *err = NULL;
        if (s390_jit_create(&j.jit, 1 << 20, &err) != 0) {
            fprintf(stderr, "s390_jit_create: %s\n", err ? err : "?");
            return 1;
        }
        jit_state = &j;
        run_all("jit", el1_engine_jit, &j);
        printf("jit: %u blocks compiled, %u left to the interpreter\n", j.compiled, j.declined);
        /* Every EL1 block is within the JIT's reach: a fallback would test the interpreter. */
        if (j.compiled == 0 || j.declined != 0)
            failures++;
        s390_jit_destroy(j.jit);
    } else {
        printf("jit: not on this host (%s)\n", why ? why : "no s390x");
    }
    return failures != 0;
}
