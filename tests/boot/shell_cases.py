"""QEMU boot tests of the shell's line editing and replies: Ctrl-C, escape
sequences, tabs, over-long lines, extra arguments, plurals, help lines
that extensions add, and line ends on the wire and on a terminal."""
import os
import pty
import re
import select
import subprocess
import time

from qemu import Guest

# A line end that is not exactly CR LF: a bare LF, or CR CR LF.
BAD_LINE_END = re.compile(rb"(?<!\r)\n|\r\r\n")


def assert_crlf(raw, what):
    m = BAD_LINE_END.search(raw)
    assert not m, f"{what}: a line ends in {m[0]!r}: {raw[max(0, m.start() - 60):m.end()]!r}"


def test_shell_line_editing():
    """Escape sequences (arrow keys) are swallowed, a tab separates words,
    a line longer than 127 characters is refused whole (with a bell), and
    Ctrl-C drops the line typed so far."""
    import cases
    g = cases.pvh()
    try:
        g.expect(r"Type 'help' for commands\.\n(?=spinel> )", "prompt")
        g.type("\x1b[A\x1b[1;5Dme\x1bOBm\r")  # up, Ctrl-left, down (application mode) around "mem"
        g.expect(r"spinel> mem\nframes: \d+ free", "mem, with the arrow keys swallowed")
        g.command("caps\t0", r"application 0: 20 live references\n")
        g.command("x" * 200, r"line too long \(max 127 characters\): not run\n")
        assert "unknown command 'xxx" not in g.output, "the cut line ran"
        assert b"\x07" in g.raw, "no bell when the line was full"
        g.type("ticks\x03")
        g.expect(r"spinel> ticks\^C\n(?=spinel> )", "Ctrl-C and a new prompt")
        g.send("mem")  # the cancelled "ticks" is gone: this line is "mem" alone
        g.expect(r"spinel> mem\nframes: \d+ free")
        assert "[A" not in g.output and "[1;5D" not in g.output and "OB" not in g.output, g.output[-600:]
        assert "ticks:" not in g.output, "the cancelled line ran"
        cases.halt(g)
    finally:
        g.kill()


def test_shell_arguments_and_plurals():
    """Too many arguments are refused in one line naming the usage; an
    unknown domain is named; a count of one is singular."""
    import cases
    g = cases.pvh()
    try:
        g.command("cap 0 0 extra", r"\ncap: too many arguments \(usage: cap APP REF\)\n")
        g.command("mem now", r"\nmem: too many arguments \(usage: mem\)\n")
        g.command("caps 0 1", r"\ncaps: too many arguments \(usage: caps APP\)\n")
        g.command("ext load hello now", r"\next: too many arguments \(usage: ext load NAME\)\n")
        g.command("ext list all", r"\next: too many arguments \(usage: ext list\)\n")
        g.command("ext cycle hello 5 6", r"\next: too many arguments \(usage: ext cycle NAME N\)\n")
        g.command("domain nosuch", r"\ndomain: no domain named nosuch\n")
        g.command("domain", r"\nusage: domain NAME \(see 'domains'\)\n")
        m = g.command("caps 0", r"ref (\d+): rights r-c-, event 0.*\n.*ref (\d+): rights r-c-, event 1")
        g.command(f"revoke 0 {m[1]}", r"revoked")
        g.command(f"revoke 0 {m[2]}", r"revoked")
        g.command("caps 0", r"application 0: 18 live references\n")
        g.command("events", r"event 0 Shell\.Command: owner 1, 1 handler, \d+ raises, default ran 0 times\n")
        g.command("ext list", r"\n0 extensions loaded\n")
        cases.halt(g)
    finally:
        g.kill()


def test_shell_extension_help_ctrl_c_and_line_ends():
    """help lists the commands the sample extensions add, and stops listing
    one once it is unloaded (also after ext cycle); Ctrl-C cancels a line
    an extension would have answered and stops ext cycle; every line, the
    kernel's and the extensions', ends in exactly CR LF on the wire."""
    import cases
    from ext_cases import SAMPLES, pkg
    g = Guest(["-cdrom", cases.build_iso("shell", [(pkg(n), f"ext {n}") for n in SAMPLES])], timeout=180)
    ext_help = (r"extensions:\n  tracer  the raises it saw of Shell\.Command and Ext\.Loaded, and the kernel's counts\n"
                r"  counter the lines typed at the shell so far\n"
                r"  hello   \[WORDS\]: greets back and counts the greetings\n"
                r"  sum     TEXT: the Fletcher-16 of TEXT, computed by checksum\n")
    try:
        g.expect(r"tracer: 1 raise of Shell\.Command")
        g.command("help", r"  halt    stop the machine \(and QEMU\)\n" + ext_help + "(?=spinel> )")
        g.type("hel\x03")
        g.expect(r"hel\^C\nspinel> ")
        g.send("lo")
        g.expect(r"unknown command 'lo'")
        assert "hello from an extension" not in g.output, "the cancelled line reached hello"
        g.command("hello there", r"hello from an extension \(greeting 1\)\n")
        g.command("counter", r"counter: \d+ lines\n")
        g.command("ext unload hello", r"ext hello: unloaded")
        m = g.command("help", r"  halt .*\n((?:.*\n)*?)(?=spinel> )")
        assert "hello" not in m[1] and "  sum     TEXT" in m[1], f"help after unloading hello: {m[1]!r}"
        g.expect(r"spinel> ", "prompt")
        g.send("ext cycle hello 10000")
        time.sleep(1)
        g.type("\x03")
        done = int(g.expect(r"ext cycle: interrupted \(Ctrl-C\) after (\d+) of 10000 cycles\n")[1])
        assert done < 10000, done
        g.command("ext load hello", r"ext hello: loaded")
        m = g.command("help", r"  halt .*\n((?:.*\n)*?)(?=spinel> )")
        assert m[1].count("  hello ") == 1, f"help after ext cycle and load: {m[1]!r}"
        cases.halt(g)
    finally:
        g.kill()
    assert_crlf(g.raw, "serial output")


def test_make_run_terminal_line_ends():
    """make run on a terminal: QEMU keeps the terminal's newline
    translation, so without care each CR LF of the kernel shows as CR CR
    LF. Run it on a pseudo-terminal and read what the terminal gets."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp("make", ["make", "-s", "-o", "deps-run", "-o", "build/spinel.iso", "run"])
    out, typed, deadline = b"", False, time.monotonic() + 180
    try:
        while time.monotonic() < deadline:
            if not select.select([fd], [], [], 0.5)[0]:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child ended: the pty is closed
                break
            if not chunk:
                break
            out += chunk
            if not typed and b"spinel> " in out:
                os.write(fd, b"ext list\rhalt\r")
                typed = True
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    banner = re.search(rb"Spinel \d+\.\d+\.\d+ \(x86_64\)", out)
    start, end = banner.start() if banner else -1, out.find(b"halting")
    assert start >= 0 and end > start, f"make run did not boot and halt: {out[-400:]!r}"
    assert b"6 extensions loaded\r\n" in out, out[-400:]
    assert_crlf(out[start:end + len(b"halting\r\n")], "make run on a terminal")


SHELL_TESTS = [test_shell_line_editing, test_shell_arguments_and_plurals,
               test_shell_extension_help_ctrl_c_and_line_ends, test_make_run_terminal_line_ends]
