/* New processes and what concerns other processes: clone/fork, execve, the
 * wait calls, scheduling, priorities, capabilities, memory locking.
 *
 * zarm's process runs one guest thread, so a clone without CLONE_VM is a host
 * fork(): the child is a complete copy of the emulator with the guest in it.
 * execve of an Arm64 program re-runs zarm itself with the options it was
 * given; any other executable is the host's to run. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall.h"

/* glibc exports these without declaring them. */
extern int capget(cap_user_header_t hdr, cap_user_data_t data);
extern int capset(cap_user_header_t hdr, const cap_user_data_t data);

/* clone flags (the same on every architecture). */
#define G_CSIGNAL 0xffull
#define G_CLONE_VM 0x100ull
#define G_CLONE_FS 0x200ull
#define G_CLONE_FILES 0x400ull
#define G_CLONE_SIGHAND 0x800ull
#define G_CLONE_PIDFD 0x1000ull
#define G_CLONE_PTRACE 0x2000ull
#define G_CLONE_VFORK 0x4000ull
#define G_CLONE_PARENT 0x8000ull
#define G_CLONE_THREAD 0x10000ull
#define G_CLONE_SYSVSEM 0x40000ull
#define G_CLONE_SETTLS 0x80000ull
#define G_CLONE_PARENT_SETTID 0x100000ull
#define G_CLONE_CHILD_CLEARTID 0x200000ull
#define G_CLONE_DETACHED 0x400000ull
#define G_CLONE_UNTRACED 0x800000ull
#define G_CLONE_CHILD_SETTID 0x1000000ull

static void unimp(struct zarm_user *u, const char *what, uint64_t v)
{
    if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
        rt_log(u, "unimplemented %s 0x%llx\n", what, (unsigned long long)v);
}

static int put_u32(struct zarm_user *u, uint64_t addr, uint32_t v)
{
    uint8_t b[4];
    st_le32(b, v);
    return rt_copy_to_guest(&u->mem, addr, b, 4) ? 0 : -EFAULT;
}

/* ---- clone ---- */

/* arm64's argument order: flags, new stack, parent tid pointer, tls, child
 * tid pointer. */
int64_t rt_sys_clone(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t flags = a[0];
    if (flags & G_CLONE_THREAD)
        return rt_thread_clone(u, a);
    /* vfork (CLONE_VM|CLONE_VFORK) becomes fork: the child's copy of the
     * memory is as good as the shared one for the child, which may only
     * exec or exit, and the parent just resumes earlier. */
    bool vfork_like = (flags & (G_CLONE_VM | G_CLONE_VFORK)) == (G_CLONE_VM | G_CLONE_VFORK);
    if ((flags & (G_CLONE_THREAD | G_CLONE_SIGHAND)) || ((flags & G_CLONE_VM) && !vfork_like)) {
        unimp(u, "clone flags (threads)", flags);
        return -EINVAL;
    }
    uint64_t known = G_CSIGNAL | G_CLONE_VM | G_CLONE_VFORK | G_CLONE_SETTLS |
                     G_CLONE_PARENT_SETTID | G_CLONE_CHILD_CLEARTID | G_CLONE_CHILD_SETTID |
                     G_CLONE_DETACHED | G_CLONE_UNTRACED | G_CLONE_PTRACE | G_CLONE_SYSVSEM |
                     G_CLONE_FS | G_CLONE_FILES;
    if (flags & ~known) {
        unimp(u, "clone flags", flags & ~known);
        return -EINVAL;
    }
    /* The host fork's child signals its parent with SIGCHLD; another exit
     * signal would need the raw clone call. */
    if ((flags & G_CSIGNAL) != SIGCHLD && (flags & G_CSIGNAL) != 0)
        unimp(u, "clone exit signal (SIGCHLD used)", flags & G_CSIGNAL);
    if (u->log)
        fflush(u->log);
    pid_t pid = fork();
    if (pid < 0)
        return -errno;
    struct zarm_cpu *c = &rt_env(u)->cpu;
    if (pid == 0) {
        pid_t me = getpid();
        if (a[1])
            c->sp = a[1];
        if (flags & G_CLONE_SETTLS)
            c->tpidr_el0 = a[3];
        if (flags & G_CLONE_CHILD_SETTID)
            put_u32(u, a[4], (uint32_t)me);
        if (flags & G_CLONE_PARENT_SETTID)
            put_u32(u, a[2], (uint32_t)me);
        if (flags & G_CLONE_CHILD_CLEARTID)
            u->tid_address = a[4];
        return 0;
    }
    if (flags & G_CLONE_PARENT_SETTID)
        put_u32(u, a[2], (uint32_t)pid);
    return pid;
}

