/* Syscall handlers called directly on a zarm process with a hand-made
 * address space: bad guest pointers answer -EFAULT, the mmap family keeps
 * the map and drops translations through zarm_invalidate, brk grows and
 * shrinks, and results land in guest memory in the arm64 layout. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/signals.h"
#include "runtime/syscall.h"

static struct zarm_user *u;
#define DATA 0x100000ull /* a read-write page */
#define RO 0x200000ull   /* a read-only page */

static void setup(void)
{
    struct zarm_user_options o;
    zarm_user_options_init(&o);
    o.guest_mem_size = 1ull << 30;
    cr_assert_eq(zarm_user_create(&o, &u), ZARM_OK);
    cr_assert_eq(rt_mem_map(&u->mem, DATA, RT_PAGE, PROT_READ | PROT_WRITE, "data"), 0);
    cr_assert_eq(rt_mem_map(&u->mem, RO, RT_PAGE, PROT_READ, "ro"), 0);
    u->mem.brk_start = u->mem.brk_cur = u->mem.brk_mapped = 0x300000;
    /* The calling thread is the guest's main thread, as in zarm_user_run. */
    u->main.u = u;
    u->main.env = u->env;
    u->main.tid = (int)gettid();
    rt_self = &u->main;
}

static void teardown(void) { zarm_user_destroy(u); }

