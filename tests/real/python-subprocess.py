# python3.11 subprocess: needs fork/vfork, execve of an arm64 program (itself) and wait4.
# qemu-user cannot execve an arm64 program without binfmt_misc, so the expected output is kept
# in python-subprocess.expected instead of coming from the reference.
# REAL_PROG: /usr/bin/python3.11
# REAL_ARGS: -B -
# REAL_STDIN: self
# REAL_EXPECT: python-subprocess.expected
import subprocess, sys

r = subprocess.run([sys.executable, "-B", "-c", "print(6 * 7)"], capture_output=True, text=True)
print(r.returncode, r.stdout.strip())
r = subprocess.run([sys.executable, "-B", "-c", "import sys; sys.exit(3)"])
print(r.returncode)
r = subprocess.run([sys.executable, "-B", "-c", "import sys; print(sys.stdin.read().upper())"],
                   input="piped text", capture_output=True, text=True)
print(r.stdout.strip())
p = subprocess.Popen([sys.executable, "-B", "-c", "print('a'); print('b')"],
                     stdout=subprocess.PIPE, text=True)
print(p.communicate()[0].split(), p.wait())
print(subprocess.check_output(["/usr/bin/busybox", "echo", "from busybox"], text=True).strip())
try:
    subprocess.run(["/nonexistent/prog"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
