/* Sockets, through the host libc.  Address families, socket types, levels,
 * option names and MSG_* flags have asm-generic's values on arm64, x86_64 and
 * s390x alike, so only layouts and byte order are converted: the 16-bit
 * sa_family of every sockaddr, option values wider than a byte, struct msghdr
 * and its control messages.  Port numbers and addresses are network byte
 * order already, the same bytes on every host. */
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall.h"

#define G_SOCK_NONBLOCK 04000u
#define G_SOCK_CLOEXEC 02000000u
#define G_SOCK_TYPE_MASK 0xfu
#define G_SOL_SOCKET 1
#define G_SO_LINGER 13
#define G_SO_PEERCRED 17
#define G_SO_RCVTIMEO_OLD 20
#define G_SO_SNDTIMEO_OLD 21
#define G_SO_RCVTIMEO_NEW 66
#define G_SO_SNDTIMEO_NEW 67
#define G_SCM_RIGHTS 1
#define G_SCM_CREDENTIALS 2
#define G_MSG_CMSG_CLOEXEC 0x40000000u
#define G_UIO_MAXIOV 1024
/* struct msghdr on arm64: name, namelen (+4 padding), iov, iovlen, control,
 * controllen, flags (+4 padding). */
#define G_MSGHDR_SIZE 56
/* struct cmsghdr on arm64: u64 len, s32 level, s32 type; data 8-aligned. */
#define G_CMSG_HDR 16
#define G_CMSG_ALIGN(n) (((n) + 7) & ~(uint64_t)7)

static int sock_flags_to_host(uint32_t g, int *out)
{
    if (g & ~(G_SOCK_TYPE_MASK | G_SOCK_NONBLOCK | G_SOCK_CLOEXEC))
        return -EINVAL;
    int h = (int)(g & G_SOCK_TYPE_MASK);
    if (g & G_SOCK_NONBLOCK)
        h |= SOCK_NONBLOCK;
    if (g & G_SOCK_CLOEXEC)
        h |= SOCK_CLOEXEC;
    *out = h;
    return 0;
}

/* ---- socket addresses ---- */

/* A guest sockaddr of len bytes as the host's; -EINVAL or -EFAULT. */
static int get_sockaddr(struct zarm_user *u, uint64_t addr, uint64_t len,
                        struct sockaddr_storage *ss)
{
    if (len > sizeof *ss)
        return -EINVAL;
    memset(ss, 0, sizeof *ss);
    if (!rt_copy_from_guest(&u->mem, ss, addr, len))
        return -EFAULT;
    uint8_t *b = (uint8_t *)ss;
    if (len >= 2) {
        ss->ss_family = ld_le16(b);
        /* Netlink's port id and groups are host-order words. */
        if (ss->ss_family == AF_NETLINK && len >= sizeof(struct sockaddr_nl)) {
            struct sockaddr_nl *nl = (struct sockaddr_nl *)ss;
            nl->nl_pid = ld_le32(b + 4);
            nl->nl_groups = ld_le32(b + 8);
        }
    }
    return 0;
}

/* Writes a host sockaddr of hlen bytes to a guest buffer whose size is the
 * u32 at lenp, truncating as the kernel does, and the full length to lenp. */
static int put_sockaddr(struct zarm_user *u, uint64_t addr, uint64_t lenp,
                        const struct sockaddr_storage *ss, socklen_t hlen)
{
    if (!addr || !lenp)
        return 0;
    uint8_t lb[4];
    if (!rt_copy_from_guest(&u->mem, lb, lenp, 4))
        return -EFAULT;
    int32_t glen = (int32_t)ld_le32(lb);
    if (glen < 0)
        return -EINVAL;
    uint8_t b[sizeof *ss];
    memcpy(b, ss, sizeof b);
    if (hlen >= 2) {
        st_le16(b, ss->ss_family);
        if (ss->ss_family == AF_NETLINK && hlen >= sizeof(struct sockaddr_nl)) {
            const struct sockaddr_nl *nl = (const struct sockaddr_nl *)ss;
            st_le32(b + 4, nl->nl_pid);
            st_le32(b + 8, nl->nl_groups);
        }
    }
    uint64_t n = (uint64_t)glen < hlen ? (uint64_t)glen : hlen;
    if (n && !rt_copy_to_guest(&u->mem, addr, b, n))
        return -EFAULT;
    st_le32(lb, hlen);
    return rt_copy_to_guest(&u->mem, lenp, lb, 4) ? 0 : -EFAULT;
}

