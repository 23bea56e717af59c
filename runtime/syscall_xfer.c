/* Data moved by the kernel between descriptors (sendfile, copy_file_range,
 * splice, tee) and file space and sync calls (fallocate, sync_file_range,
 * syncfs).  Offsets the guest passes by pointer are 64-bit little-endian
 * words read before and written back after the host call. */
#include <errno.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "syscall.h"

static int get_off(struct zarm_user *u, uint64_t addr, loff_t *off)
{
    uint8_t b[8];
    if (!rt_copy_from_guest(&u->mem, b, addr, 8))
        return -EFAULT;
    *off = (loff_t)ld_le64(b);
    return 0;
}

static int put_off(struct zarm_user *u, uint64_t addr, loff_t off)
{
    uint8_t b[8];
    st_le64(b, (uint64_t)off);
    return rt_copy_to_guest(&u->mem, addr, b, 8) ? 0 : -EFAULT;
}

int64_t rt_sys_sendfile(struct zarm_user *u, const uint64_t a[6])
{
    off_t off = 0;
    if (a[2]) {
        loff_t o;
        int r = get_off(u, a[2], &o);
        if (r)
            return r;
        off = (off_t)o;
    }
    ssize_t n = sendfile(rt_fd(a[0]), rt_fd(a[1]), a[2] ? &off : NULL, (size_t)a[3]);
    if (n < 0)
        return -errno;
    if (a[2] && put_off(u, a[2], off))
        return -EFAULT;
    return n;
}

/* copy_file_range and splice share the shape (in, off_in*, out, off_out*, len, flags). */
static int64_t two_offsets(struct zarm_user *u, const uint64_t a[6], bool splice_call)
{
    loff_t oi = 0, oo = 0;
    int r;
    if (a[1] && (r = get_off(u, a[1], &oi)))
        return r;
    if (a[3] && (r = get_off(u, a[3], &oo)))
        return r;
    /* SPLICE_F_* bits are the same everywhere; copy_file_range has none. */
    ssize_t n = splice_call ? splice(rt_fd(a[0]), a[1] ? &oi : NULL, rt_fd(a[2]),
                                     a[3] ? &oo : NULL, (size_t)a[4], (unsigned)a[5])
                            : copy_file_range(rt_fd(a[0]), a[1] ? &oi : NULL, rt_fd(a[2]),
                                              a[3] ? &oo : NULL, (size_t)a[4], (unsigned)a[5]);
    if (n < 0)
        return -errno;
    if (a[1] && put_off(u, a[1], oi))
        return -EFAULT;
    if (a[3] && put_off(u, a[3], oo))
        return -EFAULT;
    return n;
}

int64_t rt_sys_copy_file_range(struct zarm_user *u, const uint64_t a[6])
{
    return two_offsets(u, a, false);
}

int64_t rt_sys_splice(struct zarm_user *u, const uint64_t a[6]) { return two_offsets(u, a, true); }

int64_t rt_sys_tee(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(tee(rt_fd(a[0]), rt_fd(a[1]), (size_t)a[2], (unsigned)a[3]));
}

int64_t rt_sys_fallocate(struct zarm_user *u, const uint64_t a[6])
{
    /* FALLOC_FL_* are the same everywhere. */
    return rt_ret(fallocate(rt_fd(a[0]), (int)a[1], (off_t)a[2], (off_t)a[3]));
}

int64_t rt_sys_sync_file_range(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(sync_file_range(rt_fd(a[0]), (off_t)a[1], (off_t)a[2], (unsigned)a[3]));
}

int64_t rt_sys_syncfs(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(syncfs(rt_fd(a[0])));
}

int64_t rt_sys_fadvise64(struct zarm_user *u, const uint64_t a[6])
{
    /* arm64 has the generic advice numbers; s390x's DONTNEED and NOREUSE are
     * 6 and 7, so each is mapped to the host's name. */
    static const int host_advice[6] = {
        POSIX_FADV_NORMAL,   POSIX_FADV_RANDOM,   POSIX_FADV_SEQUENTIAL,
        POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE,
    };
    if (a[3] >= 6)
        return -EINVAL;
    /* posix_fadvise returns the error number instead of setting errno. */
    return -(int64_t)posix_fadvise(rt_fd(a[0]), (off_t)a[1], (off_t)a[2], host_advice[a[3]]);
}
