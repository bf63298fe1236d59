"""QEMU boot tests of applications: static ELF64 executables from boot
modules ("app NAME"), run in ring 3 in their own translation contexts,
calling the kernel through syscall (Trap.Syscall), holding kernel objects
only through references in their own tables; faults kill only the
application. Under a CPU with SMEP and SMAP, which the kernel turns on."""
import re

from vm_cases import status

SMEP_SMAP = ["-cpu", "qemu64,+smep,+smap"]
APPS = ("hello", "spin", "refs", "pingpong", "faulty-null", "faulty-priv", "faulty-kptr", "faulty-forged",
        "faulty-exit")


def app(name):
    with open(f"build/apps/{name}.elf", "rb") as f:
        return f.read()


def guest(name, modules, cpu=SMEP_SMAP):
    import cases
    from qemu import Guest
    iso = cases.build_iso(name, modules)
    return Guest(["-cdrom", iso] + cpu, timeout=120)


def all_apps(name):
    return guest(name, [(app(a), f"app {a}") for a in APPS])


def run(g, name, args=""):
    """`run NAME ARGS`: the strand. The application may print before the shell
    says it started it, so what it prints is looked for from the command on."""
    g.expect(r"spinel> ", "prompt")
    mark = g.seen
    g.send(f"run {name} {args}".rstrip())
    m = g.expect(rf"run {name}: strand (\d+)\n", f"reply to 'run {name}'")
    g.seen = mark
    return int(m[1])


def output(g, *patterns):
    """Lines an application printed after the shell's prompt, each pattern
    in turn (another application's lines may come between them); then an
    empty line, for a fresh prompt the next command waits for."""
    for p in patterns:
        m = g.expect(p, f"application output {p!r}")
    g.send("")
    return m


def nothing_held(g, before):
    """Every frame, context and range back; no application running."""
    g.command("apps", r"\n0 running\n")
    after = status(g)
    assert after[:4] == [0, 0, 0, 0], f"held after: {after}"
    assert after[4] == before[4], f"frames leaked: {before[4]} free before, {after[4]} after"


def test_apps_hello_in_ring3_with_smep_and_smap():
    """hello runs in ring 3 with its stack where the ABI puts it, writes
    through the proved copy-in, exits 0; everything it held comes back."""
    import cases
    g = all_apps("apphello")
    try:
        g.expect(rf"applications: {len(APPS)} known, 0 refused; ring 3 with SMEP on, SMAP on\n")
        g.command("apps", r"applications known: " + " ".join(APPS) + r"\n0 running\n")
        before = status(g)
        run(g, "hello")
        output(g, r"hello from ring 3\n"
                 r"hello: stack near 0x7fef[0-9a-f]+, within the stack's 4 pages below 0x7ff000000000\n"
                 r"app hello: exited with 0\n")
        nothing_held(g, before)
        cases.halt(g)
    finally:
        g.kill()


def test_apps_arguments_as_the_abi_starts_a_process():
    """run NAME ARGS: argv is the name and the words, spaces apart, with a
    null pointer after them; more than 8 words are refused, nothing held."""
    import cases
    g = all_apps("appargs")
    try:
        before = status(g)
        run(g, "hello", "one  two three")
        output(g, r"hello: 4 arguments: \[hello\] \[one\] \[two\] \[three\]\n", r"app hello: exited with 0\n")
        run(g, "hello", " ".join(str(i) for i in range(1, 9)))
        output(g, r"hello: 9 arguments: \[hello\] \[1\] [^\n]* \[8\]\n", r"app hello: exited with 0\n")
        g.command("run hello " + " ".join(str(i) for i in range(1, 10)),
                  r"run hello: refused: more than 8 arguments, or over 128 bytes of them \(error 209\)\n")
        run(g, "hello")
        output(g, r"app hello: exited with 0\n")
        assert "hello: 1 arguments" not in g.output, "no argument line without arguments"
        nothing_held(g, before)
        cases.halt(g)
    finally:
        g.kill()


