// GUEST_ARGS: first second --flag=value -x 42
// GUEST_STATUS: 6
/* argv (the harness passes fixed arguments; argv[0] printed by basename since
 * the path differs between build trees) and the environment, sorted (the
 * harness runs with a small fixed env). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv, char **envp)
{
    const char *base = strrchr(argv[0], '/');
    printf("argc=%d argv0=%s\n", argc, base ? base + 1 : argv[0]);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    printf("argv[argc]=%s\n", argv[argc] ? "non-null" : "NULL");
    int n = 0;
    while (envp[n])
        n++;
    printf("envp==environ %d, %d variables\n", envp == environ, n);
    char **copy = malloc((n + 1) * sizeof *copy);
    memcpy(copy, envp, n * sizeof *copy);
    qsort(copy, n, sizeof *copy, cmp);
    for (int i = 0; i < n; i++)
        printf("env %s\n", copy[i]);
    free(copy);
    return argc;
}
