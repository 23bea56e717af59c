/* Time-independent libc conversions: snprintf, strtol/strtoul/strtoll with
 * bases and end pointers, atoi/atol, sscanf with integers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    const char *in[] = {"0", "42", "-42", "  +17xyz", "0x7fffffff", "0777", "zz", "-9223372036854775808",
                        "18446744073709551615", "1e5", "  -0x10"};
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        char *end;
        errno = 0;
        long a = strtol(in[i], &end, 0);
        int ea = errno;
        long b = strtol(in[i], NULL, 10);
        unsigned long long c = strtoull(in[i], NULL, 16);
        long long d = strtoll(in[i], NULL, 36);
        printf("[%s] base0=%ld end=%td errno=%d base10=%ld base16=%llu base36=%lld atoi=%d atol=%ld\n",
               in[i], a, end - in[i], ea, b, c, d, atoi(in[i]), atol(in[i]));
    }
    int x, y, n;
    unsigned u;
    long long ll;
    char word[16];
    int got = sscanf("12 -34 0x1F 077 9876543210 tail", "%d %i %x %o %lld %15s%n", &x, &y, &u, &n, &ll, word, &n);
    printf("sscanf got=%d x=%d y=%d u=%u ll=%lld word=%s consumed=%d\n", got, x, y, u, ll, word, n);
    got = sscanf("7,8;9", "%d,%d;%d", &x, &y, &n);
    printf("sscanf separators got=%d %d %d %d\n", got, x, y, n);
    got = sscanf("abc", "%d", &x);
    printf("sscanf no match got=%d\n", got);
    char buf[64];
    int len = snprintf(buf, sizeof buf, "%05d|%-5x|%+lld|%s", 42, 255u, -7ll, "end");
    printf("snprintf len=%d [%s]\n", len, buf);
    len = snprintf(NULL, 0, "%d", 123456789);
    printf("snprintf measure=%d\n", len);
    printf("labs=%ld llabs=%lld div=%d,%d\n", labs(-5), llabs(-6), div(17, -5).quot, div(17, -5).rem);
    return 0;
}
