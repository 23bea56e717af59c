/* tests/isa: the random-instruction differential tester, guest side.
 * One arm64 program (built with aarch64-linux-gnu-gcc -static) generates a
 * seeded stream of instructions from zarm's decode table, runs each test
 * (one instruction or a short sequence) from a rewritten code buffer, and
 * prints a hash of the state after it; isadiff.sh runs it under
 * qemu-aarch64-static and under zarm and compares the lines. */
#ifndef ZARM_TESTS_ISA_H
#define ZARM_TESTS_ISA_H

#include <stdbool.h>
#include <stdint.h>

/* The register block the trampoline (entry.S) loads before and stores after a
 * test; the offsets are spelled out there too. */
struct isa_state {
    uint64_t x[31];  /* 0 */
    uint64_t sp;     /* 248 */
    uint64_t nzcv;   /* 256 */
    uint64_t fpcr;   /* 264 */
    uint64_t fpsr;   /* 272 */
    uint64_t tpidr;  /* 280: TPIDR_EL0 */
    uint64_t v[32][2] __attribute__((aligned(16))); /* 288: d[0] = bits 63:0 */
};
_Static_assert(__builtin_offsetof(struct isa_state, v) == 288, "entry.S offsets");

#define ISA_MAX_SEQ 5
/* Registers the harness owns in every test: x28 points into the scratch
 * buffer (the base of every load/store), x27 holds a small offset for the
 * register-offset forms. */
#define ISA_BASE_REG 28
#define ISA_OFFSET_REG 27
#define ISA_SCRATCH_BYTES 8192

struct isa_test {
    unsigned n;                   /* instructions */
    uint32_t word[ISA_MAX_SEQ];
    uint16_t op[ISA_MAX_SEQ];     /* enum a64_op */
    unsigned free_reg;            /* an X register no instruction names: the epilogue's base */
};

struct isa_rng {
    uint64_t s;
};

static inline uint64_t isa_rand(struct isa_rng *r)
{
    /* splitmix64: every seed gives a full-period, well-mixed stream. */
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline unsigned isa_below(struct isa_rng *r, unsigned n)
{
    return (unsigned)(isa_rand(r) % n);
}

/* gen.c */
int isa_gen_init(const char **err);
/* defined: NULL, or a probe that says whether the reference executes a word
 * (the reference run drops the words it does not, so sequences do not die on
 * their first unallocated encoding). */
void isa_gen_test(struct isa_rng *r, struct isa_test *t, bool (*defined)(uint32_t));
/* The ops the generator draws from, and the excluded ones with the reason. */
unsigned isa_gen_nops(void);
unsigned isa_gen_op(unsigned i);
const char *isa_op_excluded(unsigned op);

#endif
