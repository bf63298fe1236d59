"""QEMU boot tests of W^X for aliases (spec/README.md, "The physmap"): a
frame of sealed code or of a page table is read-only through the physmap
too, so a write there faults; and a freed code frame is writable there
again, so the kernel can zero and reuse it."""
from qemu import EXIT_PANIC, Guest

PHYSMAP_BASE = 0xffff800000000000
KERNEL_VMA = 0xffffffff80000000
MEM = (r"frames: (\d+) free / (\d+) total \((\d+) used\), \d+ KiB free\n"
       r"physmap: (\d+) pages read-only \(sealed code and data, page tables\), (\d+) of 2 MiB split; "
       r"W\^X broken by (\d+) of (\d+) pages and (\d+) tables\n")


def mem(g):
    """mem's counts; the live tables must keep the invariant."""
    m = g.command("mem", MEM)
    free, total, used, sealed, split, broken, pages, tables = (int(x) for x in m.groups())
    assert broken == 0, f"W^X broken: {m[0]!r}"
    assert pages > 0 and tables > 0 and sealed >= tables, m[0]
    return {"free": free, "total": total, "used": used, "sealed": sealed, "split": split}


def apart_from_splits(counts):
    """The counts but for the table of each split 2 MiB page: where the
    frames of a load land decides which pages are split."""
    s = counts["split"]
    return {"free": counts["free"] + s, "used": counts["used"] - s, "sealed": counts["sealed"] - s}


def expect_alias_fault(g, command, what):
    """command writes through a physmap alias: the write must fault as a
    protection fault at exactly that alias. Returns the frame."""
    m = g.command(command, what + r" \(frame 0x([0-9a-f]+)\) through its physmap alias 0x([0-9a-f]{16})\n")
    frame, alias = int(m[m.re.groups - 1], 16), int(m[m.re.groups], 16)
    assert alias == PHYSMAP_BASE + frame, m[0]
    # error 0x3: the page was present (a protection fault, not a missing page) and the access a write
    g.expect(r"EXCEPTION vector 14 \(#PF page fault\) error=0x3\n")
    report = g.expect(r"CR2=0x([0-9a-f]{16})\n.*CR3=0x([0-9a-f]{16})\n")
    assert int(report[1], 16) == alias, f"CR2 {report[1]}, alias {alias:#x}"
    g.expect(r"System halted\.")
    g.expect_exit(EXIT_PANIC)
    assert "no fault happened" not in g.output
    return m, frame, int(report[2], 16)


def pvh():
    return Guest(["-kernel", "build/spinel.elf"], timeout=30)


def test_page_table_alias_not_writable():
    g = pvh()
    try:
        mem(g)
        g.command("fault alias nosuch", r"fault alias: no extension nosuch with code loaded\n")
        g.command("fault table now", r"fault: too many arguments")
        _, frame, cr3 = expect_alias_fault(g, "fault table", r"writing the PML4 from CR3")
        assert frame == cr3 & ~0xfff, f"frame {frame:#x}, CR3 {cr3:#x}"
    finally:
        g.kill()


def test_kernel_text_alias_not_writable():
    g = pvh()
    try:
        m, frame, _ = expect_alias_fault(g, "fault alias", r"writing kernel text at 0x(ffffffff8[0-9a-f]{7})")
        assert frame == (int(m[1], 16) & ~0xfff) - KERNEL_VMA, m[0]
    finally:
        g.kill()


def boot_hello(*extra):
    import cases  # here: cases imports this module
    from ext_cases import pkg
    iso = cases.build_iso("wx-hello", [(pkg("hello"), "ext hello")])
    g = Guest(["-cdrom", iso] + list(extra), timeout=120)
    g.expect(r"extensions: 1 loaded, 0 refused")
    return g


def test_sealed_extension_code_alias_not_writable():
    g = boot_hello()
    try:
        mem(g)
        m = g.command("ext list", r"hello: installer \d+, image 0x(ffffffffc[0-9a-f]{7}),")
        image = m[1]
        expect_alias_fault(g, "fault alias hello", rf"writing hello's code at 0x{image}")
    finally:
        g.kill()


def test_freed_code_frames_writable_again():
    """Unloading gives the sealed frames back writable: the read-only count
    falls back, and on 16 MiB a thousand cycles wrap the next-fit frame
    allocator, so freed code frames are handed out again and zeroed
    through the physmap (a fault if they were still sealed); the reloaded
    code is sealed again."""
    g = boot_hello("-m", "16M")
    try:
        loaded = mem(g)
        assert loaded["total"] < 4096, f"not booted on 16 MiB: {loaded}"
        g.command("ext unload hello", r"ext hello: unloaded")
        unloaded = mem(g)
        assert apart_from_splits(unloaded)["sealed"] < apart_from_splits(loaded)["sealed"], (loaded, unloaded)
        held = apart_from_splits(unloaded)["free"] - apart_from_splits(loaded)["free"]
        g.command("ext load hello", r"ext hello: loaded")
        reloaded = mem(g)
        assert apart_from_splits(reloaded) == apart_from_splits(loaded), (loaded, reloaded)
        g.command("ext unload hello", r"ext hello: unloaded")
        m = g.command("ext cycle hello 1000", r"ext cycle: 1000 loads and unloads of hello; "
                                              r"free frames (\d+) before, (\d+) after")
        assert m[1] == m[2], m[0]
        assert 1000 * held > unloaded["free"], f"{held} frames a load: the allocator did not wrap"
        cycled = mem(g)
        assert apart_from_splits(cycled) == apart_from_splits(unloaded), (unloaded, cycled)
        g.command("ext load hello", r"ext hello: loaded")
        reloaded = mem(g)
        assert apart_from_splits(reloaded) == apart_from_splits(loaded), (loaded, reloaded)
        expect_alias_fault(g, "fault alias hello", r"writing hello's code at 0xffffffffc[0-9a-f]{7}")
    finally:
        g.kill()


WX_TESTS = [v for k, v in sorted(globals().items()) if k.startswith("test_")]
