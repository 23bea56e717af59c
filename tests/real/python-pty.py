# REAL_PROG: /usr/bin/python3.11
# REAL_ARGS: @TEST@
# An interactive bash on a pseudo-terminal (pty.fork: setsid, TIOCSCTTY), driven line by line: job
# control hands the terminal to each pipeline's process group and back (setpgid, tcsetpgrp with
# SIGTTOU blocked, tcsetattr), stty asks termios and the window size.
import os, pty, re, select

pid, fd = pty.fork()
if pid == 0:
    env = {"PATH": os.environ["PATH"], "PS1": "$ ", "TERM": "dumb", "LANG": "C"}
    os.execvpe("bash", ["bash", "--norc", "--noprofile", "-i"], env)


def read_until(marker, timeout=120):
    out = b""
    while marker not in out:
        if not select.select([fd], [], [], timeout)[0]:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out


read_until(b"$ ")
for cmd in [b"stty size; stty -a | head -1 | cut -d';' -f1", b"tty | cut -c1-9", b"echo $- | tr -d is",
            b"true | cat; seq 3 | wc -l", b"sleep 0.2 & wait; jobs; echo done", b"(exit 4); echo $?",
            b"read -r x <<< hi; echo $x"]:
    os.write(fd, cmd + b"\n")
    out = read_until(b"$ ").replace(b"\r", b"").decode(errors="replace")
    # A background job's pid is announced as "[1] PID".
    print(re.sub(r"(?m)^\[(\d+)\] \d+$", r"[\1] PID", out).rstrip("$ ").strip())
os.write(fd, b"exit 3\n")
read_until(b"never", 30)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