int64_t rt_sys_clone3(struct zarm_user *u, const uint64_t a[6])
{
    /* glibc falls back to clone when clone3 is missing. */
    return -ENOSYS;
}

/* ---- execve ---- */

/* Reads a guest NULL-terminated array of string pointers; *out (and each
 * string) must be freed with free_strv. */
static void free_strv(char **v)
{
    if (!v)
        return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

static int get_strv(struct zarm_user *u, uint64_t addr, char ***out, size_t *count)
{
    size_t n = 0, cap = 16;
    char **v = calloc(cap + 1, sizeof *v);
    if (!v)
        return -ENOMEM;
    for (; addr; n++) {
        uint8_t pb[8];
        if (!rt_copy_from_guest(&u->mem, pb, addr + 8 * n, 8)) {
            free_strv(v);
            return -EFAULT;
        }
        uint64_t s = ld_le64(pb);
        if (!s)
            break;
        if (n >= 65536) {
            free_strv(v);
            return -E2BIG;
        }
        if (n + 1 >= cap) {
            char **nv = realloc(v, (cap * 2 + 1) * sizeof *v);
            if (!nv) {
                free_strv(v);
                return -ENOMEM;
            }
            v = nv;
            cap *= 2;
        }
        char *buf = malloc(131072); /* MAX_ARG_STRLEN */
        if (!buf) {
            free_strv(v);
            return -ENOMEM;
        }
        int r = rt_sys_string(u, s, buf, 131072);
        if (r) {
            free(buf);
            free_strv(v);
            return r == -ENAMETOOLONG ? -E2BIG : r;
        }
        v[n] = buf;
        v[n + 1] = NULL;
    }
    v[n] = NULL;
    *out = v;
    *count = n;
    return 0;
}

/* The -L sysroot's copy of an absolute path, when it has one. */
static void in_sysroot(struct zarm_user *u, char *path, size_t size)
{
    const char *root = u->opt.sysroot;
    if (path[0] != '/' || !root || !root[0])
        return;
    char alt[4096];
    int n = snprintf(alt, sizeof alt, "%s%s", root, path);
    if (n > 0 && (size_t)n < size && access(alt, F_OK) == 0)
        memcpy(path, alt, (size_t)n + 1);
}

enum exe_kind { EXE_ARM64, EXE_SCRIPT, EXE_HOST };

/* What the file at path is; head gets its first bytes (for #!). */
static int exe_kind(const char *path, char *head, size_t size, enum exe_kind *k)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    ssize_t n = read(fd, head, size - 1);
    close(fd);
    if (n < 0)
        return -errno;
    head[n] = 0;
    const uint8_t *h = (const uint8_t *)head;
    /* EM_AARCH64 (183) in a 64-bit little-endian ELF header. */
    if (n >= 20 && !memcmp(h, "\177ELF", 4) && h[4] == 2 && h[5] == 1 && ld_le16(h + 18) == 183)
        *k = EXE_ARM64;
    else if (n >= 2 && h[0] == '#' && h[1] == '!')
        *k = EXE_SCRIPT;
    else
        *k = EXE_HOST;
    return 0;
}

/* Runs zarm again on the guest program `prog` with the guest's argv (from
 * argv[0]) and envp, and the options this process was given. */
