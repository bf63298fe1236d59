"""One program for the gate, WP and gcc (issue 16, class 1 and 2).

The extension is preprocessed once, by gcc, with exactly the flags it is
compiled with: no tool-identifying macro, and __OPTIMIZE__,
__INCLUDE_LEVEL__, __has_include, __COUNTER__... are read once. The gate,
WP and gcc then all read that same text, unit.i. Line markers are removed
from it, so no location can be forged: every tool locates in unit.i, and
the admission tool alone maps a line back to the file the markers claim,
for messages only. Which lines are the kernel's interface is decided by
position, never by a file name:

  lines 1 .. interface_end      the imported interface headers, included
                                first by the tool itself: nothing the
                                extension writes can change them
  .. exports_end                the extension's exports header, if any
  .. the end                    the extension's sources

gcc -E drops C macros inside annotations unexpanded (they are comments to
it), so the annotations are expanded afterwards with the macros in force
where each was written, as Frama-C's -pp-annot does. Annotations never
reach the object: the code text is gcc's own.
"""
import os
import re
import subprocess

from where import show

# The flags an extension is compiled with (README): the kernel's code
# model, no red zone, no SSE, no stack protector; no builtins, so gcc emits
# no calls to memcpy or memset that no interface exports; -pedantic-errors,
# so GNU extensions with no C11 meaning are errors.
CFLAGS = ["-std=c11", "-pedantic-errors", "-O2", "-ffreestanding", "-fno-builtin", "-fno-pic",
          "-mcmodel=kernel", "-mno-red-zone", "-mgeneral-regs-only", "-fno-stack-protector",
          "-fno-common", "-fno-asynchronous-unwind-tables", "-fno-tree-loop-distribute-patterns",
          # A tail call would jump into the interface with the kernel's return
          # address: the caps interface knows its caller by that address.
          "-fno-optimize-sibling-calls",
          # Strings and constants in .rodata itself, not .rodata.str1.1 and
          # the like: the object may hold only the four sections it needs.
          "-fno-merge-constants",
          "-Wall", "-Wextra", "-Werror"]

INTERFACE, EXPORTS, SOURCE, HARNESS = "interface", "exports", "source", "harness"


class PreprocessError(Exception):
    def __init__(self, lines, stderr=""):
        super().__init__("\n".join(lines))
        self.lines = lines
        self.stderr = stderr      # gcc's own words, for the caller to place


def gcc_include():
    return subprocess.run(["gcc", "-print-file-name=include"], capture_output=True,
                          text=True).stdout.strip()


def pp_flags(incs):
    """Preprocessing flags: the compile flags, and only the compiler's own
    freestanding headers besides the include paths given."""
    return CFLAGS + ["-nostdinc", "-I" + gcc_include()] + incs


# ---------------------------------------------------------------------------
# A lexer for preprocessed C with its comments, enough to find annotations,
# directives and identifiers; strings and character constants are skipped.

TOKEN = re.compile(r"""
    (?P<annot>/\*@.*?\*/|//@[^\n]*)
  | (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>(?:u8|[uUL])?"(?:[^"\\\n]|\\.)*")
  | (?P<char>[uUL]?'(?:[^'\\\n]|\\.)*')
  | (?P<number>\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*)
  | (?P<ident>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<newline>\n)
  | (?P<space>[ \t\r\f\v]+)
  | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|<:|:>|<%|%>|%:%:|%:|\#\#|.)
""", re.S | re.X)


def tokens(text):
    """(kind, text, line) for every token of text, lines from 1."""
    line = 1
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        yield kind, m.group(), line
        line += m.group().count("\n")


# ---------------------------------------------------------------------------

class Unit:
    """unit.i: its text, where each line came from (for messages), and
    the three regions."""

    def __init__(self, path, origin, interface_end, exports_end, annotations):
        self.path = path
        self.origin = origin                  # line -> (file, line), as claimed
        self.interface_end = interface_end
        self.exports_end = exports_end
        self.annotations = annotations        # [(line, text)] after expansion
        self.text = open(path).read()
        self.lines = self.text.count("\n")

    def region(self, line):
        if line <= self.interface_end:
            return INTERFACE
        if line <= self.exports_end:
            return EXPORTS
        if line <= self.lines:
            return SOURCE
        return HARNESS

    def where(self, line):
        """file:line as the markers claim, the file named as where.show does."""
        f, n = self.origin.get(line, (self.path, line))
        return f"{show(f)}:{n}"


MARKER = re.compile(r'^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"((?:\s+\d+)*)\s*$')


