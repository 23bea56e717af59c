#!/bin/sh
# Syscall tests, second set (sockets, event descriptors, timers, processes,
# kernel-side copies): builds each tests/sys2/*.c as a static arm64 program
# (-O2) and compares zarm with qemu-aarch64-static byte for byte
# (tests/guest/compare.sh: stdout, stderr, exit status; fresh empty cwd each).
# A program with a "// SYS2_EXPECTED: FILE" line is one qemu cannot answer
# (execve of Arm64 programs needs binfmt_misc there): zarm's stdout is
# compared with FILE instead.
#   run.sh ZARM [RUNNER]   e.g. run.sh build/native/zarm
#                               run.sh build/s390x/zarm qemu-s390x-static
[ -n "$1" ] || { echo "usage: $0 ZARM [RUNNER]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
zarm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runner=${2:-}
# A guest execve of an Arm64 program runs zarm again, through the runner too.
zopts=""
[ -n "$runner" ] && zopts="--exec-runner=$(command -v "$runner")"
cc=${GUEST_CC:-aarch64-linux-gnu-gcc}
out=$(mktemp -d "${TMPDIR:-/tmp}/zarm-sys2.XXXXXX") || exit 2
trap 'rm -rf "$out"' EXIT
fail=0
for src in "$here"/*.c; do
    name=$(basename "$src" .c)
    status=$(sed -n 's|^// SYS_STATUS: *\([0-9]*\).*|\1|p' "$src")
    expected=$(sed -n 's|^// SYS2_EXPECTED: *\([^ ]*\).*|\1|p' "$src")
    if ! $cc -O2 -static -Wall -o "$out/$name" "$src" 2>"$out/$name.cc"; then
        cat "$out/$name.cc"
        echo "FAIL $name: does not build"
        fail=1
        continue
    fi
    if [ -n "$expected" ]; then
        mkdir "$out/$name.cwd"
        if (cd "$out/$name.cwd" && env -i PATH=/usr/bin:/bin LANG=C $runner "$zarm" $zopts \
                "$out/$name" >"$out/$name.out" 2>&1) && cmp -s "$here/$expected" "$out/$name.out"; then
            echo "ok   $name: matches $expected"
        else
            echo "FAIL $name"
            diff -u "$here/$expected" "$out/$name.out" | head -n 60
            fail=1
        fi
        continue
    fi
    if r=$(sh -c '"$@"' - "$here/../guest/compare.sh" -s "${status:-0}" $runner "$zarm" $zopts -- "$out/$name" 2>&1); then
        echo "ok   $name: ${r##*ok: }"
    else
        echo "FAIL $name"
        echo "$r" | head -n 60
        fail=1
    fi
done
exit $fail
