"""WP's verdicts in words, read strictly: each property of the extension
that is not Valid becomes one refusal line, file:line: rejected: what
(kind). "Considered valid" (an admit), "Partially proven", "Valid under
hypotheses", "Unknown", "Never tried", an unproved lemma and a failed smoke
test are all refusals. Only the trusted interface lines' own contracts,
and the preconditions the extension's callers must prove, are not read."""
import csv
import re

import wp_log
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


def contract_text(u, function):
    """The annotation just before function's definition in the unit."""
    m = re.search(r"/\*@((?:(?!\*/).)*?)\*/\s*[^;{}]*?\b" + re.escape(function) + r"\s*\(", u.text, re.S)
    return m[1] if m else ""


def _rte(kind, prop, function="", contract=""):
    # Frama-C's RTE alarms are stated as \valid(p) or \valid_read(p).
    p = prop
    for wrap in ("\\valid_read(", "\\valid("):
        if p.startswith(wrap) and p.endswith(")"):
            inner = p[len(wrap):-1]
            if kind == "mem_access" and re.fullmatch(r"[A-Za-z_]\w*", inner):
                # A dereference of a pointer as it is: WP cannot tell null
                # from dangling, and says so only as \valid.
                why = ""
                if function and not re.search(r"\\valid(?:_read)?\(\s*" + re.escape(inner) + r"\b", contract):
                    why = f"; the contract of {function} does not require {wrap}{inner})"
                return f"*{inner}: {inner} may be null or invalid{why} (rte {kind})"
            p = "*" + inner if "+" not in p else inner
    text = RTE_WORDS.get(kind, kind + ": {p} may not hold").format(p=p)
    return f"{text} (rte {kind})"


def words(kind, function, prop, wrappers, contract=""):
    if kind in RTE_WORDS or kind.startswith("rte"):
        return _rte(kind, prop, function, contract)
    if function in wrappers:
        who, contract = wrappers[function]
        return f"{who} does not meet {contract}: {kind} {prop} is not proved"
    if kind.startswith("precondition of "):
        return f"precondition `{prop}` of {kind[len('precondition of '):]} may not hold"
    if kind == "termination clause":
        return f"{function} may not terminate (prove every loop's variant and call only terminating functions)"
    if kind == "assigns clause":
        return f"{function} may write memory its contract does not name ({prop.rstrip(';')})"
    if kind == "loop variant":
        return f"loop variant `{prop}` may not decrease, or may be negative: the loop may not terminate"
    return f"{kind} of {function} is not proved: {prop}"


LOOP = re.compile(r"^\s*(?:\}\s*)?(for|while|do)\b")
ASSIGN = re.compile(r"^\s*(?:\w+\s+)*?([A-Za-z_][\w.\[\]>\- ]*?)\s*(?:[-+*/%&|^]|<<|>>)?=(?!=)")
STEP = re.compile(r"^\s*(?:\+\+|--)?\s*([A-Za-z_][\w.\[\]>\-]*?)\s*(?:\+\+|--)?\s*;")
CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def effect_words(u, line, function, kind, prop):
    """What the statement at line of the unit does that a failed assigns
    or termination goal is about (WP names the statement, not the memory)."""
    text = u.text.split("\n")[line - 1].strip() if 0 < line <= u.text.count("\n") + 1 else ""
    if LOOP.match(text):
        if kind == "assigns":
            return f"this loop may write memory {function}'s assigns clause does not name ({prop})"
        return (f"this loop may not terminate: give it a `loop variant` WP can prove decreasing "
                f"({function}'s contract says `terminates \\true`)")
    if kind == "terminates":
        call = CALL.search(text)
        return f"{function} may not terminate: {call[1] if call else 'this call'} may not"
    m = ASSIGN.match(text) or STEP.match(text)
    if m and "(" not in m[1]:
        return f"{function} writes `{m[1].strip()}`, which its assigns clause does not name ({prop})"
    call = CALL.search(text)
    if call:
        return f"{function} calls {call[1]}, which may write memory its assigns clause does not name ({prop})"
    return f"{function} may write memory its assigns clause does not name ({prop})"


def function_body(u, function):
    """(first line, text) of function's body in the unit, or None."""
    m = re.search(r"\b" + re.escape(function) + r"\s*\([^;{}]*\)\s*\{", u.text)
    if not m:
        return None
    depth, i = 0, m.end() - 1
    for i in range(m.end() - 1, len(u.text)):
        depth += {"{": 1, "}": -1}.get(u.text[i], 0)
        if depth == 0:
            break
    start = m.end() - 1
    return u.text.count("\n", 0, start) + 1, u.text[start:i + 1]


def variant_loops(u, function):
    """(line of the loop, its variant) for each loop of function with a
    `loop variant`, in order: WP's variant goals are numbered so."""
    body = function_body(u, function)
    if not body:
        return []
    first, text = body
    out = []
    for m in re.finditer(r"/\*@((?:(?!\*/).)*?)\*/", text, re.S):
        v = re.search(r"loop\s+variant\s+([^;]*);", m[1])
        loop = re.compile(r"\b(for|while|do)\b").search(text, m.end())
        if v and loop:
            out.append((first + text.count("\n", 0, loop.start()), " ".join(v[1].split())))
    return out


def variant_refusals(u, log):
    """A failed variant goal at its loop's line: WP's report lists no
    variant property, only its log names the goal."""
    out = []
    for goal in sorted(wp_log.failed_goals(log)):
        m = re.fullmatch(r"typed_(\w+?)_loop_variant_(decrease|positive)(?:_(\d+))?", goal)
        loops = variant_loops(u, m[1]) if m else []
        k = int(m[3] or 1) - 1 if m else 0
        if not m or k >= len(loops):
            continue
        line, variant = loops[k]
        what = ("may not decrease at each iteration" if m[2] == "decrease"
                else "may be negative when an iteration begins")
        out.append(f"{u.where(line)}: rejected: loop variant `{variant}` {what}: the loop may not terminate")
    return out


