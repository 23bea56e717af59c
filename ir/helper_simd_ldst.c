/* LD1-LD4/ST1-ST4 (multiple structures, single lane) and LD1R-LD4R.  The whole
 * contiguous range is checked first, so a fault changes neither memory nor
 * registers.  a = address, b = SIMD_LDST_DESC(...). */
#include "endian.h"
#include "env.h"
#include "helper_simd.h"

uint64_t helper_simd_ldst_struct(struct ir_env *env, uint64_t addr, uint64_t desc, uint64_t c)
{
    (void)c;
    unsigned rt = desc & 31, load = (desc >> 5) & 1, q = (desc >> 6) & 1;
    unsigned size = (desc >> 7) & 3, kind = (desc >> 9) & 3, selem = (desc >> 11) & 7;
    unsigned rpt = (desc >> 14) & 7, index = (desc >> 17) & 15;
    unsigned esize = 1u << size, elements = (q ? 16u : 8u) >> size;
    unsigned total = kind == SIMD_LDST_MULTI ? rpt * selem * elements * esize : selem * esize;
    uint8_t *p = ir_guest_ptr(env, addr, total);
    if (!p)
        return 0;
    zarm_vreg *v = env->cpu.v;
    unsigned off = 0;
    switch (kind) {
    case SIMD_LDST_MULTI:
        for (unsigned r = 0; r < rpt; r++) {
            if (load && !q)
                for (unsigned s = 0; s < selem; s++)
                    v[(rt + r + s) & 31].d[1] = 0;
            for (unsigned e = 0; e < elements; e++)
                for (unsigned s = 0; s < selem; s++, off += esize) {
                    zarm_vreg *reg = &v[(rt + r + s) & 31];
                    if (load)
                        simd_set_lane(reg, e, esize, ld_le(p + off, esize));
                    else
                        st_le(p + off, simd_lane(reg, e, esize), esize);
                }
        }
        break;
    case SIMD_LDST_SINGLE:
        for (unsigned s = 0; s < selem; s++, off += esize) {
            zarm_vreg *reg = &v[(rt + s) & 31];
            if (load)
                simd_set_lane(reg, index, esize, ld_le(p + off, esize));
            else
                st_le(p + off, simd_lane(reg, index, esize), esize);
        }
        break;
    default: /* replicate */
        for (unsigned s = 0; s < selem; s++, off += esize) {
            zarm_vreg *reg = &v[(rt + s) & 31];
            uint64_t x = ld_le(p + off, esize);
            reg->d[1] = 0;
            for (unsigned e = 0; e < elements; e++)
                simd_set_lane(reg, e, esize, x);
        }
        break;
    }
    return 0;
}
