/* Syscall dispatch: x8 selects the handler from syscalls.def, x0-x5 are the
 * arguments, x0 gets the result.  Unknown numbers answer -ENOSYS and are logged
 * with -d unimp. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "syscall.h"

struct sys_entry {
    int64_t (*fn)(struct zarm_user *u, const uint64_t a[6]);
    const char *name;
    const char *args;
};

#define SYS_MAX 512
static const struct sys_entry sys_table[SYS_MAX] = {
#define SYSCALL(nr, n, args) [nr] = {rt_sys_##n, #n, args},
#include "syscalls.def"
#undef SYSCALL
};

static void strace_arg(struct zarm_user *u, char kind, uint64_t v)
{
    switch (kind) {
    case 'd':
        rt_log(u, "%" PRId64, (int64_t)v);
        break;
    case 'f':
        if ((int32_t)v == -100)
            rt_log(u, "AT_FDCWD");
        else
            rt_log(u, "%" PRId32, (int32_t)v);
        break;
    case 'm':
        rt_log(u, "0%" PRIo64, v);
        break;
    case 's': {
        char buf[64];
        uint64_t n = 0;
        while (n < sizeof buf - 1 && rt_copy_from_guest(&u->mem, buf + n, v + n, 1) && buf[n])
            n++;
        buf[n] = 0;
        rt_log(u, "\"%s\"%s", buf, n == sizeof buf - 1 ? "..." : "");
        break;
    }
    case 'u':
        rt_log(u, "%" PRIu64, v);
        break;
    default:
        rt_log(u, "0x%" PRIx64, v);
        break;
    }
}

void rt_syscall(struct zarm_user *u)
{
    struct zarm_cpu *c = &u->env->cpu;
    uint64_t nr = c->x[8];
    const uint64_t a[6] = {c->x[0], c->x[1], c->x[2], c->x[3], c->x[4], c->x[5]};
    const struct sys_entry *e = nr < SYS_MAX && sys_table[nr].fn ? &sys_table[nr] : NULL;
    bool strace = u->log && (u->opt.log_mask & ZARM_LOG_STRACE);
    u->syscalls++;
    if (strace) {
        rt_log(u, "%d ", (int)getpid());
        if (e) {
            rt_log(u, "%s(", e->name);
            for (size_t i = 0; e->args[i]; i++) {
                if (i)
                    rt_log(u, ",");
                strace_arg(u, e->args[i], a[i]);
            }
            rt_log(u, ")");
        } else {
            rt_log(u, "syscall_%" PRIu64 "(...)", nr);
        }
    }
    int64_t r;
    if (e) {
        r = e->fn(u, a);
    } else {
        r = -ENOSYS;
        if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
            rt_log(u, "%sunimplemented syscall %" PRIu64 "\n", strace ? "\n" : "", nr);
    }
    if (strace) {
        if (r < 0 && r > -4096)
            rt_log(u, " = -1 errno=%d (%s)\n", (int)-r, strerror((int)-r));
        else
            rt_log(u, " = %" PRId64 "\n", r);
    }
    if (!u->exited)
        c->x[0] = (uint64_t)r;
}
