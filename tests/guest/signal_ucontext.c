/* A SIGTRAP handler inspects and modifies the interrupted state through the
 * ucontext: it skips the BRK (pc += 4), changes x-registers, and reads the
 * frame's fpsimd_context record; the signal mask comes back on return. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#ifndef TRAP_BRKPT
#define TRAP_BRKPT 1
#endif

static volatile int hits;
static uint32_t brk_word, fpsimd_magic, fpsimd_size;
static uint64_t v8_seen;
static int ctx_ok;
static int mask_had_usr1;

static void on_trap(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    mcontext_t *mc = &uc->uc_mcontext;
    hits++;
    brk_word = *(uint32_t *)mc->pc;
    ctx_ok = si->si_signo == sig && si->si_code == TRAP_BRKPT && (uint64_t)si->si_addr == mc->pc;
    struct fpsimd_context *fp = (struct fpsimd_context *)mc->__reserved;
    fpsimd_magic = fp->head.magic;
    fpsimd_size = fp->head.size;
    v8_seen = (uint64_t)fp->vregs[8];
    mask_had_usr1 = sigismember(&uc->uc_sigmask, SIGUSR1);
    /* x19 = x19 * 2 + 1, x20 = 0x1234, then skip the BRK.  (V registers are only
     * read: with SVE, as qemu's max CPU has, the kernel restores them from the SVE
     * record, not from fpsimd_context.) */
    mc->regs[19] = mc->regs[19] * 2 + 1;
    mc->regs[20] = 0x1234;
    mc->pc += 4;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    uint64_t x19, x20;
    double d;
    __asm__ volatile("mov x19, #20\n\t"
                     "mov x20, #0\n\t"
                     "fmov d8, #1.0\n\t"
                     "brk #7\n\t"
                     "mov %0, x19\n\t"
                     "mov %1, x20\n\t"
                     "fmov %d2, d8\n\t"
                     : "=r"(x19), "=r"(x20), "=w"(d)
                     :
                     : "x19", "x20", "d8", "memory");
    printf("handler ran %d time(s); brk word %08x; siginfo ok %d\n", hits, brk_word, ctx_ok);
    printf("fpsimd magic %08x size %u, v8 in the frame %016llx\n", fpsimd_magic, fpsimd_size,
           (unsigned long long)v8_seen);
    printf("x19 %llu x20 0x%llx d8 bits %016llx\n", (unsigned long long)x19,
           (unsigned long long)x20, (unsigned long long)*(uint64_t *)&d);
    printf("saved mask had SIGUSR1: %d\n", mask_had_usr1);
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("mask restored: SIGUSR1 %d SIGTRAP %d\n", sigismember(&now, SIGUSR1),
           sigismember(&now, SIGTRAP));
    return 0;
}
