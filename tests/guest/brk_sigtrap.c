// GUEST_STATUS: 133
/* BRK #0: SIGTRAP with the default action, status 128+5 = 133. */
#include <stdio.h>

int main(void)
{
    printf("executing brk #0\n");
    fflush(stdout);
    __asm__ volatile("brk #0");
    printf("not reached\n");
    return 0;
}
