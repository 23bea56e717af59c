/* tests/vm: the embedding API on one engine.  Runs the scenarios of guest.S, prints every exit
 * and the final registers (stdout: the log the engines are compared by, the interpreter's
 * being the oracle), and checks properties that hold on every engine (stderr: "FAIL: ...",
 * exit status 1): MMIO loads extend what the VMM supplied as the architecture says, stores
 * carry the register's low bytes, immediates and return addresses of exception exits, exact
 * budgets, kicks, invalidation after the VMM rewrites code, hooks, watches, fault syndromes.
 *
 *   vmtest [--engine=E] guest.bin */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "zarm/vm.h"

#define RAM 0x40000000ull
#define RAM_SIZE (1ull << 20)
#define RO_PAGE 0x40100000ull
#define DEV 0x09000000ull
#define ECHO (DEV + 0x800)
#define DONE (DEV + 0xff8) /* a scenario's last write */

enum { T_MMIO, T_EXC, T_BUDGET, T_KICK, T_INVAL, T_HOOK, T_WATCH, T_FAULT, T_EL1, T_SYSREG,
       T_FAULT2, T_SIGNED, T_FLAG, T_VAR, T_FUNC, T_N };

struct t {
    struct zarm_machine *m;
    struct zarm_vcpu *v;
    uint8_t *ram;
    uint64_t tab[T_N];
    int failures;
};

static void fail(struct t *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    t->failures++;
}

#define CHECK(t, cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail(t, __VA_ARGS__);                                                                  \
    } while (0)

static uint64_t reg(struct t *t, unsigned id)
{
    uint64_t v[2] = {0, 0};
    zarm_vcpu_get_reg(t->v, id, v);
    return v[0];
}

static void set_reg_of(struct zarm_vcpu *v, unsigned id, uint64_t val)
{
    zarm_vcpu_set_reg(v, id, &val);
}
static void set_reg(struct t *t, unsigned id, uint64_t val) { set_reg_of(t->v, id, val); }

static const char *const reason_names[] = {
    [ZARM_EXIT_MMIO] = "MMIO", [ZARM_EXIT_SVC] = "SVC",       [ZARM_EXIT_HVC] = "HVC",
    [ZARM_EXIT_SMC] = "SMC",   [ZARM_EXIT_BRK] = "BRK",       [ZARM_EXIT_HLT] = "HLT",
    [ZARM_EXIT_UDF] = "UDF",   [ZARM_EXIT_WFI] = "WFI",       [ZARM_EXIT_BUDGET] = "BUDGET",
    [ZARM_EXIT_KICK] = "KICK", [ZARM_EXIT_FAULT] = "FAULT",   [ZARM_EXIT_SYSREG] = "SYSREG",
    [ZARM_EXIT_HOOK] = "HOOK",
};

/* What the device returns for a read at addr: every byte has its top bit set (so sign
 * extension shows) and the bytes above the access size are garbage zarm must ignore. */
static uint64_t dev_value(uint64_t addr)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | (0x80 | ((addr + (uint64_t)i) & 0x7f));
    return v;
}

static bool is_done(const struct zarm_exit *e)
{
    return e->reason == ZARM_EXIT_MMIO && e->mmio.is_write && e->mmio.addr == DONE;
}

