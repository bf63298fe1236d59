"""QEMU boot tests of the guard and reclaim samples: a write watch built
on Translation.ProtectionFault, and a PhysAddr.Reclaim policy that
nominates its own frames, measured with the shell's `vm fill`; each
unloaded leaves nothing held, and 1000 loads of guard leak nothing."""
import re

from vm_cases import cycles_leak_nothing, live_strands, status


def guest(name, samples):
    """A guest booted from an ISO with the given samples loaded at boot."""
    import cases
    import ext_cases
    from qemu import Guest
    iso = cases.build_iso(name, [(ext_cases.pkg(s), f"ext {s}") for s in samples])
    return Guest(["-cdrom", iso], timeout=300)


TOUCHED = r"touch: strand (\d+): 8 pages written and read back\r?\n"


def guard_run(g, base):
    """`guard`, then the touch strand's report, which may come before the
    command's own line (the strand may run first) or after its prompt
    (then a fresh prompt is asked for)."""
    g.expect(r"spinel> ", "prompt")
    start = g.seen
    g.send("guard")
    g.expect(rf"guard: touching 8 pages at {base}\r?\n", "reply to 'guard'")
    if not re.compile(TOUCHED).search(g.output, start):
        g.expect(TOUCHED, "the touch strand's report")
        g.send("")


def test_guard_write_watch_then_unload_returns_everything():
    """guard's pages are read-only: the touch workload's first write to
    each is a ProtectionFault its handler resolves by marking the page
    dirty and making it writable, so all 8 pages are written and read
    back, 8 faults resolved, none stopped; a second run faults no more.
    `guard reset` protects them again, and the next run is caught again:
    8 more faults. Unloaded, nothing of it is held and the free frames are
    what they were before it was loaded."""
    import cases
    g = guest("guard", ["guard"])
    try:
        base = g.expect(r"guard: context \d+, 8 read-only pages at (0x[0-9a-f]+) watched for writes\r?\n")[1]
        g.expect(r"extensions: 1 loaded, 0 refused")
        loaded = status(g)
        assert loaded[0:2] == [8, 1] and loaded[3] == 1 and loaded[2] > 0, loaded
        g.command("ext unload guard", r"guard: unloaded; guard: 0 of 8 pages dirty; 0 writes caught, 0 runs, "
                                      r"0 resets\r?\next guard: unloaded")
        before = status(g)
        assert before[:4] == [0, 0, 0, 0], before
        g.command("ext load guard", r"ext guard: loaded")
        g.command("guard stat", r"guard: 0 of 8 pages dirty; 0 writes caught, 0 runs, 0 resets\r?\n")
        guard_run(g, base)
        g.command("guard stat", r"guard: 8 of 8 pages dirty; 8 writes caught, 1 runs, 0 resets\r?\n")
        s = status(g)
        assert s[5:10] == [0, 0, 8, 8, 0], f"faults, resolved, stopped: {s}"
        guard_run(g, base)  # writable now: no fault
        g.command("guard stat", r"guard: 8 of 8 pages dirty; 8 writes caught, 2 runs, 0 resets\r?\n")
        assert status(g)[5:10] == [0, 0, 8, 8, 0]
        g.command("guard reset", r"guard: 8 pages read-only again, marks cleared\r?\n")
        g.command("guard stat", r"guard: 0 of 8 pages dirty; 8 writes caught, 2 runs, 1 resets\r?\n")
        guard_run(g, base)
        g.command("guard stat", r"guard: 8 of 8 pages dirty; 16 writes caught, 3 runs, 1 resets\r?\n")
        s = status(g)
        assert s[0:2] == [8, 1] and s[3] == 1, s
        assert s[5:10] == [0, 0, 16, 16, 0], f"8 more faults after the reset, all resolved: {s}"
        g.command("ext unload guard", r"guard: unloaded; guard: 8 of 8 pages dirty; 16 writes caught, 3 runs, "
                                      r"1 resets\r?\next guard: unloaded")
        after = status(g)
        assert after[:4] == [0, 0, 0, 0], after
        assert after[4] == before[4], f"frames leaked: {before[4]} free before, {after[4]} after"
        cases.halt(g)
    finally:
        g.kill()


def test_guard_unload_while_touching_and_cycles():
    """Unloading guard while its touch strand may still run kills the
    strand and returns the frames; 1000 loads and unloads leave the free
    frames and the live strands as they were."""
    import cases
    g = guest("guardcycle", ["guard"])
    try:
        g.expect(r"extensions: 1 loaded, 0 refused")
        g.command("ext unload guard", r"ext guard: unloaded")
        before, live_before = status(g), live_strands(g)
        g.command("ext load guard", r"ext guard: loaded")
        g.command("guard", r"guard: touching 8 pages")
        g.command("ext unload guard", r"ext guard: unloaded")
        s = status(g)
        assert s[:4] == [0, 0, 0, 0] and s[4] == before[4], (before, s)
        after = cycles_leak_nothing(g, "guard", before, live_before)
        assert after[9] == 0, f"no strand stopped: {after}"
        cases.halt(g)
    finally:
        g.kill()


