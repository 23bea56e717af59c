/* File I/O in a private temporary directory (the harness runs each program in
 * a fresh empty cwd): mkdtemp, open/write/read/pread/lseek, fstat/stat sizes,
 * ftruncate, readdir (sorted, since directory order is the filesystem's),
 * rename, unlink, rmdir, stdio files. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char dir[] = "ztest.XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    if (chdir(dir)) {
        perror("chdir");
        return 1;
    }
    char block[4096];
    for (int i = 0; i < 4096; i++)
        block[i] = (char)(i * 13);
    int fd = open("data.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (fd < 0)
        return 1;
    for (int i = 0; i < 10; i++)
        if (write(fd, block, sizeof block) != (ssize_t)sizeof block)
            return 1;
    struct stat st;
    fstat(fd, &st);
    printf("size after writes %lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    printf("lseek end=%lld set=%lld cur=%lld\n", (long long)lseek(fd, 0, SEEK_END),
           (long long)lseek(fd, 1000, SEEK_SET), (long long)lseek(fd, 24, SEEK_CUR));
    char rb[64];
    ssize_t n = read(fd, rb, sizeof rb);
    printf("read %zd first=%d pread=%zd byte=%d\n", n, rb[0], pread(fd, rb, 10, 4095), rb[1]);
    lseek(fd, 100000, SEEK_SET);
    write(fd, "end", 3);
    fstat(fd, &st);
    printf("sparse size %lld\n", (long long)st.st_size);
    ftruncate(fd, 5000);
    fstat(fd, &st);
    printf("truncated size %lld\n", (long long)st.st_size);
    close(fd);
    FILE *f = fopen("text.txt", "w");
    for (int i = 0; i < 100; i++)
        fprintf(f, "line %d of the text file\n", i);
    fclose(f);
    f = fopen("text.txt", "r");
    char line[128];
    int lines = 0;
    long chars = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        chars += (long)strlen(line);
    }
    fclose(f);
    printf("text lines %d chars %ld\n", lines, chars);
    mkdir("sub", 0755);
    close(open("sub/empty", O_CREAT | O_WRONLY, 0600));
    if (rename("text.txt", "renamed.txt"))
        perror("rename");
    stat("renamed.txt", &st);
    printf("renamed size %lld old gone=%d\n", (long long)st.st_size,
           access("text.txt", F_OK) != 0 && errno == ENOENT);
    DIR *d = opendir(".");
    char *names[16];
    int nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nn < 16)
        names[nn++] = strdup(e->d_name);
    closedir(d);
    qsort(names, nn, sizeof names[0], cmp_name);
    printf("dir:");
    for (int i = 0; i < nn; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    printf("rmdir non-empty fails=%d\n", rmdir("sub") != 0 && errno == ENOTEMPTY);
    unlink("sub/empty");
    unlink("data.bin");
    unlink("renamed.txt");
    printf("rmdir sub=%d\n", rmdir("sub"));
    chdir("..");
    printf("rmdir tmp=%d\n", rmdir(dir));
    printf("open missing: %d errno=%s\n", open("no/such/file", O_RDONLY), strerror(errno));
    return 0;
}
