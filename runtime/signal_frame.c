/* The arm64 signal frame, laid out as Linux's arch/arm64/kernel/signal.c does:
 *
 *   struct rt_sigframe { siginfo_t info (128); struct ucontext uc; }
 *   ucontext: uc_flags, uc_link, uc_stack (24), uc_sigmask (8, padded to the
 *             kernel's 128-byte sigset), uc_mcontext (16-aligned) =
 *   sigcontext: fault_address, regs[31], sp, pc, pstate, __reserved[4096] (16-aligned)
 *             holding fpsimd_context (magic 0x46508001, size 528) and a null terminator;
 *
 * then, above the frame, the frame record {fp, lr} that x29 points to.  Guest memory is
 * little-endian: every field is stored with ir/endian.h. */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "hw.h"
#include "ir/endian.h"
#include "rt.h"
#include "signals.h"

/* Offsets in struct rt_sigframe (uapi asm/ucontext.h, asm/sigcontext.h). */
#define UC 128                       /* struct ucontext after the siginfo */
#define UC_FLAGS (UC + 0)
#define UC_LINK (UC + 8)
#define UC_STACK (UC + 16)           /* stack_t: ss_sp, ss_flags (+pad), ss_size */
#define UC_SIGMASK (UC + 40)
#define MC (UC + 176)                /* uc_mcontext, after the 128-byte sigset, 16-aligned */
#define MC_FAULT (MC + 0)
#define MC_REGS (MC + 8)
#define MC_SP (MC + 256)
#define MC_PC (MC + 264)
#define MC_PSTATE (MC + 272)
#define MC_RESERVED (MC + 288)
#define RESERVED_SIZE 4096
#define FRAME_SIZE (MC_RESERVED + RESERVED_SIZE) /* sizeof(struct rt_sigframe) = 4688 */
#define G_FPSIMD_MAGIC 0x46508001u
#define FPSIMD_SIZE 528              /* head (8), fpsr, fpcr, vregs[32] from offset 16 */
#define G_ESR_MAGIC 0x45535201u
#define G_EXTRA_MAGIC 0x45585401u

#define G_SS_ONSTACK 1
#define G_SS_DISABLE 2
#define G_SS_AUTODISARM (1u << 31)

static bool on_altstack(const struct rt_thread *t, uint64_t sp)
{
    return t->altstack_size && sp - t->altstack_sp <= t->altstack_size;
}

/* The sigreturn trampoline the handler returns to without SA_RESTORER (the kernel's
 * vDSO sigtramp; zarm has no vDSO; arm64 glibc never sets SA_RESTORER): one page of its
 * own, mapped before the guest runs so that it never lands in a hole the guest makes. */
uint64_t rt_signal_frame_init(struct zarm_user *u)
{
    if (u->sig.trampoline)
        return u->sig.trampoline;
    uint64_t at = rt_mem_find_free(&u->mem, RT_PAGE, 0);
    if (!at || rt_mem_map(&u->mem, at, RT_PAGE, PROT_READ | PROT_WRITE, "[sigpage]") != 0)
        return 0;
    uint8_t *p = rt_g2h(&u->mem, at);
    st_le32(p, 0xd2801168u);     /* mov x8, #139 (rt_sigreturn) */
    st_le32(p + 4, 0xd4000001u); /* svc #0 */
    rt_mem_protect(&u->mem, at, RT_PAGE, PROT_READ | PROT_EXEC);
    u->sig.trampoline = at;
    return at;
}

