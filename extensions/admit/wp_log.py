"""WP's log, read for what the report (CSV, JSON) does not say: which
goals failed by name, the loops WP had to give `assigns everything`, the
failed smoke tests, and, from a -wp-print of the failed assigns and
termination goals, the statement each is about ("Effect at line N")."""
import re

STATUS = re.compile(r"Goal (typed_\w+) : (\w+)")
FAILED = re.compile(r"\[Failed\] Goal (typed_\w+)")
LOCATED = re.compile(r"^\[\w+\] (\S+?\.i):(\d+): Warning: ?(.*)$")
SCHEDULED = re.compile(r"^\[wp\] (\d+) goals? scheduled")


def pass_event(line):
    """What a line of WP's output says of its -then passes, for progress
    (admit.py, proofs/run_wp.py): "start" when a pass begins, the number
    of goals once it has scheduled them, else None."""
    if line.startswith("[wp] Running WP plugin"):
        return "start"
    m = SCHEDULED.match(line)
    return int(m[1]) if m else None


def messages(log):
    """The log's messages, each one string: Frama-C wraps a long one over
    several lines (the continuation lines are indented, or the first ends
    at 'Warning:'), which is joined back here."""
    out = []
    for line in log.splitlines():
        if out and (line.startswith((" ", "\t")) or out[-1].endswith("Warning:")) and not line.startswith("["):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def failed_goals(log, ever=False):
    """Names of goals whose last answer in the log is not Valid; ever:
    that had any answer that is not (a later pass may find a goal Valid
    that the report still counts as unproved, as it depends on another)."""
    last, bad = {}, set()
    for msg in messages(log):
        answer, failed = STATUS.search(msg), FAILED.search(msg)
        if answer:
            last[answer[1]] = answer[2]
        if failed:
            last[failed[1]] = "Failed"
        for name in (answer and answer[1], failed and failed[1]):
            if name and last[name] != "Valid":
                bad.add(name)
    return bad if ever else {g for g, status in last.items() if status != "Valid"}


def warnings(log, words):
    """Lines of the unit (harness.i) where WP warned words."""
    out = []
    for msg in messages(log):
        m = LOCATED.match(msg)
        if m and m[3].startswith(words) and int(m[2]) not in out:
            out.append(int(m[2]))
    return out


def havoc_loops(log):
    """Loops with no `loop assigns`: WP assumes they may write anything."""
    return warnings(log, "Missing assigns clause")


def failed_smoke_tests(log):
    return warnings(log, "Failed smoke-test")


KINDS = {"assigns": "Assigns", "terminates": "Termination-condition"}
TITLE = re.compile(r"^Goal (Assigns|Termination-condition)\b.*? in '(\w+)'(?: \((\d+)/(\d+)\))?:$")
GOAL = re.compile(r"^typed_(\w+?)_(assigns|terminates)(?:_(normal|exit))?(?:_part(\d+))?$")


def effects(printed):
    """WP's -wp-print of some goals, as groups: [(kind, function, parts,
    {part: the line of the unit its goal is about})], in print order. A
    group is one behaviour's goals (normal or exit); the title does not
    say which, its part count does."""
    groups, current = [], None
    for line in printed.splitlines():
        m = TITLE.match(line)
        if m:
            k, n = (int(m[3]), int(m[4])) if m[3] else (1, 1)
            if current is None or k == 1 or current[:3] != (m[1], m[2], n):
                current = (m[1], m[2], n, {})
                groups.append(current)
            part = k
            continue
        m = re.match(r"^Effect at line (\d+)$", line)
        if m and current is not None:
            current[3][part] = int(m[1])
    return groups


def goal_parts(names, fn, kind):
    """behaviour -> its number of parts, from the goal names WP logged."""
    out = {}
    for name in names:
        m = GOAL.match(name)
        if m and m[1] == fn and m[2] == kind:
            out[m[3]] = max(out.get(m[3], 1), int(m[4] or 1))
    return out


def all_goals(log):
    return set(re.findall(r"Goal (typed_\w+)", log))


def effect_lines(log, fn, kind, groups):
    """Lines of the statements behind fn's failed `kind` goals. The group
    of a behaviour is the one with its part count; two with the same count
    are taken in name order (exit before normal), as WP prints them."""
    parts = goal_parts(all_goals(log), fn, kind)
    mine = [g for g in groups if g[0] == KINDS[kind] and g[1] == fn]
    lines = []
    for goal in sorted(failed_goals(log)):
        m = GOAL.match(goal)
        if not m or m[1] != fn or m[2] != kind:
            continue
        n = parts.get(m[3], 1)
        same = [b for b in sorted(parts, key=str) if parts[b] == n]
        fits = [g for g in mine if g[2] == n]
        if len(fits) != len(same) or m[3] not in same:
            continue          # cannot tell which printed goal it is: say nothing
        line = fits[same.index(m[3])][3].get(int(m[4] or 1))
        if line and line not in lines:
            lines.append(line)
    return sorted(lines)
