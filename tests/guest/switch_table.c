/* Dense switches become jump tables (ADR + LDRB/LDRH + ADD + BR); sparse
 * ones become compare trees. Also computed goto (BR through a label table). */
#include <inttypes.h>
#include <stdio.h>
#include "guest.h"

static int dense(int x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 27;
    case 2: return -3;
    case 3: return 44;
    case 4: return 5;
    case 5: return 1000;
    case 6: return 17;
    case 7: return -99;
    case 8: return 8;
    case 9: return 123456;
    case 10: return 3;
    case 11: return 77;
    case 12: return -1;
    case 13: return 31;
    case 14: return 64;
    case 15: return 9;
    default: return -7;
    }
}

static const char *sparse(long x)
{
    switch (x) {
    case -100000: return "minus-lakh";
    case 3: return "three";
    case 1000: return "thousand";
    case 1L << 40: return "tera";
    case 77777: return "sevens";
    default: return "other";
    }
}

static uint64_t interp(const unsigned char *code, uint64_t acc)
{
    static void *const ops[] = {&&op_halt, &&op_inc, &&op_dbl, &&op_xor, &&op_neg};
    goto *ops[*code];
op_inc:
    acc++;
    goto *ops[*++code];
op_dbl:
    acc *= 2;
    goto *ops[*++code];
op_xor:
    acc ^= 0x5a5a;
    goto *ops[*++code];
op_neg:
    acc = -acc;
    goto *ops[*++code];
op_halt:
    return acc;
}

int main(void)
{
    int64_t s = 0;
    for (int i = -3; i < 20; i++) {
        int d = dense(OPAQUE(i));
        printf("%d->%d ", i, d);
        s += d * i;
    }
    printf("\nsum %" PRId64 "\n", s);
    static const long probes[] = {-100000, 3, 4, 1000, 1L << 40, 77777, 0};
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++)
        printf("%ld:%s ", probes[i], sparse(OPAQUE(probes[i])));
    printf("\n");
    static const unsigned char prog[] = {1, 2, 2, 3, 1, 4, 2, 1, 3, 0};
    printf("threaded interp %" PRIu64 "\n", interp(prog, OPAQUE(5)));
    return 0;
}
