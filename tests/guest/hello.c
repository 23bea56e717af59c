/* The smallest test: one line on stdout, exit 0. */
#include <stdio.h>

int main(void)
{
    printf("Hello, Arm64 world!\n");
    return 0;
}
