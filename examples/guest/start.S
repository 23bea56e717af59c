/* Entry of the bare-metal example guest: EL1, MMU off, loaded at the start of RAM.  Sets a
 * stack, runs main, and powers the machine off with PSCI SYSTEM_OFF (HVC), which every zarm
 * engine reports as an HVC exit and QEMU's virt board implements. */
    .section .text.start, "ax"
    .globl _start
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    bl      main
    mov     x1, x0              /* main's result, for the VMM to report */
    movz    x0, #0x0008
    movk    x0, #0x8400, lsl #16
    hvc     #0
1:  b       1b
