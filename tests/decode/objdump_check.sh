#!/bin/sh
# Checks the LSE and Armv8.1+ decode entries, which capstone 4 does not know,
# against binutils: words generated from zarm's patterns are disassembled by
# objdump and must be the same instruction, not .inst/undefined.
# usage: objdump_check.sh DECODE_VS_CAPSTONE OBJDUMP OUT.bin [WORDS_PER_OP [SEED]]
set -e
exe=$1 objdump=$2 bin=$3
"$exe" --emit-objdump "$bin" "${4:-50}" "${5:-1}"
"$objdump" -D -b binary -m aarch64 "$bin" | "$exe" --objdump-verify
