"""How the admission tool names files in what it prints: relative to the
current directory when the file is below it, else absolute, so that every
path in one run has one form and opens from where the tool was run. Path
logic, never string prefixes: /x/spinel-ext is not inside /x/spinel."""
import os

# The repository: found from this file, so the tool runs from any directory.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def inside(path, folder):
    """path is folder or below it (both made absolute)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return os.path.commonpath([path, folder]) == folder


def show(path):
    """path as printed: relative to the current directory when below it."""
    path = os.path.abspath(path)
    try:
        here = os.getcwd()
    except OSError:          # the directory was removed under us
        return path
    return os.path.relpath(path, here) if inside(path, here) else path


def repo(rel):
    """A path inside the repository, absolute."""
    return os.path.join(ROOT, rel)
