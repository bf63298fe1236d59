#!/usr/bin/env python3
"""make bench: boot the kernel from a GRUB ISO with "bench" on its command
line under -icount shift=0 (the TSC then counts guest instructions, the
same on every run), with generated objects as boot modules for the domain
linker rows; run the hosted linker bench on the same sources; print a
table and write build/bench.json."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "boot"))
import cases  # noqa: E402
from qemu import EXIT_OK, Guest  # noqa: E402

ICOUNT = ["-icount", "shift=0,align=off,sleep=off"]
SIZES = [100, 1000, 10000]
OUT = "build/bench-objs"
KERNEL_MODEL = ["-ffreestanding", "-fno-pic", "-mcmodel=kernel", "-mno-red-zone", "-fno-stack-protector"]


def generate(n):
    """lib N defines f0..fN-1; app N defines a0..aN-1, each calling one f:
    N exports each, N imports and N relocations in app."""
    os.makedirs(OUT, exist_ok=True)
    with open(f"{OUT}/lib{n}.c", "w") as f:
        f.writelines(f"int f{i}(int x) {{ return x + {i}; }}\n" for i in range(n))
    with open(f"{OUT}/app{n}.c", "w") as f:
        f.writelines(f"extern int f{i}(int);\nint a{i}(int x) {{ return f{i}(x) * 3; }}\n" for i in range(n))


def compile_object(src, out, flags):
    subprocess.run(["gcc", "-std=c11", "-O2", "-c", *flags, src, "-o", out], check=True)
    return out


def objects():
    kernel_mods, hosted_args = [], []
    for n in SIZES:
        generate(n)
        for kind in ("lib", "app"):
            obj = compile_object(f"{OUT}/{kind}{n}.c", f"{OUT}/{kind}{n}.o", KERNEL_MODEL)
            with open(obj, "rb") as f:
                kernel_mods.append((f.read(), f"bench-domain {kind}{n}"))
        hosted_args += [str(n)] + [compile_object(f"{OUT}/{k}{n}.c", f"{OUT}/{k}{n}-pic.o", ["-fPIC"])
                                   for k in ("lib", "app")]
    return kernel_mods, hosted_args


def admission_rows():
    """Wall time of admitting each sample: cold (an empty cache: every
    prover runs), warm (the verdict of the cold run is reused: nothing it
    depends on changed) and recheck (the gate and WP run again, the provers'
    answers come from WP's cache)."""
    rows = []
    for name in ("counter", "hello", "checksum", "sum"):
        cache = f"build/bench-admit-cache/{name}"
        subprocess.run(["rm", "-rf", cache], check=True)
        for mode, extra in (("cold", []), ("warm", []), ("recheck", ["--recheck"])):
            start = time.monotonic()
            subprocess.run([sys.executable, "extensions/admit/admit.py", "--cache", cache, *extra, "--out",
                            f"build/bench-admit-{name}.ext", f"extensions/{name}/{name}.manifest"],
                           check=True, capture_output=True)
            rows.append({"name": f"admit_{name}_{mode}", "value": int((time.monotonic() - start) * 1000),
                         "unit": "ms", "baseline": None if mode == "cold" else f"admit_{name}_cold"})
    return rows


def parse(output):
    rows = []
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] == "BENCH":
            _, name, value, unit, baseline = parts
            rows.append({"name": name, "value": int(value), "unit": unit,
                         "baseline": None if baseline == "-" else baseline})
    return rows


def collect(kernel):
    kernel_mods, hosted_args = objects()
    with open("build/ext/checksum.ext", "rb") as f:
        kernel_mods.append((f.read(), "bench-ext checksum"))
    cases.KERNEL = kernel
    iso = cases.build_iso("bench", kernel_mods, cmdline="bench")
    g = Guest(["-cdrom", iso] + ICOUNT, timeout=300)
    try:
        g.expect(r"BENCH done")
        g.expect_exit(EXIT_OK)
    finally:
        g.kill()
    hosted = subprocess.run(["build/bench_domain_host", *hosted_args], capture_output=True, text=True, check=True)
    return parse(g.output) + parse(hosted.stdout) + admission_rows()


def add_ratios(rows):
    values = {r["name"]: r["value"] for r in rows}
    for r in rows:
        base = values.get(r["baseline"]) if r["baseline"] else None
        r["ratio"] = round(r["value"] / base, 3) if base else None


def main(kernel):
    rows = collect(kernel)
    if not rows:
        print("bench: the kernel printed no BENCH rows")
        return 1
    add_ratios(rows)
    print(f"{'name':<26} {'value':>12} {'unit':<13} {'baseline':<18} {'ratio':>8}")
    for r in rows:
        ratio = f"{r['ratio']:.3f}" if r["ratio"] is not None else "-"
        print(f"{r['name']:<26} {r['value']:>12} {r['unit']:<13} {r['baseline'] or '-':<18} {ratio:>8}")
    os.makedirs("build", exist_ok=True)
    with open("build/bench.json", "w") as f:
        json.dump(rows, f, indent=1)
        f.write("\n")
    print("wrote build/bench.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/spinel.elf"))
