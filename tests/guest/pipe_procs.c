/* Pipes between processes: a parent feeds numbers to a child through one pipe,
 * the child squares them and answers through another, then a three-stage
 * pipeline of forked children passes a message along; exit statuses checked. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

/* A child that reads from in, appends its letter and writes to out, then exits with code. */
static pid_t stage(int in[2], int out[2], char letter, int code)
{
    pid_t pid = fork();
    if (pid == 0) {
        char buf[64] = {0};
        close(in[1]);
        ssize_t n = read(in[0], buf, sizeof buf - 2);
        buf[n] = letter;
        write(out[1], buf, (size_t)n + 1);
        _exit(code);
    }
    return pid;
}

int main(void)
{
    int to_child[2], from_child[2];
    pipe(to_child);
    pipe(from_child);
    pid_t pid = fork();
    if (pid == 0) {
        close(to_child[1]);
        close(from_child[0]);
        long v;
        int n = 0;
        while (read_full(to_child[0], &v, sizeof v) == 0) {
            v *= v;
            write(from_child[1], &v, sizeof v);
            n++;
        }
        _exit(n);
    }
    close(to_child[0]);
    close(from_child[1]);
    long total = 0;
    for (long i = 1; i <= 100; i++) {
        long r;
        write(to_child[1], &i, sizeof i);
        if (read_full(from_child[0], &r, sizeof r) != 0)
            break;
        total += r;
    }
    close(to_child[1]);
    int st;
    waitpid(pid, &st, 0);
    printf("sum of squares %ld, child handled %d\n", total, WEXITSTATUS(st));

    /* parent -> A -> B -> parent, each stage appending its letter. */
    int p1[2], p2[2], p3[2];
    pipe(p1);
    pipe(p2);
    pipe(p3);
    pid_t a = stage(p1, p2, 'A', 1);
    pid_t b = stage(p2, p3, 'B', 2);
    write(p1[1], "msg:", 4);
    char out[64] = {0};
    close(p3[1]);
    ssize_t n = read(p3[0], out, sizeof out - 1);
    int sa, sb;
    waitpid(a, &sa, 0);
    waitpid(b, &sb, 0);
    printf("pipeline gave \"%.*s\", statuses %d %d\n", (int)n, out, WEXITSTATUS(sa),
           WEXITSTATUS(sb));
    /* EOF once every writer is gone. */
    close(p1[1]);
    char c;
    close(p2[1]);
    printf("read after writers closed: %zd\n", read(p2[0], &c, 1));
    return 0;
}
