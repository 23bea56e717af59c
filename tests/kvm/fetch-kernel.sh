#!/bin/sh
# Fetches what the KVM test needs on the build machine, once:
#  - qemu-system-aarch64 (Debian's qemu-system-arm) if it is missing;
#  - Debian's arm64 kernel (KVM is built in), downloaded with apt-get into a private arm64 apt
#    state under OUT and unpacked with dpkg-deb: nothing foreign is installed on the host;
#  - busybox-static for arm64 the same way (OUT/busybox: /bin/sh in the test machine, for the
#    guest programs that run a shell).
# usage: fetch-kernel.sh OUT        prints the path of the kernel image (OUT/vmlinuz) when done
set -eu
OUT=${1:?usage: fetch-kernel.sh OUTDIR}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

if ! command -v qemu-system-aarch64 >/dev/null 2>&1; then
    echo "installing qemu-system-arm" >&2
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        qemu-system-arm >&2
fi

if [ ! -s "$OUT/vmlinuz" ] || [ ! -s "$OUT/busybox" ]; then
    # A separate apt state for arm64 so the host's own apt configuration is untouched.  The
    # machine's mirror with the backports suite (6.12: KVM and the SMCCC filter), else bookworm.
    A="$OUT/apt"
    mkdir -p "$A/lists/partial" "$A/parts" "$A/cache/archives/partial"
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=http://deb.debian.org/debian
    printf 'deb %s bookworm-backports main\ndeb %s bookworm main\n' "$uri" "$uri" > "$A/sources.list"
    set -- -oAPT::Architecture=arm64 -oAPT::Architectures=arm64 \
        -oDir::State::Lists="$A/lists" -oDir::Etc::SourceList="$A/sources.list" \
        -oDir::Etc::SourceParts="$A/parts" -oDir::Cache="$A/cache" \
        -oDebug::NoLocking=1
    apt-get -q "$@" update >&2
fi

if [ ! -s "$OUT/vmlinuz" ]; then
    # The newest linux-image-<version>-arm64 that linux-image-arm64 depends on (the backports
    # candidate when the suite answers).
    pkg=$(apt-cache "$@" -t bookworm-backports depends linux-image-arm64 2>/dev/null |
          awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
    [ -n "$pkg" ] || pkg=$(apt-cache "$@" depends linux-image-arm64 |
                          awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
    echo "kernel package: $pkg" >&2
    (cd "$OUT" && rm -f linux-image-*.deb &&
     apt-get -q "$@" download "$pkg" 2>&1 | grep -v unsandboxed >&2 || true)
    rm -rf "$OUT/pkg"
    dpkg-deb -x "$OUT"/"$pkg"_*.deb "$OUT/pkg"
    grep -q '^CONFIG_KVM=y' "$OUT"/pkg/boot/config-* || { echo "kernel has no built-in KVM" >&2; exit 1; }
    cp "$OUT"/pkg/boot/vmlinuz-* "$OUT/vmlinuz.tmp"
    mv "$OUT/vmlinuz.tmp" "$OUT/vmlinuz"
    rm -rf "$OUT/pkg"
fi

if [ ! -s "$OUT/busybox" ]; then
    (cd "$OUT" && rm -f busybox-static_*.deb &&
     apt-get -q "$@" download busybox-static 2>&1 | grep -v unsandboxed >&2 || true)
    rm -rf "$OUT/bb"
    dpkg-deb -x "$OUT"/busybox-static_*.deb "$OUT/bb"
    cp "$OUT/bb/bin/busybox" "$OUT/busybox.tmp"
    mv "$OUT/busybox.tmp" "$OUT/busybox"
    rm -rf "$OUT/bb"
fi
echo "$OUT/vmlinuz"
