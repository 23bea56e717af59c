// GUEST_STATUS: 1
/* Exit status 1, after output on both streams (flushed by exit). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("exiting with 1\n");
    fprintf(stderr, "a line on stderr before exit(1)\n");
    exit(1);
}
