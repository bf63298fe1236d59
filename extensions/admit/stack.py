"""Worst-case stack use of an extension: its functions' frames from gcc's
-fstack-usage, summed along the deepest path of the call graph the gate
reported (acyclic: the gate refuses recursion)."""


def frames(su_path):
    """function -> (bytes, qualifier) from a .su file."""
    out = {}
    with open(su_path) as f:
        for line in f:
            where, size, qualifier = line.rstrip("\n").split("\t")
            out[where.rsplit(":", 1)[-1]] = (int(size), qualifier)
    return out


def deepest(root, calls, sizes, memo=None):
    """Bytes of the deepest chain of frames from root; calls into the
    kernel's interface cost the extension nothing (the kernel reserves its
    own)."""
    memo = {} if memo is None else memo
    if root not in memo:
        below = [deepest(c, calls, sizes, memo) for c in calls.get(root, ()) if c in sizes]
        memo[root] = sizes[root] + max(below, default=0)
    return memo[root]
