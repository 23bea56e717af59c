// GUEST_STATUS: 42
/* Exit status 42, after output on both streams (flushed by exit). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("exiting with 42\n");
    fprintf(stderr, "a line on stderr before exit(42)\n");
    exit(42);
}
