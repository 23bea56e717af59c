#!/bin/sh
# make demo: compiles a few Arm64 C programs from tests/guest and runs them
# through build/native/zarm, showing their output and zarm's statistics.
cd "$(dirname "$0")/.." || exit 1
zarm=build/native/zarm
cc=aarch64-linux-gnu-gcc
out=build/native/demo
[ -x $zarm ] || { echo "build/native/zarm is missing: run 'make native' first" >&2; exit 1; }
mkdir -p $out

echo "zarm runs Linux programs compiled for Arm64 (AArch64) on this $(uname -m) machine:"
echo "it decodes each Arm64 instruction, translates it to its own intermediate form,"
echo "interprets that, and passes the program's system calls to the host kernel."
echo
for p in hello qsort_test word_count sieve; do
    case $p in
    hello) what="the classic first program: one printf" ;;
    qsort_test) what="sorting with glibc's qsort, which calls back into the program" ;;
    word_count) what="a string program: splits, reverses and counts words" ;;
    sieve) what="a prime sieve: a few hundred million instructions of tight loops" ;;
    esac
    echo "=== $p.c: $what"
    echo "\$ $cc -O2 -static -Itests/guest tests/guest/$p.c -o $out/$p"
    $cc -O2 -static -Itests/guest tests/guest/$p.c -o $out/$p || exit 1
    if command -v file >/dev/null; then
        echo "\$ file $out/$p"
        file -b $out/$p | cut -d, -f1-2
    fi
    echo "\$ $zarm --stats $out/$p"
    $zarm --stats $out/$p
    echo "(exit status $?)"
    echo
done
echo "The same programs, and about 50 more, are compared against qemu-aarch64-static by"
echo "'make test-quick' (tests/guest/compare.sh); 'make bench' measures the interpreter's speed."
