"""Where each function's ACSL contract is written: the /*@ ... */ block
right before its prototype or definition (or right after a prototype), as
the headers and the .c files hold it. A small scanner of top-level C is
enough: the report quotes contracts, it does not interpret them."""
import glob
import os
import re
from collections import namedtuple

Contract = namedtuple("Contract", "function text path line decl")

CONTRACT_WORDS = {"requires", "ensures", "assigns", "behavior", "assumes", "complete", "disjoint",
                  "terminates", "decreases", "frees", "allocates", "exits", "check", "admit"}
NOT_NAMES = {"__attribute__", "_Static_assert", "sizeof", "typeof", "__typeof__", "_Alignas", "void",
             "char", "short", "int", "long", "signed", "unsigned", "const", "volatile", "static",
             "extern", "inline", "struct", "union", "enum", "return", "if", "while", "for", "switch"}
NAME = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def skip_comment(text, i):
    """Index after the comment starting at i (/* */ or //)."""
    if text.startswith("//", i):
        j = text.find("\n", i)
        return len(text) if j < 0 else j
    j = text.find("*/", i + 2)
    return len(text) if j < 0 else j + 2


def skip_braces(text, i):
    """Index after the } that closes the { at i, over strings and comments."""
    depth = 0
    while i < len(text):
        c = text[i]
        if text.startswith(("/*", "//"), i):
            i = skip_comment(text, i)
            continue
        if c in "\"'":
            i = skip_literal(text, i)
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        i += 1
        if depth == 0:
            return i
    return i


def skip_literal(text, i):
    quote, i = text[i], i + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def code_item(text, i):
    """A top-level declaration from i to its ; or { (bodies skipped):
    (end, code before the terminator, terminator)."""
    start, depth = i, 0
    while i < len(text):
        if text.startswith(("/*", "//"), i):
            i = skip_comment(text, i)
        elif text[i] in "\"'":
            i = skip_literal(text, i)
        elif text[i] in "([":
            depth, i = depth + 1, i + 1
        elif text[i] in ")]":
            depth, i = depth - 1, i + 1
        elif depth == 0 and text[i] in ";{":
            code = text[start:i]
            end = skip_braces(text, i) if text[i] == "{" else i + 1
            return end, code, text[i]
        else:
            i += 1
    return i, text[start:], ""


def items(text):
    """Top-level items in order, each (kind, start, end, body[, terminator]):
    "acsl" blocks, "code" declarations, "pp" preprocessor lines; plain
    comments are left out, so one between a contract and its prototype
    does not part them."""
    i, out = 0, []
    while i < len(text):
        if text.startswith("/*@", i):
            j = text.find("*/", i)
            j = len(text) if j < 0 else j
            out.append(("acsl", i, j + 2, text[i + 3:j]))
            i = j + 2
        elif text.startswith("//@", i):
            j = text.find("\n", i)
            j = len(text) if j < 0 else j
            out.append(("acsl", i, j, text[i + 3:j]))
            i = j
        elif text.startswith(("/*", "//"), i):
            i = skip_comment(text, i)
        elif text[i] == "#":
            start = i
            while i < len(text) and (text[i] != "\n" or text[i - 1] == "\\"):
                i += 1
            out.append(("pp", start, i, None))
        elif text[i].isspace():
            i += 1
        else:
            end, code, term = code_item(text, i)
            out.append(("code", i, end, code, term))
            i = end
    return out


def is_contract(body):
    """A function contract starts with a clause keyword (after any // comment);
    logic definitions, ghost code and global invariants do not."""
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.strip().startswith("//")]
    words = " ".join(lines).split()
    return bool(words) and words[0].rstrip(":") in CONTRACT_WORDS


def function_name(code):
    if code.lstrip().startswith("typedef"):
        return None
    for m in NAME.finditer(code):
        if m[1] not in NOT_NAMES:
            return m[1]
    return None


def after_style(text, prev, block, nxt):
    """A contract written after its prototype hugs it (no blank line
    between) and is set apart from whatever follows; otherwise the block
    belongs to the declaration after it, as in every Spinel header."""
    if not prev or prev[0] != "code" or prev[4] != ";" or not function_name(prev[3]):
        return False
    hugs = "\n\n" not in text[prev[2]:block[1]]
    apart = nxt is None or nxt[0] != "code" or "\n\n" in text[block[2]:nxt[1]]
    return hugs and apart


def contracts_in(path, rel):
    """name -> Contract for every function of the file that has one."""
    with open(path) as f:
        text = f.read()

    def line(pos):
        return text.count("\n", 0, pos) + 1
    its, found, pending = items(text), {}, None
    for k, it in enumerate(its):
        if it[0] == "acsl" and is_contract(it[3]):
            prev, nxt = (its[k - 1] if k else None), (its[k + 1] if k + 1 < len(its) else None)
            if after_style(text, prev, it, nxt):
                name = function_name(prev[3])
                found.setdefault(name, Contract(name, it[3], rel, line(it[1]), " ".join(prev[3].split())))
            else:
                pending = it
            continue
        if it[0] == "code":
            name = function_name(it[3])
            if name and pending:
                found.setdefault(name, Contract(name, pending[3], rel, line(pending[1]), " ".join(it[3].split())))
        pending = None
    return found


def index(root, patterns):
    """name -> Contract over every file matching the glob patterns (first wins)."""
    out = {}
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(root, pattern))):
            for name, c in contracts_in(path, os.path.relpath(path, root)).items():
                out.setdefault(name, c)
    return out


class Finder:
    """A function's contract: in a header if declared there with one, else in
    its module's own .c file (static functions, laws)."""

    def __init__(self, root):
        self.root = root
        self.headers = index(root, ["kernel/include/*.h", "kernel/include/*/*.h"])
        self.files = {}

    def find(self, function, source):
        if function in self.headers:
            return self.headers[function]
        if source not in self.files:
            path = os.path.join(self.root, source)
            self.files[source] = contracts_in(path, source) if os.path.exists(path) else {}
        return self.files[source].get(function)
