"""QEMU boot tests of the VM services at run time: translation contexts
with their own page tables, the touch demo strand running in one, and the
Translation fault events' defaults (a report, the strand stopped)."""
import re

STATUS = (r"vm: (\d+) frames? held, (\d+) contexts? \((\d+) page-table frames\), (\d+) ranges?; (\d+) free frames\n"
          r"vm: faults: (\d+) PageNotPresent, (\d+) BadAddress, (\d+) ProtectionFault; (\d+) resolved, (\d+) stopped; "
          r"(\d+) reclaimed\n")


def status(g):
    m = g.command("vm", STATUS)
    return [int(x) for x in m.groups()]


def test_vm_touch_mapped_pages_in_a_context():
    """A strand in a context whose range the shell mapped writes and reads
    back every page through the context's own tables; afterwards the
    context, its tables, its frames and its range are all gone again."""
    import cases
    g = cases.pvh()
    try:
        before = status(g)
        assert before[:4] == [0, 0, 0, 0], before
        g.command("vm touch 5 map", r"touch: strand \d+: 5 pages written and read back\n"
                                    r"vm touch: 5 of 5 pages done, all read back\n"
                                    r"vm touch: context \d+: W\^X broken by 0 of 5 pages and 4 tables\n")
        after = status(g)
        assert after[:4] == [0, 0, 0, 0], after
        assert after[4] == before[4], f"frames leaked: {before[4]} free before, {after[4]} after"
        assert after[5:10] == [0, 0, 0, 0, 0], after
        cases.halt(g)
    finally:
        g.kill()


def test_vm_fault_defaults_stop_the_strand():
    """With no handler installed, each fault event's default reports the
    fault by its kind and stops the strand; the shell and the kernel run
    on, and nothing is left held: an unmapped page of a range is
    PageNotPresent, the guard page after it BadAddress, a write to a
    read-only page ProtectionFault."""
    import cases
    g = cases.pvh()
    try:
        before = status(g)
        cases_ = [("", "PageNotPresent", "write", 0), ("bad", "BadAddress", "write", 0),
                  ("ro", "ProtectionFault", "write", 0)]
        for how, kind, access, done in cases_:
            m = g.command(f"vm touch 3 {how}".strip(),
                          rf"Translation\.{kind} at 0x([0-9a-f]+) \({access}\) in context (\d+): not resolved\n"
                          rf"strand (\d+) \(touch\) stopped\n"
                          rf"vm touch: {done} of 3 pages done\n"
                          r"vm touch: context \d+: W\^X broken by 0 of \d+ pages and \d+ tables\n")
            assert int(m[1], 16) >= 0x40000000, m.group(0)
        after = status(g)
        assert after[:4] == [0, 0, 0, 0], after
        assert after[4] == before[4], f"frames leaked: {before[4]} then {after[4]}"
        assert after[5:8] == [1, 1, 1] and after[8] == 0 and after[9] == 3, after
        from strand_cases import strands
        rows, shell = strands(g)
        assert all(state == "dead" for s, (name, state, *_) in rows.items() if s != shell), rows
        cases.halt(g)
    finally:
        g.kill()


def live_strands(g):
    """The numbers of the strands `strands` lists that are not dead."""
    from strand_cases import strands
    rows, _ = strands(g)
    return sorted(k for k, v in rows.items() if v[1] != "dead")


def cycles_leak_nothing(g, name, before, live_before):
    """`ext cycle NAME 1000` keeps the free frames; afterwards the VM holds
    nothing, the free frames and the live strands are as `before` (a `vm`
    status) and `live_before` said. Returns the `vm` status after."""
    m = g.command(f"ext cycle {name} 1000", rf"ext cycle: 1000 loads and unloads of {name}; "
                                            r"free frames (\d+) before, (\d+) after")
    assert m[1] == m[2], m.group(0)
    after = status(g)
    assert after[:4] == [0, 0, 0, 0] and after[4] == before[4], (before, after)
    assert live_strands(g) == live_before, (live_before, live_strands(g))
    return after


def test_vm_fill_raises_reclaim_then_fails_cleanly():
    """Running the frame table dry raises PhysAddr.Reclaim once for each
    live entry; with no holder agreeing, nothing is taken and the
    allocation is refused with its reason; every frame comes back."""
    import cases
    g = cases.pvh()
    try:
        before = status(g)
        m = g.command("vm fill", r"vm fill: (\d+) frames held, then refused: the frame table is full, and Reclaim "
                                 r"gave nothing \(error 3\); Reclaim raised (\d+) times\n"
                                 r"vm fill: (\d+) frames given back\n")
        assert int(m[1]) == 256 and int(m[2]) == 256 and int(m[3]) == 256, m.group(0)
        after = status(g)
        assert after[:5] == before[:5] and after[10] == 0, (before, after)
        g.command("events", r"event \d+ PhysAddr\.Reclaim: owner 0, 0 handlers, 256 raises, default ran 0 times\n")
        cases.halt(g)
    finally:
        g.kill()


VM_TESTS = [test_vm_fill_raises_reclaim_then_fails_cleanly, test_vm_touch_mapped_pages_in_a_context, test_vm_fault_defaults_stop_the_strand]
