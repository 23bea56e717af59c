/* Arm semantics of the IR's arithmetic, shared by the interpreter, the constant
 * folder and the helpers the JIT calls. */
#ifndef ZARM_IR_SEMANTICS_H
#define ZARM_IR_SEMANTICS_H

#include <stdint.h>

static inline uint32_t sem_ror32(uint32_t a, uint64_t b)
{
    unsigned s = b & 31;
    return s ? (a >> s) | (a << (32 - s)) : a;
}
static inline uint64_t sem_ror64(uint64_t a, uint64_t b)
{
    unsigned s = b & 63;
    return s ? (a >> s) | (a << (64 - s)) : a;
}
static inline uint64_t sem_umulh(uint64_t a, uint64_t b)
{
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}
static inline uint64_t sem_smulh(uint64_t a, uint64_t b)
{
    return (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64);
}
/* Arm integer division: x/0 = 0, INT_MIN/-1 = INT_MIN, no trap. */
static inline uint32_t sem_udiv32(uint32_t a, uint32_t b) { return b ? a / b : 0; }
static inline uint64_t sem_udiv64(uint64_t a, uint64_t b) { return b ? a / b : 0; }
static inline uint32_t sem_sdiv32(uint32_t a, uint32_t b)
{
    if (b == 0)
        return 0;
    if (a == 0x80000000u && b == 0xffffffffu)
        return a;
    return (uint32_t)((int32_t)a / (int32_t)b);
}
static inline uint64_t sem_sdiv64(uint64_t a, uint64_t b)
{
    if (b == 0)
        return 0;
    if (a == 0x8000000000000000ull && b == ~0ull)
        return a;
    return (uint64_t)((int64_t)a / (int64_t)b);
}
/* AddWithCarry() of the Arm ARM, returning only NZCV in bits 31:28. */
static inline uint32_t sem_nzcv_add32(uint32_t a, uint32_t b, uint32_t cin)
{
    uint64_t u = (uint64_t)a + b + cin;
    uint32_t r = (uint32_t)u;
    uint32_t n = r >> 31, z = r == 0, c = (uint32_t)(u >> 32);
    uint32_t v = ((~(a ^ b) & (a ^ r)) >> 31) & 1;
    return n << 31 | z << 30 | c << 29 | v << 28;
}
static inline uint64_t sem_nzcv_add64(uint64_t a, uint64_t b, uint64_t cin)
{
    uint64_t r = a + b + cin;
    uint64_t c = (r < a) || (cin && r == a);
    uint64_t n = r >> 63, z = r == 0;
    uint64_t v = ((~(a ^ b) & (a ^ r)) >> 63) & 1;
    return n << 31 | z << 30 | c << 29 | v << 28;
}
static inline uint32_t sem_nzcv_logic32(uint32_t r) { return (r >> 31) << 31 | (uint32_t)(r == 0) << 30; }
static inline uint64_t sem_nzcv_logic64(uint64_t r) { return (r >> 63) << 31 | (uint64_t)(r == 0) << 30; }
static inline uint32_t sem_clz32(uint32_t a) { return a ? (uint32_t)__builtin_clz(a) : 32; }
static inline uint64_t sem_clz64(uint64_t a) { return a ? (uint64_t)__builtin_clzll(a) : 64; }
static inline uint32_t sem_cls32(uint32_t a) { return sem_clz32((a ^ (a << 1)) | 1) ; }
static inline uint64_t sem_cls64(uint64_t a) { return sem_clz64((a ^ (a << 1)) | 1); }
static inline uint64_t sem_rbit64(uint64_t a)
{
    a = ((a >> 1) & 0x5555555555555555ull) | ((a & 0x5555555555555555ull) << 1);
    a = ((a >> 2) & 0x3333333333333333ull) | ((a & 0x3333333333333333ull) << 2);
    a = ((a >> 4) & 0x0f0f0f0f0f0f0f0full) | ((a & 0x0f0f0f0f0f0f0f0full) << 4);
    return __builtin_bswap64(a);
}
static inline uint32_t sem_rbit32(uint32_t a) { return (uint32_t)(sem_rbit64(a) >> 32); }
static inline uint32_t sem_rev16_32(uint32_t a) { return ((a >> 8) & 0x00ff00ffu) | ((a & 0x00ff00ffu) << 8); }
static inline uint64_t sem_rev16_64(uint64_t a)
{
    return ((a >> 8) & 0x00ff00ff00ff00ffull) | ((a & 0x00ff00ff00ff00ffull) << 8);
}
static inline uint64_t sem_rev32_64(uint64_t a)
{
    return ((uint64_t)__builtin_bswap32((uint32_t)a)) | ((uint64_t)__builtin_bswap32((uint32_t)(a >> 32)) << 32);
}
/* ConditionHolds() for a PSTATE-format NZCV value. */
static inline int sem_cond(uint64_t nzcv, unsigned cond)
{
    unsigned n = (nzcv >> 31) & 1, z = (nzcv >> 30) & 1, c = (nzcv >> 29) & 1, v = (nzcv >> 28) & 1;
    int r;
    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = n == v && !z; break;
    default: r = 1; break;
    }
    if ((cond & 1) && cond != 15)
        r = !r;
    return r;
}
#endif
