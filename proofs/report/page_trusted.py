"""trusted.html: every file compiled into the kernel and why it may be
trusted (a proved module, or a row of proofs/README.md's table), the
unlisted ones in red; then the whole table with line counts."""
import trusted
from htmlpage import banner, esc, md, module_href, table


def lines_cell(e):
    if e.state == "outside":
        return '<span class="muted">outside the tree</span>'
    if e.state == "missing":
        return '<span class="warn">listed, but no such file</span>'
    if e.lines is None:
        return '<span class="muted">generated at build time</span>'
    return f"{e.lines:,}" + (" (folder)" if e.state == "dir" else "")


def check_banner(check):
    bad = [p for p, s, _ in check if s == "unlisted"]
    if bad:
        items = "".join(f'<li class="unlisted"><code>{esc(p)}</code></li>' for p in bad)
        return banner("bad", f'<p class="unlisted">{len(bad)} file(s) compiled into the kernel are neither proved '
                             f"nor listed as trusted in <code>proofs/README.md</code>:</p><ul>{items}</ul>")
    proved = sum(1 for _, s, _ in check if s == "proved")
    return banner("good", f'<span class="ok">Every one of the {len(check)} files compiled into the kernel is '
                          f"accounted for: {proved} proved modules, {len(check) - proved} listed as trusted.</span>")


def compiled_table(check, lines):
    rows, first = [], {}
    for path, state, what in check:
        if state == "proved":
            why = f'<span class="ok">proved</span>: <a href="{module_href(what)}">{esc(what)}</a>'
        elif state == "trusted" and id(what) in first:
            why = f'<span class="warn">trusted</span>: the same row as <code>{esc(first[id(what)])}</code>'
        elif state == "trusted":
            first[id(what)] = path
            why = f'<span class="warn">trusted</span>: {md(what.reason_md)}'
        else:
            why = '<span class="unlisted">UNLISTED: neither proved nor in the trusted table</span>'
        rows.append([f'<code class="{"unlisted" if state == "unlisted" else ""}">{esc(path)}</code>',
                     lines.get(path, ""), why])
    return table(["file", "lines", "proved or trusted, and why"], rows, num=(1,))


def render(ctx):
    lines = {e.path: lines_cell(e) for row in ctx.trusted_rows for e in row.paths}
    for path, _, _ in ctx.check:
        lines.setdefault(path, lines_cell(trusted.entry(ctx.root, path, True)))
    rows = [[md(r.files_md), "<br>".join(f"<code>{esc(e.path)}</code>: {lines_cell(e)}" for e in r.paths),
             md(r.reason_md)] for r in ctx.trusted_rows]
    total = sum(e.lines or 0 for r in ctx.trusted_rows for e in r.paths if e.state != "dir")
    return "\n".join([
        "<p>What the proofs rest on without checking it: a bug in any of these can break what the "
        "contracts promise. The list is proofs/README.md's table; the check below compares it with "
        "<code>make -s kernel-sources</code>, every file compiled or linked into the kernel image.</p>",
        check_banner(ctx.check),
        "<h2>Compiled into the kernel</h2>", compiled_table(ctx.check, lines),
        f"<h2>The trusted table</h2><p>{len(ctx.trusted_rows)} rows, {total:,} lines of trusted files "
        "(folders counted apart).</p>",
        table(["trusted", "lines", "why it cannot be proved (yet)"], rows)])
