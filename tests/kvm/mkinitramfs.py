#!/usr/bin/env python3
"""Writes a gzip'd newc cpio initramfs (no cpio tool needed).
usage: mkinitramfs.py OUT.cpio.gz DEST=SRC...
Directories for the DESTs are made as needed, plus /dev (with /dev/console), /proc, /sys and
/tmp; files keep their mode bits."""
import gzip
import os
import sys


def entry(ino, name, mode, data=b"", rdev=(0, 0)):
    nb = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(nb), 0)
    out = ("070701" + "".join("%08X" % v for v in fields)).encode() + nb
    out += b"\0" * (-len(out) % 4) + data
    return out + b"\0" * (-len(out) % 4)


def main():
    out, pairs = sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]]
    dirs = {"dev", "proc", "sys", "tmp"}
    for dest, _ in pairs:
        parts = dest.strip("/").split("/")[:-1]
        for i in range(len(parts)):
            dirs.add("/".join(parts[: i + 1]))
    blob, ino = [], 1000
    for d in sorted(dirs, key=lambda d: d.count("/")):
        ino += 1
        blob.append(entry(ino, d, 0o040755))
    ino += 1
    blob.append(entry(ino, "dev/console", 0o020600, rdev=(5, 1)))
    for dest, src in pairs:
        ino += 1
        mode = os.stat(src).st_mode & 0o777
        with open(src, "rb") as f:
            blob.append(entry(ino, dest.strip("/"), 0o100000 | mode, f.read()))
    blob.append(entry(ino + 1, "TRAILER!!!", 0))
    with gzip.open(out, "wb", compresslevel=1) as f:
        f.write(b"".join(blob))


main()
