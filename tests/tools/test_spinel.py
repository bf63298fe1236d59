#!/usr/bin/env python3
"""extensions/spinel and extensions/load_socket.py on bad input, without a
kernel. Each runs from a fresh temporary directory (never the repository)
and must end with the documented exit status (0 done, 1 refused, 2 could
not run) and, on failure, exactly one line on stderr naming the cause,
never a traceback. One PASS/FAIL line per check, for tests/run.py.

Bad inputs covered:
  arguments: none; an unknown command; `admit` alone; `load` without a
    package; `unload` without a name; `--socket` without a value (last,
    before another option, and `--socket=`); an unknown option; an extra
    argument; `--timeout` not a number, or not above 0; an unload name with
    a space, over 31 bytes, or empty.
  packages: a missing file; a directory; not a regular file (/dev/zero);
    a file that cannot be read (/proc/self/mem: EIO; mode 000 read by an
    unprivileged user: EACCES); an empty file; a 3 MB file (refused on the
    host, naming the 1 MiB limit, without connecting).
  the kernel's socket: missing (file absent, directory absent); a stale
    socket file nobody listens on; a regular file; a path too long for a
    Unix socket; a peer that closes without answering; one that never
    answers (--timeout); one that answers something else than the load
    port's lines; Ctrl-C while waiting.
  executables (run): none given; --name without a value, or given to
    load; a default name (the file's, without .elf) or --name the kernel
    would not take (over 15 bytes, a space); an empty file; a file of 1 MiB
    that is over the limit only with its name (refused on the host, without
    connecting); framed SPNLRUNX, length, NAME NUL bytes, sent after
    "ready" only, --name used, the answer printed.
  where it runs: through a symlink, from another directory (all of them).
  the answer relayed: a refusal is printed as the kernel said it, exit 1;
    the request is framed as the kernel reads it (SPNLLOAD/SPNLUNLD/SPNLRUNX, the
    length, the bytes).
  load_socket.py (make run): nobody listening, a stale socket file, another
    QEMU listening (the next socket, with one line saying how to reach it),
    a directory that cannot be made.
"""
import os
import pwd
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPINEL = os.path.join(ROOT, "extensions", "spinel")
LOAD_SOCKET = os.path.join(ROOT, "extensions", "load_socket.py")
WORK = tempfile.mkdtemp(prefix="spinel-test-")
failures = 0


def report(name, ok, why=""):
    global failures
    failures += not ok
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")


def run(*args, tool=SPINEL, user=None, timeout=20):
    cmd = [sys.executable, tool, *args]
    if user:
        cmd = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups", *cmd]
    try:
        return subprocess.run(cmd, cwd=WORK, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, None, "", f"(still running after {timeout} s)")


def one_line_failure(name, r, status, reason, *args):
    """Exit status as documented, one line on stderr holding reason."""
    lines = r.stderr.splitlines()
    ok = r.returncode == status and len(lines) == 1 and reason in lines[0] and "Traceback" not in r.stderr
    report(name, ok, f"exit {r.returncode}, stderr {r.stderr!r}, stdout {r.stdout!r}")


def expect(name, args, status, reason, **kw):
    one_line_failure(name, run(*args, **kw), status, reason)


def path(name, data=None):
    p = os.path.join(WORK, name)
    if data is not None:
        with open(p, "wb") as f:
            f.write(data)
    return p


def arguments():
    pkg = path("ok.ext", b"x" * 100)
    expect("no arguments", [], 2, "spinel: no command given")
    expect("unknown command", ["frob"], 2, "spinel: unknown command 'frob'")
    expect("admit without a manifest", ["admit"], 2, "admit needs a manifest or a .c file")
    expect("load without a package", ["load"], 2, "spinel load: no package given")
    expect("unload without a name", ["unload"], 2, "spinel unload: no name given")
    expect("--socket without a value", ["load", pkg, "--socket"], 2, "spinel load: --socket needs a value")
    expect("--socket followed by an option", ["load", pkg, "--socket", "--timeout", "3"], 2,
           "--socket needs a value")
    expect("--socket= empty", ["unload", "x", "--socket="], 2, "spinel unload: --socket needs a value")
    expect("unknown option", ["load", "--force", pkg], 2, "unknown option '--force'")
    expect("extra argument", ["load", pkg, "other.ext"], 2, "unexpected argument 'other.ext'")
    expect("--timeout not a number", ["load", pkg, "--timeout", "soon"], 2,
           "--timeout needs a number of seconds above 0, not 'soon'")
    expect("--timeout not above 0", ["load", pkg, "--timeout=0"], 2, "not '0'")
    expect("unload name with a space", ["unload", "a b"], 2, "'a b' is not an extension name")
    expect("unload name over 31 bytes", ["unload", "n" * 32], 2, "is not an extension name (1 to 31")
    expect("unload empty name", ["unload", ""], 2, "'' is not an extension name")
    r = run("--help")
    report("--help prints the usage, exit 0", r.returncode == 0 and "spinel unload NAME" in r.stdout
           and "Exit status" in r.stdout, f"exit {r.returncode}: {r.stdout[:200]!r}")


