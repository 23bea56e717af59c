/* The guest address space: one host reservation at guest_base, with a sorted
 * list of guest mappings for mprotect, munmap and /proc/self/maps. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rt.h"

void rt_mem_lock(const struct rt_mem *m) { pthread_mutex_lock((pthread_mutex_t *)&m->lock); }
void rt_mem_unlock(const struct rt_mem *m) { pthread_mutex_unlock((pthread_mutex_t *)&m->lock); }

int rt_mem_init(struct rt_mem *m, uint64_t size)
{
    memset(m, 0, sizeof *m);
    pthread_mutexattr_t ra;
    pthread_mutexattr_init(&ra);
    pthread_mutexattr_settype(&ra, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m->lock, &ra);
    pthread_mutex_init(&m->mm_lock, &ra);
    pthread_mutexattr_destroy(&ra);
    size = RT_PAGE_ALIGN(size);
    /* Guard pages on both sides: the JIT checks only the base of an access against the size,
     * so a folded displacement or an access straddling an end faults here, not in host
     * memory. */
    void *p = mmap(NULL, RT_MEM_SIDE + size + 2 * RT_GUARD, PROT_NONE, MAP_PRIVATE |
                   MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    /* Below the lower guard: host data at a fixed displacement from base (struct rt_mem). */
    if (mprotect(p, RT_MEM_SIDE, PROT_READ | PROT_WRITE)) {
        int e = errno;
        munmap(p, RT_MEM_SIDE + size + 2 * RT_GUARD);
        return -e;
    }
    m->side = p;
    m->base = (uint8_t *)p + RT_MEM_SIDE_DISP;
    m->size = size;
    m->mmap_top = size - (64ull << 20); /* the stack sits above */
    return 0;
}

void rt_mem_destroy(struct rt_mem *m)
{
    if (m->base)
        munmap(m->side, RT_MEM_SIDE + m->size + 2 * RT_GUARD);
    for (struct rt_vma *v = m->vmas, *n; v; v = n) {
        n = v->next;
        free(v);
    }
    memset(m, 0, sizeof *m);
}

/* Removes [start, end) from the list, splitting mappings that straddle it. */
static int vma_cut(struct rt_mem *m, uint64_t start, uint64_t end)
{
    struct rt_vma **pp = &m->vmas;
    while (*pp) {
        struct rt_vma *v = *pp;
        if (v->end <= start || v->start >= end) {
            pp = &v->next;
            continue;
        }
        if (v->start < start && v->end > end) {
            struct rt_vma *tail = malloc(sizeof *tail);
            if (!tail)
                return -ENOMEM;
            *tail = *v;
            tail->start = end;
            v->end = start;
            v->next = tail;
            return 0;
        }
        if (v->start < start) {
            v->end = start;
            pp = &v->next;
        } else if (v->end > end) {
            v->start = end;
            pp = &v->next;
        } else {
            *pp = v->next;
            free(v);
        }
    }
    return 0;
}

static int vma_insert(struct rt_mem *m, uint64_t start, uint64_t end, int prot, const char *name)
{
    struct rt_vma *n = calloc(1, sizeof *n);
    if (!n)
        return -ENOMEM;
    n->start = start;
    n->end = end;
    n->prot = prot;
    if (name)
        snprintf(n->name, sizeof n->name, "%s", name);
    struct rt_vma **pp = &m->vmas;
    while (*pp && (*pp)->start < start)
        pp = &(*pp)->next;
    n->next = *pp;
    *pp = n;
    return 0;
}

static bool in_space(const struct rt_mem *m, uint64_t addr, uint64_t len)
{
    return addr < m->size && len <= m->size - addr;
}

/* Host protection for a guest one: guest-executable pages need no host
 * execute right (the engines read them), only read. */
static int host_prot(int prot)
{
    int p = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC)
        p |= PROT_READ;
    return p;
}

