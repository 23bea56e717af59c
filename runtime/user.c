/* The public user-mode API: create a process, load a program, run it. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hw.h"
#include "rt.h"

void zarm_user_options_init(struct zarm_user_options *o)
{
    memset(o, 0, sizeof *o);
    o->log_fd = 2;
}

int rt_error(struct zarm_user *u, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->err, sizeof u->err, fmt, ap);
    va_end(ap);
    return code;
}

void rt_log(struct zarm_user *u, const char *fmt, ...)
{
    if (!u->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(u->log, fmt, ap);
    va_end(ap);
}

const char *zarm_user_error(const struct zarm_user *u) { return u ? u->err : "out of memory"; }
enum zarm_engine zarm_user_engine(const struct zarm_user *u) { return u->engine; }

int zarm_user_term_signal(const struct zarm_user *u) { return u->term_signal; }

const char *zarm_engine_name(enum zarm_engine e)
{
    switch (e) {
    case ZARM_ENGINE_AUTO: return "auto";
    case ZARM_ENGINE_INTERP: return "interp";
    case ZARM_ENGINE_JIT: return "jit";
    case ZARM_ENGINE_HW: return "hw";
    }
    return "?";
}

int zarm_engine_available(enum zarm_engine e, const char **why_not)
{
    const char *why = NULL;
    switch (e) {
    case ZARM_ENGINE_AUTO:
    case ZARM_ENGINE_INTERP:
        break;
    case ZARM_ENGINE_JIT:
        if (!s390_jit_available(&why) && !why)
            why = "the s390x JIT is not available on this host";
        break;
    case ZARM_ENGINE_HW:
        if (rt_hw_available(&why) != ZARM_OK && !why)
            why = "hardware-assisted execution is not available here";
        break;
    }
    if (why_not)
        *why_not = why;
    return why ? ZARM_E_ENGINE : ZARM_OK;
}

/* A tiering threshold in runs: the option if set, else the environment variable, else the
 * default; 0 or less is 0 (no counting), and it is capped at a million. */
static uint32_t run_count(long option, const char *var, long dflt)
{
    const char *env = getenv(var);
    long n = option ? option : env && *env ? strtol(env, NULL, 10) : dflt;
    return n > 0 ? (uint32_t)(n < 1000000 ? n : 1000000) : 0;
}

