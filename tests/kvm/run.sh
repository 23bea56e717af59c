#!/bin/sh
# The hardware path on a real arm64 KVM: boots Debian's arm64 kernel in
#   qemu-system-aarch64 -M virt,virtualization=on -cpu max,pauth-impdef=on -nic none
# (the guest kernel runs at EL2, so /dev/kvm works inside) with an initramfs holding the arm64
# zarm, the guest test programs and /init (init.c), which compares --engine=hw against
# --engine=interp inside the machine and prints a summary.  Exit 0 on "[kvm] RESULT: PASS",
# non-zero otherwise -- also when the arm64 zarm has not been built or the kernel cannot be
# fetched: a hardware path that was not tested has not passed.
# usage: run.sh SRCDIR ZARM_ARM64 GUEST_BIN_DIR WORKDIR ISA_GUEST [KERNEL_CACHE]
#   ISA_GUEST is tests/isa's isadiff-guest: its reference run (ISA_SEED, ISA_COUNT tests; default
#   the first 8,000 tests of the seed tests/isa's 20k runs use) is made here under
#   qemu-aarch64-static and replayed inside the machine with --engine=hw.
#   KERNEL_CACHE (default SRCDIR/build/kvm) keeps the kernel and its private apt state, shared
#   by every build tree.
set -eu
src=$1 zarm=$2 guests=$3 work=$4 isa=$5 cache=${6:-$1/build/kvm}
if [ ! -x "$zarm" ]; then
    echo "kvm: FAIL: no arm64 zarm at $zarm (make arm64)"
    exit 1
fi
mkdir -p "$work"
work=$(cd "$work" && pwd) guests=$(cd "$guests" && pwd)
t0=$(date +%s)
if ! kernel=$("$src/tests/kvm/fetch-kernel.sh" "$cache"); then
    echo "kvm: FAIL: cannot install qemu-system-arm or fetch Debian's arm64 kernel (is Debian's archive reachable?)"
    exit 1
fi

aarch64-linux-gnu-gcc -static -O2 -Wall -Wextra -o "$work/init" "$src/tests/kvm/init.c"

# The program list, with each program's GUEST_ARGS / GUEST_STDIN (guest.h), and the reference
# result (qemu-aarch64-static, as tests/guest/compare.sh runs it): its status in the list, its
# stdout as /ref/NAME -- the truth for a program the interpreter itself gets wrong.
# /bin/sh for the programs that run a shell (fork_exec_wait): Debian's arm64 busybox-static.
files="/init=$work/init /zarm=$zarm /bin/sh=$cache/busybox"
qemu=${QEMU_AARCH64:-qemu-aarch64-static}
rm -rf "$work/ref" && mkdir -p "$work/ref"
: > "$work/tests.list"
for bin in "$guests"/*; do
    name=$(basename "$bin")
    c="$src/tests/guest/$name.c"
    [ -f "$c" ] || continue
    decl() { sed -n "s|^// GUEST_$1: *||p" "$c" | head -n 1; }
    stdin=$(decl STDIN)
    in=- host_in=/dev/null
    if [ -n "$stdin" ]; then
        in=/guest/$stdin host_in=$src/tests/guest/$stdin
        files="$files /guest/$stdin=$host_in"
    fi
    args=$(decl ARGS)
    mkdir "$work/ref/$name.cwd"
    # shellcheck disable=SC2086
    status=$(cd "$work/ref/$name.cwd" && ulimit -c 0 &&
             { env -i PATH=/usr/bin:/bin LANG=C ZARM_GUEST_TEST=1 timeout 300 "$qemu" "$bin" \
                   $args < "$host_in" > "$work/ref/$name" 2>/dev/null && echo 0 || echo $?; })
    echo "$name $status $in $args" >> "$work/tests.list"
    files="$files /guest/$name=$bin /ref/$name=$work/ref/$name"
done
if [ ! -s "$work/tests.list" ]; then
    echo "kvm: no guest programs in $guests (build the guest-programs target)"
    exit 1
fi
files="$files /tests.list=$work/tests.list"

# The differential ISA tester's reference run, as tests/isa/isadiff.sh makes it.
isa_seed=${ISA_SEED:-20240} isa_count=${ISA_COUNT:-8000}
if [ ! -x "$isa" ]; then
    echo "kvm: FAIL: no isadiff-guest at $isa"
    exit 1
fi
"$qemu" -cpu "${ISADIFF_CPU:-max,pauth=off}" "$isa" --seed "$isa_seed" --count "$isa_count" \
    --probe > "$work/isa.ref"
echo "$isa_seed" > "$work/isa.seed"
files="$files /isa/guest=$isa /isa/ref=$work/isa.ref /isa/seed=$work/isa.seed"
# The embedding API on the hardware (init.c section 5): the example VMM, tests/vm's vmtest and
# their bare-metal guests, from the same arm64 build as zarm.
armb=$(dirname "$zarm")
for f in examples/vmm examples/hello.bin tests/vm/vmtest tests/vm/vmguest.bin; do
    if [ ! -f "$armb/$f" ]; then
        echo "kvm: FAIL: no $armb/$f (make arm64)"
        exit 1
    fi
    files="$files /vm/$(basename "$f")=$armb/$f"
done
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
