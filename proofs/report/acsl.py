"""ACSL as HTML: clause keywords, logic keywords, \\builtins and comments
set apart, and every name a model defines linked to its definition, so a
reviewer can follow a contract down to the logic it is written in."""
import re

from htmlpage import esc

CLAUSE = {"requires", "ensures", "assigns", "behavior", "behaviors", "assumes", "complete", "disjoint",
          "terminates", "decreases", "frees", "allocates", "exits", "loop", "invariant", "variant",
          "assert", "check", "admit", "reads"}
LOGIC = {"predicate", "logic", "lemma", "axiom", "axiomatic", "inductive", "case", "type", "ghost",
         "integer", "boolean", "real"}
TOKEN = re.compile(r"(?P<cm>/\*(?!@).*?\*/|//[^\n]*)|(?P<open>/\*@)|(?P<close>\*/)|(?P<bi>\\\w+)"
                   r"|(?P<word>[A-Za-z_]\w*)|(?P<text>[^/\\A-Za-z_*]+|.)", re.S)
# name defined at: predicate NAME, lemma NAME, logic TYPE NAME, #define NAME…
DEFINITION = re.compile(r"\b(?:predicate|lemma|axiomatic|axiom|inductive)\s+([A-Za-z_]\w*)"
                        r"|\blogic\s+(?:struct\s+)?\w+[\s*]+([A-Za-z_]\w*)|^\s*#define\s+([A-Za-z_]\w*)", re.M)


COMMENT = re.compile(r"/\*(?!@).*?\*/|//[^\n]*", re.S)


def definitions(text):
    """(position, name) of each definition in an ACSL text (comments, blanked
    out in place, do not count)."""
    masked = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    out = []
    for m in DEFINITION.finditer(masked):
        group = next(g for g in (1, 2, 3) if m.group(g))
        out.append((m.start(group), m.group(group)))
    return out


def highlight(text, links=None, anchors=()):
    """text as HTML. links: name -> href; anchors: positions where a name is
    defined, which get an id so that links can land on them."""
    links, anchors, out = links or {}, dict(anchors), []
    for m in TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind == "cm":
            out.append(f'<span class="cm">{esc(tok)}</span>')
        elif kind == "bi":
            out.append(f'<span class="bi">{esc(tok)}</span>')
        elif kind == "word" and m.start() in anchors:
            out.append(f'<span class="cn" id="{esc(tok)}">{esc(tok)}</span>')
        elif kind == "word" and tok in CLAUSE:
            out.append(f'<span class="kw">{tok}</span>')
        elif kind == "word" and tok in LOGIC:
            out.append(f'<span class="lk">{tok}</span>')
        elif kind == "word" and tok in links:
            out.append(f'<a href="{esc(links[tok])}">{esc(tok)}</a>')
        else:
            out.append(esc(tok))
    return "".join(out)