SMOKE = "a smoke test failed: the code after this point is dead or a precondition is contradictory"
CALLEE = "precondition of "


def _rows(csv_path):
    """The report's rows, each line as a number (0: none)."""
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        row["line"] = int(row["line"]) if row["line"].isdigit() else 0
    return rows


def _unread(row, u, exported, failed_calls):
    """A row no refusal is said for: proved, the interface's, a
    precondition its callers prove, or one said at its failing call."""
    line, kind, fn, status = row["line"], row["property kind"], row["function"], row["status"]
    region = u.region(line) if line else None
    if region == INTERFACE or status in PROVED or row["property"] == "\\false":
        return True
    if kind == "precondition" and status in CALLERS_PROVE and (
            region == HARNESS or (region == EXPORTS and fn in exported) or fn in exported):
        return True
    return kind == "precondition" and (fn, row["property"]) in failed_calls


def _own_goal_failed(fn, callee, failed):
    """WP's goal for a call's precondition failed itself (rather than
    following from another failure)."""
    goal = rf"typed_{re.escape(fn)}_call_{re.escape(callee)}(?:_\d+)?_requires(?:_\d+)?"
    return any(re.fullmatch(goal, g) for g in failed)


def _row_lines(row, u, wrappers, anchor, at):
    """The refusal (and note) lines of one unproved row; at: the lines of
    the statements behind a failed assigns or termination goal."""
    line, kind, fn, status, prop = row["line"], row["property kind"], row["function"], row["status"], row["property"]
    if at:
        goal = "assigns" if kind == "assigns clause" else "terminates"
        return [f"{u.where(n)}: rejected: {effect_words(u, n, fn, goal, prop.rstrip(';'))}" for n in at]
    where = anchor.get(fn) or (u.where(line) if line else f"{fn or 'the unit'}")
    what = words(kind, fn, prop, wrappers, contract_text(u, fn) if kind == "mem_access" else "")
    if status not in ("Unknown", "Timeout", "Failed", "Invalid") and not (
            kind.startswith(CALLEE) and status in CONSEQUENCE):
        what += f" (WP says: {status})"
    return [f"{where}: rejected: {what}"]


def refusals(csv_path, u, wrappers, anchor, exported=(), log="", effects=None):
    """Refusal lines for every property of the unit outside the interface
    lines, and of the harness, that WP did not prove Valid, the likeliest
    cause first: a loop WP had to assume writes everything, then what WP
    failed to prove itself, then failed smoke tests, and what was proved
    only from something unproved only when nothing else is said. A
    wrapper's property is reported at the handler's own definition
    (anchor[wrapper]); a call's precondition at the call, with a note at
    the `requires`; effects: WP's -wp-print of the failed assigns and
    termination goals (wp_log.effects)."""
    rows = _rows(csv_path)
    havoc = wp_log.havoc_loops(log)
    failed = wp_log.failed_goals(log, ever=True)
    stated = {(r["function"], r["property"]): r["line"] for r in rows if r["property kind"] == "precondition"}
    failed_calls = {(r["property kind"][len(CALLEE):], r["property"]) for r in rows
                    if r["property kind"].startswith(CALLEE) and r["status"] not in PROVED}
    causes = [f"{u.where(n)}: rejected: this loop has no `loop assigns`, so WP takes it to write any memory: "
              f"say what it writes" for n in havoc if u.region(n) not in (INTERFACE, HARNESS)]
    smoke = [f"{u.where(n)}: rejected: {SMOKE}" for n in wp_log.failed_smoke_tests(log) if u.region(n) != INTERFACE]
    smoke += [f"{u.where(r['line'])}: rejected: {SMOKE}" for r in rows      # \false proved: dead code
              if r["property"] == "\\false" and r["status"] == "Valid" and u.region(r["line"]) != INTERFACE]
    direct, consequences = variant_refusals(u, log), []
    for row in rows:
        if _unread(row, u, exported, failed_calls):
            continue
        kind, fn = row["property kind"], row["function"]
        at = []
        if kind in ("assigns clause", "termination clause") and fn not in wrappers:
            at = wp_log.effect_lines(log, fn, "assigns" if kind == "assigns clause" else "terminates", effects or [])
            if at and all(n in havoc for n in at):
                continue               # the loop's own line says it
        lines = _row_lines(row, u, wrappers, anchor, [n for n in at if n not in havoc])
        callee = kind[len(CALLEE):] if kind.startswith(CALLEE) else None
        if callee and stated.get((callee, row["property"])):
            lines.append(f"{u.where(stated[(callee, row['property'])])}: note: the precondition of {callee} "
                         f"is stated here")
        own = callee is not None and _own_goal_failed(fn, callee, failed)
        (consequences if row["status"] in CONSEQUENCE and not own else direct).extend(lines)
    # A loop with no `loop assigns` is said as the cause of failures, not
    # as a failure of its own: WP may prove everything around it.
    if not (direct or smoke or consequences):
        return []
    if causes:
        causes[-1] += " (the refusals after this one may all follow from it)"
    return causes + (direct + smoke or consequences)


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


def lemma_refusals(lemmas, u):
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
        where = u.where(line) if line else "the unit"
        out.append(f"{where}: rejected: lemma {name} is not proved (every other goal may rely on it)")
    return out
