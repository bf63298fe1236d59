#!/usr/bin/env python3
"""Run one module's Frama-C/WP command with its output in a log file, and
show progress on the terminal: the goal count once WP has scheduled the
first pass, then a line every --every seconds while it runs (pass, goals
answered of those scheduled, elapsed time). A module answered from the
cache in a few seconds prints one line; a long one one more per interval,
never one per goal, so CI logs stay short.

  run_wp.py --module M --log build/proofs/M.log [--every S] -- frama-c ARGS…

Exit status: Frama-C's (128 + N when signal N killed it)."""
import argparse
import os
import queue
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "extensions", "admit"))
from wp_log import pass_event  # noqa: E402  (the admission tool reads the same lines)

ANSWER = re.compile(r"^\[wp\] \[[^\]]+\] (Goal|Smoke-test) ")


def lines_of(stream, out):
    for line in iter(stream.readline, ""):
        out.put(line)
    out.put(None)


class Progress:
    """What the log says so far: the pass WP is in, and its goals."""

    def __init__(self, label, passes):
        self.label, self.passes = label, passes
        self.started = time.monotonic()
        self.pass_no, self.scheduled, self.answered = 0, 0, 0

    def elapsed(self):
        return f"{time.monotonic() - self.started:.0f} s"

    def read(self, line):
        event = pass_event(line)
        if event == "start":
            self.pass_no, self.scheduled, self.answered = self.pass_no + 1, 0, 0
        elif event is not None:
            self.scheduled = event
            if self.pass_no <= 1:
                say(f"{self.label}: {self.scheduled} goals scheduled")
        elif ANSWER.match(line):
            self.answered += 1

    def tick(self):
        if self.pass_no == 0:
            say(f"{self.label}: parsing and generating goals, {self.elapsed()}")
        else:
            say(f"{self.label}: pass {self.pass_no}/{self.passes}, "
                f"{self.answered}/{self.scheduled} goals answered, {self.elapsed()}")


def wp_passes(command):
    """How many of the command's -then passes run WP."""
    passes, runs_wp = 0, False
    for word in command + ["-then"]:
        if word == "-then":
            passes, runs_wp = passes + runs_wp, False
        runs_wp = runs_wp or word == "-wp"
    return passes


def say(text):
    print(text, flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--module", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--every", type=float, default=30.0, help="seconds between progress lines; 0: none")
    p.add_argument("command", nargs=argparse.REMAINDER)
    args = p.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        p.error("no command after --")
    progress = Progress(f"prove-{args.module}", wp_passes(command))
    try:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, errors="replace")
    except OSError as e:
        print(f"prove-{args.module}: cannot run {command[0]}: {e.strerror}")
        return 2
    lines = queue.Queue()
    threading.Thread(target=lines_of, args=(proc.stdout, lines), daemon=True).start()
    try:
        follow(lines, progress, args)
    except KeyboardInterrupt:  # Ctrl-C reached Frama-C too: let it stop
        print(f"prove-{args.module}: interrupted, log in {args.log}")
    rc = proc.wait()
    return 128 - rc if rc < 0 else rc


def follow(lines, progress, args):
    """Copy Frama-C's lines to the log until it ends, ticking meanwhile."""
    next_tick = time.monotonic() + args.every
    with open(args.log, "w") as log:
        while True:
            try:
                line = lines.get(timeout=1.0)
            except queue.Empty:
                line = ""
            if line is None:
                return
            if line:
                log.write(line)
                progress.read(line)
            if args.every > 0 and time.monotonic() >= next_tick:
                progress.tick()
                next_tick = time.monotonic() + args.every


if __name__ == "__main__":
    sys.exit(main())
