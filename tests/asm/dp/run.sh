#!/bin/sh
# Builds every test here (*.S, no libc) and compares zarm's stdout and exit
# status with qemu-aarch64-static's, byte for byte.  On a mismatch it names
# the first differing 8-byte output record.  Then every word of unalloc.list
# must stop zarm with the same status as qemu (SIGILL).
#   run.sh ZARM [RUNNER]   e.g. run.sh build/h1/zarm  or  run.sh build/h1-s390x/zarm qemu-s390x-static
zarm=$1; runner=$2
[ -n "$zarm" ] || { echo "usage: $0 ZARM [RUNNER]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zarm-dp-tests.XXXXXX")
fail=0
for src in "$here"/*.S; do
    name=$(basename "$src"); bin="$tmp/${name%.S}"
    aarch64-linux-gnu-gcc -nostdlib -static -I"$here" "$src" -o "$bin" || { fail=1; continue; }
    qemu-aarch64-static "$bin" > "$bin.want" 2>/dev/null; want=$?
    $runner "$zarm" "$bin" > "$bin.got" 2>"$bin.err"; got=$?
    if [ $want -eq $got ] && cmp -s "$bin.want" "$bin.got"; then
        echo "PASS $name"
    else
        echo "FAIL $name (exit want $want got $got)"; head -3 "$bin.err"
        byte=$(cmp "$bin.want" "$bin.got" 2>/dev/null | sed -n 's/.*byte \([0-9]*\).*/\1/p')
        [ -n "$byte" ] && echo "  first difference in output record $(( (byte - 1) / 8 ))"
        fail=1
    fi
done
# Unallocated words: zarm must stop with the same status (SIGILL) as qemu.
printf '.globl _start\n_start:\n.inst WORD\nmov x0, #0\nmov x8, #93\nsvc #0\n' > "$tmp/ua.in"
grep -v '^#' "$here/unalloc.list" | while read -r word what; do
    [ -n "$word" ] || continue
    sed "s/WORD/0x$word/" "$tmp/ua.in" > "$tmp/ua.S"
    aarch64-linux-gnu-gcc -nostdlib -static "$tmp/ua.S" -o "$tmp/ua" || { echo FAIL; continue; }
    (qemu-aarch64-static "$tmp/ua") >/dev/null 2>&1; want=$?
    ($runner "$zarm" "$tmp/ua") >/dev/null 2>&1; got=$?
    [ $want -ne 0 ] || echo "FAIL $word ($what) runs under qemu: not unallocated"
    [ $want -eq $got ] || echo "FAIL unallocated $word ($what): exit want $want got $got"
done > "$tmp/ua.log" 2>&1
if grep -q FAIL "$tmp/ua.log"; then cat "$tmp/ua.log"; fail=1; else echo "PASS unalloc.list"; fi
[ -n "$KEEP" ] && echo "kept $tmp" || rm -rf "$tmp"
exit $fail
