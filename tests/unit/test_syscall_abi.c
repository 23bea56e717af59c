/* The arm64 structure layouts of runtime/syscall_abi.c, checked byte by byte
 * against offsets computed by hand from the arm64 uapi headers
 * (asm-generic/stat.h, asm-generic/statfs.h, linux/stat.h ...).  Values are
 * read back from the bytes as little-endian by hand, so the test means the
 * same on a big-endian host. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <criterion/criterion.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <termios.h>

#include "runtime/syscall.h"

/* The little-endian value of size bytes at off. */
static uint64_t le(const uint8_t *p, unsigned off, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[off + i] << (8 * i);
    return v;
}

Test(syscall_abi, stat_layout)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_dev = 0x0801;
    st.st_ino = 0x1122334455667788ull;
    st.st_mode = 0100644;
    st.st_nlink = 3;
    st.st_uid = 1000;
    st.st_gid = 1001;
    st.st_rdev = 0x0503;
    st.st_size = 0x123456789ll;
    st.st_blksize = 4096;
    st.st_blocks = 24;
    st.st_atim.tv_sec = 1000000001;
    st.st_atim.tv_nsec = 111;
    st.st_mtim.tv_sec = 1000000002;
    st.st_mtim.tv_nsec = 222;
    st.st_ctim.tv_sec = 1000000003;
    st.st_ctim.tv_nsec = 333;
    uint8_t o[ARM64_STAT_SIZE];
    memset(o, 0xee, sizeof o);
    rt_abi_put_stat(o, &st);
    cr_assert_eq(ARM64_STAT_SIZE, 128);
    cr_assert_eq(le(o, 0, 8), 0x0801);                 /* st_dev */
    cr_assert_eq(le(o, 8, 8), 0x1122334455667788ull);  /* st_ino */
    cr_assert_eq(o[8], 0x88);                          /* low byte first */
    cr_assert_eq(le(o, 16, 4), 0100644);               /* st_mode */
    cr_assert_eq(le(o, 20, 4), 3);                     /* st_nlink (32-bit on arm64) */
    cr_assert_eq(le(o, 24, 4), 1000);                  /* st_uid */
    cr_assert_eq(le(o, 28, 4), 1001);                  /* st_gid */
    cr_assert_eq(le(o, 32, 8), 0x0503);                /* st_rdev */
    cr_assert_eq(le(o, 40, 8), 0);                     /* __pad1 */
    cr_assert_eq(le(o, 48, 8), 0x123456789ull);        /* st_size */
    cr_assert_eq(le(o, 56, 4), 4096);                  /* st_blksize (int) */
    cr_assert_eq(le(o, 60, 4), 0);                     /* __pad2 */
    cr_assert_eq(le(o, 64, 8), 24);                    /* st_blocks */
    cr_assert_eq(le(o, 72, 8), 1000000001);            /* st_atime */
    cr_assert_eq(le(o, 80, 8), 111);                   /* st_atime_nsec */
    cr_assert_eq(le(o, 88, 8), 1000000002);
    cr_assert_eq(le(o, 96, 8), 222);
    cr_assert_eq(le(o, 104, 8), 1000000003);
    cr_assert_eq(le(o, 112, 8), 333);
    cr_assert_eq(le(o, 120, 8), 0);                    /* __unused4, __unused5 */
}

Test(syscall_abi, stat_of_a_real_file)
{
    struct stat st;
    cr_assert_eq(stat("/", &st), 0);
    uint8_t o[ARM64_STAT_SIZE];
    rt_abi_put_stat(o, &st);
    cr_assert_eq(le(o, 16, 4), (uint32_t)st.st_mode);
    cr_assert_eq(le(o, 8, 8), (uint64_t)st.st_ino);
    cr_assert_eq(le(o, 88, 8), (uint64_t)st.st_mtim.tv_sec);
}

