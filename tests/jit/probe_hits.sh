#!/bin/sh
# probe_hits.sh N ZARM_CMD...: runs tests/jit/returns (rounds of three returns and a call
# through a pointer) under the JIT with --stats, N and 2N rounds, and checks that the
# indirect-branch probe finds its targets: the N more rounds add fewer engine exits than one
# per 100 rounds (every miss is one; start-up and the pin profile make the same in both).
n=$1
shift
exits() {
    out=$("$@" 2>&1 >/dev/null) || { echo "$out" >&2; echo "probe_hits: the run failed" >&2; exit 1; }
    e=$(printf '%s\n' "$out" | sed -n 's/^ *engine exits *\([0-9]*\).*/\1/p')
    [ -n "$e" ] || { echo "$out" >&2; echo "probe_hits: no engine exits in --stats" >&2; exit 1; }
    echo "$e"
}
e1=$(exits "$@" "$n") || exit 1
e2=$(exits "$@" $((2 * n))) || exit 1
echo "engine exits: $e1 for $n rounds, $e2 for $((2 * n))"
[ $((e2 - e1)) -lt $((n / 100)) ] || { echo "probe_hits: the probe misses" >&2; exit 1; }
