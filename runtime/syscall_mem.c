/* The guest address space: brk, mmap and friends on top of runtime/mem.c.
 * Every call that takes away or changes pages the guest may have run code
 * from (munmap, mprotect, mremap, mmap over a mapping, shrinking brk) calls
 * zarm_invalidate() for that range, the one path that drops translations. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall.h"

/* arm64 (asm-generic/mman*.h) values; the host's are never used. */
#define G_PROT_MASK 0x7u
#define G_PROT_BTI 0x10u
#define G_PROT_MTE 0x20u
#define G_MAP_SHARED 0x01u
#define G_MAP_PRIVATE 0x02u
#define G_MAP_SHARED_VALIDATE 0x03u
#define G_MAP_TYPE 0x0fu
#define G_MAP_FIXED 0x10u
#define G_MAP_ANONYMOUS 0x20u
#define G_MAP_FIXED_NOREPLACE 0x100000u
#define G_MREMAP_MAYMOVE 1u
#define G_MREMAP_FIXED 2u
#define G_MREMAP_DONTUNMAP 4u

static bool page_aligned(uint64_t x) { return !(x & (RT_PAGE - 1)); }

static bool in_window(const struct zarm_user *u, uint64_t addr, uint64_t len)
{
    return addr <= u->mem.size && len <= u->mem.size - addr;
}

static bool range_free(struct zarm_user *u, uint64_t addr, uint64_t len)
{
    return in_window(u, addr, len) && rt_mem_find_free(&u->mem, len, addr) == addr;
}

/* Guest protection bits the mapping code keeps (BTI and MTE are accepted
 * and not enforced). */
static int guest_prot(uint64_t prot) { return (int)(prot & G_PROT_MASK); }

int64_t rt_sys_brk(struct zarm_user *u, const uint64_t a[6])
{
    struct rt_mem *m = &u->mem;
    uint64_t want = a[0];
    if (want < m->brk_start)
        return (int64_t)m->brk_cur;
    uint64_t top = RT_PAGE_ALIGN(want);
    if (top > m->brk_mapped) {
        /* Growing fails, leaving the break where it was, if anything is in the way. */
        if (!range_free(u, m->brk_mapped, top - m->brk_mapped) ||
            rt_mem_map(m, m->brk_mapped, top - m->brk_mapped, PROT_READ | PROT_WRITE, "[heap]"))
            return (int64_t)m->brk_cur;
    } else if (top < m->brk_mapped) {
        rt_mem_unmap(m, top, m->brk_mapped - top);
        zarm_invalidate(u, top, m->brk_mapped - top);
    }
    m->brk_mapped = top;
    m->brk_cur = want;
    return (int64_t)want;
}

/* Fills [addr, addr+len) with the file's bytes from off; bytes past the end
 * of the file stay zero. */
static int read_file_into(struct zarm_user *u, int fd, uint64_t addr, uint64_t len, uint64_t off)
{
    uint8_t *p = rt_g2h(&u->mem, addr);
    uint64_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, p + done, len - done, (off_t)(off + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (n == 0)
            break;
        done += (uint64_t)n;
    }
    return 0;
}

/* Checks a file mapping's descriptor the way the kernel does. */
static int check_map_fd(int fd, uint32_t type, uint64_t prot, char *name, size_t name_size)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -EBADF;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return -EBADF;
    if ((fl & O_ACCMODE) == O_WRONLY || (fl & O_PATH))
        return -EACCES;
    if (type != G_MAP_PRIVATE && (prot & PROT_WRITE) && (fl & O_ACCMODE) != O_RDWR)
        return -EACCES;
    if (S_ISDIR(st.st_mode))
        return -ENODEV;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, name, name_size - 1);
    name[n > 0 ? n : 0] = 0;
    return 0;
}

static bool host_pages_are_guest_pages(void) { return sysconf(_SC_PAGESIZE) == (long)RT_PAGE; }

