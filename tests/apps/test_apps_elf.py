#!/usr/bin/env python3
"""Every application make apps builds (build/apps/*.elf, listed by make
app-elfs) is what the kernel's loader takes: an ELF64 x86-64 ET_EXEC,
static (no PT_INTERP, PT_DYNAMIC or PT_TLS), at most 8 PT_LOAD, none both
writable and executable, each within the user half's range for
executables (from SYS_USER_MIN to the stack's pages below SYS_STACK_TOP,
read from abi.h), no page in two segments, the entry in an executable
segment's file bytes, and a non-executable PT_GNU_STACK. Then the checker
itself: a well-formed executable made here, broken one way per case, must
be refused for that reason. One PASS/FAIL line per check, for tests/run.py."""
import os
import re
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ABI = os.path.join(ROOT, "user", "include", "spinel", "abi.h")
PAGE = 4096
MAX_LOADS = 8
PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_TLS, PT_GNU_STACK = 1, 2, 3, 7, 0x6474E551
PF_X, PF_W = 1, 2
EHDR = "<16sHHIQQQIHHHHHH"
PHDR = "<IIQQQQQQ"


def abi_constant(name):
    text = open(ABI).read()
    m = re.search(r"^#define %s (0x[0-9a-fA-F]+|\d+)(?:ull|ul|u)?\b" % name, text, re.M)
    if not m:
        raise SystemExit(f"FAIL abi.h: no #define {name}")
    return int(m.group(1), 0)


USER_MIN = abi_constant("SYS_USER_MIN")
STACK_TOP = abi_constant("SYS_STACK_TOP")
STACK_PAGES = abi_constant("SYS_STACK_PAGES")
USER_END = STACK_TOP - STACK_PAGES * PAGE  # executables end below the stack


def parse(data):
    """(header fields, [program headers]) or raises ValueError."""
    if len(data) < 64 or data[:4] != b"\x7fELF":
        raise ValueError("not an ELF file")
    if data[4] != 2 or data[5] != 1:
        raise ValueError("not ELF64 little-endian")
    h = struct.unpack_from(EHDR, data, 0)
    ehdr = dict(type=h[1], machine=h[2], entry=h[4], phoff=h[5], phentsize=h[9], phnum=h[10])
    if ehdr["phentsize"] != 56 or ehdr["phoff"] + 56 * ehdr["phnum"] > len(data):
        raise ValueError("program header table out of the file")
    phdrs = []
    for i in range(ehdr["phnum"]):
        p = struct.unpack_from(PHDR, data, ehdr["phoff"] + 56 * i)
        phdrs.append(dict(type=p[0], flags=p[1], offset=p[2], vaddr=p[3], filesz=p[5], memsz=p[6],
                          align=p[7]))
    return ehdr, phdrs


def pages(p):
    """The segment's first page and the page past its last, as numbers."""
    return p["vaddr"] // PAGE, (p["vaddr"] + p["memsz"] + PAGE - 1) // PAGE


def problems(data):
    """Every reason the loader's rules refuse this file (empty: fine)."""
    try:
        ehdr, phdrs = parse(data)
    except ValueError as e:
        return [str(e)]
    why = []
    if ehdr["type"] != 2:
        why.append(f"e_type {ehdr['type']}, not ET_EXEC")
    if ehdr["machine"] != 62:
        why.append(f"e_machine {ehdr['machine']}, not x86-64")
    names = {PT_INTERP: "PT_INTERP", PT_DYNAMIC: "PT_DYNAMIC", PT_TLS: "PT_TLS"}
    for p in phdrs:
        if p["type"] in names:
            why.append(f"has {names[p['type']]}: not a static executable")
    loads = [p for p in phdrs if p["type"] == PT_LOAD]
    if not loads:
        why.append("no PT_LOAD")
    if len(loads) > MAX_LOADS:
        why.append(f"{len(loads)} PT_LOAD, more than {MAX_LOADS}")
    for i, p in enumerate(loads):
        at = f"PT_LOAD {i} at {p['vaddr']:#x}"
        if p["flags"] & PF_W and p["flags"] & PF_X:
            why.append(f"{at}: writable and executable")
        if p["filesz"] > p["memsz"]:
            why.append(f"{at}: file size over memory size")
        if p["offset"] + p["filesz"] > len(data):
            why.append(f"{at}: file bytes past the end of the file")
        if p["vaddr"] % PAGE != p["offset"] % PAGE:
            why.append(f"{at}: address and file offset differ within a page")
        if p["vaddr"] < USER_MIN or p["vaddr"] + p["memsz"] > USER_END:
            why.append(f"{at}: outside [{USER_MIN:#x}, {USER_END:#x})")
    for i, p in enumerate(loads):
        for j in range(i):
            (a, b), (c, d) = pages(p), pages(loads[j])
            if max(a, c) < min(b, d):
                why.append(f"PT_LOAD {j} and {i} share page {max(a, c) * PAGE:#x}")
    if not any(p["flags"] & PF_X and p["vaddr"] <= ehdr["entry"] < p["vaddr"] + p["filesz"]
               for p in loads):
        why.append(f"entry {ehdr['entry']:#x} not in an executable segment's bytes")
    stacks = [p for p in phdrs if p["type"] == PT_GNU_STACK]
    if not stacks or stacks[0]["flags"] & PF_X:
        why.append("no PT_GNU_STACK, or an executable one")
    return why