static int reexec_zarm(struct zarm_user *u, const char *prog, char **argv, size_t argc,
                       char **envp)
{
    static const struct {
        unsigned bit;
        const char *name;
    } items[] = {{ZARM_LOG_IN_ASM, "in_asm"}, {ZARM_LOG_OUT_ASM, "out_asm"}, {ZARM_LOG_IR, "ir"},
                 {ZARM_LOG_EXEC, "exec"},     {ZARM_LOG_UNIMP, "unimp"},     {ZARM_LOG_STRACE, "strace"}};
    char self[4096];
    if (u->opt.self_exe) {
        snprintf(self, sizeof self, "%s", u->opt.self_exe);
    } else {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n < 0)
            return -ENOEXEC;
        self[n] = 0;
    }
    char engine[32], mem[48], logs[128] = "", logfd[32], runner[4200], fac[256], hot[32];
    char **v = calloc(argc + 20, sizeof *v);
    if (!v)
        return -ENOMEM;
    size_t i = 0;
    if (u->opt.exec_runner && u->opt.exec_runner[0])
        v[i++] = (char *)u->opt.exec_runner;
    v[i++] = self;
    snprintf(engine, sizeof engine, "--engine=%s", zarm_engine_name(u->opt.engine));
    v[i++] = engine;
    if (u->opt.sysroot && u->opt.sysroot[0]) {
        v[i++] = "-L";
        v[i++] = (char *)u->opt.sysroot;
    }
    if (u->opt.guest_mem_size) {
        snprintf(mem, sizeof mem, "--mem=%llu", (unsigned long long)u->opt.guest_mem_size);
        v[i++] = mem;
    }
    if (u->opt.cpu_facilities && u->opt.cpu_facilities[0]) {
        snprintf(fac, sizeof fac, "--cpu-facilities=%s", u->opt.cpu_facilities);
        v[i++] = fac;
    }
    if (u->opt.jit_hot) {
        snprintf(hot, sizeof hot, "--jit-hot=%d", u->opt.jit_hot > 0 ? u->opt.jit_hot : 0);
        v[i++] = hot;
    }
    for (size_t k = 0; k < sizeof items / sizeof items[0]; k++)
        if (u->opt.log_mask & items[k].bit) {
            size_t l = strlen(logs);
            snprintf(logs + l, sizeof logs - l, "%s%s", l ? "," : "", items[k].name);
        }
    if (logs[0]) {
        v[i++] = "-d";
        v[i++] = logs;
    }
    if (u->log) {
        /* The log stays open across the exec for the new zarm. */
        int fd = fileno(u->log);
        fflush(u->log);
        fcntl(fd, F_SETFD, 0);
        snprintf(logfd, sizeof logfd, "--log-fd=%d", fd);
        v[i++] = logfd;
    }
    if (u->opt.exec_runner && u->opt.exec_runner[0]) {
        snprintf(runner, sizeof runner, "--exec-runner=%s", u->opt.exec_runner);
        v[i++] = runner;
    }
    if (argc) {
        v[i++] = "-0";
        v[i++] = argv[0];
    }
    v[i++] = "--";
    v[i++] = (char *)prog;
    for (size_t k = 1; k < argc; k++)
        v[i++] = argv[k];
    v[i] = NULL;
    execve(v[0], v, envp);
    int e = errno;
    free(v);
    return -e;
}

