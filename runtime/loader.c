/* ELF64 loader for Arm64 Linux executables (static, static-PIE and, through
 * PT_INTERP, dynamic), and the initial stack the Linux arm64 ABI specifies:
 * argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL, then the strings. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hwcap.h"
#include "ir/endian.h"
#include "rt.h"

/* Where position-independent images go (the main program, then its
 * interpreter): Linux's arm64 choices when the guest window is large enough,
 * otherwise an eighth and a quarter of the way up the window, which leaves
 * room for the heap above the program and mmap below the stack. */
#define PIE_BASE 0x5500000000ull
#define INTERP_BASE 0x7f00000000ull
#define STACK_SIZE (8ull << 20)
#define MAX_FILE (1ull << 31)

struct image {
    uint8_t *data;
    uint64_t size;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;
};

static void image_free(struct image *im)
{
    free(im->data);
    free(im->ph);
    memset(im, 0, sizeof *im);
}

static uint16_t le16(const void *p) { return ld_le16(p); }
static uint32_t le32(const void *p) { return ld_le32(p); }
static uint64_t le64(const void *p) { return ld_le64(p); }

/* Reads and checks the file; all header fields are converted from little-endian. */
static int image_open(struct zarm_user *u, const char *path, struct image *im)
{
    memset(im, 0, sizeof *im);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        return rt_error(u, e == ENOENT || e == ENOTDIR ? ZARM_E_NOENT : ZARM_E_ACCES, "%s: %s",
                        path, strerror(e));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return rt_error(u, ZARM_E_ACCES, "%s: not a regular file", path);
    }
    if ((uint64_t)st.st_size > MAX_FILE) {
        close(fd);
        return rt_error(u, ZARM_E_NOEXEC, "%s: file too large", path);
    }
    im->size = (uint64_t)st.st_size;
    im->data = malloc(im->size ? im->size : 1);
    if (!im->data) {
        close(fd);
        return rt_error(u, ZARM_E_NOMEM, "%s: out of memory", path);
    }
    uint64_t got = 0;
    while (got < im->size) {
        ssize_t n = read(fd, im->data + got, im->size - got);
        if (n <= 0) {
            close(fd);
            return rt_error(u, ZARM_E_ACCES, "%s: read error", path);
        }
        got += (uint64_t)n;
    }
    close(fd);

    const uint8_t *d = im->data;
    if (im->size < 4 || memcmp(d, ELFMAG, SELFMAG) != 0)
        return rt_error(u, ZARM_E_NOEXEC, "%s: not an ELF file", path);
    if (im->size < sizeof(Elf64_Ehdr))
        return rt_error(u, ZARM_E_NOEXEC, "%s: truncated ELF header", path);
    if (d[EI_CLASS] != ELFCLASS64)
        return rt_error(u, ZARM_E_NOEXEC, "%s: not a 64-bit ELF file", path);
    if (d[EI_DATA] != ELFDATA2LSB)
        return rt_error(u, ZARM_E_NOEXEC, "%s: not a little-endian ELF file", path);
    Elf64_Ehdr *e = &im->eh;
    e->e_type = le16(d + offsetof(Elf64_Ehdr, e_type));
    e->e_machine = le16(d + offsetof(Elf64_Ehdr, e_machine));
    e->e_entry = le64(d + offsetof(Elf64_Ehdr, e_entry));
    e->e_phoff = le64(d + offsetof(Elf64_Ehdr, e_phoff));
    e->e_phentsize = le16(d + offsetof(Elf64_Ehdr, e_phentsize));
    e->e_phnum = le16(d + offsetof(Elf64_Ehdr, e_phnum));
    if (e->e_machine != EM_AARCH64)
        return rt_error(u, ZARM_E_NOEXEC, "%s: not an Arm64 executable (ELF machine %u)", path,
                        e->e_machine);
    if (e->e_type != ET_EXEC && e->e_type != ET_DYN)
        return rt_error(u, ZARM_E_NOEXEC, "%s: not an executable (ELF type %u)", path, e->e_type);
    if (e->e_phentsize != sizeof(Elf64_Phdr) || e->e_phnum == 0 || e->e_phnum > 256)
        return rt_error(u, ZARM_E_NOEXEC, "%s: malformed program headers", path);
    uint64_t phsize = (uint64_t)e->e_phnum * sizeof(Elf64_Phdr);
    if (e->e_phoff > im->size || phsize > im->size - e->e_phoff)
        return rt_error(u, ZARM_E_NOEXEC, "%s: truncated program headers", path);
    im->ph = calloc(e->e_phnum, sizeof *im->ph);
    if (!im->ph)
        return rt_error(u, ZARM_E_NOMEM, "%s: out of memory", path);
    int nload = 0;
    for (unsigned i = 0; i < e->e_phnum; i++) {
        const uint8_t *p = d + e->e_phoff + i * sizeof(Elf64_Phdr);
        Elf64_Phdr *ph = &im->ph[i];
        ph->p_type = le32(p + offsetof(Elf64_Phdr, p_type));
        ph->p_flags = le32(p + offsetof(Elf64_Phdr, p_flags));
        ph->p_offset = le64(p + offsetof(Elf64_Phdr, p_offset));
        ph->p_vaddr = le64(p + offsetof(Elf64_Phdr, p_vaddr));
        ph->p_filesz = le64(p + offsetof(Elf64_Phdr, p_filesz));
        ph->p_memsz = le64(p + offsetof(Elf64_Phdr, p_memsz));
        ph->p_align = le64(p + offsetof(Elf64_Phdr, p_align));
        if (ph->p_type == PT_LOAD) {
            nload++;
            if (ph->p_filesz > ph->p_memsz || ph->p_offset > im->size ||
                ph->p_filesz > im->size - ph->p_offset)
                return rt_error(u, ZARM_E_NOEXEC, "%s: segment %u lies outside the file", path, i);
            if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr)
                return rt_error(u, ZARM_E_NOEXEC, "%s: segment %u wraps around", path, i);
        }
    }
    if (!nload)
        return rt_error(u, ZARM_E_NOEXEC, "%s: no loadable segments", path);
    return ZARM_OK;
}

