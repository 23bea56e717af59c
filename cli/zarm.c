/* zarm: run an Arm64 Linux program, with qemu-user's conventions.
 * Uses only the public API (include/zarm/). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "zarm/zarm.h"

extern char **environ;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zarm [options] program [args...]\n"
            "  -L path          sysroot for the ELF interpreter and absolute paths (ZARM_LD_PREFIX)\n"
            "  -E var=value     set an environment variable for the guest\n"
            "  -U var           remove an environment variable for the guest\n"
            "  -0 argv0         the guest's argv[0]\n"
            "  -d item[,...]    log: in_asm, out_asm, ir, exec, unimp, strace\n"
            "  -D logfile       write the log to logfile\n"
            "  --engine=E       auto, interp, jit or hw\n"
            "  --mem=BYTES      guest address space size (e.g. 4G)\n"
            "  --stats          print execution statistics on exit\n"
            "  --log-fd=N       write the log to the open descriptor N (a guest execve's zarm)\n"
            "  --exec-runner=P  run zarm through program P when the guest execs an Arm64 program\n"
            "  --cpu-facilities=LIST  cap the s390x facilities the JIT uses: z196, z13, z14, z15,\n"
            "                   max, or a list such as z196,mie2 (else $ZARM_CPU_FACILITIES)\n"
            "  --jit-hot=N      compile a block with the JIT once it has run N times in the\n"
            "                   interpreter; 0: at once (else $ZARM_JIT_HOT, else a default)\n"
            "  -h, --help       this text\n");
}

static int parse_log(const char *s, unsigned *mask)
{
    static const struct {
        const char *name;
        unsigned bit;
    } items[] = {{"in_asm", ZARM_LOG_IN_ASM}, {"out_asm", ZARM_LOG_OUT_ASM}, {"ir", ZARM_LOG_IR},
                 {"exec", ZARM_LOG_EXEC},     {"unimp", ZARM_LOG_UNIMP},     {"strace", ZARM_LOG_STRACE}};
    char *copy = strdup(s), *save = NULL;
    if (!copy)
        return -1;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < sizeof items / sizeof items[0]; i++)
            if (!strcmp(t, items[i].name))
                break;
        if (i == sizeof items / sizeof items[0]) {
            fprintf(stderr, "zarm: -d: unknown log item '%s'\n", t);
            free(copy);
            return -1;
        }
        *mask |= items[i].bit;
    }
    free(copy);
    return 0;
}

static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s)
        return -1;
    switch (*end) {
    case 'G': case 'g': v <<= 30; end++; break;
    case 'M': case 'm': v <<= 20; end++; break;
    case 'K': case 'k': v <<= 10; end++; break;
    }
    if (*end)
        return -1;
    *out = v;
    return 0;
}

/* The guest environment: the host's, edited by -E and -U in order. */
static char **env_edit(char **env, size_t *n, const char *op, int unset)
{
    size_t klen = strcspn(op, "=");
    for (size_t i = 0; i < *n; i++)
        if (!strncmp(env[i], op, klen) && env[i][klen] == '=') {
            if (unset) {
                env[i] = env[--*n];
                env[*n] = NULL;
            } else {
                env[i] = (char *)op;
            }
            return env;
        }
    if (unset)
        return env;
    char **ne = realloc(env, (*n + 2) * sizeof *ne);
    if (!ne)
        return env;
    ne[(*n)++] = (char *)op;
    ne[*n] = NULL;
    return ne;
}

/* The guest died of sig's default action: so does zarm, as the guest process would (its
 * parent sees WIFSIGNALED; a shell shows 128+sig either way).  No host core file: the core
 * would be zarm's, not the guest's. */
static void die_of(int sig)
{
    /* The core-dumping ones are announced, as qemu does (the test harnesses drop the line). */
    switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
    case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        fprintf(stderr, "zarm: uncaught target signal %d (%s)\n", sig, strsignal(sig));
        break;
    default:
        break;
    }
    fflush(NULL);
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