/* ---- creating and connecting ---- */

int64_t rt_sys_socket(struct zarm_user *u, const uint64_t a[6])
{
    int type;
    int r = sock_flags_to_host((uint32_t)a[1], &type);
    if (r)
        return r;
    return rt_ret(socket((int)a[0], type, (int)a[2]));
}

int64_t rt_sys_socketpair(struct zarm_user *u, const uint64_t a[6])
{
    int type, sv[2];
    int r = sock_flags_to_host((uint32_t)a[1], &type);
    if (r)
        return r;
    if (!rt_mem_range_mapped(&u->mem, a[3], 8))
        return -EFAULT;
    if (socketpair((int)a[0], type, (int)a[2], sv) != 0)
        return -errno;
    uint8_t b[8];
    st_le32(b, (uint32_t)sv[0]);
    st_le32(b + 4, (uint32_t)sv[1]);
    if (!rt_copy_to_guest(&u->mem, a[3], b, 8)) {
        close(sv[0]);
        close(sv[1]);
        return -EFAULT;
    }
    return 0;
}

int64_t rt_sys_bind(struct zarm_user *u, const uint64_t a[6])
{
    struct sockaddr_storage ss;
    int r = get_sockaddr(u, a[1], (uint32_t)a[2], &ss);
    if (r)
        return r;
    return rt_ret(bind(rt_fd(a[0]), (struct sockaddr *)&ss, (socklen_t)a[2]));
}

int64_t rt_sys_connect(struct zarm_user *u, const uint64_t a[6])
{
    struct sockaddr_storage ss;
    int r = get_sockaddr(u, a[1], (uint32_t)a[2], &ss);
    if (r)
        return r;
    return rt_ret(connect(rt_fd(a[0]), (struct sockaddr *)&ss, (socklen_t)a[2]));
}

int64_t rt_sys_listen(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(listen(rt_fd(a[0]), (int)a[1]));
}

int64_t rt_sys_accept4(struct zarm_user *u, const uint64_t a[6])
{
    uint32_t gf = (uint32_t)a[3];
    if (gf & ~(G_SOCK_NONBLOCK | G_SOCK_CLOEXEC))
        return -EINVAL;
    int hf = (gf & G_SOCK_NONBLOCK ? SOCK_NONBLOCK : 0) | (gf & G_SOCK_CLOEXEC ? SOCK_CLOEXEC : 0);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (a[2] && !rt_mem_range_mapped(&u->mem, a[2], 4))
        return -EFAULT;
    int fd = accept4(rt_fd(a[0]), a[1] ? (struct sockaddr *)&ss : NULL, a[1] ? &len : NULL, hf);
    if (fd < 0)
        return -errno;
    int r = put_sockaddr(u, a[1], a[2], &ss, len);
    if (r) {
        close(fd);
        return r;
    }
    return fd;
}

int64_t rt_sys_accept(struct zarm_user *u, const uint64_t a[6])
{
    const uint64_t b[6] = {a[0], a[1], a[2], 0, 0, 0};
    return rt_sys_accept4(u, b);
}

static int64_t sock_name(struct zarm_user *u, const uint64_t a[6], bool peer)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    memset(&ss, 0, sizeof ss);
    if (!rt_mem_range_mapped(&u->mem, a[2], 4))
        return -EFAULT;
    int r = peer ? getpeername(rt_fd(a[0]), (struct sockaddr *)&ss, &len)
                 : getsockname(rt_fd(a[0]), (struct sockaddr *)&ss, &len);
    if (r != 0)
        return -errno;
    return put_sockaddr(u, a[1], a[2], &ss, len);
}

