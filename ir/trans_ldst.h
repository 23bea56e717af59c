/* Shared by the integer load/store translators (trans_ldst_*.c). */
#ifndef ZARM_IR_TRANS_LDST_H
#define ZARM_IR_TRANS_LDST_H

#include "translate.h"

/* What size:opc of the single-register forms asks for. */
enum ldst_kind {
    LDST_STORE,
    LDST_LOAD,      /* zero-extending */
    LDST_LOAD_SX64, /* LDRSB/LDRSH/LDRSW Xt */
    LDST_LOAD_SX32, /* LDRSB/LDRSH Wt */
    LDST_PREFETCH,  /* PRFM: a hint, no access */
    LDST_UNALLOC
};

enum ldst_kind ldst_kind(unsigned size, unsigned opc);
/* Emits the access of `kind` at addr for register Rt (1 << size bytes); a load
 * writes Rt right away, so callers emit base writeback after it. */
void ldst_single(struct ir_tctx *t, enum ldst_kind kind, unsigned size, ir_val addr, unsigned rt);

#endif
