/* FP/SIMD loads and stores: every size, addressing mode, pairs, literals and
 * the structure forms; results (and written-back bases) are dumped. */
#include "common.inc"
    PROLOGUE
    /* Scalar loads zero the rest of the register. */
    FILL
    ldr b0, [x19, #3]
    ldr h1, [x19, #6]
    ldr s2, [x19, #12]
    ldr d3, [x19, #24]
    ldr q4, [x19, #48]
    ldur q5, [x19, #1]
    ldur s6, [x19, #7]
    ldur h7, [x19, #9]
    DUMP
    /* pre/post index */
    FILL
    add x9, x19, #64
    ldr q0, [x9, #16]!
    ldr d1, [x9], #-8
    ldr s2, [x9, #-4]!
    ldr h3, [x9], #3
    ldr b4, [x9, #1]!
    DUMP
    DUMPX x9
    /* register offset */
    FILL
    mov x10, #3
    mov x11, #-2
    ldr q0, [x19, x10, lsl #4]
    ldr q1, [x19, x10]
    ldr d2, [x19, x10, lsl #3]
    ldr s3, [x19, w10, uxtw #2]
    add x9, x19, #64
    ldr s4, [x9, w11, sxtw #2]
    ldr h5, [x9, w11, sxtw]
    ldr b6, [x9, x11]
    ldr h7, [x9, x11, sxtx #1]
    DUMP
    /* literal */
    FILL
    ldr q0, lit
    ldr d1, lit + 4
    ldr s2, lit + 8
    DUMP
    /* stores of each size, each mode */
    FILL
    str q0, [x20]
    str d1, [x20, #16]
    str s2, [x20, #24]
    str h3, [x20, #28]
    str b4, [x20, #30]
    add x20, x20, #32
    stur q5, [x20, #1]
    add x20, x20, #32
    str q6, [x20], #16
    str d7, [x20, #8]!
    add x20, x20, #8
    mov x10, #1
    str s6, [x20, x10, lsl #2]
    str b6, [x20, x10]
    add x20, x20, #16
    /* pairs */
    FILL
    ldp q0, q1, [x19, #32]
    ldp d2, d3, [x19, #-0]
    ldp s4, s5, [x19, #4]
    add x9, x19, #128
    ldnp q6, q7, [x9, #-64]
    DUMP
    FILL
    add x9, x19, #128
    ldp q0, q1, [x9, #-32]!
    ldp d2, d3, [x9], #24
    ldp s4, s5, [x9, #-8]!
    DUMP
    DUMPX x9
    FILL
    stp q0, q1, [x20], #32
    stp d2, d3, [x20, #8]!
    stp s4, s5, [x20, #16]
    stnp d6, d7, [x20, #32]
    stnp q6, q7, [x20, #48]
    add x20, x20, #80
    /* LD1 multiple: every arrangement and count */
    FILL
    ld1 {v0.8b}, [x19]
    ld1 {v1.16b, v2.16b}, [x19]
    ld1 {v3.4h, v4.4h, v5.4h}, [x19]
    DUMP
    FILL
    ld1 {v0.2s, v1.2s, v2.2s, v3.2s}, [x19]
    ld1 {v4.1d}, [x19]
    ld1 {v5.2d, v6.2d}, [x19]
    ld1 {v7.8h}, [x19]
    DUMP
    /* LD2/LD3/LD4 */
    FILL
    ld2 {v0.16b, v1.16b}, [x19]
    ld2 {v2.4h, v3.4h}, [x19]
    ld3 {v4.4s, v5.4s, v6.4s}, [x19]
    DUMP
    FILL
    ld4 {v0.8b, v1.8b, v2.8b, v3.8b}, [x19]
    ld4 {v4.2d, v5.2d, v6.2d, v7.2d}, [x19]
    DUMP
    FILL
    ld3 {v0.8h, v1.8h, v2.8h}, [x19]
    ld2 {v3.2s, v4.2s}, [x19]
    ld4 {v5.4s, v6.4s, v7.4s, v8.4s}, [x19]
    DUMP
    /* wrap-around of register numbers */
    FILL
    ld2 {v31.16b, v0.16b}, [x19]
    mov v1.16b, v31.16b
    DUMP
    /* post-index by immediate and register */
    FILL
    mov x9, x19
    mov x10, #5
    ld1 {v0.16b}, [x9], #16
    ld1 {v1.8b, v2.8b}, [x9], x10
    ld3 {v3.8b, v4.8b, v5.8b}, [x9], #24
    DUMP
    DUMPX x9
    /* single lanes */
    FILL
    ld1 {v0.b}[15], [x19]
    ld1 {v0.b}[3], [x19]
    ld1 {v1.h}[7], [x19]
    ld1 {v1.h}[2], [x19]
    ld1 {v2.s}[3], [x19]
    ld1 {v2.s}[1], [x19]
    ld1 {v3.d}[1], [x19]
    ld2 {v4.s, v5.s}[2], [x19]
    ld3 {v6.h, v7.h, v8.h}[5], [x19]
    DUMP
    FILL
    add x9, x19, #16
    ld4 {v0.b, v1.b, v2.b, v3.b}[9], [x9], #4
    ld4 {v4.d, v5.d, v6.d, v7.d}[0], [x9], x10
    DUMP
    DUMPX x9
    /* replicate */
    FILL
    ld1r {v0.16b}, [x19]
    add x9, x19, #7
    ld1r {v1.8b}, [x9]
    ld1r {v2.4h}, [x9]
    ld2r {v3.4s, v4.4s}, [x9], #8
    ld3r {v5.1d, v6.1d, v7.1d}, [x9], x10
    DUMP
    DUMPX x9
    FILL
    ld4r {v0.8h, v1.8h, v2.8h, v3.8h}, [x19]
    ld1r {v4.2d}, [x19]
    ld1r {v5.2s}, [x19]
    DUMP
    /* structure stores */
    FILL
    st1 {v0.8b}, [x20], #8
    st1 {v1.4h, v2.4h, v3.4h}, [x20], #24
    st2 {v0.8h, v1.8h}, [x20], #32
    st3 {v2.16b, v3.16b, v4.16b}, [x20], #48
    st4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x20], #32
    st4 {v0.2d, v1.2d, v2.2d, v3.2d}, [x20], #64
    st1 {v5.s}[3], [x20], #4
    st2 {v6.b, v7.b}[13], [x20], #2
    st3 {v1.h, v2.h, v3.h}[6], [x20], #6
    st4 {v4.d, v5.d, v6.d, v7.d}[1], [x20], #32
    mov x10, #3
    st1 {v3.b}[1], [x20], x10
    EPILOGUE
    .section .rodata
    .balign 16
lit:
    .quad 0x0123456789abcdef, 0xfedcba9876543210
