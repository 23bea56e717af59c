# python3.11 subprocess: needs fork/vfork, execve of arm64 programs (itself, busybox), pipes and
# wait4.  qemu-user cannot execve an arm64 program without binfmt_misc, so the expected output is
# kept in python-subprocess.expected instead of coming from the reference.  The children are
# mostly busybox applets: a python start costs seconds under the interpreter on s390x.
# REAL_PROG: /usr/bin/python3.11
# REAL_ARGS: -B -
# REAL_STDIN: self
# REAL_EXPECT: python-subprocess.expected
import subprocess, sys

BB = "/usr/bin/busybox"
r = subprocess.run([sys.executable, "-I", "-S", "-c", "import sys; print(6 * 7); sys.exit(3)"],
                   capture_output=True, text=True)
print(r.returncode, r.stdout.strip())
r = subprocess.run([BB, "tr", "a-z", "A-Z"], input="piped text", capture_output=True, text=True)
print(r.returncode, r.stdout.strip())
p = subprocess.Popen([BB, "sh", "-c", "echo a; echo b >&2; exit 5"],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print(p.communicate()[0].split(), p.wait())
print(subprocess.check_output([BB, "sh", "-c", "seq 3 | sort -r | tr '\\n' ' '"], text=True))
# argv[0] "sh" selects busybox's applet: execve must pass argv[0] through.
print(subprocess.run(["sh", "-c", "echo $((6 * 7)) from the shell"], executable=BB,
                     capture_output=True, text=True).stdout.strip())
try:
    subprocess.run(["/nonexistent/prog"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
# A child that dies of a signal is seen to (WIFSIGNALED), not as an exit with 128+n.
print(subprocess.run([BB, "sh", "-c", "kill -TERM $$"]).returncode)
