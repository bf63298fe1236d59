#!/usr/bin/env python3
"""Run every test: hosted unit-test binaries (given as arguments) and the
QEMU boot tests; print one line per test and end with 'N passed, M failed'."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "boot"))
import cases  # noqa: E402

SCRIPT_NET = 1800


def run_unit(binary):
    """Each PASS/FAIL line of a unit binary is one test."""
    name = os.path.basename(binary)
    try:
        # A net against a hang, not a timing: test_admit.py alone takes
        # 6 to 15 minutes, depending on the machine's load.
        p = subprocess.run([binary], capture_output=True, text=True, timeout=SCRIPT_NET)
    except subprocess.TimeoutExpired:
        return [(f"{name}: timeout", False, f"ran over {SCRIPT_NET} s")]
    results = []
    for line in p.stdout.splitlines():
        if line.startswith("PASS "):
            results.append((f"{name}: {line[5:]}", True, ""))
        elif line.startswith("FAIL "):
            results.append((f"{name}: {line[5:]}", False, line))
    if p.returncode != 0 and all(ok for _, ok, _ in results):
        results.append((f"{name}: exit", False, f"exit {p.returncode}: {p.stderr[-800:]}"))
    if not results:
        results.append((f"{name}: no tests", False, "the binary reported nothing"))
    return results


def run_fuzzer(binary):
    """A bounded libFuzzer run from the seed corpus: passes if nothing crashed."""
    name = os.path.basename(binary)
    seconds = int(os.environ.get("FUZZ_SECONDS", "20"))
    corpus = binary + ".corpus"
    os.makedirs(corpus, exist_ok=True)
    try:
        p = subprocess.run([binary, f"-max_total_time={seconds}", "-print_final_stats=1",
                            f"-artifact_prefix={binary}.", corpus, binary + ".seeds"],
                           capture_output=True, text=True, timeout=seconds + 120)
    except subprocess.TimeoutExpired:
        return [(f"{name}: fuzzing", False, "did not stop")]
    runs = next((line.split()[-1] for line in p.stderr.splitlines()
                 if line.startswith("stat::number_of_executed_units")), "?")
    ok = p.returncode == 0
    why = "" if ok else p.stderr[-1500:]
    return [(f"{name}: {runs} executions in {seconds} s, no crash", ok, why)]


def run_boot(test):
    start = time.monotonic()
    try:
        test()
        return True, f"{time.monotonic() - start:.1f} s"
    except Exception as e:  # an assertion, a GuestError or a harness fault
        return False, f"{type(e).__name__}: {e}"


def phase_of(binary):
    """The CI phase a test belongs to, for the per-phase wall times."""
    if os.path.basename(binary).startswith("fuzz_"):
        return "fuzz"
    if os.sep + "admit" + os.sep in binary or os.sep + "proofs" + os.sep in binary:
        return "admission"
    return "unit"


def record_phases(seconds):
    """Append each phase's wall time to build/phases.txt (ci/check.sh)."""
    os.makedirs("build", exist_ok=True)
    with open(os.path.join("build", "phases.txt"), "a") as f:
        for phase, s in seconds.items():
            f.write(f"{phase} {s:.0f}\n")


def main(units):
    passed = failed = 0
    only = os.environ.get("TEST")
    seconds = {"unit": 0.0, "admission": 0.0, "fuzz": 0.0, "boot": 0.0}
    for binary in units:
        run = run_fuzzer if os.path.basename(binary).startswith("fuzz_") else run_unit
        start = time.monotonic()
        for name, ok, why in run(binary):
            print(f"{'PASS' if ok else 'FAIL'} {name}" + ("" if ok else f"\n     {why}"))
            passed, failed = passed + ok, failed + (not ok)
        seconds[phase_of(binary)] += time.monotonic() - start
    start = time.monotonic()
    for test in cases.TESTS:
        if only and only not in test.__name__:
            continue
        ok, why = run_boot(test)
        print(f"{'PASS' if ok else 'FAIL'} boot: {test.__name__[5:]} ({why})")
        passed, failed = passed + ok, failed + (not ok)
    seconds["boot"] = time.monotonic() - start
    record_phases(seconds)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
