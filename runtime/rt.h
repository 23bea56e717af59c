/* runtime/: the user-mode process around the engines: guest address space,
 * loader, syscalls, the block cache and the run loop.  The only layer that knows
 * every engine. */
#ifndef ZARM_RUNTIME_RT_H
#define ZARM_RUNTIME_RT_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "backend-s390x/jit.h"
#include "ir/env.h"
#include "ir/interp.h"
#include "ir/translate.h"
#include "zarm/zarm.h"

/* A mapping keeps its file's whole path (sysroot paths are long), as Linux shows it. */
#define RT_VMA_NAME 4096
#define RT_PAGE 4096ull
#define RT_PAGE_ALIGN(x) (((x) + RT_PAGE - 1) & ~(RT_PAGE - 1))
#define RT_DEFAULT_MEM_SIZE (4ull << 30)
/* Tiering: the default number of interpreted runs of a block before the JIT compiles it. */
#define RT_JIT_HOT_DEFAULT 32
/* The JIT's pin profile (s390_jit_profile_pins): it ends when a compiled block has run this
 * many times; $ZARM_JIT_PIN_RUNS (0: no profile, the default pins throughout). */
#define RT_JIT_PIN_RUNS 2048
/* Runs of a block in the interpreter's first tier (its IR run as built) before it is lowered
 * (the interpreter engine; the JIT's first tier waits for jit_hot instead); $ZARM_INTERP_WARM
 * overrides it. */
#define RT_WARM_RUNS 16
/* PROT_NONE bytes on each side of the guest window (backend-s390x/README.md). */
#define RT_GUARD (64ull << 10)
#define RT_MEM_SIDE (64ull << 10)
#define RT_MEM_SIDE_DISP (RT_GUARD + RT_MEM_SIDE)
/* Size of the JIT code cache; when full, every translation is dropped. */
#define RT_JIT_CODE_BYTES (32ull << 20)

/* Guest protection bits are Linux's PROT_* values (the same on arm64 and hosts). */
struct rt_vma {
    uint64_t start, end; /* guest addresses, page aligned, end exclusive */
    int prot;
    char name[RT_VMA_NAME]; /* [heap], [stack], or the file, for /proc/self/maps */
    struct rt_vma *next; /* sorted by start */
};

struct rt_mem {
    /* Guest threads share the address space: `lock` guards the VMA list and is a leaf (held
     * only inside the rt_mem_* calls and short walks of the list, never while taking another
     * lock); `mm_lock` makes a whole memory syscall (find a range, map it, fill it, invalidate)
     * one step for the other threads. */
    pthread_mutex_t lock, mm_lock;
    uint8_t *base;     /* host address of guest address 0 */
    uint8_t *side;     /* RT_MEM_SIDE bytes of host memory (RW) below the lower guard, at
                        * base - RT_MEM_SIDE_DISP: the JIT's indirect-branch cache */
    uint64_t size;     /* bytes of guest address space */
    struct rt_vma *vmas;
    uint64_t brk_start, brk_cur, brk_mapped;
    uint64_t mmap_top; /* new anonymous mappings are placed below this */
};

int rt_mem_init(struct rt_mem *m, uint64_t size);
/* The VMA list's leaf lock, for code that walks m->vmas itself. */
void rt_mem_lock(const struct rt_mem *m);
void rt_mem_unlock(const struct rt_mem *m);
void rt_mem_destroy(struct rt_mem *m);
/* Maps [addr, addr+len) with prot (anonymous zero pages); replaces what was there. */
int rt_mem_map(struct rt_mem *m, uint64_t addr, uint64_t len, int prot, const char *name);
int rt_mem_unmap(struct rt_mem *m, uint64_t addr, uint64_t len);
int rt_mem_protect(struct rt_mem *m, uint64_t addr, uint64_t len, int prot);
/* A free range of len bytes below mmap_top (hint honoured if free); 0 if none. */
uint64_t rt_mem_find_free(struct rt_mem *m, uint64_t len, uint64_t hint);
/* Protection of the page holding addr, or -1 if unmapped. */
int rt_mem_prot(const struct rt_mem *m, uint64_t addr);
bool rt_mem_range_mapped(const struct rt_mem *m, uint64_t addr, uint64_t len);
static inline void *rt_g2h(const struct rt_mem *m, uint64_t addr) { return m->base + addr; }
/* Copies to/from guest memory; false if the range is not mapped with that access. */
bool rt_copy_to_guest(struct rt_mem *m, uint64_t dst, const void *src, uint64_t len);
bool rt_copy_from_guest(const struct rt_mem *m, void *dst, uint64_t src, uint64_t len);

