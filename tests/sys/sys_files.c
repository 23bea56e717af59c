/* File-system syscalls through glibc, in the (fresh, empty) current directory:
 * open/read/write variants, stat fields, directories, links, fcntl, dup,
 * pipes, poll/select and error numbers.  Prints only what is the same on
 * every run (no inode numbers, times or absolute paths). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x) check(#x, (long)(x))
static long check(const char *what, long r) {
    printf("%-60s = %ld", what, r);
    if (r < 0)
        printf(" (%s)", strerror(errno));
    printf("\n");
    return r;
}

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path) {
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir %s: %s\n", path, strerror(errno));
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        names[n] = malloc(strlen(e->d_name) + 8);
        sprintf(names[n], "%s:%d", e->d_name, e->d_type);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("dir %s:", path);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void show_stat(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) {
        printf("lstat %s: %s\n", path, strerror(errno));
        return;
    }
    printf("stat %s: mode %o nlink %lu size %lld uid_is_me %d blksize_pos %d\n", path,
           (unsigned)st.st_mode, (unsigned long)st.st_nlink, (long long)st.st_size,
           st.st_uid == getuid(), st.st_blksize > 0);
}

/* An address the guest has not mapped, hidden from the compiler's checks. */
static volatile unsigned long bad = 16;

