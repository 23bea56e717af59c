/* Extended attributes (path, link and descriptor forms, with the buffer-size
 * edge cases), fadvise64's advice numbers, flock, the group list and the
 * res[ug]id calls, and the ioctls that pass a value or one int (FIONREAD,
 * TIOCOUTQ, FIOASYNC, FICLONE, TCFLSH, TIOCGSID) including a pseudo-terminal's
 * TIOCGPTN and TIOCSPTLCK. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/fs.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/xattr.h>
#include <termios.h>
#include <unistd.h>

#define CHECK(x) check(#x, (long)(x))
static long check(const char *what, long r) {
    printf("%-72s = %ld", what, r);
    if (r < 0)
        printf(" (%s)", strerror(errno));
    printf("\n");
    return r;
}

static void xattrs(void) {
    char v[64], list[256], big[300];
    int fd = open("f", O_CREAT | O_RDWR, 0644);
    symlink("f", "l");
    /* Some file systems have no user xattrs: then every answer is the same error. */
    CHECK(setxattr("f", "user.a", "\x00\x01\x02value", 8, 0));
    CHECK(setxattr("f", "user.a", "x", 1, XATTR_CREATE));
    CHECK(setxattr("f", "user.b", "", 0, XATTR_CREATE));
    CHECK(setxattr("f", "user.c", "x", 1, XATTR_REPLACE));
    CHECK(getxattr("f", "user.a", NULL, 0));
    CHECK(getxattr("f", "user.a", v, 3));
    memset(v, 0, sizeof v);
    if (CHECK(getxattr("l", "user.a", v, sizeof v)) == 8)
        printf("value %02x %02x %02x %s\n", v[0], v[1], v[2], v + 3);
    CHECK(lgetxattr("l", "user.a", v, sizeof v));
    CHECK(fgetxattr(fd, "user.b", v, sizeof v));
    CHECK(getxattr("f", "user.none", v, sizeof v));
    memset(big, 'n', sizeof big);
    memcpy(big, "user.", 5);
    big[sizeof big - 1] = 0;
    CHECK(getxattr("f", big, v, sizeof v));
    static char huge[70000]; /* more than XATTR_SIZE_MAX: E2BIG before any copy */
    CHECK(setxattr("f", "user.huge", huge, sizeof huge, 0));
    CHECK(getxattr("missing", "user.a", v, sizeof v));
    long n = CHECK(listxattr("f", NULL, 0));
    CHECK(listxattr("f", list, 3));
    n = CHECK(flistxattr(fd, list, sizeof list));
    /* The order of names is the file system's: print them sorted by a count. */
    int users = 0;
    for (long i = 0; i < n; i += (long)strlen(list + i) + 1)
        users += !strncmp(list + i, "user.", 5);
    printf("user names %d\n", users);
    CHECK(llistxattr("l", list, sizeof list));
    CHECK(fsetxattr(fd, "user.fd", "fdv", 3, 0));
    CHECK(fremovexattr(fd, "user.fd"));
    CHECK(removexattr("f", "user.a"));
    CHECK(lremovexattr("l", "user.b"));
    CHECK(removexattr("f", "user.a"));
    CHECK(fgetxattr(-1, "user.a", v, sizeof v));
    close(fd);
}

static void advice_and_locks(void) {
    int fd = open("g", O_CREAT | O_RDWR, 0644);
    write(fd, "data", 4);
    int adv[] = {POSIX_FADV_NORMAL,   POSIX_FADV_RANDOM,   POSIX_FADV_SEQUENTIAL,
                 POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE, 6, 99};
    for (int i = 0; i < 8; i++)
        printf("fadvise %d = %d\n", adv[i], posix_fadvise(fd, 0, 4, adv[i]));
    printf("fadvise bad fd = %d\n", posix_fadvise(-1, 0, 4, POSIX_FADV_NORMAL));
    CHECK(flock(fd, LOCK_EX | LOCK_NB));
    int fd2 = open("g", O_RDWR);
    CHECK(flock(fd2, LOCK_SH | LOCK_NB));
    CHECK(flock(fd, LOCK_UN));
    CHECK(flock(fd2, LOCK_SH | LOCK_NB));
    CHECK(flock(fd, 77));
    CHECK(flock(-1, LOCK_EX));
    close(fd2);
    close(fd);
}

