"""Refusal lines as the author reads them: one line per cause, the
likeliest first. Lines are `FILE:LINE: rejected: WHAT`, each possibly
followed by `FILE:LINE: note: ...` lines that belong to it.

- merged: the same WHAT in one file at several lines is one line, at the
  first, that ends `(also at lines A, B)`; a repeated line is said once.
- missing_imports: calls to an interface the manifest does not import
  (and the gate's complaint that its header declares functions outside
  the interface lines) are one line naming the import to add.
- gcc: gcc's diagnostics as refusals at the line they name, in the file
  the author wrote (never the generated unit), without its include trail.
"""
import re

import interfaces

LINE = re.compile(r"^(.*?):(\d+): (rejected|note): (.*)$")


def merged(lines):
    groups, order = {}, []          # (file, what) -> [lines, notes]
    last = None
    for text in lines:
        m = LINE.match(text)
        if not m:
            key = ("", text)
            if key not in groups:
                groups[key] = [[], []]
                order.append(key)
            last = key
            continue
        path, line, kind, what = m[1], int(m[2]), m[3], m[4]
        if kind == "note":
            if last is not None and text not in groups[last][1]:
                groups[last][1].append(text)
            continue
        key = (path, what)
        if key not in groups:
            groups[key] = [[], []]
            order.append(key)
        if line not in groups[key][0]:
            groups[key][0].append(line)
        last = key
    out = []
    for key in order:
        at, notes = groups[key]
        path, what = key
        if not path:
            out.append(what)
        else:
            more = f" (also at line{'s' if len(at) > 2 else ''} {', '.join(map(str, at[1:]))})" if len(at) > 1 else ""
            out.append(f"{path}:{at[0]}: rejected: {what}{more}")
        out += notes
    return out


CALL = re.compile(r"^(.*?):(\d+): rejected: calls (\w+), which no imported interface declares$")
DECLARES = re.compile(r"^(.*?):(\d+): rejected: declares (\w+), a function it does not define, outside the "
                      r"interface headers$")


def missing_imports(lines, imports):
    """The gate's lines with each interface the manifest does not import
    (imports) said once, at the first call, in place of its calls and its
    header's declarations."""
    owner = {}
    for text in lines:
        m = CALL.match(text) or DECLARES.match(text)
        if m and m[3] not in owner:
            iface = interfaces.owner(m[3])
            owner[m[3]] = iface if iface not in imports else None
    hints, out = {}, []
    for text in lines:
        m = CALL.match(text) or DECLARES.match(text)
        iface = owner.get(m[3]) if m else None
        if not iface:
            out.append(text)
            continue
        hint = hints.setdefault(iface, {"calls": [], "at": None, "slot": None})
        if CALL.match(text):
            if m[3] not in hint["calls"]:
                hint["calls"].append(m[3])
            hint["at"] = hint["at"] or (m[1], [])
            if m[1] == hint["at"][0]:
                hint["at"][1].append(int(m[2]))
        if hint["slot"] is None:
            hint["slot"] = len(out)
            out.append(None)
    for iface, hint in hints.items():
        if hint["at"]:
            path, at = hint["at"]
            named = ", ".join(hint["calls"])
            more = f" (also at lines {', '.join(map(str, sorted(set(at))[1:]))})" if len(set(at)) > 1 else ""
            out[hint["slot"]] = (f"{path}:{min(at)}: rejected: add `{iface}` to the manifest's imports: "
                                 f"calls {named}, which interface {iface} declares{more}")
        else:
            out[hint["slot"]] = (f"{interfaces.header(iface)}:1: rejected: add `{iface}` to the manifest's "
                                 f"imports: the sources include its header")
    return [t for t in out if t is not None]


GCC = re.compile(r"^(.*?):(\d+):(?:\d+:)? (?:fatal error|error|warning): (.*)$")


def gcc(stderr, locate):
    """gcc's errors as refusals; locate(path, line) names the line (a line
    of unit.i as the file it came from). The include trail ("In file
    included from"), the source excerpt and "compilation terminated" go."""
    out = []
    for text in stderr.splitlines():
        m = GCC.match(text)
        if m:
            out.append(f"{locate(m[1], int(m[2]))}: rejected: gcc: {m[3]}")
    return out
