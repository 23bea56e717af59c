# REAL_PROG: /usr/bin/bash
# REAL_ARGS: @TEST@
# Archive round trips: tar with gzip, xz and bzip2 (tar starts the compressor as a child over a
# pipe), the compressors on their own, and a tree compared after extraction (times, modes, links).
set -e
# A small xz dictionary: -6 would spend most of the test initialising 94 MiB of match finder.
export XZ_OPT=-1
mkdir -p src/sub
seq 1 3000 > src/numbers
printf 'line %d\n' {1..50} > src/sub/lines
ln -s numbers src/link
chmod 751 src/sub
touch -h -d '2021-03-04 05:06:07' src/link src/sub/lines src/sub
tar --sort=name --mtime='2022-01-01 00:00:00' --owner=0 --group=0 --numeric-owner -cf plain.tar src
tar -tvf plain.tar
for z in z J j; do
    tar -c${z}f a.$z src
    mkdir out.$z
    tar -x${z}f a.$z -C out.$z
    diff -r src out.$z/src && echo "tar -$z: same tree"
done
stat -c '%n %a %y' out.J/src/sub/lines out.J/src/sub out.j/src/link
gzip -9 -n -c src/numbers > n.gz; gzip -l n.gz | tail -1
xz -c src/numbers > n.xz; xz -l n.xz | tail -1 | cut -c1-40
bzip2 -c src/numbers > n.bz2; bzip2 -tv n.bz2 2>&1 | sed 's/^ *//'
sha256sum n.gz n.xz n.bz2 plain.tar
