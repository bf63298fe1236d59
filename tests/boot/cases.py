"""QEMU boot tests: each boots the real kernel image and asserts what it
prints on the serial console and how the run ends."""
import os
import re
import shutil
import subprocess
import sys
import time

from qemu import EXIT_OK, EXIT_PANIC, Guest

KERNEL = "build/spinel.elf"
ISO_DIR = "build/test-iso"
BANNER = r"Spinel \d+\.\d+\.\d+ \(x86_64\), booted via "
FRAMES = r"frames: (\d+) free / (\d+) total"


def pvh(*extra, timeout=30):
    return Guest(["-kernel", KERNEL] + list(extra), timeout=timeout)


def halt(g):
    g.command("halt", r"halting")
    g.expect_exit(EXIT_OK)


def test_pvh_banner_and_memory_map():
    g = pvh()
    try:
        g.expect(BANNER + "PVH")
        m = g.expect(r"memory map: (\d+) regions, (\d+) KiB usable")
        regions, usable = int(m[1]), int(m[2])
        assert regions >= 2, f"{regions} regions"
        assert 120_000 <= usable <= 131_072, f"{usable} KiB usable of 128 MiB"
        g.expect(r"paging: 128 MiB of RAM at 0xffff800000000000 \(NX\); kernel text \d+ pages RX")
        m = g.expect(FRAMES)
        free, total = int(m[1]), int(m[2])
        assert 0 < free <= total <= 32768, (free, total)
        halt(g)
    finally:
        g.kill()


def test_shell_mem_help_unknown():
    g = pvh()
    try:
        m = g.command("mem", FRAMES + r" \((\d+) used\), (\d+) KiB free")
        free, total, used, kib = (int(x) for x in m.groups())
        assert free + used == total and kib == free * 4, m.group(0)
        assert used > 0, "page tables must have used some frames"
        g.command("help", r"help.*\n.*mem.*\n.*ticks.*\n.*fault.*\n(.*\n)*.*events.*\n.*domains.*\n.*domain .*\n.*call.*\n.*ext .*\n.*halt")
        g.command("frobnicate", r"unknown command 'frobnicate'; try 'help'")
        halt(g)
    finally:
        g.kill()


def test_ticks_increase():
    g = pvh()
    try:
        first = int(g.command("ticks", r"ticks: (\d+) \(100 Hz\)")[1])
        time.sleep(0.5)
        second = int(g.command("ticks", r"ticks: (\d+) \(100 Hz\)")[1])
        assert second > first, f"ticks went from {first} to {second}"
        halt(g)
    finally:
        g.kill()


def test_fault_report():
    g = pvh()
    try:
        g.command("fault", r"EXCEPTION vector 14 \(#PF page fault\) error=0x0\n")
        g.expect(r"RIP=0xffffffff8[0-9a-f]{7} CS=0x8 RFLAGS=0x[0-9a-f]+ CR2=0x00000000dead0000")
        g.expect(r"RAX=0x[0-9a-f]{16} RBX=")
        g.expect(r"R13=0x[0-9a-f]{16} R14=0x[0-9a-f]{16} R15=0x[0-9a-f]{16}")
        g.expect(r"System halted\.")
        g.expect_exit(EXIT_PANIC)
    finally:
        g.kill()


def test_kernel_text_is_not_writable():
    g = pvh()
    try:
        m = g.command("fault write", r"writing kernel text at 0x(ffffffff8[0-9a-f]{7})")
        # error 0x3: the page was present and the access was a write
        g.expect(r"EXCEPTION vector 14 \(#PF page fault\) error=0x3\n")
        g.expect(r"CR2=0x" + m[1])
        g.expect_exit(EXIT_PANIC)
    finally:
        g.kill()


def test_kernel_data_is_not_executable():
    g = pvh()
    try:
        m = g.command("fault exec", r"calling into kernel data at 0x(ffffffff8[0-9a-f]{7})")
        # error 0x11: the page was present and the access was an instruction fetch
        g.expect(r"EXCEPTION vector 14 \(#PF page fault\) error=0x11\n")
        g.expect(r"RIP=0x" + m[1] + r" .*CR2=0x" + m[1])
        g.expect_exit(EXIT_PANIC)
    finally:
        g.kill()


