#!/bin/sh
# isadiff.sh: zarm's random-instruction differential tester, host side.
#
#   isadiff.sh [--coverage] [--report K] SEED COUNT ENGINE BUILD
#
# BUILD is a directory under build/ (native, s390x, arm64, ...) or a path to a
# build tree; it must hold zarm and tests/isa/isadiff-guest.  The guest program
# generates COUNT tests (one instruction or a 2-5 instruction sequence each)
# from zarm's decode table under qemu-aarch64-static (the reference, which also
# drops the words it does not execute), then replays exactly those tests under
# `zarm --engine=ENGINE` (through qemu-s390x-static or qemu-aarch64-static when
# zarm is an s390x or arm64 binary) and compares the state hashes.  zarm
# delivers no signals yet: when it stops on a test, that test is a mismatch
# and the replay restarts after it.  Each mismatch (the first K, default 10)
# is shown with its disassembly, the state before, and both states after.
# --coverage also lists how often every decode line was generated and fails
# when a line that is not excluded (denylist.h) never was.
# Last line: "N instructions, M mismatches" (N: tests compared); exit 0 iff M = 0.
set -u

report=10
coverage=0
while [ $# -gt 0 ]; do
    case $1 in
    --coverage) coverage=1; shift ;;
    --report) report=$2; shift 2 ;;
    -*) echo "isadiff: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
