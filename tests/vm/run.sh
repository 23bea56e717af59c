#!/bin/sh
# tests/vm on one engine: vmtest checks its properties (status), and its exit log must equal
# the interpreter's, the oracle (exit by exit, registers at the end of each scenario).
# usage: run.sh ENGINE GUEST_BIN [EMULATOR ARGS...] VMTEST
set -eu
engine=$1 bin=$2
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ! timeout 300 "$@" --engine="$engine" "$bin" > "$out/log" 2> "$out/err"; then
    cat "$out/err"
    echo "vm: FAIL: properties on engine $engine"
    exit 1
fi
cat "$out/err"
if [ "$engine" != interp ]; then
    # The hardware engine runs the subset KVM shows a VMM the same way (vmtest.c).
    subset=
    [ "$engine" = hw ] && subset=--subset=hw
    # shellcheck disable=SC2086
    timeout 300 "$@" --engine=interp $subset "$bin" > "$out/ref" 2> "$out/ref.err" || {
        cat "$out/ref.err"
        echo "vm: FAIL: the interpreter (oracle) fails its properties"
        exit 1
    }
    if ! diff -u "$out/ref" "$out/log"; then
        echo "vm: FAIL: engine $engine's exits differ from the interpreter's"
        exit 1
    fi
fi
echo "vm: engine $engine: $(wc -l < "$out/log") log lines, properties hold$( [ "$engine" = interp ] || echo ", identical to the interpreter's")"
