/* Processes: fork, vfork, clone-based posix_spawn (system), wait4 with
 * rusage, waitid, execve of host programs and #! scripts with host
 * interpreters, kill of a child, sessions and groups, prctl, scheduling,
 * priorities, capabilities, membarrier, memory locking.  PIDs are printed
 * only as relations. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/membarrier.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK(x) check(#x, (long)(x))
static long check(const char *what, long r) {
    printf("%-64s = %ld", what, r);
    if (r < 0)
        printf(" (%s)", strerror(errno));
    printf("\n");
    return r;
}

static int global = 1;

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t me = getpid();
    pid_t c = fork();
    if (c == 0) {
        global = 2;
        printf("child: parent ok %d pid differs %d global %d\n", getppid() == me, getpid() != me,
               global);
        _exit(42);
    }
    int st;
    struct rusage ru;
    CHECK(wait4(c, &st, 0, &ru) == c);
    printf("parent: global %d exited %d status %d\n", global, WIFEXITED(st), WEXITSTATUS(st));
    CHECK(wait4(-1, &st, WNOHANG, NULL));

    c = vfork();
    if (c == 0)
        _exit(5);
    CHECK(waitpid(c, &st, 0) == c);
    printf("vfork child status %d\n", WEXITSTATUS(st));

    c = fork();
    if (c == 0) {
        pause();
        _exit(0);
    }
    CHECK(kill(c, SIGTERM));
    siginfo_t si;
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_PID, c, &si, WEXITED));
    printf("waitid signo %d code %d status %d pid ok %d\n", si.si_signo, si.si_code, si.si_status,
           si.si_pid == c);
    memset(&si, 0xff, sizeof si);
    CHECK(waitid(P_ALL, 0, &si, WEXITED | WNOHANG));

    c = fork();
    if (c == 0)
        _exit(9);
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_PID, c, &si, WEXITED | WNOWAIT));
    printf("nowait code %d status %d\n", si.si_code, si.si_status);
    CHECK(waitpid(c, &st, 0) == c);
    printf("status %d\n", WEXITSTATUS(st));

    /* Host programs: system() goes through posix_spawn (clone with
     * CLONE_VM|CLONE_VFORK and a new stack) and /bin/sh. */
    int r = system("echo from the shell; exit 3");
    printf("system status %d\n", WEXITSTATUS(r));
    FILE *f = fopen("script.sh", "w");
    fprintf(f, "#!/bin/sh -e\necho script args: \"$@\"\nexit 4\n");
    fclose(f);
    chmod("script.sh", 0755);
    c = fork();
    if (c == 0) {
        char *argv[] = {"script.sh", "one", "two", NULL};
        char *envp[] = {"PATH=/bin:/usr/bin", NULL};
        execve("./script.sh", argv, envp);
        _exit(99);
    }
    CHECK(waitpid(c, &st, 0) == c);
    printf("script status %d\n", WEXITSTATUS(st));
    c = fork();
    if (c == 0) {
        char *argv[] = {"printf", "%s-%s\\n", "host", "printf", NULL};
        execve("/usr/bin/printf", argv, (char *[]){NULL});
        _exit(99);
    }
    CHECK(waitpid(c, &st, 0) == c);
    printf("exec status %d\n", WEXITSTATUS(st));
    char *nargv[] = {"x", NULL};
    CHECK(execve("/nonexistent/program", nargv, nargv + 1));
    CHECK(execve("script.sh/", nargv, nargv + 1));
    int fd = open("plain", O_CREAT | O_WRONLY, 0644);
    close(fd);
    CHECK(execve("plain", nargv, nargv + 1));
    CHECK(syscall(SYS_clone3, NULL, 0));

    /* Sessions and groups: in a child, which is not a group leader. */
    c = fork();
    if (c == 0) {
        pid_t s = setsid();
        printf("child setsid ok %d sid ok %d pgid ok %d\n", s == getpid(), getsid(0) == getpid(),
               getpgid(0) == getpid());
        printf("setsid again %d\n", setsid());
        _exit(0);
    }
    waitpid(c, &st, 0);
    CHECK(setpgid(0, 0));
    CHECK(getpgid(0) == getpid());

    char name[16] = "";
    CHECK(prctl(PR_SET_NAME, "zarm-test"));
    CHECK(prctl(PR_GET_NAME, name));
    printf("name %s\n", name);
    CHECK(prctl(PR_SET_PDEATHSIG, SIGTERM));
    int ds = 0;
    CHECK(prctl(PR_GET_PDEATHSIG, &ds));
    printf("pdeathsig %d\n", ds);
    CHECK(prctl(PR_GET_DUMPABLE));
    CHECK(umask(027));
    CHECK(umask(022));

    struct sched_param sp = {0};
    CHECK(sched_getscheduler(0));
    CHECK(sched_getparam(0, &sp));
    printf("priority %d\n", sp.sched_priority);
    CHECK(sched_setscheduler(0, SCHED_OTHER, &sp));
    CHECK(sched_setparam(0, &sp));
    CHECK(sched_get_priority_max(SCHED_FIFO));
    CHECK(sched_get_priority_min(SCHED_FIFO));
    CHECK(sched_get_priority_max(SCHED_OTHER));
    CHECK(sched_get_priority_max(77));
    struct timespec rr;
    CHECK(sched_rr_get_interval(0, &rr));
    cpu_set_t set;
    CHECK(sched_getaffinity(0, sizeof set, &set));
    CHECK(sched_setaffinity(0, sizeof set, &set));
    CPU_ZERO(&set);
    CHECK(sched_setaffinity(0, sizeof set, &set));
    CHECK(getpriority(PRIO_PROCESS, 0));
    CHECK(setpriority(PRIO_PROCESS, 0, 3));
    errno = 0;
    CHECK(getpriority(PRIO_PROCESS, 0));
    CHECK(nice(1));

    struct __user_cap_header_struct ch = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct cd[2];
    CHECK(syscall(SYS_capget, &ch, cd));
    CHECK(syscall(SYS_capset, &ch, cd));
    ch.version = 0x12345678;
    CHECK(syscall(SYS_capget, &ch, NULL));
    printf("preferred version %#x\n", ch.version);

    int mask = (int)syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    printf("membarrier query ok %d global %d\n", mask > 0, !!(mask & MEMBARRIER_CMD_GLOBAL));
    CHECK(syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0));
    CHECK(syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0));
    CHECK(syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
    CHECK(syscall(SYS_membarrier, 12345, 0, 0));

    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(mlock(page, 100));
    CHECK(munlock(page, 100));
    /* Not compared: mlock2(MLOCK_ONFAULT) succeeds on Linux and in zarm;
     * qemu 7.2 lacks mlock2 and glibc's fallback answers EINVAL. */
    CHECK(munlock(page, 8192));
    CHECK(mlockall(0));
    CHECK(munlockall());
    CHECK(msync(page, 4096, MS_SYNC));
    CHECK(msync(page + 1, 4096, MS_SYNC));
    munmap(page, 8192);
    CHECK(mlock(page, 100));
    return 0;
}