def test_apps_pingpong_through_a_port():
    """pingpong: a server application and a client application, each in
    its own context, 1000 calls through the kernel, every answer checked;
    the client's last call ends the server, and that call answers
    -SYS_ERR_GONE (14) rather than waiting for ever. Nothing stays held."""
    import cases
    g = all_apps("apppingpong")
    try:
        before = status(g)
        run(g, "pingpong", "server")
        output(g, r"pingpong: serving port pong: reference \d+\n")
        run(g, "pingpong", "client 1000")
        m = output(g, r"pingpong: 1000 calls, every answer right\n",
                   r"pingpong: served 1001 calls; told to quit by application (\d+)\n")
        assert 48 <= int(m[1]) < 54, m[0]
        output(g, r"pingpong: the call that ended the server answered -14\n")
        while g.output.count("app pingpong: exited with 0\n") < 2:
            g.expect(r"app pingpong: exited with 0\n", "both ends' exits")
        g.send("")
        nothing_held(g, before)
        # No server: the client's connect is refused, it does not wait.
        run(g, "pingpong", "client 5")
        output(g, r"pingpong: connect to pong refused: -10\n", r"app pingpong: exited with 1\n")
        nothing_held(g, before)
        cases.halt(g)
    finally:
        g.kill()


def test_apps_port_server_killed_under_its_callers():
    """A server killed from the shell while a client calls it in a loop:
    once the shell's next command reaps the server, the client's call is
    answered (GONE if it was waiting, a stale reference if it was between
    two calls), its last call finds its reference stale, it ends by itself,
    and both applications' resources come back."""
    import cases
    g = all_apps("appportkill")
    try:
        before = status(g)
        server = run(g, "pingpong", "server")
        output(g, r"pingpong: serving port pong: reference \d+\n")
        run(g, "pingpong", "client 100000000")
        g.command(f"kill {server}", rf"killed strand {server}\n")
        g.command("apps", r"\d running\n")
        output(g, r"pingpong: call \d+ answered -(14|6)\n",
               r"pingpong: the call that ended the server answered -6\n", r"app pingpong: exited with 2\n")
        nothing_held(g, before)
        cases.halt(g)
    finally:
        g.kill()


def test_apps_faults_kill_only_the_application():
    """Each misbehaving application is stopped or refused with a report
    naming it, the exception and the address; the kernel, the shell and a
    running application (spin) go on, and nothing stays held."""
    import cases
    g = all_apps("appfaulty")
    try:
        g.expect(r"ring 3 with SMEP on, SMAP on\n")
        before = status(g)
        run(g, "spin")
        run(g, "faulty-null")
        output(g, r"faulty-null: reading address 0\n",
               r"faulty-null \(strand \d+\): killed by #PF page fault at rip 0x40[0-9a-f]+, address 0x0\n")
        run(g, "faulty-priv")
        output(g, r"faulty-priv: running hlt in ring 3\n",
               r"faulty-priv \(strand \d+\): killed by #GP general protection at rip 0x40[0-9a-f]+, address 0x0\n")
        run(g, "faulty-kptr")
        output(g, r"faulty-kptr: write from kernel 0xffff800000000000: -3\n",
               r"faulty-kptr: write from unmapped 0x100000000000: -2\n", r"app faulty-kptr: exited with 7\n")
        run(g, "faulty-forged")
        # 0 and 12345 name slots of the shell's table (foreign), -1 no slot.
        output(g, r"faulty-forged: ref 0: dropref -7, raise -7\n", r"faulty-forged: ref 12345: dropref -7, raise -7\n",
               r"faulty-forged: ref -1: dropref -5, raise -5\n", r"app faulty-forged: exited with 8\n")
        run(g, "faulty-exit")
        output(g, r"faulty-exit: returning 3\n", r"app faulty-exit: exited with 3\n")
        # spin ran beside them all: it ended at its own pace, maybe already.
        g.command("apps", r"\n[01] running\n")
        while "app spin: exited with 0\n" not in g.output:
            g.expect(r"app spin: exited with 0\n", "spin's end")
        assert "spin: 10000 yields\nspin: done\n" in g.output, "spin's lines"
        g.send("")
        nothing_held(g, before)
        cases.halt(g)
    finally:
        g.kill()