/* One run; logs the exit (without its pc when log_pc is false) and answers MMIO reads. */
static struct zarm_exit *run(struct t *t, const char *name, bool log_pc)
{
    const struct zarm_exit *ce;
    if (zarm_vcpu_run(t->v, &ce) != ZARM_OK) {
        fail(t, "%s: run: %s", name, zarm_vcpu_error(t->v));
        exit(1);
    }
    struct zarm_exit *e = zarm_vcpu_exit_record(t->v);
    unsigned r = e->reason;
    printf("%s: %s", name, is_done(e) ? "DONE"
                           : r < sizeof reason_names / sizeof *reason_names && reason_names[r]
                               ? reason_names[r]
                               : "?");
    if (log_pc)
        printf(" pc=0x%llx", (unsigned long long)e->pc);
    switch (r) {
    case ZARM_EXIT_MMIO:
        printf(" %s%u 0x%llx", e->mmio.is_write ? "W" : "R", e->mmio.size,
               (unsigned long long)e->mmio.addr);
        if (e->mmio.is_write)
            printf(" = 0x%llx", (unsigned long long)e->mmio.data);
        else
            e->mmio.data = dev_value(e->mmio.addr);
        break;
    case ZARM_EXIT_SVC: case ZARM_EXIT_HVC: case ZARM_EXIT_SMC:
    case ZARM_EXIT_BRK: case ZARM_EXIT_HLT:
        printf(" #0x%x", e->exc.imm);
        break;
    case ZARM_EXIT_UDF:
        printf(" 0x%08x", e->udf.insn);
        break;
    case ZARM_EXIT_FAULT:
        printf(" esr=0x%08x addr=0x%llx", e->fault.esr, (unsigned long long)e->fault.addr);
        break;
    case ZARM_EXIT_SYSREG:
        printf(" enc=0x%x x%u %s", e->sysreg.enc, e->sysreg.rt, e->sysreg.is_write ? "W" : "R");
        if (e->sysreg.is_write)
            printf(" = 0x%llx", (unsigned long long)e->sysreg.value);
        break;
    case ZARM_EXIT_WFI:
        printf(" %s", e->wfi.is_wfe ? "wfe" : "wfi");
        break;
    }
    printf("\n");
    return e;
}

static void log_regs(struct t *t, const char *name)
{
    printf("%s: regs", name);
    for (unsigned i = 0; i <= ZARM_REG_ID_PSTATE; i++)
        printf(" %llx", (unsigned long long)reg(t, i));
    printf("\n");
}

static void start(struct t *t, unsigned scenario)
{
    set_reg(t, ZARM_REG_ID_PC, t->tab[scenario]);
}

/* --- MMIO --- */

struct load_kind {
    uint32_t off; /* from DEV */
    unsigned size;
    bool sign, to64;
};

static uint64_t extend(const struct load_kind *k, uint64_t data)
{
    unsigned bits = k->size * 8;
    uint64_t v = bits == 64 ? data : data & ((1ull << bits) - 1);
    if (k->sign && bits < 64 && (v >> (bits - 1)) & 1)
        v |= ~0ull << bits;
    return k->to64 ? v : (uint32_t)v;
}

static const struct load_kind plain_loads[] = {
    {1, 1, 0, 0},   {2, 2, 0, 0},    {4, 4, 0, 0},    {8, 8, 0, 1},    {-4u, 4, 0, 0},
    {0x20, 8, 0, 1}, {0x14, 4, 0, 0}, {0x30, 8, 0, 1}, {0x30, 2, 0, 0}, {0x3e, 2, 0, 0},
    {0x48, 8, 0, 1},
};
static const struct load_kind signed_loads[] = {
    {0x11, 1, 1, 1}, {0x12, 1, 1, 0}, {0x14, 2, 1, 1}, {0x16, 2, 1, 0}, {0x18, 4, 1, 1},
};

