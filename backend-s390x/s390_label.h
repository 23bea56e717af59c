/*
 * Labels and branch relocations for the s390x assembler.
 *
 * A branch to an unbound label is emitted with a zero offset and recorded; binding the label
 * patches every recorded branch. All s390x relative operands count halfwords from the start of
 * the branch instruction and sit at byte 2 of it (RI-b/c, RIE-b/c: 16 bits; RIL-b/c: 32 bits).
 */
#ifndef ZARM_S390_LABEL_H
#define ZARM_S390_LABEL_H

#include "backend-s390x/s390_emit.h"

/* Branches one label can collect before it is bound; more sets buf->error. */
#define S390_LABEL_MAX_FIXUPS 32

struct s390_label {
    int64_t pos; /* offset in the buffer once bound, -1 before */
    int n_fixups;
    struct {
        uint32_t at;  /* offset of the branch instruction */
        uint8_t bits; /* 16 or 32 */
    } fixups[S390_LABEL_MAX_FIXUPS];
};

void s390_label_init(struct s390_label *l);

/* Binds l to the current end of b and patches the branches that wait for it. A branch whose
 * target is out of its range sets b->error. */
void s390_label_bind(struct s390_buf *b, struct s390_label *l);

static inline bool s390_label_bound(const struct s390_label *l) { return l->pos >= 0; }

/* Branches to a label: like the plain encoders with the relative operand replaced by l. */
void s390_emit_RIb_label(struct s390_buf *b, enum s390_insn op, int r1, struct s390_label *l);
void s390_emit_RIc_label(struct s390_buf *b, enum s390_insn op, int m1, struct s390_label *l);
void s390_emit_RILb_label(struct s390_buf *b, enum s390_insn op, int r1, struct s390_label *l);
void s390_emit_RILc_label(struct s390_buf *b, enum s390_insn op, int m1, struct s390_label *l);
void s390_emit_RIEb_label(struct s390_buf *b, enum s390_insn op, int r1, int r2, int m3,
                          struct s390_label *l);
void s390_emit_RIEc_label(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2, int m3,
                          struct s390_label *l);

/* S390_EMIT_LABEL(b, RIc, BRC, 8, &l): as S390_EMIT, the last operand a label. */
#define S390_EMIT_LABEL(buf, FMT, MNEMONIC, ...)                                                   \
    s390_emit_##FMT##_label(buf, FMT##_##MNEMONIC, __VA_ARGS__)

/*
 * Block chaining: a BRCL whose target changes while other threads may execute it.
 * s390_emit_align_patchable() pads with NOPR so that the next instruction's bytes 2-5 (the RI2
 * field of a RIL) lie in one aligned word or in one aligned doubleword that the instruction
 * starts (the buffer's start must be 8-byte aligned): a single aligned 4- or 8-byte store then
 * changes the target atomically.  Only an instruction at 4 mod 8 needs a pad.
 */
void s390_emit_align_patchable(struct s390_buf *b);

/* Retargets the RIL-format branch at insn (e.g. BRCL) to target: with one atomic aligned store
 * where the site allows it (s390_emit_align_patchable), otherwise with a plain store, for a
 * caller that keeps the code from running while it writes (the JIT's code cache makes the
 * page non-executable around a patch).  Returns false, changing nothing, if insn or target is
 * odd or target is out of the +-4 GiB range. */
bool s390_patch_ril(uint8_t *insn, const void *target);

#endif
