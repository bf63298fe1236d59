"""extensions.html: each sample extension as admitted: its goals per entry
point, stack and loop bounds, manifest, and certificate facts."""
from htmlpage import banner, esc, status, table

LMS_NAMES = {5: "LMS_SHA256_M32_H5", 6: "LMS_SHA256_M32_H10", 7: "LMS_SHA256_M32_H15",
             8: "LMS_SHA256_M32_H20", 9: "LMS_SHA256_M32_H25"}
OTS_NAMES = {1: "LMOTS_SHA256_N32_W1", 2: "LMOTS_SHA256_N32_W2", 3: "LMOTS_SHA256_N32_W4",
             4: "LMOTS_SHA256_N32_W8"}


def build_note(ctx):
    """What `make exts` said, when it was run for this report and failed."""
    if ctx.exts_status is None and all(e.error == "not built" for e in ctx.exts):
        return banner("note", '<span class="warn">No package in build/ext: <code>make report</code> builds '
                              "them (<code>make exts</code>); this report was written without.</span>")
    if ctx.exts_status is None or ctx.exts_status == 0:
        return ""
    return banner("note", f'<span class="warn">Building the extensions failed (make exts: exit '
                          f"{ctx.exts_status}); the packages below are what build/ext held, if anything, "
                          f'and may be stale.</span> <a href="exts.log">build log</a>')


def certificate(c):
    if isinstance(c["levels"], str):
        levels = esc(c["levels"])
    else:
        levels = "; ".join(f"level {i}: leaf {q} of {LMS_NAMES.get(t, t)} / {OTS_NAMES.get(o, o)}"
                           for i, (q, t, o) in enumerate(c["levels"]))
    verdict = {None: '<span class="muted">no public key in build/key to check it with</span>',
               True: '<span class="ok">verifies</span>',
               False: '<span class="fail">DOES NOT VERIFY</span>'}[c["verifies"]]
    digest = ('<span class="ok">the interface headers of this tree</span>' if c["digest_ok"] else
              '<span class="fail">other interface headers: a kernel built from this tree refuses it</span>')
    return table(None, [
        ["package", f"{c['bytes']:,} bytes: {c['signed_bytes']:,} signed (header, manifest, object of "
                    f"{c['object_bytes']:,} bytes, summary) + {c['signature_bytes']:,} of signature"],
        ["signature", f"HSS (RFC 8554), {levels}"],
        ["under build/key/admission.pub", verdict],
        ["proved against", f"{digest}<br><code class=small>{esc(c['digest'])}</code>"]])


def one(e):
    head = f'<h2 id="{esc(e.name)}">{esc(e.name)}</h2>'
    if e.error:
        return head + f'<p class="warn">{esc(e.path)}: {esc(e.error)}</p>'
    s = e.summary
    total = (f"{s['proved']}/{s['total']} goals {status(s['proved'], s['total'])} in {s['seconds']} s "
             f"({esc(s['tools'])})" if s["proved"] is not None else esc(s["text"]))
    entries = table(["entry point", "goals", ""], [[f"<code>{esc(n)}</code>", f"{v}/{t}", status(v, t)]
                                                  for n, v, t in s["entries"]], num=(1,))
    manifest = table(None, [[esc(k), f"<code>{esc(v)}</code>"] for k, v in e.manifest])
    return "\n".join([head, f"<p>{total}<br>stack {esc(s.get('stack', '?'))}; "
                            f"bound {esc(s.get('bound', '?'))}</p>",
                      "<h3>Goals per entry point</h3>", entries, "<h3>Manifest, as signed</h3>", manifest,
                      "<h3>Certificate</h3>", certificate(e.certificate)])


def render(ctx):
    intro = ("<p>The sample extensions, as <code>extensions/admit/admit.py</code> admitted them into "
             "<code>build/ext/</code>: each package carries its proof summary and its manifest under an "
             "HSS/LMS signature that the kernel checks before it reads any field.</p>")
    index = " &middot; ".join(f'<a href="#{esc(e.name)}">{esc(e.name)}</a>' for e in ctx.exts)
    return "\n".join([intro, build_note(ctx), f"<p>{index}</p>"] + [one(e) for e in ctx.exts])
