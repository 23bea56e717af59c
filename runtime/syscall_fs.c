/* File descriptors and their I/O, through the host libc.  Guest descriptors
 * are host descriptors (zarm opens none behind the guest's back except its
 * log, which the guest may not close). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/fs.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include "signals.h"
#include "syscall.h"

#define G_UIO_MAXIOV 1024

/* Buffers the host kernel fills or drains itself: clamped to the guest
 * window (the kernel stops at the first inaccessible page the same way). */
static void *io_buf(struct zarm_user *u, uint64_t addr, uint64_t *len) {
    if (!*len)
        return rt_g2h(&u->mem, 0);
    if (addr >= u->mem.size)
        return NULL;
    if (*len > u->mem.size - addr)
        *len = u->mem.size - addr;
    return rt_g2h(&u->mem, addr);
}

static bool is_log_fd(struct zarm_user *u, int fd) { return u->log && fd == fileno(u->log); }

int64_t rt_sys_read(struct zarm_user *u, const uint64_t a[6]) {
    uint64_t len = a[2];
    void *p = io_buf(u, a[1], &len);
    if (!p)
        return -EFAULT;
    return rt_ret(read(rt_fd(a[0]), p, len));
}

int64_t rt_sys_write(struct zarm_user *u, const uint64_t a[6]) {
    uint64_t len = a[2];
    void *p = io_buf(u, a[1], &len);
    if (!p)
        return -EFAULT;
    return rt_ret(write(rt_fd(a[0]), p, len));
}

int64_t rt_sys_pread64(struct zarm_user *u, const uint64_t a[6]) {
    uint64_t len = a[2];
    void *p = io_buf(u, a[1], &len);
    if (!p)
        return -EFAULT;
    return rt_ret(pread(rt_fd(a[0]), p, len, (off_t)a[3]));
}

int64_t rt_sys_pwrite64(struct zarm_user *u, const uint64_t a[6]) {
    uint64_t len = a[2];
    void *p = io_buf(u, a[1], &len);
    if (!p)
        return -EFAULT;
    return rt_ret(pwrite(rt_fd(a[0]), p, len, (off_t)a[3]));
}

/* Reads a guest iovec array (struct iovec: u64 base, u64 len) into host form;
 * returns the count or a negative errno.  *out must be freed. */
static int64_t get_iov(struct zarm_user *u, uint64_t addr, uint64_t cnt, struct iovec **out) {
    *out = NULL;
    if ((int64_t)(int32_t)cnt < 0 || cnt > G_UIO_MAXIOV)
        return -EINVAL;
    if (!cnt)
        return 0;
    uint8_t *raw = malloc(cnt * 16);
    struct iovec *v = calloc(cnt, sizeof *v);
    if (!raw || !v) {
        free(raw);
        free(v);
        return -ENOMEM;
    }
    if (!rt_copy_from_guest(&u->mem, raw, addr, cnt * 16)) {
        free(raw);
        free(v);
        return -EFAULT;
    }
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t base = ld_le64(raw + 16 * i), len = ld_le64(raw + 16 * i + 8);
        if ((int64_t)len < 0) {
            free(raw);
            free(v);
            return -EINVAL;
        }
        void *p = io_buf(u, base, &len);
        if (!p) {
            free(raw);
            free(v);
            return -EFAULT;
        }
        v[i].iov_base = p;
        v[i].iov_len = len;
    }
    free(raw);
    *out = v;
    return (int64_t)cnt;
}

enum rw_kind { RW_READV, RW_WRITEV, RW_PREADV, RW_PWRITEV };

static int64_t vector_io(struct zarm_user *u, const uint64_t a[6], enum rw_kind k) {
    struct iovec *v;
    int64_t n = get_iov(u, a[1], a[2], &v);
    if (n < 0)
        return n;
    int fd = rt_fd(a[0]);
    ssize_t r;
    switch (k) {
    case RW_READV:
        r = readv(fd, v, (int)n);
        break;
    case RW_WRITEV:
        r = writev(fd, v, (int)n);
        break;
    case RW_PREADV:
        r = preadv(fd, v, (int)n, (off_t)a[3]);
        break;
    default:
        r = pwritev(fd, v, (int)n, (off_t)a[3]);
        break;
    }
    int64_t ret = rt_ret(r);
    free(v);
    return ret;
}