int main(void) {
    umask(022);
    char buf[256];
    int fd = CHECK(open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0640));
    CHECK(write(fd, "hello, world\n", 13));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, 7, SEEK_SET));
    memset(buf, 0, sizeof buf);
    CHECK(read(fd, buf, sizeof buf));
    printf("read: %s", buf);
    CHECK(pwrite(fd, "W", 1, 7));
    memset(buf, 0, sizeof buf);
    CHECK(pread(fd, buf, 5, 7));
    printf("pread: %s\n", buf);
    struct iovec iov[3] = {{"one ", 4}, {"two ", 4}, {"three\n", 6}};
    CHECK(lseek(fd, 0, SEEK_END));
    CHECK(writev(fd, iov, 3));
    char p1[5] = {0}, p2[9] = {0};
    struct iovec riov[2] = {{p1, 4}, {p2, 8}};
    CHECK(lseek(fd, 13, SEEK_SET));
    CHECK(readv(fd, riov, 2));
    printf("readv: [%s][%s]\n", p1, p2);
    /* The raw F_GETFL value is not printed: the arm64 kernel includes
     * O_LARGEFILE (0400000), qemu-user on an x86_64 host does not. */
    printf("GETFL accmode %d largefile %d append %d\n", fcntl(fd, F_GETFL) & O_ACCMODE,
           (fcntl(fd, F_GETFL) & O_LARGEFILE) != 0, (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    CHECK(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
    printf("GETFL after SETFL: append %d nonblock %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0,
           (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    CHECK(fcntl(fd, F_GETFD));
    CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC));
    CHECK(fcntl(fd, F_GETFD));
    int d1 = CHECK(dup(fd));
    CHECK(dup2(fd, 20));
    CHECK(dup3(fd, 21, O_CLOEXEC));
    CHECK(fcntl(21, F_GETFD));
    CHECK(fcntl(fd, F_DUPFD, 30));
    CHECK(fcntl(fd, F_DUPFD_CLOEXEC, 40));
    CHECK(close(d1));
    CHECK(close(20));
    CHECK(close(21));
    CHECK(close(30));
    CHECK(close(40));
    CHECK(close(d1));
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 4};
    CHECK(fcntl(fd, F_SETLK, &fl));
    fl.l_type = F_RDLCK;
    CHECK(fcntl(fd, F_GETLK, &fl));
    printf("GETLK type %d\n", fl.l_type);
    CHECK(fsync(fd));
    CHECK(fdatasync(fd));
    CHECK(ftruncate(fd, 5));
    struct stat st;
    CHECK(fstat(fd, &st));
    printf("fstat size %lld mode %o\n", (long long)st.st_size, (unsigned)st.st_mode);
    CHECK(close(fd));

    show_stat("a.txt");
    CHECK(truncate("a.txt", 100));
    show_stat("a.txt");
    CHECK(chmod("a.txt", 0600));
    show_stat("a.txt");
    fd = open("a.txt", O_RDONLY);
    CHECK(fchmod(fd, 0644));
    CHECK(fchown(fd, -1, -1));
    CHECK(close(fd));
    CHECK(chown("a.txt", -1, -1));
    struct timespec times[2] = {{1000000000, 123456789}, {1234567890, 987654321}};
    CHECK(utimensat(AT_FDCWD, "a.txt", times, 0));
    CHECK(stat("a.txt", &st));
    printf("times: atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct statx sx;
    CHECK(statx(AT_FDCWD, "a.txt", 0, STATX_BASIC_STATS, &sx));
    printf("statx: size %llu mode %o nlink %u mtime %lld.%09u mask_basic %d\n",
           (unsigned long long)sx.stx_size, sx.stx_mode, sx.stx_nlink,
           (long long)sx.stx_mtime.tv_sec, sx.stx_mtime.tv_nsec,
           (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS);

    CHECK(mkdir("d", 0755));
    CHECK(mkdir("d", 0755));
    CHECK(mkdir("d/sub", 0700));
    CHECK(rename("a.txt", "d/b.txt"));
    CHECK(link("d/b.txt", "d/c.txt"));
    show_stat("d/b.txt");
    CHECK(symlink("b.txt", "d/s"));
    memset(buf, 0, sizeof buf);
    CHECK(readlink("d/s", buf, sizeof buf));
    printf("readlink: %s\n", buf);
    CHECK(readlink("d/s", buf, 2));
    show_stat("d/s");
    CHECK(renameat2(AT_FDCWD, "d/c.txt", AT_FDCWD, "d/b.txt", RENAME_NOREPLACE));
    CHECK(renameat2(AT_FDCWD, "d/c.txt", AT_FDCWD, "d/e.txt", RENAME_NOREPLACE));
    list_dir("d");
    CHECK(access("d/b.txt", R_OK | W_OK));
    CHECK(access("d/none", F_OK));
    CHECK(faccessat(AT_FDCWD, "d/b.txt", X_OK, AT_EACCESS));
    CHECK(rmdir("d"));
    CHECK(unlink("d/e.txt"));
    CHECK(unlink("d/s"));
    CHECK(unlinkat(AT_FDCWD, "d/sub", AT_REMOVEDIR));
    int dfd = CHECK(open("d", O_RDONLY | O_DIRECTORY));
    CHECK(openat(dfd, "b.txt", O_RDONLY | O_NOFOLLOW) >= 0);
    CHECK(fstatat(dfd, "b.txt", &st, 0));
    printf("fstatat size %lld\n", (long long)st.st_size);
    CHECK(open("d", O_WRONLY));
    CHECK(open("d/b.txt", O_RDONLY | O_DIRECTORY));
    CHECK(fchdir(dfd));
    char *cwd = getcwd(buf, sizeof buf);
    printf("getcwd ends in /d: %d\n",
           cwd && strlen(cwd) >= 2 && !strcmp(cwd + strlen(cwd) - 2, "/d"));
    CHECK(chdir(".."));
    char tiny[2];
    errno = 0;
    printf("getcwd tiny: %p errno %d\n", (void *)getcwd(tiny, sizeof tiny), errno);
    list_dir(".");

    int pfd[2];
    CHECK(pipe2(pfd, O_CLOEXEC));
    CHECK(fcntl(pfd[0], F_GETFD));
    CHECK(write(pfd[1], "pipe data", 9));
    int avail = -1;
    CHECK(ioctl(pfd[0], FIONREAD, &avail));
    printf("FIONREAD %d\n", avail);
    struct pollfd pf[2] = {{pfd[0], POLLIN, 0}, {pfd[1], POLLOUT, 0}};
    CHECK(poll(pf, 2, 1000));
    printf("revents %x %x\n", pf[0].revents, pf[1].revents);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(pfd[0], &rs);
    struct timeval tv = {1, 0};
    CHECK(select(pfd[0] + 1, &rs, NULL, NULL, &tv));
    printf("select readable %d\n", FD_ISSET(pfd[0], &rs));
    memset(buf, 0, sizeof buf);
    CHECK(read(pfd[0], buf, sizeof buf));
    printf("pipe read: %s\n", buf);
    FD_ZERO(&rs);
    FD_SET(pfd[0], &rs);
    tv.tv_sec = 0;
    tv.tv_usec = 1000;
    CHECK(select(pfd[0] + 1, &rs, NULL, NULL, &tv));
    CHECK(poll(pf, 1, 0));
    CHECK(close(pfd[1]));
    CHECK(read(pfd[0], buf, sizeof buf));
    CHECK(close(pfd[0]));

    /* Errors: bad descriptors and bad pointers answer errno, not a crash. */
    CHECK(read(12345, buf, 1));
    CHECK(write(1, (void *)bad, 10));
    /* A file with data (reading /dev/null never touches the buffer). */
    fd = open("d/b.txt", O_RDONLY);
    CHECK(read(fd, (void *)bad, 10));
    close(fd);
    CHECK(open((const char *)bad, O_RDONLY));
    CHECK(fstat(0, (struct stat *)bad));
    CHECK(stat("nonexistent", &st));
    CHECK(isatty(1));
    CHECK(ioctl(1, TIOCGWINSZ, buf));
    CHECK(lseek(0, 0, 42));
    struct statfs sf;
    CHECK(statfs(".", &sf));
    struct statfs sf2;
    dfd = open(".", O_RDONLY);
    CHECK(fstatfs(dfd, &sf2));
    printf("statfs same %d namelen %ld\n", sf.f_type == sf2.f_type && sf.f_bsize == sf2.f_bsize,
           (long)sf.f_namelen);
    CHECK(fsync(dfd));
    return 0;
}
