/* A block ending in two conditional branches (cmp; b.eq; b.lt) whose three successors all
 * write the flags before reading them, so the JIT need not make the compare's flags; then the
 * third successor (the fall-through, on the next page) is rewritten to read them.  Only that
 * page is rewritten and its cache lines cleaned: the branching block must be translated again
 * (the JIT's lookahead made it depend on all three successors), or the new code reads stale
 * flags. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef uint64_t (*fn)(uint64_t, uint64_t);

#define CMP_X0_X1 0xeb01001fu
#define CMP_X0_X0 0xeb00001fu
#define CMP_X1_X1 0xeb01003fu
#define CSET_X0_EQ 0x9a9f17e0u
#define CSET_X0_GT 0x9a9fd7e0u
#define RET 0xd65f03c0u
#define NOP 0xd503201fu

static uint32_t bcond(int32_t words, unsigned cond)
{
    return 0x54000000u | (((uint32_t)words & 0x7ffff) << 5) | cond;
}

static uint32_t add_x0(unsigned imm)
{
    return 0x91000000u | (imm << 10);
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    uint8_t *map = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return 1;
    /* The branching block: the last three words of the first page, after A and B. */
    uint32_t *w = (uint32_t *)(map + page) - 3;
    uint32_t *a = w - 12, *b = w - 8;
    a[0] = CMP_X0_X0;
    a[1] = CSET_X0_EQ;
    a[2] = add_x0(200);
    a[3] = RET;
    b[0] = CMP_X1_X1;
    b[1] = CSET_X0_EQ;
    b[2] = add_x0(300);
    b[3] = RET;
    for (int i = 4; i < 8; i++)
        b[i] = NOP;
    w[0] = CMP_X0_X1;
    w[1] = bcond(-13, 0); /* b.eq A */
    w[2] = bcond(-10, 11); /* b.lt B */
    /* C, the fall-through: the second page's start, alone there. */
    w[3] = CMP_X1_X1;
    w[4] = CSET_X0_EQ;
    w[5] = add_x0(1);
    w[6] = RET;
    mprotect(map, 2 * (size_t)page, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)a, (char *)(w + 7));
    fn f = (fn)(void *)w;
    static const uint64_t args[][2] = {{1, 2}, {2, 2}, {5, 3}, {0, ~0ull}, {~0ull, 0}};
    uint64_t sum = 0;
    for (int round = 0; round < 50; round++)
        for (unsigned i = 0; i < 5; i++)
            sum = sum * 7 + f(args[i][0], args[i][1]);
    printf("before: %llx\n", (unsigned long long)sum);
    /* C now reads the flags of the compare (GT), through the second page only. */
    mprotect(map + page, (size_t)page, PROT_READ | PROT_WRITE);
    w[3] = CSET_X0_GT;
    w[4] = add_x0(50);
    w[5] = NOP;
    mprotect(map + page, (size_t)page, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)(w + 3), (char *)(w + 7));
    for (unsigned i = 0; i < 5; i++)
        printf("after %u: %llu\n", i, (unsigned long long)f(args[i][0], args[i][1]));
    sum = 0;
    for (int round = 0; round < 50; round++)
        for (unsigned i = 0; i < 5; i++)
            sum = sum * 7 + f(args[i][0], args[i][1]);
    printf("after: %llx\n", (unsigned long long)sum);
    return 0;
}
