#include "scratch.h"

#include "ir.h"

#include <stdlib.h>
#include <string.h>

static _Thread_local struct {
    void *p;
    size_t cap;
} scratch[IR_SCRATCH_COUNT];

void *ir_scratch(enum ir_scratch_slot slot, size_t n, size_t size)
{
    size_t bytes = n * size;
    if (bytes > scratch[slot].cap) {
        size_t cap = bytes < 4096 ? 4096 : bytes * 2;
        void *p = realloc(scratch[slot].p, cap);
        if (!p)
            return NULL;
        scratch[slot].p = p;
        scratch[slot].cap = cap;
    }
    memset(scratch[slot].p, 0, bytes);
    return scratch[slot].p;
}

void ir_thread_release(void)
{
    for (int i = 0; i < IR_SCRATCH_COUNT; i++) {
        free(scratch[i].p);
        scratch[i].p = NULL;
        scratch[i].cap = 0;
    }
    ir_block_release_spare();
}