int64_t rt_sys_execve(struct zarm_user *u, const uint64_t a[6])
{
    char path[4096], head[256];
    int r = rt_sys_path(u, a[0], path, sizeof path);
    if (r)
        return r;
    char **argv = NULL, **envp = NULL;
    size_t argc = 0, envc = 0;
    r = get_strv(u, a[1], &argv, &argc);
    if (!r)
        r = get_strv(u, a[2], &envp, &envc);
    if (r)
        goto out;
    if (access(path, X_OK) != 0) {
        r = -errno;
        goto out;
    }
    enum exe_kind k;
    r = exe_kind(path, head, sizeof head, &k);
    if (r)
        goto out;
    if (k == EXE_ARM64) {
        r = reexec_zarm(u, path, argv, argc, envp);
    } else if (k == EXE_SCRIPT) {
        /* "#!interpreter [one argument]": the kernel runs the interpreter
         * with argv = interpreter, [argument], script path, argv[1...]. */
        char *line = head + 2, *end = strchr(line, '\n');
        if (!end) {
            r = -ENOEXEC;
            goto out;
        }
        *end = 0;
        line += strspn(line, " \t");
        char *interp = line;
        line += strcspn(line, " \t");
        char *arg = NULL;
        if (*line) {
            *line++ = 0;
            line += strspn(line, " \t");
            size_t l = strlen(line);
            while (l && (line[l - 1] == ' ' || line[l - 1] == '\t' || line[l - 1] == '\r'))
                line[--l] = 0;
            if (l)
                arg = line;
        }
        char ipath[4096], ihead[64];
        snprintf(ipath, sizeof ipath, "%s", interp);
        in_sysroot(u, ipath, sizeof ipath);
        enum exe_kind ik;
        r = exe_kind(ipath, ihead, sizeof ihead, &ik);
        if (r)
            goto out;
        if (ik != EXE_ARM64) {
            /* A host interpreter: the host kernel reads the #! line itself. */
            execve(path, argv, envp);
            r = -errno;
            goto out;
        }
        char **nv = calloc(argc + 4, sizeof *nv);
        if (!nv) {
            r = -ENOMEM;
            goto out;
        }
        size_t n = 0;
        char script[4096];
        if (rt_sys_string(u, a[0], script, sizeof script))
            snprintf(script, sizeof script, "%s", path);
        nv[n++] = interp;
        if (arg)
            nv[n++] = arg;
        nv[n++] = script;
        for (size_t i = 1; i < argc; i++)
            nv[n++] = argv[i];
        nv[n] = NULL;
        r = reexec_zarm(u, ipath, nv, n, envp);
        free(nv);
    } else {
        execve(path, argv, envp);
        r = -errno;
    }
out:
    free_strv(argv);
    free_strv(envp);
    return r;
}

/* ---- waiting ---- */

int64_t rt_sys_wait4(struct zarm_user *u, const uint64_t a[6])
{
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    /* WNOHANG, WUNTRACED, WCONTINUED, __WALL... are the same everywhere. */
    pid_t r = wait4((pid_t)a[0], &status, (int)a[2], a[3] ? &ru : NULL);
    if (r < 0)
        return -errno;
    if (r > 0 && a[1] && put_u32(u, a[1], (uint32_t)status))
        return -EFAULT;
    if (a[3]) {
        uint8_t b[ARM64_RUSAGE_SIZE];
        rt_abi_put_rusage(b, &ru);
        if (!rt_copy_to_guest(&u->mem, a[3], b, sizeof b))
            return -EFAULT;
    }
    return r;
}

/* siginfo_t for SIGCHLD on arm64: s32 signo, errno, code, 4 bytes padding,
 * then pid, uid, status (s32 each) and 64-bit utime, stime; 128 bytes. */
#define G_SIGINFO_SIZE 128

int64_t rt_sys_waitid(struct zarm_user *u, const uint64_t a[6])
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    if (waitid((idtype_t)a[0], (id_t)a[1], &si, (int)a[3]) != 0)
        return -errno;
    if (a[2]) {
        uint8_t b[G_SIGINFO_SIZE];
        memset(b, 0, sizeof b);
        st_le32(b + 0, (uint32_t)si.si_signo);
        st_le32(b + 4, (uint32_t)si.si_errno);
        st_le32(b + 8, (uint32_t)si.si_code);
        st_le32(b + 16, (uint32_t)si.si_pid);
        st_le32(b + 20, (uint32_t)si.si_uid);
        st_le32(b + 24, (uint32_t)si.si_status);
        st_le64(b + 32, (uint64_t)(int64_t)si.si_utime);
        st_le64(b + 40, (uint64_t)(int64_t)si.si_stime);
        if (!rt_copy_to_guest(&u->mem, a[2], b, sizeof b))
            return -EFAULT;
    }
    if (a[4]) {
        /* The waited child's own rusage needs the raw syscall; the libc
         * call has none: report zeros. */
        uint8_t b[ARM64_RUSAGE_SIZE];
        memset(b, 0, sizeof b);
        unimp(u, "waitid rusage", a[4]);
        if (!rt_copy_to_guest(&u->mem, a[4], b, sizeof b))
            return -EFAULT;
    }
    return 0;
}