static void ids(void) {
    uid_t r, e, s;
    gid_t gr, ge, gs;
    CHECK(getresuid(&r, &e, &s));
    printf("resuid same as uid: %d\n", r == getuid() && e == geteuid() && s == geteuid());
    CHECK(getresgid(&gr, &ge, &gs));
    printf("resgid same as gid: %d\n", gr == getgid() && ge == getegid() && gs == getegid());
    CHECK(getresuid(&r, &e, (uid_t *)8));
    int n = getgroups(0, NULL);
    gid_t *g = calloc((size_t)n + 1, sizeof *g);
    printf("getgroups again = %d\n", getgroups(n, g) == n);
    if (n > 0)
        CHECK(getgroups(n - 1, g));
    volatile int minus_one = -1;
    CHECK(getgroups(minus_one, g));
    CHECK(getgroups(n, (gid_t *)8));
    /* Setting the list it has is allowed for root and EPERM otherwise. */
    CHECK(setgroups((size_t)n, g));
    CHECK(setgroups(1, (gid_t *)8));
    CHECK(setresuid((uid_t)-1, (uid_t)-1, (uid_t)-1));
    CHECK(setregid((gid_t)-1, (gid_t)-1));
    free(g);
}

static void ioctls(void) {
    int p[2], n = -1, on = 1;
    pipe(p);
    write(p[1], "12345", 5);
    CHECK(ioctl(p[0], FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    CHECK(ioctl(p[0], FIONREAD, (int *)8));
    CHECK(ioctl(p[1], TIOCOUTQ, &n));
    CHECK(ioctl(p[0], FIOASYNC, &on));
    printf("O_ASYNC %d\n", (fcntl(p[0], F_GETFL) & O_ASYNC) != 0);
    on = 0;
    CHECK(ioctl(p[0], FIOASYNC, &on));
    CHECK(ioctl(p[0], FIONBIO, &on));
    CHECK(ioctl(p[0], TCFLSH, TCIFLUSH));
    CHECK(ioctl(p[0], TIOCGSID, &n));
    int a = open("a", O_CREAT | O_RDWR, 0644), b = open("b", O_CREAT | O_RDWR, 0644);
    write(a, "clone me", 8);
    long r = ioctl(b, FICLONE, a);
    /* A file system without reflinks says EOPNOTSUPP, EXDEV or EINVAL; btrfs/xfs clone. */
    printf("FICLONE %s\n", r == 0 ? "cloned" : "refused");
    CHECK(ioctl(b, FICLONE, -1) < 0 && (errno == EBADF || errno == EOPNOTSUPP || errno == EINVAL || errno == EXDEV));
    CHECK(ioctl(-1, FIONREAD, &n));

    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("no /dev/ptmx\n");
        return;
    }
    unsigned ptn = 0;
    CHECK(ioctl(m, TIOCGPTN, &ptn));
    int lock = 1;
    CHECK(ioctl(m, TIOCSPTLCK, &lock));
    char *name = ptsname(m);
    int s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
    printf("locked slave opens: %d (%s)\n", s >= 0, s < 0 ? strerror(errno) : "");
    CHECK(unlockpt(m));
    s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
    printf("unlocked slave opens: %d\n", s >= 0);
    struct termios t;
    CHECK(tcgetattr(s, &t));
    t.c_lflag &= ~(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    CHECK(tcsetattr(s, TCSANOW, &t));
    CHECK(write(m, "abc", 3));
    /* The line discipline takes the bytes in a little later. */
    struct pollfd pf = {s, POLLIN, 0};
    CHECK(poll(&pf, 1, 5000));
    CHECK(ioctl(s, FIONREAD, &n));
    printf("pty FIONREAD %d\n", n);
    CHECK(tcflush(s, TCIFLUSH));
    CHECK(ioctl(s, FIONREAD, &n));
    printf("after flush %d\n", n);
    CHECK(ioctl(s, TCXONC, TCOON));
    CHECK(tcsendbreak(s, 0));
    CHECK(ioctl(s, TIOCEXCL));
    CHECK(ioctl(s, TIOCNXCL));
    CHECK(ioctl(s, TIOCOUTQ, &n));
    close(s);
    close(m);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    xattrs();
    advice_and_locks();
    ids();
    ioctls();
    return 0;
}
