/* File I/O syscalls, through the host libc. */
#include <errno.h>
#include <unistd.h>

#include "syscall.h"

int64_t rt_sys_write(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t len = a[2];
    if (len && !rt_mem_range_mapped(&u->mem, a[1], len))
        return -EFAULT;
    ssize_t n = write((int)a[0], rt_g2h(&u->mem, a[1]), len);
    return n < 0 ? rt_errno(errno) : n;
}
