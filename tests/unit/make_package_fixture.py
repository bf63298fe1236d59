#!/usr/bin/env python3
"""Packages for tests/unit/test_package.c, signed the way admit.py signs
them but with a throwaway key (never the machine's): OUT/pub (its public
key) and OUT/NAME.pkg for each case the test opens."""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "extensions/admit"))
import lms  # noqa: E402
import package  # noqa: E402

DIGEST = b"interface headers digest 32 byte"


def main(out):
    os.makedirs(out, exist_ok=True)
    state, pub = lms.keygen()

    def sign(body):
        return lms._sign_state(state, body)

    def signed(body):
        sig = sign(body)
        return body + sig + struct.pack("<I", len(sig))

    parts = bytes(range(64))
    good = package.pack(sign, parts[:10], parts[10:50], parts[50:], DIGEST)
    header = bytearray(good[:package.HEADER.size])
    body = package.split(good)[0]
    cases = {"good": good}
    struct.pack_into("<I", header, 12, 11)
    cases["lengths"] = signed(bytes(header) + body[package.HEADER.size:])
    header = bytearray(body[:package.HEADER.size])
    struct.pack_into("<I", header, 8, 1)
    cases["version"] = signed(bytes(header) + body[package.HEADER.size:])
    cases["magic"] = signed(b"X" + body[1:])
    for name, data in cases.items():
        with open(os.path.join(out, name + ".pkg"), "wb") as f:
            f.write(data)
    with open(os.path.join(out, "pub"), "wb") as f:
        f.write(pub)


if __name__ == "__main__":
    main(sys.argv[1])