int64_t rt_sys_readv(struct zarm_user *u, const uint64_t a[6]) { return vector_io(u, a, RW_READV); }
int64_t rt_sys_writev(struct zarm_user *u, const uint64_t a[6]) {
    return vector_io(u, a, RW_WRITEV);
}
int64_t rt_sys_preadv(struct zarm_user *u, const uint64_t a[6]) {
    return vector_io(u, a, RW_PREADV);
}
int64_t rt_sys_pwritev(struct zarm_user *u, const uint64_t a[6]) {
    return vector_io(u, a, RW_PWRITEV);
}

/* /proc/self/NAME or /proc/<our pid>/NAME: the file NAME, else NULL. */
static const char *proc_self_file(const char *path) {
    char mine[32];
    snprintf(mine, sizeof mine, "/proc/%d/", (int)getpid());
    if (!strncmp(path, "/proc/self/", 11))
        return path + 11;
    if (!strncmp(path, "/proc/thread-self/", 18))
        return path + 18;
    if (!strncmp(path, mine, strlen(mine)))
        return path + strlen(mine);
    return NULL;
}

/* The guest's mappings in the kernel's /proc/PID/maps format (offsets and inodes unknown: 0),
 * neighbours with the same rights and name shown as one line as the kernel merges them. */
static void write_maps(struct zarm_user *u, FILE *f) {
    rt_mem_lock(&u->mem);
    for (const struct rt_vma *v = u->mem.vmas; v;) {
        uint64_t end = v->end;
        const struct rt_vma *n = v->next;
        while (n && n->start == end && n->prot == v->prot && !strcmp(n->name, v->name)) {
            end = n->end;
            n = n->next;
        }
        int len = fprintf(f, "%08" PRIx64 "-%08" PRIx64 " %c%c%cp 00000000 00:00 0", v->start, end,
                          (v->prot & PROT_READ) ? 'r' : '-', (v->prot & PROT_WRITE) ? 'w' : '-',
                          (v->prot & PROT_EXEC) ? 'x' : '-');
        if (v->name[0])
            fprintf(f, "%*s%s", len < 73 ? 73 - len : 1, "", v->name);
        fputc('\n', f);
        v = n;
    }
    rt_mem_unlock(&u->mem);
}

/* Files of /proc/self that describe the guest rather than zarm: maps (glibc finds the main
 * thread's stack there), auxv.  Answered as a memory file with the guest's view; -1 (and errno
 * 0) for any other path. */
