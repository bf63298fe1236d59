#!/usr/bin/env python3
"""make report: a static HTML report of what Spinel's kernel promises and
what it trusts, for a reviewer who does not run Frama-C.

  report.py [--root DIR] [--out DIR] [--exts-status N]

Reads only committed inputs (proofs/results/SUB/*.json, the headers, spec/,
proofs/README.md, proofs/wp.mk) and the admitted sample extensions in
build/ext/. Writes OUT/index.html (default build/report/) and one page per
module, per model, the trusted base and the extensions. Exits 1, after
writing the report, if a file compiled into the kernel is neither proved
nor listed as trusted; unproved goals are shown, not fatal (make prove
fails on those)."""
import argparse
import datetime
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import contracts  # noqa: E402
import exts  # noqa: E402
import models  # noqa: E402
import page_exts  # noqa: E402
import page_front  # noqa: E402
import page_model  # noqa: E402
import page_module  # noqa: E402
import page_trusted  # noqa: E402
import results  # noqa: E402
import sources  # noqa: E402
import trend  # noqa: E402
import trusted  # noqa: E402
from htmlpage import write  # noqa: E402


class Context:
    """Everything the pages are made from, read once."""

    def __init__(self, root, exts_status):
        self.root, self.exts_status = root, exts_status
        proved, self.laws = sources.make_list(root, "proved-modules"), sources.make_list(root, "law-modules")
        self.results = results.load(root, proved + self.laws)
        self.models = models.load(root)
        self.links = models.links(self.models)
        self.uses = {m: models.models_of(root, self.source_of(m)) for m in self.results}
        self.finder = contracts.Finder(root)
        self.promises, self.limits = sources.promises(root), sources.step_limits(root)
        self.trusted_rows = trusted.rows(root)
        self.check = trusted.check(root, self.trusted_rows, proved)
        self.exts, self.trend, self.commit = exts.load(root), trend.load(root), sources.commit(root)
        self.date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    def source_of(self, module):
        return page_module.source_of(module, self.laws, self.root)


def write_all(ctx, out):
    os.makedirs(out, exist_ok=True)
    write(out, "index.html", "Spinel: what the kernel promises", page_front.render(ctx))
    for m in ctx.results:
        kind = "laws" if m in ctx.laws else "module"
        write(out, f"module-{m}.html", f"{kind} {m}", page_module.render(ctx, m))
    for model in ctx.models.values():
        write(out, f"model-{model.name}.html", f"model {model.name}.acsl", page_model.render(ctx, model))
    write(out, "models.html", "Models", page_model.index(ctx))
    write(out, "trusted.html", "Trusted base", page_trusted.render(ctx))
    write(out, "extensions.html", "Sample extensions", page_exts.render(ctx))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(HERE))
    ap.add_argument("--root", default=root)
    ap.add_argument("--out")
    ap.add_argument("--exts-status", type=int, help="exit status of make exts, when it was run first")
    args = ap.parse_args()
    out = args.out or os.path.join(args.root, "build/report")
    ctx = Context(args.root, args.exts_status)
    write_all(ctx, out)
    bad = [p for p, state, _ in ctx.check if state == "unlisted"]
    fails = results.failures(ctx.results)
    index = os.path.relpath(os.path.join(out, "index.html"))
    print(f"report: {index if not index.startswith('..') else os.path.join(out, 'index.html')}: "
          f"{sum(r['proved'] for r in ctx.results.values())}/{sum(r['total'] for r in ctx.results.values())} "
          f"goals proved in {len(ctx.results)} modules" + (f", {len(fails)} NOT PROVED" if fails else ""))
    for p in bad:
        print(trusted.unlisted_message(p), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
