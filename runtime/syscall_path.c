/* Names in the file system: directories, links, permissions, times.  Every
 * guest path goes through rt_sys_path (-L sysroot, /proc/self/exe). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall.h"

#define PATH_BYTES 4096

int64_t rt_sys_getcwd(struct zarm_user *u, const uint64_t a[6]) {
    char cwd[PATH_BYTES];
    if (!getcwd(cwd, sizeof cwd))
        return -errno;
    uint64_t len = strlen(cwd) + 1;
    if (a[1] < len)
        return -ERANGE;
    if (!rt_copy_to_guest(&u->mem, a[0], cwd, len))
        return -EFAULT;
    /* The syscall returns the length with the NUL, not the pointer. */
    return (int64_t)len;
}

int64_t rt_sys_chdir(struct zarm_user *u, const uint64_t a[6]) {
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[0], p, sizeof p);
    return r ? r : rt_ret(chdir(p));
}

int64_t rt_sys_fchdir(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(fchdir(rt_fd(a[0])));
}

int64_t rt_sys_mkdirat(struct zarm_user *u, const uint64_t a[6]) {
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[1], p, sizeof p);
    return r ? r : rt_ret(mkdirat(rt_fd(a[0]), p, (mode_t)a[2]));
}

int64_t rt_sys_unlinkat(struct zarm_user *u, const uint64_t a[6]) {
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[1], p, sizeof p);
    return r ? r : rt_ret(unlinkat(rt_fd(a[0]), p, (int)a[2]));
}

int64_t rt_sys_symlinkat(struct zarm_user *u, const uint64_t a[6]) {
    char target[PATH_BYTES], p[PATH_BYTES];
    /* The link's contents are stored as given, not resolved. */
    int r = rt_sys_string(u, a[0], target, sizeof target);
    if (!r)
        r = rt_sys_path(u, a[2], p, sizeof p);
    return r ? r : rt_ret(symlinkat(target, rt_fd(a[1]), p));
}

int64_t rt_sys_linkat(struct zarm_user *u, const uint64_t a[6]) {
    char from[PATH_BYTES], to[PATH_BYTES];
    int r = rt_sys_path(u, a[1], from, sizeof from);
    if (!r)
        r = rt_sys_path(u, a[3], to, sizeof to);
    return r ? r : rt_ret(linkat(rt_fd(a[0]), from, rt_fd(a[2]), to, (int)a[4]));
}

int64_t rt_sys_renameat2(struct zarm_user *u, const uint64_t a[6]) {
    char from[PATH_BYTES], to[PATH_BYTES];
    int r = rt_sys_path(u, a[1], from, sizeof from);
    if (!r)
        r = rt_sys_path(u, a[3], to, sizeof to);
    if (r)
        return r;
    /* RENAME_* flags are the same on every Linux architecture. */
    return rt_ret(renameat2(rt_fd(a[0]), from, rt_fd(a[2]), to, (unsigned)a[4]));
}

int64_t rt_sys_renameat(struct zarm_user *u, const uint64_t a[6]) {
    const uint64_t b[6] = {a[0], a[1], a[2], a[3], 0, 0};
    return rt_sys_renameat2(u, b);
}

int64_t rt_sys_truncate(struct zarm_user *u, const uint64_t a[6]) {
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[0], p, sizeof p);
    return r ? r : rt_ret(truncate(p, (off_t)a[1]));
}

int64_t rt_sys_faccessat2(struct zarm_user *u, const uint64_t a[6]) {
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[1], p, sizeof p);
    return r ? r : rt_ret(faccessat(rt_fd(a[0]), p, (int)a[2], (int)a[3]));
}

int64_t rt_sys_faccessat(struct zarm_user *u, const uint64_t a[6]) {
    const uint64_t b[6] = {a[0], a[1], a[2], 0, 0, 0};
    return rt_sys_faccessat2(u, b);
}

int64_t rt_sys_fchmod(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(fchmod(rt_fd(a[0]), (mode_t)a[1]));
}

int64_t rt_sys_fchmodat(struct zarm_user *u, const uint64_t a[6]) {
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[1], p, sizeof p);
    return r ? r : rt_ret(fchmodat(rt_fd(a[0]), p, (mode_t)a[2], 0));
}

int64_t rt_sys_fchownat(struct zarm_user *u, const uint64_t a[6]) {
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[1], p, sizeof p);
    return r ? r : rt_ret(fchownat(rt_fd(a[0]), p, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

int64_t rt_sys_fchown(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(fchown(rt_fd(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

int64_t rt_sys_readlinkat(struct zarm_user *u, const uint64_t a[6]) {
    char p[PATH_BYTES], target[PATH_BYTES];
    if ((int64_t)(int32_t)a[3] <= 0)
        return -EINVAL;
    int r = rt_sys_string(u, a[1], p, sizeof p);
    if (r)
        return r;
    ssize_t n;
    if (rt_sys_is_proc_exe(p)) {
        /* The guest's program, not zarm. */
        n = (ssize_t)strlen(u->exe_path);
        memcpy(target, u->exe_path, (size_t)n);
    } else {
        r = rt_sys_path(u, a[1], p, sizeof p);
        if (r)
            return r;
        n = readlinkat(rt_fd(a[0]), p, target, sizeof target);
        if (n < 0)
            return -errno;
    }
    if ((uint64_t)n > (uint32_t)a[3])
        n = (ssize_t)(uint32_t)a[3];
    return rt_copy_to_guest(&u->mem, a[2], target, (uint64_t)n) ? n : -EFAULT;
}

int64_t rt_sys_utimensat(struct zarm_user *u, const uint64_t a[6]) {
    struct timespec ts[2];
    if (a[2]) {
        uint8_t b[2 * ARM64_TIMESPEC_SIZE];
        if (!rt_copy_from_guest(&u->mem, b, a[2], sizeof b))
            return -EFAULT;
        for (int i = 0; i < 2; i++)
            if (rt_abi_get_timespec(b + i * ARM64_TIMESPEC_SIZE, &ts[i], true))
                return -EINVAL;
    }
    if (!a[1]) /* the kernel's futimens form: the file is dirfd itself */
        return rt_ret(futimens(rt_fd(a[0]), a[2] ? ts : NULL));
    char p[PATH_BYTES];
    int r = rt_sys_path(u, a[1], p, sizeof p);
    return r ? r : rt_ret(utimensat(rt_fd(a[0]), p, a[2] ? ts : NULL, (int)a[3]));
}
