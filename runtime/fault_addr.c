/* The exact address of a host fault in zarm's own code (the interpreter's guest
 * accesses).  x86_64 and arm64 report it in si_addr; s390x reports only the page
 * (the translation-exception identification holds the page address), so there the
 * faulting instruction's storage operands are recomputed from the registers: a
 * page-translation exception nullifies the instruction, so they hold their inputs. */
#include <stdint.h>
#include <ucontext.h>

#include "rt.h"

#if defined(__s390x__)

static uint64_t reg(const ucontext_t *uc, unsigned r)
{
    /* Register 0 as base or index means "none". */
    return r ? uc->uc_mcontext.gregs[r] : 0;
}

/* Storage operand of a base-displacement field at p (B in the high nibble of p[0],
 * D in the next 12 bits), with index x and an optional 8-bit high displacement. */
static uint64_t bd(const ucontext_t *uc, const uint8_t *p, uint64_t x, int dh, bool long_disp)
{
    int64_t d = ((p[0] & 15) << 8) | p[1];
    if (long_disp)
        d |= (int64_t)(int8_t)dh * 4096;
    return x + reg(uc, p[0] >> 4) + (uint64_t)d;
}

/* The candidate operand addresses of the instruction at pc (up to two). */
static int operands(const ucontext_t *uc, const uint8_t *i, uint64_t out[2])
{
    uint8_t op = i[0];
    switch (op) {
    case 0xe3: /* RXY: loads and stores, byte-reversed ones included */
        out[0] = bd(uc, i + 2, reg(uc, i[1] & 15), i[4], true);
        return 1;
    case 0xeb: /* RSY/SIY: LMG, STMG, MVIY... */
        out[0] = bd(uc, i + 2, 0, i[4], true);
        return 1;
    case 0xe7: /* VRX: VL, VST, VLREP, VLE*, VSTE* */
        out[0] = bd(uc, i + 2, reg(uc, i[1] & 15), 0, false);
        return 1;
    case 0xe5: /* SIL: MVHI, MVHHI, MVGHI */
        out[0] = bd(uc, i + 2, 0, 0, false);
        return 1;
    }
    if (op >= 0xd0 && op <= 0xdf) { /* SS: MVC, CLC, XC... */
        out[0] = bd(uc, i + 2, 0, 0, false);
        out[1] = bd(uc, i + 4, 0, 0, false);
        return 2;
    }
    if (op >= 0x40 && op <= 0x7f) { /* RX */
        out[0] = bd(uc, i + 2, reg(uc, i[1] & 15), 0, false);
        return 1;
    }
    if (op >= 0x86 && op <= 0x9f) { /* RS/SI: LM, STM, MVI, TM... */
        out[0] = bd(uc, i + 2, 0, 0, false);
        return 1;
    }
    return 0;
}

uintptr_t rt_host_fault_addr(void *ucontext, uintptr_t reported)
{
    const ucontext_t *uc = ucontext;
    const uint8_t *pc = (const uint8_t *)uc->uc_mcontext.psw.addr;
    uint64_t page = reported & ~(uint64_t)(RT_PAGE - 1), cand[2];
    int n = operands(uc, pc, cand);
    for (int k = 0; k < n; k++) {
        if (cand[k] >= page && cand[k] < page + RT_PAGE)
            return (uintptr_t)cand[k];
        /* An access that starts on the page before faults at this page's first byte. */
        if (cand[k] < page && page - cand[k] < 256)
            return (uintptr_t)page;
    }
    return reported;
}

#else

uintptr_t rt_host_fault_addr(void *ucontext, uintptr_t reported)
{
    (void)ucontext;
    return reported;
}

#endif
