"""QEMU boot tests of what make builds for users: README's recipe for a
domain object (make iso ISO_OBJECTS=), where `ext info` says an
extension's sections were placed, and gdb's spinel-ext (boot/gdbinit)
loading an extension's symbols there."""
import os
import re
import shlex
import shutil
import socket
import struct
import subprocess

from qemu import Guest

OBJ_DIR = "build/test-iso/objects"


def readme_gcc():
    """The gcc command README.md gives for a domain object, as written."""
    text = open("README.md").read().replace("\\\n", " ")
    line = next(line for line in text.splitlines() if line.startswith("gcc ") and "-mcmodel=kernel" in line)
    return shlex.split(line)


def halt(g):
    g.command("halt", r"halting")
    g.expect_exit()


def test_readme_domain_object_recipe():
    """README's recipe as written: its gcc line on tests/domain/lib.c and
    ext_kernel.c, then make iso ISO_OBJECTS=; the kernel seals both as
    domains named after their files and runs ext's code."""
    os.makedirs(OBJ_DIR, exist_ok=True)
    words = readme_gcc()
    assert words[-4:] == ["-c", "ext.c", "-o", "ext.o"], f"README's gcc line changed: {words}"
    objects = []
    for name, src in (("lib", "tests/domain/lib.c"), ("ext", "tests/domain/ext_kernel.c")):
        objects.append(f"{OBJ_DIR}/{name}.o")
        subprocess.run(words[:-4] + ["-c", src, "-o", objects[-1]], check=True)
    iso = f"{OBJ_DIR}/spinel.iso"
    r = subprocess.run(["make", "--no-print-directory", "iso", f"ISO={iso}", "ISO_OBJECTS=" + " ".join(objects)],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f"make iso ISO_OBJECTS=: exit {r.returncode}: {r.stdout[-400:]}{r.stderr[-400:]}"
    g = Guest(["-cdrom", iso], timeout=90)
    try:
        g.expect(r"domains: \d+ kernel modules, 2 objects loaded, 0 refused")
        g.command("domains", r"lib: object, 4 exports, 0 imports \(0 resolved\), .*sealed W\^X\r?\n"
                             r"ext: object, 1 export, 3 imports \(3 resolved\), .*sealed W\^X")
        g.command("call ext ext_main", r"ext: linked and running\r?\ncall: ext\.ext_main returned \d+")
        halt(g)
    finally:
        g.kill()


def section_index(obj, wanted):
    """The index of section wanted in an ELF64 object."""
    data = open(obj, "rb").read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    strtab = struct.unpack_from("<IIQQQQ", data, shoff + shstrndx * shentsize)[4]
    for i in range(shnum):
        start = strtab + struct.unpack_from("<I", data, shoff + i * shentsize)[0]
        if data[start:data.index(b"\0", start)] == wanted:
            return i
    raise AssertionError(f"{obj} has no section {wanted!r}")


def text_placed(g, name):
    """ext info NAME's sections line: .text's address, checked to lie in
    the image ext list names."""
    m = g.command("ext list", rf"  {name}: installer \d+, image (0x[0-9a-f]+), (\d+) bytes")
    image, size = int(m[1], 16), int(m[2])
    m = g.command(f"ext info {name}", r"  sections:((?: \d+@0x[0-9a-f]+)+)\r?\n")
    placed = {int(i): int(a, 16) for i, a in re.findall(r"(\d+)@(0x[0-9a-f]+)", m[1])}
    text = section_index(f"build/admit/{name}/{name}.o", b".text")
    assert text in placed, f".text is section {text}, not among {placed}"
    assert all(image <= a < image + size for a in placed.values()), f"{placed} outside {image:#x}+{size}"
    return placed[text]


def test_ext_info_prints_section_addresses():
    """ext info NAME prints where each of its sections was placed, by ELF
    section index of the object the admission tool packaged."""
    g = Guest(["-cdrom", "build/spinel.iso"], timeout=90)
    try:
        g.expect(r"extensions: 6 loaded, 0 refused")
        text_placed(g, "hello")
        halt(g)
    finally:
        g.kill()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gdb_spinel_ext():
    """gdb -x boot/gdbinit stops in kmain; at the shell, spinel-ext hello
    adds hello's symbols at the .text address ext info prints."""
    assert shutil.which("gdb"), "gdb is not installed (bash ci/deps.sh test installs it)"
    port = free_port()
    g = Guest(["-cdrom", "build/spinel.iso", "-S", "-gdb", f"tcp:127.0.0.1:{port}"], timeout=180)
    try:
        gdb = subprocess.run(["gdb", "-nx", "-batch", "-x", "boot/gdbinit", "-ex", "break shell_run",
                              "-ex", "continue", "-ex", "spinel-ext hello", "-ex", "info symbol greet",
                              "-ex", "spinel-ext nosuch", "-ex", "detach"],
                             env={**os.environ, "SPINEL_GDB_PORT": str(port)}, capture_output=True, text=True,
                             timeout=150)
        out = gdb.stdout + gdb.stderr
        assert "Breakpoint 1, kmain" in out, f"gdb did not stop in kmain: {out[-800:]}"
        m = re.search(r"add-symbol-file build/admit/hello/hello\.o (0x[0-9a-f]+)", out)
        assert m, f"spinel-ext hello ran no add-symbol-file: {out[-800:]}"
        assert re.search(r"greet(?: \+ \d+)? in section \.text of \S*build/admit/hello/hello\.o", out), \
            f"hello's symbols are not at its .text: {out[-800:]}"
        assert "spinel-ext: no extension nosuch is loaded" in out, out[-800:]
        # The same boot's shell, once gdb has let it go, names the same address.
        assert text_placed(g, "hello") == int(m[1], 16), "gdb and ext info disagree on .text"
        halt(g)
    finally:
        g.kill()


MAKE_TESTS = [test_readme_domain_object_recipe, test_ext_info_prints_section_addresses, test_gdb_spinel_ext]
