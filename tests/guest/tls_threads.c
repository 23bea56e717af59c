/* Thread-local storage (__thread, initialised and zero) read through
 * TPIDR_EL0, in the main thread and in two pthreads. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

static __thread int counter = 100;
static __thread uint64_t zeroed;
static __thread char name[16] = "main";

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    snprintf(name, sizeof name, "worker%d", id);
    for (int i = 0; i < 1000 * id; i++)
        counter++;
    zeroed += (uint64_t)id;
    return (void *)(intptr_t)(counter + (int)zeroed);
}

int main(void)
{
    counter += 5;
    zeroed = 7;
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)(i + 1));
    for (int i = 0; i < 2; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("thread %d returned %d\n", i + 1, (int)(intptr_t)r);
    }
    uint64_t tp;
    __asm__("mrs %0, tpidr_el0" : "=r"(tp));
    printf("main: counter=%d zeroed=%lu name=%s tp-nonzero=%d\n", counter, (unsigned long)zeroed,
           name, tp != 0);
    return 0;
}
