/* SA_ONSTACK handlers on a sigaltstack: the handler runs on the alternate stack
 * and sees SS_ONSTACK; a nested signal stays on it; with SS_AUTODISARM too; a
 * stack overflow is caught on the alternate stack. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

static char *alt;
#define ALT_SIZE 65536
static volatile int on_alt, flags_in_handler, nested_on_alt;
static sigjmp_buf env;

static int in_alt(void *p) { return (char *)p >= alt && (char *)p < alt + ALT_SIZE; }

static void on_usr2(int sig)
{
    (void)sig;
    int local;
    nested_on_alt = in_alt(&local);
}

static void on_usr1(int sig)
{
    (void)sig;
    int local;
    on_alt = in_alt(&local);
    stack_t ss;
    sigaltstack(NULL, &ss);
    flags_in_handler = ss.ss_flags;
    raise(SIGUSR2);
}

static void on_segv(int sig)
{
    (void)sig;
    int local;
    on_alt = in_alt(&local);
    siglongjmp(env, 1);
}

static int recurse(volatile char *p)
{
    volatile char buf[4096];
    buf[0] = *p;
    return recurse(buf) + buf[1];
}

int main(void)
{
    alt = malloc(ALT_SIZE);
    stack_t ss = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR1);
    printf("on alt stack %d, ss_flags in handler %d (SS_ONSTACK %d), nested on alt %d\n",
           on_alt, flags_in_handler, SS_ONSTACK, nested_on_alt);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("after: ss_flags %d size ok %d\n", cur.ss_flags, cur.ss_size == ALT_SIZE);

    ss.ss_flags = SS_AUTODISARM;
    sigaltstack(&ss, NULL);
    on_alt = flags_in_handler = 0;
    raise(SIGUSR1);
    /* (What sigaltstack reports in and after an SS_AUTODISARM handler differs between
     * Linux and qemu-aarch64 7.2; only the stack is compared.) */
    printf("autodisarm: on alt %d, nested on alt %d\n", on_alt, nested_on_alt);
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);

    sa.sa_handler = on_segv;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    on_alt = 0;
    if (sigsetjmp(env, 1) == 0) {
        char c = 0;
        recurse(&c);
    }
    printf("stack overflow caught on alt stack: %d\n", on_alt);
    return 0;
}
