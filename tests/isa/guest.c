/* isadiff-guest: runs the random instruction stream and prints one line per
 * test: "INDEX RESULT WORDS OPS", RESULT being a hash of the state after the
 * test (registers, flags, FPCR/FPSR, TPIDR_EL0, V registers, scratch memory)
 * or "SIG<n>" when the test raised a signal (seen under qemu only: zarm does
 * not deliver signals yet, so it exits and isadiff.sh restarts it).
 *
 *   isadiff-guest --seed S --count N --probe   generate (reference run, under qemu)
 *   isadiff-guest --seed S --replay REF [--start I]
 *                     run the tests REF (the reference run's output) lists
 *   isadiff-guest --seed S --replay REF --dump I   state before and after test I
 *   isadiff-guest --list                 the decode lines and their exclusions
 *
 * Lines are "INDEX RESULT WORDS OPS FREE" (FREE: the X register the
 * epilogue uses).  The generator draws from zarm's decode table; with
 * --probe it also drops words the reference does not execute (SIGILL), so
 * sequences are not wasted on unallocated encodings.  The initial state of
 * test I depends only on S and I, so a replay can restart anywhere. */
#define _GNU_SOURCE
#include "isa.h"

#include "decode/a64.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* entry.S */
void isa_enter(const struct isa_state *in);
void isa_tail(void);
uint64_t isa_host[4]; /* SP, TPIDR_EL0, FPCR of the harness while a test runs */

uint32_t isa_code[1024] __attribute__((aligned(4096)));
static uint64_t scratch[ISA_SCRATCH_BYTES / 8] __attribute__((aligned(4096)));
#define LITERAL_WORDS 128 /* code buffer words filled per test, for the literal loads */

static sigjmp_buf test_jmp;
static char altstack[65536];

static void out(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* Unbuffered: under zarm an undefined instruction ends the process. */
    if (write(1, buf, (size_t)n) < 0)
        exit(3);
}

static void on_signal(int sig)
{
    /* The test may have changed TPIDR_EL0 (libc's thread pointer) and FPCR. */
    __asm__ volatile("msr tpidr_el0, %0\n\tmsr fpcr, %1" ::"r"(isa_host[1]), "r"(isa_host[2]));
    siglongjmp(test_jmp, sig);
}

/* ---- random initial state -------------------------------------------------- */

static uint64_t rand_x(struct isa_rng *r)
{
    static const uint64_t special[] = {0,
                                       1,
                                       ~0ull,
                                       0x7fffffffffffffffull,
                                       0x8000000000000000ull,
                                       0x7fffffff,
                                       0x80000000,
                                       0xffffffff,
                                       0xffffffff80000000ull,
                                       0x100000000ull};
    switch (isa_below(r, 4)) {
    case 0:
        return special[isa_below(r, sizeof special / sizeof special[0])];
    case 1:
        return (uint64_t)(int64_t)(int)(isa_below(r, 512) - 256);
    default:
        return isa_rand(r);
    }
}

/* One FP lane of `bits` (16, 32, 64): a special value or random bits. */
static uint64_t rand_fp(struct isa_rng *r, unsigned bits)
{
    unsigned mant = bits == 16 ? 10 : bits == 32 ? 23 : 52;
    uint64_t sign = (uint64_t)isa_below(r, 2) << (bits - 1);
    uint64_t expmax = ((1ull << (bits - 1 - mant)) - 1) << mant; /* all-ones exponent */
    uint64_t mmask = (1ull << mant) - 1, quiet = 1ull << (mant - 1);
    uint64_t rnd = isa_rand(r) & mmask;
    uint64_t bias = ((1ull << (bits - 2 - mant)) - 1) << mant; /* 1.0 */
    switch (isa_below(r, 12)) {
    case 0: return sign;                                      /* +-0 */
    case 1: return sign | expmax;                             /* +-inf */
    case 2: return sign | expmax | quiet | (rnd & (quiet - 1)); /* qNaN, payload */
    case 3: return sign | expmax | ((rnd & (quiet - 1)) | 1); /* sNaN */
    case 4: return sign | (rnd ? rnd : 1);                    /* denormal */
    case 5: return sign | (expmax - (1ull << mant)) | mmask;  /* +-max */
    case 6: return sign | (1ull << mant);                     /* +-min normal */
    case 7: return sign | bias;                               /* +-1.0 */
    case 8: return sign | (bias + (isa_rand(r) % (8ull << mant))) | rnd; /* near 1 */
    default: return isa_rand(r) & ((bits == 64 ? 0 : 1ull << bits) - 1);
    }
}