/* Runs a scenario of MMIO loads (each echoed by an 8-byte store to ECHO) and stores. */
static void mmio_scenario(struct t *t, const char *name, unsigned scenario,
                          const struct load_kind *loads, unsigned nloads)
{
    static const struct {
        uint32_t off;
        unsigned size;
        uint64_t data;
    } stores[] = {
        {0x40, 1, 0xa2},       {0x42, 2, 0xa1a2}, {0x44, 4, 0xa3a4a1a2},
        {0x48, 8, 0xa7a8a5a6a3a4a1a2ull}, {-8u, 8, 0xa7a8a5a6a3a4a1a2ull},
        {0x50, 8, 0},          {0x30, 1, 0xa2},
    };
    start(t, scenario);
    unsigned nl = 0, ns = 0;
    for (;;) {
        struct zarm_exit *e = run(t, name, true);
        if (e->reason != ZARM_EXIT_MMIO || is_done(e))
            break;
        if (!e->mmio.is_write) {
            CHECK(t, nl < nloads, "%s: too many loads", name);
            if (nl >= nloads)
                return;
            const struct load_kind *k = &loads[nl];
            CHECK(t, e->mmio.addr == DEV + (uint64_t)(int32_t)k->off && e->mmio.size == k->size,
                  "%s: load %u at 0x%llx size %u", name, nl, (unsigned long long)e->mmio.addr,
                  e->mmio.size);
            uint64_t want = extend(k, e->mmio.data);
            /* The echo store that follows carries the loaded register. */
            e = run(t, name, true);
            CHECK(t, e->reason == ZARM_EXIT_MMIO && e->mmio.is_write && e->mmio.addr == ECHO &&
                         e->mmio.size == 8 && e->mmio.data == want,
                  "%s: load %u gave 0x%llx, want 0x%llx", name, nl,
                  (unsigned long long)e->mmio.data, (unsigned long long)want);
            nl++;
            continue;
        }
        CHECK(t, ns < sizeof stores / sizeof *stores, "%s: too many stores", name);
        if (ns >= sizeof stores / sizeof *stores)
            return;
        CHECK(t, e->mmio.addr == DEV + (uint64_t)(int32_t)stores[ns].off &&
                     e->mmio.size == stores[ns].size && e->mmio.data == stores[ns].data,
              "%s: store %u: %u bytes at 0x%llx = 0x%llx", name, ns, e->mmio.size,
              (unsigned long long)e->mmio.addr, (unsigned long long)e->mmio.data);
        ns++;
    }
    unsigned nstores = scenario == T_MMIO ? sizeof stores / sizeof *stores : 0;
    CHECK(t, nl == nloads && ns == nstores, "%s: %u loads, %u stores", name, nl, ns);
    log_regs(t, name);
}

static void test_mmio(struct t *t)
{
    mmio_scenario(t, "mmio", T_MMIO, plain_loads, sizeof plain_loads / sizeof *plain_loads);
}

static void test_signed(struct t *t)
{
    mmio_scenario(t, "signed", T_SIGNED, signed_loads, sizeof signed_loads / sizeof *signed_loads);
}

/* --- exception-generating instructions, trapped to the VMM --- */

static void test_exc(struct t *t)
{
    static const struct {
        unsigned reason, imm;
        bool next; /* pc after the instruction */
    } want[] = {
        {ZARM_EXIT_SVC, 0x11, 1}, {ZARM_EXIT_BRK, 0x22, 0}, {ZARM_EXIT_HLT, 0x33, 0},
        {ZARM_EXIT_UDF, 0x44, 0}, {ZARM_EXIT_HVC, 0x55, 1}, {ZARM_EXIT_SMC, 0x66, 1},
        {ZARM_EXIT_HVC, 0, 1},
    };
    start(t, T_EXC);
    for (unsigned i = 0; i < sizeof want / sizeof *want; i++) {
        struct zarm_exit *e = run(t, "exc", true);
        uint64_t at = t->tab[T_EXC] + 4 * i;
        unsigned imm = e->reason == ZARM_EXIT_UDF ? e->udf.insn : e->exc.imm;
        CHECK(t, e->reason == want[i].reason && imm == want[i].imm &&
                     e->pc == at + (want[i].next ? 4 : 0),
              "exc %u: reason %u imm 0x%x pc 0x%llx", i, e->reason, imm,
              (unsigned long long)e->pc);
        if (!want[i].next)
            set_reg(t, ZARM_REG_ID_PC, at + 4);
    }
    log_regs(t, "exc");
}

/* --- budget --- */

static void test_budget(struct t *t)
{
    start(t, T_BUDGET);
    zarm_vcpu_set_budget(t->v, 7);
    uint64_t n0 = zarm_vcpu_insn_count(t->v), n = n0;
    unsigned exits = 0;
    struct zarm_exit *e;
    while ((e = run(t, "budget", true))->reason == ZARM_EXIT_BUDGET) {
        uint64_t now = zarm_vcpu_insn_count(t->v);
        CHECK(t, now - n == 7, "budget: %llu instructions in a budget of 7",
              (unsigned long long)(now - n));
        n = now;
        exits++;
    }
    zarm_vcpu_set_budget(t->v, 0);
    /* 2 movs, 100 x 3 loop instructions, the MOVZ of the DONE write. */
    CHECK(t, is_done(e) && exits == 43 && zarm_vcpu_insn_count(t->v) - n0 == 303,
          "budget: %u budget exits, %llu instructions", exits,
          (unsigned long long)(zarm_vcpu_insn_count(t->v) - n0));
    CHECK(t, reg(t, 2) == 5050, "budget: x2 = %llu", (unsigned long long)reg(t, 2));
    log_regs(t, "budget");
}