static int open_proc_self(struct zarm_user *u, const char *path, int flags) {
    const char *name = proc_self_file(path);
    errno = 0;
    if (!name || (strcmp(name, "maps") && strcmp(name, "auxv")))
        return -1;
    if ((flags & O_ACCMODE) != O_RDONLY) {
        errno = EACCES;
        return -1;
    }
    int fd = memfd_create("zarm-proc", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0)
        return -1;
    int dup_fd = dup(fd);
    FILE *f = dup_fd < 0 ? NULL : fdopen(dup_fd, "w");
    if (!f) {
        close(fd);
        if (dup_fd >= 0)
            close(dup_fd);
        errno = ENOMEM;
        return -1;
    }
    if (!strcmp(name, "maps")) {
        write_maps(u, f);
    } else {
        uint8_t *b = malloc(u->auxv_len ? u->auxv_len : 1);
        if (b && rt_copy_from_guest(&u->mem, b, u->auxv_addr, u->auxv_len))
            fwrite(b, 1, u->auxv_len, f);
        free(b);
    }
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

int64_t rt_sys_openat(struct zarm_user *u, const uint64_t a[6]) {
    char path[4096];
    int r = rt_sys_path(u, a[1], path, sizeof path);
    if (r)
        return r;
    int flags = (int)rt_open_flags_to_host((uint32_t)a[2]);
    if (path[0] == '/' && !strncmp(path, "/proc/", 6)) {
        int fd = open_proc_self(u, path, flags);
        if (fd >= 0 || errno)
            return rt_ret(fd);
    }
    return rt_ret(openat(rt_fd(a[0]), path, flags, (mode_t)a[3]));
}

int64_t rt_sys_close(struct zarm_user *u, const uint64_t a[6]) {
    int fd = rt_fd(a[0]);
    if (is_log_fd(u, fd))
        return -EBADF;
    return rt_ret(close(fd));
}

int64_t rt_sys_lseek(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(lseek(rt_fd(a[0]), (off_t)a[1], (int)a[2]));
}

int64_t rt_sys_dup(struct zarm_user *u, const uint64_t a[6]) { return rt_ret(dup(rt_fd(a[0]))); }

int64_t rt_sys_dup3(struct zarm_user *u, const uint64_t a[6]) {
    if ((uint32_t)a[2] & ~02000000u)
        return -EINVAL;
    int newfd = rt_fd(a[1]);
    if (is_log_fd(u, newfd))
        return -EBADF;
    return rt_ret(dup3(rt_fd(a[0]), newfd, a[2] ? O_CLOEXEC : 0));
}

int64_t rt_sys_pipe2(struct zarm_user *u, const uint64_t a[6]) {
    uint32_t gflags = (uint32_t)a[1];
    if (gflags & ~(02000000u | 04000u | GUEST_O_DIRECT | 0200u)) /* 0200: O_NOTIFICATION_PIPE */
        return -EINVAL;
    int fds[2];
    uint8_t out[8];
    if (!rt_mem_range_mapped(&u->mem, a[0], 8))
        return -EFAULT;
    if (pipe2(fds, (int)rt_open_flags_to_host(gflags)) != 0)
        return -errno;
    st_le32(out, (uint32_t)fds[0]);
    st_le32(out + 4, (uint32_t)fds[1]);
    if (!rt_copy_to_guest(&u->mem, a[0], out, sizeof out)) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* fcntl commands by their arm64 (generic) numbers. */
enum {
    G_F_DUPFD = 0,
    G_F_GETFD = 1,
    G_F_SETFD = 2,
    G_F_GETFL = 3,
    G_F_SETFL = 4,
    G_F_GETLK = 5,
    G_F_SETLK = 6,
    G_F_SETLKW = 7,
    G_F_SETOWN = 8,
    G_F_GETOWN = 9,
    G_F_OFD_GETLK = 36,
    G_F_OFD_SETLK = 37,
    G_F_OFD_SETLKW = 38,
    G_F_DUPFD_CLOEXEC = 1030,
    G_F_SETPIPE_SZ = 1031,
    G_F_GETPIPE_SZ = 1032,
    G_F_ADD_SEALS = 1033,
    G_F_GET_SEALS = 1034,
};

static int64_t fcntl_lock(struct zarm_user *u, int fd, int hcmd, uint64_t addr) {
    uint8_t b[ARM64_FLOCK_SIZE];
    struct flock fl;
    if (!rt_copy_from_guest(&u->mem, b, addr, sizeof b))
        return -EFAULT;
    rt_abi_get_flock(b, &fl);
    if (fcntl(fd, hcmd, &fl) != 0)
        return -errno;
    if (hcmd == F_GETLK || hcmd == F_OFD_GETLK) {
        rt_abi_put_flock(b, &fl);
        if (!rt_copy_to_guest(&u->mem, addr, b, sizeof b))
            return -EFAULT;
    }
    return 0;
}

int64_t rt_sys_fcntl(struct zarm_user *u, const uint64_t a[6]) {
    int fd = rt_fd(a[0]);
    int arg = (int)a[2];
    switch ((int)a[1]) {
    case G_F_DUPFD:
        return rt_ret(fcntl(fd, F_DUPFD, arg));
    case G_F_DUPFD_CLOEXEC:
        return rt_ret(fcntl(fd, F_DUPFD_CLOEXEC, arg));
    case G_F_GETFD:
        return rt_ret(fcntl(fd, F_GETFD));
    case G_F_SETFD:
        return rt_ret(fcntl(fd, F_SETFD, arg));
    case G_F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (int64_t)rt_open_flags_from_host((uint32_t)r);
    }
    case G_F_SETFL:
        return rt_ret(fcntl(fd, F_SETFL, (int)rt_open_flags_to_host((uint32_t)arg)));
    case G_F_GETLK:
        return fcntl_lock(u, fd, F_GETLK, a[2]);
    case G_F_SETLK:
        return fcntl_lock(u, fd, F_SETLK, a[2]);
    case G_F_SETLKW:
        return fcntl_lock(u, fd, F_SETLKW, a[2]);
    case G_F_OFD_GETLK:
        return fcntl_lock(u, fd, F_OFD_GETLK, a[2]);
    case G_F_OFD_SETLK:
        return fcntl_lock(u, fd, F_OFD_SETLK, a[2]);
    case G_F_OFD_SETLKW:
        return fcntl_lock(u, fd, F_OFD_SETLKW, a[2]);
    case G_F_SETOWN:
        return rt_ret(fcntl(fd, F_SETOWN, arg));
    case G_F_GETOWN:
        return rt_ret(fcntl(fd, F_GETOWN));
    case G_F_SETPIPE_SZ:
        return rt_ret(fcntl(fd, F_SETPIPE_SZ, arg));
    case G_F_GETPIPE_SZ:
        return rt_ret(fcntl(fd, F_GETPIPE_SZ));
    case G_F_ADD_SEALS:
        return rt_ret(fcntl(fd, F_ADD_SEALS, arg));
    case G_F_GET_SEALS:
        return rt_ret(fcntl(fd, F_GET_SEALS));
    }
    if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
        rt_log(u, "unimplemented fcntl command %d\n", (int)a[1]);
    return -EINVAL;
}

/* ioctl requests by their arm64 (asm-generic/ioctls.h) numbers. */
enum {
    G_TCGETS = 0x5401,
    G_TCSETS = 0x5402,
    G_TCSETSW = 0x5403,
    G_TCSETSF = 0x5404,
    G_TIOCGPGRP = 0x540f,
    G_TIOCSPGRP = 0x5410,
    G_TIOCGWINSZ = 0x5413,
    G_TIOCSWINSZ = 0x5414,
    G_FIONREAD = 0x541b,
    G_FIONBIO = 0x5421,
    G_FIONCLEX = 0x5450,
    G_FIOCLEX = 0x5451,
    G_TCSBRK = 0x5409,
    G_TCXONC = 0x540a,
    G_TCFLSH = 0x540b,
    G_TIOCEXCL = 0x540c,
    G_TIOCNXCL = 0x540d,
    G_TIOCSCTTY = 0x540e,
    G_TIOCOUTQ = 0x5411,
    G_TIOCNOTTY = 0x5422,
    G_TIOCGSID = 0x5429,
    G_FIOASYNC = 0x5452,
    G_TIOCGPTN = 0x80045430,
    G_TIOCSPTLCK = 0x40045431,
    G_FICLONE = 0x40049409,
};

/* Requests whose argument is a plain value (or none), passed on as the host's
 * request: nothing is read from or written to guest memory. */
static const struct {
    uint32_t guest;
    unsigned long host;
} value_ioctls[] = {
    {G_TCSBRK, TCSBRK},     {G_TCXONC, TCXONC},       {G_TCFLSH, TCFLSH},
    {G_TIOCEXCL, TIOCEXCL}, {G_TIOCNXCL, TIOCNXCL},   {G_TIOCSCTTY, TIOCSCTTY},
    {G_TIOCNOTTY, TIOCNOTTY}, {G_FIOCLEX, FIOCLEX},   {G_FIONCLEX, FIONCLEX},
    {G_FICLONE, FICLONE},   /* the source descriptor */
};

/* Requests that write one int to the guest's pointer. */
static const struct {
    uint32_t guest;
    unsigned long host;
} int_out_ioctls[] = {
    {G_FIONREAD, FIONREAD}, {G_TIOCOUTQ, TIOCOUTQ}, {G_TIOCGSID, TIOCGSID},
    {G_TIOCGPTN, TIOCGPTN},
};

/* Requests that read one int from the guest's pointer. */
static const struct {
    uint32_t guest;
    unsigned long host;
} int_in_ioctls[] = {
    {G_FIONBIO, FIONBIO}, {G_FIOASYNC, FIOASYNC}, {G_TIOCSPTLCK, TIOCSPTLCK},
};

static int64_t put_int(struct zarm_user *u, uint64_t addr, int v) {
    uint8_t b[4];
    st_le32(b, (uint32_t)v);
    return rt_copy_to_guest(&u->mem, addr, b, 4) ? 0 : -EFAULT;
}

static int64_t do_ioctl(struct zarm_user *u, const uint64_t a[6]) {
    int fd = rt_fd(a[0]);
    uint32_t req = (uint32_t)a[1];
    uint64_t arg = a[2];
    uint8_t b[ARM64_TERMIOS_SIZE];
    switch (req) {
    case G_TCGETS: {
        struct termios t;
        if (tcgetattr(fd, &t) != 0)
            return -errno;
        rt_abi_put_termios(b, &t);
        return rt_copy_to_guest(&u->mem, arg, b, ARM64_TERMIOS_SIZE) ? 0 : -EFAULT;
    }
    case G_TCSETS:
    case G_TCSETSW:
    case G_TCSETSF: {
        struct termios t;
        if (!rt_copy_from_guest(&u->mem, b, arg, ARM64_TERMIOS_SIZE))
            return -EFAULT;
        rt_abi_get_termios(b, &t);
        int when = req == G_TCSETS ? TCSANOW : req == G_TCSETSW ? TCSADRAIN : TCSAFLUSH;
        return rt_ret(tcsetattr(fd, when, &t));
    }
    case G_TIOCGWINSZ: {
        struct winsize ws;
        if (ioctl(fd, TIOCGWINSZ, &ws) != 0)
            return -errno;
        st_le16(b + 0, ws.ws_row);
        st_le16(b + 2, ws.ws_col);
        st_le16(b + 4, ws.ws_xpixel);
        st_le16(b + 6, ws.ws_ypixel);
        return rt_copy_to_guest(&u->mem, arg, b, 8) ? 0 : -EFAULT;
    }
    case G_TIOCSWINSZ: {
        struct winsize ws;
        if (!rt_copy_from_guest(&u->mem, b, arg, 8))
            return -EFAULT;
        ws.ws_row = ld_le16(b);
        ws.ws_col = ld_le16(b + 2);
        ws.ws_xpixel = ld_le16(b + 4);
        ws.ws_ypixel = ld_le16(b + 6);
        return rt_ret(ioctl(fd, TIOCSWINSZ, &ws));
    }
    case G_TIOCGPGRP: {
        pid_t p = tcgetpgrp(fd);
        return p < 0 ? -errno : put_int(u, arg, p);
    }
    case G_TIOCSPGRP: {
        if (!rt_copy_from_guest(&u->mem, b, arg, 4))
            return -EFAULT;
        return rt_ret(tcsetpgrp(fd, (pid_t)ld_le32(b)));
    }
    }
    for (size_t i = 0; i < sizeof value_ioctls / sizeof value_ioctls[0]; i++)
        if (req == value_ioctls[i].guest)
            return rt_ret(ioctl(fd, value_ioctls[i].host, (unsigned long)arg));
    for (size_t i = 0; i < sizeof int_out_ioctls / sizeof int_out_ioctls[0]; i++)
        if (req == int_out_ioctls[i].guest) {
            int n;
            if (ioctl(fd, int_out_ioctls[i].host, &n) != 0)
                return -errno;
            return put_int(u, arg, n);
        }
    for (size_t i = 0; i < sizeof int_in_ioctls / sizeof int_in_ioctls[0]; i++)
        if (req == int_in_ioctls[i].guest) {
            if (!rt_copy_from_guest(&u->mem, b, arg, 4))
                return -EFAULT;
            int v = (int)ld_le32(b);
            return rt_ret(ioctl(fd, int_in_ioctls[i].host, &v));
        }
    /* Passing an unknown request through could let the host kernel write a
     * host-layout structure into guest memory; refuse it as qemu-user does. */
    if (u->log && (u->opt.log_mask & ZARM_LOG_UNIMP))
        rt_log(u, "unimplemented ioctl 0x%x on fd %d\n", req, fd);
    if (fcntl(fd, F_GETFD) < 0)
        return -EBADF;
    return -ENOTTY;
}

/* A process outside its terminal's foreground group may change the terminal
 * (TCSETS*, TIOCSPGRP, TCFLSH, TCXONC) only if it blocks or ignores SIGTTOU;
 * otherwise the kernel sends SIGTTOU and fails the call.  The guest's mask is
 * zarm's, not the host thread's, so while the guest blocks or ignores SIGTTOU
 * the host thread blocks it for the call: a job-control shell's child handing
 * itself the terminal is then not stopped. */
static bool hold_ttou(struct zarm_user *u, uint32_t req, sigset_t *old) {
    enum { G_SIGTTOU = 22 };
    bool changes = req == G_TCSETS || req == G_TCSETSW || req == G_TCSETSF ||
                   req == G_TIOCSPGRP || req == G_TCFLSH || req == G_TCXONC;
    if (!changes || !rt_self)
        return false;
    bool blocked = rt_self->blocked & (1ull << (G_SIGTTOU - 1));
    if (!blocked && u->sig.act[G_SIGTTOU].handler != RT_SIG_IGN)
        return false;
    sigset_t ttou;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    return pthread_sigmask(SIG_BLOCK, &ttou, old) == 0;
}

int64_t rt_sys_ioctl(struct zarm_user *u, const uint64_t a[6]) {
    sigset_t old;
    bool held = hold_ttou(u, (uint32_t)a[1], &old);
    int64_t r = do_ioctl(u, a);
    if (held)
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    return r;
}

int64_t rt_sys_getdents64(struct zarm_user *u, const uint64_t a[6]) {
    uint64_t count = a[2];
    if (count > (1u << 20))
        count = 1u << 20; /* the kernel returns what fits; we read at most 1 MiB a call */
    if (!rt_mem_range_mapped(&u->mem, a[1], count))
        return -EFAULT;
    uint8_t *tmp = malloc(count ? count : 1);
    if (!tmp)
        return -ENOMEM;
    ssize_t n = getdents64(rt_fd(a[0]), tmp, count);
    if (n < 0) {
        int e = errno;
        free(tmp);
        return -e;
    }
    rt_abi_fix_dirents(tmp, (size_t)n);
    bool ok = rt_copy_to_guest(&u->mem, a[1], tmp, (uint64_t)n);
    free(tmp);
    return ok ? n : -EFAULT;
}

int64_t rt_sys_ftruncate(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(ftruncate(rt_fd(a[0]), (off_t)a[1]));
}

int64_t rt_sys_sync(struct zarm_user *u, const uint64_t a[6]) {
    sync();
    return 0;
}

/* LOCK_SH/EX/NB/UN are the same on every architecture. */
int64_t rt_sys_flock(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(flock(rt_fd(a[0]), (int)a[1]));
}

int64_t rt_sys_fsync(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(fsync(rt_fd(a[0])));
}

int64_t rt_sys_fdatasync(struct zarm_user *u, const uint64_t a[6]) {
    return rt_ret(fdatasync(rt_fd(a[0])));
}

int64_t rt_sys_memfd_create(struct zarm_user *u, const uint64_t a[6]) {
    char name[250];
    int r = rt_sys_string(u, a[0], name, sizeof name);
    if (r)
        return r == -ENAMETOOLONG ? -EINVAL : r;
    /* MFD_* values are the same on every Linux architecture. */
    return rt_ret(memfd_create(name, (unsigned)a[1]));
}

/* Remaining time after a wait that began at start, for the timeouts that
 * ppoll and pselect6 write back. */
static void remaining(const struct timespec *timeout, const struct timespec *start,
                      struct timespec *left) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ns = ((int64_t)timeout->tv_sec - (now.tv_sec - start->tv_sec)) * 1000000000 +
                 (timeout->tv_nsec - (now.tv_nsec - start->tv_nsec));
    if (ns < 0)
        ns = 0;
    left->tv_sec = ns / 1000000000;
    left->tv_nsec = ns % 1000000000;
}

