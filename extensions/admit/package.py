"""Extension packages and their certificates, as the kernel checks them
(kernel/core/package.c): a header, the manifest, the object, the proof
summary, and an HMAC-SHA-256 over all of it under the admission key.

  0  magic "SPNLEXT1"      8 bytes
  8  version (1)           u32 little-endian
  12 manifest length       u32
  16 object length         u32
  20 summary length        u32
  24 interface digest      32 bytes: SHA-256 of the interface headers
  56 manifest, object, summary
  .. HMAC-SHA-256          32 bytes, over every byte before it
"""
import hashlib
import hmac
import os
import struct

MAGIC = b"SPNLEXT1"
VERSION = 1
HEADER = struct.Struct("<8sIIII32s")
MAC_SIZE = 32

# What an extension is proved against: the interface headers and their
# model. Their digest is compiled into the kernel and bound into each
# certificate, so a package proved against other contracts is refused.
INTERFACE_DIRS = ["extensions/include/spinel"]
INTERFACE_FILES = ["spec/ext.acsl"]


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


def pack(key, manifest, obj, summary, digest):
    body = HEADER.pack(MAGIC, VERSION, len(manifest), len(obj), len(summary), digest) + manifest + obj + summary
    return body + hmac.new(key, body, hashlib.sha256).digest()


def unpack(data):
    """(manifest, object, summary, digest) of a well-formed package; the
    certificate is not checked here."""
    magic, version, ml, ol, sl, digest = HEADER.unpack_from(data)
    if magic != MAGIC or version != VERSION or HEADER.size + ml + ol + sl + MAC_SIZE != len(data):
        raise ValueError("not a version 1 Spinel package")
    at = HEADER.size
    return data[at:at + ml], data[at + ml:at + ml + ol], data[at + ml + ol:at + ml + ol + sl], digest


def read_key(path):
    with open(path, "rb") as f:
        key = f.read()
    if len(key) != 32:
        raise ValueError(f"{path}: an admission key is 32 bytes, this one has {len(key)}")
    return key
