// GUEST_STATUS: 134
/* abort(): SIGABRT with the default action, status 128+6 = 134. Output is
 * flushed first so it is compared too. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("about to abort\n");
    fflush(stdout);
    fprintf(stderr, "abort follows\n");
    abort();
}
