#!/usr/bin/env python3
"""spinel admit: admits an extension into Spinel or says exactly why not.

  admit.py [--key FILE] [--out FILE] EXTENSION.manifest | EXTENSION.c

1. the gate (gate.ml, over Frama-C's AST) refuses what WP cannot make sound;
2. Frama-C/WP proves every goal: run-time errors, termination, each handler
   against its event's handler contract through a generated wrapper;
3. gcc compiles the proved unit with fixed flags; the worst-case stack use
   must fit the kernel's per-extension stack;
4. the package binds object, manifest and proof summary to the interface
   headers' digest with an HSS/LMS signature (RFC 8554) under the machine's
   signing key, which lives outside the tree; the kernel holds only its
   public key.
Refusals are printed one per line, file:line: rejected: why, the likeliest
cause first, then a line naming the full log. Files are named relative to
the current directory when below it, else absolute; the tool finds the
repository from its own location, so it runs from any directory. Stages
are reported on stderr (--quiet: not). Exit 0: admitted; 1: refused; 2:
the tool could not run (one line on stderr, FILE: error: why).
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interfaces  # noqa: E402
import keygen  # noqa: E402
import lms  # noqa: E402
import manifest  # noqa: E402
import package  # noqa: E402
import closed  # noqa: E402
import objcheck  # noqa: E402
import messages  # noqa: E402
import progress  # noqa: E402
import unit as one_unit  # noqa: E402
import wp_log  # noqa: E402
import wp_words  # noqa: E402
from where import ROOT, show  # noqa: E402

GATE = os.path.join(ROOT, "extensions/admit/gate.ml")
# Bytes of the extension's own frames: the kernel states it (kernel/ext/ext.h).
EXT_STACK_MAX = int(re.search(r"#define EXT_STACK_MAX (\d+)", open(os.path.join(ROOT, "kernel/ext/ext.h")).read())[1])
# Loop iterations per call of an entry point: the kernel's budget (ext.h).
FUEL_BUDGET = int(re.search(r"#define SPINEL_FUEL_BUDGET (\d+)",
                            open(os.path.join(ROOT, "extensions/include/spinel/ext.h")).read())[1])
INCLUDES = ["-Iextensions/include/spinel", "-Iextensions/include", "-Ispec"]
CFLAGS = one_unit.CFLAGS
# Frama-C reads unit.i as it is: already preprocessed, by gcc.
PARSE_FLAGS = ["-c11", "-no-frama-c-stdlib", "-machdep", "gcc_x86_64"]


class Refused(Exception):
    def __init__(self, lines, log=None):
        super().__init__("\n".join(lines))
        self.lines = lines
        self.log = log          # the full log of the stage that refused


class ToolError(Exception):
    pass


def wp_mk(name):
    """A variable of proofs/wp.mk: extensions are held to the core's flags."""
    text = open(os.path.join(ROOT, "proofs/wp.mk")).read().replace("\\\n", " ")
    return re.search(rf"^{name} := (.*)$", text, re.M)[1].strip()


def wp_rte_flags():
    return wp_mk("WP_RTE").split()


def wp_limits(prover):
    """The core's step limits, so an admission's verdict does not depend on
    the machine's load; the wall clock is only the core's safety net."""
    safety = wp_mk("WP_SAFETY_TIMEOUT")
    return ["-wp-prover", prover, "-wp-steps", wp_mk("WP_STEPS_" + prover.upper()),
            "-wp-timeout", safety, "-wp-smoke-timeout", safety]


def includes(headers):
    """The interface headers' directories, and each imported extension's."""
    dirs = [i[2:] for i in INCLUDES] + sorted({os.path.dirname(h) for h in headers
                                               if not h.startswith(interfaces.INCLUDE)})
    return ["-I" + os.path.join(ROOT, d) for d in dirs]


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    except FileNotFoundError as e:
        raise ToolError(f"cannot run {cmd[0]}: {e}")


