// GUEST_CFLAGS: -march=armv8-a -mno-outline-atomics
/* __atomic builtins compiled for Armv8.0: load/store-exclusive loops
 * (LDXR/STXR, LDAXR/STLXR at byte/half/word/double widths, LDAXP/STLXP)
 * and LDAR/STLR. */
#include <stdint.h>

static unsigned __int128 cas128(unsigned __int128 *p, unsigned __int128 expect,
                                unsigned __int128 desired)
{
    uint64_t lo, hi, fail;
    __asm__ volatile("1:\tldaxp %0, %1, [%3]\n\t"
                     "cmp %0, %4\n\tccmp %1, %5, #0, eq\n\tb.ne 2f\n\t"
                     "stlxp %w2, %6, %7, [%3]\n\tcbnz %w2, 1b\n\tb 3f\n"
                     "2:\tstlxp %w2, %0, %1, [%3]\n\tcbnz %w2, 1b\n3:"
                     : "=&r"(lo), "=&r"(hi), "=&r"(fail)
                     : "r"(p), "r"((uint64_t)expect), "r"((uint64_t)(expect >> 64)),
                       "r"((uint64_t)desired), "r"((uint64_t)(desired >> 64))
                     : "cc", "memory");
    return ((unsigned __int128)hi << 64) | lo;
}

#include "atomics_body.h"
