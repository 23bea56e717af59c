/* Deep and branchy recursion: Ackermann, naive Fibonacci, mutual recursion
 * and Towers of Hanoi (BL/RET, stack frames, callee-saved registers). */
#include <stdio.h>
#include "guest.h"

static unsigned long ackermann(unsigned long m, unsigned long n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static unsigned long moves;
static void hanoi(int n, int from, int to, int via)
{
    if (!n)
        return;
    hanoi(n - 1, from, via, to);
    moves += (unsigned long)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}

int main(void)
{
    printf("ackermann(2,3)=%lu ackermann(3,5)=%lu\n", ackermann(2, 3), ackermann(OPAQUE(3ul), 5));
    for (unsigned i = 0; i <= 25; i += 5)
        printf("fib(%u)=%lu\n", i, fib(OPAQUE(i)));
    printf("even(10001)=%d odd(7777)=%d\n", is_even(OPAQUE(10001u)), is_odd(OPAQUE(7777u)));
    hanoi(OPAQUE(16), 0, 2, 1);
    printf("hanoi(16) move checksum %lu\n", moves);
    return 0;
}
