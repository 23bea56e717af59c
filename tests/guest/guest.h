/* Shared helpers for the guest test programs (compiled for arm64 only).
 * Each program describes itself in line comments at the top of its file, read
 * by tests/CMakeLists.txt (a line each, starting with the two slashes):
 *   GUEST_CFLAGS: extra compiler flags
 *   GUEST_ARGS:   arguments the harness passes (split on spaces)
 *   GUEST_STDIN:  file (in tests/guest/) fed on stdin, else /dev/null
 *   GUEST_STATUS: the exit status qemu-aarch64-static must report (default 0)
 * Output must be deterministic: no addresses, times, PIDs or random bytes. */
#ifndef GUEST_H
#define GUEST_H
#include <stdint.h>
#include <stdio.h>

/* Hides a value from the optimiser so -O2 still emits the instruction under
 * test instead of folding it at compile time. */
#define OPAQUE(x)                                                                                  \
    ({                                                                                             \
        __typeof__((void)0, (x)) o_ = (x);                                                                     \
        __asm__ volatile("" : "+r"(o_));                                                           \
        o_;                                                                                        \
    })

/* A fixed-seed generator: the same inputs on every run and every host. */
static uint64_t guest_rng_state = 0x9e3779b97f4a7c15ull;
static inline uint64_t guest_rand(void)
{
    uint64_t x = guest_rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    guest_rng_state = x;
    return x;
}

/* Interesting operands: edges of every width plus random values. */
static const uint64_t guest_edges[] = {
    0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull,
    0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull,
};
#define GUEST_NEDGES (sizeof guest_edges / sizeof guest_edges[0])

/* A running FNV-1a hash so long result streams print as one line. */
static inline uint64_t guest_mix(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 0x100000001b3ull;
    }
    return h;
}
#define GUEST_HASH_INIT 0xcbf29ce484222325ull

/* A double's bits and back. */
static inline uint64_t guest_dbits(double d)
{
    union { double d; uint64_t u; } x = {.d = d};
    return x.u;
}
static inline double guest_dfrom(uint64_t u)
{
    union { double d; uint64_t u; } x = {.u = u};
    return x.d;
}
#endif
