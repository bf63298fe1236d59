#!/usr/bin/env python3
"""The Makefile's targets do what they say, read from make itself (make -n
prints a recipe without running it; none of these calls $(MAKE)):
prove-MODULE FN=f restricts every WP pass to f; make help lists every
target; gui-MODULE uses prove's settings and says how to install the GUI;
debug boots make run's image with the gdb stub; ISO_OBJECTS reaches
grub.cfg and rebuilds it only when the list changes. One PASS/FAIL line
per check, for tests/run.py."""
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRATCH = "build/test-make"


def make(*args):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def report(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")
    return ok


def command_words(out, program):
    """The words of the first command line of make -n's output that runs
    program (first on its line, after run_wp.py's --, or after a ; or &&
    of a shell line)."""
    for line in out.replace("\\\n", " ").splitlines():
        words = shlex.split(line.replace(";", " ; "))
        at = words.index(program) if program in words else -1
        if at == 0 or (at > 0 and words[at - 1] in ("--", ";", "&&")):
            return words[at:]
    return []


def wp_passes(words):
    """Each -then segment of a Frama-C command that runs WP."""
    segments, current = [], []
    for w in words + ["-then"]:
        if w == "-then":
            segments.append(current)
            current = []
        elif w == ";":
            break
        else:
            current.append(w)
    return [s for s in segments if "-wp" in s]


def check_fn():
    words = command_words(make("-n", "prove-frame", "FN=frame_free").stdout, "frama-c")
    passes = wp_passes(words)
    restricted = [" ".join(p[i:i + 2]) == "-wp-fct frame_free" for p in passes for i in range(len(p))]
    ok = report("prove-frame FN=frame_free: every WP pass carries -wp-fct frame_free",
                len(passes) == 3 and sum(restricted) == 3, f"{len(passes)} passes in {' '.join(words)!r}")
    whole = command_words(make("-n", "prove-frame").stdout, "frama-c")
    return ok & report("prove-frame without FN: no pass is restricted",
                       whole and "-wp-fct" not in whole, " ".join(whole))


def database():
    """make's database: .PHONY and every rule's target."""
    out = make("-pq", "help").stdout
    phony = next((line.split(":", 1)[1].split() for line in out.splitlines() if line.startswith(".PHONY:")), [])
    targets = {line.split(":", 1)[0] for line in out.splitlines()
               if re.match(r"^[A-Za-z$(][^\s=#:]*:(?!=)", line)}
    return phony, targets


def check_help():
    h = make("help")
    listed = [line.split()[1] for line in h.stdout.splitlines() if line.startswith("  make ")]
    phony, targets = database()
    missing = [t for t in phony + ["prove-MODULE", "gui-MODULE"] if t not in listed]
    ok = report("make help lists every .PHONY target and prove-MODULE, gui-MODULE",
                h.returncode == 0 and len(phony) > 10 and not missing, f"missing {missing}; phony {phony}")
    unknown = [t for t in listed if t.replace("-MODULE", "-%") not in targets]
    ok &= report("every target make help lists is a rule", not unknown, f"not rules: {unknown}")
    patterns = sorted(t for t in targets if re.fullmatch(r"[a-z]+-%", t))
    return ok & report("the pattern targets are prove-% and gui-%, both listed",
                       patterns == ["gui-%", "prove-%"], f"{patterns}")


def check_gui():
    r = make("gui-fault", "FRAMAC_GUI=no-such-frama-c-gui")
    ok = report("gui-MODULE without frama-c-gui: exit 2, says how to install it",
                r.returncode == 2 and "gui-fault: no-such-frama-c-gui is not installed (Debian: sudo apt install "
                "frama-c, which brings the GUI)" in r.stdout and "Traceback" not in r.stdout + r.stderr,
                f"exit {r.returncode}: {r.stdout!r} {r.stderr!r}")
    gui = command_words(make("-n", "gui-cap", "FRAMAC_GUI=frama-c-gui").stdout, "frama-c-gui")[1:]
    prove = command_words(make("-n", "prove-cap").stdout, "frama-c")[1:]
    drop = {"-wp-cache", "cleanup", "replay", "-wp-report-json", "build/proofs/cap.json", "-report-csv",
            "build/proofs/cap.csv", ";"}
    prove = prove[:prove.index(";")] if ";" in prove else prove
    same = [w for w in gui if w not in drop] == [w for w in prove if w not in drop][:-1]  # the report's -then
    return ok & report("gui-cap runs frama-c-gui with prove-cap's settings and passes", gui and same,
                       f"gui {gui} prove {prove}")


def check_debug():
    run = command_words(make("-n", "run").stdout, "qemu-system-x86_64")
    debug = command_words(make("-n", "debug").stdout, "qemu-system-x86_64")
    tail = lambda ws: ws[:ws.index("||")] if "||" in ws else ws  # noqa: E731
    return report("make debug boots make run's ISO with its load port, halted for gdb (-s -S)",
                  run and "-cdrom" in run and tail(debug) == tail(run) + ["-s", "-S"],
                  f"run {run} debug {debug}")


def grub_cfg(objects):
    iso = f"{SCRATCH}/spinel.iso"
    r = make(f"ISO={iso}", f"ISO_OBJECTS={objects}", f"{SCRATCH}/spinel.grub.cfg")
    path = os.path.join(ROOT, SCRATCH, "spinel.grub.cfg")
    return r, path


def check_iso_objects():
    r, path = grub_cfg("x/a.o y/bee.o")
    text = open(path).read() if r.returncode == 0 else ""
    ok = report("ISO_OBJECTS: one module2 line per object, named after its file, before boot",
                "    module2 /boot/obj/a.o domain a\n    module2 /boot/obj/bee.o domain bee\n    boot\n" in text,
                f"{r.stderr}{text}")
    before = os.stat(path).st_mtime_ns if text else 0
    time.sleep(1.1)
    grub_cfg("x/a.o y/bee.o")
    ok &= report("the same ISO_OBJECTS again: grub.cfg is not rebuilt", os.stat(path).st_mtime_ns == before)
    r, _ = grub_cfg("x/a.o")
    text = open(path).read()
    ok &= report("other ISO_OBJECTS: grub.cfg is rebuilt with them",
                 "domain a\n" in text and "bee" not in text, text)
    r, _ = grub_cfg("a/x.o b/x.o")
    return ok & report("two objects of the same name: one line, exit 2",
                       r.returncode == 2 and "ISO_OBJECTS: two objects have the same file name" in r.stderr,
                       f"exit {r.returncode}: {r.stderr!r}")


def main():
    results = [check_fn(), check_help(), check_gui(), check_debug(), check_iso_objects()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
