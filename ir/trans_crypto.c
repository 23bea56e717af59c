/* The cryptographic extensions (decode/a64_crypto.def): AES and SHA1/SHA256/SHA512
 * rounds in helpers (helper_crypto.c), the SHA3 bitwise instructions in plain IR. */
#include "helper_crypto.h"
#include "trans_simd.h"

static bool crypto(struct ir_tctx *t, const struct a64_insn *in, unsigned helper, unsigned op)
{
    ir_call_pure(t->b, helper,
                 ir_const(t->b, SIMD_ARGS(in->f[A64_F_Rd], in->f[A64_F_Rn], in->f[A64_F_Rm], 1, 0, 0)),
                 ir_const(t->b, op), ir_const(t->b, 0));
    return true;
}
#define TRANS(name, helper)                                                                        \
    bool trans_##name(struct ir_tctx *t, const struct a64_insn *in)                               \
    {                                                                                              \
        return crypto(t, in, IR_HELPER_##helper, CRYPTO_##name);                                   \
    }
TRANS(AESE, crypto_aes)
TRANS(AESD, crypto_aes)
TRANS(AESMC, crypto_aes)
TRANS(AESIMC, crypto_aes)
TRANS(SHA1C, crypto_sha)
TRANS(SHA1P, crypto_sha)
TRANS(SHA1M, crypto_sha)
TRANS(SHA1H, crypto_sha)
TRANS(SHA1SU0, crypto_sha)
TRANS(SHA1SU1, crypto_sha)
TRANS(SHA256H, crypto_sha)
TRANS(SHA256H2, crypto_sha)
TRANS(SHA256SU0, crypto_sha)
TRANS(SHA256SU1, crypto_sha)
TRANS(SHA512H, crypto_sha512)
TRANS(SHA512H2, crypto_sha512)
TRANS(SHA512SU0, crypto_sha512)
TRANS(SHA512SU1, crypto_sha512)

/* SHA3: per 64-bit half. */
enum sha3_op { EOR3_OP, BCAX_OP, RAX1_OP, XAR_OP };
static bool sha3(struct ir_tctx *t, const struct a64_insn *in, enum sha3_op op)
{
    struct ir_block *b = t->b;
    unsigned rd = in->f[A64_F_Rd], rn = in->f[A64_F_Rn], rm = in->f[A64_F_Rm];
    unsigned ra = in->f[A64_F_Ra];
    ir_val res[2];
    for (unsigned h = 0; h < 2; h++) {
        ir_val n = tr_getv(t, rn, h), m = tr_getv(t, rm, h);
        switch (op) {
        case EOR3_OP: /* Vn ^ Vm ^ Va */
            res[h] = ir_bin(b, IR_XOR, IR_I64, ir_bin(b, IR_XOR, IR_I64, n, m), tr_getv(t, ra, h));
            break;
        case BCAX_OP: /* Vn ^ (Vm & ~Va) */
            res[h] = ir_bin(b, IR_XOR, IR_I64, n, ir_bin(b, IR_ANDN, IR_I64, m, tr_getv(t, ra, h)));
            break;
        case RAX1_OP: /* Vn ^ ROL(Vm, 1) */
            res[h] = ir_bin(b, IR_XOR, IR_I64, n, ir_bini(b, IR_ROR, IR_I64, m, 63));
            break;
        default: /* XAR: ROR(Vn ^ Vm, imm6) */
            res[h] = ir_bini(b, IR_ROR, IR_I64, ir_bin(b, IR_XOR, IR_I64, n, m), in->f[A64_F_imm6]);
            break;
        }
    }
    tr_setv(t, rd, 0, res[0]);
    tr_setv(t, rd, 1, res[1]);
    return true;
}
bool trans_EOR3(struct ir_tctx *t, const struct a64_insn *in) { return sha3(t, in, EOR3_OP); }
bool trans_BCAX(struct ir_tctx *t, const struct a64_insn *in) { return sha3(t, in, BCAX_OP); }
bool trans_RAX1(struct ir_tctx *t, const struct a64_insn *in) { return sha3(t, in, RAX1_OP); }
bool trans_XAR(struct ir_tctx *t, const struct a64_insn *in) { return sha3(t, in, XAR_OP); }