/* The block cache: translations keyed by guest pc, shared by the engines. */
struct rt_tb {
    uint64_t pc, end;        /* guest bytes [pc, end) the translation came from */
    uint64_t code_hash;      /* xxh3 of those bytes, for -d and checks */
    /* Each engine's code for the block: the JIT's, else (JIT off, or a block it could not
     * compile) the interpreter's. */
    struct ir_iblock *interp;
    struct s390_jit_block *jit;
    /* Guest code the translation also depends on (blocks the JIT looked ahead into for
     * dead-flag elimination: one range per way out, three for a BRCOND2): invalidating it
     * drops this block too. */
#define RT_TB_DEPS 3
    uint64_t dep_pc[RT_TB_DEPS], dep_end[RT_TB_DEPS];
    /* Tiering: the JIT was asked for this block and could not compile it (it stays in the
     * interpreter, with no counter). */
    bool no_jit;
    bool waited; /* its compilation was put off once (it reads its predecessor's flags) */
    /* interp is the first tier's IR as built (ir_interp_keep_raw): once its counter runs out,
     * the block is lowered or compiled (run.c, warm_up and promote). */
    bool cold;
    bool interp_inline; /* interp lives in this allocation, after the rt_tb */
    struct rt_tb *next;      /* hash chain, or the retired list */
    uint64_t dropped_gen;    /* the cache generation it was dropped in (retired list) */
};

struct rt_cache {
    struct rt_tb **bucket;
    uint32_t nbuckets;
    uint64_t count;
    uint64_t bytes;
    volatile uint64_t gen;   /* bumped on every invalidation; stales chained links */
    struct s390_jit *jit;    /* the JIT's code cache, when the JIT is the engine */
    /* Lookahead answers (does the block at pc write NZCV before reading it?), cleared by
     * every invalidation. */
    struct rt_nzcv_entry {
        uint64_t pc, end, next, next2;
        int dead; /* -1 = empty */
    } nzcv[1024];
    /* IR blocks the lookahead translated, kept for their own translation (which usually
     * follows: the successor of straight-line code); dropped by every invalidation. */
    struct ir_block ahead[4];
    bool ahead_valid[4];
    unsigned ahead_next;
    uint64_t translated, dropped, invalidations;
    /* Dropped translations another guest thread may still run (defer_free: there are
     * threads), freed by rt_cache_reap once every thread has seen a later generation. */
    bool defer_free;
    struct rt_tb *retired;
    /* Guest code any translation or lookahead answer came from lies in [code_lo, code_hi):
     * an invalidation outside it (a data mapping going away) has nothing to look at. */
    uint64_t code_lo, code_hi;
};

static inline void rt_cache_note_code(struct rt_cache *c, uint64_t lo, uint64_t hi)
{
    c->code_lo = lo < c->code_lo ? lo : c->code_lo;
    c->code_hi = hi > c->code_hi ? hi : c->code_hi;
}

int rt_cache_init(struct rt_cache *c);
void rt_cache_destroy(struct rt_cache *c);
struct rt_tb *rt_cache_find(struct rt_cache *c, uint64_t pc);
void rt_cache_insert(struct rt_cache *c, struct rt_tb *tb);
/* Drops translations overlapping [addr, addr+len); returns how many. */
uint64_t rt_cache_invalidate(struct rt_cache *c, uint64_t addr, uint64_t len);
/* The same path for code the JIT must make again though the guest code is unchanged (its
 * global pins changed): drops every translation holding JIT code, which the dispatcher then
 * translates again; interpreted ones stay. */
uint64_t rt_cache_drop_jit(struct rt_cache *c);
/* Ends the JIT's pin profile with the counts it has (run.c), before a second thread exists:
 * after that no flush may drop code another thread could be running, and the blocks' run
 * counters would stay. */
void rt_jit_end_pin_profile(struct zarm_user *u);
/* The JIT's code tests for stop requests from now on (a second thread, a signal handler). */
void rt_jit_need_polls(struct zarm_user *u);
/* Gives tb new interpreter code blk and stales chained links; the old code, which another thread
 * may be running, is retired like a dropped block's, or stays in tb's allocation until tb goes
 * (interp_inline). */
