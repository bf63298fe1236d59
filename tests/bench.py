#!/usr/bin/env python3
"""make bench: boot the kernel with "bench" on its command line under
-icount shift=0 (the TSC then counts guest instructions, the same on every
run), collect its BENCH rows, print a table and write build/bench.json."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "boot"))
from qemu import EXIT_OK, Guest  # noqa: E402

ICOUNT = ["-icount", "shift=0,align=off,sleep=off"]


def collect(kernel):
    g = Guest(["-kernel", kernel, "-append", "bench"] + ICOUNT, timeout=120)
    try:
        g.expect(r"BENCH done")
        g.expect_exit(EXIT_OK)
    finally:
        g.kill()
    rows = []
    for line in g.output.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] == "BENCH":
            _, name, value, unit, baseline = parts
            rows.append({"name": name, "value": int(value), "unit": unit,
                         "baseline": None if baseline == "-" else baseline})
    return rows


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
    print(f"{'name':<22} {'value':>12} {'unit':<13} {'baseline':<18} {'ratio':>8}")
    for r in rows:
        ratio = f"{r['ratio']:.3f}" if r["ratio"] is not None else "-"
        print(f"{r['name']:<22} {r['value']:>12} {r['unit']:<13} {r['baseline'] or '-':<18} {ratio:>8}")
    os.makedirs("build", exist_ok=True)
    with open("build/bench.json", "w") as f:
        json.dump(rows, f, indent=1)
        f.write("\n")
    print("wrote build/bench.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/spinel.elf"))
