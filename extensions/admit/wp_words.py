"""WP's verdicts in words: each property of the extension that is not
proved becomes one refusal line, file:line: rejected: what (kind)."""
import csv

PROVED = {"Valid", "Partially proven", "Valid under hypotheses", "Considered valid"}

RTE_WORDS = {
    "mem_access": "{p} may be out of bounds",
    "index_bound": "index may be out of bounds: {p} may not hold",
    "unsigned_overflow": "arithmetic may overflow: {p} may not hold",
    "signed_overflow": "arithmetic may overflow: {p} may not hold",
    "unsigned_downcast": "a conversion may lose bits: {p} may not hold",
    "signed_downcast": "a conversion may lose bits: {p} may not hold",
    "division_by_zero": "may divide by zero: {p} may not hold",
    "shift": "a shift may be out of range: {p} may not hold",
    "float_to_int": "a conversion may overflow: {p} may not hold",
    "pointer_value": "a pointer may be invalid: {p} may not hold",
    "bool_value": "a boolean may be invalid: {p} may not hold",
    "initialization": "may read an uninitialised value: {p}",
}


def _rte(kind, prop):
    # Frama-C's RTE alarms are stated as \valid(p) or \valid_read(p).
    p = prop
    for wrap in ("\\valid_read(", "\\valid("):
        if p.startswith(wrap) and p.endswith(")"):
            p = "*" + p[len(wrap):-1] if "+" not in p else p[len(wrap):-1]
    text = RTE_WORDS.get(kind, kind + ": {p} may not hold").format(p=p)
    return f"{text} (rte {kind})"


def words(kind, function, prop, wrappers):
    if kind in RTE_WORDS or kind.startswith("rte"):
        return _rte(kind, prop)
    if function in wrappers:
        who, contract = wrappers[function]
        return f"{who} does not meet {contract}: {kind} {prop} is not proved"
    if kind.startswith("precondition of "):
        return f"the {kind} may not hold: {prop}"
    if kind == "termination clause":
        return f"{function} may not terminate (prove every loop's variant and call only terminating functions)"
    if kind == "assigns clause":
        return f"{function} may write memory its contract does not name ({prop.rstrip(';')})"
    if kind == "loop variant":
        return f"loop variant {prop} is not proved: the loop may not terminate"
    return f"{kind} of {function} is not proved: {prop}"


def refusals(csv_path, owned, wrappers, anchor):
    """Refusal lines for every property in the files the extension owns
    (its sources and the generated harness) that WP did not prove. A
    wrapper's property is reported at the handler's own definition
    (anchor[wrapper])."""
    out = []
    with open(csv_path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            path = f"{row['directory']}/{row['file']}"
            if row["status"] in PROVED or not any(path.endswith(o) for o in owned):
                continue
            if row["property"] == "\\false":
                continue  # a smoke test: admit.py reports failed ones from WP's log, in words
            fn = row["function"]
            where = anchor.get(fn, f"{path}:{row['line']}")
            out.append(f"{where}: rejected: {words(row['property kind'], fn, row['property'], wrappers)}")
    return out
