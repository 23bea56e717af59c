/* setjmp/longjmp across frames, with values and callee-saved registers that
 * must survive (glibc mangles the saved SP/LR with the pointer guard). */
#include <setjmp.h>
#include <stdio.h>
#include "guest.h"

static jmp_buf env;
static int depth_reached;

static void dive(int depth, int target)
{
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    if (depth == target) {
        depth_reached = depth + pad[depth % 64] - depth;
        longjmp(env, depth * 10 + 1);
    }
    if (depth < 1000)
        dive(depth + 1, target);
}

int main(void)
{
    volatile int rounds = 0;
    volatile long acc = 0;
    for (int t = 1; t <= 40; t += 13) {
        int r = setjmp(env);
        if (r == 0) {
            rounds++;
            dive(0, OPAQUE(t));
            printf("not reached\n");
        } else {
            acc += r;
            printf("longjmp returned %d from depth %d\n", r, depth_reached);
        }
    }
    /* longjmp(env, 0) makes setjmp return 1. */
    if (setjmp(env) == 0)
        longjmp(env, 0);
    else
        printf("longjmp with 0 gives 1\n");
    sigjmp_buf senv;
    if (sigsetjmp(senv, 1) == 0)
        siglongjmp(senv, 5);
    printf("rounds %d acc %ld\n", rounds, acc);
    return 0;
}