void rt_cache_replace_interp(struct rt_cache *c, struct rt_tb *tb, struct ir_iblock *blk);
/* Frees the retired translations dropped before generation gen. */
void rt_cache_reap(struct rt_cache *c, uint64_t gen);
/* Frees the lookahead's IR blocks. */
void rt_cache_drop_ahead(struct rt_cache *c);

/* Signal state the guest set through rt_sigaction (process-wide), kept for
 * delivery (signal_deliver.c).  Values are host-endian; masks have bit (sig - 1)
 * for signal sig, as the arm64 kernel's sigset_t. */
#define RT_NSIG 64
#define RT_SIGINFO_SIZE 128 /* arm64 siginfo_t, stored in its guest (LE) layout */
struct rt_sigaction_rec {
    uint64_t handler, flags, restorer, mask;
};
struct rt_signals {
    struct rt_sigaction_rec act[RT_NSIG + 1]; /* indexed by signal number 1..64 */
    volatile uint64_t pending;       /* process-directed, awaiting a thread */
    uint8_t info[RT_NSIG + 1][RT_SIGINFO_SIZE];
    uint64_t trampoline;             /* guest page with `mov x8,#139; svc #0`, 0 until made */
    /* Further instances of real-time signals already pending (Linux queues them, each with
     * its siginfo), oldest first; t is the target thread, NULL for the process. */
    struct rt_sigqueued {
        struct rt_thread *t;
        int sig;
        uint8_t info[RT_SIGINFO_SIZE];
        struct rt_sigqueued *next;
    } *queue;
    unsigned queued;
    pthread_mutex_t queue_lock;      /* real-time signals' pending bits, slots and queue */
};
#define RT_SIGRTMIN 32
#define RT_SIGQUEUE_MAX 4096

/* One guest thread (vCPU): its engine context and its per-thread signal state.
 * The thread running guest code reaches its own through rt_self. */
struct rt_thread {
    struct zarm_user *u;
    struct ir_env *env;
    int tid;                         /* host tid = guest tid */
    uint64_t blocked;
    volatile uint64_t pending;       /* thread-directed */
    uint8_t info[RT_NSIG + 1][RT_SIGINFO_SIZE];
    uint64_t altstack_sp, altstack_size;
    uint32_t altstack_flags;         /* SS_AUTODISARM as the guest gave it */
    uint64_t clear_tid;              /* CLONE_CHILD_CLEARTID / set_tid_address */
    volatile int host_signalled;     /* a host signal arrived (a host call may say EINTR) */
    bool exited;                     /* this thread ended (exit) */
    bool live;                       /* its host thread runs (kicks are safe) */
    /* The cache generation when it last ran no translated code (~0: in a syscall). */
    volatile uint64_t quiescent_gen;
    int exit_code;
    pthread_t host;
    bool in_sigsuspend;              /* restore saved_mask after the handler's frame is built */
    uint64_t saved_mask;
    struct rt_thread *next;
};
extern __thread struct rt_thread *rt_self;

struct zarm_user {
    struct zarm_user_options opt;
    char err[512];
    enum zarm_engine engine;
    struct rt_mem mem;
    struct rt_cache cache;
    struct ir_env *env;
    struct ir_features feat;
    FILE *log;
    void *capstone; /* csh, opened when -d in_asm is on */
    void *capstone_host; /* csh for -d out_asm of JIT code */
    /* Process facts the syscalls answer. */
    char exe_path[4096];
    uint64_t entry, phdr, phnum, load_bias, interp_base;
    uint64_t auxv_addr, auxv_len;
    uint64_t tid_address;
    uint64_t robust_list, robust_len;
    char comm[16];                   /* PR_SET_NAME / PR_GET_NAME */
    struct rt_signals sig;
    /* Guest threads: main is the one zarm_user_run runs; threads lists all live ones. */
    struct rt_thread main;
    struct rt_thread *threads;
    pthread_mutex_t threads_lock;
    pthread_cond_t threads_cv;       /* nthreads changed */
    /* Serialises translation, insertion, linking and invalidation of the block cache. */
    pthread_mutex_t cache_lock;
    volatile int nthreads;
    volatile bool exited;
    int exit_status;
    int term_signal;                 /* the signal whose default action ended the guest */
    struct rt_hw *hw; /* the hardware engine (hw.c), when it runs the guest */
    uint64_t syscalls, engine_exits;
    /* Tiering (run.c): with the JIT, a block runs this many times in the interpreter before
     * it is compiled; 0 = compiled at once.  Without it, a block runs this many times in the
     * interpreter's first tier before it is lowered (interp_warm; 0 = lowered at once). */
    uint32_t jit_hot, interp_warm;
};