int64_t rt_sys_getsockname(struct zarm_user *u, const uint64_t a[6])
{
    return sock_name(u, a, false);
}

int64_t rt_sys_getpeername(struct zarm_user *u, const uint64_t a[6])
{
    return sock_name(u, a, true);
}

int64_t rt_sys_shutdown(struct zarm_user *u, const uint64_t a[6])
{
    return rt_ret(shutdown(rt_fd(a[0]), (int)a[1]));
}

/* ---- options ---- */

/* How an option's value is laid out: a sequence of words of one size. */
static unsigned opt_word(int level, int name, socklen_t len)
{
    if (level == G_SOL_SOCKET) {
        switch (name) {
        case G_SO_LINGER:   /* struct linger: two ints */
        case G_SO_PEERCRED: /* struct ucred: pid, uid, gid */
            return 4;
        case G_SO_RCVTIMEO_OLD:
        case G_SO_SNDTIMEO_OLD:
        case G_SO_RCVTIMEO_NEW:
        case G_SO_SNDTIMEO_NEW: /* struct timeval / __kernel_sock_timeval: two 64-bit words */
            return 8;
        }
    }
    /* Every other option zarm knows of is an int; a byte-sized value (some
     * IP options accept one) and unknown structures pass unchanged. */
    return len == 4 ? 4 : 1;
}

static void words_swap(uint8_t *b, socklen_t len, unsigned w, bool to_guest)
{
    for (socklen_t i = 0; i + w <= len; i += w) {
        if (w == 4) {
            uint32_t v;
            if (to_guest) {
                memcpy(&v, b + i, 4);
                st_le32(b + i, v);
            } else {
                v = ld_le32(b + i);
                memcpy(b + i, &v, 4);
            }
        } else if (w == 8) {
            uint64_t v;
            if (to_guest) {
                memcpy(&v, b + i, 8);
                st_le64(b + i, v);
            } else {
                v = ld_le64(b + i);
                memcpy(b + i, &v, 8);
            }
        }
    }
}

#define OPT_MAX 256

int64_t rt_sys_setsockopt(struct zarm_user *u, const uint64_t a[6])
{
    int level = (int)a[1], name = (int)a[2];
    uint64_t len = (uint32_t)a[4];
    if ((int32_t)a[4] < 0)
        return -EINVAL;
    if (len > OPT_MAX)
        len = OPT_MAX;
    uint8_t b[OPT_MAX];
    if (len && !rt_copy_from_guest(&u->mem, b, a[3], len))
        return -EFAULT;
    words_swap(b, (socklen_t)len, opt_word(level, name, (socklen_t)len), false);
    return rt_ret(setsockopt(rt_fd(a[0]), level, name, a[3] ? b : NULL, (socklen_t)len));
}

int64_t rt_sys_getsockopt(struct zarm_user *u, const uint64_t a[6])
{
    int level = (int)a[1], name = (int)a[2];
    uint8_t lb[4];
    if (!rt_copy_from_guest(&u->mem, lb, a[4], 4))
        return -EFAULT;
    int32_t glen = (int32_t)ld_le32(lb);
    if (glen < 0)
        return -EINVAL;
    uint8_t b[OPT_MAX];
    memset(b, 0, sizeof b);
    socklen_t len = glen > OPT_MAX ? OPT_MAX : (socklen_t)glen;
    if (getsockopt(rt_fd(a[0]), level, name, b, &len) != 0)
        return -errno;
    words_swap(b, len, opt_word(level, name, len), true);
    if (len && !rt_copy_to_guest(&u->mem, a[3], b, len))
        return -EFAULT;
    st_le32(lb, len);
    return rt_copy_to_guest(&u->mem, a[4], lb, 4) ? 0 : -EFAULT;
}

/* ---- data ---- */

/* Guest buffers the host kernel fills or drains itself, clamped to the
 * guest window (unmapped pages there fault in the host call: EFAULT). */