def test_apps_references_and_pages():
    """refs: each kind of bad reference refused with its own error
    (forged, foreign, stale, not an application's event), a page mapped,
    written and unmapped through system calls."""
    import cases
    g = all_apps("apprefs")
    try:
        before = status(g)
        run(g, "refs")
        m = output(g, r"refs: (\d+) unexpected\napp refs: exited with (\d+)\n")
        lines = re.findall(r"refs: [^\n]*UNEXPECTED", g.output)
        assert m[1] == "0" and m[2] == "0" and not lines, lines
        g.command("caps 15", r"application 15: 0 live references")
        nothing_held(g, before)
        cases.halt(g)
    finally:
        g.kill()


def test_apps_kill_and_cycles_leak_nothing():
    """An application killed from the shell gives everything back, as one
    that exits does, 30 runs in a row."""
    import cases
    g = all_apps("appcycle")
    try:
        before = status(g)
        s = run(g, "spin")
        g.command(f"kill {s}", rf"killed strand {s}\n")
        nothing_held(g, before)
        for _ in range(30):
            run(g, "hello")
            output(g, r"app hello: exited with 0\n")
        nothing_held(g, before)
        cases.halt(g)
    finally:
        g.kill()


def writable_code(elf):
    """The executable with its code segment's flags made R+W+X."""
    b = bytearray(elf)
    phoff, phnum = int.from_bytes(b[32:40], "little"), int.from_bytes(b[56:58], "little")
    for k in range(phnum):
        at = phoff + 56 * k
        if int.from_bytes(b[at:at + 4], "little") == 1 and int.from_bytes(b[at + 4:at + 8], "little") == 5:
            b[at + 4:at + 8] = (7).to_bytes(4, "little")
            return bytes(b), k
    raise AssertionError("no R+X PT_LOAD")


def test_apps_malformed_executables_refused():
    """A truncated executable, a relocatable object and one with writable
    code are refused at boot by the proved exec_plan, each with its reason
    (and the program header it is about), and never run; hello runs beside
    them, here on a CPU without SMEP and SMAP (said so)."""
    import cases
    hello = app("hello")
    with open("build/u/app/hello.o", "rb") as f:
        relocatable = f.read()
    wx, k = writable_code(hello)
    g = guest("appbad", [(hello[:100], "app trunc"), (relocatable, "app object"), (wx, "app wx"),
                         (hello, "app hello")], cpu=[])
    try:
        g.expect(r"app trunc: refused: program header table runs past the end \(error 149\)\n")
        g.expect(r"app object: refused: not an executable \(ET_EXEC; build with -static, not -pie\) \(error 145\)\n")
        g.expect(rf"app wx: refused: program header {k}: segment both writable and executable \(error 162\)\n")
        g.expect(r"applications: 1 known, 3 refused; ring 3 with SMEP off \(not in this CPU\), "
                 r"SMAP off \(not in this CPU\)\n")
        g.command("run trunc", r"run trunc: refused: no such application \(error 200\)\n")
        run(g, "hello")
        output(g, r"app hello: exited with 0\n")
        cases.halt(g)
    finally:
        g.kill()


def test_apps_syscall_fuzzer_leaves_the_kernel_running():
    """sysfuzz makes 20000 system calls with random numbers and arguments
    from ring 3, three times with different seeds, beside hello: the
    kernel refuses what it must, stays up, and each run (ended or killed
    by its own fault) gives everything back."""
    import cases
    g = guest("appfuzz", [(app(a), f"app {a}") for a in ("sysfuzz", "hello")])
    try:
        before = status(g)
        for _ in range(3):
            s = run(g, "sysfuzz")
            end = output(g, rf"(sysfuzz: \d+ calls made, \d+ refused\napp sysfuzz: exited with 0\n|"
                            rf"sysfuzz \(strand {s}\): killed by [^\n]+\n)")
            print(end[1].strip())
            run(g, "hello")
            output(g, r"app hello: exited with 0\n")
        nothing_held(g, before)
        g.command("caps 15", r"application 15: 0 live references")
        cases.halt(g)
    finally:
        g.kill()


