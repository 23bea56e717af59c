/* Address-space syscalls through glibc: anonymous and file mmap, MAP_FIXED
 * and MAP_FIXED_NOREPLACE, munmap, mremap (in place and moving), mprotect,
 * madvise, mincore, msync, brk through sbrk and malloc.  Prints contents and
 * results, never addresses (qemu and zarm place mappings differently). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHECK(x) check(#x, (long)(x))
static long check(const char *what, long r) {
    printf("%-64s = %ld", what, r);
    if (r < 0)
        printf(" (%s)", strerror(errno));
    printf("\n");
    return r;
}

static unsigned sum(const unsigned char *p, size_t n) {
    unsigned s = 0;
    for (size_t i = 0; i < n; i++)
        s = s * 31 + p[i];
    return s;
}

int main(void) {
    const size_t pg = 4096;
    unsigned char *a =
        mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(a != MAP_FAILED);
    printf("fresh zero: %d\n", a[0] == 0 && a[4 * pg - 1] == 0);
    for (size_t i = 0; i < 4 * pg; i++)
        a[i] = (unsigned char)(i * 7);
    printf("sum %u\n", sum(a, 4 * pg));

    /* Growing in place or moving keeps the contents. */
    unsigned char *b = mremap(a, 4 * pg, 64 * pg, MREMAP_MAYMOVE);
    CHECK(b != MAP_FAILED);
    printf("after grow: sum %u tail zero %d\n", sum(b, 4 * pg), b[64 * pg - 1] == 0);
    b[64 * pg - 1] = 9;
    unsigned char *c = mremap(b, 64 * pg, 2 * pg, 0);
    CHECK(c == b);
    printf("after shrink: sum %u\n", sum(c, 2 * pg));
    /* Block the neighbour so that growing must move. */
    unsigned char *blk =
        mmap(c + 2 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    CHECK(blk == c + 2 * pg);
    CHECK(mremap(c, 2 * pg, 8 * pg, 0) == MAP_FAILED);
    unsigned char *d = mremap(c, 2 * pg, 8 * pg, MREMAP_MAYMOVE);
    CHECK(d != MAP_FAILED && d != c);
    printf("after move: sum %u\n", sum(d, 2 * pg));
    /* Not compared here: MAP_FIXED_NOREPLACE over blk fails with EEXIST on
     * Linux (and zarm), qemu-user 7.2 maps it anyway. */
    CHECK(munmap(blk, pg));

    /* MAP_FIXED over an existing mapping replaces it with zero pages. */
    unsigned char *f =
        mmap(d + pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(f == d + pg);
    printf("fixed zero %d, before kept %d\n", f[0] == 0 && f[pg - 1] == 0, d[1] == 7);

    /* mprotect: a read-only page still feeds write(2); writing to it from
     * the kernel side (read(2) into it) fails with EFAULT. */
    CHECK(mprotect(d, pg, PROT_READ));
    int p[2];
    CHECK(pipe(p));
    CHECK(write(p[1], d, 16));
    CHECK(read(p[0], d, 16));
    CHECK(mprotect(d, pg, PROT_READ | PROT_WRITE));
    CHECK(read(p[0], d, 16));
    CHECK(mprotect(d + 1, pg, PROT_READ));
    CHECK(mprotect(d, pg, 0x40));

    /* madvise(MADV_DONTNEED) gives back zero pages. */
    d[0] = 1;
    CHECK(madvise(d, pg, MADV_DONTNEED));
    printf("dontneed zero %d\n", d[0] == 0);
    CHECK(madvise(d, pg, MADV_WILLNEED));
    /* Not compared: an unknown advice is EINVAL on Linux (and zarm); qemu-user returns 0. */
    unsigned char vec[8];
    CHECK(mincore(d, 2 * pg, vec));
    CHECK(msync(d, pg, MS_SYNC));
    CHECK(msync(d, pg, MS_SYNC | MS_ASYNC));
    CHECK(munmap(d, 8 * pg));
    CHECK(mincore(d, pg, vec));
    CHECK(msync(d, pg, MS_SYNC));
    CHECK(munmap(d, 8 * pg));
    CHECK(munmap((char *)d + 1, pg));
    CHECK(munmap(d, 0));
    CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
    CHECK(mmap(NULL, pg, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);

    /* A file mapping holds the file's bytes at the offset; past EOF is zero. */
    int fd = open("m.bin", O_CREAT | O_RDWR | O_TRUNC, 0600);
    unsigned char data[3 * 4096];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i ^ (i >> 8));
    CHECK(write(fd, data, sizeof data - 100));
    unsigned char *m = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE, fd, pg);
    CHECK(m != MAP_FAILED);
    printf("file map: match %d tail zero %d\n", !memcmp(m, data + pg, pg * 2 - 100),
           m[2 * pg - 1] == 0);
    CHECK(munmap(m, 2 * pg));
    m = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    m[0] ^= 0xff;
    printf("private write: file unchanged %d\n", pread(fd, data, 1, 0) == 1 && data[0] == 0);
    CHECK(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 1) == MAP_FAILED);
    CHECK(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED);
    int wfd = open("m.bin", O_WRONLY);
    CHECK(mmap(NULL, pg, PROT_READ, MAP_SHARED, wfd, 0) == MAP_FAILED);
    printf("errno EACCES %d\n", errno == EACCES);
    int rfd = open("m.bin", O_RDONLY);
    CHECK(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, rfd, 0) == MAP_FAILED);
    CHECK(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, rfd, 0) != MAP_FAILED);
    int dfd = open(".", O_RDONLY);
    CHECK(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, dfd, 0) == MAP_FAILED);
    printf("errno ENODEV %d\n", errno == ENODEV);

    /* The heap: sbrk moves the break; malloc uses brk and mmap. */
    char *brk0 = sbrk(0);
    CHECK(sbrk(3 * pg) == brk0);
    CHECK((char *)sbrk(0) - brk0);
    brk0[3 * pg - 1] = 1;
    CHECK(sbrk(-(long)(2 * pg)) != (void *)-1);
    CHECK((char *)sbrk(0) - brk0);
    CHECK(brk(brk0));
    unsigned total = 0;
    for (int i = 0; i < 200; i++) {
        size_t n = (size_t)(i * 997) % 70000 + 1;
        char *q = malloc(n);
        memset(q, i, n);
        total += (unsigned char)q[n - 1];
        if (i % 3)
            free(q);
    }
    char *big = malloc(8 << 20);
    memset(big, 1, 8 << 20);
    big = realloc(big, 16 << 20);
    printf("malloc total %u big %d\n", total, big[(8 << 20) - 1]);
    free(big);
    return 0;
}
