/* Invalidation while other threads run: each of three threads rewrites a
 * function in its own RWX page over and over (IC IVAU through
 * __builtin___clear_cache) and calls it, while the others run their code and
 * the shared code of this program; a stale or freed translation gives a wrong
 * sum or a crash. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define NTHREADS 3
#define ROUNDS 300

typedef uint64_t (*fn)(uint64_t);

static uint32_t *pages[NTHREADS];
static uint64_t sums[NTHREADS];
static pthread_barrier_t start;

/* movz x1, #imm; add x0, x0, x1; ret */
static void gen_add(uint32_t *p, uint16_t imm)
{
    p[0] = 0xd2800001u | ((uint32_t)imm << 5);
    p[1] = 0x8b010000u;
    p[2] = 0xd65f03c0u;
    __builtin___clear_cache((char *)p, (char *)(p + 3));
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    uint32_t *code = pages[id];
    uint64_t sum = 0;
    pthread_barrier_wait(&start);
    for (int r = 0; r < ROUNDS; r++) {
        gen_add(code, (uint16_t)(r * (id + 1)));
        sum = ((fn)code)(sum);
        /* Some shared code between rewrites. */
        for (int k = 0; k < 50; k++)
            sum += (uint64_t)(k ^ id) & 3;
    }
    sums[id] = sum;
    return NULL;
}

int main(void)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < NTHREADS; i++) {
        pages[i] = mmap(NULL, page, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pages[i] == MAP_FAILED)
            return 1;
    }
    pthread_barrier_init(&start, NULL, NTHREADS);
    pthread_t t[NTHREADS];
    for (intptr_t i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NTHREADS; i++)
        printf("thread %d sum %llu\n", i, (unsigned long long)sums[i]);
    return 0;
}
