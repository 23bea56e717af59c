#!/bin/sh
# make bench-assisted: the "assisted vs translated" comparison -- the same workloads on every
# engine the host offers, side by side, with exits per second and the cost of one exit.
#   - on an s390 host with IBM's arm64 KVM series, or an arm64 host with /dev/kvm: zarm's hw
#     engine against its translator (the JIT on s390x, the interpreter on arm64), run directly;
#   - anywhere else: inside the emulated arm64 host the KVM test uses (qemu-system-aarch64
#     -M virt,virtualization=on: the guest kernel's /dev/kvm is a real arm64 KVM), hw against
#     the interpreter.  Absolute times there are TCG's, not hardware's; the ratios and the exit
#     counts are what carry over.
# Output: the table on stdout, build/bench/assisted.csv, build/bench/assisted.png (gnuplot).
# ASSISTED_WORKLOADS="loop:2000000 ..." picks workloads (default: every kernel at 1/5 size).
set -eu
cd "$(dirname "$0")/.."
out=$PWD/build/bench
mkdir -p "$out"
csv=$out/assisted.csv
log=$out/assisted.log

workloads=${ASSISTED_WORKLOADS:-}
if [ -z "$workloads" ]; then
    workloads=$(sed -n 's/^KERNEL(\([a-z0-9_]*\), *\([0-9]*\),.*/\1:\2/p' bench/kernels.def |
        awk -F: '{printf "%s:%d ", $1, $2 / 5}')
fi

host=$(uname -m)
direct=0
{ [ "$host" = aarch64 ] && [ -c /dev/kvm ]; } && direct=1
{ [ "$host" = s390x ] && [ -c /dev/kvm-arm64 ]; } && direct=1
if [ $direct = 1 ]; then
    # A host that offers the hardware path: measure it directly.
    cmake --build build/native --target bench-kernels >/dev/null
    ${CC:-cc} -O2 -Wall -Wextra -Werror -o "$out/assisted" bench/assisted.c
    translator=interp
    [ "$host" = s390x ] && translator=jit
    # shellcheck disable=SC2086
    "$out/assisted" "$PWD/build/native/zarm" "$PWD/build/native/bench" "hw,$translator" \
        $workloads | tee "$log"
else
    [ -x build/arm64/zarm ] || make arm64 >/dev/null
    cmake --build build/native --target bench-kernels >/dev/null
    kernel=$(tests/kvm/fetch-kernel.sh "$PWD/build/kvm")
    aarch64-linux-gnu-gcc -O2 -static -Wall -Wextra -Werror -o "$out/assisted-init" bench/assisted.c
    echo "/zarm /bench/bin hw,interp $workloads" > "$out/assisted.args"
    b=build/native/bench
    python3 tests/kvm/mkinitramfs.py "$out/assisted-initrd.gz" "/init=$out/assisted-init" \
        "/zarm=$PWD/build/arm64/zarm" "/bench/args=$out/assisted.args" \
        "/bench/bin/kernels=$b/kernels" "/bench/bin/exits=$b/exits"
    echo "booting the emulated arm64 host (qemu-system-aarch64, nested KVM)..." >&2
    timeout "${ASSISTED_TIMEOUT:-3000}" qemu-system-aarch64 \
        -M virt,virtualization=on,gic-version=3 -cpu max,pauth-impdef=on -smp 1 -m 2048 \
        -nographic -no-reboot -nic none -kernel "$kernel" -initrd "$out/assisted-initrd.gz" \
        -append "console=ttyAMA0 panic=-1 rdinit=/init quiet" > "$log" 2>&1 || true
fi
grep -a '^\[bench\] ' "$log" | sed 's/^\[bench\] //; s/\r$//' | grep -v '^end$' > "$csv" || true
if ! grep -q '^exit-cost' "$csv"; then
    echo "bench-assisted: no complete result (log: $log)" >&2
    exit 1
fi

# The table: per workload, each engine's seconds and exits, and the speed-up of hw.
awk -F, 'NR > 1 && $1 != "exit-cost" {
             if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 }
             t[$1, $2] = $4; x[$1, $2] = $6; r[$1, $2] = $7; if (!($2 in eng)) { eng[$2] = 1; e[++ne] = $2 } }
         $1 == "exit-cost" { cost[$2] = $4 }
         END {
             printf "%-10s", "workload"
             for (j = 1; j <= ne; j++) printf " %10s %10s", e[j] " s", e[j] " exits"
             printf " %12s %12s\n", "hw speed-up", "hw exits/s"
             for (i = 1; i <= n; i++) {
                 w = order[i]; printf "%-10s", w
                 for (j = 1; j <= ne; j++) printf " %10s %10s", t[w, e[j]], x[w, e[j]]
                 other = (e[1] == "hw") ? e[2] : e[1]
                 printf " %11.1fx %12s\n", t[w, other] / (t[w, "hw"] > 0 ? t[w, "hw"] : 1), r[w, "hw"]
             }
             for (j = 1; j <= ne; j++) printf "one exit on %s: %s ns\n", e[j], cost[e[j]]
         }' "$csv"
echo "csv: $csv"
if command -v gnuplot >/dev/null 2>&1; then
    awk -F, 'NR > 1 && $1 != "exit-cost" { t[$1, $2] = $4; if (!($1 in s)) { o[++n] = $1; s[$1] = 1 } }
             END { for (i = 1; i <= n; i++) print o[i], t[o[i], "hw"], t[o[i], "interp"] + t[o[i], "jit"] }' \
        "$csv" > "$out/assisted.dat"
    gnuplot -e "set terminal png size 900,480; set output '$out/assisted.png';
        set title 'zarm: hardware-assisted vs translated (wall seconds, log scale)';
        set style data histograms; set style fill solid; set logscale y; set xtics rotate by -30;
        plot '$out/assisted.dat' using 2:xtic(1) title 'hw', '' using 3 title 'translator'"
    echo "chart: $out/assisted.png"
fi
