#!/usr/bin/env python3
"""The admission tool against the sample extensions (admitted, each
package's certificate checks out) and the negative corpus here (each
refused, exit 1, with the reason its `expect:` line names). One PASS/FAIL
line per case, for tests/run.py. The gate's own cases are gate_*.c (the
same check: every corpus file is refused as it expects); ok_*.c must be
admitted. The messages' exact form is tests/admit/test_messages.py's.

  test_admit.py [WORD...]   only the cases whose name holds a WORD (a
                            sample's name, a corpus file's, or "cache")
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADMIT = os.path.join(ROOT, "extensions/admit/admit.py")
OUT = os.path.join(ROOT, "build/admit-tests")
SAMPLES = ["tracer", "counter", "hello", "checksum", "sum", "echo", "netkv", "filter"]
sys.path.insert(0, os.path.join(ROOT, "extensions/admit"))
import lms  # noqa: E402
import package  # noqa: E402


def admit(target, out):
    return subprocess.run([sys.executable, ADMIT, "--out", out, target], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def report(ok, name, why=""):
    print(f"{'PASS' if ok else 'FAIL'} {name}" + ("" if ok else f": {why}"))
    return ok


def sample(name):
    out = os.path.join(OUT, name + ".ext")
    r = admit(f"extensions/{name}/{name}.manifest", out)
    if r.returncode != 0:
        return report(False, f"admit {name}", f"exit {r.returncode}: {r.stdout[-600:]} {r.stderr[-600:]}")
    data = open(out, "rb").read()
    pub = open(os.path.join(ROOT, "build/key/admission.pub"), "rb").read()
    body, sig = package.split(data)
    manifest, obj, summary, digest = package.unpack(data)
    checks = [lms.hss_verify(pub, body, sig), not lms.hss_verify(pub, body + b"x", sig),
              digest == package.interface_digest(ROOT), manifest.startswith(f"name {name}\n".encode()),
              obj[:4] == b"\x7fELF", re.match(rb"proved (\d+)/\1 goals", summary) is not None]
    return report(all(checks), f"admit {name}: admitted, certificate, manifest, object and summary",
                  f"checks {checks}; summary {summary[:80]!r}")


def refused(path):
    """path: a one-file extension with a /* expect: WORDS */ line, or a
    folder's NAME.manifest with a # expect: WORDS line."""
    name = os.path.basename(path)
    text = open(path).read()
    expect = re.search(r"/\* expect: (.*?) \*/", text) or re.search(r"^# expect: (.*)$", text, re.M)
    if not expect:
        return report(False, f"refuse {name}", "no expect: line")
    r = admit(os.path.relpath(path, ROOT), os.path.join(OUT, name + ".ext"))
    lines = [ln for ln in r.stdout.splitlines() if "rejected" in ln]
    if "Traceback" in r.stdout + r.stderr:
        return report(False, f"refuse {name}", f"a traceback: {(r.stdout + r.stderr)[-600:]}")
    ok = r.returncode == 1 and any(expect[1] in ln for ln in lines) and \
        not os.path.exists(os.path.join(OUT, name + ".ext"))
    shown = lines[0] if lines else (r.stdout + r.stderr)[-300:]
    return report(ok, f"refuse {name}: {shown}", f"exit {r.returncode}, wanted '{expect[1]}'; got {r.stdout[-600:]}")


def admitted(path):
    """ok_*.c: correct extensions that a too-strict rule once refused."""
    name = os.path.basename(path)
    r = admit(os.path.relpath(path, ROOT), os.path.join(OUT, name + ".ext"))
    return report(r.returncode == 0, f"admit {name}", f"exit {r.returncode}: {r.stdout[-600:]}")


def cache_follows_includes():
    """The verdict cache is keyed by the preprocessed unit: changing a
    header the extension includes (not one beside its sources) must not
    reuse the verdict of the old text."""
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory(prefix="admit-cache-", dir=OUT) as tmp:
        os.makedirs(os.path.join(tmp, "ext", "parts"))
        src = os.path.join(tmp, "ext", "slot.c")
        with open(src, "w") as f:
            f.write("//! name slot\n//! imports print shell\n//! handler Shell.Command on_line\n"
                    '#include "spinel/print.h"\n#include "spinel/shell.h"\n#include "parts/slot.inc"\n'
                    "static char cells[4];\n"
                    "/*@ requires ShellLine(line);\n    terminates \\true;\n    assigns cells[..], SpinelConsole;\n*/\n"
                    "static uint64_t on_line(void *closure, const char *line)\n"
                    "{\n    (void)closure;\n    (void)line;\n    cells[SLOT] = 1;\n    print_u64((uint64_t)cells[0]);\n    return 1;\n}\n"
                    "/*@ terminates \\true;\n    assigns SpinelEvents;\n*/\n"
                    "int ext_init(void)\n{\n    return shell_install(on_line, 0);\n}\n")
        results = []
        for slot, want in ((3, 0), (4, 1)):
            with open(os.path.join(tmp, "ext", "parts", "slot.inc"), "w") as f:
                f.write(f"#define SLOT {slot}\n")
            r = admit(src, os.path.join(tmp, "slot.ext"))
            results.append(r.returncode == want)
        shutil.rmtree(os.path.join(tmp, "ext"), ignore_errors=True)
    return report(all(results), "admit: the verdict cache follows an included fragment (SLOT 3 admitted, "
                  "then SLOT 4 refused)", f"results {results}")


def main(words):
    def chosen(path):
        return not words or any(w in os.path.basename(path) for w in words)
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, "*.ext")):
        os.remove(f)
    results = [sample(s) for s in SAMPLES if chosen(s)]
    results += [refused(p) for p in sorted(glob.glob(os.path.join(ROOT, "tests/admit/*.c")))
                if not os.path.basename(p).startswith(("gate_ok", "ok_")) and chosen(p)]
    results += [admitted(p) for p in sorted(glob.glob(os.path.join(ROOT, "tests/admit/ok_*.c"))) if chosen(p)]
    results += [refused(p) for p in sorted(glob.glob(os.path.join(ROOT, "tests/admit/*/*.manifest"))) if chosen(p)]
    if chosen("cache"):
        results.append(cache_follows_includes())
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
