/* Hosts without an arm64 KVM (x86_64...): the hardware path compiles and says why it is off. */
#include <stddef.h>

#include "kvm.h"

const char *const kvm_host_devices[] = {NULL};

int kvm_host_probe(const char **why_not)
{
    *why_not = "no arm64 KVM on this host (needs an arm64 host, or s390x with IBM's arm64 KVM)";
    return -1;
}

void kvm_host_sync_icache(void *host_ptr, size_t len)
{
    (void)host_ptr;
    (void)len;
}
