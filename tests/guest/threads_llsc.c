// GUEST_CFLAGS: -march=armv8-a -mno-outline-atomics
/* A counter incremented by N threads with an LDXR/STXR loop (inline asm) and a
 * 32-bit one with LDAXR/STLXR: exclusives must stay atomic across threads. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4
#define NINCR 20000

static uint64_t counter64;
static uint32_t counter32;
static pthread_barrier_t start;

static void add64(uint64_t *p, uint64_t v)
{
    uint64_t old, fail;
    __asm__ volatile("1:\tldxr %0, [%2]\n\t"
                     "add %0, %0, %3\n\t"
                     "stxr %w1, %0, [%2]\n\t"
                     "cbnz %w1, 1b"
                     : "=&r"(old), "=&r"(fail)
                     : "r"(p), "r"(v)
                     : "memory");
}

static void add32(uint32_t *p, uint32_t v)
{
    uint32_t old, fail;
    __asm__ volatile("1:\tldaxr %w0, [%2]\n\t"
                     "add %w0, %w0, %w3\n\t"
                     "stlxr %w1, %w0, [%2]\n\t"
                     "cbnz %w1, 1b"
                     : "=&r"(old), "=&r"(fail)
                     : "r"(p), "r"(v)
                     : "memory");
}

static void *worker(void *arg)
{
    uint64_t step = (uint64_t)(uintptr_t)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < NINCR; i++) {
        add64(&counter64, step);
        add32(&counter32, 1);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&start, NULL, NTHREADS);
    for (uintptr_t i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)(i + 1));
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    printf("counter64 %llu (expected %llu)\n", (unsigned long long)counter64,
           (unsigned long long)NINCR * (1 + 2 + 3 + 4));
    printf("counter32 %u (expected %u)\n", counter32, NTHREADS * NINCR);
    return 0;
}
