#!/bin/bash
# in_asm_gap.sh ZARM_CMD... -- PROGRAM ARGS...: runs PROGRAM with -d in_asm and checks the
# blocks that follow a short B (ir/translate.c): the instruction listed after the B is its
# target, not the ones it jumps over; at least one such block must be listed.
. "$(dirname "$0")/zarm_cmd.sh"
"${zarm[@]}" -d in_asm "$@" 2>&1 >/dev/null | awk '
    # Hexadecimal (with or without 0x) to a number; awk has no strtonum everywhere.
    function num(s,    n, i, c) {
        sub(/^0x/, "", s)
        n = 0
        for (i = 1; i <= length(s); i++) {
            c = index("0123456789abcdef", substr(s, i, 1))
            n = n * 16 + c - 1
        }
        return n
    }
    /^0x[0-9a-f]+:  [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f] / {
        addr = num(substr($1, 1, length($1) - 1))
        if (want != "" && addr != want) {
            printf "after the B at 0x%x: 0x%x listed, 0x%x expected\n", from, addr, want
            bad = 1
        }
        if (want != "")
            checked++
        want = ""
        # B imm26: 0x14000000-0x17ffffff; a short forward one (over 1 to 8 instructions).
        w = num($2)
        if (w >= 335544320 && w < 402653184 && $3 == "b") {
            t = num(substr($4, 2))
            if (t > addr + 4 && t - addr - 4 <= 32) {
                want = t
                from = addr
            }
        }
        next
    }
    { want = "" }
    END {
        printf "%d blocks checked past a short B\n", checked
        exit bad || checked == 0
    }'
