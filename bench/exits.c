/* The cost of one exit to the host: N system calls that do nothing (getppid), so
 * (time(N) - time(0)) / N is what one guest exception round trip costs an engine. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;
    long sum = 0;
    for (long i = 0; i < n; i++)
        sum += syscall(SYS_getppid);
    return sum == -1;
}
