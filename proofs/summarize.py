#!/usr/bin/env python3
"""Turn WP's JSON reports into per-module results and fail on any goal not
Valid, lemmas included.

--module M: read build/proofs/M.json and M.log, write proofs/results/M.json,
            print "M: proved/total", exit 1 on an unproven goal, a failed
            smoke test, or fewer goals than the committed result.
--total M…: add up the per-module results into build/proofs/summary.json.
"""
import argparse
import json
import os
import subprocess
import sys

RESULTS = "proofs/results"


def goals_of(report):
    """Yield (function, property, proved, total) for every property WP
    reported; one property may have several goals (assigns parts…). The
    lemmas (wp:axiomatics) count too, under the function name "lemmas": an
    unproved lemma is a hypothesis of every other goal."""
    for section, by_name in (("wp:functions", None), ("wp:axiomatics", "lemmas")):
        for fn, goals in report.get(section, {}).items():
            for goal, stats in goals.items():
                if goal == "wp:section":
                    continue
                main = stats.get("wp:main", {})
                yield by_name or fn, goal, main.get("valid", 0), main.get("total", 0)


def committed_total(module):
    """Goal count of the committed result, so that a silent drop fails."""
    try:
        text = subprocess.run(["git", "show", f"HEAD:{RESULTS}/{module}.json"],
                              capture_output=True, text=True, check=True).stdout
        return json.loads(text)["total"]
    except (subprocess.CalledProcessError, KeyError, ValueError, FileNotFoundError):
        return None


def one_module(args):
    report_path = os.path.join(args.dir, args.module + ".json")
    log_path = os.path.join(args.dir, args.module + ".log")
    try:
        with open(report_path) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        print(f"prove {args.module}: no usable WP report ({e})")
        return 1
    with open(log_path) as f:
        log = f.read()
    per_fn, failed = {}, []
    for fn, goal, valid, count in goals_of(report):
        entry = per_fn.setdefault(fn, {"proved": 0, "total": 0})
        entry["total"] += count
        entry["proved"] += valid
        if valid < count or count == 0:
            failed.append(goal)
    proved = sum(e["proved"] for e in per_fn.values())
    total = sum(e["total"] for e in per_fn.values())
    seconds = round(args.end - args.start, 1)
    print(f"{args.module}: {proved}/{total} goals proved ({seconds} s)")
    status = 0
    for goal in failed:
        print(f"  not proved: {goal}")
        status = 1
    for line in log.splitlines():
        if "Failed smoke-test" in line or "Warning: Missing RTE" in line:
            print(f"  {line.strip()}")
            status = 1
    if total == 0:
        print(f"  no goals at all: is {args.module} annotated?")
        status = 1
    if args.partial:
        return status
    before = committed_total(args.module)
    if before is not None and total < before:
        print(f"  goal count dropped from {before} to {total}")
        status = 1
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, args.module + ".json"), "w") as f:
        json.dump({"module": args.module, "proved": proved, "total": total,
                   "functions": dict(sorted(per_fn.items()))}, f, indent=1)
        f.write("\n")
    with open(os.path.join(args.dir, args.module + ".time"), "w") as f:
        f.write(f"{seconds}\n")
    return status


def total(args):
    rows, proved, goals = [], 0, 0
    for module in args.modules:
        with open(os.path.join(RESULTS, module + ".json")) as f:
            r = json.load(f)
        proved, goals = proved + r["proved"], goals + r["total"]
        rows.append({"module": module, "proved": r["proved"], "total": r["total"]})
    summary = {"proved": proved, "total": goals, "modules": rows}
    with open(os.path.join(args.dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")
    print(f"prove: {proved}/{goals} goals proved in {len(rows)} modules")
    return 0 if proved == goals else 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--module")
    p.add_argument("--start", type=float, default=0.0)
    p.add_argument("--end", type=float, default=0.0)
    p.add_argument("--partial", action="store_true", help="one function only: record nothing")
    p.add_argument("--total", action="store_true")
    p.add_argument("dir")
    p.add_argument("modules", nargs="*")
    args = p.parse_args()
    sys.exit(total(args) if args.total else one_module(args))


if __name__ == "__main__":
    main()
