/* Sieve of Eratosthenes up to 2,000,000 (byte array, tight loops). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

int main(void)
{
    unsigned n = OPAQUE(2000000u);
    unsigned char *comp = calloc(n + 1, 1);
    unsigned count = 0, last = 0;
    unsigned long long sum = 0;
    for (unsigned i = 2; i <= n; i++) {
        if (comp[i])
            continue;
        count++;
        last = i;
        sum += i;
        for (unsigned long long j = (unsigned long long)i * i; j <= n; j += i)
            comp[j] = 1;
    }
    printf("primes <= %u: %u, largest %u, sum %llu\n", n, count, last, sum);
    free(comp);
    return 0;
}
