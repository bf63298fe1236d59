#!/usr/bin/env bash
# What CI runs on a fresh Debian 12 clone: install what is missing, then the
# README's test command. make check fails on any unproven goal or failed test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/deps.sh check
# A full disk fails tests far from their cause; say how much there was.
disk_free() { df -h . | awk 'NR == 2 { print $4 }'; }
echo "ci: disk free at the start: $(disk_free)"
start=$(date +%s)
mkdir -p build
status=0
make check 2>&1 | tee build/check.log || status=$?
echo "ci: make check took $(( $(date +%s) - start )) s, exit $status; disk free at the end: $(disk_free)"
# Wall time per phase, so growth shows on every run.
echo "ci: seconds per phase:"
sed 's/^/ci:   /' build/phases.txt 2>/dev/null || echo "ci:   (none recorded)"
# The test summary goes last, where CI looks for it.
grep -E '^[0-9]+ passed, [0-9]+ failed$' build/check.log | tail -n 1 || true
exit "$status"
