"""QEMU boot tests of extensions: the sample packages admitted by the
build, loaded from GRUB modules, called from the shell, unloaded and
reloaded; and tampered packages, each refused with its reason while the
kernel goes on."""
import hashlib
import os
import re
import sys

from qemu import Guest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "extensions/admit"))
import keygen  # noqa: E402
import lms  # noqa: E402
import package  # noqa: E402

SAMPLES = ["tracer", "counter", "hello", "checksum", "sum"]


def pkg(name):
    with open(f"build/ext/{name}.ext", "rb") as f:
        return f.read()


def fletcher16(text):
    a = b = 0
    for byte in text.encode():
        a = (a + byte) % 255
        b = (b + a) % 255
    return b * 256 + a


def boot(name, modules):
    import cases  # here: cases imports this module
    return Guest(["-cdrom", cases.build_iso(name, modules)], timeout=120), cases.halt


def test_extensions_load_run_unload():
    g, halt = boot("exts", [(pkg(n), f"ext {n}") for n in SAMPLES])
    try:
        g.expect(r"tracer: 1 raise of Shell.Command and Ext.Loaded")  # its own load
        g.expect(r"extensions: 5 loaded, 0 refused")
        # 4 more loads and this line; the kernel's counts read through its references
        g.command("tracer", r"tracer: 6 raises of Shell.Command and Ext.Loaded; the kernel counts 1 and 5; "
                            r"a forged reference: refused")
        g.command("caps 1", r"application 1: 2 live references")
        g.command("counter", r"counter: 3 lines")
        g.command("hello there", r"hello from an extension \(greeting 1\)")
        g.command("hellothere", r"unknown command 'hellothere'")
        g.command("sum spinel", rf"sum: fletcher16 = {fletcher16('spinel')}\n")
        g.command("ext list", r"5 extensions loaded")
        g.command("ext info sum", r"sum: proved (\d+)/\1 goals.*\n.*stack \d+ of \d+ bytes\s*\n"
                                  r"bound 254 loop iterations per call of each entry point \(budget 1048576\)")
        g.command("call counter ext_init", r"call: ext_init runs only inside ext load and ext unload")
        g.command("call counter ext_fini", r"call: ext_fini runs only inside ext load and ext unload")
        # the 11th line counter sees: its export takes nothing and needs nothing
        g.command("call counter counter_lines", r"call: counter\.counter_lines returned 11\n")
        g.command("call checksum fletcher16", r"call: checksum\.fletcher16 is not callable: only an export proved "
                                              r"to take no arguments and to need no precondition is")
        g.command("ext unload checksum", r"ext checksum: not unloaded: sum imports it")
        g.command("ext unload sum", r"ext sum: unloaded")
        g.command("sum spinel", r"unknown command 'sum'")
        g.command("ext load sum", r"ext sum: loaded")
        g.command("sum abc", rf"sum: fletcher16 = {fletcher16('abc')}\n")
        g.command("ext unload counter", r"counter: unloaded after 18 lines\next counter: unloaded")
        g.command("counter", r"unknown command 'counter'")
        g.command("ext unload hello", r"ext hello: unloaded")
        m = g.command("ext cycle hello 1000", r"ext cycle: 1000 loads and unloads of hello; "
                                               r"free frames (\d+) before, (\d+) after")
        assert m[1] == m[2], f"frames leaked: {m[1]} before, {m[2]} after"
        g.command("ext cycle hello 10001", r"ext cycle: at most 10000 cycles at once\n")
        g.expect(r"spinel> ", "prompt")
        g.send("ext cycle hello 10000")
        g.send("\x03")  # Ctrl-C, read between two cycles
        done = int(g.expect(r"ext cycle: interrupted \(Ctrl-C\) after (\d+) of 10000 cycles\n")[1])
        m = g.expect(r"ext cycle: (\d+) loads and unloads of hello; free frames (\d+) before, (\d+) after")
        assert int(m[1]) == done < 10000 and m[2] == m[3], f"interrupted cycle: {m[0]!r} after {done}"
        g.command("tracer", r"tracer: (\d+) raises")
        g.command("ext unload tracer", r"ext tracer: unloaded")
        g.command("caps 1", r"application 1: 0 live references")  # revoked with it
        g.command("ext list", r"2 extensions loaded")
        halt(g)
    finally:
        g.kill()


def flip(data, at):
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]


def machine_signer(body):
    return lms.sign(keygen.key_path(), body)


