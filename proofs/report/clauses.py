"""A contract as written, clause by clause, each behavior boxed, and next
to each clause WP proves on its own the verdict of its goal. WP names
those goals FUNCTION[_BEHAVIOR]_KIND[_NAME], numbering repeats _2, _3…,
which is what GoalNames rebuilds."""
import re

from acsl import highlight
from htmlpage import esc

STARTS = {"requires", "ensures", "assigns", "assumes", "terminates", "decreases", "frees",
          "allocates", "exits", "behavior", "complete", "disjoint", "check", "admit"}
PROVED_KINDS = {"ensures", "assigns", "terminates", "decreases", "exits", "frees", "allocates"}
NAMED = re.compile(r"\s*([A-Za-z_]\w*)\s*:(?!:)")


def dedent(text):
    """The block's lines without the indentation of the file they sit in."""
    lines = text.strip("\n").splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return []
    rest = [ln for ln in lines[1:] if ln.strip()]
    cut = min((len(ln) - len(ln.lstrip()) for ln in rest), default=0)
    return [lines[0].strip()] + [ln[cut:] for ln in lines[1:]]


def clause_of(line):
    """(keyword, clause name or None) if the line starts a clause."""
    words = line.split(None, 1)
    if not words or words[0] not in STARTS:
        return None
    kw, rest = words[0], words[1] if len(words) > 1 else ""
    if kw in ("check", "admit") and rest:
        kw, _, rest = rest.partition(" ")
    m = NAMED.match(rest)
    return kw, (m[1] if m and kw != "behavior" else None)


class GoalNames:
    """Rebuilds WP's goal names clause by clause for one function."""

    def __init__(self, function, goals):
        self.fn, self.by_name, self.seen = function, {g["goal"]: g for g in goals}, {}
        self.sets = {k: sorted(n for n in self.by_name if n.startswith(f"{function}_{k}_"))
                     for k in ("complete", "disjoint")}

    def goal(self, kw, name, behavior):
        if kw in self.sets:
            return self.by_name.get(self.sets[kw].pop(0)) if self.sets[kw] else None
        if kw not in PROVED_KINDS:
            return None
        base = "_".join(p for p in (self.fn, behavior, kw, name) if p)
        n = self.seen[base] = self.seen.get(base, 0) + 1
        return self.by_name.get(base if n == 1 else f"{base}_{n}")


def badge(goal):
    """The gutter next to a clause: its goal's verdict, prover and steps."""
    ok = 0 < goal["total"] == goal["valid"]
    mark = '<span class="ok">&#10003;</span>' if ok else '<span class="fail">&#10007; NOT PROVED</span>'
    steps = f' {goal["steps"]:,}' if goal.get("steps") is not None else ""
    return (f'<a href="#g-{esc(goal["goal"])}" title="{esc(goal["goal"])}">{mark} '
            f'{esc(goal.get("prover", ""))}{steps}</a>')


def named(line, links):
    """A named clause with its name set apart (ensures NAME: ...)."""
    m = re.match(r"((?:check\s+|admit\s+)?\w+\s+)(\w+)(\s*:)(.*)", line, re.S)
    return (highlight(m[1], links) + f'<b class="cn">{esc(m[2])}</b>' + esc(m[3])
            + highlight(m[4], links))


def gutter(kw, goal):
    if goal:
        return badge(goal)
    if kw == "requires":
        return '<span class="muted" title="assumed here, proved at every call site">assumed</span>'
    return ""


def render(contract_text, function, goals, links):
    """The contract as HTML; goals is None when the results have no per-goal record."""
    names = GoalNames(function, goals or [])
    out, behavior, indent = [], None, 0
    for line in dedent(contract_text):
        depth, cl = len(line) - len(line.lstrip()), clause_of(line.strip())
        if behavior and line.strip() and depth <= indent:
            out.append("</div>")
            behavior = None
        if cl and cl[0] == "behavior":
            behavior, indent = line.split()[1].rstrip(":"), depth
            out.append(f'<div class="behavior" id="{esc(function)}-{esc(behavior)}">')
        goal = names.goal(cl[0], cl[1], behavior) if cl else None
        text = named(line.strip(), links) if cl and cl[1] else highlight(line.strip(), links)
        pad = "&nbsp;" * (depth - indent if behavior else depth)
        out.append(f'<div class="cl"><span class="gut">{gutter(cl and cl[0], goal)}</span>'
                   f"<code>{pad}{text}</code></div>")
    if behavior:
        out.append("</div>")
    return '<div class="contract">' + "\n".join(out) + "</div>"
