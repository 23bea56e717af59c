#!/bin/sh
# Runs the example VMM on one engine and compares the guest's UART output with the same image
# on QEMU's virt board (qemu-system-aarch64: its PL011 and PSCI are the reference), and
# requires a clean SYSTEM_OFF (vmm status 0).
# usage: check-vmm.sh ENGINE GUEST_ELF GUEST_BIN [EMULATOR ARGS...] VMM
set -eu
engine=$1 elf=$2 bin=$3
shift 3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
qemu=${QEMU_SYSTEM_AARCH64:-qemu-system-aarch64}
timeout 120 "$qemu" -M virt -cpu max -nographic -monitor none -serial stdio -nic none \
    -kernel "$elf" > "$out/ref" 2> "$out/ref.err" || {
    echo "vmm: FAIL: reference run failed: $(cat "$out/ref.err")"
    exit 1
}
status=0
timeout 300 "$@" --engine="$engine" --stats "$bin" > "$out/vmm" 2> "$out/vmm.err" || status=$?
cat "$out/vmm.err"
if [ "$status" != 0 ]; then
    echo "vmm: FAIL: status $status on engine $engine"
    exit 1
fi
if ! [ -s "$out/ref" ]; then
    echo "vmm: FAIL: the reference printed nothing"
    exit 1
fi
if ! diff -u "$out/ref" "$out/vmm"; then
    echo "vmm: FAIL: engine $engine differs from qemu-system-aarch64"
    exit 1
fi
echo "vmm: engine $engine: $(wc -l < "$out/vmm") lines identical to qemu-system-aarch64"
