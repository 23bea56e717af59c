/* Hosts other than s390x: the code generator builds (and can be tested) but nothing runs. */
#include "backend-s390x/jit_internal.h"

bool s390_jit_available(const char **why_not)
{
    if (why_not)
        *why_not = "the s390x JIT is not available on this host";
    return false;
}

uint64_t s390_jit_run(struct s390_jit *j, struct ir_env *env, struct s390_jit_block *blk)
{
    (void)j, (void)blk;
    env->exit = IR_EXIT_UDF;
    return IR_EXIT_UDF;
}

bool s390_jit_fault_redirect(void *ucontext)
{
    (void)ucontext;
    return false;
}
