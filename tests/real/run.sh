#!/usr/bin/env bash
# run.sh [-t SECONDS] SYSROOT TEST ZARM_CMD...
#
# Runs one tests/real test: a real Debian arm64 program from SYSROOT (make-sysroot.sh) under
# "qemu-aarch64-static -L SYSROOT" (the reference) and under "ZARM_CMD -L SYSROOT", with the same
# arguments, stdin, a small fixed environment and a fresh empty cwd each, and compares stdout and
# the exit status (stderr is shown on a mismatch, not compared: tracebacks name paths).
#
# TEST is a file whose "# REAL_<KEY>: value" lines (anywhere, any comment leader) say what to run:
#   PROG    the program, as its path inside the sysroot (/usr/bin/lua5.4)
#   ARGS    its arguments (shell words; @TEST@ stands for the test file's path)
#   STDIN   a file beside TEST for stdin, "self" for TEST itself (default /dev/null)
#   CORPUS  (no value; the last key) every later line of TEST that is neither empty nor a
#           comment ("#") is one run of PROG with that line's shell words as arguments (after
#           ARGS); each run's stdout and status are concatenated
#   EXPECT  a file beside TEST holding the expected stdout, for programs the reference cannot
#           run (qemu-user cannot execve an arm64 program without binfmt_misc); the status
#           must then be 0
# Exit: 0 same, 1 different, 2 reference failure or usage error.
set -u
limit=${REAL_TIMEOUT:-600}
if [ "${1:-}" = "-t" ]; then
    limit=$2
    shift 2
fi
if [ $# -lt 3 ]; then
    echo "usage: $0 [-t seconds] SYSROOT TEST ZARM_CMD..." >&2
    exit 2
fi
root=$(realpath "$1")
test=$(realpath "$2")
shift 2
zarm=("$@")
# A relative zarm path would not survive the cd into the scratch directory.
[ -f "${zarm[0]}" ] && zarm[0]=$(realpath "${zarm[0]}")
ref=(${QEMU_AARCH64:-qemu-aarch64-static} -L "$root")
dir=$(dirname "$test")

if [ ! -x "$root/usr/bin/busybox" ]; then
    echo "FAIL: no sysroot at $root (the real/sysroot test makes it: tests/real/make-sysroot.sh)"
    exit 2
fi

key() { sed -n -E "s/^.{0,3}REAL_$1: *(.*)$/\1/p" "$test" | head -1; }
prog=$(key PROG)
args=$(key ARGS)
stdin=$(key STDIN)
corpus=no
grep -q -E "^.{0,3}REAL_CORPUS:" "$test" && corpus=yes
expect=$(key EXPECT)
args=${args//@TEST@/$test}
case $stdin in
"") stdin=/dev/null ;;
self) stdin=$test ;;
*) stdin=$dir/$stdin ;;
esac
exe=$root$prog
[ -x "$exe" ] || { echo "FAIL: $exe is not in the sysroot"; exit 2; }

guest_env=(PATH=/usr/bin:/bin LANG=C HOME=/nonexistent TZ=UTC)
# zarm's own settings (ZARM_JIT_HOT... from the test registration) go through, to both runners.
while IFS='=' read -r name _; do
    case $name in ZARM_*) guest_env+=("$name=${!name}") ;; esac
done < <(env)
work=$(mktemp -d "${TMPDIR:-/tmp}/zarm-real.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# qemu-user runs an execve'd program as the host's (it cannot start an arm64 one without
# binfmt_misc, and it does not look in -L for it): a guest shell's "sort" would be the host's
# sort, or missing.  The reference's PATH therefore starts with a directory holding, for each
# program of the sysroot's /usr/bin, a host script that runs it under qemu -L SYSROOT with
# argv[0] its name (scripts stay as they are: the host runs their #! interpreter, whose children
# find the wrappers again).  zarm needs none of this: its execve runs Arm64 programs under zarm.
# (Shell built-ins only in the loop: it runs for every program of the sysroot, every test.)
qbin=$work/qbin
mkdir "$qbin"
wrappers=()
scripts=()
for f in "$root"/usr/bin/*; do
    [ -f "$f" ] && [ -x "$f" ] || continue
    n=${f##*/}
    magic=
    IFS= read -r -n 4 magic <"$f" 2>/dev/null
    if [ "$magic" = $'\x7fELF' ]; then
        printf '#!/bin/sh\nexec %q -L %q -0 %q %q "$@"\n' \
            "${QEMU_AARCH64:-qemu-aarch64-static}" "$root" "$n" "$f" >"$qbin/$n"
        wrappers+=("$qbin/$n")
    else
        scripts+=("$f")
    fi
