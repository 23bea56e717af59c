// GUEST_STATUS: 255
/* Exit status 255, after output on both streams (flushed by exit). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("exiting with 255\n");
    fprintf(stderr, "a line on stderr before exit(255)\n");
    exit(255);
}
