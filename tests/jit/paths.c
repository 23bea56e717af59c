/* The JIT's own paths, checked against qemu-aarch64 (tests/jit/CMakeLists.txt): loop mode with
 * many live guest registers, flags read in a later block (cmp; b.eq; b.le) and through MRS,
 * conditions of every kind on flags from ADDS/SUBS/ANDS/CMN/MSR, in one block reached from all of
 * them, indirect branches (function
 * pointers, switch tables, returns), folded displacements at both ends of a page, self-modifying
 * code (unlinking chained blocks), and enough distinct code to fill the code cache more than
 * once when run with a large N. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static uint64_t nzcv_after_cmp(uint64_t a, uint64_t b)
{
    uint64_t f;
    __asm__ volatile("cmp %1, %2\n\tb 1f\n1:\tmrs %0, nzcv" : "=r"(f) : "r"(a), "r"(b) : "cc");
    return f;
}

static uint64_t nzcv_after_adds32(uint32_t a, uint32_t b)
{
    uint64_t f;
    __asm__ volatile("adds wzr, %w1, %w2\n\tmrs %0, nzcv" : "=r"(f) : "r"(a), "r"(b) : "cc");
    return f;
}

static uint64_t nzcv_after_ands(uint64_t a, uint64_t b)
{
    uint64_t f;
    __asm__ volatile("tst %1, %2\n\tb 1f\n1:\tmrs %0, nzcv" : "=r"(f) : "r"(a), "r"(b) : "cc");
    return f;
}

/* Every condition after CMP, tested in the next block (flags live across the branch). */
static unsigned conds_next_block(uint64_t a, uint64_t b)
{
    unsigned m = 0;
#define C(cc, bit)                                                                                 \
    __asm__ volatile("cmp %1, %2\n\tb 1f\n1:\tcset %w0, " #cc : "=r"(t) : "r"(a), "r"(b) : "cc"); \
    m |= t << bit;
    unsigned t;
    C(eq, 0) C(ne, 1) C(hs, 2) C(lo, 3) C(mi, 4) C(pl, 5) C(vs, 6) C(vc, 7)
    C(hi, 8) C(ls, 9) C(ge, 10) C(lt, 11) C(gt, 12) C(le, 13)
#undef C
    return m;
}

/* The same conditions fused in one block, 32-bit, and after CMN. */
static unsigned conds_fused32(uint32_t a, uint32_t b)
{
    unsigned m = 0, t;
#define C(cc, bit)                                                                                 \
    __asm__ volatile("cmp %w1, %w2\n\tcset %w0, " #cc : "=r"(t) : "r"(a), "r"(b) : "cc");         \
    m |= t << bit;
    C(eq, 0) C(ne, 1) C(hs, 2) C(lo, 3) C(mi, 4) C(pl, 5) C(vs, 6) C(vc, 7)
    C(hi, 8) C(ls, 9) C(ge, 10) C(lt, 11) C(gt, 12) C(le, 13)
#undef C
#define C(cc, bit)                                                                                 \
    __asm__ volatile("cmn %1, %2\n\tcsel %w0, wzr, %w3, " #cc : "=r"(t)                           \
                     : "r"((uint64_t)a), "r"((uint64_t)b), "r"(1u) : "cc");                        \
    m |= t << bit;
    C(eq, 16) C(ne, 17) C(hs, 18) C(mi, 19) C(gt, 20) C(le, 21)
#undef C
    return m;
}

/* Every condition in one block (after label 9) reached from predecessors whose flags come
 * from CMP, 32-bit CMP, CMN, TST and MSR NZCV: the JIT tests a predecessor's lazy flags record
 * in place when its kind is the expected one, and PSTATE otherwise. */
static unsigned conds_shared(uint64_t a, uint64_t b, unsigned kind)
{
    unsigned m = 0, t;
#define C(cc, bit)                                                                                 \
    __asm__ volatile("cmp %w3, #1\n\tb.eq 2f\n\tcmp %w3, #2\n\tb.eq 3f\n\t"                   \
                     "cmp %w3, #3\n\tb.eq 4f\n\tcmp %w3, #4\n\tb.eq 5f\n\t"                     \
                     "cmp %1, %2\n\tb 9f\n"                                                      \
                     "2:\tcmp %w1, %w2\n\tb 9f\n"                                                \
                     "3:\tcmn %1, %2\n\tb 9f\n"                                                  \
                     "4:\ttst %1, %2\n\tb 9f\n"                                                  \
                     "5:\tmsr nzcv, %1\n\tb 9f\n"                                                \
                     "9:\tcset %w0, " #cc                                                        \
                     : "=r"(t)                                                                    \
                     : "r"(a), "r"(b), "r"(kind)                                                  \
                     : "cc");                                                                     \
    m |= t << bit;
    C(eq, 0) C(ne, 1) C(hs, 2) C(lo, 3) C(mi, 4) C(pl, 5) C(vs, 6) C(vc, 7)
    C(hi, 8) C(ls, 9) C(ge, 10) C(lt, 11) C(gt, 12) C(le, 13)
#undef C
    return m;
}

/* A loop with more live registers than loop mode pins. */
static uint64_t wide_loop(uint64_t n)
{
    uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
    for (uint64_t i = 0; i < n; i++) {
        a += b ^ i;
        b = (b << 3) + c;
        c ^= d >> 1;
        d += e * 3;
        e = e - f + (i & 7);
        f |= g << (i & 15);
        g += h;
        h = (h >> 7) ^ a;
        __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e), "+r"(f), "+r"(g),
                         "+r"(h));
    }
    return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
}

