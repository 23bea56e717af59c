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

out = []
out.append("/* Generated by gen_simd.py: AdvSIMD/FP data processing, every implemented form. */")
out.append('#include "common.inc"')
out.append("    PROLOGUE")
out.append("    add x9, x19, #0\n    ld1 {v16.16b-v19.16b}, [x9], #64\n    ld1 {v20.16b-v23.16b}, [x9], #64")
out.append("    add x9, x19, #320\n    ld1 {v24.16b-v27.16b}, [x9], #64\n    ld1 {v28.16b-v31.16b}, [x9], #64")
out.append("    movz x23, #0x8765, lsl #48\n    movk x23, #0x4321, lsl #32\n    movk x23, #0xfedc, lsl #16\n    movk x23, #0xba98")
for i in range(0, len(ops), 8):
    out.append("    FILL")
    for k, s in enumerate(ops[i:i + 8]):
        out.append("    " + s.replace("{d}", str(k)))
    out.append("    DUMP")
out.append("    EPILOGUE")
open(sys.argv[1] if len(sys.argv) > 1 else "simd.S", "w").write("\n".join(out) + "\n")
print(len(ops), "forms")
