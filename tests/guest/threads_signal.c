/* Signals and threads: pthread_kill reaches the chosen thread (its handler sees
 * its own TLS), each thread has its own mask, a process-directed signal blocked by
 * the main thread goes to a worker that takes it, and pthread_cancel (glibc's
 * SIGCANCEL) ends a thread blocked in a wait. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static __thread int my_id;
static volatile int usr1_by[4], usr2_by = -1;
static pthread_barrier_t bar;
static int pipefd[2];

static void on_usr1(int sig)
{
    (void)sig;
    usr1_by[my_id]++;
}

static void on_usr2(int sig)
{
    (void)sig;
    usr2_by = my_id;
}

static void *worker(void *arg)
{
    my_id = (int)(long)arg;
    sigset_t s;
    sigemptyset(&s);
    if (my_id == 1)
        sigaddset(&s, SIGUSR2); /* only thread 2 takes SIGUSR2 */
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_barrier_wait(&bar);
    /* Wait for the main thread's go (it has sent everything). */
    pthread_barrier_wait(&bar);
    return NULL;
}

static void *blocked_reader(void *arg)
{
    (void)arg;
    char c;
    read(pipefd[0], &c, 1); /* a cancellation point, blocks forever */
    return (void *)1;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    pthread_barrier_init(&bar, NULL, 3);
    pthread_t t[3];
    for (long i = 1; i <= 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    pthread_barrier_wait(&bar);
    pthread_kill(t[1], SIGUSR1);
    pthread_kill(t[2], SIGUSR1);
    pthread_kill(t[2], SIGUSR1);
    /* The main thread blocks SIGUSR2, thread 1 too: kill() must reach thread 2. */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    kill(getpid(), SIGUSR2);
    for (int spin = 0; spin < 2000 && usr2_by < 0; spin++)
        usleep(1000);
    pthread_barrier_wait(&bar);
    for (int i = 1; i <= 2; i++)
        pthread_join(t[i], NULL);
    printf("SIGUSR1 taken by: main %d, t1 %d, t2 %d (at least one each)\n", usr1_by[0],
           usr1_by[1] >= 1, usr1_by[2] >= 1);
    printf("SIGUSR2 taken by thread %d\n", usr2_by);

    pipe(pipefd);
    pthread_t r;
    pthread_create(&r, NULL, blocked_reader, NULL);
    usleep(20000);
    pthread_cancel(r);
    void *res;
    pthread_join(r, &res);
    printf("cancelled: %d\n", res == PTHREAD_CANCELED);
    return 0;
}