/* MAP_SHARED as the host's own shared mapping, placed over the guest pages: the guest's stores
 * reach the file (and a file's changes show in the mapping) and, across a fork, parent and
 * child see one memory.  The file's bytes are the guest's little-endian bytes on any host. */
static int map_shared(struct zarm_user *u, uint64_t addr, uint64_t len, uint64_t prot, int fd,
                      uint64_t off)
{
    int hp = (int)(prot & (PROT_READ | PROT_WRITE));
    if (prot & PROT_EXEC)
        hp |= PROT_READ; /* the engines read guest code; the host never runs it */
    int fl = MAP_SHARED | MAP_FIXED | (fd < 0 ? MAP_ANONYMOUS : 0);
    void *p = mmap(rt_g2h(&u->mem, addr), len, hp, fl, fd, (off_t)off);
    return p == MAP_FAILED ? -errno : 0;
}

int64_t rt_sys_mmap(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t addr = a[0], len = a[1], prot = a[2], off = a[5];
    uint32_t flags = (uint32_t)a[3];
    uint32_t type = flags & G_MAP_TYPE;
    int fd = rt_fd(a[4]);
    bool anon = flags & G_MAP_ANONYMOUS;
    if (!len || !page_aligned(off))
        return -EINVAL;
    if (type != G_MAP_SHARED && type != G_MAP_PRIVATE && type != G_MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (prot & ~(uint64_t)(G_PROT_MASK | G_PROT_BTI | G_PROT_MTE))
        return -EINVAL;
    uint64_t alen = RT_PAGE_ALIGN(len);
    if (alen < len || alen > u->mem.size)
        return -ENOMEM;
    char name[RT_VMA_NAME] = "";
    if (!anon) {
        int r = check_map_fd(fd, type, prot, name, sizeof name);
        if (r)
            return r;
    }
    if (flags & (G_MAP_FIXED | G_MAP_FIXED_NOREPLACE)) {
        if (!page_aligned(addr))
            return -EINVAL;
        if (!in_window(u, addr, alen))
            return -ENOMEM;
        if ((flags & G_MAP_FIXED_NOREPLACE) && !(flags & G_MAP_FIXED) &&
            !range_free(u, addr, alen))
            return -EEXIST;
    } else {
        addr = rt_mem_find_free(&u->mem, alen, addr & ~(RT_PAGE - 1));
        if (!addr)
            return -ENOMEM;
    }
    int r = rt_mem_map(&u->mem, addr, alen, PROT_READ | PROT_WRITE, anon ? NULL : name);
    if (r)
        return r;
    zarm_invalidate(u, addr, alen); /* whatever was there before is gone */
    if (type != G_MAP_PRIVATE && host_pages_are_guest_pages()) {
        r = map_shared(u, addr, alen, prot, anon ? -1 : fd, off);
        if (r) {
            rt_mem_unmap(&u->mem, addr, alen);
            return r;
        }
    } else if (!anon) {
        /* A private file mapping is a copy of the file's bytes: later changes to the file
         * need not show in it (the kernel leaves that unspecified).  MAP_SHARED is a copy too
         * where the host's pages are not 4 KiB. */
        r = read_file_into(u, fd, addr, len, off);
        if (r) {
            rt_mem_unmap(&u->mem, addr, alen);
            return r;
        }
    }
    r = rt_mem_protect(&u->mem, addr, alen, guest_prot(prot));
    return r ? r : (int64_t)addr;
}

int64_t rt_sys_munmap(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t addr = a[0], len = RT_PAGE_ALIGN(a[1]);
    if (!page_aligned(addr) || !a[1] || len < a[1] || !in_window(u, addr, len))
        return -EINVAL;
    int r = rt_mem_unmap(&u->mem, addr, len);
    zarm_invalidate(u, addr, len);
    return r;
}

int64_t rt_sys_mprotect(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t addr = a[0], len = RT_PAGE_ALIGN(a[1]), prot = a[2];
    if (!page_aligned(addr) || len < a[1])
        return -EINVAL;
    if (prot & ~(uint64_t)(G_PROT_MASK | G_PROT_BTI | G_PROT_MTE))
        return -EINVAL;
    if (!len)
        return 0;
    if (!in_window(u, addr, len))
        return -ENOMEM;
    int r = rt_mem_protect(&u->mem, addr, len, guest_prot(prot));
    zarm_invalidate(u, addr, len);
    return r;
}

/* Copies [src, src+len) of mapped guest pages to dst (already mapped
 * read-write), whatever the source's protection. */
static void copy_pages(struct zarm_user *u, uint64_t dst, uint64_t src, uint64_t len)
{
    for (uint64_t o = 0; o < len; o += RT_PAGE) {
        int prot = rt_mem_prot(&u->mem, src + o);
        if (prot < 0)
            continue;
        if (!(prot & (PROT_READ | PROT_EXEC)))
            mprotect(rt_g2h(&u->mem, src + o), RT_PAGE, PROT_READ);
        memcpy(rt_g2h(&u->mem, dst + o), rt_g2h(&u->mem, src + o), RT_PAGE);
    }
}

/* Gives [dst, dst+len) the protections of [src, src+len), page by page;
 * pages past src_len take the last source page's. */
static void copy_prot(struct zarm_user *u, uint64_t dst, uint64_t src, uint64_t src_len,
                      uint64_t len)
{
    int last = PROT_READ | PROT_WRITE;
    for (uint64_t o = 0; o < len; o += RT_PAGE) {
        if (o < src_len) {
            int p = rt_mem_prot(&u->mem, src + o);
            if (p >= 0)
                last = p;
        }
        rt_mem_protect(&u->mem, dst + o, RT_PAGE, last);
    }
}

static const char *vma_name(struct zarm_user *u, uint64_t addr)
{
    for (const struct rt_vma *v = u->mem.vmas; v; v = v->next)
        if (v->start <= addr && addr < v->end)
            return v->name;
    return NULL;
}

int64_t rt_sys_mremap(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t old = a[0], old_len = RT_PAGE_ALIGN(a[1]), new_len = RT_PAGE_ALIGN(a[2]);
    uint32_t flags = (uint32_t)a[3];
    uint64_t want = a[4];
    if (!page_aligned(old) || (flags & ~7u) || old_len < a[1] || new_len < a[2] || !new_len)
        return -EINVAL;
    if ((flags & (G_MREMAP_FIXED | G_MREMAP_DONTUNMAP)) && !(flags & G_MREMAP_MAYMOVE))
        return -EINVAL;
    /* old_len 0 duplicates a shared mapping; zarm has only private ones. */
    if (!old_len || !in_window(u, old, old_len))
        return -EINVAL;
    if (!rt_mem_range_mapped(&u->mem, old, old_len))
        return -EFAULT;
    if (flags & G_MREMAP_FIXED) {
        if (!page_aligned(want) || !in_window(u, want, new_len))
            return -EINVAL;
        if (want < old + old_len && old < want + new_len)
            return -EINVAL;
    } else if (!(flags & G_MREMAP_DONTUNMAP)) {
        if (new_len <= old_len) {
            if (new_len < old_len) {
                rt_mem_unmap(&u->mem, old + new_len, old_len - new_len);
                zarm_invalidate(u, old + new_len, old_len - new_len);
            }
            return (int64_t)old;
        }
        if (range_free(u, old + old_len, new_len - old_len)) {
            char name[RT_VMA_NAME] = "";
            const char *n = vma_name(u, old + old_len - RT_PAGE);
            if (n)
                snprintf(name, sizeof name, "%s", n);
            int prot = rt_mem_prot(&u->mem, old + old_len - RT_PAGE);
            int r = rt_mem_map(&u->mem, old + old_len, new_len - old_len,
                               prot < 0 ? PROT_READ | PROT_WRITE : prot, name);
            return r ? r : (int64_t)old;
        }
        if (!(flags & G_MREMAP_MAYMOVE))
            return -ENOMEM;
        want = 0;
    }
    if (!want) {
        want = rt_mem_find_free(&u->mem, new_len, 0);
        if (!want)
            return -ENOMEM;
    }
    char name[RT_VMA_NAME] = "";
    const char *n = vma_name(u, old);
    if (n)
        snprintf(name, sizeof name, "%s", n);
    int r = rt_mem_map(&u->mem, want, new_len, PROT_READ | PROT_WRITE, name);
    if (r)
        return r;
    zarm_invalidate(u, want, new_len);
    uint64_t keep = old_len < new_len ? old_len : new_len;
    copy_pages(u, want, old, keep);
    copy_prot(u, want, old, old_len, new_len);
    if (flags & G_MREMAP_DONTUNMAP) {
        /* The old range stays mapped, emptied, as for an anonymous mapping. */
        rt_mem_map(&u->mem, old, old_len, rt_mem_prot(&u->mem, old), name);
    } else {
        rt_mem_unmap(&u->mem, old, old_len);
    }
    zarm_invalidate(u, old, old_len);
    return (int64_t)want;
}

int64_t rt_sys_msync(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t addr = a[0], len = RT_PAGE_ALIGN(a[1]), flags = a[2];
    /* MS_ASYNC 1, MS_INVALIDATE 2, MS_SYNC 4 */
    if (!page_aligned(addr) || (flags & ~7ull) || (flags & 5) == 5)
        return -EINVAL;
    if (len && !rt_mem_range_mapped(&u->mem, addr, len))
        return -ENOMEM;
    /* Shared mappings are the host's (map_shared): its msync writes them back.  Private
     * ones have nothing to write. */
    if (len && host_pages_are_guest_pages() &&
        msync(rt_g2h(&u->mem, addr), len, (int)(((flags & 1) ? MS_ASYNC : 0) |
              ((flags & 2) ? MS_INVALIDATE : 0) | ((flags & 4) ? MS_SYNC : 0))) != 0)
        return -errno;
    return 0;
}

int64_t rt_sys_mincore(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t addr = a[0], len = RT_PAGE_ALIGN(a[1]);
    if (!page_aligned(addr) || len < a[1])
        return -EINVAL;
    if (!rt_mem_range_mapped(&u->mem, addr, len))
        return -ENOMEM;
    uint64_t pages = len / RT_PAGE;
    uint8_t vec[256];
    /* The guest's pages are the host's pages when the sizes agree, so the
     * host knows which are resident; otherwise report them all resident. */
    bool host_knows = sysconf(_SC_PAGESIZE) == (long)RT_PAGE;
    for (uint64_t i = 0; i < pages; i += sizeof vec) {
        uint64_t k = pages - i < sizeof vec ? pages - i : sizeof vec;
        unsigned char hv[256];
        if (!host_knows || mincore(rt_g2h(&u->mem, addr + i * RT_PAGE), k * RT_PAGE, hv) != 0)
            memset(hv, 1, k);
        for (uint64_t j = 0; j < k; j++)
            vec[j] = hv[j] & 1;
        if (!rt_copy_to_guest(&u->mem, a[2] + i, vec, k))
            return -EFAULT;
    }
    return 0;
}

int64_t rt_sys_madvise(struct zarm_user *u, const uint64_t a[6])
{
    uint64_t addr = a[0], len = RT_PAGE_ALIGN(a[1]);
    int advice = (int)a[2];
    if (!page_aligned(addr) || len < a[1])
        return -EINVAL;
    bool known = (advice >= 0 && advice <= 4) || (advice >= 8 && advice <= 25) ||
                 advice == 100 || advice == 101;
    if (!known || advice == 9 /* MADV_REMOVE needs shared memory */)
        return -EINVAL;
    if (!len)
        return 0;
    if (!rt_mem_range_mapped(&u->mem, addr, len))
        return -ENOMEM;
    if (advice == 4 || advice == 24) {
        /* MADV_DONTNEED: private pages read back as zero (file pages would
         * read back the file; zarm's are copies and read back zero). */
        madvise(rt_g2h(&u->mem, addr), len, MADV_DONTNEED);
    }
    return 0;
}
