/* Integer matrix multiply and transpose (nested loops, strided access). */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

#define N 64
static int32_t a[N][N], b[N][N];
static int64_t c[N][N];

int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (int32_t)(guest_rand() % 2001) - 1000;
            b[i][j] = (int32_t)(guest_rand() % 2001) - 1000;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int64_t s = 0;
            for (int k = 0; k < N; k++)
                s += (int64_t)a[i][k] * b[k][j];
            c[i][j] = s;
        }
    uint64_t h = GUEST_HASH_INIT;
    int64_t trace = 0;
    for (int i = 0; i < N; i++) {
        trace += c[i][i];
        for (int j = 0; j < N; j++)
            h = guest_mix(h, (uint64_t)c[j][i]);
    }
    printf("trace %" PRId64 " c[3][5]=%" PRId64 " hash %016" PRIx64 "\n", trace, c[3][5], h);
    return 0;
}
