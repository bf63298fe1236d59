#!/usr/bin/env python3
"""make bench: boot the kernel from a GRUB ISO with "bench" on its command
line under -icount shift=0 (the TSC then counts guest instructions, the
same on every run), with generated objects as boot modules for the domain
linker rows; run the hosted linker bench on the same sources; time the
admission of the samples; print a table and write build/bench.json.
Each row is printed as it completes, "row k/N", as the whole takes minutes."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "boot"))
import cases  # noqa: E402
from qemu import EXIT_OK, Guest  # noqa: E402

ICOUNT = ["-icount", "shift=0,align=off,sleep=off"]
SIZES = [100, 1000, 10000]
OUT = "build/bench-objs"
ADMITTED = ("counter", "hello", "checksum", "sum")
ADMIT_MODES = (("cold", []), ("warm", []), ("recheck", ["--recheck"]))
# The rows kernel/bench/bench*.c print; the previous run's count, if there
# is one, is used instead (so the total stays right when a row is added).
KERNEL_ROWS = 40
# SPIN's virtual memory table (Bershad et al., SOSP '95, from Appel and
# Li's benchmarks) in microseconds on a 133 MHz Alpha, and what our row
# counts (kernel/bench/bench_vm.c says it in full). SPIN's ratio is against
# its protected in-kernel procedure call, 0.13 us, as ours is against
# indirect_call: compare the ratios, not the absolute times.
SPIN_CALL_US = 0.13
SPIN_VM = (
    ("vm_dirty", 2, "ExamineMapping of a mapped page, each of 50 in turn (the model keeps no dirty bit)"),
    ("vm_fault", 29, "write to an unmapped page of a range: PageNotPresent, handler maps a held frame, retry"),
    ("vm_trap", 7, "write to a read-only page: ProtectionFault to a handler and back, its vm_protect subtracted"),
    ("vm_prot1", 16, "vm_protect of one page, read-write to read-only, each of 50 in turn"),
    ("vm_prot100", 213, "vm_protect of 100 pages to read-only (50 in each of two contexts: 64 mappings at most)"),
    ("vm_unprot100", 214, "the same 100 pages back to read-write"),
    ("vm_appel1", 39, "write to a read-only page; handler unprotects it and protects the next, per fault"),
    ("vm_appel2", 29, "protect 50 pages, write each, handler unprotects it; two contexts, per page"),
)
# SPIN's thread table (the same paper, in-kernel threads), in microseconds:
# fork-join creates a thread, runs it, ends it and waits for its end;
# ping-pong hands the processor between two threads and back.
# Our _sched rows are the same on strands the sched extension owns and
# schedules (its handlers answer their Block, Unblock and Resume). SPIN's
# figure beside them is its kernel threads' again: its table has no row
# for threads under an extension's policy. The 22 us of fork-join is the
# SPIN project's own page; the 17 us of ping-pong is from the paper as
# remembered, not checked against a copy here.
SPIN_THREADS = (
    ("strand_fork_join", 22, "spawn a strand that ends at once, wait for it (kernel strands, round robin)"),
    ("strand_ping_pong", 17, "two strands hand the processor to each other, there and back"),
    ("strand_fork_join_sched", 22, "fork-join on strands of the sched extension, under its policy"),
    ("strand_ping_pong_sched", 17, "ping-pong on strands of the sched extension, under its policy"),
)
# SPIN's protected communication table (the same paper): a system call
# from an application and back, and a cross-address-space call, against
# its in-kernel call. SPIN's system call figure stands beside both of ours
# (the kernel's default answer, and an extension's call); its cross-address
# -space call beside both port rows (a null answer, and kv's count served
# by an application: the service sys_ext_kv_count reaches in the kernel).
SPIN_CALLS = (
    ("sys_null", 4, "a system call nobody serves, from ring 3 and back: Trap.Syscall raised, the kernel's default"),
    ("sys_ext_kv_count", 4, "an extension's system call from ring 3: kv's count, a guarded handler on Trap.Syscall"),
    ("ipc_ping_pong", 89, "a call to another application's port and its answer: two system calls, two context switches"),
    ("ipc_kv_count", 89, "kv's count (the same scan) served by an application through a port, not by an extension"),
)
KERNEL_MODEL = ["-ffreestanding", "-fno-pic", "-mcmodel=kernel", "-mno-red-zone", "-fno-stack-protector"]


def generate(n):
    """lib N defines f0..fN-1; app N defines a0..aN-1, each calling one f:
    N exports each, N imports and N relocations in app."""
    os.makedirs(OUT, exist_ok=True)
    with open(f"{OUT}/lib{n}.c", "w") as f:
        f.writelines(f"int f{i}(int x) {{ return x + {i}; }}\n" for i in range(n))
    with open(f"{OUT}/app{n}.c", "w") as f:
        f.writelines(f"extern int f{i}(int);\nint a{i}(int x) {{ return f{i}(x) * 3; }}\n" for i in range(n))


def compile_object(src, out, flags):
    subprocess.run(["gcc", "-std=c11", "-O2", "-c", *flags, src, "-o", out], check=True)
    return out


def objects():
    kernel_mods, hosted_args = [], []
    for n in SIZES:
        generate(n)
        for kind in ("lib", "app"):
            obj = compile_object(f"{OUT}/{kind}{n}.c", f"{OUT}/{kind}{n}.o", KERNEL_MODEL)
            with open(obj, "rb") as f:
                kernel_mods.append((f.read(), f"bench-domain {kind}{n}"))
        hosted_args += [str(n)] + [compile_object(f"{OUT}/{k}{n}.c", f"{OUT}/{k}{n}-pic.o", ["-fPIC"])
                                   for k in ("lib", "app")]
    return kernel_mods, hosted_args


class Progress:
    """One line per row as it completes: row k/N, with the elapsed time."""

    def __init__(self, kernel_rows):
        self.start, self.done = time.monotonic(), 0
        self.total = kernel_rows + len(SIZES) + HOST_NET_ROWS + len(ADMITTED) * len(ADMIT_MODES)

    def say(self, text):
        print(f"bench: {text} ({time.monotonic() - self.start:.0f} s)", flush=True)

    def row(self, r):
        self.done += 1
        self.say(f"row {self.done}/{self.total} {r['name']} {r['value']} {r['unit']}")

    def kernel_done(self, expected, got):
        """The boot printed its rows: the total is now exact."""
        self.total += got - expected


def previous_kernel_rows():
    try:
        with open("build/bench.json") as f:
            return sum(1 for r in json.load(f) if r["unit"] == "instructions") or KERNEL_ROWS
    except (OSError, ValueError, KeyError, TypeError):
        return KERNEL_ROWS


def admission_rows(progress):
    """Wall time of admitting each sample: cold (an empty cache: every
    prover runs), warm (the verdict of the cold run is reused: nothing it
    depends on changed) and recheck (the gate and WP run again, the provers'
    answers come from WP's cache)."""
    rows = []
    for name in ADMITTED:
        cache = f"build/bench-admit-cache/{name}"
        subprocess.run(["rm", "-rf", cache], check=True)
        for mode, extra in ADMIT_MODES:
            start = time.monotonic()
            subprocess.run([sys.executable, "extensions/admit/admit.py", "--cache", cache, *extra, "--out",
                            f"build/bench-admit-{name}.ext", f"extensions/{name}/{name}.manifest"],
                           check=True, capture_output=True)
            rows.append({"name": f"admit_{name}_{mode}", "value": int((time.monotonic() - start) * 1000),
                         "unit": "ms", "baseline": None if mode == "cold" else f"admit_{name}_cold"})
            progress.row(rows[-1])
    return rows


HOST_NET_ROWS = 2
HOST_ECHOES = 1000
HOST_FLOOD = 20000


def host_net_rows(progress):
    """Wall-clock rows, noisy (they depend on the host's load): the echo
    extension's UDP round trip from the host through QEMU's dgram netdev
    (not under -icount), the median of HOST_ECHOES in turn; and the rate
    with 16 datagrams in flight. SPIN's 565 us was a round trip between two
    machines over real Ethernet: the order of magnitude only compares."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "net"))
    import frames
    from peer import Peer, boot
    peer = Peer()
    g = boot(peer, exts=("echo",))
    rows = []
    try:
        g.expect(r"extensions: 1 loaded, 0 refused")
        g.expect(r"Type 'help' for commands\.")
        frame = frames.udp_frame(40000, 7, b"x" * 32)
        times = []
        for _ in range(HOST_ECHOES):
            start = time.perf_counter()
            peer.send(frame)
            if peer.recv(5.0) is None:
                raise RuntimeError("bench: the echo extension stopped answering")
            times.append(time.perf_counter() - start)
        times.sort()
        rows.append({"name": "net_host_udp_rtt", "value": int(times[len(times) // 2] * 1e6), "unit": "us",
                     "baseline": None})
        progress.row(rows[-1])
        start, in_flight = time.perf_counter(), 0
        for _ in range(HOST_FLOOD):
            peer.send(frame)
            in_flight += 1
            while in_flight >= 16:
                if peer.recv(5.0) is None:
                    raise RuntimeError("bench: the echo extension stopped answering")
                in_flight -= 1
        while in_flight:
            if peer.recv(5.0) is None:
                raise RuntimeError("bench: the echo extension stopped answering")
            in_flight -= 1
        rows.append({"name": "net_host_udp_rate", "value": int(HOST_FLOOD / (time.perf_counter() - start)),
                     "unit": "per_s", "baseline": None})
        progress.row(rows[-1])
    finally:
        peer.close()
        g.kill()
    return rows


def parse_row(line):
    parts = line.split()
    if len(parts) == 5 and parts[0] == "BENCH":
        _, name, value, unit, baseline = parts
        return {"name": name, "value": int(value), "unit": unit,
                "baseline": None if baseline == "-" else baseline}
    return None


def kernel_rows(iso, progress):
    """The kernel's rows, each reported as the serial console prints it."""
    g = Guest(["-cdrom", iso] + ICOUNT, timeout=300)
    rows = []
    try:
        while True:
            m = g.expect(r"BENCH (done|\S+ \d+ \S+ \S+)\n", "a BENCH row")
            if m[1] == "done":
                break
            rows.append(parse_row(m[0]))
            progress.row(rows[-1])
        g.expect_exit(EXIT_OK)
    finally:
        g.kill()
    return rows


def collect(kernel):
    expected = previous_kernel_rows()
    progress = Progress(expected)
    progress.say(f"{progress.total} rows: the kernel's under -icount (boot first), "
                 f"the hosted linker's, then {len(ADMITTED) * len(ADMIT_MODES)} admissions")
    progress.say(f"compiling the linker rows' objects ({', '.join(map(str, SIZES))} symbols), for the kernel and hosted")
    kernel_mods, hosted_args = objects()
    progress.say("booting the kernel under -icount")
    for name in ("checksum", "sched", "kv", "echo"):
        with open(f"build/ext/{name}.ext", "rb") as f:
            kernel_mods.append((f.read(), f"bench-ext {name}"))
    for name in ("null", "pingpong"):
        with open(f"build/apps/{name}.elf", "rb") as f:
            kernel_mods.append((f.read(), f"app {name}"))
    cases.KERNEL = kernel
    iso = cases.build_iso("bench", kernel_mods, cmdline="bench")
    rows = kernel_rows(iso, progress)
    progress.kernel_done(expected, len(rows))
    hosted = subprocess.run(["build/bench_domain_host", *hosted_args], capture_output=True, text=True, check=True)
    for line in hosted.stdout.splitlines():
        if parse_row(line):
            rows.append(parse_row(line))
            progress.row(rows[-1])
    return rows + host_net_rows(progress) + admission_rows(progress)


def add_ratios(rows):
    values = {r["name"]: r["value"] for r in rows}
    for r in rows:
        base = values.get(r["baseline"]) if r["baseline"] else None
        r["ratio"] = round(r["value"] / base, 3) if base else None


LEGEND = """\
instructions: guest instructions between two points, counted by QEMU under
  -icount shift=0 (one TSC tick per instruction): the same on every run,
  not time. ns: hosted wall time. ms: an admission's wall time.
  us, per_s: the host's wall clock through QEMU's network (noisy).
ratio: value / the baseline row's value (both from this run).
admit_NAME_cold: an empty cache, every prover runs; _warm: the cached
  verdict is reused (nothing it depends on changed); _recheck: --recheck,
  the gate and WP run again, the provers' answers come from WP's cache."""


def spin_table(rows):
    """The VM and thread rows beside SPIN's figures, each as a ratio to its own
    procedure call; the figures also go into bench.json."""
    values = {r["name"]: r for r in rows}
    lines = ["", "SPIN's virtual memory (Appel and Li) and thread tables beside ours; ratio = / a procedure call "
                 f"(ours: indirect_call; SPIN's: its in-kernel call, {SPIN_CALL_US} us);",
             "/trap = / the same table's Trap row (SPIN's: 7 us), which needs no procedure-call baseline"]
    cells = []
    for name, us, what in SPIN_VM + SPIN_THREADS + SPIN_CALLS:
        r = values.get(name)
        if r is None or r["ratio"] is None:
            continue
        r["spin_us"], r["spin_ratio"] = us, round(us / SPIN_CALL_US, 1)
        trap = values.get("vm_trap")
        ours_trap = f"{r['value'] / trap['value']:.2f}" if trap and trap["value"] else "-"
        cells.append((name, f"{r['ratio']:.1f}", f"{us}", f"{r['spin_ratio']:.1f}", ours_trap, f"{us / 7:.2f}", what))
    head = ("row", "ratio", "SPIN us", "SPIN ratio", "/trap", "SPIN /trap", "what our row counts")
    w = [max(len(c[i]) for c in cells + [head]) for i in range(6)]
    fmt = "  ".join([f"{{:<{w[0]}}}"] + [f"{{:>{w[i]}}}" for i in range(1, 6)] + ["{}"])
    return lines + [fmt.format(*head)] + [fmt.format(*c) for c in cells] if cells else []


def table(rows):
    """The rows in columns as wide as their longest entry, then the legend."""
    cells = [(r["name"], str(r["value"]), r["unit"], r["baseline"] or "-",
              f"{r['ratio']:.3f}" if r["ratio"] is not None else "-") for r in rows]
    head = ("name", "value", "unit", "baseline", "ratio")
    w = [max(len(c[i]) for c in cells + [head]) for i in range(5)]
    fmt = f"{{:<{w[0]}}}  {{:>{w[1]}}}  {{:<{w[2]}}}  {{:<{w[3]}}}  {{:>{w[4]}}}"
    return [fmt.format(*head)] + [fmt.format(*c) for c in cells] + ["", LEGEND]


def main(kernel):
    rows = collect(kernel)
    if not rows:
        print("bench: the kernel printed no BENCH rows")
        return 1
    add_ratios(rows)
    print("\n".join(table(rows) + spin_table(rows)))
    os.makedirs("build", exist_ok=True)
    with open("build/bench.json", "w") as f:
        json.dump(rows, f, indent=1)
        f.write("\n")
    print("wrote build/bench.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/spinel.elf"))
