// GUEST_STATUS: 132
/* An undefined instruction (all-zero word, UDF #0): SIGILL, status 132. */
#include <stdio.h>

int main(void)
{
    printf("executing .inst 0x00000000\n");
    fflush(stdout);
    __asm__ volatile(".inst 0x00000000");
    printf("not reached\n");
    return 0;
}
