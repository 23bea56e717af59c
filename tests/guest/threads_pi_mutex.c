/* Priority-inheritance mutexes (PTHREAD_PRIO_INHERIT: glibc's FUTEX_LOCK_PI/UNLOCK_PI/
 * TRYLOCK_PI): N threads x M increments under one, exact total; a trylock of a held mutex
 * from another thread says EBUSY; a relock by the owner of an error-checking one EDEADLK. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define NINCR 20000

static pthread_mutex_t lock;
static pthread_barrier_t start;
static long counter;

static void *worker(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < NINCR; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *try_it(void *arg)
{
    return (void *)(long)pthread_mutex_trylock(arg);
}

int main(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&lock, &a);
    pthread_barrier_init(&start, NULL, NTHREADS);
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    printf("counter %ld (expected %d)\n", counter, NTHREADS * NINCR);

    pthread_mutex_t m;
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m, &a);
    pthread_mutex_lock(&m);
    pthread_t o;
    void *r;
    pthread_create(&o, NULL, try_it, &m);
    pthread_join(o, &r);
    printf("trylock from another thread: %s\n", (long)r == EBUSY ? "EBUSY" : "other");
    printf("relock by the owner: %s\n", pthread_mutex_lock(&m) == EDEADLK ? "EDEADLK" : "other");
    pthread_mutex_unlock(&m);
    printf("unlocked, trylock again: %d\n", pthread_mutex_trylock(&m));
    pthread_mutex_unlock(&m);
    return 0;
}
