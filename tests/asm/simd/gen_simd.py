#!/usr/bin/env python3
"""Writes simd.S: every AdvSIMD/FP instruction form zarm implements, applied to
fixed register contents, results dumped eight registers at a time.  Run it after
adding a form; the output is compared with qemu-aarch64-static by run.sh."""
import sys

V = ["8b", "16b", "4h", "8h", "2s", "4s", "2d"]
ops = []

def add(s):
    ops.append(s)

# Three same (integer), every arrangement that exists.
for op in ["add", "sub", "cmeq", "cmhs", "cmhi", "cmge", "cmgt", "cmtst", "sshl", "ushl",
           "srshl", "urshl", "sqadd", "uqadd", "sqsub", "uqsub", "sqshl", "uqshl", "sqrshl", "uqrshl"]:
    for a in V:
        add(f"{op} v{{d}}.{a}, v17.{a}, v26.{a}")
for op in ["mul", "mla", "mls", "shadd", "uhadd", "srhadd", "urhadd", "shsub", "uhsub", "smax", "umax",
           "smin", "umin", "sabd", "uabd", "saba", "uaba", "smaxp", "umaxp", "sminp", "uminp"]:
    for a in V[:-1]:
        add(f"{op} v{{d}}.{a}, v25.{a}, v18.{a}")
for a in V:
    add(f"addp v{{d}}.{a}, v19.{a}, v27.{a}")
for op in ["sqdmulh", "sqrdmulh"]:
    for a in ["4h", "8h", "2s", "4s"]:
        add(f"{op} v{{d}}.{a}, v24.{a}, v29.{a}")
add("pmul v{d}.16b, v24.16b, v29.16b")
for op in ["and", "bic", "orr", "orn", "eor", "bsl", "bit", "bif"]:
    for a in ["8b", "16b"]:
        add(f"{op} v{{d}}.{a}, v21.{a}, v28.{a}")
add("mov v{d}.16b, v30.16b")
# Scalar three same.
for op in ["add", "sub", "cmeq", "cmhs", "cmhi", "cmge", "cmgt", "cmtst", "sshl", "ushl"]:
    add(f"{op} d{{d}}, d17, d26")
for r in "bhsd":
    add(f"sqadd {r}{{d}}, {r}25, {r}27")
    add(f"uqsub {r}{{d}}, {r}25, {r}27")
# Two-register misc.
for a in ["8b", "16b", "4h", "8h", "2s", "4s"]:
    add(f"rev64 v{{d}}.{a}, v22.{a}")
    add(f"cls v{{d}}.{a}, v26.{a}")
    add(f"clz v{{d}}.{a}, v26.{a}")
    add(f"saddlp v{{d}}.{'1d' if a=='2s' else '2d' if a=='4s' else ''}{''}" if False else
        f"saddlp v{{d}}.{ {'8b':'4h','16b':'8h','4h':'2s','8h':'4s','2s':'1d','4s':'2d'}[a]}, v26.{a}")
    add(f"uadalp v{{d}}.{ {'8b':'4h','16b':'8h','4h':'2s','8h':'4s','2s':'1d','4s':'2d'}[a]}, v26.{a}")
for a in ["8b", "16b", "4h", "8h"]:
    add(f"rev32 v{{d}}.{a}, v22.{a}")
for a in ["8b", "16b"]:
    add(f"rev16 v{{d}}.{a}, v22.{a}")
    add(f"cnt v{{d}}.{a}, v26.{a}")
    add(f"not v{{d}}.{a}, v26.{a}")
    add(f"rbit v{{d}}.{a}, v26.{a}")
for op in ["cmgt", "cmge", "cmeq", "cmle", "cmlt"]:
    for a in V:
        add(f"{op} v{{d}}.{a}, v26.{a}, #0")
    add(f"{op} d{{d}}, d26, #0")
for op in ["abs", "neg", "sqabs", "sqneg"]:
    for a in V:
        add(f"{op} v{{d}}.{a}, v27.{a}")
