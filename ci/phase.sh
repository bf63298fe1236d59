#!/usr/bin/env bash
# phase.sh NAME COMMAND...: run COMMAND, append "NAME SECONDS" to
# build/phases.txt (ci/check.sh prints the table at the end of a run, so a
# phase that grows shows on every run), and keep COMMAND's exit status.
name=$1; shift
start=$(date +%s)
status=0
"$@" || status=$?
mkdir -p build
echo "$name $(( $(date +%s) - start ))$([ $status -eq 0 ] || echo " (failed, exit $status)")" >> build/phases.txt
exit $status
