/* qsort and bsearch from glibc (indirect calls back into the program) on
 * integers, strings and structs. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

struct rec {
    int key;
    char name[12];
};

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? 1 : -1; /* descending */
    return strcmp(x->name, y->name);
}

int main(void)
{
    static int v[5000];
    for (int i = 0; i < 5000; i++)
        v[i] = (int)(guest_rand() % 100000) - 50000;
    qsort(v, 5000, sizeof v[0], cmp_int);
    int sorted = 1;
    uint64_t h = GUEST_HASH_INIT;
    for (int i = 0; i < 5000; i++) {
        if (i && v[i - 1] > v[i])
            sorted = 0;
        h = guest_mix(h, (uint64_t)v[i]);
    }
    printf("ints sorted=%d min=%d max=%d median=%d hash=%016" PRIx64 "\n", sorted, v[0], v[4999],
           v[2500], h);
    int key = v[1234];
    int *found = bsearch(&key, v, 5000, sizeof v[0], cmp_int);
    printf("bsearch found=%d value=%d\n", found != NULL, found ? *found : 0);
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry",
                           "grape", "kiwi", "apricot", "lime", "mango"};
    qsort(words, 12, sizeof words[0], cmp_str);
    for (int i = 0; i < 12; i++)
        printf("%s%c", words[i], i == 11 ? '\n' : ' ');
    struct rec recs[20];
    for (int i = 0; i < 20; i++) {
        recs[i].key = (int)(guest_rand() % 5);
        snprintf(recs[i].name, sizeof recs[i].name, "item%02d", (int)(guest_rand() % 90));
    }
    qsort(recs, 20, sizeof recs[0], cmp_rec);
    for (int i = 0; i < 20; i++)
        printf("%d:%s ", recs[i].key, recs[i].name);
    printf("\n");
    return 0;
}
