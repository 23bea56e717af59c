/* The arm64 Linux ABI's structure layouts, built field by field from the
 * host's structures.  Offsets are those of the arm64 kernel's uapi headers
 * (asm-generic/stat.h, asm-generic/statfs.h, linux/stat.h, ...) with LP64
 * longs; every value is stored little-endian because guest memory is, whatever
 * the host's byte order and its own layout of the same structure. */
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <termios.h>

#include "syscall.h"

/* ---- open(2) flags ---- */

/* Each arm64 bit and the host's value for it.  The host macros are used only
 * here, so a host whose values differ (x86_64, s390x) is handled by this
 * table alone.  O_LARGEFILE is implied on 64-bit hosts and has no entry. */
static const struct {
    uint32_t guest, host;
} open_bits[] = {
    {0100, O_CREAT},
    {0200, O_EXCL},
    {0400, O_NOCTTY},
    {01000, O_TRUNC},
    {02000, O_APPEND},
    {04000, O_NONBLOCK},
    {010000, O_DSYNC},
    {020000, O_ASYNC},
    {GUEST_O_DIRECTORY, O_DIRECTORY},
    {GUEST_O_NOFOLLOW, O_NOFOLLOW},
    {GUEST_O_DIRECT, O_DIRECT},
    {01000000, O_NOATIME},
    {02000000, O_CLOEXEC},
    {04000000, O_SYNC & ~O_DSYNC},         /* the kernel's __O_SYNC */
    {010000000, O_PATH},
    {020000000, O_TMPFILE & ~O_DIRECTORY}, /* the kernel's __O_TMPFILE */
};

uint32_t rt_open_flags_to_host(uint32_t guest)
{
    uint32_t h = guest & O_ACCMODE;
    for (size_t i = 0; i < sizeof open_bits / sizeof open_bits[0]; i++)
        if (guest & open_bits[i].guest)
            h |= open_bits[i].host;
    return h;
}

uint32_t rt_open_flags_from_host(uint32_t host)
{
    /* The arm64 kernel forces O_LARGEFILE on every open file (64-bit). */
    uint32_t g = (host & O_ACCMODE) | GUEST_O_LARGEFILE;
    for (size_t i = 0; i < sizeof open_bits / sizeof open_bits[0]; i++)
        if ((host & open_bits[i].host) == open_bits[i].host && open_bits[i].host)
            g |= open_bits[i].guest;
    return g;
}

/* ---- file status ---- */

void rt_abi_put_stat(uint8_t *o, const struct stat *st)
{
    memset(o, 0, ARM64_STAT_SIZE);
    /* st_dev and st_rdev: glibc's dev_t encoding equals the kernel's
     * new_encode_dev() for every 12-bit major and 20-bit minor. */
    st_le64(o + 0, (uint64_t)st->st_dev);
    st_le64(o + 8, (uint64_t)st->st_ino);
    st_le32(o + 16, (uint32_t)st->st_mode);
    st_le32(o + 20, (uint32_t)st->st_nlink);
    st_le32(o + 24, (uint32_t)st->st_uid);
    st_le32(o + 28, (uint32_t)st->st_gid);
    st_le64(o + 32, (uint64_t)st->st_rdev);
    st_le64(o + 48, (uint64_t)st->st_size);
    st_le32(o + 56, (uint32_t)st->st_blksize);
    st_le64(o + 64, (uint64_t)st->st_blocks);
    st_le64(o + 72, (uint64_t)st->st_atim.tv_sec);
    st_le64(o + 80, (uint64_t)st->st_atim.tv_nsec);
    st_le64(o + 88, (uint64_t)st->st_mtim.tv_sec);
    st_le64(o + 96, (uint64_t)st->st_mtim.tv_nsec);
    st_le64(o + 104, (uint64_t)st->st_ctim.tv_sec);
    st_le64(o + 112, (uint64_t)st->st_ctim.tv_nsec);
}

/* struct statx has one layout on every architecture, so only the byte order
 * changes: this table gives each field's offset and size, including fields
 * newer than the host's glibc header names (mnt_id, dio_*, subvol,
 * atomic_write_*), which the host kernel still fills in. */