/* The sigmask arguments of ppoll and pselect6 are accepted and not applied:
 * host signals are not delivered to the guest while it waits. */
int64_t rt_sys_ppoll(struct zarm_user *u, const uint64_t a[6]) {
    uint64_t n = a[1];
    if (n > 65536)
        return -EINVAL;
    struct timespec ts, start;
    if (a[2]) {
        int r = rt_sys_get_timespec(u, a[2], &ts);
        if (r)
            return r;
    }
    uint8_t *raw = malloc(n * 8 + 1);
    struct pollfd *p = calloc(n + 1, sizeof *p);
    if (!raw || !p) {
        free(raw);
        free(p);
        return -ENOMEM;
    }
    int64_t ret;
    if (!rt_copy_from_guest(&u->mem, raw, a[0], n * 8)) {
        ret = -EFAULT;
        goto out;
    }
    for (uint64_t i = 0; i < n; i++) {
        p[i].fd = (int32_t)ld_le32(raw + 8 * i);
        p[i].events = (short)ld_le16(raw + 8 * i + 4);
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    ret = rt_ret(ppoll(p, n, a[2] ? &ts : NULL, NULL));
    if (ret < 0)
        goto out;
    for (uint64_t i = 0; i < n; i++)
        st_le16(raw + 8 * i + 6, (uint16_t)p[i].revents);
    if (!rt_copy_to_guest(&u->mem, a[0], raw, n * 8)) {
        ret = -EFAULT;
        goto out;
    }
    if (a[2]) {
        struct timespec left;
        remaining(&ts, &start, &left);
        rt_sys_put_timespec(u, a[2], &left);
    }
out:
    free(raw);
    free(p);
    return ret;
}

/* fd_set is an array of 64-bit words on arm64 (bit fd%64 of word fd/64),
 * stored little-endian; the host's may be big-endian words. */
static int get_fdset(struct zarm_user *u, uint64_t addr, int n, fd_set *s) {
    FD_ZERO(s);
    if (!addr)
        return 0;
    uint8_t raw[FD_SETSIZE / 8];
    size_t bytes = (size_t)(n + 63) / 64 * 8;
    if (!rt_copy_from_guest(&u->mem, raw, addr, bytes))
        return -EFAULT;
    for (int fd = 0; fd < n; fd++)
        if ((ld_le64(raw + fd / 64 * 8) >> (fd % 64)) & 1)
            FD_SET(fd, s);
    return 0;
}

static int put_fdset(struct zarm_user *u, uint64_t addr, int n, const fd_set *s) {
    if (!addr)
        return 0;
    uint8_t raw[FD_SETSIZE / 8];
    size_t bytes = (size_t)(n + 63) / 64 * 8;
    memset(raw, 0, sizeof raw);
    for (int fd = 0; fd < n; fd++)
        if (FD_ISSET(fd, s))
            st_le64(raw + fd / 64 * 8, ld_le64(raw + fd / 64 * 8) | 1ull << (fd % 64));
    return rt_copy_to_guest(&u->mem, addr, raw, bytes) ? 0 : -EFAULT;
}

int64_t rt_sys_pselect6(struct zarm_user *u, const uint64_t a[6]) {
    int n = (int)a[0];
    if (n < 0)
        return -EINVAL;
    if (n > FD_SETSIZE)
        n = FD_SETSIZE; /* the host's fd_set holds no more */
    fd_set s[3];
    for (int i = 0; i < 3; i++) {
        int r = get_fdset(u, a[1 + i], n, &s[i]);
        if (r)
            return r;
    }
    struct timespec ts, start;
    if (a[4]) {
        int r = rt_sys_get_timespec(u, a[4], &ts);
        if (r)
            return r;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    int r = pselect(n, a[1] ? &s[0] : NULL, a[2] ? &s[1] : NULL, a[3] ? &s[2] : NULL,
                    a[4] ? &ts : NULL, NULL);
    if (r < 0)
        return -errno;
    for (int i = 0; i < 3; i++) {
        int e = put_fdset(u, a[1 + i], n, &s[i]);
        if (e)
            return e;
    }
    if (a[4]) {
        struct timespec left;
        remaining(&ts, &start, &left);
        rt_sys_put_timespec(u, a[4], &left);
    }
    return r;
}
