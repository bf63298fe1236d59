"""A closed language (issue 16, class 3 and 5): what the extension may
write, read token by token from the one preprocessed unit (unit.py), so
that nothing a macro builds escapes it.

C: C11, as gcc -std=c11 -pedantic-errors checks it, minus what gcc obeys
and Frama-C/WP ignores or reads otherwise. Refused by name: every
identifier C11 reserves for the implementation (__attribute__, __asm__,
__builtin_*, _Alignas, _Noreturn, __typeof__...; _Bool and _Static_assert
aside), every directive left after preprocessing (#pragma, _Pragma,
#ident), asm and typeof, register, restrict, and [static N] parameters.

ACSL: the escape hatches. admit, axiom and axiomatic, inductive (WP takes
its cases as axioms), ghost code, volatile clauses, model fields, type and
global invariants, annotation pragmas, 'for' (variants for a relation and
behaviour-specific clauses), and a logic function or predicate defined in
terms of itself (WP states the definition as an axiom, which is false if
the recursion does not end) unless it has the one well-founded form
`n <= 0 ? BASE : ...f(..., n - k, ...)...` for an integer n and k >= 1.
A lemma is allowed: WP must prove it like any other goal.
"""
import re

from unit import EXPORTS, SOURCE, tokens

ALLOWED_RESERVED = {"_Bool", "_Static_assert"}

C_WORDS = {
    "asm": "uses inline assembly (asm)",
    "typeof": "uses typeof, a GNU extension",
    "register": "declares a register variable: gcc may bind it to a machine register WP knows nothing of",
    "restrict": "uses restrict: gcc optimises on a no-alias promise that WP does not check",
}

ACSL_WORDS = {
    "admit": "uses 'admit': an assumption WP does not prove",
    "axiom": "declares an axiom: an assumption WP does not prove",
    "axiomatic": "declares an axiomatic block: its axioms are assumptions WP does not prove",
    "inductive": "declares an inductive predicate: WP takes its cases as axioms",
    "ghost": "uses ghost code: the compiler never sees it",
    "volatile": "uses a volatile clause: WP takes its accessors at their word",
    "model": "declares a model field: WP takes it at its word",
    "pragma": "uses an annotation pragma",
    "for": "uses 'for' in an annotation (a variant for a relation, or a behaviour-specific clause)",
}


def reserved_words(name):
    if name in ("__asm__", "__asm"):
        return "uses inline assembly (" + name + ")"
    if name in ("__attribute__", "__attribute"):
        return f"uses an attribute ({name}): gcc obeys attributes that WP ignores"
    if name.startswith("__builtin"):
        return f"uses the compiler builtin {name}"
    return f"uses {name}, an identifier C11 reserves for the implementation (a compiler extension)"


def _code_refusals(unit, where):
    out = []
    prev = None
    line_start = True
    for kind, text, line in tokens(unit.text):
        if unit.region(line) not in (EXPORTS, SOURCE):
            line_start = kind == "newline" or (line_start and kind == "space")
            continue
        if kind == "punct" and text in ("#", "%:") and line_start:
            rest = unit.text.split("\n")[line - 1].strip()
            out.append(f"{where(line)}: rejected: uses a directive gcc obeys and WP ignores ({rest[:60]})")
        elif kind == "ident":
            if re.match(r"^(__|_[A-Z])", text) and text not in ALLOWED_RESERVED:
                out.append(f"{where(line)}: rejected: {reserved_words(text)}")
            elif text in C_WORDS:
                out.append(f"{where(line)}: rejected: {C_WORDS[text]}")
            elif text == "static" and prev == "[":
                out.append(f"{where(line)}: rejected: an array parameter declared [static N]: "
                           f"gcc assumes what WP does not check")
        if kind not in ("space", "newline", "comment", "annot"):
            prev = text
        line_start = kind == "newline" or (line_start and kind == "space")
    return out


