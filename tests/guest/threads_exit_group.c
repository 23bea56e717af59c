// GUEST_STATUS: 5
/* exit_group with other threads busy: one blocked in read, one spinning in guest code,
 * one in sleep; the process ends at once with the status main returns. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static int fds[2];
static void *blockr(void *a) {
    char c;
    (void)a;
    read(fds[0], &c, 1);
    return NULL;
}
static void *spin(void *a) {
    (void)a;
    for (volatile long i = 0;; i++)
        ;
    return NULL;
}
static void *sleeper(void *a) {
    (void)a;
    sleep(100);
    return NULL;
}
int main(void) {
    pipe(fds);
    pthread_t t[3];
    pthread_create(&t[0], NULL, blockr, NULL);
    pthread_create(&t[1], NULL, spin, NULL);
    pthread_create(&t[2], NULL, sleeper, NULL);
    usleep(50000);
    printf("main exits with 5\n");
    return 5;
}
