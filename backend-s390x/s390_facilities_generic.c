/* Hosts that are not s390x have no s390x facilities (the JIT's code cannot run there). */
#include "backend-s390x/s390_facilities.h"

int s390_facilities_probe_host(uint64_t *list, int max) {
    (void)list;
    (void)max;
    return 0;
}