def kernel_symbol(name):
    """A symbol's address in the kernel image, from its symbol table."""
    out = subprocess.run(["nm", KERNEL], capture_output=True, text=True, check=True).stdout
    m = re.search(rf"^([0-9a-f]{{16}}) \w {re.escape(name)}$", out, re.M)
    assert m, f"no symbol {name} in {KERNEL}"
    return int(m[1], 16)


def test_kernel_stack_overflow_hits_guard_page():
    """Unbounded recursion runs the boot stack into the unmapped page below
    it: the #PF cannot be pushed on the full stack, so the double fault,
    on its own IST1 stack, reports the overflow and halts (no triple fault,
    no hang, no memory below the stack overwritten)."""
    guard = kernel_symbol("boot_stack_guard")
    g = pvh()
    try:
        g.command("fault stack", r"recursing until the kernel stack overflows\n")
        m = g.expect(r"\*\*\* KERNEL STACK OVERFLOW \(guard page 0x([0-9a-f]{16}) below the boot stack\)\n")
        assert int(m[1], 16) == guard, f"reported guard page 0x{m[1]}, boot_stack_guard is {guard:#x}"
        g.expect(r"EXCEPTION vector 8 \(#DF double fault\) error=0x0\n")
        cr2 = int(g.expect(r"CR2=0x([0-9a-f]{16})\n")[1], 16)
        assert guard <= cr2 < guard + 4096, f"CR2 {cr2:#x} is not in the guard page at {guard:#x}"
        g.expect(r"System halted\.")
        g.expect_exit(EXIT_PANIC)
        assert g.output.count("*** ") == 2, f"one overflow line, one exception report: {g.output[-800:]!r}"
        assert "no fault happened" not in g.output
    finally:
        g.kill()


def test_command_line():
    g = pvh("-append", "hello spinel world")
    try:
        g.expect(r'command line: "hello spinel world"')
        halt(g)
    finally:
        g.kill()


def test_absurd_command_line_dropped():
    g = pvh("-append", "x" * 600)
    try:
        g.expect(r"boot: warning: command line too long: ignored")
        g.expect(r'command line: ""')
        halt(g)
    finally:
        g.kill()


def test_pvh_initrd_module(tmp="build/test-initrd.bin"):
    os.makedirs("build", exist_ok=True)
    with open(tmp, "wb") as f:
        f.write(bytes(range(256)) * 40)
    g = pvh("-initrd", tmp)
    try:
        g.expect(r"modules: 1\n")
        g.expect(r"module 0: 0x[0-9a-f]+, 10240 bytes")
        halt(g)
    finally:
        g.kill()


def test_more_memory():
    g = Guest(["-kernel", KERNEL, "-m", "1G"])
    try:
        g.expect(r"paging: 1024 MiB of RAM")
        m = g.expect(FRAMES)
        assert 250_000 <= int(m[2]) <= 262_144, m.group(0)
        halt(g)
    finally:
        g.kill()


def build_iso(name, modules, cmdline="iso-test"):
    """A GRUB rescue ISO with the kernel and the given (file, args) modules."""
    root = os.path.join(ISO_DIR, name)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "boot", "grub"))
    shutil.copy(KERNEL, os.path.join(root, "boot", "spinel.elf"))
    lines = ["set timeout=0", "menuentry Spinel {", f"  multiboot2 /boot/spinel.elf {cmdline}"]
    for i, (data, args) in enumerate(modules):
        with open(os.path.join(root, "boot", f"m{i}.bin"), "wb") as f:
            f.write(data)
        lines.append(f"  module2 /boot/m{i}.bin {args}")
    lines += ["  boot", "}"]
    with open(os.path.join(root, "boot", "grub", "grub.cfg"), "w") as f:
        f.write("\n".join(lines) + "\n")
    iso = root + ".iso"
    subprocess.run(["grub-mkrescue", "-o", iso, root], check=True, capture_output=True)
    return iso


def test_grub_multiboot2_modules():
    iso = build_iso("two", [(b"a" * 5000, "alpha one"), (b"b" * 7, "beta")])
    g = Guest(["-cdrom", iso], timeout=60)
    try:
        g.expect(BANNER + "multiboot2")
        g.expect(r"memory map: \d+ regions")
        g.expect(r'command line: "iso-test"')
        g.expect(r"modules: 2\n")
        g.expect(r'module 0: 0x[0-9a-f]+, 5000 bytes, "alpha one"')
        g.expect(r'module 1: 0x[0-9a-f]+, 7 bytes, "beta"')
        halt(g)
    finally:
        g.kill()


