/* Integer kernels for the interpreter benchmark, built for arm64 (-O2 -static).
 *   kernels KERNEL ITERATIONS
 * KERNEL: loop (tight ALU loop), array (sum over a 64 KiB array), branchy
 * (data-dependent branches), calls (non-inlined calls and returns).
 * Prints a checksum so the work cannot be optimised away and runs can be
 * compared against qemu-aarch64-static. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t k_loop(uint64_t n)
{
    uint64_t s = 1;
    for (uint64_t i = 0; i < n; i++)
        s = (s ^ i) + (s >> 3);
    return s;
}

static uint32_t arr[16384];
static uint64_t k_array(uint64_t n)
{
    for (unsigned i = 0; i < 16384; i++)
        arr[i] = i * 2654435761u;
    uint64_t s = 0;
    for (uint64_t r = 0; r < n; r++)
        for (unsigned i = 0; i < 16384; i++)
            s += arr[i];
    return s;
}

static uint64_t k_branchy(uint64_t n)
{
    uint64_t steps = 0;
    for (uint64_t i = 1; i <= n; i++) {
        uint64_t x = i;
        while (x != 1) {
            if (x & 1)
                x = 3 * x + 1;
            else
                x >>= 1;
            steps++;
        }
    }
    return steps;
}

__attribute__((noinline)) static uint64_t leaf(uint64_t a, uint64_t b)
{
    __asm__ volatile("");
    return a * 31 + b;
}
__attribute__((noinline)) static uint64_t mid(uint64_t a)
{
    return leaf(a, a >> 2) ^ leaf(a >> 1, 7);
}
static uint64_t k_calls(uint64_t n)
{
    uint64_t s = 0;
    for (uint64_t i = 0; i < n; i++)
        s += mid(i + s);
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s loop|array|branchy|calls ITERATIONS\n", argv[0]);
        return 2;
    }
    uint64_t n = strtoull(argv[2], NULL, 0), r;
    if (!strcmp(argv[1], "loop"))
        r = k_loop(n);
    else if (!strcmp(argv[1], "array"))
        r = k_array(n);
    else if (!strcmp(argv[1], "branchy"))
        r = k_branchy(n);
    else if (!strcmp(argv[1], "calls"))
        r = k_calls(n);
    else
        return 2;
    printf("%s %llu: %llu\n", argv[1], (unsigned long long)n, (unsigned long long)r);
    return 0;
}
