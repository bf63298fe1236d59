#!/usr/bin/env python3
"""make prove reads lemmas too: a false lemma planted in a scratch copy of
the tree makes `make prove-fault` fail and name the lemma. (A lemma is a
hypothesis of every other goal, so one WP cannot prove must fail the
proof even when every function's goals pass.) One PASS/FAIL line."""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLANT = "\n/*@ lemma planted_false: \\forall integer n; n < 4; */\n"


def main():
    with tempfile.TemporaryDirectory(prefix="spinel-lemma-") as tmp:
        copy = os.path.join(tmp, "tree")
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("build", ".git", ".frama-c"))
        with open(os.path.join(copy, "kernel/core/domain/fault.c"), "a") as f:
            f.write(PLANT)
        r = subprocess.run(["make", "-s", "prove-fault", "WP_CACHE_ROOT=" + os.path.join(tmp, "cache")],
                           cwd=copy, capture_output=True, text=True, timeout=600)
        out = r.stdout + r.stderr
        ok = r.returncode != 0 and "lemma_planted_false" in out
        print(f"{'PASS' if ok else 'FAIL'} make prove fails on a planted false lemma"
              + ("" if ok else f": exit {r.returncode}, output {out[-400:]!r}"))
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
