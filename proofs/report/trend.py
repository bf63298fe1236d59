"""proofs/results/trend.csv: one row per recorded state of the proofs (date,
commit, goals, prove_cold_s: a cold make prove, check_warm_s: a fresh
clone's make check with the committed cache), added with the commit that
changes the proofs, from the times that session measured; the report only
reads it."""
import csv
import os

HEADER = ["date", "commit", "goals", "prove_cold_s", "check_warm_s"]


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def load(root):
    """The rows as dicts with numbers where numbers are; [] when the file is
    missing or has only its header."""
    path = os.path.join(root, "proofs/results/trend.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [{**r, **{k: number(r.get(k)) for k in HEADER[2:]}} for r in rows if any(r.values())]
