/* glibc's string functions (hand-written Arm64 assembly, some using SIMD) on
 * many alignments and lengths: strlen memcpy memmove memset strchr strrchr
 * strcmp strncmp memcmp strstr memchr strcpy. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "guest.h"

static char src[512 + 64], dst[512 + 64];

static uint64_t hash_buf(const char *p, size_t n)
{
    uint64_t h = GUEST_HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = guest_mix(h, (unsigned char)p[i]);
    return h;
}

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void)
{
    uint64_t h = GUEST_HASH_INIT;
    for (size_t i = 0; i < sizeof src; i++)
        src[i] = (char)('a' + (i * 7) % 26);
    static const size_t lens[] = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 255, 256, 300, 511};
    for (unsigned li = 0; li < sizeof lens / sizeof lens[0]; li++) {
        size_t n = lens[li];
        for (size_t sa = 0; sa < 16; sa += 3)
            for (size_t da = 0; da < 16; da += 5) {
                memset(dst, '#', sizeof dst);
                memcpy(dst + da, src + sa, n);
                h = guest_mix(h, hash_buf(dst, sizeof dst));
                dst[da + n] = 0;
                h = guest_mix(h, strlen(dst + da));
                memmove(dst + da + 1, dst + da, n);
                h = guest_mix(h, hash_buf(dst, sizeof dst));
                memset(dst + sa, (int)n, n);
                h = guest_mix(h, hash_buf(dst, sizeof dst));
            }
        /* Comparisons that differ at each position, and equal ones. */
        memcpy(dst, src, n + 1);
        h = guest_mix(h, (uint64_t)sgn(memcmp(dst, src, n)));
        if (n) {
            dst[n - 1] ^= 1;
            h = guest_mix(h, (uint64_t)sgn(memcmp(dst, src, n)));
            dst[n] = 0;
            char save = src[n];
            src[n] = 0;
            h = guest_mix(h, (uint64_t)sgn(strcmp(dst, src)));
            h = guest_mix(h, (uint64_t)sgn(strncmp(dst, src, n - 1)));
            src[n] = save;
        }
    }
    printf("mem/str hash %016" PRIx64 "\n", h);
    char text[] = "the quick brown fox jumps over the lazy dog; the end";
    for (unsigned off = 0; off < 8; off++) {
        char *t = text + off;
        char *c = strchr(t, 'o'), *r = strrchr(t, 'e'), *s = strstr(t, "the"), *m = memchr(t, 'z', strlen(t));
        printf("off %u: len=%zu strchr(o)=%td strrchr(e)=%td strstr(the)=%td memchr(z)=%td strchr(0)=%td\n",
               off, strlen(t), c ? c - t : -1, r ? r - t : -1, s ? s - t : -1, m ? m - t : -1,
               strchr(t, 0) - t);
    }
    printf("strstr miss=%d strcmp order=%d,%d,%d\n", strstr(text, "cat") == NULL,
           sgn(strcmp("abc", "abd")), sgn(strcmp("b", "a")), sgn(strcmp("same", "same")));
    char copy[64];
    strcpy(copy, "copied");
    strcat(copy, " and concatenated");
    printf("%s (%zu) spn=%zu cspn=%zu\n", copy, strlen(copy), strspn(copy, "cdeiop"),
           strcspn(copy, " "));
    return 0;
}