static void *net_buf(struct zarm_user *u, uint64_t addr, uint64_t *len)
{
    if (!*len)
        return rt_g2h(&u->mem, 0);
    if (addr >= u->mem.size)
        return NULL;
    if (*len > u->mem.size - addr)
        *len = u->mem.size - addr;
    return rt_g2h(&u->mem, addr);
}

int64_t rt_sys_sendto(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t len = a[2];
    void *p = net_buf(u, a[1], &len);
    if (!p)
        return -EFAULT;
    struct sockaddr_storage ss;
    if (a[4]) {
        int r = get_sockaddr(u, a[4], (uint32_t)a[5], &ss);
        if (r)
            return r;
    }
    return rt_ret(sendto(rt_fd(a[0]), p, len, (int)a[3], a[4] ? (struct sockaddr *)&ss : NULL,
                         a[4] ? (socklen_t)a[5] : 0));
}

int64_t rt_sys_recvfrom(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t len = a[2];
    void *p = net_buf(u, a[1], &len);
    if (!p)
        return -EFAULT;
    struct sockaddr_storage ss;
    socklen_t slen = sizeof ss;
    memset(&ss, 0, sizeof ss);
    if (a[4] && a[5] && !rt_mem_range_mapped(&u->mem, a[5], 4))
        return -EFAULT;
    ssize_t n = recvfrom(rt_fd(a[0]), p, len, (int)a[3], a[4] ? (struct sockaddr *)&ss : NULL,
                         a[4] ? &slen : NULL);
    if (n < 0)
        return -errno;
    if (a[4]) {
        int r = put_sockaddr(u, a[4], a[5], &ss, slen);
        if (r)
            return r;
    }
    return n;
}

/* A guest struct msghdr in host form: buffers point into the guest window;
 * the control buffer is the host's own, converted on the way. */
struct net_msg {
    struct msghdr h;
    struct sockaddr_storage name;
    struct iovec *iov;
    uint8_t *control;
    uint64_t g_name, g_control, g_controllen;
};

static void msg_free(struct net_msg *m)
{
    free(m->iov);
    free(m->control);
}

static int get_msg(struct zarm_user *u, uint64_t addr, struct net_msg *m, bool sending)
{
    memset(m, 0, sizeof *m);
    uint8_t b[G_MSGHDR_SIZE];
    if (!rt_copy_from_guest(&u->mem, b, addr, sizeof b))
        return -EFAULT;
    m->g_name = ld_le64(b);
    uint32_t namelen = ld_le32(b + 8);
    uint64_t iov = ld_le64(b + 16), iovlen = ld_le64(b + 24);
    m->g_control = ld_le64(b + 32);
    m->g_controllen = ld_le64(b + 40);
    m->h.msg_flags = (int)ld_le32(b + 48);
    if (m->g_name) {
        if (sending) {
            int r = get_sockaddr(u, m->g_name, namelen, &m->name);
            if (r)
                return r;
        } else if ((int32_t)namelen < 0) {
            return -EINVAL;
        }
        m->h.msg_name = &m->name;
        m->h.msg_namelen = namelen > sizeof m->name ? sizeof m->name : namelen;
    }
    if (iovlen > G_UIO_MAXIOV)
        return -EMSGSIZE;
    if (iovlen) {
        uint8_t *raw = malloc(iovlen * 16);
        m->iov = calloc(iovlen, sizeof *m->iov);
        if (!raw || !m->iov) {
            free(raw);
            return -ENOMEM;
        }
        if (!rt_copy_from_guest(&u->mem, raw, iov, iovlen * 16)) {
            free(raw);
            return -EFAULT;
        }
        for (uint64_t i = 0; i < iovlen; i++) {
            uint64_t base = ld_le64(raw + 16 * i), len = ld_le64(raw + 16 * i + 8);
            void *p = net_buf(u, base, &len);
            if (!p || (int64_t)len < 0) {
                free(raw);
                return p ? -EINVAL : -EFAULT;
            }
            m->iov[i].iov_base = p;
            m->iov[i].iov_len = len;
        }
        free(raw);
    }
    m->h.msg_iov = m->iov;
    m->h.msg_iovlen = iovlen;
    if (m->g_control && m->g_controllen) {
        /* The host's cmsg layout has the guest's sizes (64-bit size_t,
         * 8-byte alignment); a little room more for any rounding. */
        if (m->g_controllen > (1u << 20))
            return -ENOBUFS;
        m->control = calloc(1, m->g_controllen + 16);
        if (!m->control)
            return -ENOMEM;
        m->h.msg_control = m->control;
        m->h.msg_controllen = m->g_controllen;
    }
    return 0;
}

