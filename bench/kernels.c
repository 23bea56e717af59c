/* The benchmark workloads (kernels.def), built for arm64 with -O2 -static; the NEON
 * kernel is in kernel_neon.c, built with -O3 so GCC vectorises it.
 *   kernels KERNEL ITERATIONS   runs one kernel, prints "KERNEL N: CHECKSUM"
 *   kernels --list              prints "KERNEL DEFAULT_ITERATIONS" per line
 * The checksum keeps the work from being optimised away and lets a run be compared
 * against qemu-aarch64. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.h"

/* A fixed pseudo-random sequence, so every engine sees the same data. */
static uint32_t lcg(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

uint64_t k_loop(uint64_t n)
{
    uint64_t s = 1;
    for (uint64_t i = 0; i < n; i++)
        s = (s ^ i) + (s >> 3);
    return s;
}

static uint32_t arr[16384];
uint64_t k_array(uint64_t n)
{
    for (unsigned i = 0; i < 16384; i++)
        arr[i] = i * 2654435761u;
    uint64_t s = 0;
    for (uint64_t r = 0; r < n; r++)
        for (unsigned i = 0; i < 16384; i++)
            s += arr[i];
    return s;
}

static unsigned char buf_a[65536], buf_b[65536];
uint64_t k_memops(uint64_t n)
{
    uint64_t s = 0;
    for (uint64_t r = 0; r < n; r++) {
        /* Odd offsets and lengths take libc's unaligned head/tail paths too. */
        size_t off = r & 15, len = sizeof buf_a - 16 - (r & 31);
        memset(buf_a + off, (int)r, len);
        memcpy(buf_b + (r & 7), buf_a + off, len);
        s += (uint64_t)memcmp(buf_a + off, buf_b + (r & 7), len) + buf_b[r & 1023];
    }
    return s;
}

uint64_t k_branchy(uint64_t n)
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

/* A small stack machine, dispatched by a switch as most interpreters are. */
enum op { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR, OP_JNZ, OP_HALT };
static const int32_t bytecode_prog[] = {
    /* acc = 7; i = n; do { acc = (acc * 33 ^ i) + (acc >> 5); i = i - 1; } while (i); */
    OP_PUSH, 7, OP_STORE, 0,
    /* 4: loop */
    OP_LOAD, 0, OP_PUSH, 33, OP_MUL, OP_LOAD, 1, OP_XOR,
    OP_LOAD, 0, OP_PUSH, 5, OP_SHR, OP_ADD, OP_STORE, 0,
    OP_LOAD, 1, OP_PUSH, 1, OP_SUB, OP_STORE, 1,
    OP_LOAD, 1, OP_JNZ, 4,
    OP_HALT,
};
uint64_t k_bytecode(uint64_t n)
{
    uint64_t stack[16], vars[2] = {0, n ? n : 1};
    int sp = 0, pc = 0;
    for (;;) {
        int32_t op = bytecode_prog[pc++];
        switch (op) {
        case OP_PUSH: stack[sp++] = (uint64_t)bytecode_prog[pc++]; break;
        case OP_LOAD: stack[sp++] = vars[bytecode_prog[pc++]]; break;
        case OP_STORE: vars[bytecode_prog[pc++]] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case OP_SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case OP_JNZ: {
            int32_t target = bytecode_prog[pc++];
            if (stack[--sp])
                pc = target;
            break;
        }
        case OP_HALT: return vars[0];
        default: abort();
        }
    }
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
uint64_t k_calls(uint64_t n)
{
    uint64_t s = 0;
    for (uint64_t i = 0; i < n; i++)
        s += mid(i + s);
    return s;
}

__attribute__((noinline)) static uint64_t fib(uint64_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
uint64_t k_fib(uint64_t n)
{
    uint64_t s = 0;
    for (uint64_t i = 0; i < n; i++)
        s += fib(20 + (i & 1));
    return s;
}

uint64_t k_fp(uint64_t n)
{
    /* A damped oscillator stepped with explicit Euler, plus a division and a square root. */
    double x = 1.0, v = 0.0, e = 0.0;
    const double dt = 1e-3, k = 4.0, c = 0.01;
    for (uint64_t i = 0; i < n; i++) {
        double a = -k * x - c * v;
        v += a * dt;
        x += v * dt;
        e += __builtin_sqrt(x * x + v * v) / (1.0 + (double)(i & 7));
    }
    double r = e * 1e6 + x * 1e3;
    return (uint64_t)(r < 0 ? -r : r);
}

static int cmp_u32(uint32_t a, uint32_t b)
{
    return (a > b) - (a < b);
}
static void quicksort(uint32_t *v, long lo, long hi)
{
    while (lo < hi) {
        uint32_t pivot = v[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (cmp_u32(v[i], pivot) < 0)
                i++;
            while (cmp_u32(v[j], pivot) > 0)
                j--;
            if (i <= j) {
                uint32_t t = v[i];
                v[i++] = v[j];
                v[j--] = t;
            }
        }
        /* Recurse into the smaller half so the stack stays shallow. */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
}
static uint32_t sort_v[16384];
uint64_t k_sort(uint64_t n)
{
    uint64_t s = 0;
    uint32_t seed = 12345;
    for (uint64_t r = 0; r < n; r++) {
        for (unsigned i = 0; i < 16384; i++)
            sort_v[i] = lcg(&seed);
        quicksort(sort_v, 0, 16383);
        s += sort_v[r & 16383] ^ sort_v[16383 - (r & 16383)];
    }
    return s;
}

static uint32_t crc_table[256];
uint64_t k_crc(uint64_t n)
{
    /* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320). */
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int b = 0; b < 8; b++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    uint32_t seed = 99;
    for (unsigned i = 0; i < sizeof buf_a; i++)
        buf_a[i] = (unsigned char)lcg(&seed);
    uint64_t s = 0;
    for (uint64_t r = 0; r < n; r++) {
        uint32_t crc = 0xFFFFFFFFu ^ (uint32_t)r;
        uint64_t fnv = 14695981039346656037ull;
        for (unsigned i = 0; i < sizeof buf_a; i++) {
            crc = crc_table[(crc ^ buf_a[i]) & 0xFF] ^ (crc >> 8);
            fnv = (fnv ^ buf_a[i]) * 1099511628211ull;
        }
        s += (crc ^ 0xFFFFFFFFu) ^ fnv;
    }
    return s;
}

static const struct kernel {
    const char *name;
    uint64_t (*fn)(uint64_t);
    uint64_t iterations;
} kernels[] = {
#define KERNEL(name, iterations, what) {#name, k_##name, iterations},
#include "kernels.def"
#undef KERNEL
};

int main(int argc, char **argv)
{
    const size_t count = sizeof kernels / sizeof kernels[0];
    if (argc == 2 && !strcmp(argv[1], "--list")) {
        for (size_t i = 0; i < count; i++)
            printf("%s %llu\n", kernels[i].name, (unsigned long long)kernels[i].iterations);
        return 0;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: %s KERNEL ITERATIONS | --list\n", argv[0]);
        return 2;
    }
    uint64_t n = strtoull(argv[2], NULL, 0);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(argv[1], kernels[i].name))
            continue;
        printf("%s %llu: %llu\n", argv[1], (unsigned long long)n,
               (unsigned long long)kernels[i].fn(n));
        return 0;
    }
    fprintf(stderr, "%s: unknown kernel '%s'\n", argv[0], argv[1]);
    return 2;
}
