#!/usr/bin/env python3
"""The applications run here, on the host, before the kernel can run them:
each is started under ptrace with PTRACE_SYSEMU, which stops it at every
`syscall` and skips Linux's own; this script answers as Spinel's ABI says
(abi.h: the number in rax, arguments in rdi, rsi, rdx, r10, r8, the result
in rax). It checks the user library end to end (crt0's _start, the
syscall stub's registers, the wrappers, uprintf, exit with main's result)
and what each app does: hello's lines, spin's yields, each faulty app's
fault or its printed refusals and exit code. Linux places the stack, not
Spinel, so hello may say its stack is OUTSIDE the ABI's. One PASS/FAIL
line per check, for tests/run.py."""
import ctypes
import os
import re
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PTRACE_TRACEME, PTRACE_GETREGS, PTRACE_SETREGS, PTRACE_GETSIGINFO, PTRACE_SYSEMU = 0, 12, 13, 0x4202, 31
SYS_WRITE, SYS_EXIT, SYS_YIELD, SYS_DROPREF, SYS_RAISE = 0, 1, 2, 5, 6
SYS_EXTENSION_BASE = 64
ERR_FAULT, ERR_KERNEL, ERR_BAD_REF, ERR_NO_SUCH_CALL = 2, 3, 5, 1
KERNEL_HALF = 0xffff800000000000
STEP_LIMIT = 100000  # system calls before a run counts as a hang

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]


class Regs(ctypes.Structure):
    _fields_ = [(n, ctypes.c_ulonglong) for n in (
        "r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi orig_rax rip cs eflags rsp ss "
        "fs_base gs_base ds es fs gs").split()]


class SigInfo(ctypes.Structure):
    _fields_ = [("signo", ctypes.c_int), ("errno", ctypes.c_int), ("code", ctypes.c_int),
                ("pad", ctypes.c_int), ("addr", ctypes.c_ulonglong), ("rest", ctypes.c_byte * 104)]


def signed(v):
    return v - (1 << 64) if v >= 1 << 63 else v


class Run:
    """One application run: its output, its calls, how it ended."""

    def __init__(self):
        self.out = b""
        self.calls = []  # (number, rdi, rsi, rdx, r10, r8)
        self.exit = None  # exit code, or None
        self.signal = None  # (signal, fault address, rip, byte at rip)


def read_mem(pid, addr, n):
    try:
        with open(f"/proc/{pid}/mem", "rb") as m:
            m.seek(addr)
            return m.read(n)
    except (OSError, ValueError, OverflowError):
        return None


def answer(pid, r, run):
    """Spinel's answer to the call in r (the kernel side, as far as these
    apps reach it); None once the app has exited."""
    n = r.orig_rax
    args = (r.rdi, r.rsi, r.rdx, r.r10, r.r8)
    run.calls.append((n,) + args)
    if n == SYS_WRITE:
        buf, length = r.rdi, r.rsi
        if buf >= KERNEL_HALF or buf + length > KERNEL_HALF:
            return -ERR_KERNEL
        data = read_mem(pid, buf, length)
        if data is None or len(data) != length:
            return -ERR_FAULT
        run.out += data
        return length
    if n == SYS_EXIT:
        run.exit = signed(r.rdi)
        return None
    if n == SYS_YIELD:
        return 0
    if n in (SYS_DROPREF, SYS_RAISE):
        return -ERR_BAD_REF  # this run has been issued no references
    if n == SYS_EXTENSION_BASE:
        return 0x6666
    return -ERR_NO_SUCH_CALL