add("abs d{d}, d27")
add("neg d{d}, d27")
for n, w in [("8b", "8h"), ("4h", "4s"), ("2s", "2d")]:
    n2 = {"8b": "16b", "4h": "8h", "2s": "4s"}[n]
    for op in ["xtn", "sqxtn", "uqxtn", "sqxtun"]:
        add(f"{op} v{{d}}.{n}, v27.{w}")
        add(f"{op}2 v{{d}}.{n2}, v27.{w}")
    add(f"shll v{{d}}.{w}, v27.{n}, #{ {'8b':8,'4h':16,'2s':32}[n]}")
    add(f"shll2 v{{d}}.{w}, v27.{n2}, #{ {'8b':8,'4h':16,'2s':32}[n]}")
add("sqxtn b{d}, h27")
add("uqxtn s{d}, d27")
# Across lanes.
for a in ["8b", "16b", "4h", "8h", "4s"]:
    r = {"8b": "b", "16b": "b", "4h": "h", "8h": "h", "4s": "s"}[a]
    w = {"b": "h", "h": "s", "s": "d"}[r]
    for op in ["addv", "umaxv", "uminv", "smaxv", "sminv"]:
        add(f"{op} {r}{{d}}, v26.{a}")
    add(f"uaddlv {w}{{d}}, v26.{a}")
    add(f"saddlv {w}{{d}}, v26.{a}")
add("addp d{d}, v26.2d")
# Copy.
for i in [0, 5, 15]:
    add(f"dup v{{d}}.16b, v26.b[{i}]")
    add(f"mov v{{d}}.b[{(i*7)%16}], v27.b[{i}]")
    add(f"umov w9, v26.b[{i}]\n    fmov d{{d}}, x9")
    add(f"smov x9, v26.b[{i}]\n    fmov d{{d}}, x9")
    add(f"smov w9, v26.b[{i}]\n    fmov d{{d}}, x9")
    add(f"mov v{{d}}.b[{i}], w23")
add("dup v{d}.8b, v26.b[3]")
for i in [0, 3, 7]:
    add(f"dup v{{d}}.8h, v26.h[{i}]")
    add(f"mov v{{d}}.h[{(i*3)%8}], v27.h[{i}]")
    add(f"umov w9, v26.h[{i}]\n    fmov d{{d}}, x9")
    add(f"smov x9, v26.h[{i}]\n    fmov d{{d}}, x9")
    add(f"mov v{{d}}.h[{i}], w23")
    add(f"mov h{{d}}, v26.h[{i}]")
for i in [0, 3]:
    add(f"dup v{{d}}.4s, v26.s[{i}]")
    add(f"dup v{{d}}.2s, v26.s[{i}]")
    add(f"mov v{{d}}.s[{3-i}], v27.s[{i}]")
    add(f"mov w9, v26.s[{i}]\n    fmov d{{d}}, x9")
    add(f"smov x9, v26.s[{i}]\n    fmov d{{d}}, x9")
    add(f"mov v{{d}}.s[{i}], w23")
    add(f"mov s{{d}}, v26.s[{i}]")
for i in [0, 1]:
    add(f"dup v{{d}}.2d, v26.d[{i}]")
    add(f"mov v{{d}}.d[{1-i}], v27.d[{i}]")
    add(f"mov x9, v26.d[{i}]\n    fmov d{{d}}, x9")
    add(f"mov v{{d}}.d[{i}], x23")
    add(f"mov d{{d}}, v26.d[{i}]")
for a in V:
    add(f"dup v{{d}}.{a}, w23" if a != "2d" else f"dup v{{d}}.2d, x23")
# Modified immediate.
for s in ["movi v{d}.16b, #0xa5", "movi v{d}.8b, #0x3c", "movi v{d}.4h, #0x81, lsl #8",
          "movi v{d}.8h, #0x7e", "movi v{d}.2s, #0x5a, lsl #24", "movi v{d}.4s, #0x12, lsl #16",
          "movi v{d}.4s, #0x34, msl #8", "movi v{d}.2s, #0x56, msl #16", "movi d{d}, #0xff00ff0000ff00ff",
          "movi v{d}.2d, #0x00ffff00000000ff", "mvni v{d}.4s, #0x12, lsl #8", "mvni v{d}.4h, #0x80",
          "mvni v{d}.2s, #0x34, msl #16", "mvni v{d}.8h, #0x40, lsl #8",
          "orr v{d}.4s, #0x11, lsl #24", "orr v{d}.4h, #0x22", "bic v{d}.8h, #0xf0, lsl #8",
          "bic v{d}.2s, #0xff", "fmov v{d}.4s, #1.5", "fmov v{d}.2s, #-0.125", "fmov v{d}.2d, #31.0",
          "movi v{d}.2d, #0"]:
    add(s)
