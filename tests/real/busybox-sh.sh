# busybox sh running a script of pipelines: needs fork (every pipeline stage and $(...) is a
# forked copy of the shell running an applet in-process; busybox-static prefers its applets).
# REAL_PROG: /usr/bin/busybox
# REAL_ARGS: sh -s
# REAL_STDIN: self
set -e
i=1
while [ $i -le 300 ]; do
    echo "$((i * 7919 % 1000)) line$i $((i % 13)) word$((i % 5))"
    i=$((i + 1))
done > data.txt
echo "== sort"
sort -n data.txt | head -5
sort -k3,3n -k1,1nr data.txt | tail -3
echo "== sed"
sed -n -e 's/line\([0-9]*\)0 /L\1 /p' data.txt | head -4
sed -e '/word3/d' -e 's/^\([0-9]*\) /[\1] /' data.txt | tail -2
echo "== awk"
awk '{ s[$4] += $1; n[$4]++ } END { for (k in s) printf "%s %d %.3f\n", k, s[k], s[k] / n[k] }' data.txt | sort
awk -F' ' 'NR % 50 == 0 { print NR, toupper($2), length($0) }' data.txt
echo "== sha256sum"
sha256sum data.txt | cut -c1-64
echo "== gzip"
gzip -9 -c data.txt > data.gz
gunzip -c data.gz | cmp - data.txt && echo round trip ok
gzip -d < data.gz | sha256sum | cut -c1-16
echo "== wc"
wc -l < data.txt
wc -w < data.txt
wc -c < data.txt
echo "== tr cut uniq"
tr 'a-z' 'A-Z' < data.txt | head -2
tr -d '0-9' < data.txt | sort | uniq -c | sort -k1,1nr -k2 | head -3
cut -d' ' -f3 data.txt | sort -n | uniq | tr '\n' ',' ; echo
cut -c1-3 data.txt | sort | uniq -d | wc -l
echo "== head tail"
head -n 3 data.txt
tail -n 2 data.txt
head -c 20 data.txt; echo
echo "== arithmetic and strings"
x=$(( (1 << 20) / 3 + 17 % 5 ))
echo "$x ${#x}"
s="hello-world-busybox"
echo "${s%%-*} ${s#*-} ${s##*-}"
printf '%05d|%-6s|%x\n' 42 ab 255
rm data.txt data.gz
exit 3
