/* straight PASSES: calls bench_straight (straight.S) PASSES times and prints a checksum.
 * PASSES 0 is the start-up baseline, 1 translates and runs each instruction once, 2 runs them
 * once more from the translation cache. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

uint64_t bench_straight(uint64_t *buf);
extern const uint64_t bench_straight_insns;

int main(int argc, char **argv)
{
    static uint64_t buf[4] = {1, 2, 3, 4};
    long passes = argc > 1 ? strtol(argv[1], NULL, 0) : 1;
    uint64_t s = 0;
    for (long i = 0; i < passes; i++)
        s += bench_straight(buf);
    printf("straight %ld x %llu insns: %llu\n", passes, (unsigned long long)bench_straight_insns,
           (unsigned long long)s);
    return 0;
}
