/* Pointer-chasing data structures: a linked list (build, reverse, merge
 * sort) and a binary search tree (insert, in-order walk, height). */
#include <stdio.h>
#include <stdlib.h>
#include "guest.h"

struct node {
    long v;
    struct node *next;
};
struct tree {
    long v;
    struct tree *l, *r;
};

static struct node *merge(struct node *a, struct node *b)
{
    struct node head = {0, NULL}, *t = &head;
    while (a && b) {
        if (a->v <= b->v) {
            t->next = a;
            a = a->next;
        } else {
            t->next = b;
            b = b->next;
        }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}
static struct node *msort(struct node *h)
{
    if (!h || !h->next)
        return h;
    struct node *slow = h, *fast = h->next;
    while (fast && fast->next) {
        slow = slow->next;
        fast = fast->next->next;
    }
    struct node *second = slow->next;
    slow->next = NULL;
    return merge(msort(h), msort(second));
}
static struct tree *insert(struct tree *t, long v)
{
    if (!t) {
        t = calloc(1, sizeof *t);
        t->v = v;
        return t;
    }
    if (v < t->v)
        t->l = insert(t->l, v);
    else
        t->r = insert(t->r, v);
    return t;
}
static int height(const struct tree *t)
{
    if (!t)
        return 0;
    int a = height(t->l), b = height(t->r);
    return 1 + (a > b ? a : b);
}
static long walk(const struct tree *t, long acc)
{
    if (!t)
        return acc;
    acc = walk(t->l, acc);
    acc = acc * 31 + t->v;
    return walk(t->r, acc);
}

int main(void)
{
    struct node *list = NULL;
    for (int i = 0; i < 20000; i++) {
        struct node *n = malloc(sizeof *n);
        n->v = (long)(guest_rand() % 1000000);
        n->next = list;
        list = n;
    }
    struct node *rev = NULL;
    while (list) {
        struct node *n = list->next;
        list->next = rev;
        rev = list;
        list = n;
    }
    list = msort(rev);
    long prev = -1, count = 0, ok = 1, mid = 0;
    for (struct node *n = list; n; n = n->next) {
        if (n->v < prev)
            ok = 0;
        prev = n->v;
        if (++count == 10000)
            mid = n->v;
    }
    printf("list count=%ld sorted=%ld min=%ld max=%ld mid=%ld\n", count, ok, list->v, prev, mid);
    struct tree *t = NULL;
    for (int i = 0; i < 5000; i++)
        t = insert(t, (long)(guest_rand() % 100000));
    printf("tree height=%d walk=%ld\n", height(t), walk(t, 0));
    return 0;
}