Test(syscall_abi, statx_layout)
{
    struct statx sx;
    memset(&sx, 0, sizeof sx);
    sx.stx_mask = 0x7ff;
    sx.stx_blksize = 4096;
    sx.stx_attributes = 0x0102030405060708ull;
    sx.stx_nlink = 2;
    sx.stx_uid = 7;
    sx.stx_gid = 8;
    sx.stx_mode = 040755;
    sx.stx_ino = 99;
    sx.stx_size = 1ull << 40;
    sx.stx_blocks = 5;
    sx.stx_mtime.tv_sec = -2;
    sx.stx_mtime.tv_nsec = 999999999;
    sx.stx_rdev_major = 4;
    sx.stx_rdev_minor = 64;
    sx.stx_dev_major = 259;
    sx.stx_dev_minor = 1;
    /* stx_mnt_id at 144, newer than glibc 2.36's header. */
    uint64_t mnt = 0xabcdef;
    memcpy((uint8_t *)&sx + 144, &mnt, 8);
    uint8_t o[ARM64_STATX_SIZE];
    rt_abi_put_statx(o, &sx);
    cr_assert_eq(le(o, 0, 4), 0x7ff);
    cr_assert_eq(le(o, 4, 4), 4096);
    cr_assert_eq(le(o, 8, 8), 0x0102030405060708ull);
    cr_assert_eq(le(o, 16, 4), 2);
    cr_assert_eq(le(o, 20, 4), 7);
    cr_assert_eq(le(o, 24, 4), 8);
    cr_assert_eq(le(o, 28, 2), 040755);
    cr_assert_eq(le(o, 32, 8), 99);
    cr_assert_eq(le(o, 40, 8), 1ull << 40);
    cr_assert_eq(le(o, 48, 8), 5);
    cr_assert_eq(le(o, 112, 8), (uint64_t)-2);         /* stx_mtime.tv_sec */
    cr_assert_eq(le(o, 120, 4), 999999999);            /* stx_mtime.tv_nsec */
    cr_assert_eq(le(o, 128, 4), 4);
    cr_assert_eq(le(o, 132, 4), 64);
    cr_assert_eq(le(o, 136, 4), 259);
    cr_assert_eq(le(o, 140, 4), 1);
    cr_assert_eq(le(o, 144, 8), 0xabcdef);
}

Test(syscall_abi, statfs_layout)
{
    struct statfs sf;
    memset(&sf, 0, sizeof sf);
    sf.f_type = 0xef53;
    sf.f_bsize = 4096;
    sf.f_blocks = 1000;
    sf.f_bfree = 500;
    sf.f_bavail = 400;
    sf.f_files = 300;
    sf.f_ffree = 200;
    int fsid[2] = {0x11223344, 0x55667788};
    memcpy(&sf.f_fsid, fsid, sizeof fsid);
    sf.f_namelen = 255;
    sf.f_frsize = 4096;
    sf.f_flags = 0x1020;
    uint8_t o[ARM64_STATFS_SIZE];
    rt_abi_put_statfs(o, &sf);
    cr_assert_eq(le(o, 0, 8), 0xef53);
    cr_assert_eq(le(o, 8, 8), 4096);
    cr_assert_eq(le(o, 16, 8), 1000);
    cr_assert_eq(le(o, 24, 8), 500);
    cr_assert_eq(le(o, 32, 8), 400);
    cr_assert_eq(le(o, 40, 8), 300);
    cr_assert_eq(le(o, 48, 8), 200);
    cr_assert_eq(le(o, 56, 4), 0x11223344);
    cr_assert_eq(le(o, 60, 4), 0x55667788);
    cr_assert_eq(le(o, 64, 8), 255);
    cr_assert_eq(le(o, 72, 8), 4096);
    cr_assert_eq(le(o, 80, 8), 0x1020);
    cr_assert_eq(le(o, 88, 8), 0); /* f_spare */
}