static int prot_of(uint32_t pf)
{
    return ((pf & PF_R) ? PROT_READ : 0) | ((pf & PF_W) ? PROT_WRITE : 0) |
           ((pf & PF_X) ? PROT_EXEC : 0);
}

/* Maps the PT_LOAD segments at bias; returns the end of the highest one. */
static int image_map(struct zarm_user *u, const char *path, struct image *im, uint64_t bias,
                     uint64_t *hi_out)
{
    uint64_t hi = 0;
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    for (unsigned i = 0; i < im->eh.e_phnum; i++) {
        Elf64_Phdr *ph = &im->ph[i];
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
            continue;
        uint64_t va = ph->p_vaddr + bias;
        uint64_t start = va & ~(RT_PAGE - 1);
        uint64_t end = RT_PAGE_ALIGN(va + ph->p_memsz);
        if (end <= start || end > u->mem.size)
            return rt_error(u, ZARM_E_NOEXEC, "%s: segment %u at 0x%llx does not fit the guest "
                            "address space", path, i, (unsigned long long)va);
        /* Map writable first to copy the file bytes in, then set the real rights. */
        int r = rt_mem_map(&u->mem, start, end - start, PROT_READ | PROT_WRITE, name);
        if (r)
            return rt_error(u, ZARM_E_NOMEM, "%s: cannot map segment %u: %s", path, i,
                            strerror(-r));
        memcpy(rt_g2h(&u->mem, va), im->data + ph->p_offset, ph->p_filesz);
        r = rt_mem_protect(&u->mem, start, end - start, prot_of(ph->p_flags));
        if (r)
            return rt_error(u, ZARM_E_NOMEM, "%s: cannot protect segment %u", path, i);
        if (end > hi)
            hi = end;
    }
    *hi_out = hi;
    return ZARM_OK;
}

static uint64_t lowest_vaddr(const struct image *im)
{
    uint64_t lo = ~0ull;
    for (unsigned i = 0; i < im->eh.e_phnum; i++)
        if (im->ph[i].p_type == PT_LOAD && im->ph[i].p_vaddr < lo)
            lo = im->ph[i].p_vaddr;
    return lo & ~(RT_PAGE - 1);
}

struct stack_builder {
    struct zarm_user *u;
    uint64_t sp;
    uint64_t lo;
};

static uint64_t push_bytes(struct stack_builder *s, const void *p, uint64_t n)
{
    s->sp -= n;
    memcpy(rt_g2h(&s->u->mem, s->sp), p, n);
    return s->sp;
}

