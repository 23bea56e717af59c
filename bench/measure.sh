#!/usr/bin/env bash
# measure.sh OUTDIR PROGDIR: runs the benchmark programs of PROGDIR (kernels, empty, straight,
# see CMakeLists.txt) under every engine of engines.list and writes OUTDIR/results.csv, a table
# on stdout and OUTDIR/ratio.png. Called by scripts/bench.sh, which finds the tools.
#
# Off s390x, every figure is an exact instruction count from the icount plugin (icount/):
# guest instructions from qemu-aarch64 on this host, s390x instructions by running each engine
# under qemu-s390x. On an s390x host the engines run directly and the figure is wall time.
#
# Environment: ZARM (zarm for s390x), QEMU_PEER (qemu-aarch64 for s390x), PLUGIN (libicount.so
# for this host's qemu-user), SYSROOT (an arm64 sysroot with lua5.4, for the lua workload: the
# dynamically linked Debian program, run with -L SYSROOT everywhere; none: no lua), BENCH_SIZE
# (scales every workload, default 1), BENCH_QUICK=1 (four kernels at a fifth of the size),
# BENCH_ENGINES (names from engines.list), BENCH_JOBS (parallel runs, default nproc),
# BENCH_TIMEOUT (seconds per run, default 600).
set -u
[ $# = 2 ] || { echo "usage: $0 OUTDIR PROGDIR" >&2; exit 2; }
out=$1
progs=$2
here=$(cd "$(dirname "$0")" && pwd)
size=${BENCH_SIZE:-1}
quick=${BENCH_QUICK:-0}
jobs=${BENCH_JOBS:-$(nproc)}
limit=${BENCH_TIMEOUT:-600}
guest_qemu=${QEMU_AARCH64:-qemu-aarch64}
# The arm64 CPU the guest count and QEMU's run see: one with what zarm offers the guest (LSE, no
# SVE), so glibc's ifuncs choose the same string routines everywhere (with qemu's default "max",
# memcpy and memset are the SVE ones and memops counted 6 % fewer instructions than zarm runs).
guest_cpu=${BENCH_GUEST_CPU:-cortex-a76}
runs=$out/runs
rm -rf "$runs"
mkdir -p "$runs"

if [ "$(uname -m)" = s390x ]; then
    mode=time unit=seconds
    host_run=()
else
    mode=icount unit=s390x_insns
    host_run=(qemu-s390x -plugin "$PLUGIN" -d plugin)
fi

# The engines: name and command, with @ZARM@ and @QEMU@ filled in.
declare -A engine_cmd
engines=()
while read -r name cmd; do
    case $name in '' | '#'*) continue ;; esac
    if [ -n "${BENCH_ENGINES:-}" ] && ! [[ " $BENCH_ENGINES " == *" $name "* ]]; then
        continue
    fi
    cmd=${cmd//@ZARM@/$ZARM}
    cmd=${cmd//@GUEST_CPU@/$guest_cpu}
    engine_cmd[$name]=${cmd//@QEMU@/$QEMU_PEER}
    engines+=("$name")
done <"$here/engines.list"

# The workloads: name and arguments. The kernels and their default sizes come from the program.
declare -A work_args
works=()
add_work() { works+=("$1"); work_args[$1]=$2; }
if [ "$quick" = 1 ]; then
    size=$(awk -v s="$size" 'BEGIN { print s / 5 }')
fi
while read -r k n; do
    if [ "$quick" = 1 ]; then
        case $k in loop | bytecode | calls | neon) ;; *) continue ;; esac
    fi
    n=$(awk -v n="$n" -v s="$size" 'BEGIN { n = int(n * s); print n < 1 ? 1 : n }')
    add_work "$k" "$progs/kernels $k $n"
done < <("$guest_qemu" "$progs/kernels" --list)
# The lua workload (lua/work.lua, N rounds) and its own start-up (0 rounds: ld.so, liblua and
# the script's compilation), which its steady state subtracts instead of the empty main's.
declare -A base_of
sysroot=${SYSROOT:-}
if [ -n "$sysroot" ] && [ -x "$sysroot/usr/bin/lua5.4" ]; then
    n=$(awk -v s="$size" 'BEGIN { n = int(7 * s); print n < 1 ? 1 : n }')
    add_work lua "-L $sysroot $sysroot/usr/bin/lua5.4 $here/lua/work.lua $n"
    add_work lua0 "-L $sysroot $sysroot/usr/bin/lua5.4 $here/lua/work.lua 0"
    base_of[lua]=lua0
fi
# Start-up cost, then three runs of the straight-line code for the translation cost.
add_work empty "$progs/empty"
for p in 0 1 2; do add_work "straight$p" "$progs/straight $p"; done

# run_one ENGINE WORKLOAD COMMAND...: one run; leaves RUNS/ENGINE.WORKLOAD.{out,err,rc,value}.
run_one() {
    local engine=$1 work=$2 f="$runs/$1.$2" t0 t1 rc
    shift 2
    t0=$(date +%s%N)
    timeout "$limit" "$@" >"$f.out" 2>"$f.err"
    rc=$?
    t1=$(date +%s%N)
    echo "$rc" >"$f.rc"
    if [ "$engine" != guest ] && [ "$mode" = time ]; then
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }' >"$f.value"
    else
        sed -n 's/^icount: insns \([0-9]*\).*/\1/p' "$f.err" | tail -1 >"$f.value"
    fi
}
export -f run_one
export runs mode limit

