"""One page per model (spec/NAME.acsl): its words from spec/README.md, what
it defines, its lemmas and their verdicts, the laws proved of it
(spec/laws/NAME_laws.c), the modules written against it, and the file
itself with every definition anchored."""
import models
import results
from acsl import highlight
from clauses import render as render_contract
from htmlpage import esc, md, md_blocks, module_href, model_href, short, status, table


def lemma_cell(name, lemmas):
    """Where a lemma is proved: each module that includes its model proves it."""
    runs = lemmas.get(name)
    if not runs:
        return '<span class="muted">no per-goal record yet (see each module\'s <code>lemmas</code>)</span>'
    bad = [m for m, v, t in runs if not 0 < t == v]
    links = ", ".join(f'<a href="{module_href(m, "lemmas")}">{esc(m)}</a>' for m, _, _ in runs)
    if bad:
        return f'<span class="fail">NOT PROVED in {", ".join(esc(m) for m in bad)}</span> (stated in {links})'
    return f'<span class="ok">proved</span> in {links}'


def users(ctx, name):
    """Modules whose source is written against this model."""
    return [m for m, used in ctx.uses.items() if name in used]


def laws_section(ctx, name):
    """The laws of spec/laws/NAME_laws.c, each as its contract states it."""
    law = f"{name}_laws"
    if law not in ctx.results:
        return ""
    r, out = ctx.results[law], []
    for f, c in results.function_counts(r).items():
        if f == "lemmas":
            continue
        contract = ctx.finder.find(f, f"spec/laws/{law}.c")
        goals = results.goals_of(r, f) if r["goals"] is not None else None
        out.append(f'<h3><a href="{module_href(law, f)}"><code>{esc(f)}</code></a> &mdash; '
                   f'{c["proved"]}/{c["total"]} goals {status(c["proved"], c["total"])}</h3>'
                   + (render_contract(contract.text, f, goals, ctx.links) if contract else ""))
    return (f'<h2>Laws</h2><p>Proved from the header contracts alone in <a href="{module_href(law)}">'
            f"<code>spec/laws/{esc(law)}.c</code></a> ({r['proved']}/{r['total']} goals):</p>" + "\n".join(out))


def render(ctx, model):
    lemmas = models.lemma_status(ctx.results)
    out = [f'<p class="where">{esc(model.path)}</p>', md_blocks(model.prose) if model.prose else ""]
    if model.lemmas:
        out.append("<h2>Lemmas</h2>" + table(["lemma", "verdict"], [
            [f'<a href="#{esc(n)}"><code>{esc(n)}</code></a>', lemma_cell(n, lemmas)] for n in model.lemmas]))
    out.append(laws_section(ctx, model.name))
    used = users(ctx, model.name)
    out.append("<h2>Modules written against it</h2><p>" + (", ".join(
        f'<a href="{module_href(m)}">{esc(m)}</a>' for m in used) or "none") + "</p>")
    defs = [f'<a href="#{esc(n)}"><code>{esc(n)}</code></a> <span class="muted">{esc(k)}</span>'
            for _, n, k in model.defs]
    out.append("<h2>Definitions</h2><p>" + " &middot; ".join(defs) + "</p>")
    anchors = [(pos, n) for pos, n, _ in model.defs]
    out.append(f'<h2>The model</h2><pre class="src">{highlight(model.text, ctx.links, anchors)}</pre>')
    return "\n".join(out)


def index(ctx):
    """models.html: every model with its size, lemmas and users."""
    lemmas = models.lemma_status(ctx.results)
    rows = []
    for m in ctx.models.values():
        proved = sum(1 for n in m.lemmas if lemmas.get(n) and all(0 < t == v for _, v, t in lemmas[n]))
        lem = f"{proved}/{len(m.lemmas)} proved" if m.lemmas and lemmas else str(len(m.lemmas))
        first = m.prose.split("\n\n")[0] if m.prose else ""
        rows.append([f'<a href="{model_href(m.name)}"><code>{esc(m.name)}.acsl</code></a>', str(len(m.defs)),
                     lem, md(short(" ".join(first.split()), 300))])
    return ("<p>The logic the contracts are written in, one model per concept (<code>spec/</code>).</p>"
            + table(["model", "definitions", "lemmas", "what it is"], rows, num=(1,)))
