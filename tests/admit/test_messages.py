#!/usr/bin/env python3
"""The admission tool's messages (issue 18): what a refused author reads
first, and that the tool runs from any directory and never prints a
traceback. One PASS/FAIL line per case, for tests/run.py.

Each tests/admit/messages/*.c is refused, run from the repository root,
and its comment lines say what must be printed:
  first: LINE      the first line of stdout, exactly
  second: LINE     the second line, exactly
  line: LINE       some line, exactly
  lines: N         the number of `rejected` lines (repeats merged)
  log: FILE        the last line names build/admit/NAME/FILE
Then: admission from another directory (paths relative to it, and
absolute outside it, even for a folder whose name begins with the
repository's path), a cached admission said to be cached, progress on
stderr and --quiet, and bad input (one line, exit 2 or 1, no traceback).

  test_messages.py [WORD...]   only the cases whose name holds a WORD
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADMIT = os.path.join(ROOT, "extensions/admit/admit.py")
sys.path.insert(0, os.path.join(ROOT, "extensions/admit"))
import where  # noqa: E402


def admit(args, cwd=ROOT, admit_py=ADMIT):
    return subprocess.run([sys.executable, admit_py, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=1200)


def report(ok, name, why=""):
    print(f"{'PASS' if ok else 'FAIL'} {name}" + ("" if ok else f": {why}"))
    return ok


def clean(r):
    """Exit code and output problems every run must avoid."""
    out = r.stdout + r.stderr
    return [] if "Traceback" not in out else [f"a traceback: {out[-400:]}"]


def corpus_case(path):
    name = os.path.basename(path)
    text = open(path).read()
    want = dict(re.findall(r"^/\* (first|second|lines|log): (.*) \*/$", text, re.M))
    lines_wanted = re.findall(r"^/\* line: (.*) \*/$", text, re.M)
    ext = re.search(r"^//! name (\w+)", text, re.M)[1]
    out = os.path.join(tempfile.gettempdir(), f"spinel-msg-{name}.ext")
    r = admit(["--quiet", "--out", out, os.path.relpath(path, ROOT)])
    got = r.stdout.splitlines()
    why = clean(r)
    if r.returncode != 1:
        why.append(f"exit {r.returncode}")
    if r.stderr.strip():
        why.append(f"stderr with --quiet: {r.stderr.strip()[:200]}")
    if "first" in want and (not got or got[0] != want["first"]):
        why.append(f"first line {got[:1]}, wanted {want['first']!r}")
    if "second" in want and (len(got) < 2 or got[1] != want["second"]):
        why.append(f"second line {got[1:2]}, wanted {want['second']!r}")
    for line in lines_wanted:
        if line not in got:
            why.append(f"no line {line!r}")
    rejected = [ln for ln in got if ": rejected: " in ln]
    if "lines" in want and len(rejected) != int(want["lines"]):
        why.append(f"{len(rejected)} rejected lines, wanted {want['lines']}: {rejected}")
    if "log" in want:
        log = f"build/admit/{ext}/{want['log']}"
        if not got or got[-1] != f"{ext}: refused; full log: {log}":
            why.append(f"last line {got[-1:]}, wanted it to name {log}")
        elif not os.path.isfile(os.path.join(ROOT, log)):
            why.append(f"{log} does not exist")
    if name == "msg_smoke.c" and not why:
        # The case exists for a warning Frama-C wraps: check it still does.
        log = open(os.path.join(ROOT, f"build/admit/{ext}/wp.log")).read()
        if not re.search(r"Warning:\s*\n\s+Failed smoke-test", log):
            why.append("Frama-C no longer splits the smoke-test warning: the case tests nothing")
    return report(not why, f"message {name}: {got[0] if got else ''}", "; ".join(why) + f"\n{r.stdout[-800:]}")


INT_TO_PTR = os.path.join(ROOT, "tests/admit/gate_int_to_ptr.c")


def another_directory(tmp):
    """A copy of the tool beside an extension folder whose name begins
    with the copy's path (X and X-ext): a refusal names the file relative
    to the directory the tool runs in, or absolutely when it is outside."""
    copy = os.path.join(tmp, "spinel")
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("build", ".git", "*.ext"))
    ext = os.path.join(tmp, "spinel-ext", "wc")
    os.makedirs(ext)
    shutil.copy(INT_TO_PTR, os.path.join(ext, "wc.c"))
    tool = os.path.join(copy, "extensions/admit/admit.py")
    line = 22                    # the cast in gate_int_to_ptr.c
    results = []
    for cwd, arg, shown, log in (
            (ext, "wc.c", "wc.c", os.path.join(copy, "build/admit/gate_int_to_ptr/gate.log")),
            (copy, "../spinel-ext/wc/wc.c", os.path.join(ext, "wc.c"), "build/admit/gate_int_to_ptr/gate.log"),
            (tmp, "spinel-ext/wc/wc.c", "spinel-ext/wc/wc.c", "spinel/build/admit/gate_int_to_ptr/gate.log")):
        r = admit(["--quiet", arg], cwd=cwd, admit_py=tool)
        got = r.stdout.splitlines()
        want = [f"{shown}:{line}: rejected: casts an integer to a pointer",
                f"gate_int_to_ptr: refused; full log: {log}"]
        ok = r.returncode == 1 and got == want and not clean(r)
        results.append(report(ok, f"admit from {os.path.relpath(cwd, tmp) or '.'}: {arg} named {shown}",
                              f"exit {r.returncode}; got {got} {r.stderr[-300:]}; wanted {want}"))
    return all(results)


def show_is_path_logic(tmp):
    """where.show by path, not by string prefix."""
    os.makedirs(os.path.join(tmp, "x", "a"))
    os.makedirs(os.path.join(tmp, "x-ext"))
    here = os.getcwd()
    try:
        os.chdir(os.path.join(tmp, "x"))
        got = [where.show(os.path.join(tmp, "x", "a", "f.c")), where.show(os.path.join(tmp, "x-ext", "f.c"))]
    finally:
        os.chdir(here)
    want = ["a/f.c", os.path.join(tmp, "x-ext", "f.c")]
    return report(got == want, "where.show: below the cwd relative, beside it absolute", f"got {got}")


HELLO = ("//! name msg_cached\n//! imports print shell\n//! handler Shell.Command on_line\n"
         '#include "spinel/print.h"\n#include "spinel/shell.h"\n'
         "/*@ requires ShellLine(line);\n    terminates \\true;\n    assigns SpinelConsole;\n*/\n"
         "static uint64_t on_line(void *closure, const char *line)\n{\n    (void)closure;\n"
         '    if (!shell_word_is(line, "cached"))\n        return 0;\n    print_str("cached\\n");\n'
         "    return 1;\n}\n"
         "/*@ terminates \\true;\n    assigns SpinelEvents;\n*/\nint ext_init(void)\n{\n"
         "    return shell_install(on_line, 0);\n}\n")


def cached_and_progress(tmp):
    """Admitted from its own folder with a fresh cache: progress on stderr,
    the proof time; again: the verdict said to come from the cache, and
    --quiet prints nothing on stderr."""
    folder = os.path.join(tmp, "mine")
    os.makedirs(folder)
    with open(os.path.join(folder, "cached.c"), "w") as f:
        f.write(HELLO)
    cache = os.path.join(tmp, "cache")
    first = admit(["--cache", cache, "--out", "cached.ext", "cached.c"], cwd=folder)
    second = admit(["--quiet", "--cache", cache, "--out", "cached.ext", "cached.c"], cwd=folder)
    stages = [ln.split(": ", 1)[1] for ln in first.stderr.splitlines()]
    checks = {
        "first admitted": first.returncode == 0 and re.fullmatch(
            r"msg_cached: admitted: proved (\d+)/\1 goals in [\d.]+ s \(Frama-C .*\); cached\.ext",
            first.stdout.strip()) is not None,
        "progress": [s.split(":")[0] for s in stages] == [
            "preprocess", "gate", "gcc", "WP pass 1/3 (cvc4)", "WP pass 2/3 (smoke tests)",
            "WP pass 3/3 (z3 on what is left)", "compile", "certify"]
        and re.search(r"WP pass 1/3 \(cvc4\): \d+ goals scheduled", first.stderr) is not None,
        "second cached": second.returncode == 0 and re.fullmatch(
            r"msg_cached: admitted: proved (\d+)/\1 goals \(cached; proved in [\d.]+ s on "
            r"\d{4}-\d\d-\d\d \d\d:\d\d UTC; Frama-C .*\); cached\.ext", second.stdout.strip()) is not None,
        "quiet": second.stderr == "",
    }
    bad = [k for k, ok in checks.items() if not ok]
    return report(not bad, "admit from the extension's folder: progress, then the cached verdict said so",
                  f"failed {bad}: {first.stdout} {first.stderr[-600:]} | {second.stdout} {second.stderr[-300:]}")


def bad_input(tmp):
    """Every input we could think of that the tool cannot use: one line,
    the documented exit code, no traceback."""
    d = os.path.join(tmp, "bad")
    os.makedirs(os.path.join(d, "folder.manifest"))
    files = {"two.manifest": "name two\nsources a.c b.c\nimports print\n", "a.c": "",
             "typo.manifest": "name x\nsoruces a.c\n", "dir.manifest": "name d\nsources folder.manifest\n",
             "afile": "", "noname.manifest": "sources a.c\n"}
    for n, t in files.items():
        with open(os.path.join(d, n), "w") as f:
            f.write(t)
    with open(os.path.join(d, "latin1.manifest"), "wb") as f:
        f.write(b"name caf\xe9\n")
    shutil.copy(INT_TO_PTR, os.path.join(d, "ok.c"))
    cases = [
        (["nosuch.manifest"], 2, "stderr", "nosuch.manifest: error: No such file or directory"),
        (["folder.manifest"], 2, "stderr", "folder.manifest: error: Is a directory"),
        (["two.manifest"], 2, "stderr", "two.manifest:2: error: b.c does not exist"),
        (["dir.manifest"], 2, "stderr", "dir.manifest:2: error: folder.manifest is a directory"),
        (["typo.manifest"], 1, "stdout", "typo.manifest:2: rejected: unknown manifest key 'soruces'"),
        (["noname.manifest"], 1, "stdout", "noname.manifest:1: rejected: the manifest has no name"),
        (["latin1.manifest"], 2, "stderr", "admit: error: latin1.manifest or a file it names is not UTF-8 "
                                           "text (invalid continuation byte)"),
        (["--out", "afile/x.ext", "ok.c"], 2, "stderr", "afile: error: exists and is not a directory"),
        (["--out", "folder.manifest", "ok.c"], 2, "stderr", "folder.manifest: error: Is a directory"),
        (["--key", "nokey.json", "ok.c"], 2, "stderr", "admit: error: no signing key at nokey.json: `make` makes "
                                                       "one for this machine (keygen.py), or set SPINEL_SIGNING_KEY "
                                                       "to the key to admit with"),
    ]
    results = []
    for args, code, stream, line in cases:
        r = admit(["--quiet", *args], cwd=d)
        got = getattr(r, stream).splitlines()
        ok = r.returncode == code and got == [line] and not clean(r)
        results.append(report(ok, f"bad input {' '.join(args)}: exit {code}, {line}",
                              f"exit {r.returncode}, stdout {r.stdout[-300:]!r} stderr {r.stderr[-300:]!r}"))
    return all(results)


def main(words):
    def chosen(name):
        return not words or any(w in name for w in words)
    results = [corpus_case(p) for p in sorted(glob.glob(os.path.join(ROOT, "tests/admit/messages/*.c")))
               if chosen(os.path.basename(p))]
    with tempfile.TemporaryDirectory(prefix="spinel-msg-") as tmp:
        for name, case in (("path", show_is_path_logic), ("cwd", another_directory),
                           ("cached", cached_and_progress), ("bad", bad_input)):
            if chosen(name):
                results.append(case(os.path.join(tmp, name)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
