"""QEMU boot tests of the VM interfaces for extensions (phys.h, virt.h,
translation.h): the pager sample answering PageNotPresent with
demand-zero pages, unload returning everything it held, and the bad
input an extension may try, each refused with its code."""
from vm_cases import cycles_leak_nothing, live_strands, status


def pager_guest(name, *more):
    """A guest booted from an ISO with the pager sample (and more
    (package, line) modules), loaded at boot."""
    import cases
    import ext_cases
    from qemu import Guest
    iso = cases.build_iso(name, [(ext_cases.pkg("pager"), "ext pager")] + list(more))
    return Guest(["-cdrom", iso], timeout=300)


def touched(g, pages):
    """Waits for the touch strand's report, then for a fresh prompt (the
    report may come after the one that followed the command)."""
    m = g.expect(rf"touch: strand (\d+): {pages} pages written and read back\r?\n")
    g.send("")
    return int(m[1])


def test_pager_demand_zero_then_unload_returns_everything():
    """The pager maps each page of its range on demand: the touch workload
    writes and reads back all 8, the pager counts 8 faults resolved, and
    no strand is stopped; a second run faults no more. Unloaded, the
    kernel holds no frame, context or range of it, and the free frames
    are what they were before it was loaded."""
    import cases
    g = pager_guest("pager")
    try:
        base = g.expect(r"pager: context \d+, 8 pages at (0x[0-9a-f]+) paged on demand\r?\n")[1]
        g.expect(r"extensions: 1 loaded, 0 refused")
        loaded = status(g)
        assert loaded[:4] == [0, 1, loaded[2], 1] and loaded[2] > 0, loaded
        g.command("ext unload pager", r"pager: unloaded; pager: 0 pages mapped on demand, 0 runs\r?\n"
                                      r"ext pager: unloaded")
        before = status(g)
        assert before[:4] == [0, 0, 0, 0], before
        g.command("ext load pager", r"ext pager: loaded")
        g.command("pager", rf"pager: touching 8 pages at {base}\r?\n")
        touched(g, 8)
        g.command("pager stat", r"pager: 8 pages mapped on demand, 1 runs\r?\n")
        s = status(g)
        assert s[0] == 8 and s[1] == 1 and s[3] == 1, s
        assert s[5:10] == [8, 0, 0, 8, 0], f"faults, resolved, stopped: {s}"
        g.command("pager", rf"pager: touching 8 pages at {base}\r?\n")
        touched(g, 8)
        g.command("pager stat", r"pager: 8 pages mapped on demand, 2 runs\r?\n")
        assert status(g)[5:10] == [8, 0, 0, 8, 0]
        g.command("ext unload pager", r"pager: unloaded; pager: 8 pages mapped on demand, 2 runs\r?\n"
                                      r"ext pager: unloaded")
        after = status(g)
        assert after[:4] == [0, 0, 0, 0], after
        assert after[4] == before[4], f"frames leaked: {before[4]} free before, {after[4]} after"
        cases.halt(g)
    finally:
        g.kill()


def test_pager_unload_while_touching_and_cycles():
    """Unloading the pager while its touch strand may still run kills the
    strand and returns the frames; 1000 loads and unloads leave the free
    frames and the strands as they were."""
    import cases
    g = pager_guest("pagercycle")
    try:
        g.expect(r"extensions: 1 loaded, 0 refused")
        g.command("ext unload pager", r"ext pager: unloaded")
        before, live_before = status(g), live_strands(g)
        g.command("ext load pager", r"ext pager: loaded")
        g.command("pager", r"pager: touching 8 pages")
        g.command("ext unload pager", r"ext pager: unloaded")
        s = status(g)
        assert s[:4] == [0, 0, 0, 0] and s[4] == before[4], (before, s)
        cycles_leak_nothing(g, "pager", before, live_before)
        cases.halt(g)
    finally:
        g.kill()


def test_vm_interfaces_refuse_bad_input():
    """Each bad request is refused with its code and changes nothing: a
    forged frame reference and a context passed as a frame (7), the
    kernel's half (11), an unaligned address (10), W+X (13), a frame freed
    already (7: stale), a second mapping at one address (14), freeing a
    mapped frame (16), widening a mapping to W+X (13, still read only).
    A fault handler that claims a fault resolved without mapping anything
    does not keep the strand looping: the kernel stops it after the
    handler returns. The handler runs only for faults in its own context,
    never for the shell's."""
    import cases
    import ext_cases
    from qemu import Guest
    iso = cases.build_iso("vmbad", [(ext_cases.admitted_test_ext("vmbad"), "ext vmbad")])
    g = Guest(["-cdrom", iso], timeout=300)
    try:
        g.expect(r"vmbad: 7 7 11 0 0 10 13 0 7 15 0 14 16 13 0 1 0 15\r?\n")
        g.expect(r"extensions: 1 loaded, 0 refused")
        s = status(g)
        assert s[:2] == [1, 1] and s[3] == 1, f"one frame, the context and the range: {s}"
        g.command("vm touch 2", r"Translation\.PageNotPresent at 0x40000000 \(write\) in context \d+: not resolved\n"
                                r"strand \d+ \(touch\) stopped\n")
        g.command("vmbad stat", r"vmbad: the handler ran 0 times\r?\n")
        g.command("vmbad", r"vmbad: touch 0\r?\n")
        g.expect(r"Translation\.PageNotPresent at 0x40000000 \(write\) in context \d+: not resolved\r?\n"
                 r"strand \d+ \(touch\) stopped\r?\n")
        g.send("")
        g.command("vmbad stat", r"vmbad: the handler ran 1 times\r?\n")
        s = status(g)
        assert s[5] == 2 and s[8:10] == [0, 2], f"two faults, none resolved, both stopped: {s}"
        g.command("ext unload vmbad", r"ext vmbad: unloaded")
        assert status(g)[:4] == [0, 0, 0, 0]
        cases.halt(g)
    finally:
        g.kill()


VMEXT_TESTS = [test_vm_interfaces_refuse_bad_input, test_pager_demand_zero_then_unload_returns_everything, test_pager_unload_while_touching_and_cycles]
