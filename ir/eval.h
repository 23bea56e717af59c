#ifndef ZARM_IR_EVAL_H
#define ZARM_IR_EVAL_H
#include <stdbool.h>
#include <stdint.h>

#include "ir.h"

/* Result of IR_BIN/IR_UN op `op` on constant operands (for COND, b is the
 * condition code); false for ops that are not pure value ops. */
bool ir_eval(unsigned op, unsigned type, uint64_t a, uint64_t b, uint64_t *out);
#endif
