/* Running generated code: the call through the entry trampoline, and the host fault handler's
 * hook that turns a fault of a guest access into that access's precise-fault stub. */
#include <ucontext.h>

#include "backend-s390x/jit_internal.h"

static __thread struct s390_jit *active;
/* The last fault in generated code retried for a page flip, and the flip count it saw. */
static __thread uintptr_t retry_pc;
static __thread uint32_t retry_seq;

bool s390_jit_available(const char **why_not)
{
    const char *err = NULL;
    if (!s390_host_facilities(&err)) {
        if (why_not)
            *why_not = err ? err : "the host lacks the z196 facilities the JIT needs";
        return false;
    }
    if (why_not)
        *why_not = NULL;
    return true;
}

uint64_t s390_jit_run(struct s390_jit *j, struct ir_env *env, struct s390_jit_block *blk)
{
    typedef uint64_t (*enter_fn)(struct ir_env *, const void *);
    active = j;
    uint64_t r = ((enter_fn)j->enter)(env, blk->code);
    active = NULL;
    return r;
}

bool s390_jit_fault_redirect(void *ucontext)
{
    ucontext_t *uc = ucontext;
    struct s390_jit *j = active;
    if (!j)
        return false;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.psw.addr;
    if (pc - (uintptr_t)j->code >= j->code_size)
        return false;
    /* Another thread may have made this page writable for a moment (a patch, a block copied
     * in next to running code): wait for the flip to end and re-execute.  The same pc faulting
     * again with no flip in between is a fault of the guest access there. */
    uint32_t seq;
    while ((seq = __atomic_load_n(&j->flip_seq, __ATOMIC_ACQUIRE)) & 1)
        ;
    if (pc != retry_pc || seq != retry_seq) {
        retry_pc = pc;
        retry_seq = seq;
        return true;
    }
    retry_pc = 0;
    struct s390_jit_block *blk = s390_jit_find(j, pc);
    if (!blk)
        return false;
    /* The PSW designates the faulting access (Linux rewinds a suppressed one) or, where it was
     * not rewound, the instruction after it: the last access starting at or before it, which
     * for two adjacent accesses is the one the PSW designates, not the one ending there. */
    uint32_t off = (uint32_t)(pc - (uintptr_t)blk->code);
    uint32_t lo = 0, hi = blk->nfaults;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (blk->fault[mid].off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo || off > blk->fault[lo - 1].off + blk->fault[lo - 1].len)
        return false;
    uc->uc_mcontext.psw.addr = (uintptr_t)blk->code + blk->fault[lo - 1].stub_off;
    return true;
}
