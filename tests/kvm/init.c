/* /init of the KVM test machine (tests/kvm/run.sh boots it in qemu-system-aarch64 with
 * virtualization=on, so /dev/kvm is a real arm64 KVM).  Runs /zarm on every program listed in
 * /tests.list with --engine=hw and with --engine=interp and compares stdout and exit status,
 * then the hand-over and portable-subset checks, prints one summary line the host checks,
 * and powers the machine off.
 *
 * /tests.list, one program a line:  NAME STATUS STDIN [ARGS...]   (STDIN "-" = /dev/null), with
 * the reference's (qemu-aarch64-static's) status and stdout (/ref/NAME), which decide when the
 * interpreter itself disagrees with the reference.
 * Build: aarch64-linux-gnu-gcc -static -O2 -o init init.c */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUN_TIMEOUT 300 /* seconds per zarm run */

static int passed, failed;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct result {
    int status; /* as a shell reports it: 128+signal when killed */
    char *out;  /* stdout */
    size_t out_len;
    char *err;  /* stderr */
};

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *len = 0;
        return strdup("");
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            buf = realloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Waits for the child pid and collects its status (as a shell reports it) and the stdout and
 * stderr it wrote to the files out and err. */
static struct result wait_result(pid_t pid, const char *out, const char *err)
{
    int ws = 0;
    waitpid(pid, &ws, 0);
    struct result r;
    r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    size_t elen;
    r.out = slurp(out, &r.out_len);
    r.err = slurp(err, &elen);
    return r;
}

/* Runs /zarm ENGINE-ARGS... -- /guest/NAME (or NAME, an absolute path) ARGS in a fresh directory, with env extra set. */
static struct result run_zarm(const char *tag, char *const zargs[], const char *name,
                              const char *in, char *const args[], const char *extra_env)
{
    static int serial;
    char dir[64], out[96], err[96], prog[256];
    snprintf(dir, sizeof dir, "/tmp/run%d", serial++);
    snprintf(out, sizeof out, "%s.out", dir);
    snprintf(err, sizeof err, "%s.err", dir);
    if (name[0] == '/')
        snprintf(prog, sizeof prog, "%s", name);
    else
        snprintf(prog, sizeof prog, "/guest/%s", name);
    mkdir(dir, 0755);
    char *argv[64];
    int n = 0;
    argv[n++] = "/zarm";
    for (int i = 0; zargs[i]; i++)
        argv[n++] = zargs[i];
    argv[n++] = "--";
    argv[n++] = prog;
    for (int i = 0; args[i] && n < 62; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    char *envp[] = {"PATH=/usr/bin:/bin", "LANG=C", "ZARM_GUEST_TEST=1", (char *)extra_env, NULL};
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir(dir) != 0)
            _exit(127);
        int fi = open(in, O_RDONLY), fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644),
            fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fi, 0);
        dup2(fo, 1);
        dup2(fe, 2);
        alarm(RUN_TIMEOUT);
        execve(argv[0], argv, envp);
        _exit(127);
    }
    (void)tag;
    return wait_result(pid, out, err);
}

static void check(bool ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("[kvm] %s ", ok ? "PASS" : "FAIL");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    if (ok)
        passed++;
    else
        failed++;
}

static bool same(const struct result *a, const struct result *b)
{
    return a->status == b->status && a->out_len == b->out_len &&
           !memcmp(a->out, b->out, a->out_len);
}

static void show_diff(const struct result *hw, const struct result *ref)
{
    printf("[kvm]   hw status %d, %zu bytes out; expected status %d, %zu bytes out\n", hw->status,
           hw->out_len, ref->status, ref->out_len);
    if (*hw->err)
        printf("[kvm]   hw stderr: %.600s\n", hw->err);
}

/* The number after "label" in zarm's --stats output, or -1. */
static long long stat_value(const char *err, const char *label)
{
    const char *p = strstr(err, label);
    return p ? strtoll(p + strlen(label), NULL, 10) : -1;
}

static void free_result(struct result *r)
{
    free(r->out);
    free(r->err);
}

struct prog {
    char name[64], in[128];
    int status;
    char *args[16];
};

/* Runs argv (a program of the embedding-API checks, section 5) with stdout and stderr in files. */
static struct result run_vm(char *const argv[])
{
    static int serial;
    char out[64], err[64];
    snprintf(out, sizeof out, "/tmp/vm%d.out", serial);
    snprintf(err, sizeof err, "/tmp/vm%d.err", serial++);
    pid_t pid = fork();
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644),
            fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fo, 1);
        dup2(fe, 2);
        alarm(RUN_TIMEOUT);
        execv(argv[0], argv);
        _exit(127);
    }
    return wait_result(pid, out, err);
}

