/* Per-thread scratch arrays for the passes that run on every translated block,
 * so translation does not call malloc per block.  A pass asks for n elements
 * and gets zeroed memory valid until its next request of the same slot. */
#ifndef ZARM_IR_SCRATCH_H
#define ZARM_IR_SCRATCH_H

#include <stddef.h>

enum ir_scratch_slot {
    IR_SCRATCH_OPT_REPL,
    IR_SCRATCH_OPT_CONST,
    IR_SCRATCH_OPT_CVAL,
    IR_SCRATCH_OPT_USES,
    IR_SCRATCH_LOWER_LAST,
    IR_SCRATCH_LOWER_SLOT,
    IR_SCRATCH_LOWER_CONST,
    IR_SCRATCH_LOWER_CVAL,
    IR_SCRATCH_LOWER_ALIAS,
    IR_SCRATCH_LOWER_NUSES,
    IR_SCRATCH_LOWER_PRODUCER,
    IR_SCRATCH_LOWER_SETNEXT,
    IR_SCRATCH_COUNT
};

/* n elements of size bytes each, zeroed; NULL if memory runs out. */
void *ir_scratch(enum ir_scratch_slot slot, size_t n, size_t size);

#endif
