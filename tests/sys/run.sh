#!/bin/sh
# Syscall tests: builds each tests/sys/*.c as a static arm64 program (-O2) and
# compares zarm with qemu-aarch64-static byte for byte (tests/guest/compare.sh:
# stdout, stderr, exit status; fresh empty cwd each).
#   run.sh ZARM [RUNNER]   e.g. run.sh build/native/zarm
#                               run.sh build/s390x/zarm qemu-s390x-static
[ -n "$1" ] || { echo "usage: $0 ZARM [RUNNER]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
zarm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runner=${2:-}
cc=${GUEST_CC:-aarch64-linux-gnu-gcc}
out=$(mktemp -d "${TMPDIR:-/tmp}/zarm-sys.XXXXXX") || exit 2
trap 'rm -rf "$out"' EXIT
fail=0
for src in "$here"/*.c; do
    name=$(basename "$src" .c)
    # The expected status is declared in the source: "// SYS_STATUS: N" (default 0).
    status=$(sed -n 's|^// SYS_STATUS: *\([0-9]*\).*|\1|p' "$src")
    if ! $cc -O2 -static -Wall -o "$out/$name" "$src"; then
        echo "FAIL $name: does not build"
        fail=1
        continue
    fi
    if r=$(sh -c '"$@"' - "$here/../guest/compare.sh" -s "${status:-0}" $runner "$zarm" -- "$out/$name" 2>&1); then
        echo "ok   $name: ${r##*ok: }"
    else
        echo "FAIL $name"
        echo "$r" | head -n 60
        fail=1
    fi
done
exit $fail
