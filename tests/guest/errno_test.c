/* errno from failing system calls and library functions (errno is itself a
 * TLS variable) and strerror texts. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, int r)
{
    int e = errno;
    printf("%-22s r=%d errno=%d (%s)\n", what, r, e, strerror(e));
}

int main(void)
{
    errno = 0;
    show("open missing", open("/nonexistent/zarm", O_RDONLY));
    show("close bad fd", close(987));
    show("read bad fd", (int)read(-1, NULL, 0));
    show("rmdir cwd-child", rmdir("definitely-not-here"));
    show("mkdir in /proc/1", mkdir("/proc/1/x", 0700));
    char buf[4];
    show("getcwd tiny buf", getcwd(buf, 1) ? 0 : -1);
    errno = 0;
    long v = strtol("99999999999999999999999", NULL, 10);
    show("strtol overflow", v == LONG_MAX);
    errno = 0;
    show("errno reset", 0);
    perror("perror text");
    return 0;
}
