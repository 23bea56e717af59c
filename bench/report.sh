#!/usr/bin/env bash
# report.sh RESULTS_CSV CHART_PNG MODE: prints the benchmark table from results.csv (written by
# measure.sh) and draws the per-workload chart with gnuplot. MODE is icount or time.
set -u
csv=$1
png=$2
mode=$3

# The status is the last column and may hold commas: rebuild it from field 8 on.
awk -F, -v mode="$mode" '
function status(   s, i) { s = $8; for (i = 9; i <= NF; i++) s = s "," $i; gsub(/"/, "", s); return s }
function mega(v) { return v == "" ? "n/a" : sprintf("%.1f", v / 1e6) }
NR == 1 { next }
{
    if (!($4 in seen)) { seen[$4] = 1; engines[++ne] = $4 }
    if (!($1 in wseen)) { wseen[$1] = 1; works[++nw] = $1 }
    kind[$1] = $2; guest[$1] = $3; val[$1, $4] = $6; per[$1, $4] = $7
    st = status()
    if (st != "ok" && !(st in noted)) { noted[st] = 1; notes[++nn] = $4 ": " st }
}
END {
    if (mode == "time") { u = "s"; r = "ns/insn" } else { u = "M s390x"; r = "s390x/insn" }
    printf "%-12s %10s", "workload", "guest M"
    for (e = 1; e <= ne; e++) printf " | %-22s", engines[e]
    printf "\n%-12s %10s", "", ""
    for (e = 1; e <= ne; e++) printf " | %10s %11s", u, r
    printf "\n"
    for (w = 1; w <= nw; w++) {
        k = works[w]
        if (kind[k] != "run") continue
        printf "%-12s %10s", k, mega(guest[k])
        for (e = 1; e <= ne; e++) {
            v = val[k, engines[e]]
            p = per[k, engines[e]]
            printf " | %10s %11s", v == "" ? "n/a" : (mode == "time" ? v : mega(v)), p == "" ? "n/a" : p
        }
        printf "\n"
    }
    # The steady-state figure of issue 4: the geometric mean over the kernels (the lua workload,
    # a whole program, is reported beside them, not in it).
    printf "%-12s %10s", "geomean", "kernels"
    for (e = 1; e <= ne; e++) {
        n = 0; sl = 0
        for (w = 1; w <= nw; w++) {
            k = works[w]
            if (kind[k] != "run" || k == "lua") continue
            p = per[k, engines[e]]
            if (p == "" || p <= 0) { n = -1; break }
            sl += log(p); n++
        }
        printf " | %10s %11s", "", (n > 0 ? sprintf("%.2f", exp(sl / n)) : "n/a")
    }
    printf "\n"
    printf "\nstart-up, the empty main (%d guest instructions): %s\n", guest["empty"],
        mode == "time" ? "seconds" : "M s390x instructions"
    for (e = 1; e <= ne; e++) {
        v = val["empty", engines[e]]
        printf "  %-14s %s\n", engines[e], v == "" ? "n/a" : (mode == "time" ? v : mega(v))
    }
    if ("lua0" in wseen) {
        printf "start-up of the lua workload (lua5.4, 0 rounds: %d guest instructions): %s\n",
            guest["lua0"], mode == "time" ? "seconds" : "M s390x instructions"
        for (e = 1; e <= ne; e++) {
            v = val["lua0", engines[e]]
            printf "  %-14s %s\n", engines[e], v == "" ? "n/a" : (mode == "time" ? v : mega(v))
        }
    }
    printf "translation, per guest instruction translated (%d-instruction straight-line pass): %s\n",
        guest["translation"], mode == "time" ? "ns" : "s390x instructions"
    for (e = 1; e <= ne; e++) {
        v = per["translation", engines[e]]
        printf "  %-14s %s\n", engines[e], v == "" ? "n/a" : v
    }
    printf "\nper-insn ratios subtract the empty main (lua: its 0-round run) from both counts (steady state).\n"
    for (i = 1; i <= nn; i++) printf "note: %s\n", notes[i]
}' "$csv"

command -v gnuplot >/dev/null || { echo "no gnuplot: chart not drawn" >&2; exit 0; }
dat=${png%.png}.dat
# One row per workload, one column per engine that has at least one figure.
awk -F, '
NR == 1 { next }
$2 == "run" {
    if (!($1 in ws)) { ws[$1] = 1; works[++nw] = $1 }
    if (!($4 in es)) { es[$4] = 1; engines[++ne] = $4 }
    per[$1, $4] = $7
    if ($7 != "") has[$4] = 1
}
END {
    printf "workload"
    for (e = 1; e <= ne; e++) if (has[engines[e]]) printf " %s", engines[e]
    printf "\n"
    for (w = 1; w <= nw; w++) {
        printf "%s", works[w]
        for (e = 1; e <= ne; e++)
            if (has[engines[e]]) {
                p = per[works[w], engines[e]]
                printf " %s", p == "" ? "?" : p
            }
        printf "\n"
    }
}' "$csv" >"$dat"
cols=$(head -1 "$dat" | wc -w)
[ "$cols" -gt 1 ] || { echo "no figures: chart not drawn" >&2; exit 0; }
if [ "$mode" = time ]; then ylabel="ns per arm64 instruction"; else ylabel="s390x instructions per arm64 instruction"; fi
gnuplot <<GP || echo "gnuplot failed: chart not drawn" >&2
set terminal pngcairo size 1100,550 font ",11"
set output "$png"
set title "zarm benchmark: $ylabel (log scale, start-up subtracted)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set yrange [0.5:*]
set grid ytics
set ylabel "$ylabel"
set xtics rotate by -30 nomirror
set key top left
set datafile missing "?"
plot for [i=2:$cols] "$dat" using i:xtic(1) title columnheader(i)
GP
echo "chart: $png"