def check_manifest(m):
    """The allowed calls: every function the imported interfaces declare."""
    allow, headers, where = [], [], f"{show(m.path)}:1"
    for name in m.imports:
        h = interfaces.header(name)
        if name in interfaces.known():
            headers.append(h)
        else:
            h = os.path.join("extensions", name, name + ".h")
            if not os.path.isfile(os.path.join(ROOT, h)):
                raise Refused([f"{where}: rejected: imports '{name}', which is neither an interface "
                               f"({', '.join(interfaces.known())}) nor an extension with a header {h}"])
            headers.append(h)
        allow += interfaces.callable_functions(os.path.join(ROOT, h))
    for event, fn in m.handlers + m.guards:
        if event not in interfaces.EVENTS:
            raise Refused([f"{where}: rejected: {fn} handles '{event}', which is not an event "
                           f"({', '.join(interfaces.EVENTS)})"])
        if (event, fn) in m.guards and interfaces.EVENTS[event][2] is None:
            raise Refused([f"{where}: rejected: {fn} is a guard on {event}, which takes no guards"])
        if (event, fn) in m.handlers and interfaces.EVENTS[event][1] is None:
            raise Refused([f"{where}: rejected: {fn} is a handler on {event}, which takes guards only "
                           f"(the kernel's handler runs behind them): list it as `guard {event} {fn}`"])
        if interfaces.EVENTS[event][0] not in m.imports:
            raise Refused([f"{where}: rejected: {fn} handles {event} but the manifest does not import "
                           f"'{interfaces.EVENTS[event][0]}'"])
    return sorted(set(allow)), headers


def write_unit(m, headers, incs, work):
    """The sources as one preprocessed unit, the interface headers first:
    what the gate reads, WP proves and gcc compiles (unit.py)."""
    prelude = [os.path.join(ROOT, interfaces.header("ext"))] + [os.path.join(ROOT, h) for h in headers]
    try:
        u = one_unit.preprocess(work, prelude, os.path.abspath(m.exports) if m.exports else None,
                                [os.path.abspath(s) for s in m.sources], incs, ROOT)
    except one_unit.PreprocessError as e:
        raise Refused(messages.gcc(e.stderr, lambda path, n: f"{show(path)}:{n}") or e.lines)
    return u


def gcc_check(u):
    """gcc's own verdict on the text (C11 with -pedantic-errors), after the
    gate's and before any proof: a GNU extension is refused in gcc's words."""
    r = run(["gcc", *CFLAGS, "-fsyntax-only", u.path])
    if r.returncode != 0:
        raise Refused(gcc_refusals(r.stderr, u))


def gcc_refusals(stderr, u):
    """gcc's errors as refusals at the line of the file they came from
    (unit.i, types.i and harness.i share the unit's lines)."""
    def locate(path, n):
        return u.where(n) if path.endswith(".i") else f"{show(path)}:{n}"
    return messages.gcc(stderr, locate) or [remap(ln, u, u.path) for ln in stderr.splitlines() if ln.strip()]


def remap(text, u, name):
    """name:N (a line of unit.i or harness.i) as the file and line it came from."""
    return re.sub(re.escape(name) + r":(\d+)", lambda mm: u.where(int(mm[1])), text)


def gate(m, u, allow, work):
    """Refusals of the closed language and of the gate; else the
    extension's functions, globals and calls."""
    env = dict(os.environ, SPINEL_GATE_ALLOW=",".join(allow),
               SPINEL_GATE_INTERFACE_END=str(u.interface_end), SPINEL_GATE_EXPORTS_END=str(u.exports_end))
    # Frama-C compiles a script next to itself and deletes what it built:
    # a private copy keeps parallel admissions apart.
    script = os.path.join(work, "gate.ml")
    shutil.copyfile(GATE, script)
    refusals = closed.refusals(u)
    r = run(["frama-c", *PARSE_FLAGS, "-load-script", script, u.path], env=env)
    log = os.path.join(work, "gate.log")
    with open(log, "w") as f:
        f.write(r.stdout + r.stderr)
    if r.returncode != 0:
        errors = frama_c_errors(r.stdout + r.stderr, u) or \
            [remap(ln, u, u.path) for ln in r.stderr.splitlines() + r.stdout.splitlines() if "rror" in ln]
        raise Refused(refusals + (errors or [f"{show(m.path)}:1: rejected: Frama-C cannot parse it"]), log)
    out = {"reject": [], "calls": {}, "globals": [], "funcs": {}, "installs": []}
    for line in r.stdout.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "GATE-REJECT":
            out["reject"].append(remap(rest, u, u.path))
        elif kind == "GATE-CALL":
            caller, callee = rest.split()
            out["calls"].setdefault(caller, []).append(callee)
        elif kind == "GATE-GLOBAL":
            out["globals"].append(rest)
        elif kind == "GATE-INSTALL":
            callee, index, fn = rest.split()
            out["installs"].append((callee, int(index), fn))
        elif kind == "GATE-FUNC":
            name, where = rest.split()
            out["funcs"][name] = int(where.rsplit(":", 1)[1])     # a line of unit.i
    if refusals or out["reject"]:
        raise Refused(messages.missing_imports(refusals + out["reject"], m.imports), log)
    unlisted = check_installs(m, u, out)
    if unlisted:
        raise Refused(unlisted, log)
    return out