def test_grub_too_many_modules():
    iso = build_iso("many", [(bytes([i]) * 100, f"mod{i}") for i in range(20)])
    g = Guest(["-cdrom", iso], timeout=60)
    try:
        g.expect(r"boot: warning: too many boot modules: extra ones skipped")
        g.expect(r"modules: 16 \(4 more skipped: at most 16\)")
        g.expect(r'module 15: 0x[0-9a-f]+, 100 bytes, "mod15"')
        halt(g)
    finally:
        g.kill()


def test_bench_mode_reports_rows():
    """make bench depends on these rows; here without -icount, so only
    their presence and the clean halt are checked, not the values."""
    g = pvh("-append", "bench")
    try:
        for name in ("boot_to_prompt", "boot_to_banner", "frame_alloc_free", "indirect_call", "revoke_object",
                     "strand_fork_join", "strand_ping_pong", "vm_dirty", "vm_fault", "vm_trap", "vm_prot1", "vm_prot100", "vm_unprot100",
                     "vm_appel1", "vm_appel2"):
            g.expect(r"BENCH " + name + r" \d+ instructions \S+\n")
        g.expect(r"BENCH done")
        g.expect_exit(EXIT_OK)
    finally:
        g.kill()


def test_harness_sees_qemu_error():
    g = Guest(["-kernel", "build/no-such-kernel.elf"], timeout=20)
    status = g.wait_exit()
    assert status == 1, f"a missing kernel must be a QEMU error, got {status}"


def test_harness_sees_hang():
    g = pvh("-S", timeout=2)  # -S: the CPU never starts, like a hung guest
    status = g.wait_exit()
    assert status is None, f"a hang must time out, got {status}"


def test_caps_and_events():
    """The shell's references: listed, internalized, refused for another
    application, a forged or out-of-range number, and once revoked."""
    g = pvh()
    try:
        g.expect(r"events: 20 declared; capabilities: 20 references for the shell")
        m = g.command("caps 0", r"application 0: 20 live references\r?\n"
                                r"  ref (\d+): rights r-c-, event 0 \(Shell\.Command\)")
        ref = int(m[1])
        g.command(f"cap 0 {ref}", rf"ref {ref}: event 0 \(Shell\.Command\)")
        g.command(f"cap 1 {ref}", r"refused: issued to another application \(error 7\)")
        g.command(f"cap 0 {ref + 5 * 1024}", r"refused: forged \(never issued\) \(error 8\)")
        g.command("cap 0 99999999999999999", r"refused: out of range \(error 6\)")
        g.command("cap 16 0", r"refused: no such application \(error 1\)")
        g.command(f"revoke 0 {ref}", rf"ref {ref}: revoked")
        g.command(f"cap 0 {ref}", r"refused: stale \(revoked\) \(error 9\)")
        g.command(f"revoke 0 {ref}", r"refused: stale \(revoked\) \(error 9\)")
        g.command("caps 0", r"application 0: 19 live references")
        m = g.command("events", r"event 0 Shell\.Command: owner 1, 1 handler, (\d+) raises")
        assert int(m[1]) == 11, f"{m[1]} raises of Shell.Command for 11 command lines"
        g.expect(r"  0: \S+, installer 0, last ran in raise 11\r?\n")
        g.expect(r"event 1 Kernel\.Probe: owner 0, 0 handlers, 0 raises")
        halt(g)
    finally:
        g.kill()




EXT_FLAGS = ["-std=c11", "-ffreestanding", "-fno-pic", "-mcmodel=kernel", "-mno-red-zone",
             "-mgeneral-regs-only", "-fno-stack-protector", "-fno-common", "-O2", "-c"]


def kernel_object(name, source=None, text=None):
    """A real gcc-built object for the kernel's code model."""
    out = f"build/boot-objs/{name}.o"
    os.makedirs("build/boot-objs", exist_ok=True)
    if text is not None:
        source = f"build/boot-objs/{name}.c"
        with open(source, "w") as f:
            f.write(text)
    subprocess.run(["gcc", *EXT_FLAGS, source, "-o", out], check=True)
    with open(out, "rb") as f:
        return f.read()


def expected_checksum(seed, data):
    weights = [1, 3, 5, 7, 11, 13, 17, 19]
    s = seed
    for i, c in enumerate(data):
        s = (s * 31 + c * weights[i & 7]) % 2**32
    return s


