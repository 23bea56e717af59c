/* Producer/consumer through a bounded queue with a mutex and two condition
 * variables: two producers, two consumers; sums and counts are exact. */
#include <pthread.h>
#include <stdio.h>

#define QSIZE 8
#define PER_PRODUCER 5000

static int queue[QSIZE];
static int head, tail, count, producers_left = 2;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static long consumed_sum[2], consumed_n[2];

static void *producer(void *arg)
{
    int base = (int)(long)arg;
    for (int i = 1; i <= PER_PRODUCER; i++) {
        pthread_mutex_lock(&lock);
        while (count == QSIZE)
            pthread_cond_wait(&not_full, &lock);
        queue[tail] = base + i;
        tail = (tail + 1) % QSIZE;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    producers_left--;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg)
{
    long id = (long)arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (count == 0 && producers_left > 0)
            pthread_cond_wait(&not_empty, &lock);
        if (count == 0) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        int v = queue[head];
        head = (head + 1) % QSIZE;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
        consumed_sum[id] += v;
        consumed_n[id]++;
    }
}

int main(void)
{
    pthread_t p[2], c[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&c[i], NULL, consumer, (void *)i);
    for (long i = 0; i < 2; i++)
        pthread_create(&p[i], NULL, producer, (void *)(i * 100000));
    for (int i = 0; i < 2; i++)
        pthread_join(p[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(c[i], NULL);
    long n = consumed_n[0] + consumed_n[1], sum = consumed_sum[0] + consumed_sum[1];
    long expect = 2L * PER_PRODUCER * (PER_PRODUCER + 1) / 2 + 100000L * PER_PRODUCER;
    printf("consumed %ld items, sum %ld (expected %ld)\n", n, sum, expect);
    return 0;
}
