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


STRAND_TESTS = [test_strands_two_spinners_both_advance, test_strands_kill_and_refusals]
