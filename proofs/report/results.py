"""The committed proof results (proofs/results/SUB/MODULE.json, written by
proofs/summarize.py): per module, per function and, in the newer form, per
goal with its prover and steps. Files of the older form have no "goals":
the report then shows the per-function counts only."""
import glob
import json
import os

# The order in which a function's goals are shown, and the words for each.
KINDS = [("contract", "contract: postconditions, assigns, termination, behaviors"),
         ("assertions", "assertions in the code"),
         ("loop", "loops: invariants, assigns, variants"),
         ("rte", "run-time errors (-wp-rte): memory access, overflow, downcast"),
         ("calls", "calls: each callee's precondition at the call site"),
         ("smoke", "smoke tests: hypotheses not contradictory, no dead code"),
         ("lemma", "lemmas")]


def load(root, modules):
    """module -> its results, in the order given; a module without a
    results file gets an empty one marked missing."""
    out = {}
    for m in modules:
        found = glob.glob(os.path.join(root, "proofs/results", "*", m + ".json"))
        path = found[0] if len(found) == 1 else os.path.join(root, "proofs/results", "*", m + ".json")
        try:
            with open(path) as f:
                r = json.load(f)
        except (OSError, ValueError) as e:
            r = {"module": m, "proved": 0, "total": 0, "functions": {}, "missing": str(e)}
        r.setdefault("goals", None)
        if r["goals"] is not None and not r.get("max_steps"):
            r["max_steps"] = max_steps(r["goals"])
        r.setdefault("max_steps", {})
        out[m] = r
    return out


def proved(goal):
    """A goal is proved when every part of it is Valid (and it has parts)."""
    return 0 < goal["total"] == goal["valid"]


def max_steps(goals):
    """Per prover, the proved goal that took the most steps."""
    best = {}
    for g in goals:
        p, s = g.get("prover"), g.get("steps")
        if s is not None and proved(g) and s > best.get(p, {}).get("steps", -1):
            best[p] = {"steps": s, "goal": g["goal"]}
    return best


def kind(function, goal, smoke=False):
    """Which part of the proof a WP goal name belongs to. WP names a goal
    FUNCTION_<what> for the function's own properties and CALLEE_requires…
    for a callee's precondition checked at a call site."""
    if smoke or "_wp_smoke_" in goal:
        return "smoke"
    if function == "lemmas":
        return "lemma"
    if "assert_rte_" in goal:
        return "rte"
    if not goal.startswith(function + "_"):
        return "calls"
    rest = goal[len(function) + 1:]
    if "requires" in rest.split("_"):
        return "calls"  # a callee whose name starts with this function's
    if rest.startswith("loop_"):
        return "loop"
    if rest.startswith("assert"):
        return "assertions"
    return "contract"


def function_counts(result):
    """function -> {proved, total}: from the goals where they are recorded
    (the detail the page shows), else the per-function counts."""
    if result["goals"] is None:
        return result["functions"]
    out = {}
    for g in result["goals"]:
        c = out.setdefault(g["function"], {"proved": 0, "total": 0})
        c["proved"] += g["valid"]
        c["total"] += g["total"]
    for fn, c in result["functions"].items():
        out.setdefault(fn, c)  # a function with no goal recorded still shows
    return dict(sorted(out.items()))


def goals_of(result, function):
    return [g for g in result["goals"] or [] if g["function"] == function]


def failures(results):
    """Every goal not proved, as (module, function, goal, valid, total);
    goal is None where only the function's counts are recorded."""
    out = []
    for m, r in results.items():
        if r.get("missing"):
            out.append((m, None, "no results file (" + r["missing"] + ")", 0, 0))
        elif r["goals"] is not None:
            out += [(m, g["function"], g["goal"], g["valid"], g["total"])
                    for g in r["goals"] if not proved(g)]
        else:
            out += [(m, fn, None, c["proved"], c["total"])
                    for fn, c in r["functions"].items() if c["proved"] < c["total"]]
        if not r.get("missing") and r["proved"] < r["total"] and not any(f[0] == m for f in out):
            out.append((m, None, "module total", r["proved"], r["total"]))
    return out
