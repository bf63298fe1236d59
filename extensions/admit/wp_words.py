"""WP's verdicts in words, read strictly: each property of the extension
that is not Valid becomes one refusal line, file:line: rejected: what
(kind). "Considered valid" (an admit), "Partially proven", "Valid under
hypotheses", "Unknown", "Never tried", an unproved lemma and a failed smoke
test are all refusals. Only the trusted interface lines' own contracts,
and the preconditions the extension's callers must prove, are not read."""
import csv
import re

from unit import EXPORTS, HARNESS, INTERFACE

PROVED = {"Valid"}
CONSEQUENCE = {"Partially proven", "Valid under hypotheses"}
# A precondition of a function nobody in the unit calls is its callers' to
# prove: the wrapper's (the kernel's promise) and an exported function's
# (each importer proves it).
CALLERS_PROVE = {"Unknown", "Never tried", "Considered valid", "Valid under hypotheses"}

RTE_WORDS = {
    "mem_access": "{p} may be out of bounds",
    "index_bound": "index may be out of bounds: {p} may not hold",
    "unsigned_overflow": "arithmetic may overflow: {p} may not hold",
    "signed_overflow": "arithmetic may overflow: {p} may not hold",
    "unsigned_downcast": "a conversion may lose bits: {p} may not hold",
    "signed_downcast": "a conversion may lose bits: {p} may not hold",
    "division_by_zero": "may divide by zero: {p} may not hold",
    "shift": "a shift may be out of range: {p} may not hold",
    "float_to_int": "a conversion may overflow: {p} may not hold",
    "pointer_value": "a pointer may be invalid: {p} may not hold",
    "bool_value": "a boolean may be invalid: {p} may not hold",
    "initialization": "may read an uninitialised value: {p}",
}


def _rte(kind, prop):
    # Frama-C's RTE alarms are stated as \valid(p) or \valid_read(p).
    p = prop
    for wrap in ("\\valid_read(", "\\valid("):
        if p.startswith(wrap) and p.endswith(")"):
            p = "*" + p[len(wrap):-1] if "+" not in p else p[len(wrap):-1]
    text = RTE_WORDS.get(kind, kind + ": {p} may not hold").format(p=p)
    return f"{text} (rte {kind})"


def words(kind, function, prop, wrappers):
    if kind in RTE_WORDS or kind.startswith("rte"):
        return _rte(kind, prop)
    if function in wrappers:
        who, contract = wrappers[function]
        return f"{who} does not meet {contract}: {kind} {prop} is not proved"
    if kind.startswith("precondition of "):
        return f"the {kind} may not hold: {prop}"
    if kind == "termination clause":
        return f"{function} may not terminate (prove every loop's variant and call only terminating functions)"
    if kind == "assigns clause":
        return f"{function} may write memory its contract does not name ({prop.rstrip(';')})"
    if kind == "loop variant":
        return f"loop variant {prop} is not proved: the loop may not terminate"
    return f"{kind} of {function} is not proved: {prop}"


def refusals(csv_path, u, root, wrappers, anchor, exported=()):
    """Refusal lines for every property of the unit outside the interface
    lines, and of the harness, that WP did not prove Valid. A wrapper's
    property is reported at the handler's own definition (anchor[wrapper])."""
    out = []
    with open(csv_path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            try:
                line = int(row["line"])
            except ValueError:
                line = 0
            region = u.region(line) if line else None
            kind, fn, status = row["property kind"], row["function"], row["status"]
            if region == INTERFACE:
                continue
            if row["property"] == "\\false":
                if status == "Valid":      # \false proved: dead code
                    out.append(f"{u.where(line, root)}: rejected: a smoke test failed: the code after this "
                               f"point is dead or a precondition is contradictory")
                continue
            if status in PROVED:
                continue
            if kind == "precondition" and status in CALLERS_PROVE and (
                    region == HARNESS or (region == EXPORTS and fn in exported) or fn in exported):
                continue
            where = anchor.get(fn) or (u.where(line, root) if line else f"{fn or 'the unit'}")
            what = words(kind, fn, row["property"], wrappers)
            if status not in ("Unknown", "Timeout", "Failed", "Invalid"):
                what += f" (WP says: {status})"
            out.append((status in CONSEQUENCE, f"{where}: rejected: {what}"))
    # A property proved from one that is not is a consequence: said only
    # when nothing more direct is, so the likeliest cause comes first.
    direct = [line for consequence, line in out if not consequence]
    return direct or [line for _, line in out]


def smoke_refusals(log, u, root):
    """Failed smoke tests as WP's log names them, at their line."""
    out = []
    for line in log.splitlines():
        m = re.search(r"(\S+?\.i):(\d+): Warning:\s*Failed smoke-test", line)
        if m:
            out.append(f"{u.where(int(m[2]), root)}: rejected: a smoke test failed: the code after this "
                       f"point is dead or a precondition is contradictory")
        elif "Failed smoke-test" in line:
            out.append(f"{line.strip()}: rejected: a smoke test failed")
    return out


def goal_counts(report, wrappers):
    """(per function, per lemma): [valid, total] goals, from WP's JSON."""
    per_fn, lemmas = {}, {}
    for fn, goals in report.get("wp:functions", {}).items():
        for goal, stats in goals.items():
            if goal == "wp:section":
                continue
            main = stats.get("wp:main", {}) if isinstance(stats, dict) else {}
            entry = per_fn.setdefault(wrappers[fn][0] if fn in wrappers else fn, [0, 0])
            entry[0] += main.get("valid", 0)
            entry[1] += main.get("total", 0)
    for ax, goals in report.get("wp:axiomatics", {}).items():
        for goal, stats in goals.items():
            if goal == "wp:section":
                continue
            main = stats.get("wp:main", {}) if isinstance(stats, dict) else {}
            entry = lemmas.setdefault(goal, [0, 0])
            entry[0] += main.get("valid", 0)
            entry[1] += main.get("total", 0)
    return per_fn, lemmas


def first_error(log):
    for line in log.splitlines():
        if "rror" in line or "not implemented" in line.lower():
            return line.strip()[:200]
    return "no message"


def lemma_refusals(lemmas, u, root):
    """A lemma WP did not prove, at the annotation that states it: the
    likeliest cause of everything else failing, since every other goal may
    use it."""
    out = []
    for goal, (valid, total) in sorted(lemmas.items()):
        if valid >= total and total > 0:
            continue
        name = goal[len("lemma_"):] if goal.startswith("lemma_") else goal
        line = next((n + text[:m.start()].count("\n") for n, text in u.annotations
                     for m in [re.search(r"\blemma\s+" + re.escape(name) + r"\b", text)] if m), 0)
        where = u.where(line, root) if line else "the unit"
        out.append(f"{where}: rejected: lemma {name} is not proved (every other goal may rely on it)")
    return out
