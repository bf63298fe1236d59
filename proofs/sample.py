#!/usr/bin/env python3
"""Choose the modules a run re-proves live, with the cache unused.

A cache entry is a stored claim; replaying it checks nothing. So each run
of make check re-proves a fresh random sample of modules from scratch,
whole modules until they hold at least FRACTION of all goals (default
1 in 20), and prints their names. make prove-cold re-proves everything.

  sample.py [--fraction F] [--seed S]      print the modules, space-separated
  sample.py --detect MODULE [--trials N]   how many runs, on average, until a
                                           forged answer in MODULE is caught
"""
import argparse
import glob
import json
import os
import random
import sys

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")


def goal_counts():
    counts = {}
    for path in sorted(glob.glob(os.path.join(RESULTS, "*", "*.json"))):
        with open(path) as f:
            r = json.load(f)
        counts[r["module"]] = r["total"]
    return counts


def sample(counts, fraction, rng):
    """Modules in a random order, taken until their goals reach the fraction."""
    order = sorted(counts)
    rng.shuffle(order)
    need, chosen, goals = fraction * sum(counts.values()), [], 0
    for module in order:
        if goals >= need:
            break
        chosen.append(module)
        goals += counts[module]
    return sorted(chosen), goals


def runs_to_detect(counts, fraction, module, trials, rng):
    """The mean number of runs until MODULE is in the sample (simulated)."""
    total = 0
    for _ in range(trials):
        runs = 1
        while module not in sample(counts, fraction, rng)[0]:
            runs += 1
        total += runs
    return total / trials


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fraction", type=float, default=float(os.environ.get("PROVE_SAMPLE", "0.05")))
    ap.add_argument("--seed", type=int)
    ap.add_argument("--detect")
    ap.add_argument("--trials", type=int, default=2000)
    args = ap.parse_args()
    counts = goal_counts()
    rng = random.Random(args.seed)  # None: the OS's randomness, fresh each run
    if args.detect:
        if args.detect not in counts:
            print(f"sample: no module {args.detect}", file=sys.stderr)
            return 2
        mean = runs_to_detect(counts, args.fraction, args.detect, args.trials, rng)
        print(f"{args.detect}: caught after {mean:.1f} runs on average "
              f"(fraction {args.fraction}, {args.trials} trials)")
        return 0
    chosen, goals = sample(counts, args.fraction, rng)
    total = sum(counts.values())
    print(f"prove: re-proving live, without the cache: {' '.join(chosen)} "
          f"({goals} of {total} goals, {100 * goals / total:.1f}%)", file=sys.stderr)
    print(" ".join(chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