def port_guest(name, modules):
    """A guest with the given modules, its load port on a fresh socket."""
    import os
    import cases
    from qemu import Guest
    sock = os.path.abspath(f"build/test-{name}.sock")
    if os.path.exists(sock):
        os.remove(sock)
    iso = cases.build_iso(name, modules)
    g = Guest(["-cdrom", iso, "-chardev", f"socket,id=load,path={sock},server=on,wait=off",
               "-serial", "chardev:load"] + SMEP_SMAP, timeout=180)
    return g, sock


def port_request(sock, tag, body, length=None):
    """One raw load port request, sent whole: the kernel's answer lines
    ("ready" first when it took the header)."""
    import socket
    import struct
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(60)  # a harness limit for a busy machine, not a target
        s.connect(sock)
        s.sendall(tag + struct.pack("<I", len(body) if length is None else length) + body)
        answer = b""
        while not answer.endswith(b"\n") or answer == b"ready\n":
            chunk = s.recv(256)
            assert chunk, f"closed after {answer!r}"
            answer += chunk
    return answer.decode().splitlines()


def test_apps_run_through_the_load_port():
    """spinel run: hello sent through the load port runs (its lines on the
    console) and is known from then on; sent again it runs again. Refused,
    each with the console's reason, nothing known or held after: a
    truncated executable, one with writable code, a package, other bytes under a known name, names
    the shell could not type, and requests refused by their header alone."""
    import os
    import cases
    from ext_cases import answered, pkg, spinel
    g, sock = port_guest("appport", [(app("spin"), "app spin")])

    def send(name, data, *args):
        path = os.path.abspath(os.path.join("build", "test-iso", name))
        with open(path, "wb") as f:
            f.write(data)
        return spinel("run", path, "--socket", sock, *args)

    def started(name, r, *lines):
        """The port's answer, then the console's line and the application's
        own lines, in whichever order they came: the application may run
        before the port's report is printed."""
        m = re.fullmatch(rf"started {name} strand (\d+)\n", r.stdout)
        assert r.returncode == 0 and m, f"exit {r.returncode}, {r.stdout!r}, {r.stderr!r}"
        mark = g.seen
        for text in (f"load port: started {name} strand {m[1]}\n",) + lines:
            while text not in g.output[mark:]:
                g.expect(re.escape(text), repr(text))
        g.seen = len(g.output)
        g.send("")

    def refused(r, why):
        answered(r, 1, f"refused: {why}")
        g.expect(rf"load port: refused: {re.escape(why)}\n")

    hello = app("hello")
    try:
        g.expect(r"applications: 1 known, 0 refused; ring 3 with SMEP on, SMAP on\n")
        g.expect(r"spinel> ")
        started("hello", spinel("run", os.path.abspath("build/apps/hello.elf"), "--socket", sock),
                "hello from ring 3\n", "app hello: exited with 0\n")
        g.command("apps", r"2 applications known: spin hello\n0 running\n")
        started("hello", send("again.elf", hello, "--name", "hello"), "app hello: exited with 0\n")  # run again
        assert g.output.count("hello from ring 3\n") == 2, "hello ran twice"
        g.command("run hello", r"run hello: strand \d+\n")  # known to the shell too
        output(g, r"app hello: exited with 0\n")
        refused(send("sum.elf", pkg("sum")), "not an ELF file (bad magic) (error 141)")
        before = status(g)
        refused(send("trunc.elf", hello[:100]), "program header table runs past the end (error 149)")
        wx, k = writable_code(hello)
        refused(send("wx.elf", wx), f"program header {k}: segment both writable and executable (error 162)")
        refused(send("hello.elf", app("spin")), "that name is taken by another executable")
        refused(send("spin.elf", hello), "that name is taken by another executable")
        for body in (b"\0" + hello, b"a b\0" + hello, b"n" * 20 + b"\0" + hello, b"nonul"):
            lines = port_request(sock, b"SPNLRUNX", body)
            assert lines == ["ready", "refused: the name is empty, over 15 bytes, or not printable"], (body[:24], lines)
        assert port_request(sock, b"SPNLRUNX", b"", 3 << 20) == ["refused: the executable is over 1 MiB"]
        assert port_request(sock, b"SPNLRUNX", b"") == ["refused: the run request names no application"]
        g.command("apps", r"2 applications known: spin hello\n0 running\n")
        nothing_held(g, before)
        assert "app trunc" not in g.output and "run trunc" not in g.output
        g.command("run trunc", r"run trunc: refused: no such application \(error 200\)\n")
        run(g, "spin")  # the shell and applications go on
        output(g, r"app spin: exited with 0\n")
        cases.halt(g)
    finally:
        g.kill()


