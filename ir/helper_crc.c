/* CRC32B/H/W/X and CRC32CB/H/W/X: a = accumulator, b = data, c = size in bytes
 * | 0x100 for the Castagnoli polynomial.  Bit-reflected, as the Arm ARM's
 * pseudocode defines them. */
#include "env.h"

uint64_t helper_crc32(struct ir_env *env, uint64_t acc, uint64_t val, uint64_t c)
{
    (void)env;
    uint32_t poly = (c & 0x100) ? 0x82f63b78u : 0xedb88320u;
    unsigned bytes = (unsigned)(c & 0xff);
    uint32_t crc = (uint32_t)acc;
    for (unsigned i = 0; i < bytes; i++) {
        crc ^= (uint8_t)(val >> (8 * i));
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (poly & (0u - (crc & 1)));
    }
    return crc;
}