int main(int argc, char **argv)
{
    struct zarm_user_options opt;
    zarm_user_options_init(&opt);
    int stats = 0;
    const char *logfile = NULL, *argv0 = NULL;
    size_t envn = 0;
    while (environ[envn])
        envn++;
    char **genv = malloc((envn + 1) * sizeof *genv);
    if (!genv)
        return 1;
    memcpy(genv, environ, (envn + 1) * sizeof *genv);
    if (getenv("ZARM_LD_PREFIX"))
        opt.sysroot = getenv("ZARM_LD_PREFIX");

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--stats")) {
            stats = 1;
        } else if (!strncmp(a, "--exec-runner=", 14)) {
            opt.exec_runner = a + 14;
        } else if (!strncmp(a, "--jit-hot=", 10)) {
            int n = atoi(a + 10);
            opt.jit_hot = n > 0 ? n : -1;
        } else if (!strncmp(a, "--cpu-facilities=", 17)) {
            opt.cpu_facilities = a + 17;
        } else if (!strncmp(a, "--log-fd=", 9)) {
            /* The log a guest's execve hands on; not the guest's to inherit. */
            opt.log_fd = atoi(a + 9);
            fcntl(opt.log_fd, F_SETFD, FD_CLOEXEC);
        } else if (!strncmp(a, "--engine=", 9)) {
            const char *e = a + 9;
            if (!strcmp(e, "auto")) opt.engine = ZARM_ENGINE_AUTO;
            else if (!strcmp(e, "interp")) opt.engine = ZARM_ENGINE_INTERP;
            else if (!strcmp(e, "jit")) opt.engine = ZARM_ENGINE_JIT;
            else if (!strcmp(e, "hw")) opt.engine = ZARM_ENGINE_HW;
            else {
                fprintf(stderr, "zarm: unknown engine '%s' (auto, interp, jit, hw)\n", e);
                return 2;
            }
        } else if (!strncmp(a, "--mem=", 6)) {
            if (parse_size(a + 6, &opt.guest_mem_size)) {
                fprintf(stderr, "zarm: --mem: bad size '%s'\n", a + 6);
                return 2;
            }
        } else if (!strcmp(a, "-L") || !strcmp(a, "-E") || !strcmp(a, "-U") || !strcmp(a, "-d") ||
                   !strcmp(a, "-D") || !strcmp(a, "-0")) {
            if (!val) {
                fprintf(stderr, "zarm: option %s needs an argument\n", a);
                return 2;
            }
            i++;
            if (a[1] == 'L') opt.sysroot = val;
            else if (a[1] == 'E') genv = env_edit(genv, &envn, val, 0);
            else if (a[1] == 'U') genv = env_edit(genv, &envn, val, 1);
            else if (a[1] == 'D') logfile = val;
            else if (a[1] == '0') argv0 = val;
            else if (parse_log(val, &opt.log_mask)) return 2;
        } else {
            fprintf(stderr, "zarm: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    if (logfile) {
        opt.log_fd = open(logfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (opt.log_fd < 0) {
            fprintf(stderr, "zarm: %s: %s\n", logfile, strerror(errno));
            return 2;
        }
    }
    struct zarm_user *u;
    opt.no_insn_count = !stats; /* only --stats shows the count */
    int r = zarm_user_create(&opt, &u);
    if (r) {
        fprintf(stderr, "zarm: %s\n", zarm_user_error(u));
        zarm_user_destroy(u);
        return r == ZARM_E_ENGINE ? 2 : 1;
    }
    const char *path = argv[i];
    if (argv0)
        argv[i] = (char *)argv0;
    r = zarm_user_load(u, path, argv + i, genv);
    if (r) {
        fprintf(stderr, "zarm: %s\n", zarm_user_error(u));
        zarm_user_destroy(u);
        /* As a shell: 127 for a missing program, 126 for one that cannot run. */
        return r == ZARM_E_NOENT ? 127 : 126;
    }
    int status = 0;
    r = zarm_user_run(u, &status);
    if (r) {
        fprintf(stderr, "zarm: %s\n", zarm_user_error(u));
        status = 1;
    }
    if (stats) {
        struct zarm_stats s;
        zarm_user_stats(u, &s);
        fprintf(stderr,
                "zarm stats: engine %s\n"
                "  guest instructions  %" PRIu64 "\n"
                "  blocks translated   %" PRIu64 "\n"
                "  invalidations       %" PRIu64 " (%" PRIu64 " blocks dropped)\n"
                "  cache               %" PRIu64 " blocks, %" PRIu64 " bytes\n"
                "  helper calls        %" PRIu64 "\n"
                "  syscalls            %" PRIu64 "\n"
                "  engine exits        %" PRIu64 "\n",
                zarm_engine_name(zarm_user_engine(u)), s.guest_insns, s.blocks_translated,
                s.invalidations, s.blocks_dropped, s.cache_blocks, s.cache_bytes, s.helper_calls,
                s.syscalls, s.engine_exits);
        if (zarm_user_engine(u) == ZARM_ENGINE_HW)
            fprintf(stderr,
                    "  hw exits            %" PRIu64 "\n"
                    "  hw hand-overs       %" PRIu64 "\n"
                    "  hw register moves   %" PRIu64 "\n"
                    "  hw TLB flushes      %" PRIu64 "\n"
                    "  hw interrupts       %" PRIu64 "\n"
                    "  hw vcpus            %" PRIu64 "\n",
                    s.hw_exits, s.hw_handovers, s.hw_reg_transfers, s.hw_tlb_flushes,
                    s.hw_interrupts, s.hw_vcpus);
        if (zarm_user_engine(u) == ZARM_ENGINE_JIT) {
            fprintf(stderr, "  interpreted blocks  %" PRIu64 " (the JIT could not compile them)\n",
                    s.jit_fallback_blocks);
            fprintf(stderr, "  global pins        ");
            for (unsigned n = 0; n < s.jit_nglobal_pins && n < 8; n++)
                if (s.jit_global_pins[n] == 31)
                    fprintf(stderr, " sp");
                else
                    fprintf(stderr, " x%u", s.jit_global_pins[n]);
            fprintf(stderr, " (%s)\n",
                    s.jit_pins_changed  ? "chosen by profile"
                    : s.jit_pin_reviews ? "default, kept by profile"
                                        : "default");
            fprintf(stderr, "  stop polls          %s\n",
                    s.jit_stop_polls ? "on (threads or signal handlers)"
                                     : "off (one thread, no signal handler)");
        }
    }
    int term = r ? 0 : zarm_user_term_signal(u);
    zarm_user_destroy(u);
    free(genv);
    if (term)
        die_of(term);
    return status;
}