def check_installs(m, u, g):
    """Every function handed to an interface call is listed in the manifest
    for exactly that event and role, so WP proved it against that contract:
    X_install's first function-pointer argument is a handler of X's event,
    its second a guard; X_uninstall's first a handler (the gate counts
    function-pointer parameters only: syscall_install takes a number
    first), unless interfaces.ROLES says otherwise (net_filter_install
    takes a guard alone)."""
    out = []
    for callee, index, fn in g["installs"]:
        iface, _, verb = callee.partition("_")
        events = [e for e, (i, _, _) in interfaces.EVENTS.items() if i == iface]
        if callee in interfaces.INSTALLS:
            events, verb = [interfaces.INSTALLS[callee]], "install"
        kinds = interfaces.ROLES.get(callee, interfaces.DEFAULT_ROLES)
        role = kinds[index] if index < len(kinds) else "function"
        listed = {"handler": m.handlers, "guard": m.guards}.get(role, [])
        if verb not in ("install", "uninstall") or not any((e, fn) in listed for e in events):
            where = u.where(g["funcs"][fn]) if fn in g["funcs"] else f"{show(m.path)}:1"
            out.append(f"{where}: rejected: {fn} is passed to {callee} as a {role}, but the manifest does not "
                       f"list it as a {role} of {' or '.join(events) or 'any event'}, so it was not proved "
                       f"against that contract")
    return out


def roles(m):
    """(function, contract header, contract function, words) for every entry point."""
    out = [(interfaces.INIT[0], interfaces.header("ext"), interfaces.INIT[1], "the init contract")]
    for event, fn in m.handlers:
        iface, handler, _ = interfaces.EVENTS[event]
        out.append((fn, interfaces.header(iface), handler, f"the {event} handler contract"))
    for event, fn in m.guards:
        iface, _, guard = interfaces.EVENTS[event]
        out.append((fn, interfaces.header(iface), guard, f"the {event} guard contract"))
    return out


def bound_of(m):
    """The fuel each entry point is proved to live on: the manifest's
    bound, the kernel's whole budget if it names none."""
    return FUEL_BUDGET if m.bound is None else m.bound


def check_bound(m):
    if m.bound is not None and m.bound > FUEL_BUDGET:
        raise Refused([f"{show(m.path)}:{m.bound_line}: rejected: bound {m.bound} loop "
                       f"iterations is over the kernel's budget of {FUEL_BUDGET} (SPINEL_FUEL_BUDGET)"])


