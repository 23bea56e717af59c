/* Every condition code after CMP, CMN, TST and ADDS at 32 and 64 bits,
 * read back with CSEL (AL and NV included, both meaning always) and as raw NZCV with MRS. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

#define CONDS(X) X(eq) X(ne) X(cs) X(cc) X(mi) X(pl) X(vs) X(vc) \
                 X(hi) X(ls) X(ge) X(lt) X(gt) X(le) X(al) X(nv)

#define CMP_FN(c)                                                                                  \
    static unsigned cmp64_##c(uint64_t a, uint64_t b)                                              \
    {                                                                                              \
        unsigned r;                                                                                \
        __asm__("mov %w0, #1\n\tcmp %1, %2\n\tcsel %w0, %w0, wzr, " #c                           \
                : "=&r"(r) : "r"(a), "r"(b) : "cc");                  \
        return r;                                                                                  \
    }                                                                                              \
    static unsigned cmp32_##c(uint64_t a, uint64_t b)                                              \
    {                                                                                              \
        unsigned r;                                                                                \
        __asm__("mov %w0, #1\n\tcmp %w1, %w2\n\tcsel %w0, %w0, wzr, " #c                         \
                : "=&r"(r) : "r"(a), "r"(b) : "cc");                \
        return r;                                                                                  \
    }                                                                                              \
    static unsigned b64_##c(uint64_t a, uint64_t b)                                                \
    {                                                                                              \
        unsigned r;                                                                                \
        __asm__("mov %w0, #1\n\tcmn %1, %2\n\tb." #c " 1f\n\tmov %w0, #0\n1:"                      \
                : "=&r"(r) : "r"(a), "r"(b) : "cc");                                               \
        return r;                                                                                  \
    }
CONDS(CMP_FN)

static const char *const names[] = {
#define NAME(c) #c,
    CONDS(NAME)};

static unsigned nzcv_of(const char *op, uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    switch (op[0]) {
    case 's': __asm__("subs xzr, %1, %2\n\tmrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b) : "cc"); break;
    case 'S': __asm__("subs wzr, %w1, %w2\n\tmrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b) : "cc"); break;
    case 'a': __asm__("adds xzr, %1, %2\n\tmrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b) : "cc"); break;
    case 'A': __asm__("adds wzr, %w1, %w2\n\tmrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b) : "cc"); break;
    case 't': __asm__("tst %1, %2\n\tmrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b) : "cc"); break;
    case 'T': __asm__("tst %w1, %w2\n\tmrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b) : "cc"); break;
    }
    return (unsigned)(r >> 28);
}

int main(void)
{
    typedef unsigned (*fn)(uint64_t, uint64_t);
    static const fn f64[] = {
#define F64(c) cmp64_##c,
        CONDS(F64)};
    static const fn f32[] = {
#define F32(c) cmp32_##c,
        CONDS(F32)};
    static const fn fb[] = {
#define FB(c) b64_##c,
        CONDS(FB)};
    const uint64_t v[] = {0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
                          0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull};
    const unsigned nv = sizeof v / sizeof v[0];
    for (unsigned c = 0; c < 16; c++) {
        uint64_t m64 = 0, m32 = 0, mb = 0;
        for (unsigned i = 0; i < nv; i++)
            for (unsigned j = 0; j < nv; j++) {
                unsigned bit = i * nv + j;
                m64 |= (uint64_t)f64[c](v[i], v[j]) << (bit % 64);
                m32 ^= (uint64_t)f32[c](v[i], v[j]) << (bit % 61);
                mb ^= (uint64_t)fb[c](v[i], v[j]) << (bit % 59);
            }
        printf("%s: cmp64 %016" PRIx64 " cmp32 %016" PRIx64 " cmn-branch %016" PRIx64 "\n",
               names[c], m64, m32, mb);
    }
    static const char *const ops[] = {"subs64", "Subs32", "adds64", "Adds32", "tst64", "Tst32"};
    for (unsigned o = 0; o < 6; o++) {
        printf("%-6s:", ops[o]);
        for (unsigned i = 0; i < nv; i++)
            for (unsigned j = 0; j < nv; j += 3)
                printf("%x", nzcv_of(ops[o], v[i], v[j]));
        printf("\n");
    }
    return 0;
}