int zarm_user_create(const struct zarm_user_options *o, struct zarm_user **out)
{
    struct zarm_user *u = calloc(1, sizeof *u);
    *out = u;
    if (!u)
        return ZARM_E_NOMEM;
    u->opt = *o;
    pthread_mutex_init(&u->threads_lock, NULL);
    pthread_mutex_init(&u->cache_lock, NULL);
    pthread_cond_init(&u->threads_cv, NULL);
    const char *why;
    /* Before anything asks whether the JIT can run: the cap decides what it may use. */
    if (o->cpu_facilities && s390_facilities_set_cap(o->cpu_facilities, &why) != 0)
        return rt_error(u, ZARM_E_INVAL, "--cpu-facilities=%s: %s", o->cpu_facilities, why);
    if (zarm_engine_available(o->engine, &why) != ZARM_OK)
        return rt_error(u, ZARM_E_ENGINE, "--engine=%s: %s", zarm_engine_name(o->engine), why);
    u->engine = ZARM_ENGINE_INTERP;
    /* auto: the JIT where the host runs it, else the interpreter. */
    if (o->engine == ZARM_ENGINE_JIT ||
        (o->engine == ZARM_ENGINE_AUTO && s390_jit_available(NULL)))
        u->engine = ZARM_ENGINE_JIT;
    const char *derr;
    if (a64_decode_init(&derr) != 0)
        return rt_error(u, ZARM_E_INVAL, "%s", derr);
    if (o->log_mask) {
        int fd = dup(o->log_fd >= 0 ? o->log_fd : 2);
        u->log = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (u->log)
            setvbuf(u->log, NULL, _IOLBF, 0);
    }
    if (!(u->env = ir_env_new()))
        return rt_error(u, ZARM_E_NOMEM, "out of memory");
    uint64_t size = o->guest_mem_size ? o->guest_mem_size : RT_DEFAULT_MEM_SIZE;
    int r = rt_mem_init(&u->mem, size);
    if (r)
        return rt_error(u, ZARM_E_NOMEM, "cannot reserve %llu bytes of guest address space: %s",
                        (unsigned long long)size, strerror(-r));
    if (rt_cache_init(&u->cache))
        return rt_error(u, ZARM_E_NOMEM, "out of memory");
    /* hw: forced, or auto's first choice when the host has an arm64 KVM (hw.c). */
    if (o->engine == ZARM_ENGINE_HW || o->engine == ZARM_ENGINE_AUTO) {
        int hr = rt_hw_select(u);
        if (hr)
            return hr;
    }
    /* The interpreter's tiering: $ZARM_INTERP_WARM, else the default (0: lowered at once). */
    u->interp_warm = run_count(0, "ZARM_INTERP_WARM", RT_WARM_RUNS);
    if (u->engine == ZARM_ENGINE_JIT) {
        const char *jerr = NULL;
        /* ZARM_JIT_CODE_KB shrinks the code cache, to exercise flush-all in tests. */
        uint64_t code_bytes = RT_JIT_CODE_BYTES;
        const char *kb = getenv("ZARM_JIT_CODE_KB");
        if (kb && strtoull(kb, NULL, 10) >= 16)
            code_bytes = strtoull(kb, NULL, 10) << 10;
        if (s390_jit_create(&u->cache.jit, code_bytes, &jerr) != 0) {
            if (o->engine == ZARM_ENGINE_JIT)
                return rt_error(u, ZARM_E_ENGINE, "--engine=jit: %s", jerr);
            u->engine = ZARM_ENGINE_INTERP;
        } else {
            if (o->no_insn_count)
                s390_jit_set_insn_count(u->cache.jit, false);
            /* Nothing stops this thread asynchronously until it installs a signal handler or
             * makes a second thread (rt_jit_need_polls). */
            s390_jit_set_polls(u->cache.jit, false);
            /* The process's one JIT owns the side area of its guest window (VM mode has a
             * JIT per vCPU over one window, and keeps the cache's own table). */
            s390_jit_place_jcache(u->cache.jit, u->mem.side, RT_MEM_SIDE,
                                  -(int64_t)RT_MEM_SIDE_DISP);
        }
        /* Tiering threshold: the option, else $ZARM_JIT_HOT, else the default (0: at once). */
        u->jit_hot = run_count(o->jit_hot, "ZARM_JIT_HOT", RT_JIT_HOT_DEFAULT);
        if (u->cache.jit)
            s390_jit_profile_pins(u->cache.jit,
                                  run_count(0, "ZARM_JIT_PIN_RUNS", RT_JIT_PIN_RUNS));
    }
    u->feat = (struct ir_features){.lse = true, .crc32 = true, .rcpc = true, .fp = true,
                                   .asimd = true};
    return ZARM_OK;
}

void zarm_user_destroy(struct zarm_user *u)
{
    if (!u)
        return;
    rt_disasm_close(u);
    rt_hw_destroy(u);
    rt_cache_destroy(&u->cache);
    s390_jit_destroy(u->cache.jit);
    rt_disasm_host_close(u);
    rt_mem_destroy(&u->mem);
    if (u->log)
        fclose(u->log);
    /* Other threads' state (their host threads ended before zarm_user_run returned). */
    for (struct rt_thread *t = u->threads, *n; t; t = n) {
        n = t->next;
        if (t != &u->main) {
            ir_env_free(t->env);
            free(t);
        }
    }
    ir_env_free(u->env);
    free(u);
}

void zarm_user_stats(const struct zarm_user *u, struct zarm_stats *s)
{
    memset(s, 0, sizeof *s);
    s->guest_insns = u->env ? u->env->insns : 0;
    s->helper_calls = u->env ? u->env->helper_calls : 0;
    s->blocks_translated = u->cache.translated;
    s->invalidations = u->cache.invalidations;
    s->blocks_dropped = u->cache.dropped;
    s->cache_blocks = u->cache.count;
    s->cache_bytes = u->cache.bytes;
    s->syscalls = u->syscalls;
    s->engine_exits = u->engine_exits;
    if (u->cache.jit) {
        struct s390_jit_stats js;
        s390_jit_get_stats(u->cache.jit, &js);
        s->jit_fallback_blocks = js.fallback_blocks;
        s->jit_pin_reviews = js.pin_reviews;
        s->jit_pins_changed = js.pins_changed;
        s->jit_nglobal_pins = js.nglobal_pins;
        s->jit_stop_polls = js.polls;
        memcpy(s->jit_global_pins, js.global_pins, sizeof s->jit_global_pins);
    }
    rt_hw_stats(u, s);
}

void zarm_invalidate(struct zarm_user *u, uint64_t addr, uint64_t len)
{
    pthread_mutex_lock(&u->cache_lock);
    rt_cache_invalidate(&u->cache, addr, len);
    pthread_mutex_unlock(&u->cache_lock);
    rt_hw_invalidate(u, addr, len);
}
