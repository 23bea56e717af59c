/* The hardware engine's glue (hw.c): hwassist/ under the runtime's run loop. */
#ifndef ZARM_RUNTIME_HW_H
#define ZARM_RUNTIME_HW_H

#include <stdint.h>

#include "zarm/zarm.h"

struct zarm_user;

/* ZARM_ENGINE_HW availability for zarm_engine_available. */
int rt_hw_available(const char **why_not);
/* For --engine=hw and --engine=auto: sets up the VM and makes hw the engine, or (auto only)
 * says in one -d line why not.  0, or ZARM_E_ENGINE with the message set (--engine=hw). */
int rt_hw_select(struct zarm_user *u);
/* Runs the guest on the hardware (or hands one block to the interpreter) and returns the exit
 * for the run loop's switch (enum ir_exit), env->cpu holding the guest state. */
uint32_t rt_hw_step(struct zarm_user *u);
/* The calling guest thread ends: its vCPU goes (hw engine only; a no-op otherwise). */
void rt_hw_thread_end(struct zarm_user *u);
/* Brings the calling thread's whole CPU state into env->cpu (the FP/SIMD registers stay in
 * the vCPU until asked for): before a signal frame is built or restored.  0 or -1. */
int rt_hw_fetch_state(struct zarm_user *u);
/* The guest exited: stop the virtual machine. */
void rt_hw_finish(struct zarm_user *u);
void rt_hw_destroy(struct zarm_user *u);
void rt_hw_invalidate(struct zarm_user *u, uint64_t addr, uint64_t len);
void rt_hw_stats(const struct zarm_user *u, struct zarm_stats *s);

#endif
