/* The helper table, expanded from helpers.def. */
#include "env.h"

const ir_helper_fn ir_helpers[IR_NUM_HELPERS] = {
#define IR_HELPER(n) [IR_HELPER_##n] = helper_##n,
#include "helpers.def"
#undef IR_HELPER
};

static const char *const helper_names[IR_NUM_HELPERS] = {
#define IR_HELPER(n) [IR_HELPER_##n] = #n,
#include "helpers.def"
#undef IR_HELPER
};

const char *ir_helper_name(unsigned id) { return id < IR_NUM_HELPERS ? helper_names[id] : "?"; }