def tampered():
    """(bytes, the refusal the kernel must print) for each way to cheat."""
    good, other = pkg("counter"), pkg("hello")
    manifest, obj, summary, digest = package.unpack(good)
    at_manifest = package.HEADER.size
    at_object = at_manifest + len(manifest)
    cert = "certificate does not match"
    body, _ = package.split(good)
    _, other_sig = package.split(other)
    foreign = body + other_sig + len(other_sig).to_bytes(4, "little")
    stranger, _ = lms.keygen()  # another machine's key: a valid signature, not this kernel's key
    wrong_key = package.pack(lambda b: lms._sign_state(stranger, b), manifest, obj, summary, digest)
    resigned_other_digest = package.pack(machine_signer, manifest, obj, summary,
                                         hashlib.sha256(b"other headers").digest())
    return [(flip(good, at_object + 100), cert), (flip(good, at_manifest + 2), cert),
            (flip(good, len(good) - 5), cert), (good[:len(good) // 2], cert), (good[:40], "too short"),
            (foreign, cert), (wrong_key, cert),
            (resigned_other_digest, "proved against other interface headers")]


def test_tampered_packages_refused():
    cases_ = tampered()
    g, halt = boot("tampered", [(data, "ext counter") for data, _ in cases_] + [(pkg("counter"), "ext counter")])
    try:
        for _, why in cases_:
            g.expect(rf"ext package: refused: {why}")
        g.expect(rf"extensions: 1 loaded, {len(cases_)} refused")
        g.command("counter", r"counter: 1 line\n")
        halt(g)
    finally:
        g.kill()


def test_certificate_is_a_signature():
    """The host side of the certificate: an HSS signature under the public
    key the kernel holds; the image and the ISO hold no secret of the
    signing key."""
    data = pkg("counter")
    pub = open("build/key/admission.pub", "rb").read()
    body, sig = package.split(data)
    assert lms.hss_verify(pub, body, sig)
    assert not lms.hss_verify(pub, body[:-1] + bytes([body[-1] ^ 1]), sig)
    for image in ("build/spinel.elf", "build/spinel.iso"):
        with open(image, "rb") as f:
            blob = f.read()
        assert pub[4:] in blob or image.endswith(".iso"), f"{image} lacks the public key"
        for secret in lms.secrets(keygen.key_path()):
            assert secret not in blob and secret.hex().encode() not in blob, f"{image} holds a signing secret"


def admitted_test_ext(name):
    """A test extension from tests/boot/ext/, admitted now like any other."""
    import subprocess
    out = f"build/ext-tests/{name}.ext"
    r = subprocess.run([sys.executable, "extensions/admit/admit.py", "--out", out, f"tests/boot/ext/{name}.c"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"{name} not admitted: {r.stdout[-400:]} {r.stderr[-400:]}"
    with open(out, "rb") as f:
        return f.read()


def test_handler_quota():
    """One extension cannot fill an event's table: its fifth handler on
    Shell.Command is refused with SPINEL_ERR_QUOTA (8), and the next
    extension still installs."""
    g, halt = boot("quota", [(admitted_test_ext("greedy"), "ext greedy"), (pkg("hello"), "ext hello")])
    try:
        g.expect(r"greedy: 0 0 0 0 8\r?\n")
        g.expect(r"extensions: 2 loaded, 0 refused")
        g.command("hello quota", r"hello from an extension \(greeting 1\)")
        g.command("ext unload greedy", r"ext greedy: unloaded")
        halt(g)
    finally:
        g.kill()


EXT_TESTS = [test_extensions_load_run_unload, test_tampered_packages_refused, test_certificate_is_a_signature,
             test_handler_quota]


def load_port_guest(name):
    """A guest booted with counter, its load port on a fresh socket."""
    import cases
    sock = os.path.abspath(f"build/test-{name}.sock")
    if os.path.exists(sock):
        os.remove(sock)
    iso = cases.build_iso(name, [(pkg("counter"), "ext counter")])
    g = Guest(["-cdrom", iso, "-chardev", f"socket,id=load,path={sock},server=on,wait=off",
               "-serial", "chardev:load"], timeout=180)
    return g, sock


def spinel(*args):
    """extensions/spinel run from a directory outside the repository."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as elsewhere:
        return subprocess.run([sys.executable, os.path.join(ROOT, "extensions", "spinel"), *args],
                              cwd=elsewhere, capture_output=True, text=True, timeout=60)


def answered(r, status, line):
    """spinel exited with status, printing the kernel's one answer line."""
    assert r.returncode == status and r.stdout == line + "\n", \
        f"wanted exit {status} and {line!r}; got exit {r.returncode}, {r.stdout!r}, {r.stderr!r}"


def test_load_port_pushes_packages():
    """spinel load and unload: packages pushed into the running kernel through
    COM2, refusals answered with the console's reason."""
    import cases
    g, sock = load_port_guest("loadport")

    def push(data, name):
        path = os.path.abspath(os.path.join("build", "test-iso", name))
        with open(path, "wb") as f:
            f.write(data)
        return spinel("load", path, "--socket", sock)
    try:
        g.expect(r"extensions: 1 loaded, 0 refused")
        g.expect(r"spinel> ")
        answered(push(pkg("sum"), "sum.ext"), 1, "refused: it imports a domain that is neither an extension "
                                                 "interface nor a loaded extension")
        g.expect(r"ext sum: imports checksum, which is not loaded\n"
                 r"ext sum: refused: it imports a domain that is neither")
        answered(push(pkg("checksum"), "checksum.ext"), 0, "loaded checksum")
        answered(push(pkg("sum"), "sum.ext"), 0, "loaded sum")
        answered(push(flip(pkg("hello"), 200), "bad.ext"), 1,
                 "refused: certificate does not match (tampered, or signed by another key)")
        g.expect(r"ext package: refused: certificate does not match")
        answered(push(pkg("sum"), "sum.ext"), 1, "refused: that name is loaded already")
        g.command("sum abc", rf"sum: fletcher16 = {fletcher16('abc')}\n")
        g.command("ext list", r"3 extensions loaded")
        # unload through the port, then load again
        answered(spinel("unload", "checksum", "--socket", sock), 1, "refused: sum imports it")
        answered(spinel("unload", "nosuch", "--socket", sock), 1, "refused: nosuch is not loaded")
        g.expect(r"ext nosuch: not loaded\nload port: refused: nosuch is not loaded")
        answered(spinel("unload", "sum", "--socket", sock), 0, "unloaded sum")
        g.expect(r"ext sum: unloaded from the load port")
        g.command("sum abc", r"unknown command 'sum'")
        answered(push(pkg("sum"), "sum.ext"), 0, "loaded sum")
        g.command("sum abc", rf"sum: fletcher16 = {fletcher16('abc')}\n")
        cases.halt(g)
    finally:
        g.kill()


def test_load_port_answers_at_once():
    """A request the kernel refuses by its header is answered in one line,
    whoever sends it: a package by its length before any of it is sent;
    what a refused request carried is dropped, not read as more requests;
    and spinel itself refuses a 3 MB package before sending."""
    import socket
    import struct
    import cases
    g, sock = load_port_guest("loadport-big")

    def raw(request, dropped=0):
        """Sends request whole, reads the one-line answer; the kernel drops
        what the refused request carried and says so before it listens
        again (connected till then: QEMU discards what a closed client
        sent and the guest has not read)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(60)  # a harness limit for a busy machine, not a target
            s.connect(sock)
            s.sendall(request)
            answer = b""
            while not answer.endswith(b"\n"):
                chunk = s.recv(256)
                assert chunk, f"closed after {answer!r}"
                answer += chunk
            if dropped:
                g.expect(rf"load port: dropped {dropped} bytes after the refusal")
        return answer.decode()
    try:
        g.expect(r"extensions: 1 loaded, 0 refused")
        g.expect(r"spinel> ")
        # Answered by its header, before any package byte is sent.
        answer = raw(b"SPNLLOAD" + struct.pack("<I", 3 << 20))
        assert answer == "refused: the package is over 1 MiB\n", answer
        answer = raw(b"SPNLUNLD" + struct.pack("<I", 40) + b"n" * 40, dropped=40)
        assert answer == "refused: the name is over 31 bytes\n", answer
        answer = raw(b"GARBAGE!" + struct.pack("<I", 5) + b"12345", dropped=5)
        assert answer == "refused: not a load port request (SPNLLOAD, SPNLUNLD or SPNLRUNX)\n", answer
        big = os.path.abspath("build/test-iso/big.ext")
        with open(big, "wb") as f:
            f.write(b"\0" * (3 << 20))
        r = spinel("load", big, "--socket", sock)
        assert r.returncode == 1 and r.stdout == "" and r.stderr.count("\n") == 1 and \
            "3145728 bytes, over the kernel's limit of 1 MiB (1048576 bytes)" in r.stderr, f"{r}"
        g.command("ext list", r"1 extension loaded")
        refusals = re.findall(r"load port: refused: (.*)\n", g.output)
        assert refusals == ["the package is over 1 MiB", "the name is over 31 bytes",
                            "not a load port request (SPNLLOAD, SPNLUNLD or SPNLRUNX)"], refusals
        cases.halt(g)
    finally:
        g.kill()


EXT_TESTS += [test_load_port_pushes_packages, test_load_port_answers_at_once]


def test_import_bound_to_proved_contracts():
    """sum was proved against checksum.h: a sum whose manifest names another
    checksum.h digest (signed with the build's key, as an admission against
    another header would be) is not linked to the loaded checksum."""
    manifest, obj, summary, digest = package.unpack(pkg("sum"))
    proved = re.search(rb"\ncontract checksum ([0-9a-f]{64})\n", manifest)
    assert proved, manifest
    other = manifest.replace(proved[1], hashlib.sha256(b"another checksum.h").hexdigest().encode())
    forged = package.pack(machine_signer, other, obj, summary, digest)
    g, halt = boot("contract", [(pkg("checksum"), "ext checksum"), (forged, "ext sum")])
    try:
        g.expect(r"ext sum: was proved against another checksum\.h than the loaded checksum exports\n"
                 r"ext sum: refused: an imported extension's contracts are not the ones it was proved against")
        g.expect(r"extensions: 1 loaded, 1 refused")
        halt(g)
    finally:
        g.kill()


EXT_TESTS.append(test_import_bound_to_proved_contracts)
