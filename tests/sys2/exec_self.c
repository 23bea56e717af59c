// SYS2_EXPECTED: exec_self.out
/* execve of an Arm64 program (itself, through /proc/self/exe) and of a #!
 * script whose interpreter is an Arm64 program.  zarm runs both, as Linux
 * with binfmt_misc would; qemu-aarch64-static without binfmt_misc answers
 * ENOEXEC, so this program is checked against exec_self.out instead. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int run(char *path, char **argv, char **envp) {
    pid_t c = fork();
    if (c == 0) {
        execve(path, argv, envp);
        printf("execve %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    int st;
    waitpid(c, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1) {
        printf("argc %d:", argc);
        for (int i = 1; i < argc; i++) /* argv[0] (a path for scripts) varies: not printed */
            printf(" [%s]", argv[i]);
        printf(" FOO=%s\n", getenv("FOO") ? getenv("FOO") : "(unset)");
        return argc;
    }
    char *env[] = {"FOO=bar", NULL};
    char *a1[] = {"renamed", "child", "a b", NULL};
    printf("status %d\n", run("/proc/self/exe", a1, env));
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0)
        return 1;
    self[n] = 0;
    FILE *f = fopen("s.sh", "w");
    fprintf(f, "#!%s  from-script  \nnot read\n", self);
    fclose(f);
    chmod("s.sh", 0755);
    char *a2[] = {"s.sh", "x", NULL};
    printf("status %d\n", run("./s.sh", a2, env));
    return 0;
}
