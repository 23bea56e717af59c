// GUEST_STATUS: 3
/* Returning from main with a value > 255: the status is the low byte (259 -> 3). */
#include <stdio.h>

int main(void)
{
    printf("returning 259\n");
    return 259;
}
