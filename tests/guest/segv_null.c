// GUEST_STATUS: 139
/* A NULL dereference: SIGSEGV, status 128+11 = 139. */
#include <stdio.h>
#include "guest.h"

int main(void)
{
    printf("reading through NULL\n");
    fflush(stdout);
    volatile int *p = OPAQUE((int *)0);
    return *p;
}
