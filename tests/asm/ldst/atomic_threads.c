/* Exclusives and LSE atomics across threads: each of NTHREADS threads adds 1
 * to shared counters N times through LDXR/STXR, LDXP/STXP (a 128-bit counter),
 * LDADD, CAS and CASP loops, and through byte/halfword exclusives on
 * neighbouring bytes of one word.  Lost updates show up as wrong totals. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4
#define N 20000

static uint64_t c_llsc, c_ldadd, c_cas;
static uint32_t c_w;
static uint8_t c_b[8] __attribute__((aligned(8)));
static uint64_t c_pair[2] __attribute__((aligned(16)));
static uint64_t c_casp[2] __attribute__((aligned(16)));

static void llsc_inc(uint64_t *p)
{
    uint64_t v;
    uint32_t fail;
    __asm__ volatile("1: ldaxr %0, [%2]\n"
                     "   add %0, %0, #1\n"
                     "   stlxr %w1, %0, [%2]\n"
                     "   cbnz %w1, 1b\n"
                     : "=&r"(v), "=&r"(fail)
                     : "r"(p)
                     : "memory");
}

static void llsc_inc_w(uint32_t *p)
{
    uint32_t v, fail;
    __asm__ volatile("1: ldxr %w0, [%2]\n"
                     "   add %w0, %w0, #1\n"
                     "   stxr %w1, %w0, [%2]\n"
                     "   cbnz %w1, 1b\n"
                     : "=&r"(v), "=&r"(fail)
                     : "r"(p)
                     : "memory");
}

static void llsc_inc_b(uint8_t *p)
{
    uint32_t v, fail;
    __asm__ volatile("1: ldxrb %w0, [%2]\n"
                     "   add %w0, %w0, #1\n"
                     "   stxrb %w1, %w0, [%2]\n"
                     "   cbnz %w1, 1b\n"
                     : "=&r"(v), "=&r"(fail)
                     : "r"(p)
                     : "memory");
}

/* 128-bit counter: low word + 1 with carry into the high word. */
static void llsc_inc_pair(uint64_t *p)
{
    uint64_t lo, hi;
    uint32_t fail;
    __asm__ volatile("1: ldaxp %0, %1, [%3]\n"
                     "   adds %0, %0, #1\n"
                     "   adc %1, %1, xzr\n"
                     "   stlxp %w2, %0, %1, [%3]\n"
                     "   cbnz %w2, 1b\n"
                     : "=&r"(lo), "=&r"(hi), "=&r"(fail)
                     : "r"(p)
                     : "memory", "cc");
}

static void ldadd_inc(uint64_t *p)
{
    uint64_t old;
    __asm__ volatile(".arch armv8.1-a+lse\n ldaddal %1, %0, [%2]"
                     : "=r"(old)
                     : "r"((uint64_t)1), "r"(p)
                     : "memory");
}

static void cas_inc(uint64_t *p)
{
    uint64_t seen = *(volatile uint64_t *)p;
    for (;;) {
        register uint64_t x0 __asm__("x0") = seen;
        register uint64_t x1 __asm__("x1") = seen + 1;
        __asm__ volatile(".arch armv8.1-a+lse\n casal x0, x1, [%2]"
                         : "+r"(x0)
                         : "r"(x1), "r"(p)
                         : "memory");
        if (x0 == seen)
            return;
        seen = x0;
    }
}

/* CASP on a pair whose halves are both incremented. */
static void casp_inc(uint64_t *p)
{
    for (;;) {
        register uint64_t x0 __asm__("x0") = ((volatile uint64_t *)p)[0];
        register uint64_t x1 __asm__("x1") = ((volatile uint64_t *)p)[1];
        uint64_t e0 = x0, e1 = x1;
        register uint64_t x2 __asm__("x2") = e0 + 1;
        register uint64_t x3 __asm__("x3") = e1 + 2;
        __asm__ volatile(".arch armv8.1-a+lse\n caspal x0, x1, x2, x3, [%4]"
                         : "+r"(x0), "+r"(x1)
                         : "r"(x2), "r"(x3), "r"(p)
                         : "memory");
        if (x0 == e0 && x1 == e1)
            return;
    }
}

static void *worker(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    for (int i = 0; i < N; i++) {
        llsc_inc(&c_llsc);
        llsc_inc_w(&c_w);
        llsc_inc_b(&c_b[id]);
        llsc_inc_b(&c_b[7 - id]);
        llsc_inc_pair(c_pair);
        ldadd_inc(&c_ldadd);
        cas_inc(&c_cas);
        casp_inc(c_casp);
    }
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];
    int started[NTHREADS];
    c_pair[0] = ~0ull - 1000; /* the 128-bit counter carries into the high word */
    /* Without thread support the work runs in this thread: the totals are the
     * same, only the contention is missing. */
    for (uintptr_t i = 0; i < NTHREADS; i++) {
        started[i] = pthread_create(&th[i], NULL, worker, (void *)i) == 0;
        if (!started[i])
            worker((void *)i);
    }
    for (int i = 0; i < NTHREADS; i++)
        if (started[i])
            pthread_join(th[i], NULL);
    printf("llsc %llu w %u ldadd %llu cas %llu\n", (unsigned long long)c_llsc, c_w,
           (unsigned long long)c_ldadd, (unsigned long long)c_cas);
    printf("pair %llx:%llx casp %llu %llu\n", (unsigned long long)c_pair[1],
           (unsigned long long)c_pair[0], (unsigned long long)c_casp[0],
           (unsigned long long)c_casp[1]);
    for (int i = 0; i < 8; i++)
        printf("b%d %u\n", i, c_b[i]);
    return 0;
}