def packages():
    sock = path("none.sock")
    expect("missing package", ["load", "nosuch.ext", "--socket", sock], 2, "spinel load: nosuch.ext: no such file")
    os.makedirs(path("adir"), exist_ok=True)
    expect("a directory as package", ["load", "adir", "--socket", sock], 2, "adir: a directory, not a package")
    expect("not a regular file", ["load", "/dev/zero", "--socket", sock], 2, "/dev/zero: not a regular file")
    expect("unreadable package (EIO)", ["load", "/proc/self/mem", "--socket", sock], 2,
           "/proc/self/mem: cannot read it (Input/output error)")
    locked = path("locked.ext", b"x" * 100)
    os.chmod(locked, 0)
    os.chmod(WORK, 0o755)
    user = pwd.getpwnam("nobody") if os.geteuid() == 0 and shutil.which("setpriv") else None
    expect("unreadable package (permission)", ["load", locked, "--socket", sock], 2,
           "locked.ext: cannot read it (Permission denied)", user=user)
    expect("empty package", ["load", path("empty.ext", b""), "--socket", sock], 1, "empty.ext: empty, not a package")
    big = path("big.ext", b"\0" * (3 << 20))
    with Peer("big.sock", answer=b"loaded big\n") as peer:
        r = run("load", big, "--socket", peer.path)
        one_line_failure("3 MB package refused on the host, naming the limit", r, 1,
                         "big.ext: 3145728 bytes, over the kernel's limit of 1 MiB (1048576 bytes)")
        report("3 MB package: the kernel not even asked", not peer.connected, f"connected {peer.connected}")


class Peer:
    """A Unix socket standing where the kernel's load port would: it takes
    one connection, reads the request, then answers (or closes, or says
    nothing) as told. Like the kernel, it answers a load's header with
    "ready" before the package comes, unless told not to (a refusal by the
    header); whatever the client sends after the answer is kept too."""

    def __init__(self, name, answer=None, close=False, read=12, ready=True):
        self.path = path(name)
        if os.path.exists(self.path):
            os.remove(self.path)
        self.answer, self.close, self.read, self.ready = answer, close, read, ready
        self.connected, self.request = False, b""
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.server.settimeout(60)
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        try:
            conn, _ = self.server.accept()
        except OSError:
            return
        self.connected = True
        with conn:
            conn.settimeout(60)
            try:
                self.take(conn, 12)
                if self.request.startswith((b"SPNLLOAD", b"SPNLRUNX")) and self.ready:
                    conn.sendall(b"ready\n")
                self.take(conn, self.read)
                if self.answer is not None:
                    conn.sendall(self.answer)
                if not self.close:
                    self.take(conn, 1 << 30)  # until the client closes
            except OSError:
                pass

    def take(self, conn, n):
        while len(self.request) < n:
            chunk = conn.recv(65536)
            if not chunk:
                break
            self.request += chunk

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.close()