def write_harness(m, u, g, work):
    """A wrapper per entry point, carrying the official contract and
    calling the extension's function: WP proves the function's own contract
    implies it. SpinelState becomes the extension's own globals."""
    entries = roles(m)
    if interfaces.FINI[0] in g["funcs"]:
        entries.append((interfaces.FINI[0], interfaces.header("ext"), interfaces.FINI[1], "the fini contract"))
    missing = [fn for fn, *_ in entries if fn not in g["funcs"]]
    if missing:
        raise Refused([f"{show(m.path)}:1: rejected: defines no {fn}" for fn in missing])
    own = ", ".join(g["globals"])
    lines = ["", "/* Generated by admit.py: each entry point against its official contract. */"]
    wrappers, anchor, typecheck = {}, {}, []
    for fn, hdr, contract_fn, words in entries:
        contract, ret, params = interfaces.contract_of(os.path.join(ROOT, hdr), contract_fn)
        contract = re.sub(r"\bSpinelState\b", own, contract) if own else \
            re.sub(r"\bSpinelState\b\s*,?\s*", "", contract).replace("assigns ;", "assigns \\nothing;")
        addresses = ", ".join("&" + v for v in g["globals"])
        contract = re.sub(r"&SpinelStateAt\b", addresses, contract) if addresses else \
            re.sub(r"requires \\separated\([^;]*&SpinelStateAt\);\s*", "", contract)
        contract = re.sub(r"\bSpinelBound\b", str(bound_of(m)), contract)
        wrapper = f"admit_{contract_fn}_{fn}"
        names = [p.split()[-1].lstrip("*") for p in params]
        call = f"{fn}({', '.join(names)})"
        body = f"return {call};" if ret != "void" else f"{call};"
        lines += [f"/*@{contract}*/", f"{ret} {wrapper}({', '.join(params) or 'void'}) {{ {body} }}", ""]
        wrappers[wrapper] = (fn, words)
        anchor[wrapper] = u.where(g["funcs"][fn])
        typecheck.append(f"{ret} (*const admit_type_{wrapper})({', '.join(params) or 'void'}) = {fn};")
    # The harness is the unit itself with the wrappers after it: WP proves
    # the very text the gate read and gcc compiles.
    harness = os.path.join(work, "harness.i")
    with open(harness, "w") as f:
        f.write(u.text + "\n".join(lines) + "\n")
    # The wrapper calls each function with the contract's parameters: gcc
    # checks here that its type is exactly the contract's.
    check = os.path.join(work, "types.i")
    with open(check, "w") as f:
        f.write(u.text + "\n".join(typecheck) + "\n")
    r = run(["gcc", *CFLAGS, "-Wno-unused-variable", "-fsyntax-only", check])
    if r.returncode != 0:
        raise Refused([f"{anchor[w]}: rejected: {fn} does not have the type of {words}"
                       for w, (fn, words) in wrappers.items() if w in r.stderr] or gcc_refusals(r.stderr, u))
    return harness, wrappers, anchor


def frama_c_errors(log, u):
    """Frama-C's complaints about the unit (an annotation it cannot type,
    a construct WP does not implement), as refusals at their line. The
    interface lines are trusted: a complaint there is the tool's."""
    out, lines = [], log.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^\[([\w:-]+)\] (\S+?):(\d+): (?:Warning|User Error|Failure)[^:]*: ?(.*)$", line)
        if not m or not m[2].endswith((".i",)):
            continue
        n = int(m[3])
        if u.region(n) == one_unit.INTERFACE:
            continue
        words = (m[4] or (lines[i + 1].strip() if i + 1 < len(lines) else "")).rstrip(".")
        if "smoke-test" in words:
            continue
        out.append(f"{u.where(n)}: rejected: Frama-C cannot read it: {words}")
    return out