if [ $# -ne 4 ]; then
    echo "usage: isadiff.sh [--coverage] [--report K] SEED COUNT ENGINE BUILD" >&2
    exit 2
fi
seed=$1 count=$2 engine=$3 build=$4
# ENGINE@LEVEL runs ENGINE with its host facilities capped at LEVEL (jit@z196: the
# JIT's code for the z196 baseline), as the guest-program tests do.
# interp+lowered: the interpreter with every block lowered at once (no first tier, where
# each test's block would otherwise run).
case $engine in
*@*) export ZARM_CPU_FACILITIES="${engine#*@}"; engine=${engine%%@*} ;;
*+lowered) export ZARM_INTERP_WARM=0; engine=${engine%%+*} ;;
esac
# Every tested instruction through the JIT's code: no tiering (a block would otherwise run in
# the interpreter until it is hot), unless the caller sets ZARM_JIT_HOT.
export ZARM_JIT_HOT="${ZARM_JIT_HOT:-0}"
root=$(cd "$(dirname "$0")/../.." && pwd)
case $build in
*/*) dir=$build ;;
*) dir=$root/build/$build ;;
esac
zarm=$dir/zarm
guest=$dir/tests/isa/isadiff-guest
if [ ! -d "$dir" ]; then
    echo "isadiff: no build directory $dir (make ${build} first?)" >&2
    exit 2
fi
for f in "$zarm" "$guest"; do
    if [ ! -x "$f" ]; then
        echo "isadiff: $f is missing (build the tree first)" >&2
        exit 2
    fi
done
qemu=${QEMU_AARCH64:-qemu-aarch64-static}
if ! command -v "$qemu" >/dev/null 2>&1; then
    echo "isadiff: $qemu not found (the reference)" >&2
    exit 2
fi
# The reference CPU: everything qemu has, but PAuth off so that the PAC hints
# are the NOPs zarm (which does not advertise PAuth) executes.
ref_cpu=${ISADIFF_CPU:-max,pauth=off}

# zarm's host, from its ELF header (e_machine, at byte 18).
runner=
machine=$(od -An -tx1 -j18 -N2 "$zarm" | tr -d ' \n')
host=$(uname -m)
case $machine in
0016) [ "$host" = s390x ] || runner="${QEMU_S390X:-qemu-s390x-static} -cpu ${ISADIFF_S390X_CPU:-max}" ;;
b700) [ "$host" = aarch64 ] || runner=$qemu ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/isadiff.XXXXXX")
[ "${ISADIFF_KEEP:-0}" = 1 ] && echo "isadiff: work files in $work" >&2 ||
    trap 'rm -rf "$work"' EXIT INT TERM

# An engine this build does not have: zarm says so and exits 2.
if ! $runner "$zarm" --engine="$engine" "$guest" --list >/dev/null 2>"$work/err"; then
    echo "isadiff: zarm --engine=$engine cannot run on $build: $(head -n1 "$work/err")" >&2
    exit 2
fi

# ---- reference run --------------------------------------------------------
"$qemu" -cpu "$ref_cpu" "$guest" --seed "$seed" --count "$count" --probe >"$work/ref" ||
    { echo "isadiff: the reference run failed" >&2; exit 2; }
tail -n1 "$work/ref" | grep -q '^# done' || { echo "isadiff: reference run incomplete" >&2; exit 2; }

# ---- zarm replay, restarting after each test it stops on -------------------
: >"$work/zarm"
start=0 restarts=0 max_restarts=${ISADIFF_MAX_RESTARTS:-300}
while :; do
    $runner "$zarm" --engine="$engine" "$guest" --seed "$seed" --replay "$work/ref" \
        --start "$start" >"$work/part" 2>>"$work/zarm.err"
    rc=$?
    if [ $rc -eq 0 ] && tail -n1 "$work/part" | grep -q '^# done'; then
        grep -v '^#' "$work/part" >>"$work/zarm"
        break
    fi
    cat "$work/part" >>"$work/zarm"
    last=$(tail -n1 "$work/part" | awk '{print $1}')
    [ -n "$last" ] || last=$((start - 1))
    # The test it stopped on: the next one the reference ran.
    next=$(awk -v l="$last" '$1 ~ /^[0-9]+$/ && $1 > l && $2 !~ /^SIG/ {print $1; exit}' "$work/ref")
    [ -n "$next" ] || break
    awk -v n="$next" -v rc="$rc" '$1 == n {$2 = "STOP" rc; print; exit}' "$work/ref" >>"$work/zarm"
    start=$((next + 1))
    restarts=$((restarts + 1))
    if [ $restarts -ge $max_restarts ]; then
        echo "isadiff: zarm stopped $restarts times; giving up at test $next" >&2
        break
    fi
done

# ---- compare ----------------------------------------------------------------
awk 'NR == FNR { if ($1 ~ /^[0-9]+$/) z[$1] = $2; next }
     $1 ~ /^[0-9]+$/ && $2 !~ /^SIG/ {
         n++
         if (!($1 in z)) { print $1, "MISSING", $3, $4; m++ }
         else if (z[$1] != $2) { print $1, z[$1], $3, $4; m++ }
     }
     END { printf "%d %d\n", n, m > "/dev/stderr" }' "$work/zarm" "$work/ref" \
    >"$work/mismatches" 2>"$work/counts"
read -r n m <"$work/counts"

disasm() { # words, comma-separated
    objdump=${AARCH64_OBJDUMP:-aarch64-linux-gnu-objdump}
    command -v "$objdump" >/dev/null 2>&1 || { echo "    (no $objdump)"; return; }
    for w in $(echo "$1" | tr , ' '); do
        # the word's bytes, little-endian, as octal escapes (POSIX printf has no \x)
        esc=
        for b in 7 5 3 1; do
            esc=$esc\\$(printf %o "$((0x$(echo "$w" | cut -c$b-$((b + 1)))))")
        done
        printf "$esc" >"$work/w.bin"
        "$objdump" -D -b binary -m aarch64 "$work/w.bin" |
            awk -F'\t' '/^ +0:/ {printf "    %s  %s %s\n", $2, $3, $4}'
    done
}

shown=0
while read -r idx got words ops; do
    [ $shown -lt "$report" ] || break
    shown=$((shown + 1))
    echo "== mismatch: test $idx ($ops)"
    disasm "$words"
    "$qemu" -cpu "$ref_cpu" "$guest" --seed "$seed" --replay "$work/ref" --dump "$idx" \
        >"$work/dq" 2>&1
    echo "  state before:"
    grep '^before [^v]' "$work/dq" | sed 's/^before //' | paste - - - - | sed 's/^/    /'
    grep '^before v' "$work/dq" | sed 's/^before //' | paste - - - | sed 's/^/    /'
    case $got in
    STOP*)
        rc=${got#STOP}
        echo "  zarm stopped with status $rc (128+4 = SIGILL: not implemented or rejected);" \
            "qemu executed it:"
        grep '^after' "$work/dq" | grep -v ' v[0-9]' | sed 's/^/  qemu /' | head -n 40
        ;;
    *)
        $runner "$zarm" --engine="$engine" "$guest" --seed "$seed" --replay "$work/ref" \
            --dump "$idx" >"$work/dz" 2>&1
        grep '^after' "$work/dq" >"$work/aq"
        grep '^after' "$work/dz" >"$work/az"
        echo "  state after, qemu (-) against zarm (+):"
        diff "$work/aq" "$work/az" | grep '^[<>]' | sed 's/^</  -/; s/^>/  +/' >"$work/d"
        head -n 24 "$work/d"
        [ "$(wc -l <"$work/d")" -le 24 ] || echo "  ... ($(wc -l <"$work/d") lines)"

        ;;
    esac
done <"$work/mismatches"
if [ "$m" -gt "$shown" ]; then
    echo "(further mismatches not shown: $((m - shown)); tests and ops:)"
    awk -v k="$shown" 'NR > k {print "  " $1, $3, $4, $2}' "$work/mismatches" | head -n 200
fi

status=0
if [ $coverage = 1 ]; then
    "$qemu" -cpu "$ref_cpu" "$guest" --list >"$work/ops"
    echo "== coverage: decode lines, tests generated (and executed by qemu)"
    awk 'NR == FNR { if ($1 ~ /^[0-9]+$/) { k = split($4, o, ",")
                       for (i = 1; i <= k; i++) { gen[o[i]]++; if ($2 !~ /^SIG/) ran[o[i]]++ } }
                     next }
         $1 == "op" { name = $2; why = $0; sub(/^op [^ ]+ [^ ]+ /, "", why)
             if (why != "active") { printf "  %-22s %-7s excluded: %s\n", name, $3, why; next }
             g = gen[name] + 0; r = ran[name] + 0
             printf "  %-22s %-7s %6d (%d)%s\n", name, $3, g, r, g == 0 ? "  NEVER GENERATED" : ""
             if (g == 0) bad++ }
         END { exit bad > 0 }' "$work/ref" "$work/ops" || {
        echo "isadiff: some decode lines were never generated"
        status=1
    }
fi
words=$(awk '$1 ~ /^[0-9]+$/ && $2 !~ /^SIG/ {k += split($3, w, ",")} END {print k + 0}' "$work/ref")
echo "($count tests generated, $((count - n)) not run by qemu (SIGILL/SIGBUS/...)," \
    "$n compared with $words instructions; zarm restarted $restarts times)"
echo "$n instructions, $m mismatches"
[ "$m" -eq 0 ] && exit $status
exit 1
