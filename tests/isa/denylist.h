/* What the random tester never generates, one entry each with the reason.
 * Everything else in zarm's decode table (decode/a64_*.def, non-UNALLOC lines)
 * is generated, so new table lines are tested as soon as they are added.
 *
 *   ISA_DENY_OP(name, reason)          a whole decode line, by its name
 *   ISA_DENY_PAT(label, pattern, why)  words matching a pattern (decode-table
 *                                      syntax; field tokens count as x)
 *   ISA_DENY_RULE(fn, reason)          words fn() rejects (gen.c): relations
 *                                      between fields a pattern cannot say
 *
 * Generated loads and stores always address the scratch buffer (gen.c forces
 * the base register); that is a constraint, not an exclusion. */

/* ---- instructions that leave the harness ---------------------------------- */
ISA_DENY_OP(B, "branches leave the straight-line test code (tests/asm/branch covers them)")
ISA_DENY_OP(CBZ, "branch")
ISA_DENY_OP(TBZ, "branch")
ISA_DENY_OP(B_cond, "branch")
ISA_DENY_OP(BR, "branch")
ISA_DENY_OP(BLR, "branch")
ISA_DENY_OP(RET, "branch")
ISA_DENY_OP(SVC, "system call: leaves the harness")
ISA_DENY_OP(HVC, "exception generating (undefined at EL0, zarm has no signal delivery yet)")
ISA_DENY_OP(SMC, "exception generating")
ISA_DENY_OP(BRK, "exception generating (SIGTRAP)")
ISA_DENY_OP(HLT, "exception generating")
ISA_DENY_OP(ERET, "exception return: undefined at EL0 (EL1 translations only)")

/* ---- features zarm does not advertise (runtime/hwcap.c lists what it does),
 * which qemu -cpu max implements -------------------------------------------- */
ISA_DENY_OP(MSR_imm, "every PSTATE field EL0 may write belongs to an unadvertised feature "
                     "(FlagM CFINV/XAFLAG/AXFLAG, DIT, SSBS, MTE TCO); DAIF needs SCTLR.UMA, "
                     "which Linux clears")
ISA_DENY_PAT(stgp, "01 101 0 0 xx 0 xxxxxxx xxxxx xxxxx xxxxx",
             "STGP (FEAT_MTE) is not advertised")
ISA_DENY_PAT(dc_cvap, "1101010100001 011 0111 1100 001 xxxxx",
             "DC CVAP: FEAT_DPB not advertised (zarm: undefined, qemu max: executes)")
ISA_DENY_PAT(dc_cvadp, "1101010100001 011 0111 1101 001 xxxxx",
             "DC CVADP: FEAT_DPB2 not advertised")

ISA_DENY_PAT(bfcvt, "0001111001100011010000 xxxxx xxxxx",
             "BFCVT (FEAT_BF16, FCVT's ftype 01 opc 10 slot) is not advertised: zarm undefined, "
             "qemu max executes it")

/* ---- not deterministic ---------------------------------------------------- */
ISA_DENY_PAT(wfe_wfi, "11010101000000110010 0000 01x 11111",
             "WFE/WFI wait for an event or interrupt")
ISA_DENY_PAT(sysreg_id, "1101010100 1 1 1 000 0000 xxxx xxx xxxxx",
             "MRS of the ID registers (op0 3, op1 0, CRn 0): they describe the CPU model, "
             "qemu max and zarm differ by design (tests/sys checks the emulation)")
ISA_DENY_PAT(dc_zva, "1101010100001 011 0111 0100 001 xxxxx",
             "DC ZVA zeroes a DCZID_EL0-sized block, implementation defined: qemu max 512 "
             "bytes, zarm 64 (tests/asm/branch checks zarm against its own DCZID_EL0)")
ISA_DENY_PAT(sysreg_dczid, "1101010100 1 1 1 011 0000 0000 111 xxxxx",
             "MRS DCZID_EL0: implementation defined (see DC ZVA)")
ISA_DENY_PAT(sysreg_ctr, "1101010100 1 1 1 011 0000 0000 001 xxxxx",
             "MRS CTR_EL0: cache geometry, implementation defined")
ISA_DENY_PAT(sysreg_timer, "1101010100 x 1 1 011 1110 xxxx xxx xxxxx",
             "the generic timer (CNTVCT_EL0, CNTFRQ_EL0, ...) is not deterministic")
ISA_DENY_PAT(sysreg_rndr, "1101010100 x 1 1 011 0010 0100 xxx xxxxx",
             "RNDR/RNDRRS return random numbers")

/* ---- UNPREDICTABLE and CONSTRAINED UNPREDICTABLE encodings --------------- */
ISA_DENY_RULE(rule_wb_overlap,
              "load/store with writeback and Rn == Rt (Rn != 31): CONSTRAINED UNPREDICTABLE "
              "(Arm ARM LDR/STR (immediate), 'if wback && n == t && n != 31')")
ISA_DENY_RULE(rule_pair_overlap,
              "LDP/STP with writeback and Rn == Rt or Rt2, and load pairs with Rt == Rt2 "
              "(LDP, LDPSW, LDNP, LDP SIMD&FP: CONSTRAINED UNPREDICTABLE)")
/* gen.c also never follows an exclusive load, within one sequence, by an
 * exclusive store of another size: CONSTRAINED UNPREDICTABLE (pass or fail);
 * nor a load/store that may write back its base by an exclusive, atomic or
 * acquire/release access, which would see an unaligned base: those fault
 * without FEAT_LSE2, which zarm does not advertise and qemu max implements. */
ISA_DENY_RULE(rule_excl_overlap,
              "STXR/STXP with Rs == Rt, Rt2 or Rn (Rn != 31), LDXP/LDAXP with Rt == Rt2: "
              "CONSTRAINED UNPREDICTABLE")
ISA_DENY_OP(FCVTZS_sfix_h, "qemu 7.2 writes FCVTZS Hd, Hn, #fbits's result sign-extended to 32 bits "
                           "(write_fp_sreg); the Arm ARM writes Hd and zeroes the rest")
