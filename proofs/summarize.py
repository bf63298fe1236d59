#!/usr/bin/env python3
"""Turn WP's JSON reports into per-module results and fail on any goal not
Valid, lemmas included.

--module M --sub S: read build/proofs/M.json and M.log, write
            proofs/results/S/M.json (S: M's subsystem, laws for a law),
            print "M: proved/total", exit 1 on an unproven goal, a failed
            smoke test, or fewer goals than the committed result.
--total M…: add up the per-module results into build/proofs/summary.json.
"""
import argparse
import csv
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "extensions", "admit"))
from wp_words import words  # noqa: E402  (the admission tool's words for a property)

RESULTS = "proofs/results"


def result_path(module, sub=None):
    """proofs/results/SUB/MODULE.json; without SUB, the one file of that
    name in any subsystem's folder (module names are unique)."""
    if sub:
        return os.path.join(RESULTS, sub, module + ".json")
    found = glob.glob(os.path.join(RESULTS, "*", module + ".json"))
    return found[0] if len(found) == 1 else os.path.join(RESULTS, "?", module + ".json")


def goals_of(report):
    """Yield (function, property, proved, total, per-prover stats) for every
    property WP reported; one property may have several goals (assigns
    parts…). The lemmas (wp:axiomatics) count too, under the function name
    "lemmas": an unproved lemma is a hypothesis of every other goal."""
    for section, by_name in (("wp:functions", None), ("wp:axiomatics", "lemmas")):
        for fn, goals in report.get(section, {}).items():
            for goal, stats in goals.items():
                if goal == "wp:section":
                    continue
                main = stats.get("wp:main", {})
                yield by_name or fn, goal, main.get("valid", 0), main.get("total", 0), stats


# "[wp] [CVC4 1.8] Goal typed_f_ensures : Valid (Qed:6ms) (30ms) (15359) (cached)"
PROVER_LINE = re.compile(r"^\[wp\] \[(?P<prover>[A-Za-z0-9]+) [^\]]*\] Goal (?P<goal>\S+) : "
                         r"(?P<verdict>[A-Za-z ]+?)(?: \(.*)?$")
STEPS = re.compile(r"\((\d+)\)(?: \(cached\))?$")


def prover_answers(log):
    """Per prover: the largest step count of a Valid answer (and its goal),
    and how many answers came from the cache and how many were run live."""
    stats = {}
    for line in log.splitlines():
        m = PROVER_LINE.match(line)
        if not m or m["prover"] == "Qed":
            continue
        s = stats.setdefault(m["prover"].lower(), {"max_steps": 0, "goal": None,
                                                   "cached": 0, "live": 0})
        s["cached" if line.endswith("(cached)") else "live"] += 1
        steps = STEPS.search(line)
        if m["verdict"] == "Valid" and steps and int(steps[1]) > s["max_steps"]:
            s["max_steps"], s["goal"] = int(steps[1]), m["goal"]
    return stats


def step_report(module, stats, limits):
    """One line of step counts; a warning when a Valid goal used more than
    half its prover's limit, before load or a new version can flake it."""
    parts = []
    for prover, s in sorted(stats.items()):
        parts.append(f"{prover} {s['max_steps']} steps max, "
                     f"{s['cached']} cached + {s['live']} live")
        limit = limits.get(prover)
        if limit and s["max_steps"] > limit // 2:
            print(f"  warning: {s['goal']} used {s['max_steps']} {prover} steps, "
                  f"over half the limit {limit}: split it before it flakes")
    if parts:
        print(f"  {module}: " + "; ".join(parts))


PIPELINE = ["qed", "cvc4", "z3"]


def prover_name(key):
    """WP's report key ("CVC4:1.8", "Z3:4.8.12", "qed") as the log names it."""
    return key.split(":")[0].lower()


def goal_steps(log):
    """(goal, prover) -> steps of each prover answer in the log."""
    steps = {}
    for line in log.splitlines():
        m = PROVER_LINE.match(line)
        n = STEPS.search(line) if m and m["verdict"] == "Valid" else None
        if n:
            goal = m["goal"][len("typed_"):] if m["goal"].startswith("typed_") else m["goal"]
            steps[goal, m["prover"].lower()] = int(n[1])
    return steps


def goal_records(report, log):
    """One record per property, for the report: its function, verdict, the
    prover that settled it and the steps it used (deterministic, unlike the
    time). A smoke test is Valid when no prover found its hypotheses false."""
    steps, records = goal_steps(log), []
    for fn, goal, proved, total, stats in goals_of(report):
        tried = [prover_name(k) for k in stats if k != "wp:main"]
        valid = {prover_name(k) for k in stats
                 if k != "wp:main" and stats[k].get("valid", 0) > 0}
        # WP re-proves lemmas in every pass and its report keeps the last
        # pass only: the log's Valid answers count too. The first prover in
        # the pipeline's order is recorded, so the record does not depend on
        # which pass answered last.
        valid |= {p for p in PIPELINE if (goal, p) in steps}
        settled = [p for p in PIPELINE if p in valid] or sorted(valid) or tried[-1:]
        prover = settled[0] if settled else "none"
        records.append({"function": fn, "goal": goal, "valid": proved, "total": total,
                        "prover": prover, "steps": steps.get((goal, prover)),
                        "smoke": "_wp_smoke_" in goal})
    return sorted(records, key=lambda r: (r["function"], r["goal"]))


