/* Exclusive monitor and LSE atomics on host memory.
 *
 * Every access uses host __atomic operations on the guest's bytes, so guest
 * threads on different host threads see single-copy atomic accesses.  Guest
 * memory is little-endian: values are converted to the host's representation
 * ("raw") before comparing or storing, which on a big-endian host is a byte
 * swap of the access size.  STXR is a compare-and-swap against the value LDXR
 * saw, which cannot tell an ABA change from none; the Arm ARM allows a monitor
 * to be that coarse for user code's purposes. */
#include <stdbool.h>
#include <string.h>

#include "endian.h"
#include "env.h"

typedef unsigned __int128 u128 __attribute__((aligned(16)));

/* Second results of pair operations (LDXP, CASP), read back by pair_hi, and
 * the replacement pair of CASP staged by casp_new: one vCPU per host thread
 * and nothing runs between the calls of one instruction. */
static _Thread_local uint64_t pair_hi;
static _Thread_local uint64_t casp_new_lo, casp_new_hi;

/* Exclusive and atomic accesses must be aligned to their size (an alignment
 * fault on hardware). */
static uint8_t *atomic_ptr(struct ir_env *env, uint64_t addr, unsigned size)
{
    if (addr & (size - 1)) {
        env->exit = IR_EXIT_ALIGN;
        env->exit_info = addr;
        return NULL;
    }
    return ir_guest_ptr(env, addr, size);
}

/* LDAR/STLR/LDAPR: a = address, b = size; raises the alignment fault. */
uint64_t helper_align_check(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    if (a & (b - 1)) {
        env->exit = IR_EXIT_ALIGN;
        env->exit_info = a;
    }
    return 0;
}

/* Guest value <-> host representation of its little-endian bytes (an
 * involution: the same swap both ways). */
static uint64_t le_raw(uint64_t v, unsigned size)
{
    switch (size) {
    case 1: return (uint8_t)v;
    case 2: return ZARM_LE16((uint16_t)v);
    case 4: return ZARM_LE32((uint32_t)v);
    default: return ZARM_LE64(v);
    }
}

static uint64_t load_raw(const uint8_t *p, unsigned size)
{
    switch (size) {
    case 1: return __atomic_load_n(p, __ATOMIC_SEQ_CST);
    case 2: return __atomic_load_n((const uint16_t *)p, __ATOMIC_SEQ_CST);
    case 4: return __atomic_load_n((const uint32_t *)p, __ATOMIC_SEQ_CST);
    default: return __atomic_load_n((const uint64_t *)p, __ATOMIC_SEQ_CST);
    }
}

/* Compare-and-swap of raw values; *expect gets the value found. */
static bool cas_raw(uint8_t *p, unsigned size, uint64_t *expect, uint64_t repl)
{
#define CAS_N(type)                                                                                \
    do {                                                                                           \
        type e = (type)*expect;                                                                    \
        bool ok = __atomic_compare_exchange_n((type *)p, &e, (type)repl, false, __ATOMIC_SEQ_CST,  \
                                              __ATOMIC_SEQ_CST);                                   \
        *expect = e;                                                                               \
        return ok;                                                                                 \
    } while (0)
    switch (size) {
    case 1: CAS_N(uint8_t);
    case 2: CAS_N(uint16_t);
    case 4: CAS_N(uint32_t);
    default: CAS_N(uint64_t);
    }
#undef CAS_N
}

static u128 raw128(uint64_t lo, uint64_t hi)
{
    uint8_t buf[16];
    u128 r;
    st_le64(buf, lo);
    st_le64(buf + 8, hi);
    memcpy(&r, buf, 16);
    return r;
}

static uint64_t split128(u128 r, uint64_t *hi)
{
    uint8_t buf[16];
    memcpy(buf, &r, 16);
    *hi = ld_le64(buf + 8);
    return ld_le64(buf);
}

/* LDXR/LDAXR (and LDXP of two words, as one 8-byte access): a = address,
 * b = size in bytes.  Opens a reservation on [a, a + b). */
uint64_t helper_ldx(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    unsigned size = (unsigned)b;
    uint8_t *p = atomic_ptr(env, a, size);
    if (!p)
        return 0;
    uint64_t v = le_raw(load_raw(p, size), size);
    env->cpu.excl_addr = a;
    env->cpu.excl_size = size;
    env->cpu.excl_val[0] = v;
    return v;
}

/* LDXP/LDAXP of two doublewords: a = address; returns the first, pair_hi the
 * second. */
