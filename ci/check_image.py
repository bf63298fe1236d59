#!/usr/bin/env python3
"""Check the kernel image carries both boot headers and W^X segments.

Fails the build when the multiboot2 header is not in the first 32 KiB of
the file (GRUB would not find it), the PVH note is missing (QEMU -kernel
would not boot it), or a loadable segment is both writable and executable
outside the boot segment."""
import struct
import sys

MB2_MAGIC = 0xE85250D6
PT_LOAD, PT_NOTE = 1, 4
PF_X, PF_W = 1, 2


def segments(data):
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        yield struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize)


def has_mb2_header(data):
    for off in range(0, min(len(data), 32768) - 16, 8):
        magic, arch, length, csum = struct.unpack_from("<IIII", data, off)
        if magic == MB2_MAGIC and (magic + arch + length + csum) & 0xFFFFFFFF == 0:
            return True
    return False


def has_pvh_note(data):
    for p_type, _, p_offset, _, _, p_filesz, _, _ in segments(data):
        if p_type != PT_NOTE:
            continue
        off, end = p_offset, p_offset + p_filesz
        while off + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", data, off)
            name = data[off + 12: off + 12 + namesz].rstrip(b"\0")
            if name == b"Xen" and ntype == 18:
                return True
            off += 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    return False


def main(path):
    data = open(path, "rb").read()
    errors = []
    if not has_mb2_header(data):
        errors.append("no multiboot2 header in the first 32 KiB")
    if not has_pvh_note(data):
        errors.append("no PVH (Xen PHYS32_ENTRY) note")
    for p_type, flags, _, vaddr, _, _, _, _ in segments(data):
        if p_type == PT_LOAD and flags & PF_W and flags & PF_X and vaddr >= 1 << 63:
            errors.append(f"segment at {vaddr:#x} is writable and executable")
    for e in errors:
        print(f"{path}: {e}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main(sys.argv[1])
