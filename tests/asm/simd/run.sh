#!/bin/sh
# Builds every test here (*.S: no libc; *.c: -O2 -static glibc, plus the flags after
# 'CFLAGS: ' on its first line) and compares
# zarm's stdout and exit status with qemu-aarch64-static's, byte for byte.
#   run.sh ZARM [RUNNER]   e.g. run.sh build/h3/zarm  or  run.sh build/h3-s390x/zarm qemu-s390x-static
zarm=$1; runner=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=${TMPDIR:-/tmp}/zarm-simd-tests.$$
mkdir -p "$tmp"
fail=0
for src in "$here"/*.S "$here"/*.c; do
    [ -e "$src" ] || continue
    name=$(basename "$src"); bin="$tmp/${name%.*}"
    case $src in
    *.S) aarch64-linux-gnu-gcc -nostdlib -static -I"$here" "$src" -o "$bin" || { fail=1; continue; } ;;
    *.c) flags=$(sed -n '1s/.*CFLAGS: //p' "$src")  # e.g. -march=... on the first line
         aarch64-linux-gnu-gcc -O2 -static $flags "$src" -o "$bin" || { fail=1; continue; } ;;
    esac
    qemu-aarch64-static "$bin" > "$bin.want" 2>/dev/null; want=$?
    $runner "$zarm" "$bin" > "$bin.got" 2>"$bin.err"; got=$?
    if [ $want -eq $got ] && cmp -s "$bin.want" "$bin.got"; then
        echo "PASS $name"
    else
        echo "FAIL $name (exit want $want got $got)"; head -3 "$bin.err"
        cmp "$bin.want" "$bin.got" | head -2
        fail=1
    fi
done
[ -n "$KEEP" ] && echo "kept $tmp" || rm -rf "$tmp"
exit $fail
