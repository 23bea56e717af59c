#!/bin/sh
# Loader robustness: feeds zarm malformed executables and fails if zarm itself
# crashes.  Inputs are a real static arm64 program truncated at many lengths,
# copies with random bytes of the ELF and program headers changed (a fixed
# seed, so runs repeat), and a few hand-made cases.  For each input:
#   - zarm must not die of a signal (a guest killed by a signal is reported
#     by zarm as exit status 128+n through exit(), which is allowed);
#   - if loading fails, stderr is exactly one line "zarm: FILE: problem" and
#     the status 126 (127 for a missing file).
#   fuzz.sh ZARM [RUNNER]    FUZZ_N=count of random variants (default 400)
[ -n "$1" ] || { echo "usage: $0 ZARM [RUNNER]" >&2; exit 2; }
zarm=$1
runner=${2:-}
cc=${GUEST_CC:-aarch64-linux-gnu-gcc}
n=${FUZZ_N:-400}
work=$(mktemp -d "${TMPDIR:-/tmp}/zarm-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

printf '#include <stdio.h>\nint main(void){puts("hi");return 3;}\n' >"$work/hello.c"
$cc -O2 -static -o "$work/hello" "$work/hello.c" || { echo "cannot build the seed program"; exit 2; }

perl -e '
use strict; use warnings;
my ($work, $n, $zarm, @runner) = @ARGV;
@runner = grep { length } @runner;
srand(12345);
open(my $fh, "<:raw", "$work/hello") or die; local $/; my $seed = <$fh>; close $fh;
my $size = length $seed;
my ($fail, $count, $loaded, $rejected, $timeouts) = (0, 0, 0, 0, 0);

sub put { my ($path, $data) = @_; open(my $o, ">:raw", $path) or die; print $o $data; close $o; }

# Runs zarm on one file: (how, value, stderr) with how "exit", "signal" or "timeout".
sub run_zarm {
    my ($file) = @_;
    my $pid = fork() // die;
    if (!$pid) {
        open(STDIN, "<", "/dev/null"); open(STDOUT, ">", "/dev/null");
        open(STDERR, ">", "$work/err");
        exec(@runner, $zarm, $file) or exit 99;
    }
    my $how = "exit";
    eval {
        local $SIG{ALRM} = sub { die "timeout\n" };
        alarm 10; waitpid($pid, 0); alarm 0;
    };
    if ($@) { kill "KILL", $pid; waitpid($pid, 0); return ("timeout", 0, ""); }
    open(my $e, "<", "$work/err"); my $err = join("", <$e>); close $e;
    return ($? & 127) ? ("signal", $? & 127, $err) : ("exit", $? >> 8, $err);
}

sub check {
    my ($file, $what, $want_status) = @_;
    $count++;
    my ($how, $v, $err) = run_zarm($file);
    my $bad = "";
    if ($how eq "timeout") { $timeouts++; return; }   # loaded and looping: not a loader failure
    # A guest that dies of a signal takes zarm with it, as qemu does, after the line
    # "zarm: uncaught target signal N (...)" for the core-dumping ones, or with no core and no
    # line for the others; a crash of zarm itself has neither the line nor a non-core signal.
    if ($how eq "signal") {
        my %core = map { $_ => 1 } (3, 4, 5, 6, 7, 8, 11, 24, 25, 31);
        if (!$core{$v} || $err =~ /^zarm: uncaught target signal $v /m) { $loaded++; return; }
        $bad = "zarm was killed by signal $v";
    }
    elsif ($err =~ /^zarm: /) {
        my @lines = split /\n/, $err;
        if ($v == 126 || $v == 127) {
            $rejected++;
            $bad = "expected one line \"zarm: $file: ...\"" unless @lines == 1 && index($lines[0], "zarm: $file: ") == 0;
        } else {
            $loaded++;      # a zarm message from a running guest (e.g. -d), status its own
        }
        $bad = "status $v, expected $want_status" if !$bad && defined $want_status && $v != $want_status;
    } else {
        $loaded++;
        $bad = "status $v, expected $want_status" if defined $want_status && $v != $want_status;
    }
    if ($bad) {
        $fail++;
        my $keep = "$work/../zarm-fuzz-fail-$count"; system("cp", $file, $keep);
        print "FAIL ($what): $bad; stderr: ", substr($err, 0, 300), "\n       input kept as $keep\n";
    }
}

# Hand-made cases.
check("$work/missing", "missing file", 127);
put("$work/empty", "");                       check("$work/empty", "empty file", 126);
put("$work/text", "#!/bin/sh\necho hi\n");   check("$work/text", "not ELF", 126);
check($work, "a directory", 126);
my $h = $seed; substr($h, 4, 1) = "\x01";     put("$work/elf32", $h);  check("$work/elf32", "ELFCLASS32", 126);
$h = $seed; substr($h, 5, 1) = "\x02";        put("$work/msb", $h);    check("$work/msb", "big-endian", 126);
$h = $seed; substr($h, 18, 2) = "\x3e\x00";   put("$work/x86", $h);    check("$work/x86", "x86-64 machine", 126);
$h = $seed; substr($h, 56, 2) = "\x00\x00";   put("$work/nophdr", $h); check("$work/nophdr", "e_phnum 0", 126);
$h = $seed; substr($h, 32, 8) = pack("Q<", 1 << 62); put("$work/phoff", $h); check("$work/phoff", "e_phoff huge", 126);
# Each program header: huge sizes, addresses and offsets.
my $phoff = unpack("Q<", substr($seed, 32, 8)); my $phnum = unpack("v", substr($seed, 56, 2));
for my $i (0 .. $phnum - 1) {
    for my $f ([8, "p_offset"], [16, "p_vaddr"], [32, "p_filesz"], [40, "p_memsz"]) {
        for my $val ((0xffffffff << 32) | 0xffff0000, 1 << 40, (0x7fff << 32) | 0xfffff000) {
            $h = $seed; substr($h, $phoff + 56 * $i + $f->[0], 8) = pack("Q<", $val);
            put("$work/ph", $h); check("$work/ph", "phdr $i $f->[1]=$val", undef);
        }
    }
}
# Truncations: every length up to 1 KiB around the headers, then spread over the file.
my @lens = (0 .. 80, map { 64 + 56 * $_ - 1, 64 + 56 * $_, 64 + 56 * $_ + 1 } 0 .. $phnum);
for (my $l = 81; $l < $size; $l += int($size / 150) + 13) { push @lens, $l; }
for my $l (@lens) {
    next if $l >= $size;
    put("$work/trunc", substr($seed, 0, $l)); check("$work/trunc", "truncated at $l", undef);
}
# Random changes to the ELF header and program headers.
my $hdr = $phoff + 56 * $phnum;
for my $k (1 .. $n) {
    $h = $seed;
    for (1 .. 1 + int(rand(4))) {
        my $at = int(rand($hdr));
        substr($h, $at, 1) = chr(int(rand(256)));
    }
    put("$work/flip", $h); check("$work/flip", "random header bytes #$k", undef);
}
print "loader fuzz: $count inputs, $rejected rejected at load, $loaded ran, $timeouts timed out, $fail failures\n";
exit($fail ? 1 : 0);
' "$work" "$n" "$zarm" $runner
