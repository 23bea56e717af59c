#!/bin/sh
# Generates the FP test (gen_fp.py: every scalar and AdvSIMD FP form over special
# values under 18 FPCR settings, hashing Vd, X9, FPSR and NZCV), builds it and
# compares zarm's output with qemu-aarch64-static's, byte for byte.
#   run.sh ZARM [RUNNER]   e.g. run.sh build/i3a/zarm  or  run.sh build/i3a-s390x/zarm qemu-s390x-static
# A failing form can be shown in full with FPV="<form as printed>".
zarm=$1; runner=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=${TMPDIR:-/tmp}/zarm-fp-tests.$$
mkdir -p "$tmp"
fail=0
python3 "$here/gen_fp.py" > "$tmp/fp_gen.c" &&
    aarch64-linux-gnu-gcc -O1 -static -march=armv8.3-a+fp16 -I"$here" "$tmp/fp_gen.c" \
        -o "$tmp/fp_gen" || { echo "FAIL fp_gen (build)"; rm -rf "$tmp"; exit 1; }
qemu-aarch64-static "$tmp/fp_gen" > "$tmp/want" 2>/dev/null; want=$?
$runner "$zarm" "$tmp/fp_gen" > "$tmp/got" 2>"$tmp/err"; got=$?
if [ $want -eq $got ] && cmp -s "$tmp/want" "$tmp/got"; then
    echo "PASS fp_gen ($(wc -l < "$tmp/want") form x FPCR hashes)"
else
    echo "FAIL fp_gen (exit want $want got $got)"; head -3 "$tmp/err"
    diff "$tmp/want" "$tmp/got" | head -10
    fail=1
fi
[ -n "$KEEP" ] && echo "kept $tmp" || rm -rf "$tmp"
exit $fail
