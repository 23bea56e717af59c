# REAL_PROG: /usr/bin/python3.11
# REAL_ARGS: @TEST@
# System calls through Python's os, fcntl, socket, select, termios and resource modules: each
# result that is the same on every machine is printed (structure layouts, flags, errno values).
import errno, fcntl, os, resource, select, signal, socket, stat, struct, termios, time


def check(name, fn):
    try:
        print(name, fn())
    except OSError as e:
        print(name, "OSError", errno.errorcode.get(e.errno, e.errno))


with open("f", "wb") as f:
    f.write(b"0123456789" * 100)
os.symlink("f", "l")
os.mkdir("d")
# stat/lstat/statx (os.stat uses statx or newfstatat), utimensat with nanoseconds.
os.utime("f", ns=(1_000_000_123, 2_000_000_456))
st = os.stat("f")
check("stat", lambda: (st.st_size, stat.S_ISREG(st.st_mode), st.st_atime_ns, st.st_mtime_ns))
check("lstat", lambda: stat.S_ISLNK(os.lstat("l").st_mode))
check("utime-link", lambda: os.utime("l", ns=(5, 6), follow_symlinks=False) or os.lstat("l").st_mtime_ns)
check("chmod", lambda: os.chmod("f", 0o640) or oct(os.stat("f").st_mode & 0o777))
check("umask", lambda: (os.umask(0o027), os.umask(0o022)))
check("link", lambda: os.link("f", "h") or os.stat("h").st_nlink)
check("rename-noreplace", lambda: os.rename("h", "h2") or sorted(os.listdir(".")))
check("replace", lambda: os.replace("h2", "l2") or os.path.exists("h2"))
check("scandir", lambda: sorted((e.name, e.is_dir(), e.is_symlink()) for e in os.scandir(".")))
check("readlink", lambda: os.readlink("l"))
check("truncate", lambda: os.truncate("l2", 10) or os.stat("f").st_size)
check("statvfs", lambda: os.statvfs(".").f_namemax)
check("access", lambda: (os.access("f", os.R_OK), os.access("nope", os.F_OK)))
check("rmdir-nonempty", lambda: os.rmdir("."))
check("open-excl", lambda: os.open("f", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
check("open-dir-write", lambda: os.open("d", os.O_WRONLY))
check("open-nofollow", lambda: os.open("l", os.O_RDONLY | os.O_NOFOLLOW))
check("open-directory", lambda: os.open("f", os.O_RDONLY | os.O_DIRECTORY))

fd = os.open("f", os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
check("getfl", lambda: (fcntl.fcntl(fd, fcntl.F_GETFL) & (os.O_APPEND | os.O_ACCMODE)) == (os.O_APPEND | os.O_RDWR))
check("getfd", lambda: fcntl.fcntl(fd, fcntl.F_GETFD))
check("dupfd", lambda: fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 50) >= 50)
check("pread", lambda: os.pread(fd, 5, 995))
check("pwritev-preadv", lambda: (os.pwritev(fd, [b"ab", b"cd"], 0), os.preadv(fd, [bytearray(3), bytearray(3)], 0)))
check("fadvise", lambda: os.posix_fadvise(fd, 0, 100, os.POSIX_FADV_DONTNEED))
check("fadvise-bad", lambda: os.posix_fadvise(fd, 0, 100, 99))
check("fallocate", lambda: os.posix_fallocate(fd, 0, 4096) or os.fstat(fd).st_size)
check("fsync", lambda: (os.fsync(fd), os.fdatasync(fd)))
# Record locks: struct flock goes through F_SETLK/F_GETLK; the child sees the parent's lock.
lk = struct.pack("hhqqi4x", fcntl.F_WRLCK, 0, 10, 20, 0)
check("setlk", lambda: len(fcntl.fcntl(fd, fcntl.F_SETLK, lk)))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    fd2 = os.open("f", os.O_RDWR)
    q = struct.pack("hhqqi4x", fcntl.F_WRLCK, 0, 0, 100, 0)
    t, wh, s, ln, p = struct.unpack("hhqqi4x", fcntl.fcntl(fd2, fcntl.F_GETLK, q))
    try:
        fcntl.lockf(fd2, fcntl.LOCK_EX | fcntl.LOCK_NB, 5, 12)
        res = "locked"
    except OSError as e:
        res = errno.errorcode[e.errno]
    os.write(w, repr((t == fcntl.F_WRLCK, wh, s, ln, p == os.getppid(), res)).encode())
    os._exit(7)
_, status = os.waitpid(pid, 0)
check("getlk-child", lambda: (os.read(r, 200).decode(), os.waitstatus_to_exitcode(status)))
check("flock", lambda: fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB))
os.close(fd)

# xattrs (user namespace); not every file system has them, so only agreement is asked for.
check("setxattr", lambda: os.setxattr("f", "user.zarm", b"\x00\x01value"))
check("getxattr", lambda: os.getxattr("f", "user.zarm"))
check("listxattr", lambda: os.listxattr("f"))
check("getxattr-missing", lambda: os.getxattr("f", "user.none"))
check("removexattr", lambda: os.removexattr("f", "user.zarm"))

# Descriptors moved between descriptors by the kernel.
src = os.open("f", os.O_RDONLY)
dst = os.open("g", os.O_WRONLY | os.O_CREAT, 0o600)
check("sendfile", lambda: os.sendfile(dst, src, 100, 50))
check("copy_file_range", lambda: os.copy_file_range(src, dst, 30, 0, 60))
check("g", lambda: open("g", "rb").read())
os.close(src)
os.close(dst)
check("memfd", lambda: (lambda m: (os.write(m, b"mem"), os.lseek(m, 0, 0), os.read(m, 9)))(os.memfd_create("z")))
check("pipe2", lambda: [fcntl.fcntl(x, fcntl.F_GETFL) & os.O_NONBLOCK != 0 for x in os.pipe2(os.O_NONBLOCK)])
pr, pw = os.pipe()
os.write(pw, b"12345")
check("FIONREAD", lambda: struct.unpack("i", fcntl.ioctl(pr, termios.FIONREAD, b"\0" * 4))[0])
check("splice", lambda: (os.splice(pr, pw, 3), os.read(pr, 10)))
check("eventfd", lambda: (lambda e: (os.eventfd_write(e, 41), os.eventfd_write(e, 1), os.eventfd_read(e)))(os.eventfd(0)))

# Sockets: a Unix socketpair passing a descriptor (SCM_RIGHTS), options, names.
a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
pfd = os.open("f", os.O_RDONLY)
socket.send_fds(a, [b"fd!"], [pfd])
msg, fds, flags, addr = socket.recv_fds(b, 10, 2)
check("scm_rights", lambda: (msg, len(fds), os.read(fds[0], 4), flags))
check("sockopt", lambda: (a.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM,
                          a.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)))
