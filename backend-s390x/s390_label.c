/* Labels, branch fixups and in-place retargeting of RIL branches (see s390_label.h). */
#include "backend-s390x/s390_label.h"

#include <assert.h>
#include <string.h>

void s390_label_init(struct s390_label *l) {
    l->pos = -1;
    l->n_fixups = 0;
}

static void label_error(struct s390_buf *b) {
    b->error = true;
    assert(b->expect_errors && "s390 label: too many fixups or branch out of range");
}

/* Writes the halfword offset to target into the relative field at byte 2 of the branch. */
static bool patch_field(struct s390_buf *b, uint32_t at, int bits, int64_t target) {
    int64_t half = (target - (int64_t)at) / 2;
    if (bits == 16 ? (half < -32768 || half > 32767) : (half < INT32_MIN || half > INT32_MAX))
        return false;
    uint8_t *f = b->p + at + 2;
    for (int i = 0; i < bits / 8; i++)
        f[i] = (uint8_t)((uint64_t)half >> (bits - 8 - 8 * i));
    return true;
}

void s390_label_bind(struct s390_buf *b, struct s390_label *l) {
    assert(l->pos < 0 && "s390 label bound twice");
    l->pos = (int64_t)b->len;
    for (int i = 0; i < l->n_fixups; i++)
        if (!patch_field(b, l->fixups[i].at, l->fixups[i].bits, l->pos))
            label_error(b);
    l->n_fixups = 0;
}

/* Before emitting a branch of `bits` to l: the offset to use now (0 when unbound), recording a
 * fixup for the instruction about to be written at b->len. */
static int64_t use(struct s390_buf *b, struct s390_label *l, int bits) {
    if (l->pos >= 0)
        return l->pos - (int64_t)b->len;
    if (b->overflow)
        return 0;
    if (l->n_fixups == S390_LABEL_MAX_FIXUPS) {
        label_error(b);
        return 0;
    }
    l->fixups[l->n_fixups].at = (uint32_t)b->len;
    l->fixups[l->n_fixups].bits = (uint8_t)bits;
    l->n_fixups++;
    return 0;
}

/* If the instruction was not written (buffer full), forget the fixup just recorded. */
static void done(struct s390_buf *b, struct s390_label *l, size_t before) {
    if (b->len == before && l->pos < 0 && l->n_fixups > 0 &&
        l->fixups[l->n_fixups - 1].at == before)
        l->n_fixups--;
}

void s390_emit_RIb_label(struct s390_buf *b, enum s390_insn op, int r1, struct s390_label *l) {
    size_t before = b->len;
    s390_emit_RIb(b, op, r1, use(b, l, 16));
    done(b, l, before);
}

void s390_emit_RIc_label(struct s390_buf *b, enum s390_insn op, int m1, struct s390_label *l) {
    size_t before = b->len;
    s390_emit_RIc(b, op, m1, use(b, l, 16));
    done(b, l, before);
}

void s390_emit_RILb_label(struct s390_buf *b, enum s390_insn op, int r1, struct s390_label *l) {
    size_t before = b->len;
    s390_emit_RILb(b, op, r1, use(b, l, 32));
    done(b, l, before);
}

void s390_emit_RILc_label(struct s390_buf *b, enum s390_insn op, int m1, struct s390_label *l) {
    size_t before = b->len;
    s390_emit_RILc(b, op, m1, use(b, l, 32));
    done(b, l, before);
}

void s390_emit_RIEb_label(struct s390_buf *b, enum s390_insn op, int r1, int r2, int m3,
                          struct s390_label *l) {
    size_t before = b->len;
    s390_emit_RIEb(b, op, r1, r2, m3, use(b, l, 16));
    done(b, l, before);
}

void s390_emit_RIEc_label(struct s390_buf *b, enum s390_insn op, int r1, int32_t i2, int m3,
                          struct s390_label *l) {
    size_t before = b->len;
    s390_emit_RIEc(b, op, r1, i2, m3, use(b, l, 16));
    done(b, l, before);
}

void s390_emit_align_patchable(struct s390_buf *b) {
    /* RI2 at 0 or 4 mod 8 (one aligned word) or at 2 mod 8 (inside one aligned doubleword):
     * only an instruction at 4 mod 8 (or odd) needs a pad. */
    while ((b->len % 8 == 4 || b->len % 2) && !b->overflow)
        s390_emit_nopr(b);
}

bool s390_patch_ril(uint8_t *insn, const void *target) {
    int64_t off = (int64_t)((intptr_t)target - (intptr_t)insn);
    uintptr_t field = (uintptr_t)(insn + 2) & 7;
    if ((field & 1) || (off & 1) != 0 || off / 2 < INT32_MIN || off / 2 > INT32_MAX)
        return false;
    uint32_t half = (uint32_t)(off / 2);
    if (field == 6) {
        /* Across two doublewords: no single store; the caller keeps the code from running. */
        uint8_t be[4] = {(uint8_t)(half >> 24), (uint8_t)(half >> 16), (uint8_t)(half >> 8),
                         (uint8_t)half};
        memcpy(insn + 2, be, 4);
        return true;
    }
    if (field == 2) {
        /* The field is bytes 2-5 of an aligned doubleword (the instruction starts it): rewrite
         * the doubleword with one 8-byte store; its other bytes are opcodes, never patched. */
        uint8_t dw[8];
        memcpy(dw, insn, 8);
        dw[2] = (uint8_t)(half >> 24);
        dw[3] = (uint8_t)(half >> 16);
        dw[4] = (uint8_t)(half >> 8);
        dw[5] = (uint8_t)half;
        uint64_t v;
        memcpy(&v, dw, 8);
        __atomic_store_n((uint64_t *)(void *)insn, v, __ATOMIC_RELEASE);
        return true;
    }
    /* The field is big-endian in memory whatever the host; store it as one 32-bit word. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    half = __builtin_bswap32(half);
#endif
    __atomic_store_n((uint32_t *)(void *)(insn + 2), half, __ATOMIC_RELEASE);
    return true;
}
