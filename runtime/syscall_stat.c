/* File and file-system status: the host's answer converted to the arm64
 * layouts by syscall_abi.c. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include "syscall.h"

#define PATH_BYTES 4096

static int64_t put_stat(struct zarm_user *u, uint64_t addr, const struct stat *st)
{
    uint8_t b[ARM64_STAT_SIZE];
    rt_abi_put_stat(b, st);
    return rt_copy_to_guest(&u->mem, addr, b, sizeof b) ? 0 : -EFAULT;
}

int64_t rt_sys_fstat(struct zarm_user *u, const uint64_t a[6])
{
    struct stat st;
    if (fstat(rt_fd(a[0]), &st) != 0)
        return -errno;
    return put_stat(u, a[1], &st);
}

int64_t rt_sys_newfstatat(struct zarm_user *u, const uint64_t a[6])
{
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[1], p, sizeof p);
    if (r)
        return r;
    struct stat st;
    /* AT_* flags are the same on every Linux architecture. */
    if (fstatat(rt_fd(a[0]), p, &st, (int)a[3]) != 0)
        return -errno;
    return put_stat(u, a[2], &st);
}

int64_t rt_sys_statx(struct zarm_user *u, const uint64_t a[6])
{
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[1], p, sizeof p);
    if (r)
        return r;
    struct statx sx;
    memset(&sx, 0, sizeof sx);
    if (statx(rt_fd(a[0]), p, (int)a[2], (unsigned)a[3], &sx) != 0)
        return -errno;
    uint8_t b[ARM64_STATX_SIZE];
    rt_abi_put_statx(b, &sx);
    return rt_copy_to_guest(&u->mem, a[4], b, sizeof b) ? 0 : -EFAULT;
}

static int64_t put_statfs(struct zarm_user *u, uint64_t addr, const struct statfs *sf)
{
    uint8_t b[ARM64_STATFS_SIZE];
    rt_abi_put_statfs(b, sf);
    return rt_copy_to_guest(&u->mem, addr, b, sizeof b) ? 0 : -EFAULT;
}

int64_t rt_sys_statfs(struct zarm_user *u, const uint64_t a[6])
{
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[0], p, sizeof p);
    if (r)
        return r;
    struct statfs sf;
    if (statfs(p, &sf) != 0)
        return -errno;
    return put_statfs(u, a[1], &sf);
}

int64_t rt_sys_fstatfs(struct zarm_user *u, const uint64_t a[6])
{
    struct statfs sf;
    if (fstatfs(rt_fd(a[0]), &sf) != 0)
        return -errno;
    return put_statfs(u, a[1], &sf);
}
