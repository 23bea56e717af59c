# REAL_PROG: /usr/bin/bash
# REAL_ARGS: @TEST@
# A bash script over coreutils and the common tools: pipelines, subshells, traps, here-docs,
# process substitution, find -exec, sort, sed, gawk, grep, diff, bc, jq, openssl, file.  Every
# command is a separate Arm64 program the shell starts (fork, execve, pipes, wait).
set -e
seq 1 200 > nums
sort -n -r nums | head -3 | tr '\n' ' '; echo
grep -c 7 nums
sed -n '10,12p;s/^1\(.*\)5$/x\1/p' nums | gawk '{ s = s $0 "," } END { print s, NR }'
mkdir -p d/e; for i in 1 2 3; do echo "file $i" > d/e/f$i.txt; done
find d -name '*.txt' -exec wc -c {} + | sort -k2
cat <<END | wc -w
one two
three $((6 * 7)) $(basename /a/b/c)
END
x=$(echo sub; (echo subsub; exit 3) || echo "st=$?")
echo "$x"
trap 'echo "trap EXIT"' EXIT
diff <(seq 1 5) <(seq 0 4) || echo "diff status $?"
echo "scale=20; 4*a(1)" | bc -l
touch -d '2020-01-02 03:04:05' nums; stat -c '%s %a %Y %F' nums; chmod 600 nums; ls -l nums | cut -c1-10
ln -s nums link; readlink link; test -L link && echo "is a link"
dd if=nums of=copy bs=100 count=3 status=none; truncate -s 400 copy; od -An -c copy | tail -2
echo '{"a":[1,2,{"b":"x"}],"n":3.5,"s":"\u00e9"}' | jq -c '.a[2], (.n * 2), [.a[] | numbers], (.s | length)'
openssl dgst -sha256 nums | cut -d' ' -f2
openssl enc -aes-256-cbc -pbkdf2 -iter 100 -pass pass:pw -in copy -out copy.enc
openssl enc -d -aes-256-cbc -pbkdf2 -iter 100 -pass pass:pw -in copy.enc | cmp - copy && echo "enc round trip"
file -b nums copy.enc
printf '%05d|%-4s|%x\n' 42 ab 255 | tee tee.out | md5sum
echo status: "$(false; echo $?)" "${PIPESTATUS[@]}"
