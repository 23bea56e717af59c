/* The syscall layer's internal interface. */
#ifndef ZARM_RUNTIME_SYSCALL_H
#define ZARM_RUNTIME_SYSCALL_H
#include <stdint.h>

#include "rt.h"

#define SYSCALL(nr, name, args) int64_t rt_sys_##name(struct zarm_user *u, const uint64_t a[6]);
#include "syscalls.def"
#undef SYSCALL

/* A host errno as the negative arm64 errno (the numbers agree on Linux hosts). */
static inline int64_t rt_errno(int e) { return -(int64_t)e; }
#endif