uint64_t helper_ldxp(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    uint8_t *p = atomic_ptr(env, a, 16);
    if (!p)
        return 0;
    uint64_t hi, lo = split128(__atomic_load_n((u128 *)p, __ATOMIC_SEQ_CST), &hi);
    env->cpu.excl_addr = a;
    env->cpu.excl_size = 16;
    env->cpu.excl_val[0] = lo;
    env->cpu.excl_val[1] = hi;
    pair_hi = hi;
    return lo;
}

/* STXR/STLXR: a = address, b = value, c = size.  Returns the status (0 =
 * stored).  A store that does not match the reservation fails without touching
 * memory, as QEMU does; either way the monitor is open afterwards. */
uint64_t helper_stx(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    unsigned size = (unsigned)c;
    if (env->cpu.excl_size != size || env->cpu.excl_addr != a) {
        env->cpu.excl_size = 0;
        return 1;
    }
    uint8_t *p = atomic_ptr(env, a, size);
    if (!p)
        return 0;
    env->cpu.excl_size = 0;
    uint64_t expect = le_raw(env->cpu.excl_val[0], size);
    return cas_raw(p, size, &expect, le_raw(b, size)) ? 0 : 1;
}

/* STXP/STLXP of two doublewords: a = address, b = first, c = second. */
uint64_t helper_stxp(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    if (env->cpu.excl_size != 16 || env->cpu.excl_addr != a) {
        env->cpu.excl_size = 0;
        return 1;
    }
    uint8_t *p = atomic_ptr(env, a, 16);
    if (!p)
        return 0;
    env->cpu.excl_size = 0;
    u128 expect = raw128(env->cpu.excl_val[0], env->cpu.excl_val[1]);
    return __atomic_compare_exchange_n((u128 *)p, &expect, raw128(b, c), false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST)
               ? 0
               : 1;
}

uint64_t helper_pair_hi(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c) { return pair_hi; }

/* CAS of 1, 2, 4, 8 bytes: a = address, b = compare value, c = new value;
 * returns the old value (zero-extended). */
static uint64_t cas(struct ir_env *env, unsigned size, uint64_t addr, uint64_t expect,
                    uint64_t repl)
{
    uint8_t *p = atomic_ptr(env, addr, size);
    if (!p)
        return 0;
    uint64_t e = le_raw(expect, size);
    cas_raw(p, size, &e, le_raw(repl, size));
    return le_raw(e, size);
}

uint64_t helper_cas1(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    return cas(env, 1, a, b, c);
}
uint64_t helper_cas2(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    return cas(env, 2, a, b, c);
}
uint64_t helper_cas4(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    return cas(env, 4, a, b, c);
}
uint64_t helper_cas8(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    return cas(env, 8, a, b, c);
}

/* CASP of doublewords, in two calls: casp_new(a, b) stages the new pair, then
 * casp(address, compare first, compare second) returns the old first, pair_hi
 * the old second. */
uint64_t helper_casp_new(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    casp_new_lo = a;
    casp_new_hi = b;
    return 0;
}

uint64_t helper_casp(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    uint8_t *p = atomic_ptr(env, a, 16);
    if (!p)
        return 0;
    u128 e = raw128(b, c);
    __atomic_compare_exchange_n((u128 *)p, &e, raw128(casp_new_lo, casp_new_hi), false,
                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return split128(e, &pair_hi);
}

static uint64_t sext(uint64_t v, unsigned size)
{
    unsigned sh = 64 - 8 * size;
    return (uint64_t)((int64_t)(v << sh) >> sh);
}

/* LD<op> and SWP: a = address, b = operand, c = op | size << 8 with op 0-7 the
 * LD<op> opc (ADD CLR EOR SET SMAX SMIN UMAX UMIN) and 8 = SWP.  Returns the
 * old value, zero-extended. */
uint64_t helper_atomic_rmw(struct ir_env *env, uint64_t a, uint64_t b, uint64_t c)
{
    unsigned op = (unsigned)c & 0xff, size = (unsigned)(c >> 8);
    uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    uint8_t *p = atomic_ptr(env, a, size);
    if (!p)
        return 0;
    uint64_t raw = load_raw(p, size);
    for (;;) {
        uint64_t old = le_raw(raw, size), v = b & mask, r;
        switch (op) {
        case 0: r = old + v; break;
        case 1: r = old & ~v; break;
        case 2: r = old ^ v; break;
        case 3: r = old | v; break;
        case 4: r = (int64_t)sext(old, size) > (int64_t)sext(v, size) ? old : v; break;
        case 5: r = (int64_t)sext(old, size) < (int64_t)sext(v, size) ? old : v; break;
        case 6: r = old > v ? old : v; break;
        case 7: r = old < v ? old : v; break;
        default: r = v; break;
        }
        if (cas_raw(p, size, &raw, le_raw(r & mask, size)))
            return old;
    }
}