Test(syscall_abi, timespec_both_ways)
{
    struct timespec ts = {.tv_sec = 0x1234567890ll, .tv_nsec = 987654321};
    uint8_t o[ARM64_TIMESPEC_SIZE];
    rt_abi_put_timespec(o, &ts);
    cr_assert_eq(le(o, 0, 8), 0x1234567890ull);
    cr_assert_eq(le(o, 8, 8), 987654321);
    struct timespec back;
    cr_assert_eq(rt_abi_get_timespec(o, &back, false), 0);
    cr_assert_eq(back.tv_sec, ts.tv_sec);
    cr_assert_eq(back.tv_nsec, ts.tv_nsec);
    o[8] = 0;
    o[9] = 0xca;
    o[10] = 0x9a;
    o[11] = 0x3b; /* 1000000000 */
    cr_assert_eq(rt_abi_get_timespec(o, &back, false), -EINVAL);
    memset(o + 8, 0xff, 8);
    cr_assert_eq(rt_abi_get_timespec(o, &back, false), -EINVAL);
    /* UTIME_NOW is (1 << 30) - 1, accepted only where allowed. */
    memset(o + 8, 0, 8);
    o[8] = 0xff;
    o[9] = 0xff;
    o[10] = 0xff;
    o[11] = 0x3f;
    cr_assert_eq(rt_abi_get_timespec(o, &back, true), 0);
    cr_assert_eq(back.tv_nsec, UTIME_NOW);
    cr_assert_eq(rt_abi_get_timespec(o, &back, false), -EINVAL);
}

Test(syscall_abi, rusage_tms_sysinfo)
{
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    ru.ru_utime.tv_sec = 5;
    ru.ru_utime.tv_usec = 6;
    ru.ru_stime.tv_sec = 7;
    ru.ru_stime.tv_usec = 8;
    ru.ru_maxrss = 9;
    ru.ru_nivcsw = 10;
    uint8_t o[ARM64_RUSAGE_SIZE];
    rt_abi_put_rusage(o, &ru);
    cr_assert_eq(le(o, 0, 8), 5);
    cr_assert_eq(le(o, 8, 8), 6);
    cr_assert_eq(le(o, 16, 8), 7);
    cr_assert_eq(le(o, 24, 8), 8);
    cr_assert_eq(le(o, 32, 8), 9);   /* ru_maxrss */
    cr_assert_eq(le(o, 136, 8), 10); /* ru_nivcsw, the last of 14 longs */

    struct tms t = {.tms_utime = 1, .tms_stime = 2, .tms_cutime = 3, .tms_cstime = 4};
    uint8_t m[ARM64_TMS_SIZE];
    rt_abi_put_tms(m, &t);
    for (unsigned i = 0; i < 4; i++)
        cr_assert_eq(le(m, 8 * i, 8), i + 1);

    struct sysinfo si;
    memset(&si, 0, sizeof si);
    si.uptime = 100;
    si.loads[2] = 3;
    si.totalram = 1ull << 33;
    si.freeswap = 77;
    si.procs = 321;
    si.totalhigh = 5;
    si.freehigh = 6;
    si.mem_unit = 1;
    uint8_t s[ARM64_SYSINFO_SIZE];
    rt_abi_put_sysinfo(s, &si);
    cr_assert_eq(le(s, 0, 8), 100);
    cr_assert_eq(le(s, 24, 8), 3);
    cr_assert_eq(le(s, 32, 8), 1ull << 33);
    cr_assert_eq(le(s, 72, 8), 77);
    cr_assert_eq(le(s, 80, 2), 321);
    cr_assert_eq(le(s, 88, 8), 5);
    cr_assert_eq(le(s, 96, 8), 6);
    cr_assert_eq(le(s, 104, 4), 1);
}

Test(syscall_abi, termios_both_ways)
{
    struct termios t;
    memset(&t, 0, sizeof t);
    t.c_iflag = ICRNL | IXON;
    t.c_oflag = OPOST | ONLCR;
    t.c_cflag = CS8 | CREAD | B38400;
    t.c_lflag = ICANON | ECHO | ISIG;
    t.c_cc[VINTR] = 3;
    t.c_cc[VMIN] = 1;
    t.c_cc[VEOL2] = 0x42;
    uint8_t o[ARM64_TERMIOS_SIZE];
    rt_abi_put_termios(o, &t);
    /* arm64 (asm-generic/termbits.h) values, typed from the header. */
    cr_assert_eq(le(o, 0, 4), 0000400 | 0002000);         /* ICRNL | IXON */
    cr_assert_eq(le(o, 4, 4), 0000001 | 0000004);         /* OPOST | ONLCR */
    cr_assert_eq(le(o, 8, 4), 0000060 | 0000200 | 0000017); /* CS8 | CREAD | B38400 */
    cr_assert_eq(le(o, 12, 4), 0000002 | 0000010 | 0000001); /* ICANON | ECHO | ISIG */
    cr_assert_eq(o[17 + 0], 3);     /* c_cc[VINTR] */
    cr_assert_eq(o[17 + 6], 1);     /* c_cc[VMIN] */
    cr_assert_eq(o[17 + 16], 0x42); /* c_cc[VEOL2] */
    struct termios back;
    rt_abi_get_termios(o, &back);
    cr_assert_eq(back.c_iflag, t.c_iflag);
    cr_assert_eq(back.c_cflag & ~CBAUD, t.c_cflag & ~CBAUD);
    cr_assert_eq(cfgetospeed(&back), B38400);
    cr_assert_eq(back.c_cc[VEOL2], 0x42);
}

