/* SIGSEGV handlers that recover with siglongjmp: an unmapped page (SEGV_MAPERR)
 * and a read-only page (SEGV_ACCERR); si_addr is printed relative to the page.
 * The signal mask is restored by siglongjmp. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_code, fault_signo;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_signo = sig;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(env, 1);
}

static void try_write(volatile char *p, const char *what, char *base)
{
    if (sigsetjmp(env, 1) == 0) {
        *p = 1;
        printf("%s: no fault\n", what);
    } else {
        printf("%s: signal %d code %d at page+%ld\n", what, fault_signo, fault_code,
               (long)(fault_addr - (uintptr_t)base));
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    try_write(page + 4096 + 100, "unmapped", page + 4096);
    mprotect(page, 4096, PROT_READ);
    try_write(page + 24, "read-only", page);
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
    try_write(page + 24, "writable", page);
    for (int i = 0; i < 3; i++)
        try_write(page + 4096 + i * 8, "again", page + 4096);
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("SIGSEGV blocked after recovery: %d\n", sigismember(&now, SIGSEGV));
    return 0;
}
