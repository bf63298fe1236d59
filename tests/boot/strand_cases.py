"""QEMU boot tests of strands: kernel threads preempted by the timer and
scheduled round robin by the proved run queue (`strands`, `spawn`, `kill`)."""
import re
import time

STRAND = r"  strand (\d+) (\S+): (\w+), owner (\d+), policy (\d+), (\d+) ticks, count (\d+)\n"


def strands(g):
    """`strands` as {id: (name, state, ticks, count)}."""
    m = g.command("strands", r"(\d+) strands? \(the shell's is (\d+)\)\n((?:" + STRAND + r")*)(?=spinel> )")
    rows = {int(r[0]): (r[1], r[2], int(r[5]), int(r[6])) for r in re.findall(STRAND, m[3])}
    assert len(rows) == int(m[1]), m.group(0)
    return rows, int(m[2])


def spawn(g, demo):
    return int(g.command(f"spawn {demo}", rf"spawned strand (\d+) \({demo}\)\n")[1])


def test_strands_two_spinners_both_advance():
    """Two strands that never yield both run: the timer preempts each in
    turn, so both counters and both tick counts grow, as the shell's does."""
    import cases
    g = cases.pvh()
    try:
        rows, shell = strands(g)
        assert list(rows) == [shell] and rows[shell][:2] == ("shell", "running"), rows
        a, b = spawn(g, "spin"), spawn(g, "spin")
        assert len({a, b, shell}) == 3, (a, b, shell)
        time.sleep(0.3)
        first, _ = strands(g)
        time.sleep(0.5)
        second, _ = strands(g)
        for s in (a, b):
            assert second[s][0] == "spin" and second[s][1] == "runnable", second[s]
            assert second[s][3] > first[s][3] > 0, f"strand {s} did not advance: {first[s]} then {second[s]}"
            assert second[s][2] > first[s][2], f"strand {s} got no ticks: {first[s]} then {second[s]}"
        assert second[shell][1] == "running", second[shell]
        cases.halt(g)
    finally:
        g.kill()


def test_strands_kill_and_refusals():
    """A killed spinner is gone and the other runs on; a bad number, a
    free entry and the shell's own strand are refused with the reason; a
    sleeper is woken by the timer; spawning past the stacks is refused."""
    import cases
    g = cases.pvh()
    try:
        a, b = spawn(g, "spin"), spawn(g, "spin")
        g.command(f"kill {a}", rf"\nkilled strand {a}\n")
        time.sleep(0.2)
        first, shell = strands(g)
        time.sleep(0.4)
        second, _ = strands(g)
        assert a not in first and a not in second, f"strand {a} still listed: {second}"
        assert second[b][3] > first[b][3], f"strand {b} stopped: {first[b]} then {second[b]}"
        g.command(f"kill {a}", rf"\nkill: strand {a}: refused: no such strand \(error 8\)\n")
        g.command("kill 99", r"\nkill: strand 99: refused: no such strand \(out of range\) \(error 4\)\n")
        g.command(f"kill {shell}", rf"\nkill: strand {shell}: refused: it is the shell's own strand \(error 101\)\n")
        g.command("kill x", r"\nusage: kill N \(a strand's number, see 'strands'\)\n")
        g.command("spawn nosuch", r"\nusage: spawn DEMO, DEMO one of: spin .*, sleeper .*\n")
        c = spawn(g, "sleeper")
        time.sleep(0.3)
        first, _ = strands(g)
        time.sleep(0.6)
        second, _ = strands(g)
        assert second[c][0] == "sleeper" and second[c][3] > first[c][3] > 0, (first[c], second[c])
        # 8 stacks for strands (9, one the idle context's): b and c hold two.
        for _ in range(6):
            spawn(g, "spin")
        g.command("spawn spin", r"\nspawn: refused: every strand stack is in use \(error 100\)\n")
        g.command(f"kill {b}", rf"\nkilled strand {b}\n")
        spawn(g, "spin")
        cases.halt(g)
    finally:
        g.kill()


def sched_guest(name, *more):
    """A guest booted from an ISO with the sched sample (and more
    (package, line) modules), loaded at boot."""
    import cases
    import ext_cases
    from qemu import Guest
    iso = cases.build_iso(name, [(ext_cases.pkg("sched"), "ext sched")] + list(more))
    return Guest(["-cdrom", iso], timeout=240)


def ticks_between(g, seconds):
    """Each strand's ticks over `seconds`, from two `strands` listings."""
    first, shell = strands(g)
    time.sleep(seconds)
    second, _ = strands(g)
    return {s: (second[s][0], second[s][2] - first[s][2]) for s in second if s in first}, second, shell