Test(syscall_abi, flock_both_ways)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_END, .l_start = -10, .l_len = 1ll << 35,
                       .l_pid = 4242};
    uint8_t o[ARM64_FLOCK_SIZE];
    rt_abi_put_flock(o, &fl);
    cr_assert_eq(le(o, 0, 2), 1); /* F_WRLCK */
    cr_assert_eq(le(o, 2, 2), 2); /* SEEK_END */
    cr_assert_eq(le(o, 8, 8), (uint64_t)-10);
    cr_assert_eq(le(o, 16, 8), 1ull << 35);
    cr_assert_eq(le(o, 24, 4), 4242);
    struct flock back;
    rt_abi_get_flock(o, &back);
    cr_assert_eq(back.l_type, F_WRLCK);
    cr_assert_eq(back.l_start, -10);
    cr_assert_eq(back.l_len, 1ll << 35);
}

Test(syscall_abi, dirents_become_little_endian)
{
    uint8_t buf[48];
    memset(buf, 0, sizeof buf);
    uint64_t ino = 0x0102030405060708ull, off = 77;
    uint16_t reclen = 24;
    memcpy(buf, &ino, 8);
    memcpy(buf + 8, &off, 8);
    memcpy(buf + 16, &reclen, 2);
    buf[18] = 4;
    memcpy(buf + 19, "ab", 3);
    memcpy(buf + 24, &ino, 8);
    memcpy(buf + 40, &reclen, 2);
    rt_abi_fix_dirents(buf, 48);
    cr_assert_eq(le(buf, 0, 8), ino);
    cr_assert_eq(le(buf, 8, 8), 77);
    cr_assert_eq(le(buf, 16, 2), 24);
    cr_assert_eq(buf[18], 4);
    cr_assert_str_eq((char *)buf + 19, "ab");
    cr_assert_eq(le(buf, 24, 8), ino);
}

Test(syscall_abi, open_flags)
{
    /* arm64's O_DIRECTORY/O_NOFOLLOW/O_DIRECT/O_LARGEFILE differ from x86_64's and s390x's. */
    cr_assert_eq(rt_open_flags_to_host(0), O_RDONLY);
    cr_assert_eq(rt_open_flags_to_host(02 | 0100 | 01000), O_RDWR | O_CREAT | O_TRUNC);
    cr_assert_eq(rt_open_flags_to_host(040000), O_DIRECTORY);
    cr_assert_eq(rt_open_flags_to_host(0100000), O_NOFOLLOW);
    cr_assert_eq(rt_open_flags_to_host(0200000), O_DIRECT);
    cr_assert_eq(rt_open_flags_to_host(02000000), O_CLOEXEC);
    cr_assert_eq(rt_open_flags_to_host(04010000), O_SYNC);
    cr_assert_eq(rt_open_flags_to_host(020040000), O_TMPFILE);
    cr_assert_eq(rt_open_flags_to_host(010000000), O_PATH);
    cr_assert_eq(rt_open_flags_from_host(O_WRONLY | O_APPEND), 01 | 02000 | 0400000);
    cr_assert_eq(rt_open_flags_from_host(O_RDONLY | O_DIRECTORY | O_NOFOLLOW),
                 040000 | 0100000 | 0400000);
    cr_assert_eq(rt_open_flags_from_host(O_RDWR | O_NONBLOCK), 02 | 04000 | 0400000);
}
