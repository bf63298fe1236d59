#!/usr/bin/env bash
# What CI runs on a fresh Debian 12 clone: install what is missing, then the
# README's test command. make check fails on any unproven goal or failed test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/deps.sh check
start=$(date +%s)
make check
echo "ci: make check took $(( $(date +%s) - start )) s"
