#!/bin/bash
# insn_counts.sh ZARM_CMD... -- PROGRAM ARGS...: runs PROGRAM with --stats on the interpreter
# and on the JIT (same environment, so the guest's start-up is the same) and checks that both
# count the same guest instructions: a fault counts the instructions before the faulting one
# in both, whether the JIT's stub or the interpreter's host-fault path takes it.
. "$(dirname "$0")/zarm_cmd.sh"
count() {
    local engine=$1
    shift
    "${zarm[@]}" --engine="$engine" --stats "$@" 2>&1 >/dev/null |
        sed -n 's/^ *guest instructions *\([0-9]*\).*/\1/p'
}
i=$(count interp "$@")
j=$(count jit "$@")
echo "guest instructions: interp $i, jit $j"
[ -n "$i" ] && [ "$i" = "$j" ] || { echo "insn_counts: the engines disagree" >&2; exit 1; }