static int mem_map(struct rt_mem *m, uint64_t addr, uint64_t len, int prot, const char *name)
{
    len = RT_PAGE_ALIGN(len);
    if ((addr & (RT_PAGE - 1)) || !in_space(m, addr, len))
        return -ENOMEM;
    void *p = mmap(m->base + addr, len, host_prot(prot), MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                   -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    int r = vma_cut(m, addr, addr + len);
    return r ? r : vma_insert(m, addr, addr + len, prot, name);
}

static int mem_unmap(struct rt_mem *m, uint64_t addr, uint64_t len)
{
    len = RT_PAGE_ALIGN(len);
    if ((addr & (RT_PAGE - 1)) || !in_space(m, addr, len))
        return -EINVAL;
    /* Keep the reservation: the pages go back to PROT_NONE, their contents freed. */
    void *p = mmap(m->base + addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED |
                   MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    return vma_cut(m, addr, addr + len);
}

static int mem_protect(struct rt_mem *m, uint64_t addr, uint64_t len, int prot)
{
    len = RT_PAGE_ALIGN(len);
    if ((addr & (RT_PAGE - 1)) || !in_space(m, addr, len))
        return -EINVAL;
    if (!rt_mem_range_mapped(m, addr, len))
        return -ENOMEM;
    if (mprotect(m->base + addr, len, host_prot(prot)) != 0)
        return -errno;
    /* Re-describe the range, keeping each piece's name. */
    for (uint64_t a = addr; a < addr + len;) {
        const struct rt_vma *v = m->vmas;
        while (v && !(v->start <= a && a < v->end))
            v = v->next;
        if (!v)
            return -ENOMEM;
        uint64_t e = v->end < addr + len ? v->end : addr + len;
        char name[RT_VMA_NAME];
        memcpy(name, v->name, sizeof name);
        int r = vma_cut(m, a, e);
        if (!r)
            r = vma_insert(m, a, e, prot, name);
        if (r)
            return r;
        a = e;
    }
    return 0;
}

static int mem_prot(const struct rt_mem *m, uint64_t addr)
{
    for (const struct rt_vma *v = m->vmas; v && v->start <= addr; v = v->next)
        if (addr < v->end)
            return v->prot;
    return -1;
}

static bool mem_range_mapped(const struct rt_mem *m, uint64_t addr, uint64_t len)
{
    uint64_t a = addr, end = addr + len;
    if (end < addr)
        return false;
    for (const struct rt_vma *v = m->vmas; v && a < end; v = v->next) {
        if (v->end <= a)
            continue;
        if (v->start > a)
            return false;
        a = v->end;
    }
    return a >= end;
}

static bool range_free(const struct rt_mem *m, uint64_t addr, uint64_t len)
{
    for (const struct rt_vma *v = m->vmas; v; v = v->next)
        if (v->start < addr + len && addr < v->end)
            return false;
    return true;
}

static uint64_t mem_find_free(struct rt_mem *m, uint64_t len, uint64_t hint)
{
    len = RT_PAGE_ALIGN(len);
    if (hint && !(hint & (RT_PAGE - 1)) && in_space(m, hint, len) && range_free(m, hint, len))
        return hint;
    /* Top-down first fit below mmap_top, as Linux's default layout does. */
    uint64_t top = m->mmap_top;
    while (top >= len + RT_PAGE) {
        uint64_t cand = top - len;
        const struct rt_vma *clash = NULL;
        for (const struct rt_vma *v = m->vmas; v; v = v->next)
            if (v->start < cand + len && cand < v->end)
                clash = v; /* the highest overlapping mapping */
        if (!clash)
            return cand;
        top = clash->start;
    }
    return 0;
}

/* The VMA list's users, each under the leaf lock. */
#define UNDER_LOCK(type, name, inner, params, args)                                               \
    type name params                                                                               \
    {                                                                                              \
        rt_mem_lock(m);                                                                            \
        type r = inner args;                                                                       \
        rt_mem_unlock(m);                                                                          \
        return r;                                                                                  \
    }
UNDER_LOCK(int, rt_mem_map, mem_map,
           (struct rt_mem *m, uint64_t addr, uint64_t len, int prot, const char *name),
           (m, addr, len, prot, name))
UNDER_LOCK(int, rt_mem_unmap, mem_unmap, (struct rt_mem *m, uint64_t addr, uint64_t len),
           (m, addr, len))
UNDER_LOCK(int, rt_mem_protect, mem_protect,
           (struct rt_mem *m, uint64_t addr, uint64_t len, int prot), (m, addr, len, prot))
UNDER_LOCK(int, rt_mem_prot, mem_prot, (const struct rt_mem *m, uint64_t addr), (m, addr))
UNDER_LOCK(bool, rt_mem_range_mapped, mem_range_mapped,
           (const struct rt_mem *m, uint64_t addr, uint64_t len), (m, addr, len))
UNDER_LOCK(uint64_t, rt_mem_find_free, mem_find_free,
           (struct rt_mem *m, uint64_t len, uint64_t hint), (m, len, hint))
#undef UNDER_LOCK

bool rt_copy_to_guest(struct rt_mem *m, uint64_t dst, const void *src, uint64_t len)
{
    if (!len)
        return true;
    if (!in_space(m, dst, len) || !rt_mem_range_mapped(m, dst, len))
        return false;
    for (uint64_t a = dst & ~(RT_PAGE - 1); a < dst + len; a += RT_PAGE)
        if (!(rt_mem_prot(m, a) & PROT_WRITE))
            return false;
    memcpy(m->base + dst, src, len);
    return true;
}

bool rt_copy_from_guest(const struct rt_mem *m, void *dst, uint64_t src, uint64_t len)
{
    if (!len)
        return true;
    if (!in_space(m, src, len) || !rt_mem_range_mapped(m, src, len))
        return false;
    memcpy(dst, m->base + src, len);
    return true;
}
