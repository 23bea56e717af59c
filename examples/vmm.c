/* A small VMM on zarm's embedding API (public headers only): RAM at 0x40000000 with a raw
 * bare-metal Arm64 image loaded at its start, a PL011-style UART at 0x09000000 (UARTDR at +0,
 * UARTFR at +0x18 with TXFF always clear) -- the addresses of QEMU's virt board, so the same
 * image runs there too -- and PSCI SYSTEM_OFF to stop.
 *
 *   vmm [--engine=auto|interp|jit|hw] [--stats] guest.bin
 *
 * The guest's UART output goes to stdout; a status line on stderr at the end.  Exit status 0
 * after SYSTEM_OFF, 1 on any other outcome. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zarm/vm.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (64ull << 20)
#define UART_BASE 0x09000000ull
#define UART_SIZE 0x1000ull
#define UARTDR 0x00
#define UARTFR 0x18

struct vmm {
    struct zarm_machine *m;
    struct zarm_vcpu *cpu;
    uint64_t mmio_exits;
};

static int usage(void)
{
    fprintf(stderr, "usage: vmm [--engine=auto|interp|jit|hw] [--stats] guest.bin\n");
    return 2;
}

static int parse_engine(const char *s, enum zarm_engine *e)
{
    static const enum zarm_engine all[] = {ZARM_ENGINE_AUTO, ZARM_ENGINE_INTERP, ZARM_ENGINE_JIT,
                                           ZARM_ENGINE_HW};
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!strcmp(s, zarm_engine_name(all[i]))) {
            *e = all[i];
            return 0;
        }
    return -1;
}

/* Copies the image to the start of RAM; its size, or -1. */
static long load_image(const char *path, void *ram)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t n = fread(ram, 1, RAM_SIZE, f);
    int bad = ferror(f) || !feof(f);
    fclose(f);
    if (bad || n == 0) {
        fprintf(stderr, "%s: unreadable, empty or larger than RAM\n", path);
        return -1;
    }
    return (long)n;
}

/* The UART: a write to UARTDR prints its byte; UARTFR reads 0 (TXFF clear, never busy);
 * other registers read 0 and ignore writes. */
static void uart_access(struct zarm_exit *e)
{
    uint64_t off = e->mmio.addr - UART_BASE;
    if (e->mmio.is_write) {
        if (off == UARTDR)
            putchar((int)(e->mmio.data & 0xff));
        return;
    }
    e->mmio.data = 0;
}

/* Handles one exit; 1 to keep running, 0 when the guest powered off, -1 on failure. */
static int handle_exit(struct vmm *vm, struct zarm_exit *e)
{
    uint64_t x0 = 0, x1 = 0;
    switch (e->reason) {
    case ZARM_EXIT_MMIO:
        vm->mmio_exits++;
        if (e->mmio.addr >= UART_BASE && e->mmio.addr < UART_BASE + UART_SIZE) {
            uart_access(e);
            return 1;
        }
        fprintf(stderr, "vmm: MMIO %s of %u bytes at 0x%llx: no device there\n",
                e->mmio.is_write ? "write" : "read", e->mmio.size,
                (unsigned long long)e->mmio.addr);
        return -1;
    case ZARM_EXIT_HVC:
        zarm_vcpu_get_reg(vm->cpu, ZARM_REG_ID_X0, &x0);
        zarm_vcpu_get_reg(vm->cpu, ZARM_REG_ID_X0 + 1, &x1);
        if (x0 == ZARM_PSCI_SYSTEM_OFF) {
            fflush(stdout);
            fprintf(stderr, "vmm: system off (x1 = %llu)\n", (unsigned long long)x1);
            return 0;
        }
        fprintf(stderr, "vmm: HVC #%u with x0 = 0x%llx: not PSCI SYSTEM_OFF\n", e->exc.imm,
                (unsigned long long)x0);
        return -1;
    case ZARM_EXIT_KICK:
    case ZARM_EXIT_BUDGET:
        return 1;
    case ZARM_EXIT_FAULT:
        fprintf(stderr, "vmm: guest fault at pc 0x%llx: ESR 0x%08x, address 0x%llx\n",
                (unsigned long long)e->pc, e->fault.esr, (unsigned long long)e->fault.addr);
        return -1;
    default:
        fprintf(stderr, "vmm: unexpected exit %u at pc 0x%llx\n", e->reason,
                (unsigned long long)e->pc);
        return -1;
    }
}

static int vmm_run(struct vmm *vm)
{
    for (;;) {
        const struct zarm_exit *e;
        if (zarm_vcpu_run(vm->cpu, &e) != ZARM_OK) {
            fprintf(stderr, "vmm: run: %s\n", zarm_vcpu_error(vm->cpu));
            return -1;
        }
        /* The record is the vCPU's; a read's value goes back through it. */
        int r = handle_exit(vm, zarm_vcpu_exit_record(vm->cpu));
        if (r <= 0)
            return r;
    }
}

int main(int argc, char **argv)
{
    struct zarm_machine_options o;
    zarm_machine_options_init(&o);
    const char *image = NULL;
    int stats = 0;
    for (int i = 1; i < argc; i++) {
        if (!strncmp(argv[i], "--engine=", 9)) {
            if (parse_engine(argv[i] + 9, &o.engine))
                return usage();
        } else if (!strcmp(argv[i], "--stats")) {
            stats = 1;
        } else if (argv[i][0] != '-' && !image) {
            image = argv[i];
        } else {
            return usage();
        }
    }
    if (!image)
        return usage();

    struct vmm vm = {0};
    int status = 1;
    void *ram;
    uint64_t entry = RAM_BASE;
    if (zarm_machine_create(&o, &vm.m) != ZARM_OK) {
        fprintf(stderr, "vmm: %s\n", zarm_machine_error(vm.m));
        goto out_machine;
    }
    if (zarm_machine_map_ram(vm.m, RAM_BASE, RAM_SIZE, ZARM_MEM_RWX, &ram) != ZARM_OK ||
        zarm_vcpu_create(vm.m, &vm.cpu) != ZARM_OK) {
        fprintf(stderr, "vmm: %s\n", zarm_machine_error(vm.m));
        goto out_machine;
    }
    if (load_image(image, ram) < 0)
        goto out_machine;
    /* The guest changed nothing yet, but the VMM wrote code: say so (the one invalidation
     * path; free when nothing was translated). */
    zarm_machine_invalidate(vm.m, RAM_BASE, RAM_SIZE);
    zarm_vcpu_set_reg(vm.cpu, ZARM_REG_ID_PC, &entry);
    if (vmm_run(&vm) == 0)
        status = 0;
    if (stats)
        fprintf(stderr, "vmm: engine %s, %llu guest instructions, %llu MMIO exits\n",
                zarm_engine_name(zarm_machine_engine(vm.m)),
                (unsigned long long)zarm_vcpu_insn_count(vm.cpu),
                (unsigned long long)vm.mmio_exits);
out_machine:
    zarm_machine_destroy(vm.m);
    return status;
}
