/* Large stack use: a 4 MiB local array (the stack grows into the guard area
 * the kernel extends on demand), alloca, and deep recursion with big frames. */
#include <alloca.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "guest.h"

static uint64_t deep(int n)
{
    volatile uint8_t frame[2048];
    memset((void *)frame, n & 0xff, sizeof frame);
    if (n == 0)
        return frame[100];
    return deep(n - 1) + frame[(n * 7) % 2048];
}

int main(void)
{
    static const size_t big = 4u << 20;
    volatile uint8_t arr[4u << 20];
    for (size_t i = 0; i < big; i += 4096)
        arr[i] = (uint8_t)(i >> 12);
    uint64_t s = 0;
    for (size_t i = 0; i < big; i += 4096)
        s += arr[i];
    printf("4 MiB local array page sum %" PRIu64 "\n", s);
    size_t n = OPAQUE((size_t)100000);
    uint8_t *a = alloca(n);
    memset(a, 3, n);
    s = 0;
    for (size_t i = 0; i < n; i++)
        s += a[i];
    printf("alloca sum %" PRIu64 "\n", s);
    printf("deep recursion (1000 frames of 2 KiB) %" PRIu64 "\n", deep(OPAQUE(1000)));
    return 0;
}
