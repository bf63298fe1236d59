#!/usr/bin/env python3
"""The README's sample session ("## What you see"), made by a real boot.

Boots build/spinel.iso in QEMU as `make run` does (the same memory, ISO,
COM1 console and COM2 load port, here on a private socket) plus
`-icount shift=0,align=off,sleep=off`, so the guest executes the same
instructions on every run. It types, after each prompt, the commands the
README block shows after `spinel> `, and records the console until the
last command ends (`fault` halts the machine; anything else is followed
by one more prompt, where the session stops).

  readme_session.py            compare the README block with a fresh boot:
                               exit 0 if they match, 1 with a diff naming
                               the first differing line, 2 if it cannot run
  readme_session.py --update   rewrite the block from a fresh boot

Both first bring build/spinel.iso up to date (`make iso`) unless
--no-build. The boot test `readme_session_matches_a_boot` (cases.py, so
`make test`) does the comparison. A second boot test,
`extensions_readme_commands_succeed`, types the shell block under "## In
the kernel" of extensions/README.md (its `# comments` dropped) and fails
on the first command whose reply is a usage line or a refusal, or an
`ext cycle` that leaks frames.

The README shows every value as a real boot printed it. The comparison
masks, by pattern and in both texts alike, exactly these fields:
- `ticks: N`: timer ticks. Under -icount with sleep=off, virtual time
  jumps ahead while the guest waits in `hlt` for a key, and when a key
  arrives depends on the host, so the count differs from run to run.
- the raises of the `Strand.*` events (`events`): Checkpoint and Resume
  come once per timer tick while a strand runs, and the shell blocks
  (Block) until an interrupt wakes it (Unblock, Resume), so they follow
  the ticks and the keys' arrival.
- proof times `in N.N s` (`ext info`): measured when the package was
  admitted, so they differ with each build of the packages and the load
  of the machine then.
- module addresses and sizes (`module N: 0xADDR, N bytes`): the size of
  each package changes whenever its extension or the admission tool
  changes, and the addresses follow the kernel image's size.
- every frame count (`frames: N free / N total`, `N used`, `N KiB
  free`): they follow the packages' sizes, which change with the proof
  times they record.
- addresses in the top 2 GiB, wherever they appear (`0xffffffff8...`
  the kernel image, `0xffffffffc...` extension images: handlers in
  `events`, sections or images in `ext` replies): they move with any change
  of the kernel's or an extension's size.
- the register dump's values after `fault` (every `REG=0x...` but the
  vector, error code, CS, SS and CR2, which the command decides): the
  instruction pointer, stack, page-table root and general registers
  depend on the build.
Everything else (the memory map, the kernel's page counts, which a kernel
change may move and then `--update` shows, counts of regions, modules, events,
handlers, raises, references, goals, the shell's words) must match
exactly: a change there is a change of behaviour the README must show.
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import Guest, GuestError  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
README = os.path.join(ROOT, "README.md")
ISO = os.path.join(ROOT, "build", "spinel.iso")
HEADING = "## What you see"
FIRST_LINE = "$ make run"
PROMPT = "spinel> "
BANNER = re.compile(r"^Spinel \d+\.\d+\.\d+ \(x86_64\)", re.M)
ICOUNT = ["-icount", "shift=0,align=off,sleep=off"]
TIMEOUT = 300  # seconds for the whole session: the build machine may be busy

# Each mask: a pattern, and what its match becomes in both texts.
MASKS = [
    (re.compile(r"^ticks: \d+"), "ticks: N"),
    (re.compile(r"^(event \d+ Strand\.(?:Block|Unblock|Checkpoint|Resume): owner \d+, \d+ handlers?, )\d+ raises?, default ran \d+ times?"),
     r"\1N raises, default ran N times"),
    (re.compile(r" in \d+(\.\d+)? s\b"), " in N s"),
    (re.compile(r"module (\d+): 0x[0-9a-f]+, \d+ bytes"), r"module \1: ADDR, N bytes"),
    (re.compile(r"frames: \d+ free / \d+ total"), "frames: N free / N total"),
    (re.compile(r"\(\d+ used\), \d+ KiB free"), "(N used), N KiB free"),
    (re.compile(r"0xffffffff[89a-f][0-9a-f]{7}\b"), "ADDR"),
    (re.compile(r"\b(?!CS=|SS=|CR2=)([A-Z][A-Z0-9]{1,5} ?)=0x[0-9a-f]+"), r"\1=X"),
]


class Unusable(Exception):
    """The session cannot be made or compared: one line saying why."""


def read_block(path=README, heading=HEADING, first=FIRST_LINE):
    """The file's lines, and the index range [start, end) of the body of
    the first ``` block after the heading, which must begin with first."""
    with open(path) as f:
        lines = f.read().split("\n")
    try:
        start = lines.index("```", lines.index(heading)) + 1
        end = lines.index("```", start)
    except ValueError:
        raise Unusable(f"{path}: no ``` block under '{heading}'")
    if start == end or not lines[start].startswith(first):
        raise Unusable(f"{path}:{start + 1}: the block must begin with '{first}'")
    return lines, start, end


def commands_of(block, heading=HEADING):
    """The commands typed in the block, in order."""
    cmds = [line[len(PROMPT):] for line in block if line.startswith(PROMPT)]
    if not cmds:
        raise Unusable(f"the block under '{heading}' types no command (no line begins with '{PROMPT}')")
    return cmds


def boot_args(socket_path):
    """`make run`'s QEMU arguments beyond Guest's own (memory, no reboot,
    the exit port, COM1 on stdio): the ISO and COM2, the load port. make
    run's `mon:` on COM1 only adds QEMU's monitor behind Ctrl-A, which the
    guest never sees. Its network device too, without make run's port
    forward (nothing is sent to the guest here)."""
    return ["-cpu", "qemu64,+smep,+smap", "-cdrom", ISO, "-chardev", f"socket,id=load,path={socket_path},server=on,wait=off",
            "-serial", "chardev:load", "-netdev", "user,id=n0", "-device", "virtio-net-pci,netdev=n0"] + ICOUNT


