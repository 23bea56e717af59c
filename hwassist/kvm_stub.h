/* The EL1 runtime as bytes (kvm_stub_code.c, generated from kvm_stub.S by gen-stub.sh). */
#ifndef ZARM_HWASSIST_KVM_STUB_H
#define ZARM_HWASSIST_KVM_STUB_H
#include <stdint.h>

extern const uint8_t kvm_stub_code[];
extern const uint32_t kvm_stub_size;
extern const uint32_t kvm_stub_boot_off;     /* entry at EL1h, X0 = the frame */
extern const uint32_t kvm_stub_vectors_off;  /* VBAR_EL1 */
extern const uint32_t kvm_stub_doorbell_off; /* the one instruction that exits to the host */

/* The frame: SP_EL1 points at it; the host reads and writes it in guest memory.  Offsets in
 * bytes, little-endian 64-bit words (the .equ lines of kvm_stub.S). */
enum {
    KVM_FRAME_X0 = 0,
    KVM_FRAME_SP = 248,
    KVM_FRAME_ELR = 256,
    KVM_FRAME_SPSR = 264,
    KVM_FRAME_ESR = 272,
    KVM_FRAME_FAR = 280,
    KVM_FRAME_TPIDR = 288,
    KVM_FRAME_VECTOR = 296,
    KVM_FRAME_DOORBELL = 304,
    KVM_FRAME_CMD = 312,
    KVM_FRAME_MAIR = 320,
    KVM_FRAME_TCR = 328,
    KVM_FRAME_TTBR0 = 336,
    KVM_FRAME_VBAR = 344,
    KVM_FRAME_SCTLR = 352,
    KVM_FRAME_CPACR = 360,
    KVM_FRAME_SIZE = 368,
};
/* Command bits (CMD_* in kvm_stub.S). */
#define KVM_CMD_TLBI (1u << 0)
#define KVM_CMD_OFF (1u << 1)
/* The vector for a synchronous exception from AArch64 EL0 (VBAR + 0x400). */
#define KVM_VECTOR_EL0_SYNC 8

#endif
