/* The syscall layer's internal interface: handler prototypes from
 * syscalls.def, guest-memory access for handlers, and the arm64 ABI structure
 * conversions (syscall_abi.c).
 *
 * Rules every handler follows:
 *  - host work goes through the host libc, never raw host syscall numbers, so
 *    the same code serves x86_64, s390x and arm64 hosts;
 *  - a structure the guest sees is built field by field in its arm64 layout
 *    with ir/endian.h (guest memory is little-endian, the host may not be);
 *  - a bad guest pointer answers -EFAULT, never a host fault. */
#ifndef ZARM_RUNTIME_SYSCALL_H
#define ZARM_RUNTIME_SYSCALL_H
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>

#include "ir/endian.h"
#include "rt.h"

#define SYSCALL(nr, name, args) int64_t rt_sys_##name(struct zarm_user *u, const uint64_t a[6]);
#include "syscalls.def"
#undef SYSCALL

/* A host errno as the negative arm64 errno (the numbers agree on Linux hosts). */
static inline int64_t rt_errno(int e) { return -(int64_t)e; }
/* The result of a libc call that returns -1 and sets errno on failure. */
static inline int64_t rt_ret(int64_t r) { return r < 0 ? -(int64_t)errno : r; }

/* ---- guest memory for handlers (syscall.c) ---- */

/* Host pointer for a guest buffer the host kernel will read or write directly
 * (read, write, getrandom...): NULL unless [addr, addr+len) lies inside the
 * guest window.  Pages of the window the guest has not mapped are PROT_NONE
 * on the host, so the host call itself then fails with EFAULT, as the arm64
 * kernel would; a zero length gives a valid pointer. */
void *rt_sys_buf(struct zarm_user *u, uint64_t addr, uint64_t len);
/* Copies a NUL-terminated guest string; 0, -EFAULT or -ENAMETOOLONG. */
int rt_sys_string(struct zarm_user *u, uint64_t addr, char *buf, size_t size);
/* A guest path as the host path to use: -L sysroot first for absolute paths
 * that exist there (as qemu-user does), /proc/self/exe as the guest program. */
int rt_sys_path(struct zarm_user *u, uint64_t addr, char *buf, size_t size);
/* True if path names the guest's own executable through /proc. */
bool rt_sys_is_proc_exe(const char *path);
/* Guest fd argument as a host int (the kernel takes the low 32 bits). */
static inline int rt_fd(uint64_t v) { return (int)(int32_t)v; }

/* ---- arm64 ABI values that differ from some hosts ---- */

/* open(2) flags: arm64 uses the values of asm-generic/fcntl.h except these
 * four (arch/arm64/include/uapi/asm/fcntl.h); x86_64 and s390x differ. */
#define GUEST_O_DIRECTORY 0040000u
#define GUEST_O_NOFOLLOW 0100000u
#define GUEST_O_DIRECT 0200000u
#define GUEST_O_LARGEFILE 0400000u

uint32_t rt_open_flags_to_host(uint32_t guest);
uint32_t rt_open_flags_from_host(uint32_t host);

/* ---- arm64 structure layouts (syscall_abi.c), sizes in bytes ---- */

#define ARM64_STAT_SIZE 128    /* asm-generic struct stat */
#define ARM64_STATX_SIZE 256   /* struct statx (the same on every arch) */
#define ARM64_STATFS_SIZE 120  /* asm-generic struct statfs, 64-bit words */
#define ARM64_TIMESPEC_SIZE 16 /* struct __kernel_timespec */
#define ARM64_TIMEVAL_SIZE 16
#define ARM64_RUSAGE_SIZE 144
#define ARM64_SYSINFO_SIZE 112
#define ARM64_TMS_SIZE 32
#define ARM64_TERMIOS_SIZE 36  /* the kernel's struct termios, NCCS 19 */
#define ARM64_FLOCK_SIZE 32
#define ARM64_SIGACTION_SIZE 32
#define ARM64_STACK_T_SIZE 24
#define ARM64_NCCS 19

void rt_abi_put_stat(uint8_t *out, const struct stat *st);
struct statx;
void rt_abi_put_statx(uint8_t *out, const struct statx *sx);
void rt_abi_put_statfs(uint8_t *out, const struct statfs *sf);
void rt_abi_put_timespec(uint8_t *out, const struct timespec *ts);
/* Reads a guest timespec; -EINVAL if tv_nsec is out of range (unless
 * allow_omit and it is UTIME_NOW or UTIME_OMIT). */
int rt_abi_get_timespec(const uint8_t *in, struct timespec *ts, bool allow_omit);
struct timeval;
void rt_abi_put_timeval(uint8_t *out, const struct timeval *tv);
struct rusage;
void rt_abi_put_rusage(uint8_t *out, const struct rusage *ru);
struct sysinfo;
void rt_abi_put_sysinfo(uint8_t *out, const struct sysinfo *si);
struct tms;
void rt_abi_put_tms(uint8_t *out, const struct tms *t);
struct termios;
void rt_abi_put_termios(uint8_t *out, const struct termios *t);
void rt_abi_get_termios(const uint8_t *in, struct termios *t);
struct flock;
void rt_abi_put_flock(uint8_t *out, const struct flock *fl);
void rt_abi_get_flock(const uint8_t *in, struct flock *fl);
/* Rewrites n bytes of host linux_dirent64 records in place for the guest
 * (the layout is the same on every arch; the byte order may not be). */
void rt_abi_fix_dirents(uint8_t *buf, size_t n);

/* Guest timespec at addr; 0, -EFAULT or -EINVAL. */
int rt_sys_get_timespec(struct zarm_user *u, uint64_t addr, struct timespec *ts);
/* Writes a timespec to the guest; 0 or -EFAULT. */
int rt_sys_put_timespec(struct zarm_user *u, uint64_t addr, const struct timespec *ts);

/* Descriptors whose reads need converting (syscall_poll.c): the dispatcher
 * offers each call to rt_sys_fd_hook first (true: handled, result in *r) and
 * tells rt_sys_fd_after the result, for dup and close bookkeeping. */
bool rt_sys_fd_hook(struct zarm_user *u, uint64_t nr, const uint64_t a[6], int64_t *r);
void rt_sys_fd_after(struct zarm_user *u, uint64_t nr, const uint64_t a[6], int64_t r);
/* struct itimerspec (interval, then value) from and to the guest; 0,
 * -EFAULT or -EINVAL (syscall_poll.c). */
struct itimerspec;
int rt_sys_get_itimerspec(struct zarm_user *u, uint64_t addr, struct itimerspec *it);
int rt_sys_put_itimerspec(struct zarm_user *u, uint64_t addr, const struct itimerspec *it);

/* Raises sig in the guest process as kill(getpid(), sig) would (syscall_signal.c). */
int64_t rt_sys_raise(struct zarm_user *u, int sig);
#endif
