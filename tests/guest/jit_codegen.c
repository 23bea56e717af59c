/* Run-time code generation: writes Arm64 code into an RW mapping, flips it
 * to RX with mprotect, runs it, rewrites it in place (through a second RWX
 * mapping too), cleans the caches with __builtin___clear_cache (DC CVAU /
 * IC IVAU) and runs the new code. A stale translation would return the old
 * result, so this exercises the emulator's invalidation path. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef uint64_t (*fn)(uint64_t);

/* movz x1, #imm; add x0, x0, x1; ret */
static void gen_add(uint32_t *p, uint16_t imm)
{
    p[0] = 0xd2800001u | ((uint32_t)imm << 5);
    p[1] = 0x8b010000u;
    p[2] = 0xd65f03c0u;
}
/* movz x1, #imm; mul x0, x0, x1; ret */
static void gen_mul(uint32_t *p, uint16_t imm)
{
    p[0] = 0xd2800001u | ((uint32_t)imm << 5);
    p[1] = 0x9b017c00u;
    p[2] = 0xd65f03c0u;
}

static void sync_code(void *p, size_t n)
{
    __builtin___clear_cache((char *)p, (char *)p + n);
}

int main(void)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    uint32_t *code = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED)
        return 1;
    gen_add(code, 5);
    sync_code(code, 12);
    mprotect(code, page, PROT_READ | PROT_EXEC);
    fn f = (fn)(uintptr_t)code;
    printf("add5(10)=%lu\n", (unsigned long)f(10));
    /* W^X style: back to RW, rewrite, to RX again. */
    mprotect(code, page, PROT_READ | PROT_WRITE);
    gen_mul(code, 7);
    sync_code(code, 12);
    mprotect(code, page, PROT_READ | PROT_EXEC);
    printf("mul7(10)=%lu\n", (unsigned long)f(10));

    /* An RWX buffer rewritten many times while it stays executable; the
     * function is called in a loop so a translation gets hot first. */
    uint32_t *rwx = mmap(NULL, page, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rwx == MAP_FAILED)
        return 1;
    fn g = (fn)(uintptr_t)rwx;
    uint64_t total = 0;
    for (uint16_t k = 1; k <= 50; k++) {
        if (k & 1)
            gen_add(rwx, k);
        else
            gen_mul(rwx, k);
        sync_code(rwx, 12);
        for (int rep = 0; rep < 20; rep++)
            total += g((uint64_t)rep);
    }
    printf("rwx rewrite total=%lu\n", (unsigned long)total);
    /* Patch only the immediate of the first instruction of a hot function. */
    gen_add(rwx, 1);
    sync_code(rwx, 12);
    uint64_t before = g(100);
    rwx[0] = 0xd2800001u | (1000u << 5);
    sync_code(rwx, 4);
    printf("patched immediate: before=%lu after=%lu\n", (unsigned long)before,
           (unsigned long)g(100));
    /* Unmap and map again at the same place with different code. */
    munmap(rwx, page);
    uint32_t *again = mmap(rwx, page, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    gen_mul(again, 3);
    sync_code(again, 12);
    printf("remapped mul3(100)=%lu\n", (unsigned long)((fn)(uintptr_t)again)(100));
    return 0;
}
