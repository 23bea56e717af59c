/* The body shared by atomics_llsc.c and atomics_lse.c: the same C, compiled
 * for Armv8.0 (exclusives) and Armv8.1 (LSE). Needs cas128() from the includer. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static uint8_t v8;
static uint16_t v16;
static uint32_t v32;
static uint64_t v64;
static unsigned __int128 v128;

int main(void)
{
    uint64_t h = GUEST_HASH_INIT;
    for (int i = 0; i < 100; i++) {
        uint64_t r = guest_rand();
        h = guest_mix(h, __atomic_fetch_add(&v8, (uint8_t)r, __ATOMIC_SEQ_CST));
        h = guest_mix(h, __atomic_fetch_sub(&v16, (uint16_t)r, __ATOMIC_ACQ_REL));
        h = guest_mix(h, __atomic_fetch_or(&v32, (uint32_t)r, __ATOMIC_RELAXED));
        h = guest_mix(h, __atomic_fetch_xor(&v64, r, __ATOMIC_RELEASE));
        h = guest_mix(h, __atomic_fetch_and(&v32, (uint32_t)(r >> 7) | 0x10101, __ATOMIC_ACQUIRE));
        h = guest_mix(h, __atomic_exchange_n(&v16, (uint16_t)(r >> 20), __ATOMIC_SEQ_CST));
        uint64_t expect = __atomic_load_n(&v64, __ATOMIC_ACQUIRE);
        int ok = __atomic_compare_exchange_n(&v64, &expect, expect + 1, 0, __ATOMIC_SEQ_CST,
                                             __ATOMIC_RELAXED);
        h = guest_mix(h, (uint64_t)ok);
        uint32_t wrong = 12345;
        ok = __atomic_compare_exchange_n(&v32, &wrong, 0, 1, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        h = guest_mix(h, (uint64_t)ok ^ wrong);
        h = guest_mix(h, __atomic_add_fetch(&v8, 1, __ATOMIC_SEQ_CST));
        __atomic_store_n(&v8, (uint8_t)(r >> 56), __ATOMIC_RELEASE);
    }
    /* 128-bit compare-and-swap (LDAXP/STLXP loop or CASPAL). */
    cas128(&v128, 0, ((unsigned __int128)7 << 64) | 9);
    unsigned __int128 got = cas128(&v128, 1, 2); /* fails: returns the value */
    printf("v8=%u v16=%u v32=%08x v64=%016" PRIx64 " v128 seen %016" PRIx64 ":%016" PRIx64 "\n",
           v8, v16, v32, v64, (uint64_t)(got >> 64), (uint64_t)got);
    printf("hash %016" PRIx64 "\n", h);
    return 0;
}