def prove(m, u, harness, wrappers, anchor, work, cache, say):
    """WP on the harness; the strict verdict of wp_words.verdict."""
    report, csv_path, log = (os.path.join(work, n) for n in ("wp.json", "wp.csv", "wp.log"))
    os.makedirs(cache, exist_ok=True)
    for stale in (report, csv_path):
        if os.path.exists(stale):
            os.remove(stale)
    cmd = ["frama-c", *PARSE_FLAGS, *wp_rte_flags(), "-wp", "-wp-literals", *wp_limits("cvc4"),
           "-wp-par", "2", "-wp-cache", "update", "-wp-cache-dir", cache, harness,
           # The smoke tests with cvc4 and the core's smoke budget, then z3
           # on what is left (as proofs/wp.mk, which says why in this order).
           "-then", "-wp", "-wp-smoke-tests", "-wp-steps", wp_mk("WP_STEPS_SMOKE"),
           "-then", "-wp", *wp_limits("z3"), "-wp-report-json", report,
           "-then", "-report", "-report-csv", csv_path]
    start = time.time()
    passes = {}
    try:
        code, text = progress.run_streaming(cmd, ROOT, lambda line: say.wp_line(line, passes))
    except FileNotFoundError as e:
        raise ToolError(f"cannot run frama-c: {e}")
    seconds = time.time() - start
    # WP caches failures too; only Valid answers may be replayed (a whole
    # admission's verdict is cached apart, so a warm admission runs no WP).
    run([sys.executable, os.path.join(ROOT, "proofs/prune_cache.py"), "--only-valid", cache])
    with open(log, "w") as f:
        f.write(text)
    if code != 0 or not os.path.isfile(csv_path) or not os.path.isfile(report):
        errors = frama_c_errors(text, u)
        if errors:
            raise Refused(errors, log)
        if "rror" in text and os.path.isfile(harness):
            raise Refused([f"{show(m.path)}:1: rejected: Frama-C/WP stopped on it "
                           f"(exit {code}): {wp_words.first_error(text)}"], log)
        raise ToolError(f"frama-c/WP failed (exit {code}); log in {show(log)}")
    per_fn, lemmas = wp_words.goal_counts(json.load(open(report)), wrappers)
    lines = wp_words.lemma_refusals(lemmas, u)
    lines += wp_words.refusals(csv_path, u, wrappers, anchor, exported=exported_functions(m, u), log=text,
                               effects=effects(harness, text, work))
    if lines:
        raise Refused(lines, log)
    if not per_fn or any(v < t for v, t in per_fn.values()) or any(v < t for v, t in lemmas.values()):
        failed = ", ".join(sorted(wp_log.failed_goals(text))[:6]) or "see the log"
        raise Refused([f"{show(m.path)}:1: rejected: WP did not prove every goal ({failed})"], log)
    if lemmas:
        per_fn["lemmas"] = [sum(v for v, _ in lemmas.values()), sum(t for _, t in lemmas.values())]
    return per_fn, seconds


def effects(harness, log, work):
    """The statements behind failed assigns and termination goals: WP
    names them only when it prints the goals, so the functions with such a
    failure are printed once more (generated, not proved: seconds)."""
    fns = sorted({m[1] for g in wp_log.failed_goals(log)
                  for m in [re.fullmatch(r"typed_(\w+?)_(?:assigns|terminates)(?:_(?:normal|exit))?(?:_part\d+)?", g)]
                  if m})
    if not fns:
        return []
    r = run(["frama-c", *PARSE_FLAGS, *wp_rte_flags(), "-wp", "-wp-literals", "-wp-gen", "-wp-prover", "none", "-wp-print",
             "-wp-fct", ",".join(fns), "-wp-prop", "@assigns,@terminates", harness])
    with open(os.path.join(work, "effects.log"), "w") as f:
        f.write(r.stdout + r.stderr)
    return wp_log.effects(r.stdout)


def exported_functions(m, u):
    """Functions the exports header declares: their preconditions are
    their importers' to prove."""
    if not m.exports:
        return set()
    text = "\n".join(u.text.split("\n")[u.interface_end:u.exports_end])
    return set(re.findall(r"\b(\w+)\s*\([^;{]*\)\s*;", text))


INTEGER_TYPE = re.compile(r"^(?:(?:unsigned|signed|int|long|short|char)\s*)+$|^u?int(?:8|16|32|64)_t$")


def callable_exports(m, u):
    """Exports the shell's `call` may run bare: declared in the exports
    header (as preprocessed) as NAME(void) returning an integer, after a
    contract with no precondition. Recorded in the packaged manifest."""
    if not m.exports:
        return []
    text = "\n".join(u.text.split("\n")[u.interface_end:u.exports_end])
    out = []
    for contract, ret, name in re.findall(r"/\*@((?:(?!\*/).)*?)\*/\s*([A-Za-z_][\w ]*?)\s*\b(\w+)\s*\(\s*void\s*\)\s*;",
                                          text, re.S):
        if INTEGER_TYPE.match(ret.strip()) and not re.search(r"\brequires\b", contract) and len(name) < 32:
            out.append(name)
    return sorted(set(out))


