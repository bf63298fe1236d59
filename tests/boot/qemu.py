"""Drive Spinel in QEMU through its serial console.

A run ends in exactly one of: a clean halt (isa-debug-exit code HALT_OK,
QEMU status 33), a halt after a panic or exception (status 35), a triple
fault (status 0 with -no-reboot), a QEMU error (status 1), or a timeout.
Only the first counts as success unless a test expects another."""
import os
import queue
import re
import subprocess
import threading
import time

EXIT_OK = 33      # (HALT_OK << 1) | 1
EXIT_PANIC = 35   # (HALT_PANIC << 1) | 1
EXIT_NAMES = {EXIT_OK: "clean halt", EXIT_PANIC: "panic halt", 0: "triple fault or reset",
              1: "QEMU error", None: "timeout"}

BASE_ARGS = ["-m", "128M", "-display", "none", "-serial", "stdio", "-no-reboot",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-monitor", "none"]


class GuestError(Exception):
    pass


class Guest:
    def __init__(self, args, timeout=30, qemu="qemu-system-x86_64"):
        self.deadline = time.monotonic() + timeout
        self.proc = subprocess.Popen([qemu] + BASE_ARGS + args, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.output = ""  # what the console printed, CRs dropped: what tests match
        self.raw = b""  # the same bytes as they came, CRs included
        self.seen = 0  # output before this offset was matched already
        self.chunks = queue.Queue()
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        for chunk in iter(lambda: os.read(self.proc.stdout.fileno(), 4096), b""):
            self.chunks.put(chunk.decode("latin-1"))
        self.chunks.put(None)

    def _pump(self, wait):
        try:
            chunk = self.chunks.get(timeout=wait)
        except queue.Empty:
            return True
        if chunk is None:
            return False
        self.raw += chunk.encode("latin-1")
        self.output += chunk.replace("\r", "")
        return True

    def expect(self, pattern, what=None):
        """Wait for pattern in the output not matched yet; return the match."""
        rx = re.compile(pattern)
        while True:
            m = rx.search(self.output, self.seen)
            if m:
                self.seen = m.end()
                return m
            left = self.deadline - time.monotonic()
            ended = left > 0 and not self._pump(min(left, 0.2))
            if ended:
                try:
                    self.proc.wait(timeout=2)  # so the status names how it ended
                except subprocess.TimeoutExpired:
                    pass
            if left <= 0 or ended:
                status = "timed out" if left <= 0 else f"QEMU ended ({self.status_name()})"
                raise GuestError(f"{status} waiting for {what or pattern!r}; "
                                 f"last output: {self.output[-400:]!r}")

    def send(self, line):
        self.type(line + "\r")

    def type(self, text):
        """Bytes as typed at the console, with no Enter after them."""
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def command(self, line, pattern):
        """Type a shell command, wait for pattern, then for the next prompt."""
        self.expect(r"spinel> ", "prompt")
        self.send(line)
        return self.expect(pattern, f"reply to {line!r}")

    def wait_exit(self):
        left = max(0.0, self.deadline - time.monotonic())
        try:
            self.proc.wait(timeout=left)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
        while self._pump(0.05):
            pass
        return self.proc.returncode

    def status_name(self):
        return EXIT_NAMES.get(self.proc.poll(), f"status {self.proc.poll()}")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def expect_exit(self, code=EXIT_OK):
        status = self.wait_exit()
        if status != code:
            raise GuestError(f"expected {EXIT_NAMES.get(code)} (status {code}), got "
                             f"{EXIT_NAMES.get(status, status)}; last output: {self.output[-400:]!r}")
