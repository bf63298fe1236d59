#!/usr/bin/env bash
# Install what Spinel needs on a fresh Debian 12 machine, only if missing.
#   ci/deps.sh run    QEMU, GRUB, the compiler, and Frama-C/WP with its provers
#                     and OCaml (make run: the sample extensions are admitted,
#                     which proves them and runs the gate, a Frama-C script)
#   ci/deps.sh test   the above plus what the tests use (make test, make bench)
#   ci/deps.sh check  the same as test (make check)
set -euo pipefail
what=${1:-check}

run_pkgs="gcc make binutils qemu-system-x86 grub-pc-bin grub-common xorriso mtools python3"
# -load-script (the admission gate) compiles OCaml with ocamlfind.
prove_pkgs="frama-c-base why3 z3 cvc4 ocaml ocaml-findlib libfindlib-ocaml-dev"
# chromium: the specification report is checked in a real browser; gdb:
# make debug's spinel-ext command is checked against a real boot.
test_pkgs="clang libclang-rt-14-dev chromium gdb"

pkgs="$run_pkgs $prove_pkgs"
[ "$what" = run ] || pkgs="$pkgs $test_pkgs"

missing=()
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "deps: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# WP reaches the provers through Why3, which must have detected them.
if ! why3 config list-provers 2>/dev/null | grep -q CVC4; then
    why3 config detect >/dev/null
fi
