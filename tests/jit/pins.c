/* Global pins chosen per program (backend-s390x/jit_pins.c): a hot path of several blocks that
 * keeps its state in x19-x24, so that the JIT's profile pins those six, with on the way:
 *  - a subnormal FP multiply (the JIT's helper fallback, a C call with pins in r4/r5 live);
 *  - a syscall on some iterations (out of generated code and back in through the trampolines);
 *  - a guest fault inside the path, whose handler prints x19-x24 from the signal frame (the
 *    common exit must have stored the pinned registers).
 * With "thread" after ROUNDS, a second thread runs the path again at the end: the profile, if
 * still running (a long $ZARM_JIT_PIN_RUNS), ends when that thread is made.
 * Usage: pins [ROUNDS [thread]]; the output is compared with qemu-aarch64. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>

uint64_t hot_path(uint64_t n, uint64_t fault_at, const volatile uint64_t *bad);

/* x19 counts down; x20-x24 mix; every 64th round makes a getpid syscall, every round a
 * subnormal multiply; the round where x19 == fault_at loads through bad (x25). */
__asm__(".text\n"
        ".global hot_path\n"
        ".type hot_path, %function\n"
        "hot_path:\n"
        "  stp x29, x30, [sp, #-80]!\n"
        "  mov x29, sp\n"
        "  stp x19, x20, [sp, #16]\n"
        "  stp x21, x22, [sp, #32]\n"
        "  stp x23, x24, [sp, #48]\n"
        "  stp x25, x26, [sp, #64]\n"
        "  mov x19, x0\n"
        "  mov x26, x1\n"
        "  mov x25, x2\n"
        "  mov x20, #1\n"
        "  mov x21, #0x9e37\n"
        "  mov x22, xzr\n"
        "  mov x23, #7\n"
        "  mov x24, #3\n"
        "  mov x0, #1\n"
        "  fmov d1, x0\n"            /* the smallest subnormal */
        "  fmov d2, #0.5\n"
        "1:\n"
        "  add x20, x20, x21\n"
        "  eor x21, x21, x20, lsl #3\n"
        "  tbz x20, #2, 2f\n"
        "  add x22, x22, x23\n"
        "  udiv x24, x20, x23\n"
        "  b 3f\n"
        "2:\n"
        "  sub x22, x22, x21\n"
        "  add x23, x23, #2\n"
        "  fmul d3, d1, d2\n"
        "  fmov x0, d3\n"
        "  add x24, x24, x0\n"
        "3:\n"
        "  cmp x19, x26\n"
        "  b.ne 4f\n"
        "  ldr x0, [x25]\n"          /* faults: the handler reads x19-x24 */
        "4:\n"
        "  tst x19, #63\n"
        "  b.ne 5f\n"
        "  mov x8, #172\n"           /* getpid */
        "  svc #0\n"
        "5:\n"
        "  madd x24, x24, x22, x20\n"
        "  subs x19, x19, #1\n"
        "  b.ne 1b\n"
        "  eor x0, x22, x24\n"
        "  add x0, x0, x21\n"
        "  add x0, x0, x23\n"
        "  ldp x19, x20, [sp, #16]\n"
        "  ldp x21, x22, [sp, #32]\n"
        "  ldp x23, x24, [sp, #48]\n"
        "  ldp x25, x26, [sp, #64]\n"
        "  ldp x29, x30, [sp], #80\n"
        "  ret\n"
        ".size hot_path, . - hot_path\n");

static sigjmp_buf back;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)si;
    const ucontext_t *uc = ctx;
    printf("signal %d at round %llu:", sig, (unsigned long long)uc->uc_mcontext.regs[19]);
    for (int r = 20; r <= 24; r++)
        printf(" x%d=%016llx", r, (unsigned long long)uc->uc_mcontext.regs[r]);
    printf("\n");
    siglongjmp(back, 1);
}

static uint64_t thread_rounds;

static void *second(void *arg)
{
    (void)arg;
    printf("thread: %016llx\n", (unsigned long long)hot_path(thread_rounds, 0, NULL));
    return NULL;
}

int main(int argc, char **argv)
{
    uint64_t rounds = argc > 1 ? strtoull(argv[1], NULL, 0) : 20000;
    struct sigaction sa = {0};
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    const volatile uint64_t *bad = (const volatile uint64_t *)(uintptr_t)0x10;
    /* Long runs first (the profile ends in them), then faults at several depths. */
    for (int k = 0; k < 3; k++)
        printf("run %d: %016llx\n", k, (unsigned long long)hot_path(rounds + (uint64_t)k, 0, bad));
    for (uint64_t at = 1; at < rounds; at = at * 7 + 3) {
        if (sigsetjmp(back, 1) == 0)
            printf("no fault: %016llx\n", (unsigned long long)hot_path(rounds, at, bad));
    }
    if (argc > 2) {
        pthread_t t;
        thread_rounds = rounds;
        if (pthread_create(&t, NULL, second, NULL) != 0 || pthread_join(t, NULL) != 0)
            return 1;
    }
    return 0;
}