def _split_args(toks):
    """toks between a call's parentheses, split at depth-0 commas."""
    args, depth, cur = [], 0, []
    for t in toks:
        if t in ("(", "[", "{"):
            depth += 1
        elif t in (")", "]", "}"):
            depth -= 1
        if t == "," and depth == 0:
            args.append(cur)
            cur = []
        else:
            cur.append(t)
    return args + [cur]


def _closing(toks, i):
    """Index of the parenthesis closing the one at toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        depth += toks[j] == "("
        depth -= toks[j] == ")"
        if depth == 0:
            return j
    return len(toks)


def _well_founded(name, params, body):
    """A recursive definition WP may state as an axiom: its body is
    `n <= 0 ? BASE : STEP` for an integer parameter n, BASE does not use
    name, and every use of name in STEP passes n - k (k a positive literal)
    where n was: n decreases and stays above 0 on every recursive call."""
    if len(body) < 4 or body[1:4] != ["<=", "0", "?"]:
        return False
    n = body[0]
    names = [p[-1] if p else None for p in params]
    if n not in names or params[names.index(n)][:-1] != ["integer"]:
        return False
    at = names.index(n)
    depth, colon = 0, None
    for j in range(4, len(body)):
        if body[j] == ":" and depth == 0:
            colon = j
            break
        if body[j] in ("(", "[", "{", "?"):
            depth += 1
        elif body[j] in (")", "]", "}", ":"):
            depth -= 1
    if colon is None or name in body[4:colon]:
        return False
    step = body[colon + 1:]
    for j, t in enumerate(step):
        if t != name:
            continue
        if j + 1 >= len(step) or step[j + 1] != "(":
            return False
        args = _split_args(step[j + 2:_closing(step, j + 1)])
        if len(args) != len(params) or len(args[at]) != 3 or args[at][:2] != [n, "-"] \
                or not args[at][2].isdigit() or int(args[at][2]) < 1:
            return False
    return True


def _logic_recursion(words):
    """Names of logic functions and predicates defined in terms of
    themselves other than by _well_founded's rule. words: the annotation's
    identifiers, numbers and punctuation."""
    out = []
    i = 0
    while i < len(words):
        if words[i] in ("logic", "predicate"):
            j = i + 1
            while j < len(words) and words[j] not in ("(", "=", ";"):
                j += 1
            name = words[j - 1] if j > i + 1 else None
            if name == "}" and "{" in words[i:j]:          # predicate P{L}(...)
                name = words[words.index("{", i) - 1]
            params = []
            if j < len(words) and words[j] == "(":
                close = _closing(words, j)
                params = _split_args(words[j + 1:close])
                j = close + 1
            k = j
            while k < len(words) and words[k] not in ("=", ";"):
                k += 1
            if k < len(words) and words[k] == "=":
                end = k
                while end < len(words) and words[end] != ";":
                    end += 1
                body = words[k + 1:end]
                if name and name in body and not _well_founded(name, params, body):
                    out.append(name)
                i = end
        i += 1
    return out


def _annotation_refusals(unit, where):
    out = []
    for line, text in unit.annotations:
        if unit.region(line) not in (EXPORTS, SOURCE):
            continue
        words, at = [], []
        for kind, tok, n in tokens(re.sub(r"//[^\n]*", " ", text)):
            if kind in ("ident", "punct", "number"):
                words.append(tok)
                at.append(line + n - 1)
        for i, w in enumerate(words):
            if w in ACSL_WORDS:
                out.append(f"{where(at[i])}: rejected: {ACSL_WORDS[w]}")
            elif w == "invariant" and (i == 0 or words[i - 1] != "loop"):
                out.append(f"{where(at[i])}: rejected: declares a type or global invariant, which WP does not prove")
        for name in _logic_recursion(words):
            out.append(f"{where(line)}: rejected: defines {name} in terms of itself, not as `n <= 0 ? BASE : "
                       f"...{name}(..., n - k, ...)...`: WP states the definition as an axiom, which "
                       f"may be false if the recursion does not end")
    return out


def refusals(unit):
    def where(line):
        return unit.where(line)
    seen, out = set(), []
    for r in _code_refusals(unit, where) + _annotation_refusals(unit, where):
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out
