"""The models (spec/SUB/*.acsl): what each defines, which lemmas it states
and where they are proved, which modules are written against it, and the
words spec/README.md gives it."""
import glob
import os
import re
from collections import namedtuple

from acsl import definitions

Model = namedtuple("Model", "name path text defs lemmas prose")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
KIND = re.compile(r"(predicate|lemma|axiomatic|axiom|inductive|logic|#define)\s*[^\n]*$")


def load(root):
    """name -> Model, in file-name order."""
    prose = readme_sections(root)
    out = {}
    for path in sorted(glob.glob(os.path.join(root, "spec/*/*.acsl"))):
        name = os.path.basename(path)[:-len(".acsl")]
        with open(path) as f:
            text = f.read()
        defs = [(pos, n, def_kind(text, pos)) for pos, n in definitions(text)]
        lemmas = [n for _, n, k in defs if k == "lemma"]
        out[name] = Model(name, os.path.relpath(path, root), text, defs, lemmas, prose.get(name + ".acsl", ""))
    return out


def def_kind(text, pos):
    """The keyword that introduces the name at pos (predicate, lemma…)."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = KIND.search(text[line_start:pos] + " ")
    return m[1].lstrip("#") if m else "definition"


def links(models):
    """Every defined name -> its place on its model's page."""
    return {n: f"model-{m.name}.html#{n}" for m in models.values() for _, n, _ in m.defs}


def readme_sections(root):
    """'frame.acsl' -> the markdown of spec/README.md's section on it."""
    try:
        with open(os.path.join(root, "spec/README.md")) as f:
            text = f.read()
    except OSError:
        return {}
    out = {}
    for sec in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = sec.partition("\n")
        for name in re.findall(r"`([\w.]+\.acsl)`", head.split(":")[0]):
            out[name] = body.strip()
    return out


def includes(root, rel, seen=None):
    """Every file rel includes, directly or not, among the kernel's and spec's."""
    seen = set() if seen is None else seen
    try:
        with open(os.path.join(root, rel)) as f:
            text = f.read()
    except OSError:
        return seen
    for name in INCLUDE.findall(text):
        for d in ("kernel/include", "spec", os.path.dirname(rel)):
            cand = os.path.normpath(os.path.join(d, name))
            if os.path.exists(os.path.join(root, cand)) and cand not in seen:
                seen.add(cand)
                includes(root, cand, seen)
                break
    return seen


def models_of(root, source):
    """The model names a source file is written against (what it includes)."""
    return sorted(os.path.basename(p)[:-5] for p in includes(root, source) if p.endswith(".acsl"))


def lemma_status(results):
    """lemma name -> [(module, valid, total)] over every module whose proof
    states it (a lemma is proved in each module that includes its model)."""
    out = {}
    for m, r in results.items():
        for g in r["goals"] or []:
            if g["function"] == "lemmas" and g["goal"].startswith("lemma_"):
                out.setdefault(g["goal"][len("lemma_"):], []).append((m, g["valid"], g["total"]))
    return out