/* ---- scheduling and priorities ---- */

static int get_param(struct zarm_user *u, uint64_t addr, struct sched_param *p)
{
    uint8_t b[4];
    if (!addr || !rt_copy_from_guest(&u->mem, b, addr, 4))
        return -EFAULT;
    memset(p, 0, sizeof *p);
    p->sched_priority = (int)ld_le32(b);
    return 0;
}

int64_t rt_sys_sched_setparam(struct zarm_user *u, const uint64_t a[6])
{
    struct sched_param p;
    if ((int64_t)(int32_t)a[0] < 0)
        return -EINVAL;
    int r = get_param(u, a[1], &p);
    return r ? (r == -EFAULT && !a[1] ? -EINVAL : r) : rt_ret(sched_setparam((pid_t)a[0], &p));
}

int64_t rt_sys_sched_getparam(struct zarm_user *u, const uint64_t a[6])
{
    struct sched_param p;
    if (!a[1] || (int32_t)a[0] < 0)
        return -EINVAL;
    if (sched_getparam((pid_t)a[0], &p) != 0)
        return -errno;
    return put_u32(u, a[1], (uint32_t)p.sched_priority);
}

int64_t rt_sys_sched_setscheduler(struct zarm_user *u, const uint64_t a[6])
{
    struct sched_param p;
    if (!a[2] || (int32_t)a[0] < 0)
        return -EINVAL;
    int r = get_param(u, a[2], &p);
    if (r)
        return r;
    /* SCHED_* and SCHED_RESET_ON_FORK are the same everywhere. */
    return rt_ret(sched_setscheduler((pid_t)a[0], (int)a[1], &p));
}

int64_t rt_sys_sched_getscheduler(struct zarm_user *u, const uint64_t a[6])
{
    if ((int32_t)a[0] < 0)
        return -EINVAL;
    return rt_ret(sched_getscheduler((pid_t)a[0]));
}

int64_t rt_sys_sched_get_priority_max(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(sched_get_priority_max((int)a[0]));
}

int64_t rt_sys_sched_get_priority_min(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(sched_get_priority_min((int)a[0]));
}

int64_t rt_sys_sched_rr_get_interval(struct zarm_user *u, const uint64_t a[6])
{
    struct timespec ts;
    if (sched_rr_get_interval((pid_t)a[0], &ts) != 0)
        return -errno;
    return rt_sys_put_timespec(u, a[1], &ts);
}

int64_t rt_sys_sched_setaffinity(struct zarm_user *u, const uint64_t a[6])
{
    /* The mask is an array of little-endian 64-bit words: byte i holds CPUs
     * 8i..8i+7, whatever the host's word order. */
    uint64_t len = a[1];
    uint8_t b[CPU_SETSIZE / 8];
    memset(b, 0, sizeof b);
    uint64_t n = len < sizeof b ? len : sizeof b;
    if (!rt_copy_from_guest(&u->mem, b, a[2], n))
        return -EFAULT;
    cpu_set_t set;
    CPU_ZERO(&set);
    for (uint64_t cpu = 0; cpu < n * 8; cpu++)
        if (b[cpu / 8] & (1u << (cpu % 8)))
            CPU_SET(cpu, &set);
    return rt_ret(sched_setaffinity((pid_t)a[0], sizeof set, &set));
}

/* The syscall answers 20 - nice (1..40) so that it is never negative;
 * glibc's getpriority undoes that. */