static uint64_t le(uint64_t addr, unsigned size)
{
    const uint8_t *p = rt_g2h(&u->mem, addr);
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* A fake translation covering [pc, pc+4), to see invalidation drop it. */
static void add_tb(uint64_t pc)
{
    struct rt_tb *tb = calloc(1, sizeof *tb);
    tb->pc = pc;
    tb->end = pc + 4;
    rt_cache_insert(&u->cache, tb);
}

TestSuite(syscall_handlers, .init = setup, .fini = teardown);

Test(syscall_handlers, bad_pointers_are_efault)
{
    const uint64_t fstat_args[6] = {0, 0x5000, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_fstat(u, fstat_args), -EFAULT);
    const uint64_t fstat_ro[6] = {0, RO, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_fstat(u, fstat_ro), -EFAULT);
    const uint64_t open_args[6] = {(uint64_t)-100, 0x5000, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_openat(u, open_args), -EFAULT);
    const uint64_t write_args[6] = {1, 0x5000, 10, 0, 0, 0};
    cr_assert_eq(rt_sys_write(u, write_args), -EFAULT);
    const uint64_t beyond[6] = {1, 1ull << 40, 10, 0, 0, 0};
    cr_assert_eq(rt_sys_write(u, beyond), -EFAULT);
    const uint64_t uname_args[6] = {RO, 0, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_uname(u, uname_args), -EFAULT);
    const uint64_t ts_args[6] = {1, DATA + RT_PAGE - 8, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_clock_gettime(u, ts_args), -EFAULT); /* straddles the page end */
}

Test(syscall_handlers, uname_and_clock_in_guest_memory)
{
    const uint64_t a[6] = {DATA, 0, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_uname(u, a), 0);
    cr_assert_str_eq((char *)rt_g2h(&u->mem, DATA), "Linux");
    cr_assert_str_eq((char *)rt_g2h(&u->mem, DATA + 4 * 65), "aarch64");
    const uint64_t c[6] = {1 /* CLOCK_MONOTONIC */, DATA, 0, 0, 0, 0};
    struct timespec before, after;
    clock_gettime(CLOCK_MONOTONIC, &before);
    cr_assert_eq(rt_sys_clock_gettime(u, c), 0);
    clock_gettime(CLOCK_MONOTONIC, &after);
    cr_assert_geq(le(DATA, 8), (uint64_t)before.tv_sec);
    cr_assert_leq(le(DATA, 8), (uint64_t)after.tv_sec);
    cr_assert_lt(le(DATA + 8, 8), 1000000000ull);
}

Test(syscall_handlers, mmap_placement_and_errors)
{
    const uint64_t anon[6] = {0, 3 * RT_PAGE, PROT_READ | PROT_WRITE, 0x22, (uint64_t)-1, 0};
    int64_t a = rt_sys_mmap(u, anon);
    cr_assert_gt(a, 0);
    cr_assert_eq(a & (RT_PAGE - 1), 0);
    cr_assert(rt_mem_range_mapped(&u->mem, (uint64_t)a, 3 * RT_PAGE));
    cr_assert_eq(rt_mem_prot(&u->mem, (uint64_t)a), PROT_READ | PROT_WRITE);
    /* MAP_FIXED_NOREPLACE over it fails; MAP_FIXED replaces it. */
    const uint64_t noreplace[6] = {(uint64_t)a, RT_PAGE, PROT_READ, 0x100022, (uint64_t)-1, 0};
    cr_assert_eq(rt_sys_mmap(u, noreplace), -EEXIST);
    add_tb((uint64_t)a);
    uint64_t inval = u->cache.invalidations;
    const uint64_t fixed[6] = {(uint64_t)a, RT_PAGE, PROT_READ | PROT_EXEC, 0x32, (uint64_t)-1, 0};
    cr_assert_eq(rt_sys_mmap(u, fixed), a);
    cr_assert_eq(u->cache.invalidations, inval + 1);
    cr_assert_eq(rt_mem_prot(&u->mem, (uint64_t)a), PROT_READ | PROT_EXEC);
    const uint64_t zero_len[6] = {0, 0, PROT_READ, 0x22, (uint64_t)-1, 0};
    cr_assert_eq(rt_sys_mmap(u, zero_len), -EINVAL);
    const uint64_t bad_off[6] = {0, RT_PAGE, PROT_READ, 0x22, (uint64_t)-1, 100};
    cr_assert_eq(rt_sys_mmap(u, bad_off), -EINVAL);
    const uint64_t no_type[6] = {0, RT_PAGE, PROT_READ, 0x20, (uint64_t)-1, 0};
    cr_assert_eq(rt_sys_mmap(u, no_type), -EINVAL);
    const uint64_t bad_fd[6] = {0, RT_PAGE, PROT_READ, 0x02, 9999, 0};
    cr_assert_eq(rt_sys_mmap(u, bad_fd), -EBADF);
}

Test(syscall_handlers, munmap_mprotect_invalidate)
{
    const uint64_t anon[6] = {0, 2 * RT_PAGE, PROT_READ | PROT_EXEC, 0x22, (uint64_t)-1, 0};
    int64_t a = rt_sys_mmap(u, anon);
    cr_assert_gt(a, 0);
    add_tb((uint64_t)a + 16);
    uint64_t inval = u->cache.invalidations;
    const uint64_t prot[6] = {(uint64_t)a, RT_PAGE, PROT_READ | PROT_WRITE, 0, 0, 0};
    cr_assert_eq(rt_sys_mprotect(u, prot), 0);
    cr_assert_eq(u->cache.invalidations, inval + 1);
    add_tb((uint64_t)a + RT_PAGE);
    const uint64_t un[6] = {(uint64_t)a + RT_PAGE, RT_PAGE, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_munmap(u, un), 0);
    cr_assert_eq(u->cache.invalidations, inval + 2);
    cr_assert_eq(rt_mem_prot(&u->mem, (uint64_t)a + RT_PAGE), -1);
    const uint64_t unaligned[6] = {(uint64_t)a + 1, RT_PAGE, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_munmap(u, unaligned), -EINVAL);
    const uint64_t gone[6] = {(uint64_t)a + RT_PAGE, RT_PAGE, PROT_READ, 0, 0, 0};
    cr_assert_eq(rt_sys_mprotect(u, gone), -ENOMEM);
}

Test(syscall_handlers, mremap_moves_contents)
{
    const uint64_t anon[6] = {0, RT_PAGE, PROT_READ | PROT_WRITE, 0x22, (uint64_t)-1, 0};
    int64_t a = rt_sys_mmap(u, anon);
    cr_assert_gt(a, 0);
    memcpy(rt_g2h(&u->mem, (uint64_t)a), "contents", 9);
    /* Block the page after it so that growing has to move. */
    const uint64_t block[6] = {(uint64_t)a + RT_PAGE, RT_PAGE, PROT_READ, 0x100022,
                               (uint64_t)-1, 0};
    cr_assert_eq(rt_sys_mmap(u, block), a + (int64_t)RT_PAGE);
    const uint64_t stay[6] = {(uint64_t)a, RT_PAGE, 4 * RT_PAGE, 0, 0, 0};
    cr_assert_eq(rt_sys_mremap(u, stay), -ENOMEM);
    const uint64_t move[6] = {(uint64_t)a, RT_PAGE, 4 * RT_PAGE, 1, 0, 0};
    int64_t b = rt_sys_mremap(u, move);
    cr_assert_gt(b, 0);
    cr_assert_neq(b, a);
    cr_assert_str_eq((char *)rt_g2h(&u->mem, (uint64_t)b), "contents");
    cr_assert(rt_mem_range_mapped(&u->mem, (uint64_t)b, 4 * RT_PAGE));
    cr_assert_eq(rt_mem_prot(&u->mem, (uint64_t)a), -1);
}

Test(syscall_handlers, brk_grows_and_shrinks)
{
    const uint64_t query[6] = {0};
    cr_assert_eq(rt_sys_brk(u, query), 0x300000);
    const uint64_t grow[6] = {0x300000 + 3 * RT_PAGE + 5, 0, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_brk(u, grow), 0x300000 + 3 * RT_PAGE + 5);
    cr_assert(rt_mem_range_mapped(&u->mem, 0x300000, 4 * RT_PAGE));
    const uint64_t shrink[6] = {0x300000 + RT_PAGE, 0, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_brk(u, shrink), 0x300000 + RT_PAGE);
    cr_assert_eq(rt_mem_prot(&u->mem, 0x300000 + 2 * RT_PAGE), -1);
    /* Something in the way: the break stays. */
    cr_assert_eq(rt_mem_map(&u->mem, 0x300000 + 8 * RT_PAGE, RT_PAGE, PROT_READ, "x"), 0);
    const uint64_t blocked[6] = {0x300000 + 10 * RT_PAGE, 0, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_brk(u, blocked), 0x300000 + RT_PAGE);
}

Test(syscall_handlers, signal_state)
{
    /* rt_sigaction(SIGUSR1, act, oldact, 8): handler 0x1234, flags, restorer, mask. */
    uint8_t *p = rt_g2h(&u->mem, DATA);
    memset(p, 0, 64);
    p[0] = 0x34;
    p[1] = 0x12;
    p[8] = 0x01;
    p[24] = 0xff;
    p[25] = 0xff; /* mask includes SIGKILL (bit 8), which is dropped */
    const uint64_t set[6] = {10, DATA, DATA + 32, 8, 0, 0};
    cr_assert_eq(rt_sys_rt_sigaction(u, set), 0);
    cr_assert_eq(le(DATA + 32, 8), 0); /* the old handler: SIG_DFL */
    const uint64_t get[6] = {10, 0, DATA + 32, 8, 0, 0};
    cr_assert_eq(rt_sys_rt_sigaction(u, get), 0);
    cr_assert_eq(le(DATA + 32, 8), 0x1234);
    cr_assert_eq(le(DATA + 40, 8), 1);
    cr_assert_eq(le(DATA + 56, 8), 0xffffu & ~(1u << 8));
    const uint64_t kill9[6] = {9, DATA, 0, 8, 0, 0};
    cr_assert_eq(rt_sys_rt_sigaction(u, kill9), -EINVAL);
    const uint64_t badsize[6] = {10, DATA, 0, 16, 0, 0};
    cr_assert_eq(rt_sys_rt_sigaction(u, badsize), -EINVAL);
    /* A signal the guest sends itself is pending until the run loop delivers it; one with a
     * default action that kills ends the guest with 128+sig. */
    const uint64_t k[6] = {(uint64_t)getpid(), 15, 0, 0, 0, 0};
    cr_assert_eq(rt_sys_kill(u, k), 0);
    cr_assert(!u->exited);
    cr_assert_eq(rt_signal_next(u, &u->main), 15);
    rt_signal_deliver(u);
    cr_assert(u->exited);
    cr_assert_eq(u->exit_status, 128 + 15);
}