bool rt_signal_frame_setup(struct zarm_user *u, int sig, const uint8_t *info, uint64_t old_mask)
{
    /* The hardware engine keeps FP/SIMD in the vCPU until asked: the frame needs them. */
    if (rt_hw_fetch_state(u) != 0)
        return false;
    struct rt_thread *t = rt_self;
    struct zarm_cpu *c = &t->env->cpu;
    const struct rt_sigaction_rec *act = &u->sig.act[sig];
    uint64_t sp = c->sp;
    /* SA_ONSTACK moves to the alternate stack unless already on it. */
    bool was_on = on_altstack(t, sp);
    if ((act->flags & RT_SA_ONSTACK) && t->altstack_size && !was_on)
        sp = t->altstack_sp + t->altstack_size;
    uint64_t record = (sp - 16) & ~15ull;
    uint64_t frame = record - FRAME_SIZE;
    uint64_t ret = act->flags & RT_SA_RESTORER ? act->restorer : u->sig.trampoline;
    if (!rt_mem_range_mapped(&u->mem, frame, FRAME_SIZE + 16) || !ret)
        return false;
    uint8_t f[FRAME_SIZE + 16];
    memset(f, 0, sizeof f);
    memcpy(f, info, RT_SIGINFO_SIZE);
    /* uc_stack: the alternate stack as sigaltstack would report it before the handler. */
    st_le64(f + UC_STACK, t->altstack_sp);
    st_le32(f + UC_STACK + 8,
            !t->altstack_size ? G_SS_DISABLE
                              : (was_on ? G_SS_ONSTACK : 0) | (t->altstack_flags & G_SS_AUTODISARM));
    st_le64(f + UC_STACK + 16, t->altstack_size);
    st_le64(f + UC_SIGMASK, old_mask);
    /* fault_address: the data address of a fault (what the kernel keeps in
     * thread.fault_address). */
    if (sig == SIGSEGV || sig == SIGBUS)
        st_le64(f + MC_FAULT, ld_le64(info + 16));
    for (int i = 0; i < 31; i++)
        st_le64(f + MC_REGS + 8 * i, c->x[i]);
    st_le64(f + MC_SP, c->sp);
    st_le64(f + MC_PC, c->pc);
    st_le64(f + MC_PSTATE, c->pstate & 0xf0000000ull);
    uint8_t *fp = f + MC_RESERVED;
    st_le32(fp, G_FPSIMD_MAGIC);
    st_le32(fp + 4, FPSIMD_SIZE);
    st_le32(fp + 8, c->fpsr);
    st_le32(fp + 12, c->fpcr);
    for (int i = 0; i < 32; i++) {
        st_le64(fp + 16 + 16 * i, c->v[i].d[0]);
        st_le64(fp + 24 + 16 * i, c->v[i].d[1]);
    }
    /* The null terminator after it is already zero; then the frame record. */
    st_le64(f + FRAME_SIZE, c->x[29]);
    st_le64(f + FRAME_SIZE + 8, c->x[30]);
    if (!rt_copy_to_guest(&u->mem, frame, f, sizeof f))
        return false;
    /* SS_AUTODISARM: the handler runs with the alternate stack disabled; sigreturn
     * restores it from uc_stack. */
    if ((t->altstack_flags & G_SS_AUTODISARM) && sp != c->sp) {
        t->altstack_sp = 0;
        t->altstack_size = 0;
        t->altstack_flags = 0;
    }
    c->x[0] = (uint64_t)sig;
    c->x[1] = frame;
    c->x[2] = frame + UC;
    c->x[29] = record;
    c->x[30] = ret;
    c->sp = frame;
    c->pc = act->handler;
    /* The handler starts with the exclusive monitor open (the kernel's ERET clears it). */
    c->excl_size = 0;
    return true;
}

bool rt_signal_frame_restore(struct zarm_user *u)
{
    /* Restoring FP/SIMD over the vCPU's: its values must be in the CPU state first, so that
     * what changes is written back. */
    if (rt_hw_fetch_state(u) != 0)
        return false;
    struct rt_thread *t = rt_self;
    struct zarm_cpu *c = &t->env->cpu;
    uint64_t frame = c->sp;
    uint8_t f[FRAME_SIZE];
    if ((frame & 15) || !rt_copy_from_guest(&u->mem, f, frame, sizeof f))
        return false;
    /* Walk __reserved: the FP/SIMD record is required; ESR is informational; anything
     * else (SVE, extra space) zarm never writes, so a frame holding it is bad. */
    const uint8_t *fpsimd = NULL;
    for (uint32_t off = 0; off + 8 <= RESERVED_SIZE;) {
        const uint8_t *h = f + MC_RESERVED + off;
        uint32_t magic = ld_le32(h), size = ld_le32(h + 4);
        if (!magic && !size)
            break;
        if (size < 8 || (size & 15 && magic != G_ESR_MAGIC) || off + size > RESERVED_SIZE)
            return false;
        if (magic == G_FPSIMD_MAGIC && size == FPSIMD_SIZE)
            fpsimd = h;
        else if (magic != G_ESR_MAGIC)
            return false;
        off += size;
    }
    if (!fpsimd)
        return false;
    for (int i = 0; i < 31; i++)
        c->x[i] = ld_le64(f + MC_REGS + 8 * i);
    c->sp = ld_le64(f + MC_SP);
    c->pc = ld_le64(f + MC_PC);
    c->pstate = (c->pstate & ~0xf0000000ull) | (ld_le64(f + MC_PSTATE) & 0xf0000000ull);
    c->fpsr = ld_le32(fpsimd + 8);
    c->fpcr = ld_le32(fpsimd + 12);
    for (int i = 0; i < 32; i++) {
        c->v[i].d[0] = ld_le64(fpsimd + 16 + 16 * i);
        c->v[i].d[1] = ld_le64(fpsimd + 24 + 16 * i);
    }
    c->excl_size = 0;
    t->blocked = ld_le64(f + UC_SIGMASK) & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    /* restore_altstack: the saved alternate stack comes back, unless the thread is on
     * the current one (the kernel's do_sigaltstack refuses that; so does zarm). */
    uint64_t ss_sp = ld_le64(f + UC_STACK), ss_size = ld_le64(f + UC_STACK + 16);
    uint32_t ss_flags = ld_le32(f + UC_STACK + 8);
    if (!on_altstack(t, c->sp) || !t->altstack_size) {
        bool off = (ss_flags & ~G_SS_AUTODISARM & ~(uint32_t)G_SS_ONSTACK) == G_SS_DISABLE;
        t->altstack_sp = off ? 0 : ss_sp;
        t->altstack_size = off ? 0 : ss_size;
        t->altstack_flags = off ? 0 : ss_flags & G_SS_AUTODISARM;
    }
    return true;
}