# Not failures: proved, or another module's contract taken as given.
SETTLED = {"Valid", "Considered valid"}
# Proved from a property that is not: said only when nothing more direct is.
CONSEQUENCE = {"Partially proven", "Valid under hypotheses"}


def unproved_properties(csv_path, functions):
    """file:line: what, for each property of the given functions ("lemmas"
    for the lemmas) that the report says is not proved, most direct first.
    A function's own requires is its callers' to prove, at their calls."""
    try:
        with open(csv_path, newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
    except OSError:
        return []
    direct, consequences = [], []
    for row in rows:
        fn, kind, status = row["function"] or "lemmas", row["property kind"], row["status"]
        if fn not in functions or status in SETTLED or kind == "precondition" or row["property"] == "\\false":
            continue
        where = os.path.relpath(os.path.normpath(os.path.join(row["directory"], row["file"])))
        what = words(kind, row["function"], row["property"], {})
        if status not in ("Unknown", "Timeout", "Failed", "Invalid"):
            what += f" (WP says: {status})"
        (consequences if status in CONSEQUENCE else direct).append(f"{where}:{row['line']}: {what}")
    return direct or consequences


def failure_report(failed, csv_path):
    """Lines for the goals not proved: where and what, from the report's
    CSV (which has no lemmas: those are named); the goal names last (for
    FN= and the GUI)."""
    lines = [f"  {line}" for line in unproved_properties(csv_path, {fn for fn, _ in failed})]
    lines += [f"  lemma {goal[len('lemma_'):]} is not proved (every other goal may rely on it)"
              for fn, goal in failed if fn == "lemmas" and goal.startswith("lemma_")]
    names = ", ".join(goal for _, goal in failed)
    return lines + [f"  not proved: {names}"] if failed else []


def results_json(summary, goals):
    """The summary indented, and one line per goal, so a diff shows goals."""
    body = json.dumps(summary, indent=1)
    lines = ",\n".join("  " + json.dumps(g) for g in goals)
    return body[:-2] + ',\n "goals": [\n' + lines + "\n ]\n}\n"


def committed_total(module):
    """Goal count of the committed result, so that a silent drop fails."""
    try:
        text = subprocess.run(["git", "show", f"HEAD:{result_path(module)}"],
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
    try:
        with open(log_path) as f:
            log = f.read()
    except OSError as e:
        print(f"prove {args.module}: no WP log ({e.strerror}: {log_path})")
        return 1
    per_fn, failed = {}, []
    for fn, goal, valid, count, _ in goals_of(report):
        entry = per_fn.setdefault(fn, {"proved": 0, "total": 0})
        entry["total"] += count
        entry["proved"] += valid
        if valid < count or count == 0:
            failed.append((fn, goal))
    proved = sum(e["proved"] for e in per_fn.values())
    total = sum(e["total"] for e in per_fn.values())
    seconds = round(args.end - args.start, 1)
    print(f"{args.module}: {proved}/{total} goals proved ({seconds} s)")
    status = 0
    for line in failure_report(failed, os.path.join(args.dir, args.module + ".csv")):
        print(line)
        status = 1
    for line in log.splitlines():
        if "Failed smoke-test" in line or "Warning: Missing RTE" in line:
            print(f"  {line.strip()}")
            status = 1
    if total == 0:
        print(f"  no goals at all: is {args.module} annotated?")
        status = 1
    stats = prover_answers(log)
    step_report(args.module, stats, dict(args.limit or []))
    if args.partial:
        return status
    before = committed_total(args.module)
    if before is not None and total < before:
        print(f"  goal count dropped from {before} to {total}")
        status = 1
    path = result_path(args.module, args.sub)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(results_json({
            "module": args.module, "proved": proved, "total": total,
            "max_steps": {p: {"steps": s["max_steps"], "goal": s["goal"]}
                          for p, s in sorted(stats.items())},
            "functions": dict(sorted(per_fn.items()))}, goal_records(report, log)))
    with open(os.path.join(args.dir, args.module + ".time"), "w") as f:
        f.write(f"{seconds}\n")
    return status


def total(args):
    rows, proved, goals = [], 0, 0
    for module in args.modules:
        with open(result_path(module)) as f:
            r = json.load(f)
        proved, goals = proved + r["proved"], goals + r["total"]
        rows.append({"module": module, "proved": r["proved"], "total": r["total"]})
    summary = {"proved": proved, "total": goals, "modules": rows}
    with open(os.path.join(args.dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")
    print(f"prove: {proved}/{goals} goals proved in {len(rows)} modules")
    return 0 if proved == goals else 1


def limit_arg(text):
    prover, _, steps = text.partition("=")
    return prover.lower(), int(steps)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--module")
    p.add_argument("--sub", help="the module's subsystem: its results folder")
    p.add_argument("--start", type=float, default=0.0)
    p.add_argument("--end", type=float, default=0.0)
    p.add_argument("--partial", action="store_true", help="one function only: record nothing")
    p.add_argument("--total", action="store_true")
    p.add_argument("--limit", action="append", type=limit_arg,
                   help="PROVER=STEPS, the step limit given to WP (cvc4=1000000)")
    p.add_argument("dir")
    p.add_argument("modules", nargs="*")
    args = p.parse_args()
    sys.exit(total(args) if args.total else one_module(args))


if __name__ == "__main__":
    main()
