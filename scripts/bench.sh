#!/bin/sh
# make bench: the interpreter speed table for each zarm build that exists
# (figures to report, not pass/fail). Builds the kernels if needed.
cd "$(dirname "$0")/.." || exit 1
for b in native s390x; do
    [ -x build/$b/zarm ] || continue
    cmake --build build/$b --target bench-kernels >/dev/null || exit 1
    echo "== build/$b"
    if [ $b = s390x ]; then
        # zarm itself runs under qemu-s390x-static here: the figure is qemu-bound.
        BENCH_SCALE=${BENCH_SCALE:-20} bench/interp_speed.sh build/$b/bench/kernels \
            qemu-s390x-static build/$b/zarm --engine=interp
    else
        bench/interp_speed.sh build/$b/bench/kernels build/$b/zarm --engine=interp
    fi
done
