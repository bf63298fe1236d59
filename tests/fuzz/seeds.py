#!/usr/bin/env python3
"""Seed corpora. fuzz_exec: the static executables gcc and clang built for the exec tests; fuzz_package: the
sample packages (make exts); fuzz_elf: the kernel's own gcc-built objects (when make
has built them); fuzz_domain: the linker test objects (gcc and clang). The others: a well-formed multiboot2 block (selector
byte 0) and well-formed PVH pieces (selectors 1 and 2), as QEMU and GRUB
lay them out. fuzz_net: frames as QEMU's slirp sends them (an ARP request, an
ICMP echo request, UDP datagrams with and without a checksum, an IPv4 header
with options), built by tests/net/frames.py."""
import glob
import os
import shutil
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "net"))
import frames as wire  # noqa: E402  the host network tests' builders, independent of the kernel's

QEMU_MAP = [(0, 0x9FC00, 1), (0x9FC00, 0x400, 2), (0x100000, 0x7EE0000, 1), (0xFFFC0000, 0x40000, 2)]


def pad8(b):
    return b + b"\0" * (-len(b) % 8)


def tag(t, body):
    return pad8(struct.pack("<II", t, 8 + len(body)) + body)


def mb2():
    mmap = struct.pack("<II", 24, 0) + b"".join(struct.pack("<QQII", *r, 0) for r in QEMU_MAP)
    tags = (tag(1, b"console=com1 bench\0") + tag(3, struct.pack("<II", 0x200000, 0x201000) + b"m.ext\0")
            + tag(6, mmap) + struct.pack("<II", 0, 8))
    return struct.pack("<II", 8 + len(tags), 0) + tags


def pvh_start():
    return struct.pack("<IIIIQQQQII", 0x336EC578, 1, 0, 1, 0x5000, 0x6000, 0, 0x7000, 4, 0)


def pvh_memmap():
    return struct.pack("<I", 4) + b"".join(struct.pack("<QQII", *r, 0) for r in QEMU_MAP)[4:]


def frames():
    slirp = bytes.fromhex("52550a000202")  # QEMU user networking's gateway
    data = b"abcdefghijklmnopqrstuvwabcdefghi"

    def to_guest(ip_packet):
        return wire.ether(ip_packet, src=slirp)
    return {"arp_request": wire.ether(wire.arp(1, sha=slirp), 0x0806, dst=wire.BROADCAST, src=slirp) + bytes(18),
            "icmp_echo": to_guest(wire.ipv4(1, wire.icmp_echo(0x1C46, 3, data))),
            "udp_csum": to_guest(wire.ipv4(17, wire.udp(5555, 7, b"hello"))),
            "udp_nocsum": to_guest(wire.ipv4(17, wire.udp(5555, 7, b"hello!", with_csum=False))),
            "ipv4_options": to_guest(wire.ipv4(17, wire.udp(5555, 7, b"opt"), options=b"\x01\x00\x00\x00"))
            + b"\xee" * 8}


def main(out):
    os.makedirs(out, exist_ok=True)
    if os.path.basename(out).startswith("fuzz_net"):
        for name, data in frames().items():
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
        return
    if os.path.basename(out).startswith("fuzz_elf"):
        for obj in sorted(glob.glob("build/k/kernel/core/*/*.o"))[:8]:
            shutil.copy(obj, os.path.join(out, os.path.basename(obj)))
        return
    if os.path.basename(out).startswith("fuzz_exec"):
        for exe in sorted(glob.glob("build/exec-samples/*/*")):
            shutil.copy(exe, os.path.join(out, exe.split("/")[-2] + "_" + os.path.basename(exe)))
        return
    if os.path.basename(out).startswith("fuzz_domain"):
        for obj in sorted(glob.glob("build/domain-objs/*/*.o")):
            shutil.copy(obj, os.path.join(out, obj.split("/")[-2] + "_" + os.path.basename(obj)))
        return
    if os.path.basename(out).startswith("fuzz_package"):
        for pkg in sorted(glob.glob("build/ext/*.ext")):
            with open(pkg, "rb") as f:
                data = f.read()
            with open(os.path.join(out, os.path.basename(pkg)), "wb") as f:
                f.write(bytes([data[0] | 1]) + data[1:])  # odd first byte: re-certified by the harness
        return
    for name, data in (("mb2", b"\0" + mb2()), ("pvh_start", b"\1" + pvh_start()),
                       ("pvh_memmap", b"\2" + pvh_memmap())):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
