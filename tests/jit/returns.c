/* Returns and calls through pointers, many times over: the JIT's indirect-branch probe
 * (backend-s390x/README.md "Block exits and chaining") finds their targets in its cache
 * (probe_hits.sh checks that they rarely go back to the runtime; the output is compared with
 * qemu-aarch64 by jit/.../returns). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static uint64_t leaf(uint64_t a, uint64_t b)
{
    __asm__ volatile("");
    return a * 33 + (b ^ (a >> 7));
}
__attribute__((noinline)) static uint64_t other(uint64_t a, uint64_t b)
{
    __asm__ volatile("");
    return (a ^ b) + 0x9e3779b97f4a7c15ull;
}
static uint64_t (*const table[2])(uint64_t, uint64_t) = {leaf, other};

__attribute__((noinline)) static uint64_t mid(uint64_t a, unsigned i)
{
    /* Two returns into different places of mid, one call through a pointer. */
    return leaf(a, i) ^ table[i & 1](a >> 1, i);
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 10000;
    uint64_t s = 1;
    for (unsigned i = 0; i < n; i++)
        s += mid(s + i, i);
    printf("returns %u: %llx\n", n, (unsigned long long)s);
    return 0;
}
