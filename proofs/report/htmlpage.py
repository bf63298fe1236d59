"""The pages' common frame: one stylesheet inline (the report is read from
disk with no server and no network), a navigation bar, escaping and the
small pieces every page uses (status marks, tables)."""
import html
import os

CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 74em; padding: 0 1.2em 3em; color: #1d2330; }
nav { border-bottom: 1px solid #ccd; padding: .6em 0; margin-bottom: 1em; }
nav a { margin-right: 1.2em; font-weight: 600; }
a { color: #1746a2; text-decoration: none; } a:hover { text-decoration: underline; }
h1 { font-size: 1.6em; margin: .4em 0; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #e3e6ee; }
h3 { font-size: 1.05em; margin: 1.4em 0 .4em; } h3 code { font-size: 1.05em; }
table { border-collapse: collapse; margin: .4em 0 1em; }
td, th { padding: .2em .6em; border-bottom: 1px solid #e6e8ef; text-align: left; vertical-align: top; }
th { background: #f3f5f9; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
pre.src { background: #fafbfd; border: 1px solid #e3e6ee; padding: .6em .8em; overflow-x: auto; }
.muted { color: #667; } .small { font-size: .9em; }
.fail, .unlisted { color: #c0152f; font-weight: 600; }
.ok { color: #17803d; font-weight: 600; }
.warn { color: #9a6200; font-weight: 600; }
.banner { padding: .7em 1em; border-radius: 6px; margin: .8em 0; }
.banner.bad { background: #fde8eb; border: 1px solid #c0152f; }
.banner.good { background: #e6f6ec; border: 1px solid #17803d; }
.banner.note { background: #fff6e0; border: 1px solid #9a6200; }
.kw { color: #7a1fa2; font-weight: 700; } .lk { color: #0b6e8a; font-weight: 700; }
.bi { color: #a2461f; } .cm { color: #6b7280; font-style: italic; } .cn { background: #eef2ff; border-radius: 3px; }
.contract { border: 1px solid #e3e6ee; background: #fafbfd; padding: .4em .6em; margin: .3em 0 .8em; }
.cl { display: flex; } .cl code { white-space: pre-wrap; flex: 1; }
.gut { flex: 0 0 13em; font-size: 12px; padding-top: 1px; }
.behavior { border-left: 3px solid #7a1fa2; margin: .3em 0 .3em .2em; padding-left: .5em; background: #f6f0fa; }
.kind { margin: .2em 0 .2em 0; } details summary { cursor: pointer; }
.where { font-size: .85em; color: #667; }
svg text { font: 11px system-ui, sans-serif; }
"""

PAGES = [("index.html", "Overview"), ("models.html", "Models"),
         ("trusted.html", "Trusted base"), ("extensions.html", "Extensions")]


def esc(text):
    return html.escape(str(text), quote=True)


def page(title, body):
    """A whole HTML document: nothing external, no script."""
    nav = "".join(f'<a href="{href}">{name}</a>' for href, name in PAGES)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{esc(title)} - Spinel specification report</title><style>{CSS}</style></head>\n"
            f"<body><nav>{nav}</nav>\n<h1>{esc(title)}</h1>\n{body}\n</body></html>\n")


def write(out_dir, name, title, body):
    with open(os.path.join(out_dir, name), "w") as f:
        f.write(page(title, body))


def module_href(module, anchor=None):
    return f"module-{module}.html" + (f"#{anchor}" if anchor else "")


def model_href(model, anchor=None):
    return f"model-{model}.html" + (f"#{anchor}" if anchor else "")


def status(valid, total):
    """A goal's verdict in words and colour; valid == total is proved."""
    if total and valid == total:
        return '<span class="ok">proved</span>'
    return f'<span class="fail">NOT PROVED ({valid}/{total})</span>'


def table(headers, rows, num=()):
    """rows are lists of HTML cells; columns whose index is in num align right."""
    head = "".join(f'<th{" class=num" if i in num else ""}>{h}</th>' for i, h in enumerate(headers or []))
    body = "".join("<tr>" + "".join(f'<td{" class=num" if i in num else ""}>{c}</td>' for i, c in enumerate(r))
                   + "</tr>\n" for r in rows)
    return f"<table>{f'<tr>{head}</tr>' if head else ''}\n{body}</table>"


def banner(kind, inner):
    return f'<div class="banner {kind}">{inner}</div>'


def md(text):
    """Markdown's `code` spans of proofs/README.md as HTML, the rest escaped."""
    parts = str(text).split("`")
    return "".join(f"<code>{esc(p)}</code>" if i % 2 else esc(p) for i, p in enumerate(parts))


def short(text, n=200):
    """The start of a README promise, cut at a word, its `code` spans closed."""
    if len(text) <= n:
        return text
    cut = text[:text.rfind(" ", 0, n)]
    return cut + ("`" if cut.count("`") % 2 else "") + " …"


def md_blocks(text):
    """Paragraphs and "- " lists of a README section as HTML."""
    out = []
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        if lines and lines[0].startswith("- "):
            items, cur = [], []
            for ln in lines:
                if ln.startswith("- ") and cur:
                    items.append(" ".join(cur))
                    cur = []
                cur.append(ln[2:] if ln.startswith("- ") else ln.strip())
            items.append(" ".join(cur))
            out.append("<ul>" + "".join(f"<li>{md(i)}</li>" for i in items) + "</ul>")
        elif lines:
            out.append(f"<p>{md(' '.join(ln.strip() for ln in lines))}</p>")
    return "\n".join(out)
