#!/usr/bin/env python3
"""The trusted base: the table under "## Trusted, not proved" in
proofs/README.md, checked against what the build compiles into the kernel
(`make -s kernel-sources`). A compiled file must be a proved module
(kernel/core/SUB/NAME.c, NAME in PROVED_MODULES) or be listed in that table, so
that a new unproved file cannot slip in unlisted.

  trusted.py [ROOT]    the check alone: exit 1 naming each unlisted file
"""
import os
import re
import sys
from collections import namedtuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sources  # noqa: E402

Row = namedtuple("Row", "files_md reason_md paths")
Entry = namedtuple("Entry", "path state lines")   # state: file, dir, generated, missing, outside
PATH = re.compile(r"^[\w.+-]+(/[\w.+-]*)*$")
HEADING = "## Trusted, not proved"


def table_rows(root):
    """The table's rows as (first cell, second cell), markdown as written."""
    with open(os.path.join(root, "proofs/README.md")) as f:
        text = f.read()
    at = text.find(HEADING)
    if at < 0:
        return []
    section = re.split(r"^## ", text[at + len(HEADING):], maxsplit=1, flags=re.M)[0]
    out = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| file |") or set(line) <= set("|- "):
            continue
        first, _, rest = line[2:].partition(" | ")
        out.append((first.strip(), rest.rstrip().rstrip("|").strip()))
    return out


def expand(cell):
    """The paths a first cell names: "`a/b/c.c`, `d.c`" is a/b/c.c and a/b/d.c
    (a bare name is in the folder of the path before it). `~/…` and `$VAR`
    are not files of the tree and are kept as they are."""
    folder, out = "", []
    for tok in re.findall(r"`([^`]+)`", cell):
        if tok.startswith(("~", "$", "/")) or not PATH.match(tok):
            out.append((tok, False))
        elif "/" in tok:
            folder = tok.rstrip("/").rsplit("/", 1)[0] if not tok.endswith("/") else tok.rstrip("/")
            out.append((tok.rstrip("/"), True))
        else:
            out.append((f"{folder}/{tok}" if folder else tok, True))
    return out


def entry(root, path, in_tree):
    full = os.path.join(root, path)
    if not in_tree:
        return Entry(path, "outside", None)
    if os.path.isdir(full):
        files = [os.path.join(full, n) for n in sorted(os.listdir(full)) if os.path.isfile(os.path.join(full, n))]
        return Entry(path, "dir", sum(sources.line_count(f) for f in files))
    if os.path.isfile(full):
        return Entry(path, "generated" if path.startswith("build/") else "file", sources.line_count(full))
    return Entry(path, "generated" if path.startswith("build/") else "missing", None)


def rows(root):
    return [Row(first, reason, [entry(root, p, t) for p, t in expand(first)])
            for first, reason in table_rows(root)]


def covered(path, trusted_rows):
    """The row that lists path (itself or a folder above it), or None."""
    for row in trusted_rows:
        for e in row.paths:
            if e.state != "outside" and (path == e.path or path.startswith(e.path + "/")):
                return row
    return None


def check(root, trusted_rows=None, proved_modules=None, compiled=None):
    """[(path, "proved" | "trusted" | "unlisted", module or Row)] for every
    file compiled into the kernel."""
    trusted_rows = rows(root) if trusted_rows is None else trusted_rows
    proved = set(sources.make_list(root, "proved-modules") if proved_modules is None else proved_modules)
    out = []
    for path in sources.make_list(root, "kernel-sources") if compiled is None else compiled:
        m = re.fullmatch(r"kernel/core/\w+/(\w+)\.c", path)
        row = covered(path, trusted_rows)
        if m and m[1] in proved:
            out.append((path, "proved", m[1]))
        elif row:
            out.append((path, "trusted", row))
        else:
            out.append((path, "unlisted", None))
    return out


def unlisted_message(path):
    return (f"trusted base: {path} is compiled into the kernel but is neither a proved module nor "
            f"listed under '{HEADING[3:]}' in proofs/README.md")


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    result = check(root)
    bad = [p for p, state, _ in result if state == "unlisted"]
    for p in bad:
        print(unlisted_message(p))
    if not bad:
        proved = sum(1 for _, s, _ in result if s == "proved")
        print(f"trusted base: {len(result)} files compiled into the kernel: {proved} proved modules, "
              f"{len(result) - proved} listed as trusted")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
