#!/bin/sh
# make bench: figures, not pass/fail.
#  1. bench/measure.sh: exact s390x instruction counts per arm64 instruction for zarm's engines
#     (bench/engines.list) and QEMU's own translator, with start-up and translation cost
#     -> table on stdout, build/bench/results.csv, build/bench/ratio.png
#     (on an s390x host: wall time of the engines run directly).
#  2. bench/interp_speed.sh: guest instructions per second of the interpreter, native build.
# BENCH_QUICK=1 for a fast subset; BENCH_SIZE, BENCH_ENGINES: see bench/measure.sh.
set -e
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p $out
scripts/install-deps.sh --bench

if [ "$(uname -m)" = s390x ]; then
    # zarm's native build is the s390x one here, and Debian's qemu-aarch64 is QEMU's peer.
    zarm=build/native/zarm
    peer=$(command -v qemu-aarch64-static || command -v qemu-aarch64)
else
    zarm=build/s390x/zarm
    peer=$(bench/get-qemu-s390x.sh $out/qemu-s390x) || {
        echo "bench: QEMU's qemu-aarch64 for s390x is needed as the peer and could not be had" >&2
        exit 1
    }
fi
[ -x "$zarm" ] || { echo "bench: $zarm is missing (make native s390x)" >&2; exit 1; }
cmake --build build/native --target bench-kernels >/dev/null

# The icount plugin, for this host's qemu-user, built with the host compiler.
plugin=$out/libicount.so
if [ ! -f $plugin ] || [ bench/icount/icount.c -nt $plugin ]; then
    ${CC:-cc} -O2 -Wall -Wextra -Werror -shared -fPIC -o $plugin bench/icount/icount.c
fi

# The arm64 sysroot of tests/real (Debian's lua5.4 and its libraries) for the lua workload.
sysroot=build/sysroot
tests/real/make-sysroot.sh $sysroot build/sysroot-debs >/dev/null ||
    echo "bench: no arm64 sysroot (the archive cannot be reached): no lua workload" >&2

echo "== instruction counts (bench/measure.sh)"
ZARM=$PWD/$zarm QEMU_PEER=$PWD/$peer PLUGIN=$PWD/$plugin SYSROOT=$PWD/$sysroot \
    bench/measure.sh $PWD/$out $PWD/build/native/bench
echo "csv: $out/results.csv"

echo
echo "== interpreter speed, build/native (bench/interp_speed.sh)"
bench/interp_speed.sh build/native/bench/kernels build/native/zarm --engine=interp
