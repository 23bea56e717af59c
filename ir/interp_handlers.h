/* The interpreter's handler list, expanded from ops.def: every pure op gets a
 * 32- and 64-bit form, and binary ops a register-register and a
 * register-immediate form.  INTERP_H(name) is applied to each handler name. */
#ifndef INTERP_HANDLERS
#define INTERP_HANDLERS(X)                                                                         \
    X(MOVI) X(MOVR) X(COND) X(SELECT) X(ADC_32) X(ADC_64) X(NZCV_ADC_32) X(NZCV_ADC_64)              \
    X(EXTR_32) X(EXTR_64) X(SET_NZCV) X(GETV) X(SETV)                                               \
    X(LD_U1) X(LD_U2) X(LD_U4) X(LD_U8) X(LD_S1_32) X(LD_S2_32) X(LD_S1_64) X(LD_S2_64) X(LD_S4_64) \
    X(ST_1) X(ST_2) X(ST_4) X(ST_8) X(CALL) X(CALLX) X(GOTO) X(BRCOND) X(BRCOND2)  \
    X(GOTO_IND) X(EXIT)
#endif

enum ir_handler {
#define IR_BIN(n, e32, e64) H_##n##_32_rr, H_##n##_32_ri, H_##n##_64_rr, H_##n##_64_ri,
#define IR_UN(n, e32, e64) H_##n##_32, H_##n##_64,
#define IR_OP(n, na, fl)
#include "ops.def"
#undef IR_BIN
#undef IR_UN
#undef IR_OP
#define X(n) H_##n,
    INTERP_HANDLERS(X)
#undef X
        H_COUNT
};