static uint64_t rand_vhalf(struct isa_rng *r)
{
    unsigned k = isa_below(r, 4);
    if (k == 0)
        return isa_rand(r);
    unsigned bits = k == 1 ? 16 : k == 2 ? 32 : 64;
    uint64_t v = 0;
    for (unsigned i = 0; i < 64; i += bits)
        v |= rand_fp(r, bits) << i;
    return v;
}

static void rand_state(struct isa_rng *r, const struct isa_test *t, struct isa_state *in,
                       struct isa_state *after)
{
    for (int i = 0; i < 31; i++)
        in->x[i] = rand_x(r);
    in->x[ISA_BASE_REG] = (uint64_t)(uintptr_t)scratch + ISA_SCRATCH_BYTES / 2;
    in->x[ISA_OFFSET_REG] = isa_below(r, 128);
    in->x[t->free_reg] = (uint64_t)(uintptr_t)after;
    in->sp = in->x[ISA_BASE_REG];
    in->nzcv = (uint64_t)isa_below(r, 16) << 28;
    /* FPCR: Arm's default (all clear: what programs run with, and the JIT's native FP path)
     * half of the time, else random RMode (23:22), FZ (24), DN (25), AHP (26). */
    in->fpcr = isa_below(r, 2) ? 0 : (uint64_t)isa_below(r, 32) << 22;
    /* FPSR: cleared, or random cumulative flags (IOC..IXC, IDC, QC). */
    in->fpsr = isa_below(r, 2) ? 0 : (isa_rand(r) & 0x0800009full);
    in->tpidr = isa_rand(r);
    for (int i = 0; i < 32; i++) {
        in->v[i][0] = rand_vhalf(r);
        in->v[i][1] = rand_vhalf(r);
    }
}

static void fill_memory(uint64_t seed)
{
    struct isa_rng m = {seed};
    for (size_t i = 0; i < ISA_SCRATCH_BYTES / 8; i++)
        scratch[i] = (i & 7) == 0 ? isa_rand(&m) : scratch[i - 1] * 0x9e3779b97f4a7c15ull + i;
    for (size_t i = 0; i < LITERAL_WORDS; i++)
        isa_code[i] = (uint32_t)(scratch[i] >> 16);
}

/* ---- running one test ----------------------------------------------------- */

static void sync_code(const void *start, size_t bytes)
{
    /* The same buffer is rewritten for every test: this is the invalidation
     * path every engine must honour (Arm ARM B2.4.4, self-modifying code). */
    uintptr_t a = (uintptr_t)start & ~(uintptr_t)63, end = (uintptr_t)start + bytes;
    for (uintptr_t p = a; p < end; p += 64)
        __asm__ volatile("dc cvau, %0" ::"r"(p) : "memory");
    __asm__ volatile("dsb ish" ::: "memory");
    for (uintptr_t p = a; p < end; p += 64)
        __asm__ volatile("ic ivau, %0" ::"r"(p) : "memory");
    __asm__ volatile("dsb ish\n\tisb" ::: "memory");
}

/* Runs a test; returns 0 or the signal it raised. */
static int run_test(const struct isa_test *t, const struct isa_state *in, struct isa_state *after,
                    uint64_t memseed)
{
    fill_memory(memseed);
    unsigned n = 0;
    for (unsigned i = 0; i < t->n; i++)
        isa_code[n++] = t->word[i];
    isa_code[n++] = 0xf9000000u | t->free_reg << 5; /* STR X0, [Xfree] */
    isa_code[n++] = 0xaa0003e0u | t->free_reg << 16; /* MOV X0, Xfree */
    intptr_t off = ((intptr_t)(uintptr_t)isa_tail - (intptr_t)(uintptr_t)&isa_code[n]) / 4;
    isa_code[n] = 0x14000000u | ((uint32_t)off & 0x3ffffff); /* B isa_tail */
    n++;
    sync_code(isa_code, n * 4);
    memset(after, 0, sizeof *after);
    int sig = sigsetjmp(test_jmp, 1);
    if (sig)
        return sig;
    isa_enter(in);
    return 0;
}

static uint64_t hash_words(uint64_t h, const uint64_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= w[i];
        h *= 0x100000001b3ull;
        h ^= h >> 29;
    }
    return h;
}

static uint64_t hash_state(const struct isa_state *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = hash_words(h, s->x, 31);
    h = hash_words(h, &s->sp, 5);
    h = hash_words(h, &s->v[0][0], 64);
    return hash_words(h, scratch, ISA_SCRATCH_BYTES / 8);
}

