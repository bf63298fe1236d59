"""What the admission tool is doing, one line per stage on stderr, so a
minute of WP does not look hung: the stages in order, and WP's passes
with the goals each schedules (WP says how many before it starts).
--quiet turns it off; refusals and the verdict go to stdout regardless."""
import subprocess
import sys

import wp_log

# The three WP passes admit.py runs, in order (see prove()).
WP_PASSES = ("cvc4", "smoke tests", "z3 on what is left")


class Progress:
    def __init__(self, name, quiet):
        self.name, self.quiet = name, quiet

    def stage(self, words):
        if not self.quiet:
            print(f"admit {self.name}: {words}", file=sys.stderr, flush=True)

    def wp_line(self, line, state):
        """Reads WP's log as it comes: each pass, and its goal count."""
        event = wp_log.pass_event(line)
        if event == "start":
            state["pass"] = state.get("pass", 0) + 1
            return
        n = state.get("pass", 0)
        what = WP_PASSES[n - 1] if 0 < n <= len(WP_PASSES) else "?"
        if event is not None:
            self.stage(f"WP pass {n}/{len(WP_PASSES)} ({what}): {event} goals scheduled")
        elif line.startswith("[wp] Warning: No goal generated"):
            self.stage(f"WP pass {n}/{len(WP_PASSES)} ({what}): no goal left")


def run_streaming(cmd, cwd, on_line):
    """cmd's stdout and stderr as one text, each line handed to on_line
    as it is printed. Returns (exit code, text)."""
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         errors="replace")
    lines = []
    for line in p.stdout:
        lines.append(line)
        on_line(line.rstrip("\n"))
    return p.wait(), "".join(lines)