static int read_list(struct prog *p, int max)
{
    FILE *f = fopen("/tests.list", "r");
    if (!f)
        return 0;
    static char line[1024];
    int n = 0;
    while (n < max && fgets(line, sizeof line, f)) {
        char *save, *tok = strtok_r(line, " \n", &save);
        if (!tok)
            continue;
        snprintf(p[n].name, sizeof p[n].name, "%s", tok);
        tok = strtok_r(NULL, " \n", &save);
        p[n].status = tok ? atoi(tok) : 0;
        tok = strtok_r(NULL, " \n", &save);
        snprintf(p[n].in, sizeof p[n].in, "%s", tok && strcmp(tok, "-") ? tok : "/dev/null");
        int a = 0;
        while (a < 15 && (tok = strtok_r(NULL, " \n", &save)))
            p[n].args[a++] = strdup(tok);
        p[n].args[a] = NULL;
        n++;
    }
    fclose(f);
    return n;
}

static struct prog progs[256];

/* 1 + the index of the program in the list, or 0. */
static int listed(const char *name, int n)
{
    for (int j = 0; j < n; j++)
        if (!strcmp(progs[j].name, name))
            return j + 1;
    return 0;
}


/* ---- the differential ISA tester on the hardware path ------------------------------------ *
 * /isa/guest is tests/isa's isadiff-guest, /isa/ref its reference run (qemu-aarch64, on the
 * build host).  zarm replays exactly those tests; a test it stops on counts as a mismatch and
 * the replay restarts after it, as tests/isa/isadiff.sh does on the host. */
#define ISA_MAX 65536
static char *isa_ref[ISA_MAX]; /* result of test i in the reference, NULL if absent or SIGn */

static void isa_load_ref(void)
{
    size_t len;
    char *text = slurp("/isa/ref", &len);
    for (char *save, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char res[32];
        unsigned i;
        if (sscanf(l, "%u %31s", &i, res) == 2 && i < ISA_MAX && strncmp(res, "SIG", 3))
            isa_ref[i] = strdup(res);
    }
    free(text);
}

/* Replays /isa/ref under the engine; returns the number of mismatches, *compared the number of
 * reference tests compared, *stops how often zarm stopped. */
