/* Per-thread scratch arrays for the passes that run on every translated block,
 * so translation does not call malloc per block.  A pass asks for n elements
 * and gets zeroed memory valid until its next request of the same slot. */
#ifndef ZARM_IR_SCRATCH_H
#define ZARM_IR_SCRATCH_H

#include <stddef.h>

enum ir_scratch_slot {
    IR_SCRATCH_OPT_USES,
    IR_SCRATCH_LOWER_TEMPS,
    IR_SCRATCH_COUNT
};

/* n elements of size bytes each, zeroed; NULL if memory runs out. */
void *ir_scratch(enum ir_scratch_slot slot, size_t n, size_t size);

#endif
