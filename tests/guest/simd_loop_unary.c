/* One-operand vector operations whose result is a loop-carried V register (NOT, NEG, ABS,
 * shifts by an immediate, 128-bit and 64-bit forms), and 128-bit logic (EOR, AND, ORR, BIC)
 * into loop-carried registers: a JIT that keeps the loop's V registers in host registers may
 * build these results straight in them.  The registers are printed after the loop. */
#include <stdint.h>
#include <stdio.h>

static uint8_t data[64 * 16];

int main(void)
{
    for (unsigned i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 37 + 11);
    uint8_t out[10][16];
    const uint8_t *p = data;
    long n = 64;
    __asm__ volatile("movi v0.16b, #1\n\t"
                     "movi v1.4s, #2\n\t"
                     "movi v2.8h, #3\n\t"
                     "movi v3.2d, #0\n\t"
                     "movi v4.4s, #5\n\t"
                     "movi v5.8h, #6\n\t"
                     "movi v6.8b, #7\n\t"
                     "movi v7.2s, #8\n\t"
                     "movi v18.16b, #9\n\t"
                     "movi v19.16b, #10\n\t"
                     "1:\n\t"
                     "ldr q16, [%[p]], #16\n\t"
                     "add v0.16b, v0.16b, v16.16b\n\t"
                     "not v0.16b, v0.16b\n\t"
                     "add v1.4s, v1.4s, v16.4s\n\t"
                     "neg v1.4s, v1.4s\n\t"
                     "sub v2.8h, v2.8h, v16.8h\n\t"
                     "abs v2.8h, v2.8h\n\t"
                     "eor v3.16b, v3.16b, v16.16b\n\t"
                     "shl v3.2d, v3.2d, #3\n\t"
                     "add v4.4s, v4.4s, v16.4s\n\t"
                     "ushr v4.4s, v4.4s, #1\n\t"
                     "add v5.8h, v5.8h, v16.8h\n\t"
                     "sshr v5.8h, v5.8h, #2\n\t"
                     "add v6.8b, v6.8b, v16.8b\n\t"
                     "not v6.8b, v6.8b\n\t"
                     "add v7.2s, v7.2s, v16.2s\n\t"
                     "neg v7.2s, v7.2s\n\t"
                     "and v18.16b, v18.16b, v0.16b\n\t"
                     "orr v18.16b, v18.16b, v16.16b\n\t"
                     "bic v19.16b, v19.16b, v18.16b\n\t"
                     "eor v19.16b, v19.16b, v3.16b\n\t"
                     "subs %[n], %[n], #1\n\t"
                     "b.ne 1b\n\t"
                     "str q0, [%[o]]\n\t"
                     "str q1, [%[o], #16]\n\t"
                     "str q2, [%[o], #32]\n\t"
                     "str q3, [%[o], #48]\n\t"
                     "str q4, [%[o], #64]\n\t"
                     "str q5, [%[o], #80]\n\t"
                     "str q6, [%[o], #96]\n\t"
                     "str q7, [%[o], #112]\n\t"
                     "str q18, [%[o], #128]\n\t"
                     "str q19, [%[o], #144]\n\t"
                     : [p] "+r"(p), [n] "+r"(n)
                     : [o] "r"(out)
                     : "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v16", "v18", "v19",
                       "memory", "cc");
    for (int r = 0; r < 10; r++) {
        printf("r%d:", r);
        for (int b = 0; b < 16; b++)
            printf(" %02x", out[r][b]);
        printf("\n");
    }
    return 0;
}
