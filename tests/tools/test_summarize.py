#!/usr/bin/env python3
"""A failed kernel proof says where and what: Frama-C/WP runs, through
proofs/run_wp.py as make prove-MODULE does, on tests/tools/broken_goals.c
(a wrong postcondition, an overflow, one correct function), and
proofs/summarize.py must print file:line and the property's words for
each unproved property, nothing for the proved function, and exit 1.
One PASS/FAIL line per check, for tests/run.py."""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = "tests/tools/broken_goals.c"


def report(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")
    return ok


def prove(tmp):
    """The passes of proofs/wp.mk, with small limits: the goals are easy."""
    json_path, csv_path = (os.path.join(tmp, "broken." + ext) for ext in ("json", "csv"))
    wp = ["frama-c", "-wp", "-wp-rte", "-wp-prover", "cvc4", "-wp-steps", "100000", "-wp-cache", "none", SOURCE,
          "-then", "-wp", "-wp-smoke-tests", "-then", "-wp", "-wp-prover", "z3", "-wp-report-json", json_path,
          "-then", "-report-csv", csv_path]
    return subprocess.run([sys.executable, "proofs/run_wp.py", "--module", "broken", "--every", "0",
                           "--log", os.path.join(tmp, "broken.log"), "--", *wp],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def main():
    with tempfile.TemporaryDirectory(prefix="spinel-summarize-") as tmp:
        run = prove(tmp)
        ok = report("run_wp.py prints the goal count and keeps Frama-C's exit status",
                    run.returncode == 0 and "prove-broken: 8 goals scheduled" in run.stdout,
                    f"exit {run.returncode}, output {run.stdout[-400:]!r}")
        s = subprocess.run([sys.executable, "proofs/summarize.py", "--module", "broken", "--partial", tmp],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    out = s.stdout
    ok &= report("summarize.py exits 1 on unproved goals", s.returncode == 1, f"exit {s.returncode}: {out!r}")
    ok &= report("a wrong postcondition: file:line and its text",
                 f"  {SOURCE}:6: postcondition of add_two is not proved: wrong: \\result ≡ \\old(x) + 3" in out, out)
    ok &= report("an overflow: file:line and the bound that may not hold",
                 f"  {SOURCE}:10: arithmetic may overflow: x * 2 ≤ 2147483647 may not hold (rte signed_overflow)"
                 in out, out)
    ok &= report("a consequence (assigns proved from the overflow) is not listed first or at all",
                 "may write memory" not in out, out)
    ok &= report("the proved function is not named", f"{SOURCE}:13" not in out and "same_" not in out, out)
    ok &= report("the unproved goals are named for FN= and the GUI",
                 "  not proved: add_two_ensures_wrong, " in out, out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