done
[ ${#wrappers[@]} = 0 ] || chmod +x "${wrappers[@]}"
[ ${#scripts[@]} = 0 ] || ln -s "${scripts[@]}" "$qbin/"
ref_env=(PATH=$qbin:/usr/bin:/bin)

# once NAME CMD...: one run in NAME's cwd, appending to NAME.out/.err; prints the status.
once() {
    local name=$1
    shift
    local env=("${guest_env[@]}")
    [ "$name" = ref ] && env+=("${ref_env[@]}")
    (
        cd "$work/$name.cwd" || exit 2
        ulimit -c 0
        exec env -i "${env[@]}" timeout -k 10 "$limit" "$@" \
            <"$stdin" >>"$work/$name.out" 2>>"$work/$name.err"
    ) 2>/dev/null
    echo $?
}

# run NAME RUNNER...: the whole test under one runner; NAME.status holds the status(es).
run() {
    local name=$1
    shift
    local runner=("$@") words n=0 st line t0 t1
    mkdir "$work/$name.cwd"
    : >"$work/$name.out"
    : >"$work/$name.err"
    t0=$(date +%s.%N)
    if [ "$corpus" = yes ]; then
        : >"$work/$name.status"
        while IFS= read -r line; do
            case $line in "" | "#"*) continue ;; esac
            n=$((n + 1))
            eval "words=($line)"
            echo "=== $n: $line" >>"$work/$name.out"
            st=$(once "$name" "${runner[@]}" "$exe" $args "${words[@]}")
            echo "=== status $st" >>"$work/$name.out"
            [ "$st" = 0 ] || echo "$n:$st" >>"$work/$name.status"
        done < <(sed -n '/REAL_CORPUS:/,$p' "$test" | tail -n +2)
        [ -s "$work/$name.status" ] || echo 0 >"$work/$name.status"
    else
        once "$name" "${runner[@]}" "$exe" $args >"$work/$name.status"
    fi
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }' >"$work/$name.time"
}

if [ -n "$expect" ]; then
    cp "$dir/$expect" "$work/ref.out"
    echo 0 >"$work/ref.status"
    echo "(no reference run: expected output from $expect)" >"$work/ref.err"
    echo 0 >"$work/ref.time"
else
    run ref "${ref[@]}"
    if [ "$(cat "$work/ref.status")" != 0 ] && [ "$corpus" != yes ]; then
        : # a non-zero status is compared like any other
    fi
fi
run zarm "${zarm[@]}" -L "$root"
rs=$(cat "$work/ref.status")
zs=$(cat "$work/zarm.status")

fail=0
if ! cmp -s "$work/ref.out" "$work/zarm.out"; then
    echo "--- stdout differs (- reference, + zarm):"
    diff -u --label reference --label zarm "$work/ref.out" "$work/zarm.out" | head -n 100
    fail=1
fi
if [ "$rs" != "$zs" ]; then
    echo "--- exit status differs: reference $(echo $rs), zarm $(echo $zs)"
    fail=1
fi
echo "time: reference $(cat "$work/ref.time") s, zarm $(cat "$work/zarm.time") s"
if [ $fail = 1 ]; then
    echo "--- reference stderr:"
    head -c 2000 "$work/ref.err"
    echo "--- zarm stderr:"
    head -c 4000 "$work/zarm.err"
    echo "--- reproduce: cd \$(mktemp -d) && env -i ${guest_env[*]} ${zarm[*]} -L $root $exe $args <$stdin"
    echo "FAIL"
    exit 1
fi
echo "ok: stdout $(wc -c <"$work/ref.out") bytes, status $(echo $rs)"
exit 0
