/* Thread-local storage in the main thread (__thread, initialised and zero),
 * reached through TPIDR_EL0 and the static TLS block glibc sets up. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static __thread int counter = 100;
static __thread uint64_t zeroed;
static __thread char name[16] = "main";

static int __attribute__((noinline)) bump(int n)
{
    for (int i = 0; i < n; i++)
        counter++;
    return counter;
}

int main(void)
{
    uintptr_t tp;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
    counter += 5;
    zeroed = 7;
    int c = bump(1000);
    snprintf(name + 4, sizeof name - 4, "-%d", c % 97);
    /* The variables live at fixed offsets from the thread pointer. */
    long off_counter = (long)((uintptr_t)&counter - tp);
    long off_name = (long)((uintptr_t)name - tp);
    printf("counter=%d zeroed=%llu name=%s tp-nonzero=%d offsets-positive=%d\n", counter,
           (unsigned long long)zeroed, name, tp != 0, off_counter > 0 && off_name > 0);
    return strcmp(name, "main-") == 0;
}