static int build_stack(struct zarm_user *u, const char *execfn, char *const argv[],
                       char *const envp[], struct image *im, uint64_t bias, uint64_t interp_base)
{
    uint64_t top = u->mem.size;
    uint64_t lo = top - STACK_SIZE;
    int r = rt_mem_map(&u->mem, lo, STACK_SIZE, PROT_READ | PROT_WRITE, "[stack]");
    if (r)
        return rt_error(u, ZARM_E_NOMEM, "%s: cannot map the stack: %s", execfn, strerror(-r));
    struct stack_builder s = {u, top - 16, lo};
    int argc = 0, envc = 0;
    while (argv && argv[argc])
        argc++;
    while (envp && envp[envc])
        envc++;
    uint64_t total = 0;
    for (int i = 0; i < argc; i++)
        total += strlen(argv[i]) + 1;
    for (int i = 0; i < envc; i++)
        total += strlen(envp[i]) + 1;
    if (total > STACK_SIZE / 2)
        return rt_error(u, ZARM_E_INVAL, "%s: argument list too long", execfn);

    uint64_t execfn_addr = push_bytes(&s, execfn, strlen(execfn) + 1);
    uint64_t *argp = malloc((argc + 1) * sizeof *argp), *envpp = malloc((envc + 1) * sizeof *envpp);
    if (!argp || !envpp) {
        free(argp);
        free(envpp);
        return rt_error(u, ZARM_E_NOMEM, "%s: out of memory", execfn);
    }
    for (int i = envc - 1; i >= 0; i--)
        envpp[i] = push_bytes(&s, envp[i], strlen(envp[i]) + 1);
    for (int i = argc - 1; i >= 0; i--)
        argp[i] = push_bytes(&s, argv[i], strlen(argv[i]) + 1);
    uint64_t platform = push_bytes(&s, "aarch64", 8);
    /* AT_RANDOM seeds the guest's stack protector and pointer guard: real entropy, as the
     * kernel gives (rand() only if the host has none to give). */
    uint8_t rnd[16];
    if (getrandom(rnd, sizeof rnd, GRND_NONBLOCK) != (ssize_t)sizeof rnd)
        for (int i = 0; i < 16; i++)
            rnd[i] = (uint8_t)(rand() >> 7);
    uint64_t random_addr = push_bytes(&s, rnd, 16);
    s.sp &= ~15ull;

    uint64_t auxv[][2] = {
        {AT_PHDR, u->phdr},
        {AT_PHENT, sizeof(Elf64_Phdr)},
        {AT_PHNUM, u->phnum},
        {AT_PAGESZ, RT_PAGE},
        {AT_BASE, interp_base},
        {AT_FLAGS, 0},
        {AT_ENTRY, im->eh.e_entry + bias},
        {AT_UID, (uint64_t)getuid()},
        {AT_EUID, (uint64_t)geteuid()},
        {AT_GID, (uint64_t)getgid()},
        {AT_EGID, (uint64_t)getegid()},
        {AT_SECURE, 0},
        {AT_HWCAP, rt_hwcap(&u->feat)},
        {AT_HWCAP2, rt_hwcap2(&u->feat)},
        {AT_CLKTCK, 100},
        {AT_RANDOM, random_addr},
        {AT_EXECFN, execfn_addr},
        {AT_PLATFORM, platform},
        {AT_MINSIGSTKSZ, 5120},
        {AT_NULL, 0},
    };
    unsigned nauxv = sizeof auxv / sizeof auxv[0];
    uint64_t words = 1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + 2ull * nauxv;
    s.sp -= words * 8;
    s.sp &= ~15ull;
    uint8_t *p = rt_g2h(&u->mem, s.sp);
    uint64_t k = 0;
    st_le64(p + 8 * k++, (uint64_t)argc);
    for (int i = 0; i < argc; i++)
        st_le64(p + 8 * k++, argp[i]);
    st_le64(p + 8 * k++, 0);
    for (int i = 0; i < envc; i++)
        st_le64(p + 8 * k++, envpp[i]);
    st_le64(p + 8 * k++, 0);
    u->auxv_addr = s.sp + 8 * k;
    u->auxv_len = 16ull * nauxv;
    for (unsigned i = 0; i < nauxv; i++) {
        st_le64(p + 8 * k++, auxv[i][0]);
        st_le64(p + 8 * k++, auxv[i][1]);
    }
    free(argp);
    free(envpp);
    u->env->cpu.sp = s.sp;
    return ZARM_OK;
}