static int isadiff(const char *engine, const char *seed, int *compared, int *stops)
{
    char *got[ISA_MAX] = {0};
    unsigned start = 0;
    *stops = 0;
    for (;;) {
        char from[16];
        snprintf(from, sizeof from, "%u", start);
        char *zargs[] = {(char *)engine, NULL};
        char *args[] = {"--seed", (char *)seed, "--replay", "/isa/ref", "--start", from, NULL};
        struct result r = run_zarm("isa", zargs, "/isa/guest", "/dev/null", args, NULL);
        bool done = strstr(r.out, "# done\n") != NULL;
        long last = (long)start - 1;
        for (char *save, *l = strtok_r(r.out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
            char res[32];
            unsigned i;
            if (sscanf(l, "%u %31s", &i, res) == 2 && i < ISA_MAX) {
                free(got[i]);
                got[i] = strdup(res);
                last = i;
            }
        }
        free_result(&r);
        if (done)
            break;
        /* The test it stopped on: the next one the reference ran. */
        long next = -1;
        for (long i = last + 1; i < ISA_MAX && next < 0; i++)
            if (isa_ref[i])
                next = i;
        if (next < 0 || ++*stops > 300)
            break;
        got[next] = strdup("STOP");
        start = (unsigned)next + 1;
    }
    int bad = 0, shown = 0;
    *compared = 0;
    for (unsigned i = 0; i < ISA_MAX; i++) {
        if (!isa_ref[i])
            continue;
        ++*compared;
        if (!got[i] || strcmp(got[i], isa_ref[i])) {
            if (shown++ < 10)
                printf("[kvm]   isadiff %s: test %u: %s, reference %s\n", engine, i,
                       got[i] ? got[i] : "missing", isa_ref[i]);
            bad++;
        }
        free(got[i]);
    }
    return bad;
}

int main(void)
{
    mkdir("/dev", 0755);
    mkdir("/proc", 0755);
    mkdir("/sys", 0755);
    mkdir("/tmp", 01777);
    /* Debian's kernel does not mount devtmpfs by itself (no CONFIG_DEVTMPFS_MOUNT). */
    mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    mount("proc", "/proc", "proc", 0, NULL);
    mount("sysfs", "/sys", "sysfs", 0, NULL);
    mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct timespec up;
    clock_gettime(CLOCK_BOOTTIME, &up);
    printf("[kvm] /init reached %.2f s after kernel start\n", up.tv_sec + up.tv_nsec / 1e9);
    double t0 = now();

    int n = read_list(progs, 256);
    double hw_total = 0, interp_total = 0; /* assisted vs translated, the same programs */
    char *hw[] = {"--engine=hw", NULL}, *interp[] = {"--engine=interp", NULL};
    char *hw_stats[] = {"--engine=hw", "--stats", NULL};

    /* The probe and the doorbell this kernel gives (the SMCCC filter needs Linux 6.4). */
    {
        char *args[] = {NULL};
        char *probe[] = {"--engine=auto", "--stats", "-d", "unimp", NULL};
        struct result r = run_zarm("probe", probe, "hello", "/dev/null", args, NULL);
        /* zarm's -d lines and --stats for hello, one [kvm] line each. */
        for (char *save, *l = strtok_r(r.err, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
            printf("[kvm] engine auto, hello: %s\n", l);
        free_result(&r);
    }

    /* 1. Every guest program: hardware path against the interpreter, both in this machine;
     * where the interpreter disagrees with the reference, against the reference. */
    for (int i = 0; i < n; i++) {
        double t = now();
        struct result a = run_zarm("hw", hw, progs[i].name, progs[i].in, progs[i].args, NULL);
        double th = now() - t;
        struct result b = run_zarm("interp", interp, progs[i].name, progs[i].in, progs[i].args,
                                   NULL);
        hw_total += th;
        interp_total += now() - t - th;
        char refpath[128];
        snprintf(refpath, sizeof refpath, "/ref/%.100s", progs[i].name);
        struct result ref = {.status = progs[i].status, .err = strdup("")};
        ref.out = slurp(refpath, &ref.out_len);
        bool interp_right = same(&b, &ref);
        bool ok = same(&a, interp_right ? &b : &ref);
        check(ok, "hw %s (status %d, hw %.2f s, interp %.2f s%s)", progs[i].name, a.status, th,
              now() - t - th, interp_right ? "" : "; interp differs from the reference: hw "
              "compared with the reference");
        if (!ok)
            show_diff(&a, interp_right ? &b : &ref);
        free_result(&a);
        free_result(&b);
        free_result(&ref);
    }

    /* 2. Hand-over: with FP/SIMD refused by the hardware path, the translator finishes every
     * FP block; the results must not change and the hand-overs must be counted. */
    const char *fp_progs[] = {"fp_arith", "neon_autovec_fp", "fp_cvt_saturate"};
    for (unsigned i = 0; i < sizeof fp_progs / sizeof *fp_progs; i++) {
        char *args[] = {NULL};
        if (!listed(fp_progs[i], n))
            continue;
        struct result a = run_zarm("refuse", hw_stats, fp_progs[i], "/dev/null", args,
                                   "ZARM_HW_REFUSE=fp");
        struct result b = run_zarm("interp", interp, fp_progs[i], "/dev/null", args, NULL);
        long long h = stat_value(a.err, "hw hand-overs");
        long long moves = stat_value(a.err, "hw register moves");
        check(same(&a, &b) && h > 0, "hand-over %s with ZARM_HW_REFUSE=fp (%lld hand-overs, %lld "
              "register moves)", fp_progs[i], h, moves);
        if (!same(&a, &b))
            show_diff(&a, &b);
        free_result(&a);
        free_result(&b);
    }

    /* 2b. Threads: each guest thread runs on a vCPU of its own (results as the interpreter's,
     * more than one vCPU made); signal_spin's SIGALRM and exit_group reach vCPUs spinning in
     * guest code (KVM_RUN interrupted). */
    const char *thread_progs[] = {"threads_mutex", "threads_llsc", "threads_condvar",
                                  "tls_threads", "signal_spin"};
    for (unsigned i = 0; i < sizeof thread_progs / sizeof *thread_progs; i++) {
        int k = listed(thread_progs[i], n) - 1;
        if (k < 0)
            continue;
        struct result a = run_zarm("threads", hw_stats, progs[k].name, progs[k].in,
                                   progs[k].args, NULL);
        struct result b = run_zarm("interp", interp, progs[k].name, progs[k].in, progs[k].args,
                                   NULL);
        long long vcpus = stat_value(a.err, "hw vcpus");
        long long intr = stat_value(a.err, "hw interrupts");
        bool spin = !strcmp(progs[k].name, "signal_spin");
        check(same(&a, &b) && vcpus > 1 && (!spin || intr > 0),
              "threads on vCPUs %s (%lld vCPUs, %lld interrupts)", progs[k].name, vcpus, intr);
        if (!same(&a, &b))
            show_diff(&a, &b);
        free_result(&a);
        free_result(&b);
    }
    /* 3. The portable subset only (no SMCCC-filter doorbell: what IBM's s390 series offers). */
    const char *portable_progs[] = {"hello", "file_io", "malloc_churn", "neon_intrin_arith",
                                    "tls_vars", "segv_null", "udf_sigill"};
    for (unsigned i = 0; i < sizeof portable_progs / sizeof *portable_progs; i++) {
        int k = listed(portable_progs[i], n) - 1;
        if (k < 0)
            continue;
        char *zargs[] = {"--engine=hw", "--stats", "-d", "unimp", NULL};
        struct result a = run_zarm("portable", zargs, progs[k].name, progs[k].in, progs[k].args,
                                   "ZARM_HW_PORTABLE=1");
        struct result b = run_zarm("interp", interp, progs[k].name, progs[k].in, progs[k].args,
                                   NULL);
        bool mmio = strstr(a.err, "mmio doorbell, portable subset") != NULL;
        check(same(&a, &b) && mmio, "portable %s (%s)", progs[k].name,
              mmio ? "mmio doorbell" : "portable mode not reported");
        if (!same(&a, &b))
            show_diff(&a, &b);
        free_result(&a);
        free_result(&b);
    }

    /* 4. The differential ISA tester on the hardware path, compared with the reference run.
     * Its seed is the host suite's (isadiff/<engine>/20k), whose first tests these are: the
     * interpreter's results on them are checked there, not again here (an exit costs ~9 ms in
     * this emulated machine; the interpreter would need minutes). */
    {
        size_t len;
        char *seed = slurp("/isa/seed", &len);
        seed[strcspn(seed, "\n")] = 0;
        if (*seed) {
            isa_load_ref();
            const char *engines[] = {"--engine=hw"};
            for (unsigned e = 0; e < sizeof engines / sizeof *engines; e++) {
                int compared, stops;
                double t = now();
                int bad = isadiff(engines[e], seed, &compared, &stops);
                check(bad == 0 && compared > 0, "isadiff %s seed %s: %d tests compared, %d "
                      "mismatches, %d restarts (%.1f s)", engines[e], seed, compared, bad, stops,
                      now() - t);
            }
        } else {
            check(false, "isadiff: no /isa/seed in the initramfs");
        }
        free(seed);
    }
    /* 5. The embedding API on the hardware (include/zarm/vm.h, engine hw: the guest at EL1 in
     * its own KVM VM): the example VMM's UART output, and the tests/vm scenarios KVM shows a
     * VMM the same way (vmtest --subset=hw), exit log and registers, against the interpreter. */
    {
        char *vmm_hw[] = {"/vm/vmm", "--engine=hw", "/vm/hello.bin", NULL};
        char *vmm_in[] = {"/vm/vmm", "--engine=interp", "/vm/hello.bin", NULL};
        char *vmt_hw[] = {"/vm/vmtest", "--engine=hw", "/vm/vmguest.bin", NULL};
        char *vmt_in[] = {"/vm/vmtest", "--engine=interp", "--subset=hw", "/vm/vmguest.bin", NULL};
        struct result a = run_vm(vmm_hw), b = run_vm(vmm_in);
        check(same(&a, &b) && a.status == 0 && a.out_len > 0,
              "vm: examples/vmm --engine=hw: %zu bytes of UART output, status %d, as interp",
              a.out_len, a.status);
        if (!same(&a, &b) || a.status != 0)
            show_diff(&a, &b);
        free_result(&a);
        free_result(&b);
        a = run_vm(vmt_hw);
        b = run_vm(vmt_in);
        check(same(&a, &b) && a.status == 0 && a.out_len > 0,
              "vm: vmtest --engine=hw: %zu bytes of exit log, status %d, as interp", a.out_len,
              a.status);
        if (!same(&a, &b) || a.status != 0)
            show_diff(&a, &b);
        free_result(&a);
        free_result(&b);
    }
    printf("[kvm] assisted vs translated: %d programs in %.1f s with --engine=hw, %.1f s with "
           "--engine=interp (wall time, zarm start-up included)\n", n, hw_total, interp_total);
    printf("[kvm] SUMMARY: %d passed, %d failed, %.1f s\n", passed, failed, now() - t0);
    printf("[kvm] RESULT: %s\n", failed || !passed ? "FAIL" : "PASS");
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    for (;;)
        pause();
}