/* The vCPU context of the calling guest thread. */
static inline struct ir_env *rt_env(struct zarm_user *u) { return rt_self ? rt_self->env : u->env; }

int rt_error(struct zarm_user *u, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void rt_log(struct zarm_user *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Loader (loader.c): maps the executable (and its interpreter), builds the stack. */
int rt_load(struct zarm_user *u, const char *path, char *const argv[], char *const envp[]);
/* Syscalls (syscall.c): handles the SVC at env->cpu; x0 gets the result. */
void rt_syscall(struct zarm_user *u);
/* A synchronous signal from the current instruction (fault, UDF, BRK): delivered
 * to the guest's handler, or the guest dies of it (signal_deliver.c). */
void rt_guest_signal(struct zarm_user *u, int sig, uint64_t addr);
/* Delivers pending signals the calling thread does not block (run loop). */
void rt_signal_deliver(struct zarm_user *u);
/* Records sig with siginfo info (guest layout) as pending for thread t, or for the
 * process if t is NULL, and wakes a thread to take it. */
void rt_signal_post(struct zarm_user *u, struct rt_thread *t, int sig, const uint8_t *info);
/* Makes the host disposition of sig follow the guest's (after rt_sigaction). */
void rt_signal_host_sync(struct zarm_user *u, int sig);
/* Initialises signal and thread handling for zarm_user_run. */
void rt_signal_init(struct zarm_user *u);
/* Builds the rt_sigframe for sig on the guest stack and enters the handler; false if
 * the frame cannot be written (signal_frame.c). */
bool rt_signal_frame_setup(struct zarm_user *u, int sig, const uint8_t *info, uint64_t old_mask);
/* The exact host address of a host fault in zarm's code, from the reported one and the
 * signal's ucontext (fault_addr.c: s390x reports only the page). */
uintptr_t rt_host_fault_addr(void *ucontext, uintptr_t reported);
/* Maps the sigreturn trampoline page; its guest address, 0 if it cannot. */
uint64_t rt_signal_frame_init(struct zarm_user *u);
/* rt_sigreturn: restores the state the frame at sp holds; false if it is bad. */
bool rt_signal_frame_restore(struct zarm_user *u);
/* Threads (thread.c): runs the calling thread's guest code until it or the process ends. */
void rt_thread_loop(struct zarm_user *u, struct rt_thread *t);
/* zarm_user_run's thread becomes the main guest thread; when its loop ends,
 * rt_thread_end, then rt_thread_wait_all waits for the others. */
void rt_thread_start_main(struct zarm_user *u);
void rt_thread_end(struct zarm_user *u, struct rt_thread *t);
void rt_thread_wait_all(struct zarm_user *u);
/* clone with CLONE_THREAD. */
int64_t rt_thread_clone(struct zarm_user *u, const uint64_t a[6]);
/* The thread ends (exit); with group, the whole process (exit_group). */
void rt_thread_exit(struct zarm_user *u, int status, bool group);
/* Interrupts thread t: its engine stops at the next block, a blocking host call returns. */
void rt_thread_kick(struct rt_thread *t);
/* Finds a live thread by tid, NULL if none. */
struct rt_thread *rt_thread_find(struct zarm_user *u, int tid);
/* -d in_asm: the guest instructions of a block at pc, len bytes but for the gap_len bytes at
 * pc + gap_at that it jumped over (ir_block). */
void rt_log_in_asm(struct zarm_user *u, uint64_t pc, uint64_t len, uint32_t gap_at,
                   uint32_t gap_len);
void rt_disasm_close(struct zarm_user *u);
/* Prints JIT code for -d out_asm (capstone SystemZ; .long for what it does not know). */
void rt_log_out_asm_s390(struct zarm_user *u, const struct s390_jit_block *blk);
void rt_disasm_host_close(struct zarm_user *u);

#endif