/* ---- driver ----------------------------------------------------------------- */

static bool probe_defined(uint32_t word);

static void make_state(uint64_t seed, unsigned index, const struct isa_test *t,
                       struct isa_state *in, struct isa_state *after, uint64_t *memseed)
{
    struct isa_rng r = {seed ^ (index * 0xd1b54a32d192ed03ull) ^ 0x5354415445ull};
    isa_rand(&r);
    rand_state(&r, t, in, after);
    *memseed = isa_rand(&r);
}

static void gen_test(uint64_t seed, unsigned index, struct isa_test *t, bool probe)
{
    struct isa_rng r = {seed ^ (index * 0xd1b54a32d192ed03ull)};
    isa_rand(&r);
    isa_gen_test(&r, t, probe ? probe_defined : NULL);
}

/* Parses "INDEX RESULT WORDS OPS FREE"; returns false for other lines and for
 * tests the reference could not run (RESULT SIGn). */
static bool parse_line(const char *line, unsigned *index, struct isa_test *t)
{
    char result[32], words[128], ops[256];
    unsigned fr;
    if (sscanf(line, "%u %31s %127s %255s x%u", index, result, words, ops, &fr) != 5 ||
        !strncmp(result, "SIG", 3))
        return false;
    t->n = 0;
    for (char *p = words; *p && t->n < ISA_MAX_SEQ;) {
        struct a64_insn in;
        char *e;
        t->word[t->n] = (uint32_t)strtoul(p, &e, 16);
        a64_decode(t->word[t->n], &in);
        t->op[t->n++] = in.op;
        p = *e ? e + 1 : e;
    }
    t->free_reg = fr;
    return true;
}

static void words_and_ops(const struct isa_test *t, char *buf, size_t size)
{
    size_t n = 0;
    for (unsigned i = 0; i < t->n; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%08x", i ? "," : "", t->word[i]);
    n += (size_t)snprintf(buf + n, size - n, " ");
    for (unsigned i = 0; i < t->n; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "," : "", a64_op_name(t->op[i]));
    snprintf(buf + n, size - n, " x%u", t->free_reg);
}

static void dump_state(const char *tag, const struct isa_state *s)
{
    for (int i = 0; i < 31; i++)
        out("%s x%-2d %016llx\n", tag, i, (unsigned long long)s->x[i]);
    out("%s sp   %016llx\n%s nzcv %08llx\n%s fpcr %08llx\n%s fpsr %08llx\n%s tpidr %016llx\n",
        tag, (unsigned long long)s->sp, tag, (unsigned long long)s->nzcv, tag,
        (unsigned long long)s->fpcr, tag, (unsigned long long)s->fpsr, tag,
        (unsigned long long)s->tpidr);
    for (int i = 0; i < 32; i++)
        out("%s v%-2d %016llx:%016llx\n", tag, i, (unsigned long long)s->v[i][1],
            (unsigned long long)s->v[i][0]);
}

static void dump(uint64_t seed, unsigned index, const struct isa_test *tp)
{
    static struct isa_state in, after;
    static uint64_t before_mem[ISA_SCRATCH_BYTES / 8];
    struct isa_test t = *tp;
    uint64_t memseed;
    char wo[256];
    make_state(seed, index, &t, &in, &after, &memseed);
    words_and_ops(&t, wo, sizeof wo);
    out("test %u: %s (the free register holds the harness pointer; x28 = scratch base, "
        "x27 = offset)\n", index, wo);
    dump_state("before", &in);
    fill_memory(memseed);
    memcpy(before_mem, scratch, sizeof scratch);
    int sig = run_test(&t, &in, &after, memseed);
    if (sig) {
        out("after signal %d\n", sig);
        return;
    }
    dump_state("after", &after);
    for (size_t i = 0; i < ISA_SCRATCH_BYTES / 8; i++)
        if (scratch[i] != before_mem[i])
            out("after mem[x28%+d] %016llx (was %016llx)\n",
                (int)(i * 8) - ISA_SCRATCH_BYTES / 2, (unsigned long long)scratch[i],
                (unsigned long long)before_mem[i]);
}

/* A word the reference executes: run it once, alone, from a plain state. */
static bool probe_defined(uint32_t word)
{
    static struct isa_state in, after;
    struct isa_test t = {.n = 1, .word = {word}, .free_reg = 0};
    for (unsigned i = 1; i < 31 && !t.free_reg; i++)
        if (i != ISA_BASE_REG && i != ISA_OFFSET_REG && ((word & 31) != i) &&
            ((word >> 5 & 31) != i) && ((word >> 10 & 31) != i) && ((word >> 16 & 31) != i) &&
            ((word & 31) + 1 != i) && ((word >> 16 & 31) + 1 != i) && ((word >> 10 & 31) + 1 != i))
            t.free_reg = i;
    memset(&in, 0, sizeof in);
    in.x[ISA_BASE_REG] = in.sp = (uint64_t)(uintptr_t)scratch + ISA_SCRATCH_BYTES / 2;
    in.x[t.free_reg] = (uint64_t)(uintptr_t)&after;
    return run_test(&t, &in, &after, 1) != SIGILL;
}

static char *read_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap + 1);
    ssize_t k;
    while ((k = read(fd, text + len, cap - len)) > 0) {
        len += (size_t)k;
        if (len == cap)
            text = realloc(text, (cap *= 2) + 1);
    }
    close(fd);
    text[len] = 0;
    return text;
}

