#!/bin/sh
# Byte-exact check of the s390x assembler against GNU as:
#   check.sh GEN [RUNNER]
# GEN (s390asm_gen, run through RUNNER in cross builds) writes every table instruction with
# several operand combinations as text and as our bytes; the text is assembled with
# s390x-linux-gnu-as -march=z15 and the two byte streams must be identical.
set -eu
gen=$1
shift
AS=${S390_AS:-s390x-linux-gnu-as}
OBJCOPY=${S390_OBJCOPY:-s390x-linux-gnu-objcopy}
OBJDUMP=${S390_OBJDUMP:-s390x-linux-gnu-objdump}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$@" "$gen" "$tmp/t.s" "$tmp/ours.bin" "$tmp/t.lst"
$AS -march=z15 -o "$tmp/t.o" "$tmp/t.s"
$OBJCOPY -O binary -j .text "$tmp/t.o" "$tmp/gas.bin"
if cmp -s "$tmp/ours.bin" "$tmp/gas.bin"; then
    echo "s390asm: $(wc -l <"$tmp/t.s") instructions byte-identical to $AS -march=z15"
    exit 0
fi
echo "s390asm: bytes differ from $AS; first differences (ours | gas):"
dis() { $OBJDUMP -D -b binary -m s390:64-bit "$1" | sed -n 's/^ *\([0-9a-f]*\):\t\(.*\)$/\1 \2/p'; }
dis "$tmp/ours.bin" >"$tmp/ours.dis"
dis "$tmp/gas.bin" >"$tmp/gas.dis"
# Report per instruction: the listing says what we meant, gas's bytes what it should be.
python3 - "$tmp/t.lst" "$tmp/gas.bin" <<'PY' || diff "$tmp/ours.dis" "$tmp/gas.dis" | head -40
import sys
gas = open(sys.argv[2], 'rb').read()
bad = 0
for line in open(sys.argv[1]):
    off, rest = line.split(':', 1)
    off = int(off, 16)
    ours = rest.split()[0]
    want = gas[off:off + len(ours) // 2].hex()
    if ours != want:
        bad += 1
        if bad <= 40:
            print(f"  {rest.strip():60s} gas {want}")
print(f"{bad} instructions differ")
PY
exit 1
