/* The hardware path on an s390x host: IBM's "KVM: s390: Introduce arm64 KVM" series.
 *
 * Assumed about the series (v1-v4, 2026; where to change it if it moves):
 *  - the machine has the arm-execution facility when AT_HWCAP has HWCAP_SAE, bit 23 ("sae" in
 *    /proc/cpuinfo) -- kvm_host_probe below;
 *  - the arm64 KVM is a separate device node, /dev/kvm-arm64 (s390's own /dev/kvm runs s390
 *    guests and is never tried) -- kvm_host_devices below;
 *  - ioctl numbers, structures and register ids are arm64's (hwassist/kvm_uapi.h), a 128-bit
 *    ONE_REG value is a host-endian __uint128_t (kvm_vm.c, reg_v), and the MMIO data of a
 *    doorbell is in guest byte order;
 *  - only core registers cross ONE_REG, KVM_CHECK_EXTENSION under-reports (never consulted),
 *    trapped ID/cache-type registers and SMC hang the vCPU (the EL1 stub and the SCTLR_EL1 it
 *    sets keep EL0 from reaching them on the hardware: they trap to EL1 and are handed over).
 */
#include <sys/auxv.h>
#include <unistd.h>

#include "kvm.h"

#define HWCAP_S390_SAE (1ul << 23)

const char *const kvm_host_devices[] = {"/dev/kvm-arm64", NULL};

int kvm_host_probe(const char **why_not)
{
    if (!(getauxval(AT_HWCAP) & HWCAP_S390_SAE)) {
        *why_not = "this s390x has no arm-execution facility (hwcap sae)";
        return -1;
    }
    if (access("/dev/kvm-arm64", R_OK | W_OK) != 0) {
        *why_not = "no usable /dev/kvm-arm64 (is the kvm-arm64 module loaded?)";
        return -1;
    }
    return 0;
}

/* s390 keeps instruction fetch coherent with stores; assumed to hold for arm execution. */
void kvm_host_sync_icache(void *host_ptr, size_t len)
{
    (void)host_ptr;
    (void)len;
}
