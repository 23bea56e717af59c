/* -d in_asm: guest code through capstone (Armv8.0 only in Debian's capstone 4;
 * words it does not know are printed as .inst). */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdlib.h>

#include "ir/endian.h"
#include "rt.h"

void rt_log_in_asm(struct zarm_user *u, uint64_t pc, uint64_t len, uint32_t gap_at,
                   uint32_t gap_len)
{
    if (!u->capstone) {
        csh *h = calloc(1, sizeof *h);
        if (!h || cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, h) != CS_ERR_OK) {
            free(h);
            return;
        }
        u->capstone = h;
    }
    csh h = *(csh *)u->capstone;
    rt_log(u, "IN:\n");
    for (uint64_t a = pc; a < pc + len; a += 4) {
        if (gap_len && a == pc + gap_at)
            a += gap_len;
        if (!rt_mem_range_mapped(&u->mem, a, 4))
            break;
        const uint8_t *p = rt_g2h(&u->mem, a);
        cs_insn *insn;
        size_t n = cs_disasm(h, p, 4, a, 1, &insn);
        if (n == 1) {
            rt_log(u, "0x%016" PRIx64 ":  %08x      %s %s\n", a, ld_le32(p), insn->mnemonic,
                   insn->op_str);
            cs_free(insn, n);
        } else {
            rt_log(u, "0x%016" PRIx64 ":  %08x      .inst 0x%08x\n", a, ld_le32(p), ld_le32(p));
        }
    }
    rt_log(u, "\n");
}

void rt_disasm_close(struct zarm_user *u)
{
    if (u->capstone) {
        cs_close((csh *)u->capstone);
        free(u->capstone);
        u->capstone = NULL;
    }
}
