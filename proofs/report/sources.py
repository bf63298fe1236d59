"""What the build says, asked of the build itself (make's own lists), so
the report cannot drift from what is proved and compiled."""
import os
import re
import subprocess


def make_list(root, target):
    """The words `make -s TARGET` prints (proved-modules, kernel-sources…)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    out = subprocess.run(["make", "-s", "--no-print-directory", target], cwd=root, env=env,
                         capture_output=True, text=True, check=True).stdout
    return out.split()


PROVERS = {"cvc4", "cvc5", "z3", "alt_ergo"}


def step_limits(root):
    """{prover: steps} from proofs/wp.mk's WP_STEPS_CVC4 := N lines (other
    WP_STEPS_ settings, such as the smoke tests' limit, are not a prover's)."""
    with open(os.path.join(root, "proofs/wp.mk")) as f:
        text = f.read()
    found = re.finditer(r"^WP_STEPS_(\w+)\s*:?=\s*(\d+)", text, re.M)
    return {m[1].lower(): int(m[2]) for m in found if m[1].lower() in PROVERS}


def commit(root):
    """The commit the tree is at (and whether it has local changes), or None
    outside a git checkout (a scratch copy)."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True).stdout.strip()
        return rev + (" with local changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def promises(root):
    """module -> 'what its contract promises', from proofs/README.md's Proved table."""
    with open(os.path.join(root, "proofs/README.md")) as f:
        text = f.read()
    rows = re.findall(r"^\| `kernel/core/\w+/(\w+)\.c` \| \d+ \| (.*) \|$", text, re.M)
    return dict(rows)


def line_count(path):
    with open(path, "rb") as f:
        return f.read().count(b"\n")
