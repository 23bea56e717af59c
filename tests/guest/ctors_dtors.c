/* Global constructors (with priorities), destructors and atexit handlers run
 * in the right order around main; output on stdout is flushed at exit. */
#include <stdio.h>
#include <stdlib.h>

static int order;

__attribute__((constructor(200))) static void ctor_late(void) { printf("ctor 200 (step %d)\n", ++order); }
__attribute__((constructor(101))) static void ctor_early(void) { printf("ctor 101 (step %d)\n", ++order); }
__attribute__((constructor)) static void ctor_default(void) { printf("ctor default (step %d)\n", ++order); }
__attribute__((destructor(101))) static void dtor_last(void) { printf("dtor 101 (step %d)\n", ++order); }
__attribute__((destructor)) static void dtor_default(void) { printf("dtor default (step %d)\n", ++order); }

static void at1(void) { printf("atexit 1 (step %d)\n", ++order); }
static void at2(void) { printf("atexit 2 (step %d)\n", ++order); }

int main(void)
{
    printf("main (step %d)\n", ++order);
    atexit(at1);
    atexit(at2);
    fprintf(stderr, "main returns\n");
    return 0;
}
