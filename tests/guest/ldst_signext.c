/* Sign- and zero-extending loads (LDRSB/LDRSH/LDRSW into W and X, LDRB/LDRH)
 * and truncating stores. */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static const int8_t s8[] = {0, 1, -1, 127, -128, 64, -64};
static const int16_t s16[] = {0, 1, -1, 32767, -32768, 0x1234, -0x1234};
static const int32_t s32[] = {0, 1, -1, 0x7fffffff, (int32_t)0x80000000, 0x12345678, -0x12345678};

static uint64_t ldrsb_w(const int8_t *p)
{
    uint64_t r = ~0ull;
    __asm__("ldrsb %w0, [%1]" : "+r"(r) : "r"(p) : "memory");
    return r;
}
static uint64_t ldrsh_w(const int16_t *p)
{
    uint64_t r = ~0ull;
    __asm__("ldrsh %w0, [%1]" : "+r"(r) : "r"(p) : "memory");
    return r;
}

int main(void)
{
    for (unsigned i = 0; i < sizeof s8; i++) {
        const int8_t *p8 = &s8[OPAQUE(i)];
        const int16_t *p16 = &s16[OPAQUE(i)];
        const int32_t *p32 = &s32[OPAQUE(i)];
        int64_t x8 = *p8, x16 = *p16, x32 = *p32;
        int32_t w8 = *p8, w16 = *p16;
        uint64_t z8 = *(const uint8_t *)p8, z16 = *(const uint16_t *)p16;
        uint64_t z32 = *(const uint32_t *)p32;
        printf("%d: x8=%" PRId64 " x16=%" PRId64 " x32=%" PRId64 " w8=%d w16=%d z8=%" PRIu64
               " z16=%" PRIu64 " z32=%" PRIu64 " ldrsb_w=%016" PRIx64 " ldrsh_w=%016" PRIx64 "\n",
               i, x8, x16, x32, w8, w16, z8, z16, z32, ldrsb_w(p8), ldrsh_w(p16));
    }
    volatile uint64_t cell = 0;
    volatile uint8_t *c8 = (volatile uint8_t *)&cell;
    volatile uint16_t *c16 = (volatile uint16_t *)&cell;
    volatile uint32_t *c32 = (volatile uint32_t *)&cell;
    c8[0] = (uint8_t)OPAQUE(0x1ff);
    c8[7] = 0x80;
    c16[1] = (uint16_t)OPAQUE(0x12345);
    c32[1] |= 0x00abcd00;
    printf("little-endian cell %016" PRIx64 "\n", (uint64_t)cell);
    printf("bytes:");
    for (int i = 0; i < 8; i++)
        printf(" %02x", c8[i]);
    printf("\n");
    return 0;
}