def run_app(path):
    run = Run()
    pid = os.fork()
    if pid == 0:
        try:
            libc.ptrace(PTRACE_TRACEME, 0, None, None)
            os.execv(path, [path])
        finally:
            os._exit(127)
    os.waitpid(pid, 0)  # stopped at exec
    r = Regs()
    try:
        for _ in range(STEP_LIMIT):
            libc.ptrace(PTRACE_SYSEMU, pid, None, None)
            _, st = os.waitpid(pid, 0)
            if not os.WIFSTOPPED(st):
                raise RuntimeError(f"ended outside an exit call: status {st:#x}")
            libc.ptrace(PTRACE_GETREGS, pid, None, ctypes.byref(r))
            sig = os.WSTOPSIG(st)
            if sig != signal.SIGTRAP:
                info = SigInfo()
                libc.ptrace(PTRACE_GETSIGINFO, pid, None, ctypes.byref(info))
                run.signal = (sig, info.addr, r.rip, read_mem(pid, r.rip, 1))
                return run
            result = answer(pid, r, run)
            if result is None:
                return run
            r.rax = result & (1 << 64) - 1
            libc.ptrace(PTRACE_SETREGS, pid, None, ctypes.byref(r))
        raise RuntimeError(f"more than {STEP_LIMIT} system calls")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def report(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")
    return ok


def elf(name):
    return os.path.join(ROOT, "build", "apps", name + ".elf")


def lines(run):
    return run.out.decode(errors="replace").splitlines()


def check(name, path, expect):
    if not os.path.exists(path):
        return report(name, False, f"{path} missing (make apps)")
    try:
        run = run_app(path)
        why = expect(run)
    except Exception as e:  # a harness fault, or the app hung
        why = f"{type(e).__name__}: {e}"
    return report(name, not why, why or "")


def want(cond, what, run):
    return "" if cond else f"{what}; output {run.out!r}, exit {run.exit}, signal {run.signal}"


def hello(run):
    ls = lines(run)
    ok = (len(ls) == 2 and ls[0] == "hello from ring 3" and re.fullmatch(
        r"hello: stack near 0x[0-9a-f]+, (within|OUTSIDE) the stack's 4 pages below 0x7ff000000000", ls[1])
        and run.exit == 0 and [c[0] for c in run.calls] == [SYS_WRITE, SYS_WRITE, SYS_EXIT])
    return want(ok, "two lines, one write each, then exit 0", run)


def spin(run):
    yields = sum(1 for c in run.calls if c[0] == SYS_YIELD)
    want_lines = [f"spin: {k * 1000} yields" for k in range(1, 11)] + ["spin: done"]
    return want(yields == 10000 and lines(run) == want_lines and run.exit == 0,
                "10000 yields, a line every 1000, done, exit 0", run)


def faulty_null(run):
    return want(lines(run) == ["faulty-null: reading address 0"] and run.exit is None and run.signal
                and run.signal[0] == signal.SIGSEGV and run.signal[1] == 0,
                "its line, then a fault at address 0", run)


def faulty_priv(run):
    return want(lines(run) == ["faulty-priv: running hlt in ring 3"] and run.signal
                and run.signal[0] == signal.SIGSEGV and run.signal[3] == b"\xf4",
                "its line, then a fault on hlt (0xf4)", run)


def faulty_kptr(run):
    return want(lines(run) == ["faulty-kptr: write from kernel 0xffff800000000000: -3",
                               "faulty-kptr: write from unmapped 0x100000000000: -2"] and run.exit == 7,
                "each write's error (-SYS_ERR_KERNEL, -SYS_ERR_FAULT), exit 7", run)


def faulty_forged(run):
    refs = [signed(c[1]) for c in run.calls if c[0] in (SYS_DROPREF, SYS_RAISE)]
    return want(refs == [0, 0, 12345, 12345, -1, -1] and run.exit == 8 and lines(run) == [
        f"faulty-forged: ref {r}: dropref -5, raise -5" for r in (0, 12345, -1)],
        "dropref and raise of 0, 12345, -1, each -SYS_ERR_BAD_REF, exit 8", run)


def faulty_exit(run):
    return want(lines(run) == ["faulty-exit: returning 3"] and run.exit == 3, "exit 3 from main's return", run)


def regs(run):
    c = next((c for c in run.calls if c[0] == SYS_EXTENSION_BASE), None)
    return want(c is not None and c[1:] == (0x1111, 0x2222, 0x3333, 0x4444, (-0x5555) & (1 << 64) - 1)
                and run.exit == 0, f"rdi..r8 = 0x1111..-0x5555 and rax back (call {c})", run)


def main():
    ok = True
    for name, expect in [("hello", hello), ("spin", spin), ("faulty-null", faulty_null),
                         ("faulty-priv", faulty_priv), ("faulty-kptr", faulty_kptr),
                         ("faulty-forged", faulty_forged), ("faulty-exit", faulty_exit)]:
        ok &= check(f"{name} under emulated system calls", elf(name), expect)
    ok &= check("sys_call5: five arguments in rdi, rsi, rdx, r10, r8; the result from rax",
                os.path.join(ROOT, "build", "apps", "test", "regs.elf"), regs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
