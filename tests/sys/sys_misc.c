// SYS_STATUS: 143 (the program ends itself with SIGTERM)
/* Process, time, signal-state and system-information syscalls through glibc.
 * Values that differ from run to run are printed as relations (monotonic,
 * equal, positive), host facts both runners see alike are printed as is. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define CHECK(x) check(#x, (long)(x))
static long check(const char *what, long r) {
    printf("%-60s = %ld", what, r);
    if (r < 0)
        printf(" (%s)", strerror(errno));
    printf("\n");
    return r;
}

static void on_usr1(int s) { (void)s; }

static long long ns(const struct timespec *t) { return t->tv_sec * 1000000000ll + t->tv_nsec; }

int main(void) {
    struct utsname un;
    CHECK(uname(&un));
    struct utsname host;
    printf("uname: %s %s\n", un.sysname, un.machine);
    (void)host;

    CHECK(getpid() == gettid());
    CHECK(getppid() > 0);
    CHECK(getuid() == geteuid());
    CHECK(getgid() == getegid());
    CHECK(getpgid(0) == getpgrp());
    CHECK(getsid(0) > 0);
    CHECK(getpgid(-5));

    struct timespec t0, t1, res;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t0));
    CHECK(clock_getres(CLOCK_MONOTONIC, &res));
    printf("res ns %ld\n", res.tv_nsec);
    CHECK(clock_getres(CLOCK_REALTIME, &res));
    CHECK(clock_gettime(12345, &t1));
    struct timespec req = {0, 20 * 1000 * 1000};
    CHECK(nanosleep(&req, NULL));
    req.tv_nsec = 2000000000;
    CHECK(nanosleep(&req, NULL));
    req.tv_nsec = 10 * 1000 * 1000;
    CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL));
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t1));
    printf("slept >= 30ms: %d\n", ns(&t1) - ns(&t0) >= 30000000);
    struct timespec abs = t1;
    abs.tv_nsec += 5000000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL));
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t0));
    printf("absolute sleep reached: %d\n", ns(&t0) >= ns(&abs));
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL));
    time_t now = time(NULL);
    printf("gettimeofday near time(): %d\n", tv.tv_sec - now <= 1 && now - tv.tv_sec <= 1);
    struct timespec rt;
    CHECK(clock_gettime(CLOCK_REALTIME, &rt));
    printf("realtime near time(): %d\n", rt.tv_sec - now <= 1 && now - rt.tv_sec <= 1);
    CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0));
    struct tms tm;
    CHECK(times(&tm) > 0);
    struct rusage ru;
    CHECK(getrusage(RUSAGE_SELF, &ru));
    printf("rusage maxrss positive %d\n", ru.ru_maxrss > 0);
    CHECK(getrusage(42, &ru));

    unsigned char rnd[64];
    CHECK(getrandom(rnd, sizeof rnd, 0));
    int nz = 0;
    for (int i = 0; i < 64; i++)
        nz += rnd[i] != 0;
    printf("random nonzero bytes > 40: %d\n", nz > 40);
    CHECK(getrandom(rnd, 8, 0x100));

    struct sysinfo si;
    CHECK(sysinfo(&si));
    printf("sysinfo: totalram>0 %d mem_unit %u procs>0 %d\n", si.totalram > 0, si.mem_unit,
           si.procs > 0);
    cpu_set_t set;
    CHECK(sched_getaffinity(0, sizeof set, &set));
    printf("cpus %d\n", CPU_COUNT(&set));
    CHECK(sched_yield());

    struct rlimit rl;
    CHECK(getrlimit(RLIMIT_NOFILE, &rl));
    printf("nofile %llu %llu\n", (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
    rl.rlim_cur = 100;
    CHECK(setrlimit(RLIMIT_NOFILE, &rl));
    CHECK(getrlimit(RLIMIT_NOFILE, &rl));
    printf("nofile now %llu\n", (unsigned long long)rl.rlim_cur);
    CHECK(getrlimit(RLIMIT_STACK, &rl));
    CHECK(getrlimit(99, &rl));
    CHECK(umask(077));
    CHECK(umask(022));

    char name[17] = {0};
    CHECK(prctl(PR_SET_NAME, "worker-thread-name-long"));
    CHECK(prctl(PR_GET_NAME, name));
    printf("name %s\n", name);
    printf("capability bounding set has CAP_CHOWN: %d\n", prctl(PR_CAPBSET_READ, 0, 0, 0, 0) >= 0);
    CHECK(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));

    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    CHECK(sigaction(SIGUSR1, &sa, NULL));
    CHECK(sigaction(SIGUSR1, NULL, &old));
    printf("old handler is ours %d restart %d usr2 in mask %d\n", old.sa_handler == on_usr1,
           (old.sa_flags & SA_RESTART) != 0, sigismember(&old.sa_mask, SIGUSR2));
    CHECK(sigaction(SIGKILL, &sa, NULL));
    CHECK(sigaction(0, &sa, NULL));
    sigset_t m, om;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigaddset(&m, SIGKILL);
    CHECK(sigprocmask(SIG_BLOCK, &m, NULL));
    CHECK(sigprocmask(SIG_SETMASK, NULL, &om));
    printf("blocked usr2 %d kill %d\n", sigismember(&om, SIGUSR2), sigismember(&om, SIGKILL));
    CHECK(sigprocmask(42, &m, NULL));
    CHECK(sigprocmask(SIG_UNBLOCK, &m, NULL));
    stack_t ss, oss;
    CHECK(sigaltstack(NULL, &oss));
    printf("altstack disabled %d\n", (oss.ss_flags & SS_DISABLE) != 0);
    ss.ss_sp = malloc(65536);
    ss.ss_size = 65536;
    ss.ss_flags = 0;
    CHECK(sigaltstack(&ss, NULL));
    CHECK(sigaltstack(NULL, &oss));
    printf("altstack size %zu flags %d same %d\n", oss.ss_size, oss.ss_flags,
           oss.ss_sp == ss.ss_sp);
    ss.ss_size = 100;
    CHECK(sigaltstack(&ss, NULL));
    CHECK(kill(getpid(), 0));
    CHECK(kill(getpid(), SIGCHLD));
    CHECK(raise(SIGWINCH));
    signal(SIGPIPE, SIG_IGN);
    CHECK(raise(SIGPIPE));
    CHECK(kill(getpid(), 99));

    int mfd = CHECK(memfd_create("zarm-test", MFD_CLOEXEC));
    CHECK(write(mfd, "abc", 3));
    struct stat st;
    CHECK(fstat(mfd, &st));
    printf("memfd size %lld\n", (long long)st.st_size);
    fflush(stdout);
    /* The default action of SIGTERM ends the process: status 128 + 15. */
    kill(getpid(), SIGTERM);
    printf("not reached\n");
    return 0;
}
