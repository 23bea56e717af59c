/* One function per benchmark workload: runs N iterations and returns a checksum. */
#ifndef ZARM_BENCH_KERNELS_H
#define ZARM_BENCH_KERNELS_H
#include <stdint.h>

#define KERNEL(name, iterations, what) uint64_t k_##name(uint64_t n);
#include "kernels.def"
#undef KERNEL

#endif