FILL = (r"vm fill: (\d+) frames held, then refused: ([^\r\n]*) \(error (\d+)\); Reclaim raised (\d+) times\r?\n"
        r"vm fill: (\d+) frames given back\r?\n")
STAT = (r"reclaim: (\d+) frames held, (\d+) given, (\d+) declined of (\d+) offers; offered([ \d]*), "
        r"nominated([ \d]*); still mapped([ \d]*)\r?\n")
TABLE = 256  # kernel/include/mem/phys.h's PHYS_PAGES: the frames the shell may hold at most


def fill(g):
    """`vm fill`: the frames the shell held, how many of them the kernel
    reclaimed from another holder (the `vm` counter's change), and why the
    last allocation was refused; every one given back."""
    reclaimed = status(g)[10]
    m = g.command("vm fill", FILL)
    assert m[1] == m[5], f"all given back: {m.group(0)}"
    return int(m[1]), status(g)[10] - reclaimed, m[2]


def numbers(text):
    return [int(x) for x in text.split()]


def test_reclaim_policy_gives_its_latest_frames_keeps_a_reserve():
    """guard and reclaim each hold 8 frames. `vm fill` takes every free
    entry of the frame table, then each refusal raises Reclaim: guard's
    frames are offered too, but guard has no Reclaim handler, so they stay
    (allocation simply fails there); reclaim agrees while it holds more
    than 2, nominating its most recently taken frame, never the one
    offered. So the shell holds exactly 6 frames more than the free
    entries, the kernel reclaimed 6, and reclaim's pages still mapped in
    its context (the kernel's model, not its bookkeeping) are the two it
    took first. Without the policy (reclaim unloaded), the shell gets the
    free entries only and the allocation fails cleanly. Unloaded, nothing
    is held."""
    import cases
    g = guest("reclaim", ["guard", "reclaim"])
    try:
        g.expect(r"reclaim: 8 frames held, a reserve of 2 kept from Reclaim\r?\n")
        g.expect(r"extensions: 2 loaded, 0 refused")
        s = status(g)
        assert s[0] == 16 and s[10] == 0, s
        g.command("reclaim", r"reclaim: 8 frames held, 0 given, 0 declined of 0 offers; offered, nominated; "
                             r"still mapped 0 1 2 3 4 5 6 7\r?\n")
        held, by_reclaim, why = fill(g)
        print(f"reclaim: vm fill held {held} with the policy ({TABLE - 16} free entries)")
        assert held == TABLE - 16 + 6 and by_reclaim == 6, (held, by_reclaim)
        assert why == "the frame table is full, and Reclaim gave nothing", why
        m = g.command("reclaim", STAT)
        assert [int(m[i]) for i in (1, 2)] == [2, 6], m.group(0)
        assert int(m[3]) >= 2 and int(m[4]) == 6 + int(m[3]), m.group(0)
        offered, nominated, mapped = numbers(m[5]), numbers(m[6]), numbers(m[7])
        assert nominated == [7, 6, 5, 4, 3, 2], f"the latest frame first: {m.group(0)}"
        assert all(o != n for o, n in zip(offered, nominated)), f"never the candidate: {m.group(0)}"
        assert mapped == [0, 1], f"the kernel took the nominees, not the candidates: {m.group(0)}"
        s = status(g)
        assert s[0] == 10 and s[10] == 6, f"guard's 8 and reclaim's 2 held, 6 reclaimed: {s}"
        guard_run(g, "0x[0-9a-f]+")  # guard's frames were never taken
        g.command("ext unload reclaim", r"reclaim: unloaded; reclaim: 2 frames held, 6 given")
        held, by_reclaim, why = fill(g)
        assert (held, by_reclaim) == (TABLE - 8, 0), f"only the free entries without a policy: {held}, {by_reclaim}"
        assert why == "the frame table is full, and Reclaim gave nothing", why
        guard_run(g, "0x[0-9a-f]+")
        g.command("ext unload guard", r"ext guard: unloaded")
        held, by_reclaim, _ = fill(g)
        assert (held, by_reclaim) == (TABLE, 0), (held, by_reclaim)
        s = status(g)
        assert s[:4] == [0, 0, 0, 0] and s[9] == 0 and s[10] == 6, s
        cases.halt(g)
    finally:
        g.kill()


def test_reclaim_load_unload_cycles():
    """1000 loads and unloads of reclaim (8 frames, each mapped in a
    context of its own, at every load) leave the free frames, the VM
    tables and the live strands as they were."""
    import cases
    g = guest("reclaimcycle", ["reclaim"])
    try:
        g.expect(r"extensions: 1 loaded, 0 refused")
        g.command("ext unload reclaim", r"ext reclaim: unloaded")
        cycles_leak_nothing(g, "reclaim", status(g), live_strands(g))
        cases.halt(g)
    finally:
        g.kill()


VM_SAMPLE_TESTS = [test_reclaim_load_unload_cycles, test_guard_write_watch_then_unload_returns_everything, test_guard_unload_while_touching_and_cycles,
                   test_reclaim_policy_gives_its_latest_frames_keeps_a_reserve]
