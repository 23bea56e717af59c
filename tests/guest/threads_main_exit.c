/* The main thread leaves with pthread_exit (exit, not exit_group): the process lives
 * on until its last thread ends, with that thread's status. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static void *w(void *a) {
    usleep(50000);
    printf("worker done %ld\n", (long)a);
    return NULL;
}
int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, w, (void *)7);
    printf("main thread leaves\n");
    fflush(stdout);
    pthread_exit(NULL);
}
