/* Kernel-side copies and file space: sendfile, copy_file_range, splice,
 * tee, fallocate, sync_file_range, syncfs; and the path calls next to them
 * (renameat2, fchmodat, utimensat, linkat, symlinkat, fsync, ftruncate). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(x) check(#x, (long)(x))
static long check(const char *what, long r) {
    printf("%-64s = %ld", what, r);
    if (r < 0)
        printf(" (%s)", strerror(errno));
    printf("\n");
    return r;
}

static void show(const char *path) {
    char b[64];
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, b, sizeof b);
    printf("%s: '%.*s'\n", path, n > 0 ? (int)n : 0, b);
    if (fd >= 0)
        close(fd);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int src = open("src", O_CREAT | O_RDWR, 0644);
    write(src, "0123456789abcdef", 16);
    int dst = open("dst", O_CREAT | O_RDWR | O_TRUNC, 0644);
    off_t off = 4;
    CHECK(sendfile(dst, src, &off, 6));
    printf("off %ld pos %ld\n", (long)off, (long)lseek(src, 0, SEEK_CUR));
    lseek(src, 10, SEEK_SET);
    CHECK(sendfile(dst, src, NULL, 100));
    show("dst");
    loff_t in = 0, out = 2;
    CHECK(copy_file_range(src, &in, dst, &out, 3, 0));
    printf("in %ld out %ld\n", (long)in, (long)out);
    CHECK(copy_file_range(src, &in, dst, &out, 3, 1));
    show("dst");
    int p[2], q[2];
    pipe(p);
    pipe(q);
    loff_t so = 8;
    CHECK(splice(src, &so, p[1], NULL, 5, 0));
    printf("so %ld\n", (long)so);
    CHECK(tee(p[0], q[1], 5, 0));
    char b[16];
    long n = CHECK(read(q[0], b, sizeof b));
    printf("tee copy '%.*s'\n", (int)n, b);
    loff_t dof = 0;
    CHECK(splice(p[0], NULL, dst, &dof, 5, SPLICE_F_MOVE));
    show("dst");
    CHECK(fallocate(dst, 0, 0, 65536));
    struct stat st;
    fstat(dst, &st);
    printf("size %ld\n", (long)st.st_size);
    CHECK(fallocate(dst, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 4096));
    CHECK(fallocate(dst, 0x1000, 0, 1));
    CHECK(sync_file_range(dst, 0, 0, SYNC_FILE_RANGE_WRITE));
    CHECK(syncfs(dst));
    CHECK(fsync(dst));
    CHECK(fdatasync(dst));
    CHECK(ftruncate(dst, 3));
    show("dst");
    CHECK(renameat2(AT_FDCWD, "dst", AT_FDCWD, "src", RENAME_NOREPLACE));
    CHECK(renameat2(AT_FDCWD, "dst", AT_FDCWD, "src", RENAME_EXCHANGE));
    show("src");
    show("dst");
    CHECK(fchmodat(AT_FDCWD, "src", 0600, 0));
    stat("src", &st);
    printf("mode %o\n", st.st_mode & 0777);
    struct timespec ts[2] = {{1000, 5}, {2000, UTIME_OMIT}};
    CHECK(utimensat(AT_FDCWD, "src", ts, 0));
    stat("src", &st);
    printf("atime %ld %ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec);
    CHECK(linkat(AT_FDCWD, "src", AT_FDCWD, "hard", 0));
    CHECK(symlinkat("src", AT_FDCWD, "soft"));
    stat("hard", &st);
    printf("nlink %ld\n", (long)st.st_nlink);
    show("soft");
    close(src);
    close(dst);
    return 0;
}
