/* assisted: the "assisted vs translated" comparison (make bench-assisted).
 *
 *   assisted ZARM BENCHDIR ENGINES [WORKLOAD[:N]...]
 *
 * Runs every workload of BENCHDIR/kernels (kernels.def; all of them when none is named) under
 * each engine of the comma-separated ENGINES list (e.g. hw,interp inside the emulated arm64
 * host, hw,jit on an s390 host with IBM's series), timing the wall clock, and reads zarm's
 * --stats for the exits to the host.  Then BENCHDIR/exits (a loop of empty system calls)
 * at two sizes gives the cost of one exit on each engine.  It runs on the host being measured
 * (an arm64 or s390x program); bench/assisted.sh turns its lines into the table and chart.
 *
 * Output, one CSV line per run, prefixed "[bench] " so it can be picked out of a console log:
 *   workload,engine,size,seconds,guest_insns,exits,exits_per_s,status
 *   exit-cost,engine,N,ns_per_exit,,,,status
 * guest_insns is zarm's count (on hw it counts only what the translator ran: the hardware is
 * not counted); exits is "hw exits" on hw and "engine exits" on the translators.
 *
 * As /init of the emulated arm64 host (process 1), it mounts what zarm needs, takes its
 * arguments from /bench/args (one line) and powers the machine off at the end. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct run {
    int status;
    double seconds;
    long long insns, exits;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long stat_value(const char *text, const char *label)
{
    const char *p = strstr(text, label);
    return p ? strtoll(p + strlen(label), NULL, 10) : -1;
}

/* Runs ZARM --engine=ENGINE --stats PROG ARGS..., stdout discarded, stderr kept for the stats. */
static struct run run(const char *zarm, const char *engine, char *const prog_args[])
{
    char eng[64], errf[] = "/tmp/assisted.XXXXXX";
    snprintf(eng, sizeof eng, "--engine=%s", engine);
    int fe = mkstemp(errf);
    char *argv[16];
    int n = 0;
    argv[n++] = (char *)zarm;
    argv[n++] = eng;
    argv[n++] = "--stats";
    for (int i = 0; prog_args[i] && n < 15; i++)
        argv[n++] = prog_args[i];
    argv[n] = NULL;
    struct run r = {.status = -1, .insns = -1, .exits = -1};
    double t = now();
    pid_t pid = fork();
    if (pid == 0) {
        int fo = open("/dev/null", O_WRONLY);
        dup2(fo, 1);
        dup2(fe, 2);
        execv(zarm, argv);
        _exit(127);
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    r.seconds = now() - t;
    r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    char buf[8192] = "";
    ssize_t len = pread(fe, buf, sizeof buf - 1, 0);
    buf[len > 0 ? len : 0] = 0;
    close(fe);
    unlink(errf);
    r.insns = stat_value(buf, "guest instructions");
    long long hw = stat_value(buf, "hw exits");
    r.exits = hw > 0 ? hw : stat_value(buf, "engine exits");
    return r;
}

static int measure(int argc, char **argv);

/* Process 1 of the benchmark machine: the arguments come from /bench/args. */
static int as_init(void)
{
    mkdir("/dev", 0755);
    mkdir("/proc", 0755);
    mkdir("/tmp", 01777);
    mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    mount("proc", "/proc", "proc", 0, NULL);
    mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
    static char line[1024];
    FILE *f = fopen("/bench/args", "r");
    char *argv[70] = {"assisted"};
    int argc = 1;
    if (f && fgets(line, sizeof line, f))
        for (char *save, *t = strtok_r(line, " \n", &save); t && argc < 69;
             t = strtok_r(NULL, " \n", &save))
            argv[argc++] = t;
    measure(argc, argv);
    printf("[bench] end\n");
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    return 0;
}

int main(int argc, char **argv)
{
    return getpid() == 1 ? as_init() : measure(argc, argv);
}

static int measure(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: assisted ZARM BENCHDIR ENGINES [WORKLOAD[:N]...]\n");
        return 2;
    }
    const char *zarm = argv[1], *dir = argv[2];
    char kernels[512], exits[512];
    snprintf(kernels, sizeof kernels, "%s/kernels", dir);
    snprintf(exits, sizeof exits, "%s/exits", dir);
    char *engines[8];
    int ne = 0;
    char *list = strdup(argv[3]);
    for (char *save, *e = strtok_r(list, ",", &save); e && ne < 8; e = strtok_r(NULL, ",", &save))
        engines[ne++] = e;
    /* The workloads: as named, or every line of `kernels --list` (name, size, description). */
    char *work[64];
    int nw = 0;
    for (int i = 4; i < argc && nw < 64; i++)
        work[nw++] = argv[i];
    if (!nw) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "%s --list", kernels);
        FILE *p = popen(cmd, "r");
        char line[256];
        while (p && nw < 64 && fgets(line, sizeof line, p)) {
            char name[64];
            long size;
            if (sscanf(line, "%63s %ld", name, &size) == 2) {
                char *w = malloc(96);
                snprintf(w, 96, "%s:%ld", name, size);
                work[nw++] = w;
            }
        }
        if (p)
            pclose(p);
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("[bench] workload,engine,size,seconds,guest_insns,exits,exits_per_s,status\n");
    for (int w = 0; w < nw; w++) {
        char name[64] = "", size[32] = "";
        sscanf(work[w], "%63[^:]:%31s", name, size);
        for (int e = 0; e < ne; e++) {
            char *args[] = {kernels, name, size[0] ? size : NULL, NULL};
            struct run r = run(zarm, engines[e], args);
            printf("[bench] %s,%s,%s,%.3f,%lld,%lld,%.0f,%d\n", name, engines[e], size, r.seconds,
                   r.insns, r.exits, r.exits > 0 ? r.exits / r.seconds : 0.0, r.status);
        }
    }
    /* One exit: the difference between many empty system calls and none. */
    const long n = 200000;
    for (int e = 0; e < ne; e++) {
        char nbuf[32];
        snprintf(nbuf, sizeof nbuf, "%ld", n);
        char *none[] = {exits, "0", NULL}, *many[] = {exits, nbuf, NULL};
        struct run a = run(zarm, engines[e], none), b = run(zarm, engines[e], many);
        printf("[bench] exit-cost,%s,%ld,%.0f,,,,%d\n", engines[e], n,
               (b.seconds - a.seconds) / n * 1e9, a.status ? a.status : b.status);
    }
    return 0;
}