def report(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")
    return ok


def app_elfs():
    p = subprocess.run(["make", "--no-print-directory", "-s", "app-elfs"], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    return p.stdout.split()


def check_apps():
    ok = True
    elfs = app_elfs()
    ok &= report("make app-elfs lists the applications", len(elfs) >= 7, f"got {elfs}")
    for rel in elfs:
        path = os.path.join(ROOT, rel)
        name = os.path.basename(rel)
        if not os.path.exists(path):
            ok &= report(f"{name}: built", False, f"{rel} missing (make apps)")
            continue
        why = problems(open(path, "rb").read())
        ok &= report(f"{name}: static ET_EXEC, W^X, in the user range, no shared page", not why,
                     "; ".join(why))
    return ok, elfs


def patch_phdr(data, index, field, value):
    """data with program header index's field set to value."""
    ehdr, _ = parse(bytes(data))
    fields = ["type", "flags", "offset", "vaddr", "paddr", "filesz", "memsz", "align"]
    b = bytearray(data)
    at = ehdr["phoff"] + 56 * index
    vals = list(struct.unpack_from(PHDR, b, at))
    vals[fields.index(field)] = value
    struct.pack_into(PHDR, b, at, *vals)
    return bytes(b)


def nine_loads(data, text):
    """data with a new program header table at its end: nine PT_LOAD, one
    page of text each, one after another (hello has fewer segments)."""
    table = b"".join(struct.pack(PHDR, PT_LOAD, 5, text["offset"], text["vaddr"] + k * PAGE, 0,
                                 0, PAGE, PAGE) for k in range(9))
    b = bytearray(data) + table
    struct.pack_into("<Q", b, 32, len(data))
    struct.pack_into("<H", b, 56, 9)
    return bytes(b)


def synthetic():
    """A well-formed executable as the rules want it, made here so that the
    checker's cases do not depend on how the linker laid out an app: the
    headers R, text RX, rodata R, data RW (a page of file each, bss beyond),
    and a PT_GNU_STACK RW."""
    base = USER_MIN
    segs = [(PT_LOAD, 4, 0, base, PAGE, PAGE), (PT_LOAD, 5, PAGE, base + PAGE, PAGE, PAGE),
            (PT_LOAD, 4, 2 * PAGE, base + 2 * PAGE, PAGE, PAGE),
            (PT_LOAD, 6, 3 * PAGE, base + 3 * PAGE, 16, 2 * PAGE), (PT_GNU_STACK, 6, 0, 0, 0, 0)]
    b = bytearray(4 * PAGE)
    struct.pack_into(EHDR, b, 0, b"\x7fELF\x02\x01\x01" + bytes(9), 2, 62, 1, base + PAGE, 64, 0, 0, 64,
                     56, len(segs), 64, 0, 0)
    for i, (t, f, off, va, filesz, memsz) in enumerate(segs):
        struct.pack_into(PHDR, b, 64 + 56 * i, t, f, off, va, va, filesz, memsz, PAGE)
    return bytes(b)


def check_checker():
    """Each rule refuses a well-formed executable broken in that one way."""
    data = synthetic()
    text, ro, stack = 1, 2, 4

    def with_header(fmt, at, v):
        b = bytearray(data)
        struct.pack_into(fmt, b, at, v)
        return bytes(b)

    cases = [
        ("text made writable", patch_phdr(data, text, "flags", 7), "writable and executable"),
        ("a PT_INTERP", patch_phdr(data, stack, "type", PT_INTERP), "PT_INTERP"),
        ("a PT_DYNAMIC", patch_phdr(data, stack, "type", PT_DYNAMIC), "PT_DYNAMIC"),
        ("a PT_TLS", patch_phdr(data, stack, "type", PT_TLS), "PT_TLS"),
        ("ET_DYN", with_header("<H", 16, 3), "not ET_EXEC"),
        ("another machine", with_header("<H", 18, 3), "not x86-64"),
        ("rodata starting on text's last page", patch_phdr(data, ro, "vaddr", USER_MIN + 2 * PAGE - 16),
         "PT_LOAD 1 and 2 share page"),
        ("text ending on rodata's first page", patch_phdr(data, text, "memsz", PAGE + 1),
         "PT_LOAD 1 and 2 share page"),
        ("a segment below SYS_USER_MIN", patch_phdr(data, 0, "vaddr", USER_MIN - PAGE), "outside"),
        ("a segment into the stack", patch_phdr(data, ro, "memsz", USER_END - USER_MIN - 2 * PAGE + 1),
         "outside"),
        ("address and offset apart in a page", patch_phdr(data, ro, "offset", 2 * PAGE + 8), "differ within"),
        ("file size over memory size", patch_phdr(data, ro, "filesz", PAGE + 1), "over memory size"),
        ("entry in rodata", with_header("<Q", 24, USER_MIN + 2 * PAGE), "not in an executable segment"),
        ("entry in the text's memory past its file bytes",
         patch_phdr(with_header("<Q", 24, USER_MIN + PAGE + 16), text, "filesz", 16),
         "not in an executable segment"),
        ("an executable stack", patch_phdr(data, stack, "flags", 7), "executable one"),
        ("9 PT_LOAD", nine_loads(data, parse(data)[1][text]), f"9 PT_LOAD, more than {MAX_LOADS}"),
    ]
    ok = report("checker: the well-formed executable passes", not problems(data), "; ".join(problems(data)))
    for name, broken, reason in cases:
        why = problems(broken)
        ok &= report(f"checker refuses {name}", any(reason in w for w in why),
                     f"wanted '{reason}', got {why}")
    return ok


def main():
    ok, _ = check_apps()
    ok &= check_checker()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