int64_t rt_sys_getpriority(struct zarm_user *u, const uint64_t a[6])
{
    errno = 0;
    int r = getpriority((__priority_which_t)a[0], (id_t)a[1]);
    if (r == -1 && errno)
        return -errno;
    return 20 - r;
}

int64_t rt_sys_setpriority(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(setpriority((__priority_which_t)a[0], (id_t)a[1], (int)a[2]));
}

/* ---- process descriptors ---- */

/* A guest pid is the host pid, so the host's pidfd serves.  PIDFD_NONBLOCK is
 * O_NONBLOCK, converted like an open flag. */
int64_t rt_sys_pidfd_open(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(pidfd_open((pid_t)a[0], rt_open_flags_to_host((uint32_t)a[1])));
}

int64_t rt_sys_pidfd_getfd(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(pidfd_getfd(rt_fd(a[0]), rt_fd(a[1]), (unsigned)a[2]));
}

/* The signal numbers agree on arm64, x86_64 and s390x; a caller-built siginfo
 * would need converting and is not supported (glibc's wrappers pass NULL). */
int64_t rt_sys_pidfd_send_signal(struct zarm_user *u, const uint64_t a[6])
{
    if (a[2]) {
        unimp(u, "pidfd_send_signal siginfo", a[2]);
        return -EINVAL;
    }
    return rt_ret(pidfd_send_signal(rt_fd(a[0]), (int)a[1], NULL, (unsigned)a[3]));
}

/* ---- capabilities and chroot ---- */

/* struct __user_cap_header_struct: u32 version, s32 pid; the data are one
 * (version 1) or two (versions 2, 3) triples of u32 effective, permitted,
 * inheritable. */
static int cap_words(uint32_t version)
{
    return version == _LINUX_CAPABILITY_VERSION_1 ? 1
         : version == _LINUX_CAPABILITY_VERSION_2 || version == _LINUX_CAPABILITY_VERSION_3 ? 2
                                                                                             : 0;
}

static int64_t cap_call(struct zarm_user *u, const uint64_t a[6], bool set)
{
    uint8_t hb[8];
    if (!rt_copy_from_guest(&u->mem, hb, a[0], 8))
        return -EFAULT;
    struct __user_cap_header_struct hdr = {ld_le32(hb), (int)ld_le32(hb + 4)};
    struct __user_cap_data_struct d[2];
    memset(d, 0, sizeof d);
    int words = cap_words(hdr.version);
    uint8_t db[24];
    if (set && words) {
        if (!rt_copy_from_guest(&u->mem, db, a[1], 12 * (uint64_t)words))
            return -EFAULT;
        for (int i = 0; i < words; i++) {
            d[i].effective = ld_le32(db + 12 * i);
            d[i].permitted = ld_le32(db + 12 * i + 4);
            d[i].inheritable = ld_le32(db + 12 * i + 8);
        }
    }
    int r = set ? capset(&hdr, d) : capget(&hdr, a[1] ? d : NULL);
    int e = errno;
    if (!words || (r != 0 && e == EINVAL)) {
        /* An unknown version: the kernel writes back its preferred one. */
        st_le32(hb, hdr.version);
        if (!rt_copy_to_guest(&u->mem, a[0], hb, 4))
            return -EFAULT;
    }
    if (r != 0)
        return -e;
    if (!set && a[1] && words) {
        for (int i = 0; i < words; i++) {
            st_le32(db + 12 * i, d[i].effective);
            st_le32(db + 12 * i + 4, d[i].permitted);
            st_le32(db + 12 * i + 8, d[i].inheritable);
        }
        if (!rt_copy_to_guest(&u->mem, a[1], db, 12 * (uint64_t)words))
            return -EFAULT;
    }
    return 0;
}

int64_t rt_sys_capget(struct zarm_user *u, const uint64_t a[6]) { return cap_call(u, a, false); }
int64_t rt_sys_capset(struct zarm_user *u, const uint64_t a[6]) { return cap_call(u, a, true); }

