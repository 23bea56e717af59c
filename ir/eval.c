/* Evaluates a one- or two-operand op on constants; generated from ops.def so the
 * folder and the interpreter cannot disagree. */
#include "eval.h"
#include "semantics.h"

bool ir_eval(unsigned op, unsigned type, uint64_t a64, uint64_t b64, uint64_t *out)
{
    uint32_t a32 = (uint32_t)a64, b32 = (uint32_t)b64;
    (void)a32;
    (void)b32;
    switch (op) {
#define IR_BIN(n, e32, e64)                                                                        \
    case IR_##n:                                                                                   \
        if (type == IR_I32) {                                                                      \
            uint32_t a = a32, b = b32;                                                             \
            (void)a, (void)b;                                                                      \
            *out = (uint32_t)(e32);                                                                \
        } else {                                                                                   \
            uint64_t a = a64, b = b64;                                                             \
            (void)a, (void)b;                                                                      \
            *out = (uint64_t)(e64);                                                                \
        }                                                                                          \
        return true;
#define IR_UN(n, e32, e64)                                                                         \
    case IR_##n:                                                                                   \
        if (type == IR_I32) {                                                                      \
            uint32_t a = a32;                                                                      \
            *out = (uint32_t)(e32);                                                                \
        } else {                                                                                   \
            uint64_t a = a64;                                                                      \
            *out = (uint64_t)(e64);                                                                \
        }                                                                                          \
        return true;
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
    case IR_COND:
        *out = (uint64_t)sem_cond(a64, (unsigned)b64);
        return true;
    default:
        return false;
    }
}
