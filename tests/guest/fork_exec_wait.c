/* fork, exec and waitpid statuses: a normal exit, an exec'd program's exit code, a
 * death by signal, and a SIGCHLD handler (sigsuspend) that sees the child's pid and
 * status.  The exec'd program is the host's shell: qemu-aarch64, the reference, cannot
 * exec an Arm64 program without binfmt_misc (zarm can: see tests/real). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile pid_t chld_pid;
static volatile int chld_status, chld_code;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    chld_pid = si->si_pid;
    chld_status = si->si_status;
    chld_code = si->si_code;
}

static void report(const char *what, pid_t pid, int st)
{
    if (WIFEXITED(st))
        printf("%s: pid ok %d, exited %d\n", what, pid > 0, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: pid ok %d, killed by %d\n", what, pid > 0, WTERMSIG(st));
    else
        printf("%s: status %x\n", what, st);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int st;
    pid_t pid = fork();
    if (pid == 0)
        _exit(7);
    report("fork+_exit(7)", waitpid(pid, &st, 0), st);

    pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", "echo \"shell child: $0\"; exit 42", "hello", (char *)NULL);
        _exit(99);
    }
    report("fork+exec", waitpid(pid, &st, 0), st);

    pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    kill(pid, SIGTERM);
    report("fork+kill", waitpid(pid, &st, 0), st);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid = fork();
    if (pid == 0)
        _exit(3);
    /* Wait for SIGCHLD with the signal blocked, then reap. */
    sigsuspend(&old);
    printf("SIGCHLD: pid match %d status %d code %d (CLD_EXITED %d)\n", chld_pid == pid,
           chld_status, chld_code, CLD_EXITED);
    report("reaped", waitpid(pid, &st, 0), st);
    return 0;
}
