#!/usr/bin/env python3
"""The admission gate (extensions/admit/gate.ml) on its corpus: every
tests/admit/gate_*.c but gate_ok.c is refused with exactly the reasons
its `/* expect: ... */` lines name (each expected words appear in a
GATE-REJECT line, and every GATE-REJECT line is one of them); gate_ok.c
is accepted with no reject. The gate is run alone, on the one
preprocessed unit the admission tool builds, without the rest of the tool, with SPINEL_GATE_ALLOW = the functions print.h and
shell.h declare. Run from the repository root; prints one line per case
and "N passed, M failed".

Frama-C compiles a -load-script next to the script (gate.cmxs, gate.o,
...) and deletes them after: two runs on the same gate.ml at once break
each other's link. So the gate is loaded from a private copy here, which
lets this test run beside the admission tool's own use of the gate."""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GATE = "extensions/admit/gate.ml"
HEADERS = ["extensions/include/spinel/print.h", "extensions/include/spinel/shell.h"]
sys.path.insert(0, os.path.join(ROOT, "extensions", "admit"))
import interfaces  # noqa: E402  the admission tool's reading of the headers
import unit  # noqa: E402  its one preprocessed unit


def allowed():
    return sorted({n for h in HEADERS for n in interfaces.callable_functions(os.path.join(ROOT, h))})


def gate(path, allow, exports, script):
    """The gate alone, on the one preprocessed unit the admission tool
    builds (unit.py); its lines mapped back to the files they came from."""
    work = tempfile.mkdtemp(prefix="gate-unit-")
    incs = ["-I" + os.path.join(ROOT, d) for d in ("extensions/include/spinel", "extensions/include", "spec")]
    start = time.time()
    u = unit.preprocess(work, [os.path.join(ROOT, h) for h in ["extensions/include/spinel/ext.h"] + HEADERS],
                        os.path.join(ROOT, exports) if exports else None, [os.path.join(ROOT, path)], incs, ROOT)
    env = dict(os.environ, SPINEL_GATE_ALLOW=",".join(allow),
               SPINEL_GATE_INTERFACE_END=str(u.interface_end), SPINEL_GATE_EXPORTS_END=str(u.exports_end))
    cmd = ["frama-c", "-c11", "-no-frama-c-stdlib", "-machdep", "gcc_x86_64", "-load-script", script, u.path]
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    out = re.sub(re.escape(u.path) + r":(\d+)", lambda m: u.where(int(m[1])), r.stdout)
    shutil.rmtree(work, ignore_errors=True)
    return subprocess.CompletedProcess(cmd, r.returncode, out, r.stderr), time.time() - start


def check(path, allow, script):
    rel = os.path.relpath(path, ROOT)
    name = os.path.basename(path)
    text = open(path).read()
    expects = re.findall(r"/\* expect: (.*?) \*/", text)
    m = re.search(r"^//! exports (\S+)", text, re.M)
    exports = os.path.join(os.path.dirname(rel), m[1]) if m else None
    r, seconds = gate(rel, allow, exports, script)
    rejects = [ln for ln in r.stdout.splitlines() if ln.startswith("GATE-REJECT ")]
    stray = [ln for ln in r.stdout.splitlines() if not ln.startswith("GATE-")]
    why = []
    if r.returncode != 0:
        why.append(f"frama-c exit {r.returncode}: {r.stderr.strip()[-300:]}")
    if stray:
        why.append(f"stdout has lines that are not the gate's: {stray[:2]}")
    if name == "gate_ok.c":
        if rejects:
            why.append(f"rejected: {rejects}")
    else:
        if not expects:
            why.append("no expect: line")
        for e in expects:
            if not any(e in ln for ln in rejects):
                why.append(f"no reject says '{e}'")
        for ln in rejects:
            if not any(e in ln for e in expects):
                why.append(f"unexpected {ln}")
        for ln in rejects:
            if not ln.startswith(f"GATE-REJECT {rel}:") and not (exports and ln.startswith(f"GATE-REJECT {exports}:")):
                why.append(f"reject not located in the file: {ln}")
    if why:
        print(f"FAIL gate {name} ({seconds:.2f} s): " + "; ".join(why))
        return False
    print(f"PASS gate {name} ({seconds:.2f} s)" + (f": {rejects[0].split(': rejected: ')[1]}" if rejects else ""))
    return True


def main():
    os.chdir(ROOT)
    allow = allowed()
    cases = sorted(glob.glob(os.path.join(ROOT, "tests/admit/gate_*.c")))
    with tempfile.TemporaryDirectory(prefix="gate-") as tmp:
        script = os.path.join(tmp, "gate.ml")
        shutil.copy(os.path.join(ROOT, GATE), script)
        results = [check(p, allow, script) for p in cases]
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
