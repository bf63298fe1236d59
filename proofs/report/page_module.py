"""One page per proved module (and per law module): what it promises, each
function's contract as written with the verdict of each clause, and every
goal WP made of it, grouped by kind."""
import glob
import os

import results
from clauses import render as render_contract
from htmlpage import banner, esc, md, model_href, status, table


def source_of(module, laws, root="."):
    """spec/laws/MODULE.c, or kernel/core/SUB/MODULE.c (module names are unique)."""
    if module in laws:
        return f"spec/laws/{module}.c"
    found = glob.glob(os.path.join(root, "kernel/core/*", module + ".c"))
    return os.path.relpath(found[0], root) if len(found) == 1 else f"kernel/core/*/{module}.c"


def steps_text(entry, limit):
    if not entry:
        return "&mdash;"
    share = f" ({100 * entry['steps'] / limit:.1f}% of {limit:,})" if limit else ""
    return f"{entry['steps']:,}{share}<br><span class=\"where\">{esc(entry.get('goal') or '')}</span>"


def goal_row(g):
    steps = f"{g['steps']:,}" if g.get("steps") is not None else ""
    return [f'<code id="g-{esc(g["goal"])}">{esc(g["goal"])}</code>', status(g["valid"], g["total"]),
            esc(g.get("prover", "")), steps]


def goal_tables(function, goals, lemma_links):
    """The function's goals, one collapsible table per kind; a kind with a
    goal not proved is open."""
    out = []
    for kind, title in results.KINDS:
        mine = [g for g in goals if results.kind(function, g["goal"], g.get("smoke")) == kind]
        if not mine:
            continue
        valid = sum(results.proved(g) for g in mine)
        rows = [goal_row(g) for g in mine]
        if kind == "lemma":
            for row, g in zip(rows, mine):
                name = g["goal"][len("lemma_"):]
                if name in lemma_links:
                    row[0] += f' <a href="{esc(lemma_links[name])}">statement</a>'
        cls = "ok" if valid == len(mine) else "fail"
        out.append(f'<details class="kind"{" open" if valid < len(mine) else ""}><summary>{esc(title)}: '
                   f'<span class="{cls}">{valid}/{len(mine)} proved</span></summary>'
                   + table(["goal", "status", "prover", "steps"], rows, num=(3,)) + "</details>")
    return "\n".join(out)


def function_section(ctx, module, function, counts):
    r = ctx.results[module]
    goals = results.goals_of(r, function) if r["goals"] is not None else None
    head = (f'<h3 id="{esc(function)}"><code>{esc(function)}</code> &mdash; '
            f'{counts["proved"]}/{counts["total"]} goals {status(counts["proved"], counts["total"])}</h3>')
    if function == "lemmas":
        body = "<p>The lemmas of the models this module includes, proved as part of its run.</p>"
    else:
        c = ctx.finder.find(function, ctx.source_of(module))
        body = (f'<p class="where">contract in <code>{esc(c.path)}:{c.line}</code> for '
                f"<code>{esc(c.decl or function)}</code></p>" + render_contract(c.text, function, goals, ctx.links)
                if c else '<p class="warn">no contract found in the headers or the module\'s source</p>')
    if goals is None:
        body += '<p class="muted small">Per-goal detail not recorded in this results file (older form).</p>'
    else:
        body += goal_tables(function, goals, ctx.links)
    return head + body


def summary(ctx, module):
    r, src = ctx.results[module], ctx.source_of(module)
    used = ctx.uses[module]
    rows = [["source", f"<code>{esc(src)}</code>"],
            ["goals", f"{r['proved']}/{r['total']} {status(r['proved'], r['total'])}"],
            ["functions", str(len([f for f in r["functions"] if f != "lemmas"]))],
            ["models", ", ".join(f'<a href="{model_href(m)}">{esc(m)}</a>' for m in used) or "&mdash;"]]
    if module in ctx.promises:
        rows.insert(0, ["promises", md(ctx.promises[module])])
    for prover in sorted(set(ctx.limits) | set(r["max_steps"])):
        rows.append([f"largest {esc(prover)} steps", steps_text(r["max_steps"].get(prover), ctx.limits.get(prover))])
    return table(None, rows)


def render(ctx, module):
    r, counts = ctx.results[module], results.function_counts(ctx.results[module])
    out = [summary(ctx, module)]
    if r.get("missing"):
        out.append(banner("bad", f'<span class="fail">No results file: {esc(r["missing"])}</span>'))
    rows = [[f'<a href="#{esc(f)}"><code>{esc(f)}</code></a>', f"{c['proved']}/{c['total']}",
             status(c["proved"], c["total"])] for f, c in counts.items()]
    out.append("<h2>Functions</h2>" + table(["function", "goals", "status"], rows, num=(1,)))
    out += [function_section(ctx, module, f, c) for f, c in counts.items()]
    return "\n".join(out)