# Shift by immediate.
for a, bits in [("8b", 8), ("16b", 8), ("4h", 16), ("8h", 16), ("2s", 32), ("4s", 32), ("2d", 64)]:
    for sh in [1, bits // 2, bits]:
        for op in ["sshr", "ushr", "ssra", "usra", "srshr", "urshr", "srsra", "ursra", "sri"]:
            add(f"{op} v{{d}}.{a}, v26.{a}, #{sh}")
    for sh in [0, 1, bits - 1]:
        for op in ["shl", "sli", "sqshl", "uqshl", "sqshlu"]:
            add(f"{op} v{{d}}.{a}, v26.{a}, #{sh}")
for sh in [1, 33, 64]:
    for op in ["sshr", "ushr", "usra", "srshr", "sri"]:
        add(f"{op} d{{d}}, d26, #{sh}")
for sh in [0, 5, 63]:
    add(f"shl d{{d}}, d26, #{sh}")
    add(f"sli d{{d}}, d26, #{sh}")
for n, w, nb in [("8b", "8h", 8), ("4h", "4s", 16), ("2s", "2d", 32)]:
    n2 = {"8b": "16b", "4h": "8h", "2s": "4s"}[n]
    for sh in [1, nb // 2, nb]:
        for op in ["shrn", "rshrn", "sqshrn", "uqshrn", "sqrshrn", "uqrshrn", "sqshrun", "sqrshrun"]:
            add(f"{op} v{{d}}.{n}, v27.{w}, #{sh}")
            add(f"{op}2 v{{d}}.{n2}, v27.{w}, #{sh}")
    for sh in [0, 3, nb - 1]:
        add(f"sshll v{{d}}.{w}, v26.{n}, #{sh}")
        add(f"ushll2 v{{d}}.{w}, v26.{n2}, #{sh}")
add("uxtl v{d}.8h, v26.8b")
add("sxtl2 v{d}.4s, v26.8h")
add("sqshrn h{d}, s27, #3")
add("uqrshrn b{d}, h27, #2")
# Three different.
for n, w in [("8b", "8h"), ("4h", "4s"), ("2s", "2d")]:
    n2 = {"8b": "16b", "4h": "8h", "2s": "4s"}[n]
    for op in ["saddl", "uaddl", "ssubl", "usubl", "sabal", "uabal", "sabdl", "uabdl",
               "smlal", "umlal", "smlsl", "umlsl", "smull", "umull"]:
        add(f"{op} v{{d}}.{w}, v25.{n}, v27.{n}")
        add(f"{op}2 v{{d}}.{w}, v25.{n2}, v27.{n2}")
    for op in ["saddw", "uaddw", "ssubw", "usubw"]:
        add(f"{op} v{{d}}.{w}, v25.{w}, v27.{n}")
        add(f"{op}2 v{{d}}.{w}, v25.{w}, v27.{n2}")
    for op in ["addhn", "raddhn", "subhn", "rsubhn"]:
        add(f"{op} v{{d}}.{n}, v25.{w}, v27.{w}")
        add(f"{op}2 v{{d}}.{n2}, v25.{w}, v27.{w}")
add("pmull v{d}.8h, v25.8b, v27.8b")
add("pmull2 v{d}.8h, v25.16b, v27.16b")
# Permutes, EXT, TBL/TBX.
for op in ["zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2"]:
    for a in V:
        add(f"{op} v{{d}}.{a}, v25.{a}, v27.{a}")
for i in [0, 1, 7, 15]:
    add(f"ext v{{d}}.16b, v25.16b, v27.16b, #{i}")
for i in [0, 3, 7]:
    add(f"ext v{{d}}.8b, v25.8b, v27.8b, #{i}")
for n in range(1, 5):
    regs = ", ".join(f"v{20+k}.16b" for k in range(n))
    add(f"tbl v{{d}}.16b, {{{regs}}}, v31.16b")
    add(f"tbl v{{d}}.8b, {{{regs}}}, v31.8b")
    add(f"tbx v{{d}}.16b, {{{regs}}}, v31.16b")
    add(f"tbx v{{d}}.8b, {{{regs}}}, v31.8b")
add("tbl v{d}.16b, {v31.16b, v0.16b}, v30.16b")
# Scalar FP.
for t in "sd":
    add(f"fmov {t}{{d}}, {t}26")
    add(f"fabs {t}{{d}}, {t}26")
    add(f"fneg {t}{{d}}, {t}26")
    add(f"fmov {t}{{d}}, #-2.75")
    add(f"fmov {t}{{d}}, #0.1875")
add("fmov s{d}, w23")
add("fmov d{d}, x23")
add("fmov v{d}.d[1], x23")
add("fmov x9, v26.d[1]\n    fmov d{d}, x9")
add("fmov w9, s26\n    fmov d{d}, x9")
# FP <-> integer lanes.
for op in ["scvtf", "ucvtf", "fcvtns", "fcvtnu", "fcvtps", "fcvtpu", "fcvtms", "fcvtmu",
           "fcvtzs", "fcvtzu", "fcvtas", "fcvtau"]:
    for a in ["2s", "4s", "2d"]:
        add(f"{op} v{{d}}.{a}, v{25 if op.endswith('cvtf') else 20}.{a}")
    add(f"{op} s{{d}}, s{25 if op.endswith('cvtf') else 20}")
    add(f"{op} d{{d}}, d{25 if op.endswith('cvtf') else 20}")

# Saturating doubling long (three different, vector and scalar).
for n, w in [("4h", "4s"), ("2s", "2d")]:
    n2 = {"4h": "8h", "2s": "4s"}[n]
    for op in ["sqdmlal", "sqdmlsl", "sqdmull"]:
        add(f"{op} v{{d}}.{w}, v25.{n}, v27.{n}")
        add(f"{op}2 v{{d}}.{w}, v25.{n2}, v27.{n2}")
        add(f"{op} v{{d}}.{w}, v24.{n}, v24.{n}")
for op in ["sqdmlal", "sqdmlsl", "sqdmull"]:
    add(f"{op} s{{d}}, h25, h27")
    add(f"{op} d{{d}}, s25, s27")
    add(f"{op} s{{d}}, h24, h24")
# SUQADD/USQADD.
for op in ["suqadd", "usqadd"]:
    for a in V:
        add(f"{op} v{{d}}.{a}, v26.{a}")
        add(f"{op} v{{d}}.{a}, v25.{a}")
    for r in "bhsd":
        add(f"{op} {r}{{d}}, {r}26")
# Every scalar three-same form.
for op in ["sqadd", "uqadd", "sqsub", "uqsub", "sqshl", "uqshl", "sqrshl", "uqrshl"]:
    for r in "bhsd":
        add(f"{op} {r}{{d}}, {r}25, {r}27")
        add(f"{op} {r}{{d}}, {r}24, {r}11")
for op in ["srshl", "urshl", "sshl", "ushl"]:
    add(f"{op} d{{d}}, d25, d11")
for op in ["sqdmulh", "sqrdmulh", "sqrdmlah", "sqrdmlsh"]:
    for r in "hs":
        add(f"{op} {r}{{d}}, {r}25, {r}27")
        add(f"{op} {r}{{d}}, {r}24, {r}24")
for op in ["sqabs", "sqneg"]:
    for r in "bhsd":
        add(f"{op} {r}{{d}}, {r}27")
for op, rr in [("sqxtn", ["b,h", "h,s", "s,d"]), ("uqxtn", ["b,h", "h,s", "s,d"]), ("sqxtun", ["b,h", "h,s", "s,d"])]:
    for x in rr:
        a, b = x.split(",")
        add(f"{op} {a}{{d}}, {b}27")
for op in ["cmgt", "cmhi", "cmge", "cmhs", "cmtst", "cmeq"]:
    add(f"{op} d{{d}}, d25, d25")
# More vector shifts by register (small shift amounts in v11, v12).
for op in ["sshl", "ushl", "srshl", "urshl", "sqshl", "uqshl", "sqrshl", "uqrshl"]:
    for a in V:
        add(f"{op} v{{d}}.{a}, v25.{a}, v11.{a}")
        add(f"{op} v{{d}}.{a}, v24.{a}, v12.{a}")
# RDM and DotProd (vector).
for op in ["sqrdmlah", "sqrdmlsh"]:
    for a in ["4h", "8h", "2s", "4s"]:
        add(f"{op} v{{d}}.{a}, v25.{a}, v27.{a}")
        add(f"{op} v{{d}}.{a}, v24.{a}, v24.{a}")
for op in ["sdot", "udot"]:
    add(f"{op} v{{d}}.2s, v25.8b, v27.8b")
    add(f"{op} v{{d}}.4s, v25.16b, v27.16b")
    for i in range(4):
        add(f"{op} v{{d}}.4s, v25.16b, v27.4b[{i}]")
    add(f"{op} v{{d}}.2s, v25.8b, v31.4b[3]")
# By element.
for op in ["mul", "mla", "mls", "sqdmulh", "sqrdmulh", "sqrdmlah", "sqrdmlsh"]:
    for a in ["4h", "8h"]:
        for i in [0, 5, 7]:
            add(f"{op} v{{d}}.{a}, v25.{a}, v{8 + i}.h[{i}]")
    for a in ["2s", "4s"]:
        for i in [0, 3]:
            add(f"{op} v{{d}}.{a}, v25.{a}, v{27 + i}.s[{i}]")
for op in ["smull", "umull", "smlal", "umlal", "smlsl", "umlsl", "sqdmull", "sqdmlal", "sqdmlsl"]:
    for i in [1, 6]:
        add(f"{op} v{{d}}.4s, v25.4h, v{8 + i}.h[{i}]")
        add(f"{op}2 v{{d}}.4s, v25.8h, v{8 + i}.h[{i}]")
    for i in [0, 2]:
        add(f"{op} v{{d}}.2d, v25.2s, v{26 + i}.s[{i}]")
        add(f"{op}2 v{{d}}.2d, v25.4s, v{26 + i}.s[{i}]")
for op in ["sqdmull", "sqdmlal", "sqdmlsl"]:
    add(f"{op} s{{d}}, h24, v10.h[3]")
    add(f"{op} d{{d}}, s24, v28.s[1]")
for op in ["sqdmulh", "sqrdmulh", "sqrdmlah", "sqrdmlsh"]:
    add(f"{op} h{{d}}, h24, v10.h[7]")
    add(f"{op} s{{d}}, s25, v28.s[2]")
# Scalar shifts by immediate, every size.
for r, bits in [("b", 8), ("h", 16), ("s", 32), ("d", 64)]:
    for sh in [0, 1, bits - 1]:
        for op in ["sqshl", "uqshl", "sqshlu"]:
            add(f"{op} {r}{{d}}, {r}26, #{sh}")
for sh in [1, 17, 64]:
    for op in ["ssra", "srsra", "ursra", "urshr"]:
        add(f"{op} d{{d}}, d26, #{sh}")
for n, w, nb in [("b", "h", 8), ("h", "s", 16), ("s", "d", 32)]:
    for sh in [1, nb // 2, nb]:
        for op in ["sqshrn", "uqshrn", "sqrshrn", "uqrshrn", "sqshrun", "sqrshrun"]:
            add(f"{op} {n}{{d}}, {w}27, #{sh}")
# PMULL of doublewords.
add("pmull v{d}.1q, v25.1d, v27.1d")
add("pmull2 v{d}.1q, v25.2d, v27.2d")
add("pmull v{d}.1q, v28.1d, v28.1d")
# Crypto.
for op in ["aese", "aesd"]:
    add(f"{op} v{{d}}.16b, v26.16b")
for op in ["aesmc", "aesimc"]:
    add(f"{op} v{{d}}.16b, v26.16b")
    add(f"{op} v{{d}}.16b, v{{d}}.16b")
for op in ["sha1c", "sha1p", "sha1m"]:
    add(f"{op} q{{d}}, s25, v27.4s")
add("sha1su0 v{d}.4s, v25.4s, v27.4s")
add("sha1h s{d}, s26")
add("sha1su1 v{d}.4s, v26.4s")
for op in ["sha256h", "sha256h2"]:
    add(f"{op} q{{d}}, q25, v27.4s")
add("sha256su0 v{d}.4s, v26.4s")
add("sha256su1 v{d}.4s, v25.4s, v27.4s")
for op in ["sha512h", "sha512h2"]:
    add(f"{op} q{{d}}, q25, v27.2d")
add("sha512su0 v{d}.2d, v26.2d")
add("sha512su1 v{d}.2d, v25.2d, v27.2d")
add("eor3 v{d}.16b, v25.16b, v27.16b, v29.16b")
add("bcax v{d}.16b, v25.16b, v27.16b, v29.16b")
add("rax1 v{d}.2d, v25.2d, v27.2d")
for i in [0, 1, 37, 63]:
    add(f"xar v{{d}}.2d, v25.2d, v27.2d, #{i}")

import random
random.seed(20260311)
SETS = 6

def edge_chunk(kind):
    """Eight bytes of lane patterns that reach saturation, rounding and sign edges."""
    if kind == 0:
        return [random.randrange(256) for _ in range(8)]
    if kind == 1:   # small signed shift amounts
        return [random.randrange(-9, 10) & 0xff for _ in range(8)]
    pats = [0x80, 0x7f, 0xff, 0x00, 0x01, 0xfe]
    w = random.choice([1, 2, 4, 8])
    out = []
    for _ in range(8 // w):
        p = random.choice(["min", "max", "ones", "zero", "one", "rnd"])
        v = {"min": 1 << (8 * w - 1), "max": (1 << (8 * w - 1)) - 1, "ones": (1 << 8 * w) - 1,
             "zero": 0, "one": 1, "rnd": random.getrandbits(8 * w)}[p]
        out += list(v.to_bytes(w, "little"))
    return out

data = []
for k in range(SETS):
    if k == 0:   # the original pattern: bytes 0..255 then 0xa5 ^ i
        data += list(range(256)) + [(0xa5 ^ i) & 0xff for i in range(256)]
        continue
    for _ in range(64):
        data += edge_chunk(0 if k == 1 else random.choice([0, 1, 2, 2]))

out = []
out.append("/* Generated by gen_simd.py: AdvSIMD/FP data processing, every implemented form,")
out.append(" * run over several input sets (the last ones random with lane edge values).")
out.append(" * After each block of eight, FPSR (QC) is dumped and cleared. */")
out.append("    .arch armv8.2-a+crypto+sha3+sm4+dotprod+rdm")
out.append('#include "common.inc"')
out.append("    .text\n    .globl _start\n_start:")
out.append("    adr x19, sets\n    adr x20, out\n    mov x21, #%d" % SETS)
out.append("next_set:")
out.append("    add x9, x19, #0\n    ld1 {v16.16b-v19.16b}, [x9], #64\n    ld1 {v20.16b-v23.16b}, [x9], #64")
out.append("    ld1 {v8.16b-v11.16b}, [x9], #64\n    add x9, x19, #384\n    ld1 {v12.16b-v15.16b}, [x9], #64")
out.append("    add x9, x19, #320\n    ld1 {v24.16b-v27.16b}, [x9], #64\n    ld1 {v28.16b-v31.16b}, [x9], #64")
out.append("    movz x23, #0x8765, lsl #48\n    movk x23, #0x4321, lsl #32\n    movk x23, #0xfedc, lsl #16\n    movk x23, #0xba98")
out.append("    msr fpsr, xzr")
for i in range(0, len(ops), 8):
    out.append("    FILL")
    for k, s in enumerate(ops[i:i + 8]):
        out.append("    " + s.replace("{d}", str(k)))
    out.append("    DUMP\n    mrs x9, fpsr\n    str x9, [x20], #8\n    msr fpsr, xzr")
out.append("    add x19, x19, #512\n    subs x21, x21, #1\n    b.ne next_set")
out.append("    adr x1, out\n    sub x2, x20, x1\n    mov x0, #1\n    mov x8, #64\n    svc #0")
out.append("    mov x0, #0\n    mov x8, #93\n    svc #0")
out.append("    .data\n    .balign 16\nsets:")
for i in range(0, len(data), 16):
    out.append("    .byte " + ", ".join(str(b) for b in data[i:i + 16]))
out.append("    .bss\n    .balign 16\nout:\n    .skip %d" % (SETS * ((len(ops) + 7) // 8) * 136 + 64))
open(sys.argv[1] if len(sys.argv) > 1 else "simd.S", "w").write("\n".join(out) + "\n")
print(len(ops), "forms x", SETS, "input sets")
