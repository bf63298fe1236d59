"""index.html: first whatever is not proved or not accounted for, in red;
then the totals, goals per module, the step counts against their limits,
the trend, and the way to every other page."""
import page_exts
import results
import svg
from htmlpage import banner, esc, md, module_href, short, status, table


def failures_section(ctx):
    bad = results.failures(ctx.results)
    if not bad:
        total = sum(r["total"] for r in ctx.results.values())
        return banner("good", f'<p class="ok" id="all-proved">Everything is proved: all {total:,} goals of '
                              f"{len(ctx.results)} modules (law modules, lemmas and smoke tests included) are "
                              f"Valid.</p>")
    items = []
    for module, fn, goal, valid, total in bad:
        anchor = f"g-{goal}" if goal and fn else fn
        items.append(f'<li class="fail"><a class="fail" href="{module_href(module, anchor)}">{esc(module)}</a>'
                     f" &middot; function <code>{esc(fn or '-')}</code> &middot; goal "
                     f"<code>{esc(goal or 'per-goal detail not recorded')}</code> ({valid}/{total})</li>")
    return banner("bad", f'<section id="failures"><p class="fail">{len(bad)} goal(s) NOT PROVED:</p>'
                         f'<ul class="fail">{"".join(items)}</ul></section>')


def trusted_section(ctx):
    bad = [p for p, s, _ in ctx.check if s == "unlisted"]
    if not bad:
        return banner("good", f'<span class="ok">Trusted base accounted for:</span> every one of the '
                              f'{len(ctx.check)} files compiled into the kernel is proved or listed '
                              f'(<a href="trusted.html">trusted base</a>).')
    names = ", ".join(f"<code>{esc(p)}</code>" for p in bad)
    return banner("bad", f'<p class="unlisted" id="unlisted">Compiled into the kernel but neither proved nor '
                         f'listed as trusted: {names} (<a href="trusted.html">trusted base</a>).</p>')


def largest(ctx):
    """Per prover, the module and goal with the most steps, against the limit."""
    rows = []
    for prover in sorted(set(ctx.limits) | {p for r in ctx.results.values() for p in r["max_steps"]}):
        best = max(((r["max_steps"][prover]["steps"], m, r["max_steps"][prover]["goal"])
                    for m, r in ctx.results.items() if prover in r["max_steps"]), default=None)
        limit = ctx.limits.get(prover)
        cell = "&mdash; (no step counts recorded yet)" if not best else (
            f'{best[0]:,} in <a href="{module_href(best[1])}">{esc(best[1])}</a> (<code>{esc(best[2])}</code>)')
        share = f"{100 * best[0] / limit:.1f}%" if best and limit else ""
        rows.append([esc(prover), cell, f"{limit:,}" if limit else "?", share])
    return table(["prover", "largest step count of a proved goal", "limit (proofs/wp.mk)", "of limit"],
                 rows, num=(2, 3))


def step_cell(r, prover, limit):
    e = r["max_steps"].get(prover)
    if not e:
        return "&mdash;"
    return f"{e['steps']:,}" + (f" <span class=muted>({100 * e['steps'] / limit:.1f}%)</span>" if limit else "")


def modules_table(ctx):
    provers = sorted(ctx.limits)
    rows = []
    for m, r in ctx.results.items():
        fns = len([f for f in r["functions"] if f != "lemmas"])
        rows.append([f'<a href="{module_href(m)}">{esc(m)}</a>' + (" (laws)" if m in ctx.laws else ""),
                     f"{r['proved']}/{r['total']}", status(r["proved"], r["total"]), str(fns)]
                    + [step_cell(r, p, ctx.limits[p]) for p in provers]
                    + [md(short(ctx.promises.get(m, "")))])
    heads = ["module", "goals", "", "functions"] + [f"max {p} steps" for p in provers] + ["what it promises"]
    return table(heads, rows, num=(1, 3, 4, 5))


def trend_section(rows):
    if not rows:
        return "<p class=muted>No history yet: <code>proofs/results/trend.csv</code> has no rows.</p>"
    labels = [f"{r.get('date', '')} {r.get('commit', '')}" for r in rows]
    charts = [svg.sparkline("goals", [r["goals"] for r in rows], labels),
              svg.sparkline("prove_cold_s: a proof with no cache", [r["prove_cold_s"] for r in rows], labels, " s"),
              svg.sparkline("check_warm_s: make check, cache warm", [r["check_warm_s"] for r in rows], labels, " s")]
    return (f"<p>{len(rows)} recorded runs, {esc(rows[0].get('date', ''))} to {esc(rows[-1].get('date', ''))}.</p>"
            + " ".join(charts))


def totals(ctx):
    proved = sum(r["proved"] for r in ctx.results.values())
    total = sum(r["total"] for r in ctx.results.values())
    fns = sum(len([f for f in r["functions"] if f != "lemmas"]) for r in ctx.results.values())
    n_laws = len([m for m in ctx.results if m in ctx.laws])
    return table(None, [
        ["goals", f"{proved:,}/{total:,} {status(proved, total)}"],
        ["modules", f"{len(ctx.results) - n_laws} proved modules and {n_laws} law modules"],
        ["functions", f"{fns:,} with a contract and goals"],
        ["models", f'<a href="models.html">{len(ctx.models)} models</a> in <code>spec/</code>'],
        ["trusted base", f'<a href="trusted.html">{len(ctx.trusted_rows)} rows</a> in proofs/README.md'],
        ["extensions", f'<a href="extensions.html">{len(ctx.exts)} sample extensions</a>: ' + ", ".join(
            f"{esc(e.name)} {e.summary['proved']}/{e.summary['total']}" if e.summary and e.summary["proved"]
            is not None else f"{esc(e.name)} ({esc(e.error or '?')})" for e in ctx.exts)]])


def render(ctx):
    made = f"commit {esc(ctx.commit)}, " if ctx.commit else ""
    bars = [(m, r["proved"], r["total"]) for m, r in ctx.results.items()]
    return "\n".join([
        failures_section(ctx), trusted_section(ctx), page_exts.build_note(ctx),
        f'<p class="muted small">What Spinel\'s kernel promises (the contracts Frama-C/WP proves) and what it '
        f"trusts, from the committed results ({made}written {esc(ctx.date)}).</p>",
        "<h2>Totals</h2>", totals(ctx),
        "<h2>Largest step counts</h2>", largest(ctx),
        "<h2>Goals per module</h2>", svg.bars(bars, module_href),
        "<h2>Modules</h2>", modules_table(ctx),
        "<h2>Trend</h2>", trend_section(ctx.trend)])
