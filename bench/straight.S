// Translation cost: bench_straight(buf) runs STRAIGHT_BLOCKS blocks of straight-line code once,
// each a representative mix of integer, memory, FP and NEON instructions ending in a
// conditional branch (so blocks have a typical length). Every instruction is new to the
// translator on the first call and already translated on the second; scripts/bench.sh derives
// the translation cost from the difference (straight_main.c).
#define STRAIGHT_BLOCKS 6000
    .text
    .global bench_straight
    .type bench_straight, %function
bench_straight:
    mov     x1, #1
    .rept   STRAIGHT_BLOCKS
    add     x1, x1, #3
    eor     x2, x1, x2, lsl #3
    ldr     x4, [x0, #16]
    str     x2, [x0, #8]
    madd    x4, x4, x1, x2
    csel    x2, x2, x4, lo
    fmadd   d0, d0, d1, d2
    add     v3.4s, v3.4s, v4.4s
    cmp     x4, x2
    b.ne    1f
1:
    .endr
    mov     x0, x2
    ret
    .size bench_straight, . - bench_straight
    .global bench_straight_insns
    .section .rodata
    .balign 8
// Instructions one call executes: the block body above, plus the mov and the ret.
bench_straight_insns:
    .quad   STRAIGHT_BLOCKS * 10 + 2