/* Guest control messages to the host's: the header words and the payload's
 * ints (SCM_RIGHTS descriptors, SCM_CREDENTIALS pid/uid/gid). */
static int control_to_host(struct zarm_user *u, struct net_msg *m)
{
    if (!m->control)
        return 0;
    uint8_t *g = malloc(m->g_controllen);
    if (!g)
        return -ENOMEM;
    if (!rt_copy_from_guest(&u->mem, g, m->g_control, m->g_controllen)) {
        free(g);
        return -EFAULT;
    }
    uint64_t off = 0, hoff = 0;
    while (off + G_CMSG_HDR <= m->g_controllen) {
        uint64_t len = ld_le64(g + off);
        if (len < G_CMSG_HDR || len > m->g_controllen - off) {
            free(g);
            return -EINVAL;
        }
        int level = (int)ld_le32(g + off + 8), type = (int)ld_le32(g + off + 12);
        uint64_t dlen = len - G_CMSG_HDR;
        struct cmsghdr *c = (struct cmsghdr *)(m->control + hoff);
        c->cmsg_len = CMSG_LEN(dlen);
        c->cmsg_level = level;
        c->cmsg_type = type;
        uint8_t *d = CMSG_DATA(c);
        memcpy(d, g + off + G_CMSG_HDR, dlen);
        if (level == G_SOL_SOCKET && (type == G_SCM_RIGHTS || type == G_SCM_CREDENTIALS))
            words_swap(d, (socklen_t)dlen, 4, false);
        hoff += CMSG_SPACE(dlen);
        off += G_CMSG_ALIGN(len);
    }
    m->h.msg_controllen = hoff;
    free(g);
    return 0;
}

/* Host control messages received to the guest's buffer; sets MSG_CTRUNC
 * in *flags when they do not fit. */
static int control_to_guest(struct zarm_user *u, struct net_msg *m, int *flags,
                            uint64_t *glen_out)
{
    *glen_out = 0;
    if (!m->control || !m->h.msg_controllen)
        return 0;
    uint8_t *g = calloc(1, m->g_controllen);
    if (!g)
        return -ENOMEM;
    uint64_t off = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m->h); c; c = CMSG_NXTHDR(&m->h, c)) {
        uint64_t dlen = c->cmsg_len - CMSG_LEN(0);
        if (off + G_CMSG_HDR + dlen > m->g_controllen) {
            *flags |= MSG_CTRUNC;
            break;
        }
        st_le64(g + off, G_CMSG_HDR + dlen);
        st_le32(g + off + 8, (uint32_t)c->cmsg_level);
        st_le32(g + off + 12, (uint32_t)c->cmsg_type);
        memcpy(g + off + G_CMSG_HDR, CMSG_DATA(c), dlen);
        if (c->cmsg_level == SOL_SOCKET &&
            (c->cmsg_type == SCM_RIGHTS || c->cmsg_type == SCM_CREDENTIALS))
            words_swap(g + off + G_CMSG_HDR, (socklen_t)dlen, 4, true);
        off += G_CMSG_ALIGN(G_CMSG_HDR + dlen);
        if (off > m->g_controllen)
            off = m->g_controllen;
    }
    bool ok = !off || rt_copy_to_guest(&u->mem, m->g_control, g, off);
    free(g);
    *glen_out = off;
    return ok ? 0 : -EFAULT;
}

static int64_t send_one(struct zarm_user *u, int fd, uint64_t addr, int flags)
{
    struct net_msg m;
    int r = get_msg(u, addr, &m, true);
    if (!r)
        r = control_to_host(u, &m);
    if (r) {
        msg_free(&m);
        return r;
    }
    int64_t n = rt_ret(sendmsg(fd, &m.h, flags));
    msg_free(&m);
    return n;
}

