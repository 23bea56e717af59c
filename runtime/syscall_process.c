/* Process lifetime syscalls. */
#include "syscall.h"

int64_t rt_sys_exit(struct zarm_user *u, const uint64_t a[6])
{
    /* One thread for now: exit ends the process. */
    u->exited = true;
    u->exit_status = (int)(a[0] & 0xff);
    return 0;
}

int64_t rt_sys_exit_group(struct zarm_user *u, const uint64_t a[6])
{
    u->exited = true;
    u->exit_status = (int)(a[0] & 0xff);
    return 0;
}
