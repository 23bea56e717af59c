#!/usr/bin/env bash
# compare.sh [-i STDIN] [-s STATUS] [-r REFERENCE] [-t SECONDS] ZARM_CMD... -- PROGRAM [ARGS...]
#
# Runs PROGRAM under the reference (qemu-aarch64-static) and under ZARM_CMD
# (e.g. "build/native/zarm --engine=interp" or "qemu-s390x-static
# build/s390x/zarm --engine=interp") with the same arguments, stdin, a fixed
# small environment and a fresh empty temporary directory as cwd each, then
# compares stdout, stderr and the exit status. On a mismatch it prints unified
# diffs, both statuses and a command to reproduce, and fails.
#   -s STATUS  the status the reference must give (catches a broken test
#              program or a broken reference, as opposed to a zarm bug)
# Exit: 0 same, 1 different, 2 reference failure or usage error.
set -u

stdin=/dev/null
expect=""
ref=${QEMU_AARCH64:-qemu-aarch64-static}
limit=${GUEST_TIMEOUT:-300}
while getopts "i:s:r:t:" opt; do
    case $opt in
    i) stdin=$OPTARG ;;
    s) expect=$OPTARG ;;
    r) ref=$OPTARG ;;
    t) limit=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
zarm=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    zarm+=("$1")
    shift
done
if [ $# -lt 2 ] || [ ${#zarm[@]} -eq 0 ]; then
    echo "usage: $0 [-i stdin] [-s status] [-r reference] [-t seconds] ZARM_CMD... -- PROGRAM [ARGS...]" >&2
    exit 2
fi
shift
prog=("$@")

# The guest sees only this environment, under both runners.  zarm's own settings (ZARM_JIT_HOT,
# ZARM_CPU_FACILITIES... that the test registration sets) go through to both, so the engine runs
# as the test says and the guest's environment is still the same under both.
guest_env=(PATH=/usr/bin:/bin LANG=C ZARM_GUEST_TEST=1)
while IFS='=' read -r name _; do
    case $name in ZARM_GUEST_TEST) ;; ZARM_*) guest_env+=("$name=${!name}") ;; esac
done < <(env)

work=$(mktemp -d "${TMPDIR:-/tmp}/zarm-compare.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# run NAME CMD...: runs in a fresh cwd; output in $work/NAME.{out,err,status}.
# Callers silence run's stderr so bash's "Aborted (core dumped)" notices for
# signal-killed guests do not clutter the test log.
run() {
    local name=$1
    shift
    mkdir "$work/$name.cwd"
    (
        cd "$work/$name.cwd" || exit 2
        ulimit -c 0
        exec env -i "${guest_env[@]}" timeout -k 10 "$limit" "$@" \
            <"$stdin" >"$work/$name.out" 2>"$work/$name.err"
    )
    echo $? >"$work/$name.status"
    # qemu-user (and zarm, if it says so the same way) reports a fatal guest
    # signal on stderr; the status already carries it.
    sed -i -E '/^(qemu|zarm): uncaught target signal/d' "$work/$name.err"
}

run ref "$ref" "${prog[@]}" 2>/dev/null
run zarm "${zarm[@]}" "${prog[@]}" 2>/dev/null
rs=$(cat "$work/ref.status")
zs=$(cat "$work/zarm.status")

if [ -n "$expect" ] && [ "$rs" != "$expect" ]; then
    echo "REFERENCE FAILURE: $ref ${prog[*]} exited $rs, the test expects $expect"
    head -c 4000 "$work/ref.err"
    exit 2
fi

fail=0
if ! cmp -s "$work/ref.out" "$work/zarm.out"; then
    echo "--- stdout differs (- reference, + zarm):"
    diff -u --label reference --label zarm "$work/ref.out" "$work/zarm.out" | head -n 200
    fail=1
fi
if ! cmp -s "$work/ref.err" "$work/zarm.err"; then
    echo "--- stderr differs (- reference, + zarm):"
    diff -u --label reference --label zarm "$work/ref.err" "$work/zarm.err" | head -n 200
    fail=1
fi
if [ "$rs" != "$zs" ]; then
    why=""
    [ "$zs" = 124 ] && why=" (timed out after ${limit}s)"
    [ "$zs" -gt 128 ] 2>/dev/null && [ "$zs" != 124 ] && why=" (signal $((zs - 128)))"
    echo "--- exit status differs: reference $rs, zarm $zs$why"
    fail=1
fi
if [ $fail = 1 ]; then
    echo "--- reproduce: cd \$(mktemp -d) && env -i ${guest_env[*]} ${zarm[*]} ${prog[*]} <$stdin"
    echo "FAIL (reference status $rs, zarm status $zs)"
    exit 1
fi
echo "ok: stdout $(wc -c <"$work/ref.out") bytes, stderr $(wc -c <"$work/ref.err") bytes, status $rs"
exit 0
