#!/usr/bin/env python3
"""domain-dump against binutils nm on real objects: sample and kernel
sources built by gcc and clang at -O0/-O2/-Os, with and without
-ffunction-sections and -fPIC; and each refusal. One PASS/FAIL line per
check, for tests/run.py."""
import itertools
import os
import shutil
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DUMP = os.path.join(ROOT, "build", "domain-dump")
OUT = os.path.join(ROOT, "build", "domain-dump-tests")
SOURCES = ["tests/tools/sample_ext.c", "kernel/core/cap/cap.c", "kernel/core/event/raise.c", "kernel/core/domain/elf.c"]
FLAGS = ["-std=c11", "-ffreestanding", "-fno-common", "-Ikernel/include", "-Ispec", "-c"]


# PIC code names the GOT; the linker defines it, as ld does, so it is no import.
LINKER_DEFINED = {"_GLOBAL_OFFSET_TABLE_"}


def nm_lines(obj):
    def names(*args):
        out = subprocess.run(["nm", *args, obj], capture_output=True, text=True, check=True).stdout
        return [line.split()[-1] for line in out.splitlines() if line.strip()]
    lines = [f"export {n}" for n in names("-g", "--defined-only")]
    lines += [f"import {n}" for n in names("-u") if n not in LINKER_DEFINED]
    return sorted(lines)


def dump(obj):
    p = subprocess.run([DUMP, obj], capture_output=True, text=True)
    return p.returncode, p.stdout.splitlines()


def report(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")
    return ok


def agree_with_nm():
    failures, total = [], 0
    variants = itertools.product(["gcc", "clang"], ["-O0", "-O2", "-Os"],
                                 [[], ["-ffunction-sections", "-fdata-sections"]], [[], ["-fPIC"]])
    for cc, opt, sections, pic in variants:
        for src in SOURCES:
            tag = "_".join([cc, opt[1:], "fs" if sections else "nofs", "pic" if pic else "nopic"])
            obj = os.path.join(OUT, f"{os.path.basename(src)[:-2]}_{tag}.o")
            subprocess.run([cc, *FLAGS, opt, *sections, *pic, src, "-o", obj], cwd=ROOT, check=True)
            total += 1
            rc, lines = dump(obj)
            if rc != 0 or lines != nm_lines(obj):
                failures.append(f"{obj}: rc {rc}, {lines[:3]} vs nm {nm_lines(obj)[:3]}")
    return report(f"domain-dump agrees with nm on {total} objects (gcc, clang; -O0/-O2/-Os; "
                  "-ffunction-sections; -fPIC)", not failures, "; ".join(failures[:3]))


def refused(name, obj, reason):
    rc, lines = dump(obj)
    ok = rc == 2 and len(lines) == 1 and lines[0].startswith("error: ") and reason in lines[0]
    return report(name, ok, f"rc {rc}, {lines}")


def build(name, code, *extra):
    src = os.path.join(OUT, name + ".c")
    with open(src, "w") as f:
        f.write(code)
    obj = src[:-2] + ".o"
    subprocess.run(["gcc", "-std=c11", "-c", *extra, src, "-o", obj], check=True)
    return obj


def refusals():
    base = os.path.join(OUT, "sample_ext_gcc_O2_nofs_nopic.o")
    data = open(base, "rb").read()
    cut = os.path.join(OUT, "truncated.o")
    with open(cut, "wb") as f:
        f.write(data[:40])
    refused("truncated object refused", cut, "shorter than an ELF header")
    torn = os.path.join(OUT, "torn.o")
    with open(torn, "wb") as f:
        f.write(data[: len(data) - 64])
    refused("object cut inside its section table refused", torn, "section header table runs past the end")
    refused("COMMON symbol refused", build("common", "int shared;\n", "-fcommon"), "COMMON")
    refused("thread-local symbol refused", build("tls", "_Thread_local int t;\nint *f(void) { return &t; }\n"),
            "thread-local")
    refused("an executable refused", os.path.join(ROOT, "build", "spinel.elf"), "not a relocatable object")
    refused("unsupported relocation type refused", rela_edited(data, 8, 4, 26), "relocation type not supported")
    refused("relocation symbol past the symbol table refused", rela_edited(data, 12, 4, 0xFFFFFF),
            "symbol index past the symbol table")
    refused("relocation past its section refused", rela_edited(data, 0, 8, 1 << 40),
            "patches bytes past the end of its section")


def rela_edited(data, field, size, value):
    """A copy of the object with one field of its first relocation changed."""
    shoff, = struct.unpack_from("<Q", data, 40)
    shnum, = struct.unpack_from("<H", data, 60)
    for i in range(shnum):
        sh_type, = struct.unpack_from("<I", data, shoff + 64 * i + 4)
        if sh_type == 4:
            at, = struct.unpack_from("<Q", data, shoff + 64 * i + 24)
            break
    edited = bytearray(data)
    struct.pack_into("<I" if size == 4 else "<Q", edited, at + field, value)
    path = os.path.join(OUT, f"rela_{field}.o")
    with open(path, "wb") as f:
        f.write(edited)
    return path


def main():
    if not os.path.exists(DUMP):
        return report("domain-dump is built", False, f"{DUMP} missing")
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    agree_with_nm()
    refusals()
    return 0


if __name__ == "__main__":
    sys.exit(main())