def kernel_socket():
    pkg = path("ok.ext", b"x" * 100)
    expect("no socket file", ["load", pkg, "--socket", "gone.sock"], 2,
           "spinel load: no kernel listening on gone.sock (no such socket); start one with make run")
    expect("socket in a missing directory", ["unload", "sum", "--socket", "nodir/load.sock"], 2,
           "no kernel listening on nodir/load.sock (no such socket)")
    stale = path("stale.sock")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(stale)
    s.close()  # the file stays, nobody listens: what an ended QEMU may leave
    expect("stale socket file", ["load", pkg, "--socket", stale], 2,
           "no kernel listening on " + stale + " (a stale socket file: connection refused)")
    expect("socket path is a regular file", ["load", pkg, "--socket", pkg], 2, "(not a socket: connection refused)")
    expect("socket path too long", ["load", pkg, "--socket", "s" * 200], 2, "cannot connect to ssss")
    with Peer("closes.sock", close=True, read=12 + 100) as peer:
        expect("kernel closes without answering", ["load", pkg, "--socket", peer.path], 2,
               "spinel load: the kernel closed the connection without answering")
    with Peer("silent.sock", read=12 + 3) as peer:
        expect("kernel never answers (--timeout 1)", ["unload", "sum", "--socket", peer.path, "--timeout", "1"], 2,
               "spinel unload: the kernel did not answer in 1 s")
    with Peer("odd.sock", answer=b"hello?\n", read=12 + 100) as peer:
        expect("an answer not of the load port", ["load", pkg, "--socket", peer.path], 2,
               "not an answer of the load port: 'hello?'")
    with Peer("slow.sock", read=12 + 3) as peer:
        # As at a terminal: Ctrl-C's signal at its default, which a test
        # run in the background (SIGINT ignored, and inherited) would not give.
        p = subprocess.Popen([sys.executable, SPINEL, "unload", "sum", "--socket", peer.path], cwd=WORK,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        # Generous nets, not timings: a loaded machine can take seconds to
        # start Python, and a SIGINT before spinel waits tests nothing.
        deadline = time.monotonic() + 60
        while len(peer.request) < 15 and time.monotonic() < deadline:
            time.sleep(0.05)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
        one_line_failure("Ctrl-C while waiting", subprocess.CompletedProcess(p.args, p.returncode, out, err), 2,
                         "spinel unload: interrupted")


def executables():
    sock = path("none.sock")
    elf = path("hello.elf", b"\x7fELF executable bytes")
    expect("run without an executable", ["run"], 2, "spinel run: no executable given")
    expect("--name without a value", ["run", elf, "--name"], 2, "spinel run: --name needs a value (an application name)")
    expect("--name given to load", ["load", elf, "--name", "x"], 2, "unknown option '--name' (--socket PATH, --timeout S)")
    expect("default name over 15 bytes", ["run", path("a-very-long-program-name.elf", b"x"), "--socket", sock], 2,
           "'a-very-long-program-name' is not an application name (1 to 15 printable ASCII bytes, no spaces, "
           "the file's name without .elf: give one with --name)")
    expect("--name with a space", ["run", elf, "--name", "a b", "--socket", sock], 2,
           "'a b' is not an application name (1 to 15 printable ASCII bytes, no spaces)")
    expect("empty executable", ["run", path("empty.elf", b""), "--socket", sock], 1, "empty.elf: empty, not an executable")
    exact = path("mib.elf", b"\0" * (1 << 20))
    with Peer("mib.sock", answer=b"started mib strand 4\n") as peer:
        r = run("run", exact, "--socket", peer.path)
        one_line_failure("1 MiB executable: over the limit with its name, refused on the host", r, 1,
                         "mib.elf: 1048576 bytes, over the kernel's limit of 1 MiB with its name (1048572 bytes)")
        report("1 MiB executable: the kernel not even asked", not peer.connected, f"connected {peer.connected}")
    data = b"\x7fELF executable bytes"
    body = b"hello\0" + data
    with Peer("runs.sock", answer=b"started hello strand 4\n", read=12 + len(body)) as peer:
        r = run("run", elf, "--socket", peer.path)
    report("run request framed SPNLRUNX, length, NAME NUL bytes after ready; answer printed, exit 0",
           peer.request == b"SPNLRUNX" + struct.pack("<I", len(body)) + body and r.returncode == 0
           and r.stdout == "started hello strand 4\n" and not r.stderr,
           f"{peer.request!r}, exit {r.returncode}, {r.stdout!r} {r.stderr!r}")
    body = b"greet\0" + data
    with Peer("named.sock", answer=b"refused: that name is taken by another executable\n",
              read=12 + len(body)) as peer:
        r = run("run", elf, "--name=greet", "--socket", peer.path)
    report("run --name: the name sent; a refusal relayed, exit 1",
           peer.request == b"SPNLRUNX" + struct.pack("<I", len(body)) + body and r.returncode == 1
           and r.stdout == "refused: that name is taken by another executable\n",
           f"{peer.request!r}, exit {r.returncode}, {r.stdout!r} {r.stderr!r}")
    header = b"SPNLRUNX" + struct.pack("<I", len(b"hello\0" + data))
    with Peer("run-header.sock", answer=b"refused: out of memory\n", ready=False) as peer:
        r = run("run", elf, "--socket", peer.path)
    report("an executable refused by its header is not sent; the refusal relayed, exit 1",
           r.returncode == 1 and r.stdout == "refused: out of memory\n" and peer.request == header,
           f"exit {r.returncode}, {r.stdout!r} {r.stderr!r}, sent {peer.request!r}")


def found_from_its_location():
    """Run through a symlink from elsewhere, spinel still finds the
    repository: its default socket is ROOT/build/load.sock."""
    link = path("spinel")
    os.symlink(SPINEL, link)
    default = os.path.join(ROOT, "build", "load.sock")
    r = run("unload", "nosuch_test_ext", tool=link)
    if os.path.exists(default):  # a make run of this tree listens there: it answered
        ok = r.returncode in (1, 2) and (r.stdout.startswith("refused: ") or default in r.stderr)
    else:
        ok = r.returncode == 2 and f"no kernel listening on {default} (no such socket)" in r.stderr
    report("run through a symlink elsewhere: the repository's socket by default", ok,
           f"exit {r.returncode}, {r.stdout!r} {r.stderr!r}")


def relayed():
    data = b"package bytes"
    pkg = path("p.ext", data)
    with Peer("refuses.sock", answer=b"refused: certificate does not match\n", read=12 + len(data)) as peer:
        r = run("load", pkg, "--socket", peer.path)
    report("a refusal relayed as the kernel said it, exit 1",
           r.returncode == 1 and r.stdout == "refused: certificate does not match\n" and not r.stderr,
           f"exit {r.returncode}, {r.stdout!r} {r.stderr!r}")
    report("load request framed SPNLLOAD, length, then the package after ready",
           peer.request == b"SPNLLOAD" + struct.pack("<I", len(data)) + data, repr(peer.request[:40]))
    header = b"SPNLLOAD" + struct.pack("<I", len(data))
    with Peer("by-header.sock", answer=b"refused: the package is over 1 MiB\n", ready=False) as peer:
        r = run("load", pkg, "--socket", peer.path)
    report("a package refused by its header is not sent; the refusal relayed, exit 1",
           r.returncode == 1 and r.stdout == "refused: the package is over 1 MiB\n" and peer.request == header,
           f"exit {r.returncode}, {r.stdout!r} {r.stderr!r}, sent {peer.request!r}")
    with Peer("unloads.sock", answer=b"unloaded sum\n", read=12 + 3) as peer:
        r = run("unload", "sum", "--socket", peer.path)
    report("unload request framed SPNLUNLD, length, name; answer printed, exit 0",
           peer.request == b"SPNLUNLD" + struct.pack("<I", 3) + b"sum" and r.returncode == 0
           and r.stdout == "unloaded sum\n", f"{peer.request!r}, exit {r.returncode}, {r.stdout!r} {r.stderr!r}")


def load_socket():
    d = path("run")
    r = run(d, tool=LOAD_SOCKET)
    report("load_socket: nobody listening: load.sock", r.returncode == 0 and r.stdout == os.path.join(d, "load.sock")
           + "\n" and not r.stderr, f"exit {r.returncode}, {r.stdout!r} {r.stderr!r}")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(os.path.join(d, "load.sock"))
    r = run(d, tool=LOAD_SOCKET)
    report("load_socket: a stale socket file is free", r.returncode == 0 and r.stdout.endswith("/load.sock\n"),
           f"exit {r.returncode}, {r.stdout!r} {r.stderr!r}")
    s.listen(4)
    with s:
        r = run(d, tool=LOAD_SOCKET)
    second = os.path.join(d, "load-2.sock")
    report("load_socket: another QEMU listening: load-2.sock, with how to reach it",
           r.returncode == 0 and r.stdout == second + "\n" and r.stderr.count("\n") == 1
           and f"extensions/spinel load --socket {second}" in r.stderr,
           f"exit {r.returncode}, {r.stdout!r} {r.stderr!r}")
    one_line_failure("load_socket: a file where the directory should be", run(path("ok.ext"), tool=LOAD_SOCKET), 2,
                     "cannot use")


def main():
    try:
        for group in (arguments, packages, executables, kernel_socket, found_from_its_location, relayed, load_socket):
            try:
                group()
            except Exception as e:  # the harness itself: one FAIL line, the next group still runs
                report(f"{group.__name__}: ran to the end", False, f"{type(e).__name__}: {e}")
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