a.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("qq", 0, 250000))
check("rcvtimeo", lambda: struct.unpack("qq", a.getsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, 16)))
check("recv-timeout", lambda: a.recv(1))
srv = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
srv.bind("sock")
cli = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
cli.sendto(b"dgram", "sock")
check("recvfrom", lambda: srv.recvfrom(100)[0])
check("getsockname", lambda: srv.getsockname())
tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
tcp.bind(("127.0.0.1", 0))
tcp.listen(1)
c = socket.create_connection(tcp.getsockname())
s2, peer = tcp.accept()
c.sendall(b"over tcp")
check("tcp", lambda: (s2.recv(100), peer[0], c.getpeername() == tcp.getsockname()))
c.shutdown(socket.SHUT_WR)
check("eof", lambda: s2.recv(10))
ep = select.epoll()
ep.register(s2.fileno(), select.EPOLLIN | select.EPOLLOUT)
check("epoll", lambda: sorted(ev for _, ev in ep.poll(1)))
check("poll", lambda: (lambda p: (p.register(pr, select.POLLIN), p.poll(0)))(select.poll()))

# Terminals: a pseudo-terminal pair (TIOCGPTN, TIOCSPTLCK), termios both ways, window size.
m, s = os.openpty()
attrs = termios.tcgetattr(s)
attrs[3] &= ~termios.ECHO
termios.tcsetattr(s, termios.TCSANOW, attrs)
check("termios", lambda: (termios.tcgetattr(s)[3] & termios.ECHO, os.isatty(s), os.isatty(pr)))
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
check("winsz", lambda: struct.unpack("HHHH", fcntl.ioctl(m, termios.TIOCGWINSZ, b"\0" * 8)))
os.write(m, b"line\n")
check("pty-read", lambda: os.read(s, 10))
check("ttyname", lambda: os.ttyname(s).startswith("/dev/pts/"))

# The process: identity, groups, resources, limits, scheduling, times.
check("ids", lambda: (os.getresuid() == (os.getuid(),) * 3, os.getresgid() == (os.getgid(),) * 3))
check("groups", lambda: os.getgroups() == os.getgroups() and isinstance(os.getgroups(), list))
check("rlimit", lambda: resource.getrlimit(resource.RLIMIT_NOFILE)[0] > 0)
check("setrlimit", lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1])) or resource.getrlimit(resource.RLIMIT_CORE)[0])
check("rusage", lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0)
check("times", lambda: os.times().elapsed >= 0)
check("priority", lambda: (os.setpriority(os.PRIO_PROCESS, 0, 5), os.getpriority(os.PRIO_PROCESS, 0)))
check("sched", lambda: (os.sched_getscheduler(0), os.sched_get_priority_max(os.SCHED_FIFO), len(os.sched_getaffinity(0)) > 0))
check("clock", lambda: (time.clock_getres(time.CLOCK_MONOTONIC) > 0, time.monotonic() > 0))
check("nanosleep", lambda: time.sleep(0.01))
pid = os.fork()
if pid == 0:
    os.setsid()
    os._exit(os.getsid(0) == os.getpid() and os.getpgid(0) == os.getpid())
check("setsid-child", lambda: os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.fork()
if pid == 0:
    os._exit(3)
check("waitid", lambda: (lambda r: (r.si_code == os.CLD_EXITED, r.si_status, r.si_pid == pid))(os.waitid(os.P_PID, pid, os.WEXITED)))
# Process descriptors: pidfd_open, readable when the child ends, pidfd_send_signal, waitid(P_PIDFD).
pid = os.fork()
if pid == 0:
    time.sleep(30)
    os._exit(0)
pfd = os.pidfd_open(pid)
check("pidfd-open", lambda: (pfd > 2, select.select([pfd], [], [], 0)[0]))
check("pidfd-kill", lambda: (signal.pidfd_send_signal(pfd, signal.SIGKILL), select.select([pfd], [], [], 5)[0] == [pfd]))
check("pidfd-waitid", lambda: (lambda r: (r.si_code == os.CLD_KILLED, r.si_status))(os.waitid(os.P_PIDFD, pfd, os.WEXITED)))
check("pidfd-missing", lambda: os.pidfd_open(999999999))
