/* N threads x M increments of a shared counter under a pthread mutex, with a
 * barrier so they contend: the total is exact. */
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define NINCR 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start;
static long counter;
static long per_thread[NTHREADS];

static void *worker(void *arg)
{
    long id = (long)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < NINCR; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        per_thread[id]++;
        pthread_mutex_unlock(&lock);
    }
    return (void *)(id * 10);
}

int main(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&start, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    long joined = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        joined += (long)r;
    }
    printf("counter %ld (expected %ld)\n", counter, (long)NTHREADS * NINCR);
    for (int i = 0; i < NTHREADS; i++)
        printf("thread %d did %ld\n", i, per_thread[i]);
    printf("join results sum %ld\n", joined);
    return counter == (long)NTHREADS * NINCR ? 0 : 1;
}