# run_all < "ENGINE WORKLOAD" lines: runs them, BENCH_JOBS at a time. Commands are passed to
# xargs as words, so the paths involved must not contain blanks.
run_all() {
    local engine work cmd
    while read -r engine work; do
        if [ "$engine" = guest ]; then
            cmd="$guest_qemu -cpu $guest_cpu -plugin $PLUGIN -d plugin"
        else
            cmd="${host_run[*]} ${engine_cmd[$engine]}"
        fi
        echo "$engine $work $cmd ${work_args[$work]}"
    done | xargs -P "$jobs" -L 1 bash -c 'run_one "$@"' _
}

# First the guest counts and a probe of each engine on the empty program: an engine that cannot
# run it (e.g. a JIT not built yet) is reported as n/a with its own message, and skipped.
{
    for w in "${works[@]}"; do echo "guest $w"; done
    for e in "${engines[@]}"; do echo "$e empty"; done
} | run_all
declare -A why_na
for e in "${engines[@]}"; do
    if [ "$(cat "$runs/$e.empty.rc")" != 0 ]; then
        why_na[$e]=$(grep -v '^icount:' "$runs/$e.empty.err" | tail -1)
        [ -n "${why_na[$e]}" ] || why_na[$e]="exit status $(cat "$runs/$e.empty.rc")"
    fi
done
for e in "${engines[@]}"; do
    [ -z "${why_na[$e]:-}" ] || continue
    for w in "${works[@]}"; do [ "$w" = empty ] || echo "$e $w"; done
done | run_all

# status ENGINE WORKLOAD: ok, or why the figure is missing or not to be trusted.
status() {
    local f="$runs/$1.$2" rc
    [ -z "${why_na[$1]:-}" ] || { echo "n/a: ${why_na[$1]}"; return; }
    rc=$(cat "$f.rc")
    [ "$rc" = 124 ] && { echo "timeout after ${limit}s"; return; }
    if [ "$rc" != 0 ]; then
        local msg
        msg=$(grep -v '^icount:' "$f.err" | tail -1)
        echo "exit status $rc${msg:+: $msg}"
        return
    fi
    cmp -s "$f.out" "$runs/guest.$2.out" || { echo "output differs from qemu-aarch64"; return; }
    [ -s "$f.value" ] || { echo "no figure"; return; }
    echo ok
}
value() { cat "$runs/$1.$2.value" 2>/dev/null; }

# results.csv: one line per workload and engine. per_guest is the steady-state cost: host
# figure per guest instruction with the empty program's start-up (lua: lua0's) subtracted from
# both. For "startup" (empty, lua0) it is the raw figure; for "translation" it is the cost of
# translating one guest instruction: (S1 - S0) - (S2 - S1) over the instructions of one pass, where Sp is the host
# figure of straight with p passes (pass 1 translates and runs, pass 2 only runs).
csv=$out/results.csv
echo "workload,kind,guest_insns,engine,unit,value,per_guest,status" >"$csv"
for w in "${works[@]}"; do
    case $w in straight*) continue ;; esac
    kind=run
    case $w in empty | lua0) kind=startup ;; esac
    base=${base_of[$w]:-empty}
    g=$(value guest "$w")
    for e in "${engines[@]}"; do
        st=$(status "$e" "$w")
        v=$(value "$e" "$w")
        [ "$st" = ok ] || v=
        pg=$(awk -v v="$v" -v g="$g" -v ve="$(value "$e" "$base")" \
            -v ge="$(value guest "$base")" -v k="$kind" \
            -v m="$mode" 'BEGIN {
                if (v == "") exit
                if (k == "startup") { print v; exit }
                if (m == "time") printf "%.3g\n", v * 1e9 / g   # ns per guest instruction
                else printf "%.2f\n", (v - ve) / (g - ge) }')
        echo "$w,$kind,$g,$e,$unit,$v,$pg,\"${st//\"/\'}\"" >>"$csv"
    done
done
g_pass=$(awk -v a="$(value guest straight0)" -v b="$(value guest straight1)" 'BEGIN { print b - a }')
for e in "${engines[@]}"; do
    st=ok v= pg=
    for p in 0 1 2; do
        s=$(status "$e" "straight$p")
        [ "$s" = ok ] || { st=$s; break; }
    done
    if [ "$st" = ok ]; then
        v=$(awk -v s0="$(value "$e" straight0)" -v s1="$(value "$e" straight1)" \
            -v s2="$(value "$e" straight2)" 'BEGIN { print (s1 - s0) - (s2 - s1) }')
        pg=$(awk -v v="$v" -v g="$g_pass" -v m="$mode" \
            'BEGIN { if (m == "time") printf "%.3g\n", v * 1e9 / g; else printf "%.0f\n", v / g }')
    fi
    echo "translation,translation,$g_pass,$e,$unit,$v,$pg,\"${st//\"/\'}\"" >>"$csv"
done

"$here/report.sh" "$csv" "$out/ratio.png" "$mode"
