/* The runtime's signal internals shared by the delivery code, the frame, the
 * signal syscalls and the threads (signal_deliver.c). */
#ifndef ZARM_RUNTIME_SIGNALS_H
#define ZARM_RUNTIME_SIGNALS_H
#include <time.h>

#include "rt.h"

#define RT_SIG_DFL 0
#define RT_SIG_IGN 1
/* sa_flags as arm64 (asm-generic) defines them. */
#define RT_SA_SIGINFO 0x00000004ull
#define RT_SA_ONSTACK 0x08000000ull
#define RT_SA_RESTART 0x10000000ull
#define RT_SA_NODEFER 0x40000000ull
#define RT_SA_RESETHAND 0x80000000ull
#define RT_SA_RESTORER 0x04000000ull
/* The host signal zarm interrupts one of its threads with (a guest handler for
 * this signal sent from outside the process is not told apart from it).  Not 63 or
 * 64: qemu-user, which runs zarm's cross builds in the tests, cannot deliver those. */
#define RT_KICK_SIGNAL 62

bool rt_signal_default_ignores(int sig);
/* siginfo in the guest layout: signo and code; with the sender's pid and uid. */
void rt_siginfo_make(uint8_t *info, int sig, int code);
void rt_siginfo_sender(uint8_t *info, int sig, int code);
/* Dequeues the lowest pending signal of t in want (thread-directed first);
 * 0 if none, else the signal with its siginfo in info. */
int rt_signal_take(struct zarm_user *u, struct rt_thread *t, uint64_t want, uint8_t *info);
/* Forgets the queued further instances of real-time signal sig (it became ignored). */
void rt_signal_drop_queued(struct zarm_user *u, int sig);
/* The signal the run loop would deliver to t next, 0 if none. */
int rt_signal_next(struct zarm_user *u, struct rt_thread *t);
/* Kicks a thread that can take a pending process-directed signal. */
void rt_signal_route(struct zarm_user *u);
/* Around execve: before (true), the host mask becomes the guest's blocked mask, which
 * the new program (zarm again, or a host program) starts with; after a failed execve
 * (false), the host mask is empty again. */
void rt_signal_exec(struct zarm_user *u, bool before);
/* Sleeps until t has a pending signal in want (0), the CLOCK_MONOTONIC deadline
 * passes (-EAGAIN) or the thread or process ends (-EINTR). */
int rt_signal_wait(struct zarm_user *u, struct rt_thread *t, uint64_t want,
                   const struct timespec *deadline);
#endif
