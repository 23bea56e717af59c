#!/usr/bin/env python3
"""Writes fp_gen.c: every FP instruction form zarm implements, run over tables of
special values (zeros, infinities, NaNs with payloads, denormals, extremes, values
at rounding boundaries) under 18 FPCR settings (4 rounding modes x FZ x DN, and
AHP/FZ16).  Per form and setting it prints a hash of Vd, X9, FPSR and NZCV;
FPV="<form as printed>" in the environment prints every result of that form.  run.sh compares with qemu."""
import sys

S = "s"; D = "d"; H = "h"
# (assembly, value table of the FP inputs, binary?)  V1/V2 hold the operands,
# V0 the destination (preloaded for accumulating forms), X9 an integer in/out.
forms = []
def add(asm, t, binary=True):
    forms.append((asm, t, binary))

for t, r in ((S, "s"), (D, "d"), (H, "h")):
    for op in ("fadd", "fsub", "fmul", "fdiv", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"):
        add(f"{op} {r}0, {r}1, {r}2", t)
    for op in ("fmadd", "fmsub", "fnmadd", "fnmsub"):
        add(f"{op} {r}0, {r}1, {r}2, {r}0", t)
    for op in ("fabs", "fneg", "fsqrt", "frintn", "frintp", "frintm", "frintz", "frinta",
               "frintx", "frinti", "fmov"):
        add(f"{op} {r}0, {r}1", t, False)
    add(f"fcmp {r}1, {r}2", t); add(f"fcmpe {r}1, {r}2", t)
    add(f"fcmp {r}1, #0.0", t, False); add(f"fcmpe {r}1, #0.0", t, False)
    add(f"fccmp {r}1, {r}2, #5, ne", t); add(f"fccmpe {r}1, {r}2, #10, ge", t)
    add(f"fcsel {r}0, {r}1, {r}2, lt", t)
    for o in ("s", "d", "h"):
        if o != r:
            add(f"fcvt {o}0, {r}1", t, False)
    for x in ("w9", "x9"):
        for op in ("fcvtns", "fcvtnu", "fcvtas", "fcvtau", "fcvtps", "fcvtpu", "fcvtms",
                   "fcvtmu", "fcvtzs", "fcvtzu"):
            add(f"{op} {x}, {r}1", t, False)
        add(f"fcvtzs {x}, {r}1, #5", t, False); add(f"fcvtzu {x}, {r}1, #1", t, False)
        add(f"fcvtzs {x}, {r}1, #32", t, False); add(f"fcvtzu {x}, {r}1, #17", t, False)
        add(f"scvtf {r}0, {x}", "i", False); add(f"ucvtf {r}0, {x}", "i", False)
        add(f"scvtf {r}0, {x}, #3", "i", False); add(f"ucvtf {r}0, {x}, #32", "i", False)
    add(f"fmov {r}0, #1.25", t, False); add(f"fmov {r}0, #-31.0", t, False)
add("fjcvtzs w9, d1", D, False)
add("fmov x9, d1", D, False); add("fmov d0, x9", "i", False)
add("fmov w9, s1", S, False); add("fmov s0, w9", "i", False)
add("fmov x9, v1.d[1]", D, False); add("fmov v0.d[1], x9", "i", False)
add("fmov w9, h1", H, False); add("fmov h0, x9", "i", False)

for t, arr in ((S, ("2s", "4s")), (D, ("2d",))):
    r = "s" if t == S else "d"
    for a in arr:
        for op in ("fadd", "fsub", "fmul", "fdiv", "fmax", "fmin", "fmaxnm", "fminnm", "fmla",
                   "fmls", "fmulx", "fabd", "facge", "facgt", "fcmeq", "fcmge", "fcmgt",
                   "frecps", "frsqrts", "faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp"):
            add(f"{op} v0.{a}, v1.{a}, v2.{a}", t)
        for op in ("fabs", "fneg", "fsqrt", "frintn", "frintp", "frintm", "frintz", "frinta",
                   "frintx", "frinti", "fcvtns", "fcvtnu", "fcvtas", "fcvtau", "fcvtps",
                   "fcvtpu", "fcvtms", "fcvtmu", "fcvtzs", "fcvtzu", "frecpe", "frsqrte"):
            add(f"{op} v0.{a}, v1.{a}", t, False)
        for c in ("fcmeq", "fcmge", "fcmgt", "fcmle", "fcmlt"):
            add(f"{c} v0.{a}, v1.{a}, #0.0", t, False)
        add(f"scvtf v0.{a}, v1.{a}", t, False); add(f"ucvtf v0.{a}, v1.{a}", t, False)
        add(f"scvtf v0.{a}, v1.{a}, #7", t, False); add(f"ucvtf v0.{a}, v1.{a}, #1", t, False)
        add(f"fcvtzs v0.{a}, v1.{a}, #3", t, False); add(f"fcvtzu v0.{a}, v1.{a}, #20", t, False)
        e = "s" if t == S else "d"
        for op in ("fmla", "fmls", "fmul", "fmulx"):
            add(f"{op} v0.{a}, v1.{a}, v2.{e}[1]", t)
    for op in ("fmulx", "fcmeq", "fcmge", "fcmgt", "facge", "facgt", "fabd", "frecps", "frsqrts"):
        add(f"{op} {r}0, {r}1, {r}2", t)
    for op in ("fcvtns", "fcvtnu", "fcvtas", "fcvtau", "fcvtps", "fcvtpu", "fcvtms", "fcvtmu",
               "fcvtzs", "fcvtzu", "frecpe", "frsqrte", "frecpx", "scvtf", "ucvtf"):
        add(f"{op} {r}0, {r}1", t, False)
    for c in ("fcmeq", "fcmge", "fcmgt", "fcmle", "fcmlt"):
        add(f"{c} {r}0, {r}1, #0.0", t, False)
    add(f"fcvtzs {r}0, {r}1, #9", t, False); add(f"ucvtf {r}0, {r}1, #31", t, False)
    for op in ("fmla", "fmls", "fmul", "fmulx"):
        add(f"{op} {r}0, {r}1, v2.{r}[1]", t)
    for op in ("faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp"):
        add(f"{op} {r}0, v1.2{r}", t, False)
for op in ("fmaxv", "fminv", "fmaxnmv", "fminnmv"):
    add(f"{op} s0, v1.4s", S, False)
add("fcvtl v0.4s, v1.4h", H, False); add("fcvtl2 v0.4s, v1.8h", H, False)
add("fcvtl v0.2d, v1.2s", S, False); add("fcvtl2 v0.2d, v1.4s", S, False)
add("fcvtn v0.4h, v1.4s", S, False); add("fcvtn2 v0.8h, v1.4s", S, False)
add("fcvtn v0.2s, v1.2d", D, False); add("fcvtn2 v0.4s, v1.2d", D, False)
add("fcvtxn v0.2s, v1.2d", D, False); add("fcvtxn2 v0.4s, v1.2d", D, False)
add("fcvtxn s0, d1", D, False)
add("urecpe v0.4s, v1.4s", S, False); add("ursqrte v0.4s, v1.4s", S, False)

out = sys.stdout
out.write('#include "fp_common.h"\n\n')
for i, (asm, t, binary) in enumerate(forms):
    out.write(f'static void f{i}(struct io *p) {{ RUN(p, "{asm}"); }}\n')
out.write("static const struct form forms[] = {\n")
for i, (asm, t, binary) in enumerate(forms):
    out.write(f'    {{f{i}, "{asm}", \'{t}\', {int(binary)}}},\n')
out.write("};\n\nint main(void) { return run_all(forms, sizeof forms / sizeof forms[0]); }\n")