static const struct {
    uint16_t off;
    uint8_t size;
} statx_fields[] = {
    {0, 4},   {4, 4},   {8, 8},   {16, 4},  {20, 4},  {24, 4},  {28, 2},  {30, 2},
    {32, 8},  {40, 8},  {48, 8},  {56, 8},
    {64, 8},  {72, 4},  {76, 4},  /* stx_atime: tv_sec, tv_nsec, reserved */
    {80, 8},  {88, 4},  {92, 4},  /* stx_btime */
    {96, 8},  {104, 4}, {108, 4}, /* stx_ctime */
    {112, 8}, {120, 4}, {124, 4}, /* stx_mtime */
    {128, 4}, {132, 4}, {136, 4}, {140, 4}, {144, 8}, {152, 4}, {156, 4}, {160, 8},
    {168, 4}, {172, 4}, {176, 4}, {180, 4}, {184, 4}, {188, 4},
    {192, 8}, {200, 8}, {208, 8}, {216, 8}, {224, 8}, {232, 8}, {240, 8}, {248, 8},
};

void rt_abi_put_statx(uint8_t *o, const struct statx *sx)
{
    _Static_assert(sizeof(struct statx) == ARM64_STATX_SIZE, "struct statx is 256 bytes");
    const uint8_t *h = (const uint8_t *)sx;
    for (size_t i = 0; i < sizeof statx_fields / sizeof statx_fields[0]; i++) {
        const uint8_t *src = h + statx_fields[i].off;
        uint8_t *dst = o + statx_fields[i].off;
        switch (statx_fields[i].size) {
        case 2: {
            uint16_t v;
            memcpy(&v, src, 2);
            st_le16(dst, v);
            break;
        }
        case 4: {
            uint32_t v;
            memcpy(&v, src, 4);
            st_le32(dst, v);
            break;
        }
        default: {
            uint64_t v;
            memcpy(&v, src, 8);
            st_le64(dst, v);
            break;
        }
        }
    }
}

void rt_abi_put_statfs(uint8_t *o, const struct statfs *sf)
{
    memset(o, 0, ARM64_STATFS_SIZE);
    int fsid[2];
    memcpy(fsid, &sf->f_fsid, sizeof fsid);
    st_le64(o + 0, (uint64_t)(int64_t)sf->f_type);
    st_le64(o + 8, (uint64_t)sf->f_bsize);
    st_le64(o + 16, (uint64_t)sf->f_blocks);
    st_le64(o + 24, (uint64_t)sf->f_bfree);
    st_le64(o + 32, (uint64_t)sf->f_bavail);
    st_le64(o + 40, (uint64_t)sf->f_files);
    st_le64(o + 48, (uint64_t)sf->f_ffree);
    st_le32(o + 56, (uint32_t)fsid[0]);
    st_le32(o + 60, (uint32_t)fsid[1]);
    st_le64(o + 64, (uint64_t)sf->f_namelen);
    st_le64(o + 72, (uint64_t)sf->f_frsize);
    st_le64(o + 80, (uint64_t)sf->f_flags);
}

/* ---- time ---- */

void rt_abi_put_timespec(uint8_t *o, const struct timespec *ts)
{
    st_le64(o + 0, (uint64_t)(int64_t)ts->tv_sec);
    st_le64(o + 8, (uint64_t)(int64_t)ts->tv_nsec);
}

int rt_abi_get_timespec(const uint8_t *in, struct timespec *ts, bool allow_omit)
{
    int64_t sec = (int64_t)ld_le64(in), nsec = (int64_t)ld_le64(in + 8);
    ts->tv_sec = (time_t)sec;
    ts->tv_nsec = (long)nsec;
    if (allow_omit && (nsec == UTIME_NOW || nsec == UTIME_OMIT))
        return 0;
    return nsec < 0 || nsec >= 1000000000 ? -EINVAL : 0;
}

void rt_abi_put_timeval(uint8_t *o, const struct timeval *tv)
{
    st_le64(o + 0, (uint64_t)(int64_t)tv->tv_sec);
    st_le64(o + 8, (uint64_t)(int64_t)tv->tv_usec);
}

void rt_abi_put_rusage(uint8_t *o, const struct rusage *ru)
{
    rt_abi_put_timeval(o + 0, &ru->ru_utime);
    rt_abi_put_timeval(o + 16, &ru->ru_stime);
    const long rest[14] = {ru->ru_maxrss,   ru->ru_ixrss,  ru->ru_idrss,    ru->ru_isrss,
                           ru->ru_minflt,   ru->ru_majflt, ru->ru_nswap,    ru->ru_inblock,
                           ru->ru_oublock,  ru->ru_msgsnd, ru->ru_msgrcv,   ru->ru_nsignals,
                           ru->ru_nvcsw,    ru->ru_nivcsw};
    for (int i = 0; i < 14; i++)
        st_le64(o + 32 + 8 * i, (uint64_t)(int64_t)rest[i]);
}