/* --- kick --- */

/* A kick that is never seen would hang the test: fail instead. */
static void kick_lost(int sig)
{
    static const char msg[] = "FAIL: kick: the vCPU did not return within 60 s\n";
    (void)sig;
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(1);
    _exit(1);
}

static void *kicker(void *arg)
{
    struct zarm_vcpu *v = arg;
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    zarm_vcpu_kick(v);
    return NULL;
}

static void test_kick(struct t *t)
{
    start(t, T_KICK);
    /* A kick before the run: the run returns at once, nothing executed. */
    zarm_vcpu_kick(t->v);
    struct zarm_exit *e = run(t, "kick", true);
    CHECK(t, e->reason == ZARM_EXIT_KICK && e->pc == t->tab[T_KICK], "kick: early kick");
    pthread_t th;
    pthread_create(&th, NULL, kicker, t->v);
    signal(SIGALRM, kick_lost);
    alarm(60);
    e = run(t, "kick", false); /* where the spin loop was is timing */
    alarm(0);
    pthread_join(th, NULL);
    CHECK(t, e->reason == ZARM_EXIT_KICK, "kick: reason %u", e->reason);
    t->ram[t->tab[T_FLAG] - RAM] = 1; /* the little-endian word 1 */
    e = run(t, "kick", true);
    CHECK(t, is_done(e), "kick: did not leave the loop");
    log_regs(t, "kick");
}

/* --- two vCPUs of one machine on two threads --- */

struct smp_arg {
    struct zarm_vcpu *v;
    unsigned done;
    uint64_t x2;
};

static void *smp_thread(void *arg)
{
    struct smp_arg *a = arg;
    for (int i = 0; i < 1000 && !a->done; i++) {
        const struct zarm_exit *e;
        if (zarm_vcpu_run(a->v, &e) != ZARM_OK)
            break;
        a->done = is_done(e);
    }
    zarm_vcpu_get_reg(a->v, 2, &a->x2);
    return NULL;
}

static void test_smp(struct t *t)
{
    struct smp_arg a[2] = {{t->v, 0, 0}, {NULL, 0, 0}};
    if (zarm_vcpu_create(t->m, &a[1].v) != ZARM_OK) {
        fail(t, "smp: %s", zarm_machine_error(t->m));
        return;
    }
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        set_reg_of(a[i].v, ZARM_REG_ID_PC, t->tab[T_BUDGET]);
        pthread_create(&th[i], NULL, smp_thread, &a[i]);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        printf("smp: vcpu%d %s x2=%llu\n", i, a[i].done ? "DONE" : "?", (unsigned long long)a[i].x2);
        CHECK(t, a[i].done && a[i].x2 == 5050, "smp: vcpu%d: done %u, x2 = %llu", i, a[i].done,
              (unsigned long long)a[i].x2);
    }
    zarm_vcpu_destroy(a[1].v);
}

/* --- invalidation --- */

static void test_inval(struct t *t)
{
    start(t, T_INVAL);
    struct zarm_exit *e = run(t, "inval", true);
    CHECK(t, is_done(e) && reg(t, 19) == 1, "inval: first call gave %llu",
          (unsigned long long)reg(t, 19));
    /* mov x0, #2 over func's mov x0, #1 (little-endian code). */
    uint8_t *p = t->ram + (t->tab[T_FUNC] - RAM);
    const uint8_t mov2[4] = {0x40, 0x00, 0x80, 0xd2};
    memcpy(p, mov2, 4);
    zarm_machine_invalidate(t->m, t->tab[T_FUNC], 4);
    e = run(t, "inval", true);
    CHECK(t, is_done(e) && reg(t, 20) == 2, "inval: rewritten call gave %llu",
          (unsigned long long)reg(t, 20));
    log_regs(t, "inval");
}

/* --- hooks --- */

struct hook_counts {
    uint64_t insns, blocks, block_insns, mem;
    uint64_t mem_addr[8];
    uint32_t mem_size[8];
    bool mem_write[8];
};