def _expand_annotations(annots, defines, defines_before):
    """Each annotation with the macros in force where it was written
    expanded, line by line so that every clause keeps its line: one gcc -E
    over the definitions and the annotations' lines, in source order."""
    if not annots:
        return []
    parts, last = [], 0
    for i, (text, line) in enumerate(annots):
        at = defines_before[line]
        parts += defines[last:at]
        last = at
        for j, piece in enumerate(text.split("\n")):
            piece = re.sub(r"//.*", " ", piece)        # an ACSL comment is no token
            parts.append(f"@@SPINEL_{i}_{j}@@ {piece} @@SPINEL_END@@")
    r = subprocess.run(["gcc", "-E", "-P", "-undef", "-nostdinc", "-w", "-x", "c", "-"],
                       input="\n".join(parts) + "\n", capture_output=True, text=True)
    if r.returncode != 0:
        raise PreprocessError([f"admit: cannot expand the macros in annotations: {r.stderr.strip()[:300]}"])
    pieces = dict(re.findall(r"@@SPINEL_(\d+_\d+)@@(.*?)@@SPINEL_END@@", r.stdout, re.S))
    out = []
    for i, (text, _) in enumerate(annots):
        lines = [pieces.get(f"{i}_{j}") for j in range(text.count("\n") + 1)]
        out.append(None if None in lines else "\n".join(" ".join(p.split()) for p in lines))
    return out


def _annotations(text):
    """(kind, text, line, offset) of each annotation in text."""
    line, at = 1, 0
    for m in TOKEN.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        if m.lastgroup == "annot":
            yield m.lastgroup, m.group(), line, m.start()


def preprocess(work, prelude, exports, sources, incs, root):
    """Writes work/unit.i and returns its Unit. prelude: the interface
    headers the tool includes first; exports: the extension's exports header
    or None; sources: its .c files. All paths absolute."""
    unit_c = os.path.join(work, "unit.c")
    with open(unit_c, "w") as f:
        f.write("/* Generated by admit.py: the extension as one unit. */\n")
        for h in prelude + ([exports] if exports else []) + sources:
            f.write(f'#include "{h}"\n')
    r = subprocess.run(["gcc", *pp_flags(incs), "-E", "-C", "-dD", unit_c], capture_output=True, text=True)
    if r.returncode != 0:
        raise PreprocessError([ln for ln in r.stderr.splitlines() if ln.strip()], r.stderr)
    raw = r.stdout.split("\n")
    out, origin, defines, annots = [], {}, [], []
    cur_file, cur_line = unit_c, 1
    bounds = {}
    firsts = {"exports": exports, "source": sources[0]}
    for text in raw:
        n = len(out) + 1
        m = MARKER.match(text)
        if m:
            cur_file, cur_line = m[2], int(m[1])
            flags = m[3].split()
            for key, path in firsts.items():
                if key not in bounds and path and cur_file == path and "1" in flags:
                    bounds[key] = n - 1
            out.append("")
            continue
        if re.match(r"^\s*#\s*(define|undef)\b", text):
            defines.append(text)
            out.append("")
        else:
            out.append(text)
        origin[n] = (cur_file, cur_line)
        cur_line += 1
    # Annotations: found by the lexer on the joined text (they may span
    # lines), then expanded and written back in place, lines kept.
    body = "\n".join(out)
    defines_before, count = {}, 0
    for i, text in enumerate(raw):
        count += bool(re.match(r"^\s*#\s*(define|undef)\b", text))
        defines_before[i + 1] = count
    spans, found = [], []
    for kind, text, line, start in _annotations(body):
        spans.append((start, start + len(text)))
        found.append((text[3:-2] if text.startswith("/*@") else text[3:], line))
    expanded = _expand_annotations(found, defines, defines_before)
    pieces, last, kept = [], 0, []
    for (start, end), (inner, line), exp in zip(spans, found, expanded):
        pieces.append(body[last:start])
        block = body.startswith("/*@", start)
        if exp is None or "*/" in exp or (not block and "\n" in exp):
            exp = inner          # as written: Frama-C says what it cannot read
        pieces.append("/*@" + exp + "*/" if block else "//@" + exp)
        kept.append((line, exp))
        last = end
    pieces.append(body[last:])
    unit_i = os.path.join(work, "unit.i")
    with open(unit_i, "w") as f:
        f.write("".join(pieces))
    total = len(out)
    interface_end = bounds.get("exports", bounds.get("source", total)) if exports else bounds.get("source", total)
    exports_end = bounds.get("source", total)
    return Unit(unit_i, origin, interface_end, exports_end, kept)
