#!/usr/bin/env python3
"""A cache entry is a stored claim, not a proof. In a scratch copy of the
tree, a false postcondition is planted in names.h and its cache entries are
forged to say Valid. Then:
  - the forged cache replays (make prove-names passes: the threat is real);
  - proving live fails on the goal: WP_CACHE_MODE=none (make prove-cold)
    and PROVE_LIVE=names (the sample make check draws);
  - a truncated entry and a missing cache change nothing but the time;
  - proofs/sample.py says after how many runs, on average, the sample
    re-proves names live and so catches the forgery.
One PASS/FAIL line per check."""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRUE_CLAUSE = "ensures \\result == NameHash(s, len);"
FALSE_CLAUSE = "ensures \\result == NameHash(s, len) + 1;"
GOAL = "name_hash_ensures"


def prove(tree, cache, *extra):
    r = subprocess.run(["make", "-s", "prove-names", "WP_CACHE_ROOT=" + cache, *extra],
                       cwd=tree, capture_output=True, text=True, timeout=900)
    return r.returncode, r.stdout + r.stderr


def entries(cache):
    found = {}
    for path in glob.glob(os.path.join(cache, "domain", "names", "cache", "*.json")):
        with open(path) as f:
            found[path] = f.read()
    return found


def forge(cache, before):
    """Rewrite every failed answer the broken contract added as Valid."""
    forged = 0
    for path, text in entries(cache).items():
        if path not in before and '"verdict": "valid"' not in text:
            prover = text.split('"prover": "')[1].split('"')[0]
            with open(path, "w") as f:
                f.write(f'{{ "prover": "{prover}", "verdict": "valid", "time": 0.01, "steps": 1 }}\n')
            forged += 1
    return forged


def committed_goals():
    with open(os.path.join(ROOT, "proofs/results/domain/names.json")) as f:
        return json.load(f)["total"]


def check(results, name, ok, why=""):
    print(f"{'PASS' if ok else 'FAIL'} {name}" + ("" if ok else f": {why}"))
    results.append(ok)


def main():
    results = []
    with tempfile.TemporaryDirectory(prefix="spinel-forge-") as tmp:
        tree, cache = os.path.join(tmp, "tree"), os.path.join(tmp, "cache")
        shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns("build", ".git", ".frama-c", "cache"))
        rc, out = prove(tree, cache)
        check(results, "names proves in the scratch copy", rc == 0, out[-400:])
        before = entries(cache)
        header = os.path.join(tree, "kernel/include/domain/names.h")
        text = open(header).read()
        assert TRUE_CLAUSE in text, "names.h changed: update this test"
        with open(header, "w") as f:
            f.write(text.replace(TRUE_CLAUSE, FALSE_CLAUSE))
        # Keep the failed answers (WP_PRUNE=true). The smoke tests' tasks do
        # not contain the postcondition and are cached already, so the new
        # failed entries are exactly the false goal's.
        rc, out = prove(tree, cache, "WP_PRUNE=true")
        check(results, "the planted postcondition is not proved", rc != 0 and GOAL in out, out[-400:])
        forged = forge(cache, before)
        check(results, "its failed answers are forged as Valid", forged >= 1, "no new failed entry")
        rc, out = prove(tree, cache)
        check(results, "a warm run replays the forgery (the threat)", rc == 0, out[-400:])
        rc, out = prove(tree, cache, "WP_CACHE_MODE=none")
        check(results, "prove-cold (no cache) fails on the forged goal",
              rc != 0 and GOAL in out, out[-400:])
        rc, out = prove(tree, cache, "PROVE_LIVE=names")
        check(results, "the live sample fails on the forged goal", rc != 0 and GOAL in out, out[-400:])
        # Restore the true contract: a broken or missing cache only costs time.
        with open(header, "w") as f:
            f.write(text)
        valid = [p for p, t in entries(cache).items() if '"verdict": "valid"' in t]
        with open(valid[0], "w") as f:
            f.write('{ "prover": "CVC4:1.8", "verd')
        rc, out = prove(tree, cache)
        whole = f"{committed_goals()}/{committed_goals()}"
        check(results, "a truncated entry changes nothing", rc == 0 and whole in out, out[-400:])
        shutil.rmtree(cache)
        rc, out = prove(tree, cache)
        check(results, "a missing cache changes nothing", rc == 0 and whole in out, out[-400:])
    r = subprocess.run([sys.executable, os.path.join(ROOT, "proofs/sample.py"), "--detect", "names"],
                       capture_output=True, text=True)
    check(results, f"the sample's detection rate ({r.stdout.strip()})", r.returncode == 0, r.stderr)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