static bool on_insn(struct zarm_vcpu *v, uint64_t pc, uint32_t word, void *opaque)
{
    struct hook_counts *c = opaque;
    uint64_t rpc = 0;
    zarm_vcpu_get_reg(v, ZARM_REG_ID_PC, &rpc);
    if (rpc == pc)
        c->insns++;
    return true;
}

static bool on_block(struct zarm_vcpu *v, uint64_t pc, uint32_t ninsns, void *opaque)
{
    struct hook_counts *c = opaque;
    c->blocks++;
    c->block_insns += ninsns;
    return true;
}

static bool on_mem(struct zarm_vcpu *v, uint64_t pc, uint64_t addr, uint32_t size, bool is_write,
                   void *opaque)
{
    struct hook_counts *c = opaque;
    if (c->mem < 8) {
        c->mem_addr[c->mem] = addr;
        c->mem_size[c->mem] = size;
        c->mem_write[c->mem] = is_write;
    }
    c->mem++;
    return true;
}

static void test_hooks(struct t *t)
{
    struct hook_counts c = {0};
    struct zarm_hooks h = {.insn = on_insn, .block = on_block, .opaque = &c};
    start(t, T_HOOK);
    zarm_vcpu_set_hooks(t->v, &h);
    uint64_t n0 = zarm_vcpu_insn_count(t->v);
    struct zarm_exit *e = run(t, "hook", true);
    uint64_t n = zarm_vcpu_insn_count(t->v) - n0;
    zarm_vcpu_set_hooks(t->v, NULL);
    /* mov, 5 x (subs, b.ne), mov, movz: 13 executed; the hooks also saw the DONE store,
     * which the next run completes. */
    CHECK(t, is_done(e) && n == 13 && c.insns == 14 && c.block_insns == 14,
          "hook: %llu instructions, insn hook %llu, block hook %llu in %llu blocks",
          (unsigned long long)n, (unsigned long long)c.insns, (unsigned long long)c.block_insns,
          (unsigned long long)c.blocks);
    printf("hook: %llu insn hooks, %llu block hooks\n", (unsigned long long)c.insns,
           (unsigned long long)c.blocks);
    log_regs(t, "hook");
}

static void test_watch(struct t *t)
{
    struct hook_counts c = {0};
    uint64_t var = t->tab[T_VAR];
    struct zarm_hooks h = {.mem = on_mem, .watch_addr = var, .watch_len = 16, .opaque = &c};
    start(t, T_WATCH);
    CHECK(t, zarm_vcpu_set_hooks(t->v, &h) == ZARM_OK, "watch: %s", zarm_vcpu_error(t->v));
    struct zarm_exit *e = run(t, "watch", true);
    zarm_vcpu_set_hooks(t->v, NULL);
    static const struct {
        uint64_t off;
        uint32_t size;
        bool write;
    } want[] = {{0, 8, 1}, {0, 8, 0}, {0, 0, 0}, {8, 8, 0}};
    CHECK(t, is_done(e) && c.mem == 4, "watch: %llu accesses seen",
          (unsigned long long)c.mem);
    for (unsigned i = 0; i < 4 && i < c.mem; i++) {
        printf("watch: %s%u 0x%llx\n", c.mem_write[i] ? "W" : "R", c.mem_size[i],
               (unsigned long long)c.mem_addr[i]);
        CHECK(t, c.mem_addr[i] == var + want[i].off && c.mem_size[i] == want[i].size &&
                     c.mem_write[i] == want[i].write,
              "watch: access %u", i);
    }
    CHECK(t, reg(t, 3) == 0x1234 && reg(t, 5) == 0x1235, "watch: the accesses did not happen");
    log_regs(t, "watch");
}

/* --- EL1: vectored exceptions, unmodelled system registers, WFI --- */

