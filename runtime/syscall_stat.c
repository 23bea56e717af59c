/* File and file-system status: the host's answer converted to the arm64
 * layouts by syscall_abi.c; extended attributes. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/xattr.h>

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

/* ---- extended attributes ---- */

/* Values and name lists are bytes the kernel does not interpret per
 * architecture (the POSIX ACL value format is little-endian everywhere), so
 * they pass through unchanged; only the buffers move between guest and host. */
#define XATTR_NAME_BYTES 256   /* XATTR_NAME_MAX 255 and the NUL */
#define XATTR_VALUE_MAX 65536u /* XATTR_SIZE_MAX and XATTR_LIST_MAX */

/* The file an xattr call names: a path (followed or not) or a descriptor. */
enum xattr_by { XATTR_PATH, XATTR_LINK, XATTR_FD };

struct xattr_target {
    enum xattr_by by;
    int fd;
    char path[PATH_BYTES];
};

static int xattr_target(struct zarm_user *u, enum xattr_by by, uint64_t arg,
                        struct xattr_target *t)
{
    t->by = by;
    t->fd = rt_fd(arg);
    return by == XATTR_FD ? 0 : rt_sys_path(u, arg, t->path, sizeof t->path);
}

/* The target (a[0]) and the attribute's name (a[1]) of a call that has both. */
static int xattr_named(struct zarm_user *u, enum xattr_by by, const uint64_t a[6],
                       struct xattr_target *t, char *name)
{
    int r = xattr_target(u, by, a[0], t);
    if (r)
        return r;
    r = rt_sys_string(u, a[1], name, XATTR_NAME_BYTES);
    return r == -ENAMETOOLONG ? -ERANGE : r;
}

static int64_t xattr_set(struct zarm_user *u, enum xattr_by by, const uint64_t a[6])
{
    struct xattr_target t;
    char name[XATTR_NAME_BYTES];
    int r = xattr_named(u, by, a, &t, name);
    if (r)
        return r;
    if (a[3] > XATTR_VALUE_MAX)
        return -E2BIG;
    uint8_t *v = malloc(a[3] ? a[3] : 1);
    if (!v)
        return -ENOMEM;
    int64_t ret;
    if (a[3] && !rt_copy_from_guest(&u->mem, v, a[2], a[3]))
        ret = -EFAULT;
    else if (by == XATTR_FD)
        ret = rt_ret(fsetxattr(t.fd, name, v, a[3], (int)a[4]));
    else if (by == XATTR_LINK)
        ret = rt_ret(lsetxattr(t.path, name, v, a[3], (int)a[4]));
    else
        ret = rt_ret(setxattr(t.path, name, v, a[3], (int)a[4]));
    free(v);
    return ret;
}

/* getxattr (name given) and listxattr (name NULL): the answer goes through a
 * host buffer of the guest's size, at most the kernel's limit. */
static int64_t xattr_get(struct zarm_user *u, struct xattr_target *t, const char *name,
                         uint64_t buf, uint64_t size)
{
    if (size > XATTR_VALUE_MAX)
        size = XATTR_VALUE_MAX;
    uint8_t *v = malloc(size ? size : 1);
    if (!v)
        return -ENOMEM;
    ssize_t n;
    void *out = size ? v : NULL;
    if (name && t->by == XATTR_FD)
        n = fgetxattr(t->fd, name, out, size);
    else if (name && t->by == XATTR_LINK)
        n = lgetxattr(t->path, name, out, size);
    else if (name)
        n = getxattr(t->path, name, out, size);
    else if (t->by == XATTR_FD)
        n = flistxattr(t->fd, out, size);
    else if (t->by == XATTR_LINK)
        n = llistxattr(t->path, out, size);
    else
        n = listxattr(t->path, out, size);
    int64_t ret = n < 0 ? -errno : n;
    if (n > 0 && size && !rt_copy_to_guest(&u->mem, buf, v, (size_t)n))
        ret = -EFAULT;
    free(v);
    return ret;
}

static int64_t xattr_getcall(struct zarm_user *u, enum xattr_by by, const uint64_t a[6])
{
    struct xattr_target t;
    char name[XATTR_NAME_BYTES];
    int r = xattr_named(u, by, a, &t, name);
    return r ? r : xattr_get(u, &t, name, a[2], a[3]);
}

static int64_t xattr_list(struct zarm_user *u, enum xattr_by by, const uint64_t a[6])
{
    struct xattr_target t;
    int r = xattr_target(u, by, a[0], &t);
    return r ? r : xattr_get(u, &t, NULL, a[1], a[2]);
}

static int64_t xattr_remove(struct zarm_user *u, enum xattr_by by, const uint64_t a[6])
{
    struct xattr_target t;
    char name[XATTR_NAME_BYTES];
    int r = xattr_named(u, by, a, &t, name);
    if (r)
        return r;
    if (by == XATTR_FD)
        return rt_ret(fremovexattr(t.fd, name));
    if (by == XATTR_LINK)
        return rt_ret(lremovexattr(t.path, name));
    return rt_ret(removexattr(t.path, name));
}

int64_t rt_sys_setxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_set(u, XATTR_PATH, a);
}
int64_t rt_sys_lsetxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_set(u, XATTR_LINK, a);
}
int64_t rt_sys_fsetxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_set(u, XATTR_FD, a);
}
int64_t rt_sys_getxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_getcall(u, XATTR_PATH, a);
}
int64_t rt_sys_lgetxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_getcall(u, XATTR_LINK, a);
}
int64_t rt_sys_fgetxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_getcall(u, XATTR_FD, a);
}
int64_t rt_sys_listxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_list(u, XATTR_PATH, a);
}
int64_t rt_sys_llistxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_list(u, XATTR_LINK, a);
}
int64_t rt_sys_flistxattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_list(u, XATTR_FD, a);
}
int64_t rt_sys_removexattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_remove(u, XATTR_PATH, a);
}
int64_t rt_sys_lremovexattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_remove(u, XATTR_LINK, a);
}
int64_t rt_sys_fremovexattr(struct zarm_user *u, const uint64_t a[6])
{
    return xattr_remove(u, XATTR_FD, a);
}