def compile_object(m, u, allow, work):
    """gcc on unit.i itself; then the object is read back (objcheck.py)."""
    obj = os.path.join(work, m.name + ".o")
    r = run(["gcc", *CFLAGS, "-fstack-usage", "-c", u.path, "-o", obj])
    if r.returncode != 0:
        raise Refused(gcc_refusals(r.stderr, u))
    roots = [fn for fn, *_ in roles(m)] + [interfaces.FINI[0]]
    listed = [fn for _, fn in m.handlers + m.guards]
    try:
        bad, worst = objcheck.check(obj, os.path.splitext(obj)[0] + ".su", roots,
                                    exported_functions(m, u), listed, set(allow))
    except objcheck.ObjectError as e:
        raise ToolError(f"{show(obj)}: {e}")
    where = f"{show(m.path)}:1"
    if worst > EXT_STACK_MAX:
        bad.append(f"needs {worst} bytes of stack, the kernel gives an extension {EXT_STACK_MAX}")
    if bad:
        raise Refused([f"{where}: rejected: {b}" for b in bad])
    return obj, worst


def summary_text(m, per_fn, seconds, worst):
    versions = run(["why3", "config", "list-provers"]).stdout
    provers = ", ".join(p for p in ("CVC4 1.8", "Z3 4.8.12") if p in versions) or "cvc4, z3"
    fc = run(["frama-c", "-version"]).stdout.strip()
    proved, total = sum(v for v, _ in per_fn.values()), sum(t for _, t in per_fn.values())
    lines = [f"proved {proved}/{total} goals in {seconds:.1f} s (Frama-C {fc}, WP, {provers})",
             f"stack {worst} of {EXT_STACK_MAX} bytes",
             f"bound {bound_of(m)} loop iterations per call of each entry point (budget {FUEL_BUDGET})"]
    lines += [f"  {fn}: {v}/{t}" for fn, (v, t) in sorted(per_fn.items())]
    return ("\n".join(lines) + "\n").encode()


def inputs_digest(m, u):
    """Every input of a verdict: the preprocessed unit (so everything the
    preprocessor read, whatever file it came from), its regions, the
    manifest, the interface digest, the tool itself, WP's settings and the
    versions of gcc, Frama-C and the provers."""
    h = hashlib.sha256()
    h.update(u.text.encode() + f"\0{u.interface_end}\0{u.exports_end}\0".encode())
    tool = sorted(os.path.join(ROOT, "extensions/admit", n) for n in os.listdir(os.path.join(ROOT, "extensions/admit"))
                  if n.endswith((".py", ".ml")))
    for f in tool + [os.path.join(ROOT, "proofs/wp.mk")]:
        h.update(f.encode() + b"\0" + open(f, "rb").read())
    h.update(m.canonical() + f"bound {bound_of(m)}\n".encode() + package.interface_digest(ROOT))
    h.update((run(["gcc", "--version"]).stdout + run(["frama-c", "-version"]).stdout
              + run(["why3", "config", "list-provers"]).stdout).encode())
    return h.hexdigest()


def verdict(m, u, allow, work, args, say):
    """The gate's and WP's verdict: from the cache when nothing it depends
    on changed (a refusal is never cached), else by running both. Also
    when it was proved: None if just now, else the date it was."""
    path = os.path.join(args.cache, "verdicts", inputs_digest(m, u) + ".json")
    if not args.recheck and os.path.isfile(path):
        v = json.load(open(path))
        say.stage("the verdict of an identical admission is in the cache: no prover runs")
        return v["gate"], v["per_fn"], v["seconds"], v.get("when", "an earlier run")
    say.stage("gate: the closed language, then Frama-C's AST")
    g = gate(m, u, allow, work)
    say.stage("gcc: C11 syntax check")
    gcc_check(u)
    harness, wrappers, anchor = write_harness(m, u, g, work)
    per_fn, seconds = prove(m, u, harness, wrappers, anchor, work, args.cache, say)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with open(path, "w") as f:
        json.dump({"gate": g, "per_fn": per_fn, "seconds": seconds, "when": when}, f)
    return g, per_fn, seconds, None


