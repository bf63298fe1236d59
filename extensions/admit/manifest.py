"""An extension's manifest: its name, sources, the interfaces it imports,
the events it handles, the loop iterations it may make per call (bound).
Read from NAME.manifest, or from `//! ` lines at the top of a single-file
extension. See extensions/README.md."""
import hashlib
import os
import re

from where import show

NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
KEYS = ("name", "sources", "imports", "handler", "guard", "exports", "bound")


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class ManifestError(Exception):
    """A refusal of the manifest: where and why."""


class MissingFile(Exception):
    """A file the manifest names is not there: the tool cannot run."""


class Manifest:
    def __init__(self):
        self.name, self.sources, self.imports = None, [], []
        self.handlers, self.guards = [], []  # (event, function)
        self.exports = None                  # header other extensions include
        self.path = None
        self.bound, self.bound_line = None, None  # loop iterations per call

    def canonical(self, contracts=None, callable_exports=()):
        """The manifest's bytes as packaged: what the kernel reads. Its own
        exports header and each imported extension's header go with their
        SHA-256, so the kernel links an import only to an extension that
        exports exactly the contracts this one was proved against."""
        lines = [f"name {self.name}", "imports " + " ".join(self.imports)]
        lines += [f"handler {e} {f}" for e, f in self.handlers]
        lines += [f"guard {e} {f}" for e, f in self.guards]
        if self.exports:
            lines.append(f"exports {os.path.basename(self.exports)} {file_digest(self.exports)}")
        lines += [f"contract {name} {digest}" for name, digest in sorted((contracts or {}).items())]
        # Exports the shell's call may run with no arguments (admit.py).
        lines += [f"callable {name}" for name in callable_exports]
        return ("\n".join(lines) + "\n").encode()


def _fields(path):
    """(line number, key, words) for each manifest line in path."""
    inline = path.endswith(".c")
    with open(path) as f:
        for number, line in enumerate(f, 1):
            if inline:
                if not line.startswith("//!"):
                    continue
                line = line[3:]
            words = line.split("#", 1)[0].split()
            if words:
                yield number, words[0], words[1:]


def read(path):
    m = Manifest()
    m.path = path
    base = os.path.dirname(path)
    named_at = {}                            # file -> the manifest line naming it
    for number, key, words in _fields(path):
        where = f"{show(path)}:{number}"
        if key not in KEYS:
            raise ManifestError(f"{where}: rejected: unknown manifest key '{key}'")
        if key == "name":
            if len(words) != 1 or not NAME.match(words[0]):
                raise ManifestError(f"{where}: rejected: a name is 1-31 of a-z, 0-9 and _, starting with a letter")
            m.name = words[0]
        elif key == "sources":
            m.sources += [os.path.join(base, w) for w in words]
            named_at.update((os.path.join(base, w), number) for w in words)
        elif key == "imports":
            m.imports += words
        elif key in ("handler", "guard"):
            if len(words) != 2:
                raise ManifestError(f"{where}: rejected: '{key} EVENT FUNCTION'")
            (m.handlers if key == "handler" else m.guards).append((words[0], words[1]))
        elif key == "bound":
            if len(words) != 1 or not words[0].isdigit() or len(words[0]) > 12:
                raise ManifestError(f"{where}: rejected: 'bound N', N the most loop iterations of one call")
            m.bound, m.bound_line = int(words[0]), number
        elif key == "exports":
            if len(words) != 1:
                raise ManifestError(f"{where}: rejected: 'exports HEADER.h'")
            m.exports = os.path.join(base, words[0])
            named_at[m.exports] = number
    if path.endswith(".c"):
        m.sources = [path]
    if not m.name:
        raise ManifestError(f"{show(path)}:1: rejected: the manifest has no name")
    if not m.sources:
        raise ManifestError(f"{show(path)}:1: rejected: the manifest lists no sources")
    for s in m.sources + ([m.exports] if m.exports else []):
        if not os.path.isfile(s):
            why = "is a directory" if os.path.isdir(s) else "does not exist"
            raise MissingFile(f"{show(path)}:{named_at.get(s, 1)}: error: {show(s)} {why}")
    return m
