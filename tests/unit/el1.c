/* EL1 translations (ir_features.el1) run by the interpreter: system registers, exception
 * entry and return, SPSel banking, unmodelled-register exits (cases in el1/cases.h; the
 * same cases run on s390x under the interpreter and the JIT from el1/main.c). */
#include <criterion/criterion.h>

#define EL1_EQ(a, b)                                                                               \
    cr_assert_eq((uint64_t)(a), (uint64_t)(b), "%s = 0x%" PRIx64 ", expected 0x%" PRIx64, #a,     \
                 (uint64_t)(a), (uint64_t)(b))
#include "el1/cases.h"

#define EL1_TEST(name)                                                                             \
    Test(el1, name)                                                                                \
    {                                                                                              \
        struct el1_rig *r = malloc(sizeof *r);                                                     \
        el1_case_##name(r, el1_engine_interp);                                                     \
        el1_rig_free(r);                                                                           \
        free(r);                                                                                   \
    }
EL1_CASES(EL1_TEST)
