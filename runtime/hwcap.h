/* AT_HWCAP / AT_HWCAP2 as Linux arm64 defines the bits: only what zarm implements. */
#ifndef ZARM_RUNTIME_HWCAP_H
#define ZARM_RUNTIME_HWCAP_H
#include <stdint.h>

#include "ir/translate.h"

uint64_t rt_hwcap(const struct ir_features *f);
uint64_t rt_hwcap2(const struct ir_features *f);
#endif