def admit(args):
    if not os.path.isfile(args.key):
        raise ToolError(f"no signing key at {show(args.key)}: `make` makes one for this machine (keygen.py), "
                        f"or set SPINEL_SIGNING_KEY to the key to admit with")
    m = manifest.read(args.extension)
    out = args.out or os.path.join(ROOT, "build/ext", m.name + ".ext")
    # Where the package goes is checked before a minute of proof.
    os.makedirs(os.path.dirname(out), exist_ok=True)
    if os.path.isdir(out):
        raise IsADirectoryError(21, "Is a directory", out)
    if not os.access(os.path.dirname(out), os.W_OK):
        raise PermissionError(13, "Permission denied", os.path.dirname(out))
    say = progress.Progress(m.name, args.quiet)
    check_bound(m)
    allow, headers = check_manifest(m)
    incs = includes(headers)
    work = os.path.join(ROOT, "build/admit", m.name)
    os.makedirs(work, exist_ok=True)
    say.stage("preprocess: one unit with the interface headers")
    u = write_unit(m, headers, incs, work)
    g, per_fn, seconds, cached = verdict(m, u, allow, work, args, say)
    say.stage("compile: gcc, then the object checked against the proof")
    obj, worst = compile_object(m, u, allow, work)
    say.stage("certify: package and sign")
    summary = summary_text(m, per_fn, seconds, worst)
    with open(out, "wb") as f:
        contracts = {os.path.basename(os.path.dirname(h)): manifest.file_digest(os.path.join(ROOT, h))
                     for h in headers if not h.startswith(interfaces.INCLUDE)}
        try:
            data = package.pack(lambda body: lms.sign(args.key, body), m.canonical(contracts, callable_exports(m, u)),
                                open(obj, "rb").read(), summary, package.interface_digest(ROOT))
        except (OSError, ValueError, lms.SignatureError) as e:
            raise ToolError(f"cannot sign with {show(args.key)}: {e}")
        f.write(data)
    first = summary.decode().splitlines()[0]
    if cached:
        # The package's summary keeps the proof's own time; the line says
        # that this run proved nothing.
        first = re.sub(r" in ([\d.]+ s) \(", rf" (cached; proved in \1 on {cached}; ", first)
    print(f"{m.name}: admitted: {first}; {show(out)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("extension")
    ap.add_argument("--key", default=keygen.key_path(),
                    help="the signing key (default $SPINEL_SIGNING_KEY or ~/.config/spinel/signing-key.json)")
    ap.add_argument("--out")
    ap.add_argument("--cache", default=os.path.join(ROOT, "build/admit-cache"),
                    help="WP's proof cache, and the verdicts of unchanged extensions")
    ap.add_argument("--recheck", action="store_true",
                    help="run the gate and WP even if an identical extension was admitted before")
    ap.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = ap.parse_args()
    # Paths the user gave are relative to the directory the tool runs in.
    args.extension, args.key, args.cache = (os.path.abspath(p) for p in (args.extension, args.key, args.cache))
    args.out = os.path.abspath(args.out) if args.out else None
    try:
        admit(args)
    except manifest.ManifestError as e:
        print(str(e))
        return 1
    except Refused as e:
        print("\n".join(messages.merged(e.lines)))
        name = os.path.basename(os.path.dirname(e.log)) if e.log else None
        if e.log:
            print(f"{name}: refused; full log: {show(e.log)}")
        return 1
    except (ToolError, manifest.MissingFile) as e:
        print(f"admit: error: {e}" if isinstance(e, ToolError) else str(e), file=sys.stderr)
        return 2
    except OSError as e:
        # A file the user named (or the tool needs) cannot be read or written.
        why = "exists and is not a directory" if isinstance(e, FileExistsError) else e.strerror or e
        print(f"{show(e.filename) if e.filename else 'admit'}: error: {why}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as e:
        print(f"admit: error: {show(args.extension)} or a file it names is not UTF-8 text ({e.reason})",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("admit: interrupted", file=sys.stderr)
        return 130
    except Exception as e:    # a bug of the tool: one line that says where, never a traceback
        frame = traceback.extract_tb(e.__traceback__)[-1]
        print(f"admit: error: internal error at {os.path.basename(frame.filename)}:{frame.lineno}: "
              f"{type(e).__name__}: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
