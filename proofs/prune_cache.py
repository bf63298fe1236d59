#!/usr/bin/env python3
"""Keep only answers that cannot fail a later run in a WP cache directory.

WP caches failures too (a timeout, an unknown, a step-out) and replays them,
so one bad run could fail every later one. What is kept:
  - Valid answers;
  - after a module run whose every goal and smoke test passed, also its
    other answers: they passed the run. They are smoke tests no prover
    refuted (within its steps, or, for three of plan's, within the 120 s
    safety net, which cvc4's --rlimit does not stop), and cvc4's misses on
    goals z3 then proved.
What is removed: every prover failure (a crash), every unreadable or
truncated entry, and, after a failed run (--only-valid), every answer that
is not Valid, so a failure is always retried and never replayed. A missing
directory is not an error: an empty cache only makes the proof slower.

  prune_cache.py [--only-valid] DIR...   DIR: a WP session (DIR/cache/*.json)
                                         or a cache directory
"""
import os
import re
import sys

# WP writes OCaml floats ("time": 2.), which Python's json refuses, so an
# entry is matched whole against the shapes WP writes.
ENTRY = re.compile(r'^\{ "prover": "[^"]+", "verdict": "(?P<verdict>[a-z]+)"'
                   r'(, "time": [0-9.e+-]+)?(, "steps": [0-9]+)? \}\s*$')
PASSED_RUN = {"valid", "unknown", "stepout", "timeout"}


def entries(path):
    cache = os.path.join(path, "cache")
    root = cache if os.path.isdir(cache) else path
    if not os.path.isdir(root):
        return
    for name in os.listdir(root):
        if name.endswith(".json"):
            yield os.path.join(root, name)


def verdict(entry):
    try:
        with open(entry) as f:
            m = ENTRY.match(f.read(4096))
    except (OSError, UnicodeDecodeError):
        return None
    return m["verdict"] if m else None


def main(argv):
    keep = {"valid"} if "--only-valid" in argv else PASSED_RUN
    for path in (a for a in argv if not a.startswith("--")):
        for entry in entries(path):
            if verdict(entry) not in keep:
                try:
                    os.remove(entry)
                except FileNotFoundError:
                    pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
