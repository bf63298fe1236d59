"""Extension packages and their certificates, as the kernel checks them
(kernel/core/crypto/package.c): a header, the manifest, the object, the proof
summary, and an HSS/LMS signature (RFC 8554, lms.py) over all of it under
the machine's signing key, whose public half the kernel holds.

  0  magic "SPNLEXT1"      8 bytes
  8  version (2)           u32 little-endian
  12 manifest length       u32
  16 object length         u32
  20 summary length        u32
  24 interface digest      32 bytes: SHA-256 of the interface headers
  56 manifest, object, summary
  .. signature             HSS signature of every byte before it
  .. signature length      u32 little-endian, the last 4 bytes
"""
import hashlib
import os
import struct

MAGIC = b"SPNLEXT1"
VERSION = 2
HEADER = struct.Struct("<8sIIII32s")
TRAILER = 4

# What an extension is proved against: the interface headers and their
# model. Their digest is compiled into the kernel and bound into each
# certificate, so a package proved against other contracts is refused.
INTERFACE_DIRS = ["extensions/include/spinel"]
INTERFACE_FILES = ["spec/ext/ext.acsl"]


def interface_files(root="."):
    files = list(INTERFACE_FILES)
    for d in INTERFACE_DIRS:
        files += [os.path.join(d, n) for n in os.listdir(os.path.join(root, d)) if n.endswith(".h")]
    return sorted(files)


def interface_digest(root="."):
    h = hashlib.sha256()
    for rel in interface_files(root):
        with open(os.path.join(root, rel), "rb") as f:
            data = f.read()
        h.update(rel.encode() + b"\0" + struct.pack("<Q", len(data)) + data)
    return h.digest()


def pack(sign, manifest, obj, summary, digest):
    """The package, its body signed by sign(body) -> signature."""
    body = HEADER.pack(MAGIC, VERSION, len(manifest), len(obj), len(summary), digest) + manifest + obj + summary
    sig = sign(body)
    return body + sig + struct.pack("<I", len(sig))


def split(data):
    """(body, signature) of a package; ValueError if the trailer is wrong."""
    if len(data) < HEADER.size + TRAILER:
        raise ValueError("too short to be a package")
    n = struct.unpack_from("<I", data, len(data) - TRAILER)[0]
    if n > len(data) - HEADER.size - TRAILER:
        raise ValueError("signature length past the package")
    return data[:len(data) - TRAILER - n], data[len(data) - TRAILER - n:len(data) - TRAILER]


def unpack(data):
    """(manifest, object, summary, digest) of a well-formed package; the
    signature is not checked here."""
    body, _ = split(data)
    magic, version, ml, ol, sl, digest = HEADER.unpack_from(body)
    if magic != MAGIC or version != VERSION or HEADER.size + ml + ol + sl != len(body):
        raise ValueError("not a version 2 Spinel package")
    at = HEADER.size
    return body[at:at + ml], body[at + ml:at + ml + ol], body[at + ml + ol:at + ml + ol + sl], digest
