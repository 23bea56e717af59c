/*
 * The assembler's code runs: functions are assembled into an executable mapping and called
 * (s390x hosts only; under qemu-s390x-static -cpu max in the cross build). Facility-gated
 * instructions are tried only when s390_host_facilities() reports them.
 */
#include "backend-s390x/s390_emit.h"
#include "backend-s390x/s390_facilities.h"
#include "backend-s390x/s390_label.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef uint64_t (*fn3)(uint64_t, uint64_t, uint64_t);

static int failures;
#define CHECK_EQ(got, want)                                                                        \
    do {                                                                                           \
        uint64_t g_ = (got), w_ = (want);                                                          \
        if (g_ != w_) {                                                                            \
            fprintf(stderr, "%s:%d: %s = %#llx, want %#llx\n", __FILE__, __LINE__, #got,           \
                    (unsigned long long)g_, (unsigned long long)w_);                               \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* ABI: arguments in r2-r4, result in r2, return address in r14; r0-r5 are ours to clobber. */
enum { R0, R1, R2, R3, R4, R5, R14 = 14 };

/* x*3 + bswap64(y) + 5*n: shifts, moves, byte reversal, a BRCTG loop and a forward branch. */
static void gen_arith(struct s390_buf *b) {
    struct s390_label loop, done;
    s390_label_init(&loop);
    s390_label_init(&done);
    S390_EMIT(b, RSY, SLLG, R0, R2, 0, 1);
    S390_EMIT(b, RRE, AGR, R0, R2);
    S390_EMIT(b, RRE, LRVGR, R3, R3);
    S390_EMIT(b, RRFa, AGRK, R0, R0, R3, 0);
    S390_EMIT(b, RRE, LTGR, R4, R4);
    S390_EMIT_LABEL(b, RIc, BRC, S390_CMP_EQ, &done);
    s390_label_bind(b, &loop);
    S390_EMIT(b, RI, AGHI, R0, 5);
    S390_EMIT_LABEL(b, RIb, BRCTG, R4, &loop);
    s390_label_bind(b, &done);
    S390_EMIT(b, RRE, LGR, R2, R0);
    S390_EMIT(b, RR, BCR, S390_CC_ALWAYS, R14);
}

/* max(x, y) unsigned with CLGRJ to a label, then a 32-bit immediate OR and RISBG extract. */
static void gen_cmp(struct s390_buf *b) {
    struct s390_label keep;
    s390_label_init(&keep);
    S390_EMIT_LABEL(b, RIEb, CLGRJ, R2, R3, S390_CMP_GE, &keep);
    S390_EMIT(b, RRE, LGR, R2, R3);
    s390_label_bind(b, &keep);
    /* r2 |= z << 32 (bits 0-31 of r2 are the high word): RISBG inserts z's low word there. */
    S390_EMIT(b, RIEf, ROSBG, R2, R4, 0, 31, 32);
    S390_EMIT(b, RR, BCR, S390_CC_ALWAYS, R14);
}

/* A BRCL that block chaining retargets: returns 1 until patched to the stub returning 2. */
static uint8_t *gen_chain(struct s390_buf *b, uint8_t **stub2) {
    struct s390_label one;
    s390_label_init(&one);
    s390_emit_align_patchable(b);
    uint8_t *brcl = b->p + b->len;
    S390_EMIT_LABEL(b, RILc, BRCL, S390_CC_ALWAYS, &one);
    s390_label_bind(b, &one);
    S390_EMIT(b, RI, LGHI, R2, 1);
    S390_EMIT(b, RR, BCR, S390_CC_ALWAYS, R14);
    *stub2 = b->p + b->len;
    S390_EMIT(b, RI, LGHI, R2, 2);
    S390_EMIT(b, RR, BCR, S390_CC_ALWAYS, R14);
    return brcl;
}

/* Vector: (x + y) per doubleword with VAG across registers 16-31, then element 1 out. */
static void gen_vector(struct s390_buf *b) {
    S390_EMIT(b, VRRf, VLVGP, 16, R2, R3);
    S390_EMIT(b, VRRf, VLVGP, 31, R3, R4);
    S390_EMIT(b, VRRc, VA, 17, 16, 31, 3, 0, 0);
    S390_EMIT(b, VRSc, VLGV, R2, 17, 0, 1, 3);
    S390_EMIT(b, RR, BCR, S390_CC_ALWAYS, R14);
}

/* MIE3: x & ~y selected by SELGR on x == 0 (then y). */
static void gen_mie3(struct s390_buf *b) {
    S390_EMIT(b, RRFa, NCGRK, R0, R2, R3, 0);
    S390_EMIT(b, RRE, LTGR, R2, R2);
    S390_EMIT(b, RRFa, SELGR, R2, R3, R0, S390_CMP_EQ);
    S390_EMIT(b, RR, BCR, S390_CC_ALWAYS, R14);
}

int main(void) {
    size_t size = 1 << 16;
    uint8_t *code =
        mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    const char *err = NULL;
    const struct s390_facilities *fac = s390_host_facilities(&err);
    if (err) {
        fprintf(stderr, "facilities: %s\n", err);
        return 1;
    }
    printf("facilities:");
    for (int f = 0; f < S390_FAC_COUNT; f++)
        if (s390_facilities_has(fac, f))
            printf(" %s", s390_facility_name(f));
    printf("\n");

    struct s390_buf b;
    s390_buf_init(&b, code, size);
    fn3 arith = (fn3)(void *)(b.p + b.len);
    gen_arith(&b);
    fn3 cmp = (fn3)(void *)(b.p + b.len);
    gen_cmp(&b);
    uint8_t *stub2;
    uint8_t *brcl = gen_chain(&b, &stub2);
    fn3 chain = (fn3)(void *)brcl;
    fn3 vec = (fn3)(void *)(b.p + b.len);
    gen_vector(&b);
    fn3 mie3 = (fn3)(void *)(b.p + b.len);
    gen_mie3(&b);
    if (b.error || b.overflow) {
        fprintf(stderr, "assembly failed\n");
        return 1;
    }
    __builtin___clear_cache((char *)code, (char *)code + b.len);

    CHECK_EQ(arith(7, 0x0102030405060708ull, 0), 21 + 0x0807060504030201ull);
    CHECK_EQ(arith(7, 0x0102030405060708ull, 10), 21 + 0x0807060504030201ull + 50);
    CHECK_EQ(arith(-1ull, 0, 3), -3ull + 15);
    CHECK_EQ(cmp(5, 9, 0xaabbccdd), 0xaabbccdd00000009ull);
    CHECK_EQ(cmp(-1ull, 9, 0), -1ull);
    CHECK_EQ(chain(0, 0, 0), 1);
    if (!s390_patch_ril(brcl, stub2)) {
        fprintf(stderr, "patch failed\n");
        failures++;
    }
    CHECK_EQ(chain(0, 0, 0), 2);
    if (s390_facilities_has(fac, S390_FAC_VX)) {
        CHECK_EQ(vec(1, 100, 1000), 1100);
    } else {
        printf("no vector facility: vector test skipped\n");
    }
    if (s390_facilities_has(fac, S390_FAC_MIE3)) {
        CHECK_EQ(mie3(0, 0x1234, 0), 0x1234);
        CHECK_EQ(mie3(0xff, 0x0f, 0), 0xf0);
    } else {
        printf("no MIE3: MIE3 test skipped\n");
    }
    if (failures) {
        fprintf(stderr, "s390asm run: %d failures\n", failures);
        return 1;
    }
    printf("s390asm run: ok\n");
    return 0;
}
