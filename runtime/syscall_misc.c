/* System information: uname, sysinfo, getrandom. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include "syscall.h"

/* struct new_utsname: six 65-byte strings. */
#define UTS_FIELD 65

int64_t rt_sys_uname(struct zarm_user *u, const uint64_t a[6])
{
    struct utsname h;
    if (uname(&h) != 0)
        return -errno;
    char out[6 * UTS_FIELD];
    memset(out, 0, sizeof out);
    /* The host's node name, release and version; the guest's machine. */
    const char *f[6] = {"Linux", h.nodename, h.release, h.version, "aarch64", h.domainname};
    for (int i = 0; i < 6; i++)
        strncpy(out + i * UTS_FIELD, f[i], UTS_FIELD - 1);
    return rt_copy_to_guest(&u->mem, a[0], out, sizeof out) ? 0 : -EFAULT;
}

int64_t rt_sys_sysinfo(struct zarm_user *u, const uint64_t a[6])
{
    struct sysinfo si;
    if (sysinfo(&si) != 0)
        return -errno;
    uint8_t b[ARM64_SYSINFO_SIZE];
    rt_abi_put_sysinfo(b, &si);
    return rt_copy_to_guest(&u->mem, a[0], b, sizeof b) ? 0 : -EFAULT;
}

int64_t rt_sys_getrandom(struct zarm_user *u, const uint64_t a[6])
{
    /* GRND_NONBLOCK 1, GRND_RANDOM 2, GRND_INSECURE 4 on every architecture. */
    if (a[2] & ~7ull)
        return -EINVAL;
    uint64_t len = a[1];
    if (len > (1u << 25))
        len = 1u << 25; /* the kernel returns at most 32 MiB a call */
    if (len && !rt_mem_range_mapped(&u->mem, a[0], len))
        return -EFAULT;
    void *p = rt_sys_buf(u, a[0], len);
    if (!p)
        return -EFAULT;
    return rt_ret(getrandom(p, len, (unsigned)a[2]));
}
