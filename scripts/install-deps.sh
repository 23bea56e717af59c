#!/bin/sh
# Installs, from Debian's archive, whatever of zarm's build and test
# dependencies is missing (multiarch s390x and arm64 for the cross builds).
#   install-deps.sh --bench   only what make bench adds: the dynamically linked qemu-user
#                             (it loads the icount plugin) and gnuplot for the chart
set -e
pkgs="cmake make gcc pkg-config libcapstone-dev libxxhash-dev libcriterion-dev
gcc-aarch64-linux-gnu gcc-s390x-linux-gnu binutils-aarch64-linux-gnu binutils-s390x-linux-gnu
qemu-user-static qemu-system-arm libcapstone-dev:s390x libxxhash-dev:s390x libcapstone-dev:arm64 libxxhash-dev:arm64"
[ "${1:-}" = --bench ] && pkgs="qemu-user gnuplot-nox"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
for arch in s390x arm64; do
    dpkg --print-foreign-architectures | grep -qx "$arch" || $SUDO dpkg --add-architecture "$arch"
done
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
