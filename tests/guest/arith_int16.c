/* Integer arithmetic at 16 bits, signed and unsigned, including wrap-around
 * (computed in unsigned types so overflow is defined). */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

typedef int16_t S;
typedef uint16_t U;

static U ops(int op, U a, U b)
{
    switch (op) {
    case 0: return (U)(a + b);
    case 1: return (U)(a - b);
    case 2: return (U)(a * b);
    case 3: return (U)(a & b);
    case 4: return (U)(a | b);
    case 5: return (U)(a ^ b);
    case 6: return (U)~a;
    case 7: return (U)(0u - a);
    case 8: return b ? (U)(a / b) : 0;
    case 9: return b ? (U)(a % b) : 0;
    case 10: return (S)b && !((S)a == (S)((U)1 << (16 - 1)) && (S)b == -1) ? (U)((S)a / (S)b) : 0;
    case 11: return (S)b && !((S)a == (S)((U)1 << (16 - 1)) && (S)b == -1) ? (U)((S)a % (S)b) : 0;
    case 12: return (U)(a & ~b);
    case 13: return (U)(a | ~b);
    case 14: return (U)(a ^ ~b);
    case 15: return (U)(a * 3 + b * 5 - 7);
    case 16: return (U)((S)a < (S)b);
    case 17: return (U)(a < b);
    case 18: return (U)((S)a >> 3);
    case 19: return (U)(a >> 3);
    }
    return 0;
}

int main(void)
{
    uint64_t total = GUEST_HASH_INIT;
    for (int op = 0; op < 20; op++) {
        uint64_t h = GUEST_HASH_INIT;
        for (unsigned i = 0; i < GUEST_NEDGES; i++)
            for (unsigned j = 0; j < GUEST_NEDGES; j++)
                h = guest_mix(h, ops(OPAQUE(op), (U)guest_edges[i], (U)guest_edges[j]));
        for (int k = 0; k < 200; k++)
            h = guest_mix(h, ops(op, (U)guest_rand(), (U)guest_rand()));
        printf("int16 op %2d: %016" PRIx64 "\n", op, h);
        total = guest_mix(total, h);
    }
    /* A few values in clear so a failure is readable. */
    U m = OPAQUE((U)-1);
    S s = OPAQUE((S)((U)1 << (16 - 1)));
    printf("max+1=%" PRIu64 " min-1=%" PRId64 " min*-1=%" PRId64 "\n", (uint64_t)(U)(m + 1),
           (int64_t)(S)((U)s - 1), (int64_t)(S)(U)(0u - (U)s));
    printf("total %016" PRIx64 "\n", total);
    return 0;
}