static int op_add(int x) { return x + 3; }
static int op_mul(int x) { return x * 5; }
static int op_xor(int x) { return x ^ 0x55; }
static int op_neg(int x) { return -x; }

static int bytecode(const unsigned char *code, int n)
{
    int acc = 1;
    for (int pc = 0; pc < n; pc++) {
        switch (code[pc] & 7) {
        case 0: acc += 7; break;
        case 1: acc *= 3; break;
        case 2: acc ^= acc >> 3; break;
        case 3: acc -= pc; break;
        case 4: acc = acc < 0 ? -acc : acc + 1; break;
        case 5: acc <<= 1; break;
        case 6: acc = (acc & 0xffff) | 0x10000; break;
        default: acc = ~acc; break;
        }
    }
    return acc;
}

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

/* Folded displacements at both ends of a page: the last 8 bytes and past the start. */
static uint64_t page_edges(void)
{
    unsigned char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    munmap(p + 4096, 4096);
    uint64_t *last = (uint64_t *)(void *)(p + 4096 - 8);
    volatile uint64_t *base = (volatile uint64_t *)(void *)(p + 4096 - 64);
    *last = 0x1122334455667788ull;
    uint64_t s = 0;
    for (int i = 0; i < 8; i++)
        s += base[i] + base[7] * (uint64_t)i;
    return s;
}

/* Code written at run time: runs, is rewritten, runs again (the old translation, chained to
 * from the caller's loop, must be dropped). */
static int selfmod(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED)
        return -1;
    int total = 0;
    for (int round = 0; round < 4; round++) {
        code[0] = 0x52800000u | ((uint32_t)(round * 10 + 1) << 5); /* mov w0, #imm */
        code[1] = 0xd65f03c0u;                                       /* ret */
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        int (*fn)(void) = (int (*)(void))(void *)code;
        for (int i = 0; i < 3; i++)
            total = total * 7 + fn();
    }
    munmap(code, 4096);
    return total;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000;
    static const uint64_t vals[] = {0, 1, 2, 0x7fffffffffffffffull, 0x8000000000000000ull,
                                    0xffffffffffffffffull, 0x80000000ull, 0x7fffffffull,
                                    0xffffffffull, 42};
    const unsigned nv = sizeof vals / sizeof vals[0];
    for (unsigned i = 0; i < nv; i++)
        for (unsigned j = 0; j < nv; j++)
            printf("%u %u: %08llx %08llx %08llx %05x %06x\n", i, j,
                   (unsigned long long)nzcv_after_cmp(vals[i], vals[j]),
                   (unsigned long long)nzcv_after_adds32((uint32_t)vals[i], (uint32_t)vals[j]),
                   (unsigned long long)nzcv_after_ands(vals[i], vals[j]),
                   conds_next_block(vals[i], vals[j]),
                   conds_fused32((uint32_t)vals[i], (uint32_t)vals[j]));
    for (unsigned i = 0; i < nv; i++)
        for (unsigned j = 0; j < nv; j++) {
            printf("shared %u %u:", i, j);
            /* Kinds in changing order, so that each one meets another's expectation. */
            for (unsigned k = 0; k < 10; k++)
                printf(" %04x", conds_shared(vals[i], vals[j] << (k & 1), (k * 3 + i) % 5));
            printf("\n");
        }
    printf("wide %llu\n", (unsigned long long)wide_loop((uint64_t)n * 100));
    int (*ops[4])(int) = {op_add, op_mul, op_xor, op_neg};
    int x = 1;
    for (long i = 0; i < n * 10; i++)
        x = ops[(i ^ (i >> 3)) & 3](x);
    printf("indirect %d\n", x);
    unsigned char code[997];
    for (unsigned i = 0; i < sizeof code; i++)
        code[i] = (unsigned char)(i * 37 + (i >> 2));
    printf("bytecode %d\n", bytecode(code, sizeof code));
    printf("fib %d\n", fib(20));
    printf("edges %llx\n", (unsigned long long)page_edges());
    printf("selfmod %d\n", selfmod());
    return 0;
}