/* ---- credentials ---- */

/* Group lists are arrays of u32 gid_t; at most NGROUPS_MAX (65536). */
#define G_NGROUPS_MAX 65536

int64_t rt_sys_getgroups(struct zarm_user *u, const uint64_t a[6])
{
    int size = (int)a[0];
    if (size < 0)
        return -EINVAL;
    if (size > G_NGROUPS_MAX)
        size = G_NGROUPS_MAX;
    gid_t *g = malloc(sizeof *g * (size_t)(size ? size : 1));
    if (!g)
        return -ENOMEM;
    int n = getgroups(size, g);
    int64_t r = n < 0 ? -errno : n;
    if (n > 0 && size) {
        uint8_t *b = malloc(4 * (size_t)n);
        if (!b) {
            free(g);
            return -ENOMEM;
        }
        for (int i = 0; i < n; i++)
            st_le32(b + 4 * i, (uint32_t)g[i]);
        if (!rt_copy_to_guest(&u->mem, a[1], b, 4 * (size_t)n))
            r = -EFAULT;
        free(b);
    }
    free(g);
    return r;
}

int64_t rt_sys_setgroups(struct zarm_user *u, const uint64_t a[6])
{
    if (a[0] > G_NGROUPS_MAX)
        return -EINVAL;
    size_t n = (size_t)a[0];
    gid_t *g = malloc(sizeof *g * (n ? n : 1));
    uint8_t *b = malloc(4 * (n ? n : 1));
    int64_t r = 0;
    if (!g || !b)
        r = -ENOMEM;
    else if (n && !rt_copy_from_guest(&u->mem, b, a[1], 4 * n))
        r = -EFAULT;
    if (!r) {
        for (size_t i = 0; i < n; i++)
            g[i] = (gid_t)ld_le32(b + 4 * i);
        r = rt_ret(setgroups(n, g));
    }
    free(g);
    free(b);
    return r;
}

/* getresuid/getresgid: three u32 written to three guest pointers. */
static int64_t put_ids3(struct zarm_user *u, const uint64_t a[6], int r, const unsigned ids[3])
{
    if (r != 0)
        return -errno;
    for (int i = 0; i < 3; i++)
        if (put_u32(u, a[i], ids[i]))
            return -EFAULT;
    return 0;
}

int64_t rt_sys_getresuid(struct zarm_user *u, const uint64_t a[6])
{
    uid_t id[3];
    int r = getresuid(&id[0], &id[1], &id[2]);
    const unsigned ids[3] = {id[0], id[1], id[2]};
    return put_ids3(u, a, r, ids);
}

int64_t rt_sys_getresgid(struct zarm_user *u, const uint64_t a[6])
{
    gid_t id[3];
    int r = getresgid(&id[0], &id[1], &id[2]);
    const unsigned ids[3] = {id[0], id[1], id[2]};
    return put_ids3(u, a, r, ids);
}

/* The set*id calls: glibc applies them to every host thread, as the guest's
 * glibc does to every guest thread.  -1 (keep) stays -1 as a 32-bit id. */
int64_t rt_sys_setuid(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(setuid((uid_t)a[0]));
}
int64_t rt_sys_setgid(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(setgid((gid_t)a[0]));
}
int64_t rt_sys_setreuid(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(setreuid((uid_t)a[0], (uid_t)a[1]));
}
int64_t rt_sys_setregid(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(setregid((gid_t)a[0], (gid_t)a[1]));
}
int64_t rt_sys_setresuid(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(setresuid((uid_t)a[0], (uid_t)a[1], (uid_t)a[2]));
}
int64_t rt_sys_setresgid(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(setresgid((gid_t)a[0], (gid_t)a[1], (gid_t)a[2]));
}

int64_t rt_sys_chroot(struct zarm_user *u, const uint64_t a[6])
{
    char path[4096];
    int r = rt_sys_path(u, a[0], path, sizeof path);
    return r ? r : rt_ret(chroot(path));
}

