// GUEST_CFLAGS: -march=armv8.1-a -mno-outline-atomics
/* LSE atomics (LDADD, LDSET/LDCLR, SWP, CAS) from N threads: exact totals. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4
#define NINCR 20000

static uint64_t sum64;
static uint32_t sum32;
static uint16_t sum16;
static uint64_t cas_counter;
static uint64_t bits;
static pthread_barrier_t start;

static void *worker(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < NINCR; i++) {
        __atomic_fetch_add(&sum64, 3, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&sum32, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&sum16, 1, __ATOMIC_ACQ_REL);
        uint64_t old = __atomic_load_n(&cas_counter, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas_counter, &old, old + 2, 0, __ATOMIC_SEQ_CST,
                                            __ATOMIC_RELAXED))
            ;
        __atomic_fetch_or(&bits, 1ull << (id * 8 + (i & 7)), __ATOMIC_SEQ_CST);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&start, NULL, NTHREADS);
    for (uintptr_t i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    printf("sum64 %llu sum32 %u sum16 %u cas %llu bits %llx\n", (unsigned long long)sum64,
           sum32, (unsigned)sum16, (unsigned long long)cas_counter, (unsigned long long)bits);
    uint64_t prev = __atomic_exchange_n(&sum64, 5, __ATOMIC_SEQ_CST);
    printf("swap returned %llu, now %llu\n", (unsigned long long)prev,
           (unsigned long long)sum64);
    return 0;
}
