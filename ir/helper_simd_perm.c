/* AdvSIMD permutes (Arm ARM C7: UZP/TRN/ZIP, EXT, TBL/TBX).
 * a = SIMD_ARGS(...); b, c as each helper says. */
#include "env.h"
#include "helper_simd.h"

/* b = opcode: 1 UZP1, 2 TRN1, 3 ZIP1, 5 UZP2, 6 TRN2, 7 ZIP2. */
uint64_t helper_simd_perm(struct ir_env *env, uint64_t args, uint64_t op, uint64_t c)
{
    (void)c;
    unsigned esize = 1u << SIMD_SIZE(args), n = (SIMD_Q(args) ? 16 : 8) / esize;
    unsigned part = (op >> 2) & 1;
    zarm_vreg x = env->cpu.v[SIMD_RN(args)], y = env->cpu.v[SIMD_RM(args)], r = {{0, 0}};
    for (unsigned i = 0; i < n; i++) {
        uint64_t v;
        switch (op & 3) {
        case 1: { /* UZP: even (or odd) lanes of the concatenation y:x */
            unsigned j = 2 * i + part;
            v = j < n ? simd_lane(&x, j, esize) : simd_lane(&y, j - n, esize);
            break;
        }
        case 2: /* TRN: lane pairs interleaved */
            v = (i & 1) ? simd_lane(&y, (i & ~1u) + part, esize) : simd_lane(&x, i + part, esize);
            break;
        default: { /* ZIP: the low (or high) halves interleaved */
            unsigned j = part * n / 2 + i / 2;
            v = (i & 1) ? simd_lane(&y, j, esize) : simd_lane(&x, j, esize);
            break;
        }
        }
        simd_set_lane(&r, i, esize, v);
    }
    if (!SIMD_Q(args))
        r.d[1] = 0;
    env->cpu.v[SIMD_RD(args)] = r;
    return 0;
}

/* EXT: bytes from y:x starting at byte b. */
uint64_t helper_simd_ext(struct ir_env *env, uint64_t args, uint64_t pos, uint64_t c)
{
    (void)c;
    unsigned n = SIMD_Q(args) ? 16 : 8;
    zarm_vreg x = env->cpu.v[SIMD_RN(args)], y = env->cpu.v[SIMD_RM(args)], r = {{0, 0}};
    for (unsigned i = 0; i < n; i++) {
        unsigned j = (unsigned)pos + i;
        simd_set_lane(&r, i, 1, j < n ? simd_lane(&x, j, 1) : simd_lane(&y, j - n, 1));
    }
    env->cpu.v[SIMD_RD(args)] = r;
    return 0;
}

/* TBL/TBX: b = number of table registers (1-4) | 8 for TBX.  Table registers
 * are Vn, Vn+1, ... modulo 32; out-of-range indices give 0 (TBL) or keep Vd (TBX). */
uint64_t helper_simd_tbl(struct ir_env *env, uint64_t args, uint64_t b, uint64_t c)
{
    (void)c;
    unsigned regs = (unsigned)b & 7, n = SIMD_Q(args) ? 16 : 8, rn = SIMD_RN(args);
    zarm_vreg idx = env->cpu.v[SIMD_RM(args)], r = env->cpu.v[SIMD_RD(args)];
    zarm_vreg table[4];
    for (unsigned k = 0; k < regs; k++)
        table[k] = env->cpu.v[(rn + k) & 31];
    for (unsigned i = 0; i < n; i++) {
        unsigned j = (unsigned)simd_lane(&idx, i, 1);
        if (j < 16 * regs)
            simd_set_lane(&r, i, 1, simd_lane(&table[j / 16], j % 16, 1));
        else if (!(b & 8))
            simd_set_lane(&r, i, 1, 0);
    }
    if (n == 8)
        r.d[1] = 0;
    env->cpu.v[SIMD_RD(args)] = r;
    return 0;
}
