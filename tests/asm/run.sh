#!/bin/sh
# Runs every tests/asm/*/run.sh (each builds its Arm64 test programs and
# compares zarm with qemu-aarch64-static byte for byte); fails if any fails.
#   run.sh ZARM [RUNNER]   e.g. run.sh build/native/zarm  or  run.sh build/s390x/zarm qemu-s390x-static
[ -n "$1" ] || { echo "usage: $0 ZARM [RUNNER]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
fail=0
for suite in "$here"/*/run.sh; do
    [ -e "$suite" ] || continue
    echo "== $(basename "$(dirname "$suite")")"
    sh "$suite" "$@" || fail=1
done
exit $fail
