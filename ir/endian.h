/* Little-endian guest memory accessors, correct on either host byte order. */
#ifndef ZARM_IR_ENDIAN_H
#define ZARM_IR_ENDIAN_H

#include <stdint.h>
#include <string.h>

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ZARM_LE16(x) __builtin_bswap16(x)
#define ZARM_LE32(x) __builtin_bswap32(x)
#define ZARM_LE64(x) __builtin_bswap64(x)
#else
#define ZARM_LE16(x) (x)
#define ZARM_LE32(x) (x)
#define ZARM_LE64(x) (x)
#endif

static inline uint16_t ld_le16(const void *p) { uint16_t v; memcpy(&v, p, 2); return ZARM_LE16(v); }
static inline uint32_t ld_le32(const void *p) { uint32_t v; memcpy(&v, p, 4); return ZARM_LE32(v); }
static inline uint64_t ld_le64(const void *p) { uint64_t v; memcpy(&v, p, 8); return ZARM_LE64(v); }
static inline void st_le16(void *p, uint16_t v) { v = ZARM_LE16(v); memcpy(p, &v, 2); }
static inline void st_le32(void *p, uint32_t v) { v = ZARM_LE32(v); memcpy(p, &v, 4); }
static inline void st_le64(void *p, uint64_t v) { v = ZARM_LE64(v); memcpy(p, &v, 8); }

/* Loads `size` (1, 2, 4, 8) bytes, zero-extended. */
static inline uint64_t ld_le(const void *p, unsigned size)
{
    switch (size) {
    case 1: return *(const uint8_t *)p;
    case 2: return ld_le16(p);
    case 4: return ld_le32(p);
    default: return ld_le64(p);
    }
}
static inline void st_le(void *p, uint64_t v, unsigned size)
{
    switch (size) {
    case 1: *(uint8_t *)p = (uint8_t)v; break;
    case 2: st_le16(p, (uint16_t)v); break;
    case 4: st_le32(p, (uint32_t)v); break;
    default: st_le64(p, v); break;
    }
}
#endif