def test_domains_from_boot_modules():
    """Objects from GRUB modules become domains: resolved against the
    kernel's module domains and each other, sealed, called; a truncated
    object, a second domain of the same name and an unresolvable import are
    each refused or held back by name, and the kernel keeps running."""
    lib = kernel_object("lib", "tests/domain/lib.c")
    ext = kernel_object("ext", "tests/domain/ext_kernel.c")
    orphan = kernel_object("orphan", text="extern int no_such_function(void);\n"
                                          "int orphan_main(void) { return no_such_function(); }\n")
    user = kernel_object("user", text="extern int orphan_main(void);\n"
                                      "int user_main(void) { return orphan_main() + 1; }\n")
    # ext comes before lib, its source: it is sealed once lib is. user
    # imports from orphan, which never is: user must wait too.
    iso = build_iso("domains", [(ext, "domain ext"), (lib, "domain lib"), (lib[:40], "domain broken"),
                                (orphan, "domain orphan"), (lib, "domain lib"), (b"x" * 10, "not a domain"),
                                (user, "domain user")])
    g = Guest(["-cdrom", iso], timeout=60)
    try:
        g.expect(r"domain broken: refused: shorter than an ELF header \(error 1\)")
        g.expect(r"domain lib: refused: name already loaded")
        g.expect(r"domains: 16 kernel modules, 4 objects loaded, 2 refused")
        g.command("domains", r"console: module, 6 exports.*\n(.*\n)*"
                             r"ext: object, 1 export, 3 imports \(3 resolved\), .*sealed W\^X\r?\n"
                             r"lib: object, 4 exports, 0 imports \(0 resolved\), sections 1 page rx \d+ r 1 rw "
                             r"at 0xffffffffc[0-9a-f]+, sealed W\^X\r?\n"
                             r"orphan: object, 1 export, 1 import \(0 resolved\), .*waiting for imports\r?\n"
                             r"user: object, 1 export, 1 import \(0 resolved\), .*waiting for imports")
        g.command("domain ext", r"  export ext_main at 0xffffffffc[0-9a-f]+\r?\n"
                                r"(  import \S+ bound to 0xffffffff[0-9a-f]+\r?\n){3}")
        total = expected_checksum(9, b"spinel")
        g.command("call ext ext_main", rf"ext: linked and running\r?\ncall: ext\.ext_main returned {total}")
        g.command("call orphan orphan_main", r"call: orphan has 1 unresolved import: it runs nothing")
        g.command("domain orphan", r"import no_such_function unresolved")
        g.command("call lib nothing_here", r"call: lib exports no nothing_here")
        g.command("call lib lib_seed", r"call: lib\.lib_seed is not code \(it is not in the domain's rx pages\)")
        g.command("call lib lib_calls", r"call: lib\.lib_calls is not code")
        g.command("call lib lib_counter", r"call: lib\.lib_counter returned 1\n")
        g.command("call user user_main", r"call: user has 1 unresolved import: it runs nothing")
        halt(g)
    finally:
        g.kill()


TESTS = [v for k, v in sorted(globals().items()) if k.startswith("test_")]
from ext_cases import EXT_TESTS  # noqa: E402
TESTS += EXT_TESTS
from shell_cases import SHELL_TESTS  # noqa: E402
TESTS += SHELL_TESTS
from wx_cases import WX_TESTS  # noqa: E402
TESTS += WX_TESTS
from strand_cases import STRAND_TESTS  # noqa: E402
TESTS += STRAND_TESTS
from vm_cases import VM_TESTS  # noqa: E402
TESTS += VM_TESTS
from vmext_cases import VMEXT_TESTS  # noqa: E402
TESTS += VMEXT_TESTS
from vm_sample_cases import VM_SAMPLE_TESTS  # noqa: E402
TESTS += VM_SAMPLE_TESTS
from app_cases import APP_TESTS  # noqa: E402
TESTS += APP_TESTS
from net_cases import NET_TESTS  # noqa: E402
TESTS += NET_TESTS
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "net"))
from net_host_cases import NET_HOST_TESTS  # noqa: E402
TESTS += NET_HOST_TESTS
from readme_session import README_TESTS  # noqa: E402
TESTS += README_TESTS
from make_cases import MAKE_TESTS  # noqa: E402
TESTS += MAKE_TESTS
