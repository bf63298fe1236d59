#!/usr/bin/env python3
"""exec-plan (the kernel's exec_plan, hosted) against binutils readelf -lW
on real static executables: the user-program samples built by gcc and clang
at -O0/-O2/-Os, with ld's default -z separate-code and without it, with
2 MiB pages and with RELRO; and the refusals of what gcc builds but Spinel
does not run (dynamic, PIE, TLS, RWX, below SYS_USER_MIN). One PASS/FAIL
line per check, for tests/run.py."""
import itertools
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAN = os.path.join(ROOT, "build", "exec-plan")
OUT = os.path.join(ROOT, "build", "exec-plan-tests")
SOURCES = ["tests/exec/hello.c", "tests/exec/big.c"]
FLAGS = ["-std=c11", "-static", "-nostdlib", "-ffreestanding", "-fno-stack-protector"]
LOAD = re.compile(r"^\s+LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+"
                  r"([RWE ]+?)\s+0x[0-9a-f]+$")
HEADER = re.compile(r"^\s+[A-Z_]+\s+0x")


def readelf(path):
    """(entry, [(offset, vaddr, filesz, memsz, "RWE" flags, header index)]) as readelf -lW prints them."""
    out = subprocess.run(["readelf", "-lW", path], capture_output=True, text=True, check=True).stdout
    entry = int(re.search(r"Entry point (0x[0-9a-f]+)", out)[1], 16)
    loads, index = [], 0
    for line in out.splitlines():
        if not HEADER.match(line):
            continue
        m = LOAD.match(line)
        if m:
            flags = "".join(c for c in "RWE" if c in m[5])
            loads.append((int(m[1], 16), int(m[2], 16), int(m[3], 16), int(m[4], 16), flags, index))
        index += 1
    return entry, loads


def exec_plan(path):
    """exec-plan's exit code, and its entry and segments in readelf's terms, or its lines."""
    p = subprocess.run([PLAN, path], capture_output=True, text=True)
    lines = p.stdout.splitlines()
    if p.returncode != 0:
        return p.returncode, lines
    entry = int(lines[0].split()[1], 16)
    loads = []
    for line in lines[1:]:
        f = line.split()
        # LOAD offset vaddr filesz memsz FLAGS... phdr N (flags may hold spaces: take them by position)
        flags = line[len("LOAD 0x000000 0x0000000000000000 0x000000 0x000000 "):].split(" phdr")[0]
        flags = "".join(c for c in "RWE" if c in flags)
        loads.append((int(f[1], 16), int(f[2], 16), int(f[3], 16), int(f[4], 16), flags, int(f[-1])))
    return 0, (entry, loads)


def report(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")
    return ok


def build(src, out, *flags, cc="gcc"):
    subprocess.run([cc, *FLAGS, *flags, src, "-o", out], cwd=ROOT, check=True, capture_output=True)
    return out


def agree_with_readelf():
    failures, total = [], 0
    variants = list(itertools.product(["gcc", "clang"], ["-O0", "-O2", "-Os"],
                                      [[], ["-Wl,-z,separate-code"], ["-Wl,-z,noseparate-code"]]))
    variants += [("gcc", "-O2", ["-Wl,-z,max-page-size=0x200000"]), ("gcc", "-O2", ["-Wl,-z,relro"]),
                 ("gcc", "-O2", ["-Wl,-z,execstack"]), ("gcc", "-O2", ["-Wl,--build-id=none"])]
    for cc, opt, link in variants:
        for src in SOURCES:
            tag = "_".join([cc, opt[1:]] + [re.sub(r"\W+", "", f) for f in link])
            path = build(src, os.path.join(OUT, f"{os.path.basename(src)[:-2]}_{tag}"), opt, *link, cc=cc)
            total += 1
            rc, got = exec_plan(path)
            want = readelf(path)
            if rc != 0 or got != want or not want[1]:
                failures.append(f"{path}: rc {rc}, {got} vs readelf {want}")
    return report(f"exec-plan agrees with readelf -lW on {total} static executables (gcc, clang; "
                  "-O0/-O2/-Os; separate-code or not; 2 MiB pages, RELRO, execstack): every PT_LOAD, "
                  "field by field, and the entry", not failures, "; ".join(failures[:2]))


def refused(name, path, reason):
    rc, lines = exec_plan(path)
    ok = rc == 2 and len(lines) == 1 and lines[0].startswith("error: ") and reason in lines[0]
    return report(name, ok, f"rc {rc}, {lines}")


def write(name, code):
    path = os.path.join(OUT, name + ".c")
    with open(path, "w") as f:
        f.write(code)
    return path


def refusals():
    hello = "tests/exec/hello.c"
    main = write("main", "int main(void) { return 0; }\n")
    subprocess.run(["gcc", "-O2", "-no-pie", main, "-o", os.path.join(OUT, "dynamic")], check=True)
    refused("a dynamically linked executable refused (PT_INTERP)", os.path.join(OUT, "dynamic"),
            "program header 1: asks for a dynamic linker")
    subprocess.run(["gcc", "-O2", main, "-o", os.path.join(OUT, "pie")], check=True)
    refused("a PIE refused", os.path.join(OUT, "pie"), "error: not an executable (ET_EXEC")
    tls = write("tls", "_Thread_local int t = 3;\nint *p(void) { return &t; }\nvoid _start(void) { for (;;); }\n")
    refused("thread-local storage refused", build(tls, os.path.join(OUT, "tls"), "-O2"), "(PT_TLS)")
    refused("an RWX segment (ld -N) refused", build(hello, os.path.join(OUT, "omagic"), "-O2", "-Wl,-N"),
            "program header 0: segment both writable and executable")
    refused("text below SYS_USER_MIN refused",
            build(hello, os.path.join(OUT, "low"), "-O2", "-Wl,-Ttext-segment=0x10000"),
            "program header 0: segment outside the user half's program area")
    subprocess.run(["gcc", "-c", "-O2", hello, "-o", os.path.join(OUT, "hello.o")], cwd=ROOT, check=True)
    refused("a relocatable object refused", os.path.join(OUT, "hello.o"), "not an executable")
    data = open(build(hello, os.path.join(OUT, "cut_base"), "-O2"), "rb").read()
    cut = os.path.join(OUT, "cut")
    with open(cut, "wb") as f:
        f.write(data[:100])
    refused("an executable cut inside its program headers refused", cut, "program header table runs past the end")
    with open(cut, "wb") as f:
        f.write(data[:0x1010])
    refused("an executable cut inside a segment refused", cut, "bytes run past the end of the file")


def main():
    if not os.path.exists(PLAN):
        return report("exec-plan is built", False, f"{PLAN} missing")
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    agree_with_readelf()
    refusals()
    return 0


if __name__ == "__main__":
    sys.exit(main())