static const char *find_interp(const struct image *im)
{
    for (unsigned i = 0; i < im->eh.e_phnum; i++)
        if (im->ph[i].p_type == PT_INTERP) {
            const Elf64_Phdr *ph = &im->ph[i];
            if (ph->p_filesz == 0 || ph->p_filesz > 4096 || ph->p_offset > im->size ||
                ph->p_filesz > im->size - ph->p_offset)
                return "";
            const char *s = (const char *)im->data + ph->p_offset;
            return memchr(s, 0, ph->p_filesz) ? s : "";
        }
    return NULL;
}

int rt_load(struct zarm_user *u, const char *path, char *const argv[], char *const envp[])
{
    struct image im, interp;
    memset(&interp, 0, sizeof interp);
    int r = image_open(u, path, &im);
    if (r)
        goto out;
    bool big = u->mem.size > 2 * INTERP_BASE;
    uint64_t pie_base = big ? PIE_BASE : (u->mem.size / 8) & ~0xffffull;
    uint64_t interp_at = big ? INTERP_BASE : (u->mem.size / 4) & ~0xffffull;
    uint64_t bias = im.eh.e_type == ET_DYN ? pie_base - lowest_vaddr(&im) : 0;
    uint64_t hi;
    r = image_map(u, path, &im, bias, &hi);
    if (r)
        goto out;
    u->load_bias = bias;
    u->phnum = im.eh.e_phnum;
    u->phdr = 0;
    for (unsigned i = 0; i < im.eh.e_phnum; i++) {
        if (im.ph[i].p_type == PT_PHDR)
            u->phdr = im.ph[i].p_vaddr + bias;
    }
    if (!u->phdr) /* the headers lie in the first segment at e_phoff */
        for (unsigned i = 0; i < im.eh.e_phnum; i++)
            if (im.ph[i].p_type == PT_LOAD && im.ph[i].p_offset <= im.eh.e_phoff &&
                im.eh.e_phoff < im.ph[i].p_offset + im.ph[i].p_filesz) {
                u->phdr = im.ph[i].p_vaddr + (im.eh.e_phoff - im.ph[i].p_offset) + bias;
                break;
            }
    u->entry = im.eh.e_entry + bias;

    uint64_t interp_base = 0;
    const char *ipath = find_interp(&im);
    if (ipath) {
        if (!*ipath) {
            r = rt_error(u, ZARM_E_NOEXEC, "%s: malformed PT_INTERP", path);
            goto out;
        }
        char full[4096];
        const char *root = u->opt.sysroot ? u->opt.sysroot : getenv("ZARM_LD_PREFIX");
        snprintf(full, sizeof full, "%s%s", root ? root : "", ipath);
        r = image_open(u, full, &interp);
        if (r) {
            if (r == ZARM_E_NOENT)
                rt_error(u, ZARM_E_NOENT, "%s: interpreter %s not found (use -L SYSROOT)", path,
                         full);
            goto out;
        }
        uint64_t ihi;
        interp_base = interp_at;
        uint64_t ibias = interp.eh.e_type == ET_DYN ? interp_at - lowest_vaddr(&interp) : 0;
        r = image_map(u, full, &interp, ibias, &ihi);
        if (r)
            goto out;
        u->interp_base = interp_base;
        u->env->cpu.pc = interp.eh.e_entry + ibias;
    } else {
        u->env->cpu.pc = u->entry;
    }
    /* The heap starts after the program's highest segment. */
    u->mem.brk_start = u->mem.brk_cur = u->mem.brk_mapped = hi;
    /* The kernel names the process after the file, truncated to 15 bytes. */
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    snprintf(u->comm, sizeof u->comm, "%s", base);
    /* /proc/self/exe names the resolved file, as the kernel's does. */
    char *real = realpath(path, NULL);
    snprintf(u->exe_path, sizeof u->exe_path, "%s", real ? real : path);
    free(real);
    r = build_stack(u, path, argv, envp, &im, bias, interp_base);
out:
    image_free(&im);
    image_free(&interp);
    return r;
}

int zarm_user_load(struct zarm_user *u, const char *path, char *const argv[], char *const envp[])
{
    return rt_load(u, path, argv, envp);
}
