/* malloc/free/realloc/calloc churn over many sizes, including blocks above
 * the 128 KiB mmap threshold (mmap/munmap/mremap) and brk growth. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define SLOTS 257

int main(void)
{
    static unsigned char *slot[SLOTS];
    static size_t size[SLOTS];
    uint64_t h = GUEST_HASH_INIT;
    for (int round = 0; round < 4000; round++) {
        uint64_t r = guest_rand();
        unsigned i = (unsigned)(r % SLOTS);
        size_t n;
        switch ((r >> 20) % 8) {
        case 0: n = (r >> 32) % 16; break;
        case 1: n = (r >> 32) % 4096; break;
        case 2: n = 128 * 1024 + (r >> 32) % (256 * 1024); break; /* mmap'd */
        default: n = (r >> 32) % 600; break;
        }
        if (slot[i]) {
            /* Check the fill pattern survived, then free or grow. */
            for (size_t k = 0; k < size[i]; k += 97)
                if (slot[i][k] != (unsigned char)(i + k)) {
                    printf("corrupted slot %u at %zu\n", i, k);
                    return 1;
                }
            h = guest_mix(h, size[i]);
            if (r & 1) {
                free(slot[i]);
                slot[i] = NULL;
                continue;
            }
            unsigned char *p = realloc(slot[i], n + 1);
            if (!p)
                return 2;
            size_t keep = size[i] < n + 1 ? size[i] : n + 1;
            for (size_t k = 0; k < keep; k += 97)
                if (p[k] != (unsigned char)(i + k)) {
                    printf("realloc lost data in slot %u\n", i);
                    return 1;
                }
            slot[i] = p;
        } else {
            slot[i] = (r & 2) ? calloc(1, n + 1) : malloc(n + 1);
            if (!slot[i])
                return 2;
            if (r & 2)
                for (size_t k = 0; k <= n; k += 211)
                    if (slot[i][k]) {
                        printf("calloc not zero\n");
                        return 1;
                    }
        }
        size[i] = n + 1;
        for (size_t k = 0; k < size[i]; k++)
            slot[i][k] = (unsigned char)(i + k);
    }
    size_t live = 0;
    for (int i = 0; i < SLOTS; i++) {
        live += slot[i] ? size[i] : 0;
        free(slot[i]);
    }
    /* One huge block, touched at every page. */
    size_t big = 8u << 20;
    unsigned char *p = malloc(big);
    if (!p)
        return 2;
    for (size_t k = 0; k < big; k += 4096)
        p[k] = (unsigned char)(k >> 12);
    unsigned sum = 0;
    for (size_t k = 0; k < big; k += 4096)
        sum += p[k];
    free(p);
    printf("churn hash %016" PRIx64 " live bytes at end %zu big-sum %u\n", h, live, sum);
    return 0;
}