static void list_ops(void)
{
    for (unsigned op = 1; op < A64_OP_COUNT; op++) {
        const char *why = isa_op_excluded(op);
        out("op %s %s %s\n", a64_op_name(op), a64_class_name(a64_op_class(op)),
            why ? why : "active");
    }
}

int main(int argc, char **argv)
{
    uint64_t seed = 1;
    unsigned count = 1000, start = 0;
    long dump_index = -1;
    const char *replay = NULL, *err = NULL;
    bool list = false, probe = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--list") || !strcmp(a, "--probe")) {
            *(a[2] == 'l' ? &list : &probe) = true;
            continue;
        }
        if (!v) {
            fprintf(stderr, "isadiff-guest: %s needs a value\n", a);
            return 2;
        }
        i++;
        if (!strcmp(a, "--seed"))
            seed = strtoull(v, NULL, 0);
        else if (!strcmp(a, "--count"))
            count = (unsigned)strtoul(v, NULL, 0);
        else if (!strcmp(a, "--start"))
            start = (unsigned)strtoul(v, NULL, 0);
        else if (!strcmp(a, "--dump"))
            dump_index = strtol(v, NULL, 0);
        else if (!strcmp(a, "--replay"))
            replay = v;
        else {
            fprintf(stderr, "isadiff-guest: unknown option %s\n", a);
            return 2;
        }
    }
    if (isa_gen_init(&err)) {
        fprintf(stderr, "isadiff-guest: %s\n", err);
        return 2;
    }
    if (list) {
        list_ops();
        return 0;
    }
    if (mprotect(isa_code, sizeof isa_code, PROT_READ | PROT_WRITE | PROT_EXEC)) {
        perror("isadiff-guest: mprotect");
        return 2;
    }
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    int sigs[] = {SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);

    static struct isa_state in, after;
    struct isa_test t;
    uint64_t memseed;
    char wo[256];
    if (replay) {
        char *text = read_file(replay);
        for (char *line = text; *line;) {
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = 0;
            unsigned i;
            /* A restart skips the lines before --start without parsing them. */
            if (strtoul(line, NULL, 10) >= start && parse_line(line, &i, &t) &&
                (dump_index < 0 || i == (unsigned)dump_index)) {
                if (dump_index >= 0) {
                    dump(seed, i, &t);
                    return 0;
                }
                make_state(seed, i, &t, &in, &after, &memseed);
                words_and_ops(&t, wo, sizeof wo);
                int sig = run_test(&t, &in, &after, memseed);
                if (sig)
                    out("%u SIG%d %s\n", i, sig, wo);
                else
                    out("%u %016llx %s\n", i, (unsigned long long)hash_state(&after), wo);
            }
            line = nl ? nl + 1 : line + strlen(line);
        }
        if (dump_index >= 0) {
            fprintf(stderr, "isadiff-guest: test %ld is not in %s\n", dump_index, replay);
            return 2;
        }
        out("# done\n");
        return 0;
    }
    for (unsigned i = start; i < count; i++) {
        gen_test(seed, i, &t, probe);
        make_state(seed, i, &t, &in, &after, &memseed);
        words_and_ops(&t, wo, sizeof wo);
        int sig = run_test(&t, &in, &after, memseed);
        if (sig)
            out("%u SIG%d %s\n", i, sig, wo);
        else
            out("%u %016llx %s\n", i, (unsigned long long)hash_state(&after), wo);
    }
    out("# done\n");
    return 0;
}