static int64_t recv_one(struct zarm_user *u, int fd, uint64_t addr, int flags)
{
    struct net_msg m;
    int r = get_msg(u, addr, &m, false);
    if (r) {
        msg_free(&m);
        return r;
    }
    int hflags = flags & ~(int)G_MSG_CMSG_CLOEXEC;
    if (flags & G_MSG_CMSG_CLOEXEC)
        hflags |= MSG_CMSG_CLOEXEC;
    ssize_t n = recvmsg(fd, &m.h, hflags);
    if (n < 0) {
        msg_free(&m);
        return -errno;
    }
    int oflags = m.h.msg_flags;
    uint64_t clen;
    r = control_to_guest(u, &m, &oflags, &clen);
    uint8_t b[G_MSGHDR_SIZE];
    if (!r && !rt_copy_from_guest(&u->mem, b, addr, sizeof b))
        r = -EFAULT;
    if (!r && m.g_name) {
        /* msg_namelen is updated in the msghdr itself. */
        uint8_t sb[sizeof m.name];
        memcpy(sb, &m.name, sizeof sb);
        socklen_t hl = m.h.msg_namelen;
        if (hl >= 2)
            st_le16(sb, m.name.ss_family);
        uint32_t glen = ld_le32(b + 8);
        uint64_t k = glen < hl ? glen : hl;
        if (k && !rt_copy_to_guest(&u->mem, m.g_name, sb, k))
            r = -EFAULT;
        st_le32(b + 8, hl);
    }
    if (!r) {
        st_le64(b + 40, clen);
        st_le32(b + 48, (uint32_t)oflags);
        if (!rt_copy_to_guest(&u->mem, addr, b, sizeof b))
            r = -EFAULT;
    }
    msg_free(&m);
    return r ? r : n;
}

int64_t rt_sys_sendmsg(struct zarm_user *u, const uint64_t a[6])
{
    return send_one(u, rt_fd(a[0]), a[1], (int)a[2]);
}

int64_t rt_sys_recvmsg(struct zarm_user *u, const uint64_t a[6])
{
    return recv_one(u, rt_fd(a[0]), a[1], (int)a[2]);
}

/* struct mmsghdr: a msghdr and a u32 msg_len (64 bytes with padding). */
#define G_MMSGHDR_SIZE 64

static int64_t mmsg(struct zarm_user *u, const uint64_t a[6], bool sending)
{
    uint64_t vlen = (uint32_t)a[2];
    if (vlen > G_UIO_MAXIOV)
        vlen = G_UIO_MAXIOV;
    uint64_t i;
    int64_t r = 0;
    for (i = 0; i < vlen; i++) {
        uint64_t e = a[1] + i * G_MMSGHDR_SIZE;
        /* After the first message, later ones must not block (as the kernel's
         * MSG_WAITFORONE for recvmmsg; sendmmsg stops at the first error). */
        int flags = (int)a[3];
        if (!sending && i > 0 && (flags & MSG_WAITFORONE))
            flags |= MSG_DONTWAIT;
        flags &= ~MSG_WAITFORONE;
        r = sending ? send_one(u, rt_fd(a[0]), e, flags) : recv_one(u, rt_fd(a[0]), e, flags);
        if (r < 0)
            break;
        uint8_t lb[4];
        st_le32(lb, (uint32_t)r);
        if (!rt_copy_to_guest(&u->mem, e + G_MSGHDR_SIZE, lb, 4)) {
            r = -EFAULT;
            break;
        }
    }
    return i ? (int64_t)i : r;
}

int64_t rt_sys_sendmmsg(struct zarm_user *u, const uint64_t a[6]) { return mmsg(u, a, true); }

int64_t rt_sys_recvmmsg(struct zarm_user *u, const uint64_t a[6])
{
    /* The timeout (a[4]) is checked only between messages by the kernel; it
     * is not applied here. */
    return mmsg(u, a, false);
}