static void test_el1(struct t *t)
{
    /* ESR_EL1 of SVC #0x77 (EC 0x15), BRK #0x78 (EC 0x3c), UDF (EC 0), each with IL. */
    static const uint64_t esr[] = {0x56000077, 0xf2000078, 0x02000000};
    start(t, T_EL1);
    for (unsigned i = 0; i < 3; i++) {
        struct zarm_exit *e = run(t, "el1", true);
        CHECK(t, e->reason == ZARM_EXIT_MMIO && e->mmio.is_write && e->mmio.addr == ECHO &&
                     e->mmio.data == esr[i],
              "el1: exception %u: ESR_EL1 0x%llx", i, (unsigned long long)e->mmio.data);
    }
    struct zarm_exit *e = run(t, "el1", true);
    CHECK(t, reg(t, 9) == 4, "el1: CurrentEL = 0x%llx", (unsigned long long)reg(t, 9));
    CHECK(t, is_done(e), "el1: no DONE at the end");
    log_regs(t, "el1");
}

/* System registers nobody models and WFI exit (translators: KVM makes the first an undefined
 * instruction for the guest and waits in the second). */
static void test_sysreg(struct t *t)
{
    start(t, T_SYSREG);
    struct zarm_exit *e = run(t, "sysreg", true);
    /* MRS of an IMPLEMENTATION DEFINED register: the VMM answers. */
    CHECK(t, e->reason == ZARM_EXIT_SYSREG && !e->sysreg.is_write && e->sysreg.rt == 13 &&
                 e->sysreg.enc == ((3u << 14) | (15u << 7) | (2u << 3)),
          "el1: mrs: reason %u enc 0x%x", e->reason, e->sysreg.enc);
    e->sysreg.value = 0x1234abcd;
    e = run(t, "sysreg", true);
    CHECK(t, e->reason == ZARM_EXIT_SYSREG && e->sysreg.is_write && e->sysreg.value == 0x1234abcd,
          "el1: msr: reason %u value 0x%llx", e->reason, (unsigned long long)e->sysreg.value);
    e = run(t, "sysreg", true);
    CHECK(t, e->reason == ZARM_EXIT_WFI && !e->wfi.is_wfe, "sysreg: no WFI exit");
    e = run(t, "sysreg", true);
    CHECK(t, is_done(e), "sysreg: no DONE at the end");
    log_regs(t, "sysreg");
}

/* --- faults --- */

static void test_fault(struct t *t)
{
    start(t, T_FAULT);
    uint64_t at = t->tab[T_FAULT];
    struct zarm_exit *e = run(t, "fault", true);
    /* STP to the device: data abort, no syndrome (ISV = 0), translation fault. */
    CHECK(t, e->reason == ZARM_EXIT_FAULT && e->fault.esr >> 26 == ZARM_EC_DATA_ABORT &&
                 !(e->fault.esr & (1u << 24)) && (e->fault.esr & 0x3f) == 0x07 &&
                 e->pc == at + 12,
          "fault: stp: esr 0x%x", e->fault.esr);
    set_reg(t, ZARM_REG_ID_PC, e->pc + 4);
    e = run(t, "fault", true);
    /* LDR post-indexed: no syndrome either (writeback). */
    CHECK(t, e->reason == ZARM_EXIT_FAULT && e->fault.esr >> 26 == ZARM_EC_DATA_ABORT &&
                 !(e->fault.esr & (1u << 24)) && e->fault.addr == DEV && e->pc == at + 16,
          "fault: ldr post-index: reason %u esr 0x%x", e->reason, e->fault.esr);
    set_reg(t, ZARM_REG_ID_PC, e->pc + 4);
    e = run(t, "fault", true);
    CHECK(t, is_done(e), "fault: no DONE after the pair store");
    log_regs(t, "fault");
}

/* An instruction fetch from a hole, a store to read-only RAM (translators: the hardware
 * engine's KVM takes the first to the guest and reports the second as MMIO). */
static void test_fault2(struct t *t)
{
    start(t, T_FAULT2);
    struct zarm_exit *e = run(t, "fault2", true);
    CHECK(t, e->reason == ZARM_EXIT_FAULT && e->fault.esr >> 26 == ZARM_EC_INSN_ABORT &&
                 e->fault.addr == DEV && e->pc == DEV,
          "fault: fetch: esr 0x%x", e->fault.esr);
    set_reg(t, ZARM_REG_ID_PC, reg(t, 30));
    e = run(t, "fault2", true);
    /* STR to read-only RAM: permission fault, syndrome valid, WnR. */
    CHECK(t, e->reason == ZARM_EXIT_FAULT && e->fault.esr >> 26 == ZARM_EC_DATA_ABORT &&
                 (e->fault.esr & (1u << 24)) && (e->fault.esr & (1u << 6)) &&
                 (e->fault.esr & 0x3f) == 0x0f && e->fault.addr == RO_PAGE + 8,
          "fault: read-only: esr 0x%x addr 0x%llx", e->fault.esr,
          (unsigned long long)e->fault.addr);
    set_reg(t, ZARM_REG_ID_PC, e->pc + 4);
    e = run(t, "fault2", true);
    CHECK(t, is_done(e), "fault2: no DONE at the end");
    log_regs(t, "fault2");
}

