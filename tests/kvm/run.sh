#!/bin/sh
# The hardware path on a real arm64 KVM: boots Debian's arm64 kernel in
#   qemu-system-aarch64 -M virt,virtualization=on -cpu max,pauth-impdef=on -nic none
# (the guest kernel runs at EL2, so /dev/kvm works inside) with an initramfs holding the arm64
# zarm, the guest test programs and /init (init.c), which compares --engine=hw against
# --engine=interp inside the machine and prints a summary.  Exit 0 on "[kvm] RESULT: PASS",
# 77 (ctest: skipped) when the arm64 zarm has not been built.
# usage: run.sh SRCDIR ZARM_ARM64 GUEST_BIN_DIR WORKDIR [KERNEL_CACHE]
#   KERNEL_CACHE (default SRCDIR/build/kvm) keeps the kernel and its private apt state, shared
#   by every build tree.
set -eu
src=$1 zarm=$2 guests=$3 work=$4 cache=${5:-$1/build/kvm}
if [ ! -x "$zarm" ]; then
    echo "kvm: SKIP: no arm64 zarm at $zarm (make arm64)"
    exit 77
fi
mkdir -p "$work"
t0=$(date +%s)
kernel=$("$src/tests/kvm/fetch-kernel.sh" "$cache")

aarch64-linux-gnu-gcc -static -O2 -Wall -Wextra -o "$work/init" "$src/tests/kvm/init.c"

# The program list, with each program's GUEST_ARGS / GUEST_STDIN / GUEST_STATUS (guest.h).
files="/init=$work/init /zarm=$zarm"
: > "$work/tests.list"
for bin in "$guests"/*; do
    name=$(basename "$bin")
    c="$src/tests/guest/$name.c"
    [ -f "$c" ] || continue
    decl() { sed -n "s|^// GUEST_$1: *||p" "$c" | head -n 1; }
    status=$(decl STATUS)
    stdin=$(decl STDIN)
    in=-
    if [ -n "$stdin" ]; then
        in=/guest/$stdin
        files="$files /guest/$stdin=$src/tests/guest/$stdin"
    fi
    echo "$name ${status:-0} $in $(decl ARGS)" >> "$work/tests.list"
    files="$files /guest/$name=$bin"
done
files="$files /tests.list=$work/tests.list"
# shellcheck disable=SC2086
python3 "$src/tests/kvm/mkinitramfs.py" "$work/initrd.gz" $files

timeout "${KVM_TIMEOUT:-1500}" qemu-system-aarch64 \
    -M virt,virtualization=on,gic-version=3 -cpu max,pauth-impdef=on -smp 1 -m 2048 \
    -nographic -no-reboot -nic none \
    -kernel "$kernel" -initrd "$work/initrd.gz" \
    -append "console=ttyAMA0 panic=-1 rdinit=/init quiet" > "$work/boot.log" 2>&1 || true
grep -a '^\[kvm\]' "$work/boot.log" || tail -n 30 "$work/boot.log"
echo "kvm: $(( $(date +%s) - t0 )) s in all (log: $work/boot.log)"
grep -aq '^\[kvm\] RESULT: PASS' "$work/boot.log"
