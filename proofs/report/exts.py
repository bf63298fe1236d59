"""The sample extensions as admitted (build/ext/NAME.ext): the proof summary
the package carries, its manifest, and its certificate, read with the
admission tool's own readers (extensions/admit/package.py, lms.py) so the
report reads a package exactly as the tool wrote it."""
import os
import re
import struct
import sys
from collections import namedtuple

Ext = namedtuple("Ext", "name path error summary manifest certificate")
SUMMARY = re.compile(r"proved (\d+)/(\d+) goals in ([\d.]+) s \((.*)\)")


def samples(root):
    """EXT_SAMPLES of the Makefile, in load order."""
    with open(os.path.join(root, "Makefile")) as f:
        m = re.search(r"^EXT_SAMPLES\s*:=\s*(.*)$", f.read(), re.M)
    return m[1].split() if m else []


def tool(root):
    """The admission tool's package and signature readers."""
    sys.path.append(os.path.join(root, "extensions/admit"))
    import lms
    import package
    return package, lms


def parse_summary(text):
    """The summary admit.py's summary_text wrote: totals, stack, bound, entry points."""
    lines = text.splitlines()
    m = SUMMARY.match(lines[0]) if lines else None
    out = {"text": text, "entries": [], "proved": None}
    if m:
        out.update(proved=int(m[1]), total=int(m[2]), seconds=float(m[3]), tools=m[4])
    for ln in lines[1:]:
        if ln.startswith("stack "):
            out["stack"] = ln[len("stack "):]
        elif ln.startswith("bound "):
            out["bound"] = ln[len("bound "):]
        elif (e := re.match(r"\s+(\w+): (\d+)/(\d+)$", ln)):
            out["entries"].append((e[1], int(e[2]), int(e[3])))
    return out


def signature_levels(lms, sig):
    """(leaf q, LMS type, LM-OTS type) per level of an HSS signature: which
    one-time key signed at each level (a q used twice would be a break)."""
    levels, at = [], 4
    for _ in range(struct.unpack(">I", sig[:4])[0] + 1):
        q, ots = struct.unpack(">II", sig[at:at + 8])
        n = lms.lms_sig_len(sig, at)
        lms_type = struct.unpack(">I", sig[at + 4 + 4 + 32 + lms.OTS_TYPES[ots][1] * 32:][:4])[0]
        levels.append((q, lms_type, ots))
        at += n + 56
    return levels


def certificate(root, package, lms, data, digest):
    body, sig = package.split(data)
    pub_path = os.path.join(root, "build/key/admission.pub")
    pub = open(pub_path, "rb").read() if os.path.exists(pub_path) else None
    try:
        levels = signature_levels(lms, sig)
    except (lms.SignatureError, struct.error, KeyError, IndexError) as e:
        levels = f"unreadable ({e})"
    return {"bytes": len(data), "signed_bytes": len(body), "signature_bytes": len(sig), "levels": levels,
            "digest": digest.hex(), "digest_ok": digest == package.interface_digest(root),
            "verifies": None if pub is None else lms.hss_verify(pub, body, sig)}


def read(root, name):
    path = os.path.join(root, "build/ext", name + ".ext")
    if not os.path.exists(path):
        path = os.path.relpath(path, root)
        return Ext(name, path, "not built", None, None, None)
    package, lms = tool(root)
    data = open(path, "rb").read()
    try:
        manifest, obj, summary, digest = package.unpack(data)
    except ValueError as e:
        return Ext(name, path, f"not a package: {e}", None, None, None)
    fields = [ln.split(None, 1) for ln in manifest.decode(errors="replace").splitlines() if ln.strip()]
    cert = certificate(root, package, lms, data, digest)
    cert["object_bytes"] = len(obj)
    return Ext(name, path, None, parse_summary(summary.decode(errors="replace")),
               [(f[0], f[1] if len(f) > 1 else "") for f in fields], cert)


def load(root):
    return [read(root, n) for n in samples(root)]