void rt_abi_put_sysinfo(uint8_t *o, const struct sysinfo *si)
{
    memset(o, 0, ARM64_SYSINFO_SIZE);
    st_le64(o + 0, (uint64_t)(int64_t)si->uptime);
    for (int i = 0; i < 3; i++)
        st_le64(o + 8 + 8 * i, (uint64_t)si->loads[i]);
    st_le64(o + 32, (uint64_t)si->totalram);
    st_le64(o + 40, (uint64_t)si->freeram);
    st_le64(o + 48, (uint64_t)si->sharedram);
    st_le64(o + 56, (uint64_t)si->bufferram);
    st_le64(o + 64, (uint64_t)si->totalswap);
    st_le64(o + 72, (uint64_t)si->freeswap);
    st_le16(o + 80, (uint16_t)si->procs);
    st_le64(o + 88, (uint64_t)si->totalhigh);
    st_le64(o + 96, (uint64_t)si->freehigh);
    st_le32(o + 104, (uint32_t)si->mem_unit);
}

void rt_abi_put_tms(uint8_t *o, const struct tms *t)
{
    st_le64(o + 0, (uint64_t)(int64_t)t->tms_utime);
    st_le64(o + 8, (uint64_t)(int64_t)t->tms_stime);
    st_le64(o + 16, (uint64_t)(int64_t)t->tms_cutime);
    st_le64(o + 24, (uint64_t)(int64_t)t->tms_cstime);
}

/* ---- terminals and locks ---- */

/* TCGETS gives the kernel's struct termios (19 control characters, no
 * speed fields); the flag bits and c_cc indices are asm-generic's on arm64,
 * x86_64 and s390x alike, and glibc's struct holds the same first 19 c_cc. */
void rt_abi_put_termios(uint8_t *o, const struct termios *t)
{
    memset(o, 0, ARM64_TERMIOS_SIZE);
    st_le32(o + 0, (uint32_t)t->c_iflag);
    st_le32(o + 4, (uint32_t)t->c_oflag);
    st_le32(o + 8, (uint32_t)t->c_cflag);
    st_le32(o + 12, (uint32_t)t->c_lflag);
    o[16] = (uint8_t)t->c_line;
    for (int i = 0; i < ARM64_NCCS && i < NCCS; i++)
        o[17 + i] = (uint8_t)t->c_cc[i];
}

void rt_abi_get_termios(const uint8_t *in, struct termios *t)
{
    memset(t, 0, sizeof *t);
    t->c_iflag = ld_le32(in + 0);
    t->c_oflag = ld_le32(in + 4);
    t->c_cflag = ld_le32(in + 8);
    t->c_lflag = ld_le32(in + 12);
    t->c_line = in[16];
    for (int i = 0; i < ARM64_NCCS && i < NCCS; i++)
        t->c_cc[i] = in[17 + i];
    /* glibc's tcsetattr takes the speed from these on hosts that have them. */
    cfsetispeed(t, cfgetispeed(t));
    cfsetospeed(t, cfgetospeed(t));
}

void rt_abi_put_flock(uint8_t *o, const struct flock *fl)
{
    memset(o, 0, ARM64_FLOCK_SIZE);
    st_le16(o + 0, (uint16_t)fl->l_type);
    st_le16(o + 2, (uint16_t)fl->l_whence);
    st_le64(o + 8, (uint64_t)(int64_t)fl->l_start);
    st_le64(o + 16, (uint64_t)(int64_t)fl->l_len);
    st_le32(o + 24, (uint32_t)fl->l_pid);
}

void rt_abi_get_flock(const uint8_t *in, struct flock *fl)
{
    memset(fl, 0, sizeof *fl);
    fl->l_type = (short)ld_le16(in + 0);
    fl->l_whence = (short)ld_le16(in + 2);
    fl->l_start = (off_t)ld_le64(in + 8);
    fl->l_len = (off_t)ld_le64(in + 16);
    fl->l_pid = (pid_t)ld_le32(in + 24);
}

/* ---- directories ---- */

/* struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, name. */
void rt_abi_fix_dirents(uint8_t *buf, size_t n)
{
    size_t off = 0;
    while (off + 19 <= n) {
        uint8_t *d = buf + off;
        uint64_t ino, doff;
        uint16_t reclen;
        memcpy(&ino, d, 8);
        memcpy(&doff, d + 8, 8);
        memcpy(&reclen, d + 16, 2);
        st_le64(d, ino);
        st_le64(d + 8, doff);
        st_le16(d + 16, reclen);
        if (reclen < 19)
            break;
        off += reclen;
    }
}
