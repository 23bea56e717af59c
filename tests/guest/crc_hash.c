/* Table-driven CRC-32, Adler-32, FNV-1a and a 64-bit murmur-style mix over
 * generated data (byte loads, shifts, XOR, table lookups). */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static uint32_t table[256];

int main(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    static uint8_t data[100000];
    for (unsigned i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(guest_rand() >> 24);
    uint32_t crc = ~0u, a = 1, b = 0, fnv = 2166136261u;
    uint64_t m = 0;
    for (unsigned i = 0; i < sizeof data; i++) {
        crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
        a = (a + data[i]) % 65521;
        b = (b + a) % 65521;
        fnv = (fnv ^ data[i]) * 16777619u;
        m ^= data[i];
        m *= 0xff51afd7ed558ccdull;
        m ^= m >> 33;
    }
    printf("crc32 %08x adler32 %08x fnv1a %08x mix %016" PRIx64 "\n", ~crc, (b << 16) | a, fnv, m);
    const char *s = "123456789";
    crc = ~0u;
    for (; *s; s++)
        crc = table[(crc ^ (uint8_t)*s) & 0xff] ^ (crc >> 8);
    printf("crc32(\"123456789\") = %08x (check cbf43926)\n", ~crc);
    return 0;
}