/* ---- membarrier ---- */

enum {
    G_MB_QUERY = 0,
    G_MB_GLOBAL = 1,
    G_MB_GLOBAL_EXPEDITED = 2,
    G_MB_REGISTER_GLOBAL_EXPEDITED = 4,
    G_MB_PRIVATE_EXPEDITED = 8,
    G_MB_REGISTER_PRIVATE_EXPEDITED = 16,
    G_MB_PRIVATE_EXPEDITED_SYNC_CORE = 32,
    G_MB_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 64,
};

/* One guest thread: every barrier is already satisfied by program order.
 * The private forms still require registration first, as on Linux. */
int64_t rt_sys_membarrier(struct zarm_user *u, const uint64_t a[6])
{
    static unsigned registered;
    int cmd = (int)a[0];
    if (a[1] != 0 && cmd != 0)
        return -EINVAL;
    switch (cmd) {
    case G_MB_QUERY:
        return a[1] ? -EINVAL
                    : G_MB_GLOBAL | G_MB_GLOBAL_EXPEDITED | G_MB_REGISTER_GLOBAL_EXPEDITED |
                          G_MB_PRIVATE_EXPEDITED | G_MB_REGISTER_PRIVATE_EXPEDITED |
                          G_MB_PRIVATE_EXPEDITED_SYNC_CORE |
                          G_MB_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE;
    case G_MB_GLOBAL:
    case G_MB_GLOBAL_EXPEDITED:
        return 0;
    case G_MB_REGISTER_GLOBAL_EXPEDITED:
    case G_MB_REGISTER_PRIVATE_EXPEDITED:
    case G_MB_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
        registered |= (unsigned)cmd;
        return 0;
    case G_MB_PRIVATE_EXPEDITED:
    case G_MB_PRIVATE_EXPEDITED_SYNC_CORE:
        return registered & ((unsigned)cmd << 1) ? 0 : -EPERM;
    }
    return -EINVAL;
}

/* ---- memory locking ---- */

/* The guest range as host memory, page aligned as the kernel rounds it. */
static void *lock_range(struct zarm_user *u, uint64_t addr, uint64_t len, size_t *hlen)
{
    uint64_t start = addr & ~(RT_PAGE - 1);
    uint64_t end = RT_PAGE_ALIGN(addr + len);
    if (end < start || !rt_mem_range_mapped(&u->mem, start, end - start))
        return NULL;
    *hlen = (size_t)(end - start);
    return rt_g2h(&u->mem, start);
}

int64_t rt_sys_mlock(struct zarm_user *u, const uint64_t a[6])
{
    size_t n;
    void *p = lock_range(u, a[0], a[1], &n);
    return p ? rt_ret(mlock(p, n)) : -ENOMEM;
}

int64_t rt_sys_mlock2(struct zarm_user *u, const uint64_t a[6])
{
    /* MLOCK_ONFAULT (1) is the only flag. */
    if (a[2] & ~1ull)
        return -EINVAL;
    size_t n;
    void *p = lock_range(u, a[0], a[1], &n);
    return p ? rt_ret(mlock2(p, n, (unsigned)a[2])) : -ENOMEM;
}

int64_t rt_sys_munlock(struct zarm_user *u, const uint64_t a[6])
{
    size_t n;
    void *p = lock_range(u, a[0], a[1], &n);
    return p ? rt_ret(munlock(p, n)) : -ENOMEM;
}

int64_t rt_sys_mlockall(struct zarm_user *u, const uint64_t a[6])
{
    /* MCL_CURRENT 1, MCL_FUTURE 2, MCL_ONFAULT 4; ONFAULT alone is invalid.
     * Locking all of zarm (its code cache, the reserved guest window) would
     * not be the guest's request: accepted without locking. */
    uint64_t f = a[0];
    if (!f || (f & ~7ull) || f == 4)
        return -EINVAL;
    return 0;
}

int64_t rt_sys_munlockall(struct zarm_user *u, const uint64_t a[6]) { return 0; }
