#!/bin/sh
# pins_chosen.sh ZARM_CMD... -- PINS_PROGRAM: runs tests/jit/pins under the JIT with --stats
# and checks that the pin profile ended and chose the registers its hot path lives in (x19 and
# x20 are read and written by every block of it; the output itself is compared by jit/*/pins).
out=$("$@" 2>&1 >/dev/null) || { echo "$out"; echo "pins_chosen: the run failed" >&2; exit 1; }
line=$(printf '%s\n' "$out" | grep 'global pins')
echo "$line"
printf '%s\n' "$line" | grep -q '(chosen by profile)' || { echo "pins_chosen: no profile review" >&2; exit 1; }
for r in x19 x20; do
    printf '%s\n' "$line" | grep -qw "$r" || { echo "pins_chosen: $r not pinned" >&2; exit 1; }
done