static int setup(struct t *t, enum zarm_engine engine, unsigned trap, const char *image)
{
    struct zarm_machine_options o;
    zarm_machine_options_init(&o);
    o.engine = engine;
    o.trap = trap;
    void *ram;
    if (zarm_machine_create(&o, &t->m) != ZARM_OK ||
        zarm_machine_map_ram(t->m, RAM, RAM_SIZE, ZARM_MEM_RWX, &ram) != ZARM_OK ||
        zarm_machine_map_ram(t->m, RO_PAGE, 4096, ZARM_MEM_R, NULL) != ZARM_OK ||
        zarm_vcpu_create(t->m, &t->v) != ZARM_OK) {
        fprintf(stderr, "vmtest: %s\n", zarm_machine_error(t->m));
        return -1;
    }
    t->ram = ram;
    FILE *f = fopen(image, "rb");
    size_t n = f ? fread(t->ram, 1, RAM_SIZE, f) : 0;
    if (f)
        fclose(f);
    if (n < sizeof t->tab) {
        fprintf(stderr, "vmtest: cannot read %s\n", image);
        return -1;
    }
    for (unsigned i = 0; i < T_N; i++) {
        uint64_t v = 0;
        for (int b = 7; b >= 0; b--)
            v = v << 8 | t->ram[8 * i + (unsigned)b];
        t->tab[i] = v;
    }
    return 0;
}

int main(int argc, char **argv)
{
    enum zarm_engine engine = ZARM_ENGINE_AUTO;
    const char *image = NULL;
    bool hw_subset = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--subset=hw")) {
            hw_subset = true;
        } else if (!strncmp(argv[i], "--engine=", 9)) {
            const char *n = argv[i] + 9;
            engine = !strcmp(n, "interp") ? ZARM_ENGINE_INTERP
                     : !strcmp(n, "jit")  ? ZARM_ENGINE_JIT
                     : !strcmp(n, "hw")   ? ZARM_ENGINE_HW
                                          : ZARM_ENGINE_AUTO;
        } else {
            image = argv[i];
        }
    }
    /* The hardware engine runs what KVM lets a VMM see the same way (--subset=hw runs just
     * that on any engine: the oracle for hw); docs/embedding.md lists the differences. */
    hw_subset |= engine == ZARM_ENGINE_HW;
    /* SVC, BRK and UDF exit on a machine that traps them; the rest runs on an architectural
     * one, where they are taken to VBAR_EL1. */
    struct t t = {0}, tt = {0};
    if (!image || (!hw_subset &&
                   setup(&tt, engine, ZARM_TRAP_SVC | ZARM_TRAP_BRK | ZARM_TRAP_UDF, image)) ||
        setup(&t, engine, 0, image)) {
        zarm_machine_destroy(tt.m);
        zarm_machine_destroy(t.m);
        return 2;
    }
    if (!hw_subset) {
        test_exc(&tt);
        t.failures = tt.failures;
        zarm_machine_destroy(tt.m);
    }
    test_mmio(&t);
    if (!hw_subset) {
        test_budget(&t);
        test_smp(&t);
    }
    test_kick(&t);
    test_inval(&t);
    if (!hw_subset) {
        test_hooks(&t);
        test_watch(&t);
    }
    test_fault(&t);
    test_el1(&t);
    if (!hw_subset) {
        test_fault2(&t);
        test_sysreg(&t);
        test_signed(&t);
    }
    zarm_machine_destroy(t.m);
    fprintf(stderr, "vmtest: engine %s: %d failures\n", zarm_engine_name(engine), t.failures);
    return t.failures ? 1 : 0;
}