KV_ANSWERS = [("put alpha", "0"), ("put beta", "0"), ("put gamma", "0"), ("put beta again", "0"), ("count", "3"),
              ("get alpha", '3 "one"'), ("get beta", '4 "deux"'), ("get gamma", '5 "three"'),
              ("get gamma into 2 bytes (its length)", "5"), ("get delta (missing)", "-10"),
              ("put with a kernel pointer as the key", "-3"), ("get into a kernel pointer", "-3"),
              ("put a 17-byte key", "-4"), ("put an empty key", "-12"), ("put a 65-byte value", "-4")]


def kv_guest(name, *more):
    import ext_cases
    return guest(name, [(ext_cases.pkg("kv"), "ext kv"), *more, (app("kvclient"), "app kvclient")])


def test_apps_kv_extension_serves_system_calls():
    """The kv extension adds system calls 64 (put), 65 (get) and 66
    (count): kvclient's answers, bad buffers refused by the copies kv makes
    through the syscall interface, twice (a put replaces). Unloaded, its
    numbers answer -SYS_ERR_NO_SUCH_CALL (-1) and the kernel runs on."""
    import cases
    g = kv_guest("appkv")
    try:
        g.expect(r"kv: serving put 64, get 65, count 66 \(16 keys of 16 bytes, values of 64\)\n")
        g.expect(r"ring 3 with SMEP on, SMAP on\n")
        before = status(g)
        for _ in range(2):
            run(g, "kvclient")
            output(g, *[rf"kvclient: {re.escape(what)}: {re.escape(said)}\n" for what, said in KV_ANSWERS],
                   r"kvclient: 0 unexpected\napp kvclient: exited with 0\n")
        nothing_held(g, before)
        g.command("ext unload kv", r"ext kv: unloaded")
        before = status(g)  # kv's own frames are free now
        run(g, "kvclient")
        gone = [f"kvclient: {what}: -1" + (' ""' if '"' in said else "") + " UNEXPECTED\n" for what, said in KV_ANSWERS]
        output(g, *[re.escape(line) for line in gone],
                r"kvclient: 15 unexpected\napp kvclient: exited with 15\n")
        nothing_held(g, before)
        cases.halt(g)
    finally:
        g.kill()


def test_apps_kv_numbers_are_guarded():
    """An extension may not serve the kernel's calls, a number beyond the
    range, or a number another extension serves: kvthief, loaded after kv,
    is refused with SPINEL_ERR_DENIED (1), _INVALID (17) and _TAKEN (18); a
    free number it gets (0), once (_DUPLICATE, 2). kv still answers."""
    import cases
    import ext_cases
    g = kv_guest("appkvthief", (ext_cases.admitted_test_ext("kvthief"), "ext kvthief"))
    try:
        for what, said in (("1 \\(write\\)", 1), ("64 \\(kv's put\\)", 18), ("128", 17), ("70", 0),
                           ("70 again", 2)):
            g.expect(rf"kvthief: install on {what}: {said}\r?\n")
        g.expect(r"extensions: 2 loaded, 0 refused")
        run(g, "kvclient")
        output(g, r"kvclient: 0 unexpected\napp kvclient: exited with 0\n")
        cases.halt(g)
    finally:
        g.kill()


APP_TESTS = [test_apps_hello_in_ring3_with_smep_and_smap, test_apps_arguments_as_the_abi_starts_a_process,
             test_apps_pingpong_through_a_port, test_apps_port_server_killed_under_its_callers,
             test_apps_faults_kill_only_the_application,
             test_apps_references_and_pages, test_apps_kill_and_cycles_leak_nothing,
             test_apps_malformed_executables_refused, test_apps_syscall_fuzzer_leaves_the_kernel_running,
             test_apps_run_through_the_load_port, test_apps_kv_extension_serves_system_calls,
             test_apps_kv_numbers_are_guarded]
