/* -d out_asm for JIT code: capstone SystemZ, with `.long`/`.short` for the instructions
 * capstone 4 does not know (the vector ones, the newer facilities). */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdlib.h>

#include "rt.h"

void rt_log_out_asm_s390(struct zarm_user *u, const struct s390_jit_block *blk)
{
    if (!u->log)
        return;
    csh *h = u->capstone_host;
    if (!h) {
        h = calloc(1, sizeof *h);
        if (!h || cs_open(CS_ARCH_SYSZ, CS_MODE_BIG_ENDIAN, h) != CS_ERR_OK) {
            free(h);
            return;
        }
        u->capstone_host = h;
    }
    rt_log(u, "OUT (s390x): block 0x%" PRIx64 ", %u bytes (%u body)\n", blk->pc, blk->size,
           blk->body_size);
    const uint8_t *p = blk->code, *end = blk->code + blk->size;
    while (p < end) {
        cs_insn *insn;
        size_t n = cs_disasm(*h, p, (size_t)(end - p), (uint64_t)(uintptr_t)p, 1, &insn);
        if (n == 1) {
            rt_log(u, "  0x%" PRIx64 ":  %-8s %s\n", insn->address, insn->mnemonic, insn->op_str);
            p += insn->size;
            cs_free(insn, n);
            continue;
        }
        /* The instruction length is in the first two bits of its opcode. */
        unsigned len = (p[0] >> 6) == 0 ? 2 : (p[0] >> 6) == 3 ? 6 : 4;
        if (len > (size_t)(end - p))
            len = (unsigned)(end - p);
        uint64_t v = 0;
        for (unsigned i = 0; i < len; i++)
            v = v << 8 | p[i];
        rt_log(u, "  0x%" PRIxPTR ":  .long    0x%0*" PRIx64 "\n", (uintptr_t)p, (int)len * 2, v);
        p += len;
    }
}

void rt_disasm_host_close(struct zarm_user *u)
{
    if (u->capstone_host) {
        cs_close(u->capstone_host);
        free(u->capstone_host);
        u->capstone_host = NULL;
    }
}
