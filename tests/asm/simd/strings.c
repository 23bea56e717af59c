#define _GNU_SOURCE
/* glibc's string and memory functions (their AdvSIMD implementations) over
 * every length 0..200 and source/destination alignment 0..15, plus printf of
 * floating point; prints a checksum per function and some formatted values. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t buf_a[1024] __attribute__((aligned(64)));
static uint8_t buf_b[1024] __attribute__((aligned(64)));

static uint64_t h = 1469598103934665603ull;
static void mix(uint64_t v) { h = (h ^ v) * 1099511628211ull; }
static void mixp(const void *p, const void *base) { mix(p ? (uint64_t)((const char *)p - (const char *)base) : ~0ull); }

static void fill(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(1 + (i * 7 + seed) % 251);
}

int main(void)
{
    const char *names[] = {"memcpy", "memmove", "memset", "memchr", "memrchr", "strlen", "strnlen",
                           "strchr", "strrchr", "strchrnul", "strcmp", "strncmp", "memcmp",
                           "strcpy", "stpcpy", "rawmemchr", "strcat", "strstr"};
    for (unsigned f = 0; f < sizeof names / sizeof names[0]; f++) {
        h = 1469598103934665603ull;
        for (unsigned len = 0; len <= 200; len += (len < 40 ? 1 : 7))
            for (unsigned al = 0; al < 16; al++) {
                unsigned bl = (al * 5) % 16;
                uint8_t *a = buf_a + al, *b = buf_b + bl;
                fill(buf_a, sizeof buf_a, len);
                fill(buf_b, sizeof buf_b, len);
                a[len] = 0;
                b[len] = 0;
                switch (f) {
                case 0: memcpy(b, a, len); break;
                case 1: memmove(a + (al & 3), a, len); memmove(b, b + (al & 5), len); break;
                case 2: memset(b, (int)(al * 17), len); break;
                case 3: mixp(memchr(a, a[len / 2], len), a); mixp(memchr(a, 0x100 - 1, len), a); break;
                case 4: mixp(memrchr(a, a[len / 3], len), a); break;
                case 5: mix(strlen((char *)a)); break;
                case 6: mix(strnlen((char *)a, len / 2)); mix(strnlen((char *)a, len + 5)); break;
                case 7: mixp(strchr((char *)a, a[len / 2]), a); mixp(strchr((char *)a, 0xfe), a); break;
                case 8: mixp(strrchr((char *)a, a[len / 4]), a); mixp(strrchr((char *)a, 0), a); break;
                case 9: mixp(strchrnul((char *)a, 0xfd), a); break;
                case 10:
                    memcpy(b, a, len + 1);
                    mix((uint64_t)(strcmp((char *)a, (char *)b) > 0));
                    if (len) b[len - 1] ^= 0x40;
                    mix((uint64_t)(int64_t)(strcmp((char *)a, (char *)b) < 0));
                    break;
                case 11:
                    memcpy(b, a, len + 1);
                    if (len > 3) b[len - 3]++;
                    mix((uint64_t)(strncmp((char *)a, (char *)b, len) < 0));
                    mix((uint64_t)(strncmp((char *)a, (char *)b, len / 2) == 0));
                    break;
                case 12:
                    memcpy(b, a, len);
                    mix((uint64_t)(memcmp(a, b, len) == 0));
                    if (len) b[len / 2] += 3;
                    mix((uint64_t)(memcmp(a, b, len) < 0));
                    break;
                case 13: strcpy((char *)b, (char *)a); break;
                case 14: mixp(stpcpy((char *)b, (char *)a), b); break;
                case 15: mixp(rawmemchr(a, a[len]), a); break;
                case 16: b[len / 2] = 0; strcat((char *)b, (char *)a); break;
                case 17: mixp(strstr((char *)a, (char *)a + len / 2), a); break;
                }
                for (unsigned i = 0; i < 300; i++)
                    mix(buf_a[i] | (uint64_t)buf_b[i] << 8);
            }
        printf("%-10s %016llx\n", names[f], (unsigned long long)h);
    }
    char *p = malloc(1000);
    snprintf(p, 1000, "%g %e %.17g %f %a %.3f %g", 1.0 / 3, 6.02214076e23, 0.1, -2.5, 1.75,
             1e-5, 1e300 * 10);
    puts(p);
    printf("%s|%10.4s|%-8d|%x|%lld\n", "hello", "world", -42, 0xbeef, (long long)-1 << 40);
    free(p);
    return 0;
}
