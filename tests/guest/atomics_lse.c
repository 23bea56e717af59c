// GUEST_CFLAGS: -march=armv8.1-a
/* __atomic builtins compiled for Armv8.1: LSE atomics (LDADD/LDCLR/LDEOR/
 * LDSET, SWP, CAS at every width and ordering, CASPAL) and LDAR/STLR. */
#include <stdint.h>

static unsigned __int128 cas128(unsigned __int128 *p, unsigned __int128 expect,
                                unsigned __int128 desired)
{
    register uint64_t x0 __asm__("x0") = (uint64_t)expect;
    register uint64_t x1 __asm__("x1") = (uint64_t)(expect >> 64);
    register uint64_t x2 __asm__("x2") = (uint64_t)desired;
    register uint64_t x3 __asm__("x3") = (uint64_t)(desired >> 64);
    __asm__ volatile("caspal x0, x1, x2, x3, [%2]" : "+r"(x0), "+r"(x1) : "r"(p), "r"(x2), "r"(x3)
                     : "memory");
    return ((unsigned __int128)x1 << 64) | x0;
}

#include "atomics_body.h"
