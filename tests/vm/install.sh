#!/bin/sh
# make install's tree is all an embedder needs: installs the build into a fresh prefix, builds
# examples/vmm.c against it with pkg-config alone (libzarm.so, and libzarm.a with
# pkg-config --static), and runs both on the example guest (check-vmm.sh, interpreter).
# usage: install.sh BUILD_DIR SRC_DIR GUEST_ELF GUEST_BIN
set -eu
build=$1 src=$2 elf=$3 bin=$4
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cmake --install "$build" --prefix "$d/prefix" > "$d/install.log"
for f in lib/libzarm.so lib/libzarm.a lib/pkgconfig/zarm.pc include/zarm/vm.h include/zarm/cpu.h \
         include/zarm/zarm.h; do
    [ -e "$d/prefix/$f" ] || { echo "install: FAIL: $f not installed"; exit 1; }
done
export PKG_CONFIG_PATH="$d/prefix/lib/pkgconfig"
# Only what pkg-config says: the source tree is not on any path.
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -o "$d/vmm" "$src/examples/vmm.c" \
    $(pkg-config --cflags --libs zarm) -Wl,-rpath,"$d/prefix/lib"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -o "$d/vmm-static" "$src/examples/vmm.c" \
    $(pkg-config --cflags zarm) -Wl,-Bstatic $(pkg-config --static --libs-only-l zarm | \
    sed 's/-lm\b//;s/-lpthread//') -Wl,-Bdynamic -L"$d/prefix/lib" -lm -lpthread
if ldd "$d/vmm-static" | grep -q libzarm; then
    echo "install: FAIL: the static build uses libzarm.so"
    exit 1
fi
sh "$src/examples/check-vmm.sh" interp "$elf" "$bin" "$d/vmm"
sh "$src/examples/check-vmm.sh" interp "$elf" "$bin" "$d/vmm-static"
echo "install: pkg-config builds of examples/vmm.c (shared and static) run the guest"
