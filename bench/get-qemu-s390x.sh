#!/bin/sh
# get-qemu-s390x.sh DIR: puts QEMU's qemu-aarch64 built FOR s390x (Debian's qemu-user-static
# package of the s390x architecture) at DIR/qemu-aarch64-static, without installing the
# package: it is the peer zarm's JIT is measured against, run under qemu-s390x. Prints the path.
# Needs the s390x architecture in dpkg (scripts/install-deps.sh adds it).
set -eu
dir=$1
out=$dir/qemu-aarch64-static
[ -x "$out" ] && { echo "$out"; exit 0; }
mkdir -p "$dir"
tmp=$(mktemp -d "$dir/download.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fetch() { (cd "$tmp" && apt-get download -q qemu-user-static:s390x) >"$tmp/log" 2>&1; }
# The s390x package lists may be missing or stale: refresh them once and retry.
if ! fetch; then
    apt-get update -q >"$tmp/log" 2>&1 || true
    if ! fetch; then
        echo "get-qemu-s390x.sh: cannot download qemu-user-static:s390x from the Debian archive:" >&2
        tail -3 "$tmp/log" >&2
        exit 1
    fi
fi
# Only the one program is needed out of the package.
dpkg-deb --fsys-tarfile "$tmp"/qemu-user-static_*.deb |
    tar -x -C "$tmp" ./usr/bin/qemu-aarch64-static
mv "$tmp/usr/bin/qemu-aarch64-static" "$out"
echo "$out"
