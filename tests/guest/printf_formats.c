/* printf of integers in every format and width: %d %i %u %x %X %o %c %s %p(NULL)
 * %ld %lld %hhd %hd %zu %jd, flags, field widths and precisions, %n. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include "guest.h"

int main(void)
{
    const long long vals[] = {0, 1, -1, 42, -42, 255, 65535, INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN,
                              0x123456789abcll};
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        long long v = OPAQUE(vals[i]);
        printf("[%d] [%i] [%u] [%x] [%X] [%o] [%lld] [%llu] [%llx] [%hhd] [%hu] [%hhx]\n", (int)v,
               (int)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, v,
               (unsigned long long)v, (unsigned long long)v, (signed char)v, (unsigned short)v,
               (unsigned char)v);
        printf("[%12d] [%-12d] [%012d] [%+d] [% d] [%#x] [%#o] [%.5d] [%8.3d] [%-+8d] [%*d] [%-*d]\n",
               (int)v, (int)v, (int)v, (int)v, (int)v, (unsigned)v, (unsigned)v, (int)v, (int)v,
               (int)v, 7, (int)v, 6, (int)v);
    }
    size_t z = OPAQUE((size_t)123456789);
    intmax_t j = OPAQUE((intmax_t)-987654321987ll);
    ptrdiff_t t = OPAQUE((ptrdiff_t)-5);
    printf("zu=%zu zx=%zx jd=%jd td=%td\n", z, z, j, t);
    printf("PRI: %" PRId8 " %" PRIu16 " %" PRIx32 " %" PRId64 " %" PRIX64 "\n", (int8_t)-8,
           (uint16_t)65000, (uint32_t)0xdeadbeef, (int64_t)-1, (uint64_t)0xabcdefull);
    printf("c=[%c%c%c] s=[%s] [%10s] [%-10s] [%.3s] null-p=[%p] pct=[%%]\n", 'z', 'a', 'r', "arm",
           "right", "left", "truncate", (void *)0);
    int n1 = 0, n2 = 0;
    printf("count%n me%n\n", &n1, &n2);
    printf("n1=%d n2=%d\n", n1, n2);
    fprintf(stderr, "stderr: %d %s\n", -17, "ok");
    char buf[16];
    int len = snprintf(buf, OPAQUE(sizeof buf), "%d-%d-%d-%d", 1111, 2222, 3333, 4444);
    printf("snprintf truncated len=%d buf=[%s]\n", len, buf);
    return 0;
}
