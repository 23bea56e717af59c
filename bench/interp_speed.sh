#!/usr/bin/env bash
# interp_speed.sh KERNELS_BINARY ZARM_CMD...
# Runs each kernel of bench/kernels.def (its default size, from "kernels --list") through
# "ZARM_CMD --stats" and prints guest instructions, wall time and guest instructions per
# second; qemu-aarch64-static's wall time on the same run is shown for scale.
# BENCH_SIZE multiplies the sizes, BENCH_SCALE divides them (e.g. 10 under qemu-s390x-static).
set -u
[ $# -ge 2 ] || { echo "usage: $0 KERNELS_BINARY ZARM_CMD..." >&2; exit 2; }
bin=$1
shift
scale=${BENCH_SCALE:-1}
size=${BENCH_SIZE:-1}
ref=${QEMU_AARCH64:-qemu-aarch64-static}
now() { date +%s%N; }

printf "%-8s %12s %14s %10s %10s %12s  %s\n" kernel iterations "guest insns" "zarm s" "M insn/s" "qemu s" check
"$ref" "$bin" --list | while read -r k n; do
    n=$(awk -v n="$n" -v a="$size" -v b="$scale" 'BEGIN { n = int(n * a / b); print n < 1 ? 1 : n }')
    t0=$(now)
    out=$("$@" --stats "$bin" "$k" "$n" 2>"${TMPDIR:-/tmp}/zarm-bench.$$")
    st=$?
    t1=$(now)
    insns=$(sed -n 's/^ *guest instructions *\([0-9]*\).*/\1/p' "${TMPDIR:-/tmp}/zarm-bench.$$")
    rm -f "${TMPDIR:-/tmp}/zarm-bench.$$"
    t2=$(now)
    want=$("$ref" "$bin" "$k" "$n" 2>/dev/null)
    t3=$(now)
    zs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    qs=$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    mips=$(awk -v i="${insns:-0}" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", i / ((b - a) / 1e9) / 1e6 }')
    check="ok"
    [ $st = 0 ] && [ "$out" = "$want" ] || check="MISMATCH (status $st)"
    printf "%-8s %12s %14s %10s %10s %12s  %s\n" "$k" "$n" "${insns:-?}" "$zs" "$mips" "$qs" "$check"
done