def run_session(cmds):
    """The console from the banner to the end of the last command."""
    if not os.path.isfile(ISO):
        raise Unusable(f"{ISO} is missing: run 'make iso' first")
    with tempfile.TemporaryDirectory(prefix="spinel-readme-") as tmp:
        g = Guest(boot_args(os.path.join(tmp, "load.sock")), timeout=TIMEOUT)
        try:
            for cmd in cmds:
                g.expect(re.escape(PROMPT), f"the prompt before {cmd!r}")
                g.send(cmd)
            return transcript(g)
        finally:
            g.kill()


def transcript(g):
    """After the last command: the output until QEMU ends, or up to the
    next prompt if the machine goes on."""
    try:
        g.expect(re.escape(PROMPT), "the end of the last command")
        end = g.seen - len(PROMPT)
    except GuestError:
        if g.proc.poll() is None:
            raise  # timed out: neither a prompt nor the machine's end
        end = len(g.output)
    m = BANNER.search(g.output)
    if not m:
        raise Unusable(f"no banner in the console output: {g.output[:300]!r}")
    return [FIRST_LINE] + g.output[m.start():end].rstrip("\n").split("\n")


def masked(line):
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return line


def first_difference(lines, start, end, fresh):
    """None if the README's block lines[start:end] and the fresh session
    agree under the masks, else a report naming the README line where they
    part, with a diff of the README as it is and as --update would write it."""
    shown = lines[start:end]
    a, b = [masked(x) for x in shown], [masked(x) for x in fresh]
    if a == b:
        return None
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    readme_line = shown[i] if i < len(shown) else "(the block ends)"
    boot_line = fresh[i] if i < len(fresh) else "(the session ends)"
    diff = difflib.unified_diff(lines, lines[:start] + fresh + lines[end:], "README.md", "a fresh boot",
                                lineterm="", n=2)
    return (f"README.md:{start + 1 + i}: the session differs from a fresh boot\n"
            f"  README:     {readme_line}\n  fresh boot: {boot_line}\n" + "\n".join(diff) +
            "\n(ticks, proof times, module sizes, frame counts and addresses may differ without failing;"
            " tests/boot/readme_session.py --update rewrites the block)")


def check():
    """Raises AssertionError naming the first differing line."""
    lines, start, end = read_block()
    fresh = run_session(commands_of(lines[start:end]))
    report = first_difference(lines, start, end, fresh)
    assert report is None, report


def update():
    lines, start, end = read_block()
    fresh = run_session(commands_of(lines[start:end]))
    with open(README, "w") as f:
        f.write("\n".join(lines[:start] + fresh + lines[end:]))
    return len(fresh)


def test_readme_session_matches_a_boot():
    check()


# extensions/README.md's shell block: each command must do what it says.
EXT_README = os.path.join(ROOT, "extensions", "README.md")
EXT_HEADING = "## In the kernel"
FAILED = re.compile(r"^usage:|: not loaded|not unloaded|stopped at cycle|unknown command|: refused|"
                    r"not callable|no boot module|interrupted", re.M)


def replies(cmds):
    """Each command's reply, up to the next prompt, from one boot."""
    with tempfile.TemporaryDirectory(prefix="spinel-readme-") as tmp:
        g = Guest(boot_args(os.path.join(tmp, "load.sock")), timeout=TIMEOUT)
        try:
            start = g.expect(re.escape(PROMPT), "the first prompt").end()
            out = []
            for cmd in cmds:
                g.send(cmd)
                m = g.expect(re.escape(PROMPT), f"the prompt after {cmd!r}")
                out.append(g.output[start:m.start()])
                start = m.end()
            return out
        finally:
            g.kill()


def test_extensions_readme_commands_succeed():
    lines, start, end = read_block(EXT_README, EXT_HEADING, PROMPT)
    cmds = [c.split("  #")[0].strip() for c in commands_of(lines[start:end], EXT_HEADING)]
    for cmd, reply in zip(cmds, replies(cmds)):
        assert not FAILED.search(reply), f"extensions/README.md: '{cmd}' failed: {reply.strip()!r}"
        if cmd.startswith("ext cycle "):
            m = re.search(r"free frames (\d+) before, (\d+) after", reply)
            assert m and m[1] == m[2], f"extensions/README.md: '{cmd}': {reply.strip()!r}"


README_TESTS = [test_readme_session_matches_a_boot, test_extensions_readme_commands_succeed]


def build_iso():
    p = subprocess.run(["make", "-s", "-C", ROOT, "build/spinel.iso"], stdout=subprocess.DEVNULL)
    if p.returncode != 0:
        raise Unusable("'make build/spinel.iso' failed (its errors are above)")


def main():
    ap = argparse.ArgumentParser(description="The README's sample session, from a real boot.")
    ap.add_argument("--update", action="store_true", help="rewrite the README block from a fresh boot")
    ap.add_argument("--no-build", action="store_true", help="use build/spinel.iso as it is")
    args = ap.parse_args()
    try:
        if not args.no_build:
            build_iso()
        if args.update:
            print(f"README.md: the session block rewritten from a fresh boot ({update()} lines)")
            return 0
        check()
    except (Unusable, GuestError, OSError) as e:
        print(f"readme_session: {e}")
        return 2
    except AssertionError as e:
        print(e)
        return 1
    except KeyboardInterrupt:
        print("readme_session: interrupted")
        return 130
    print("README.md: the session block matches a fresh boot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
