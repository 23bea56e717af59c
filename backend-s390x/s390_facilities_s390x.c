/* STFLE on an s390x host (compiled only when ZARM_HOST is s390x). */
#include "backend-s390x/s390_facilities.h"

int s390_facilities_probe_host(uint64_t *list, int max) {
    uint64_t buf[S390_STFLE_DWORDS] = {0};
    if (max > S390_STFLE_DWORDS)
        max = S390_STFLE_DWORDS;
    /* R0 bits 56-63: doublewords to store - 1 in, doublewords the machine has - 1 out. */
    register uint64_t r0 __asm__("0") = (uint64_t)(max - 1);
    __asm__ volatile("stfle %0" : "=Q"(buf), "+d"(r0) : : "memory", "cc");
    int n = (int)(r0 & 0xff) + 1;
    if (n > max)
        n = max;
    for (int i = 0; i < n; i++)
        list[i] = buf[i];
    return n;
}