def test_sched_extension_priority_then_fallback():
    """The sched sample schedules the two spinners it owns by priority:
    over the same time its priority-3 strand gets clearly more ticks than
    its priority-1 strand (3 per turn to 1), while two spinners under
    round robin share evenly. A forged reference is refused. Unloaded,
    its strands are gone and the strand count is what it was before."""
    import cases
    g = sched_guest("sched")
    try:
        m = g.expect(r"sched: scheduling strand (\d+) priority 3 and strand (\d+) priority 1; "
                     r"a forged reference: 7\r?\n")
        fast, slow = int(m[1]), int(m[2])
        g.expect(r"extensions: 1 loaded, 0 refused")
        rows, shell = strands(g)
        assert rows[fast][0] == "spin" and rows[slow][0] == "spin", rows
        listing = g.command("strands", r"(?s)strands? .*?(?=spinel> )")[0]
        assert re.search(rf"strand {fast} spin: \w+, owner 16, policy 16,", listing), listing
        a, b = spawn(g, "spin"), spawn(g, "spin")
        delta, _, _ = ticks_between(g, 3.0)
        print(f"sched: ticks over 3 s: fast {delta[fast][1]}, slow {delta[slow][1]}, "
              f"round robin {delta[a][1]} and {delta[b][1]}")
        assert delta[slow][1] > 0 and delta[fast][1] > 2 * delta[slow][1], delta
        assert delta[a][1] > 0 and delta[b][1] > 0, delta
        assert max(delta[a][1], delta[b][1]) <= 1.5 * min(delta[a][1], delta[b][1]), delta
        g.command("ext unload sched", r"sched: unloaded after (\d+) checkpoints and (\d+) resumes\r?\n"
                                      r"ext sched: unloaded")
        after, _ = strands(g)
        assert fast not in after and slow not in after, after
        assert sorted(after) == sorted([shell, a, b]), after
        delta, _, _ = ticks_between(g, 1.0)
        assert delta[a][1] > 0 and delta[b][1] > 0, delta
        cases.halt(g)
    finally:
        g.kill()


def test_killed_strand_reference_is_revoked():
    """Killed from the shell, a strand sched holds a reference to is
    reaped, and the reference dies with it: sched's table lists the other
    strand only, and `cap` calls the old reference stale (error 9). A new
    strand in the same entry is then not reached through it."""
    import cases
    g = sched_guest("strandref")
    try:
        m = g.expect(r"sched: scheduling strand (\d+) priority 3 and strand (\d+) priority 1")
        fast, slow = int(m[1]), int(m[2])
        g.expect(r"extensions: 1 loaded, 0 refused")
        listing = g.command("caps 1", r"application 1: (\d+) live references?\r?\n((?:  ref [^\n]*\n)*)(?=spinel> )")
        refs = dict((int(s), int(r)) for r, s in re.findall(r"ref (\d+): rights \S+, strand (\d+)", listing[2]))
        assert sorted(refs) == sorted([fast, slow]), listing.group(0)
        g.command(f"kill {fast}", rf"\nkilled strand {fast}\n")
        listing = g.command("caps 1", r"application 1: (\d+) live references?\r?\n((?:  ref [^\n]*\n)*)(?=spinel> )")
        assert re.findall(r"strand (\d+)", listing[2]) == [str(slow)], listing.group(0)
        g.command(f"cap 1 {refs[fast]}", rf"ref {refs[fast]}: refused: .* \(error 9\)\n")
        again = spawn(g, "spin")
        assert again == fast, (again, fast)
        g.command(f"cap 1 {refs[fast]}", rf"ref {refs[fast]}: refused: .* \(error 9\)\n")
        cases.halt(g)
    finally:
        g.kill()


def test_sched_needs_strands_to_schedule():
    """An extension that holds no strand reference may not install on the
    Strand events: refused with SPINEL_ERR_DENIED (1)."""
    import cases
    import ext_cases
    g = sched_guest("nostrand", (ext_cases.admitted_test_ext("nostrand"), "ext nostrand"))
    try:
        g.expect(r"nostrand: install on Strand.Checkpoint: 1\r?\n")
        g.expect(r"extensions: 2 loaded, 0 refused")
        cases.halt(g)
    finally:
        g.kill()


def test_sched_load_unload_cycles():
    """1000 loads and unloads of sched: each spawns two strands and puts
    them under its policy, each unload kills them; the free frames and the
    strand count are the same after as before."""
    import cases
    g = sched_guest("schedcycle")
    try:
        g.expect(r"extensions: 1 loaded, 0 refused")
        g.command("ext unload sched", r"ext sched: unloaded")
        before, _ = strands(g)
        m = g.command("ext cycle sched 1000", r"ext cycle: 1000 loads and unloads of sched; "
                                               r"free frames (\d+) before, (\d+) after")
        assert m[1] == m[2], m.group(0)
        after, _ = strands(g)
        assert sorted(after) == sorted(before), (before, after)
        cases.halt(g)
    finally:
        g.kill()


def test_bench_threads_under_sched():
    """make bench's thread rows for strands the sched extension schedules:
    with its package as "bench-ext sched", the bench loads it, runs
    fork-join and ping-pong on strands it owns, and unloads it. Its
    handlers answered every Resume of those strands (two per round of
    each row, 1000 rounds), so the rows measure its policy, not round
    robin's."""
    import cases
    import ext_cases
    from qemu import EXIT_OK, Guest
    iso = cases.build_iso("benchsched", [(ext_cases.pkg("sched"), "bench-ext sched")], cmdline="bench")
    g = Guest(["-cdrom", iso], timeout=240)
    try:
        g.expect(r"BENCH strand_fork_join \d+ instructions indirect_call\n")
        g.expect(r"BENCH strand_ping_pong \d+ instructions indirect_call\n")
        g.expect(r"sched: scheduling strand \d+ priority 3 and strand \d+ priority 1")
        g.expect(r"BENCH strand_fork_join_sched \d+ instructions indirect_call\n")
        g.expect(r"BENCH strand_ping_pong_sched \d+ instructions indirect_call\n")
        m = g.expect(r"sched: unloaded after \d+ checkpoints and (\d+) resumes")
        assert int(m[1]) >= 4000, m.group(0)
        g.expect(r"BENCH done")
        g.expect_exit(EXIT_OK)
    finally:
        g.kill()


STRAND_TESTS = [test_strands_two_spinners_both_advance, test_strands_kill_and_refusals,
                test_sched_extension_priority_then_fallback, test_sched_needs_strands_to_schedule,
                test_sched_load_unload_cycles, test_bench_threads_under_sched,
                test_killed_strand_reference_is_revoked]
