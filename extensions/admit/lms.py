"""HSS/LMS hash-based signatures (RFC 8554) with SHA-256: the admission
tool signs packages with them and the kernel verifies them
(kernel/core/crypto/lms.c) with nothing but SHA-256, which Spinel proves.

Signing is stateful: each one-time key (a leaf q of an LMS tree) signs
once. The private key is a file outside the tree that holds the seeds, the
next q of each level and the trees' nodes; sign() takes the next leaf and
writes the advanced state back (under a lock, before the signature leaves)
so no leaf ever signs twice. Spinel uses two levels of
LMS_SHA256_M32_H10 / LMOTS_SHA256_N32_W4: 2^20 signatures per key, a key
made in a few seconds, a 5 KiB signature, and about a thousand SHA-256
compressions per level to verify.
"""
import fcntl
import hashlib
import json
import os
import struct

D_PBLC, D_MESG, D_LEAF, D_INTR = 0x8080, 0x8181, 0x8282, 0x8383
N = M = 32
# type -> h; type -> (w, p, ls)
LMS_TYPES = {5: 5, 6: 10, 7: 15, 8: 20, 9: 25}
OTS_TYPES = {1: (1, 265, 7), 2: (2, 133, 6), 3: (4, 67, 4), 4: (8, 34, 0)}
LMS_TYPE, OTS_TYPE, LEVELS = 6, 3, 2


class SignatureError(Exception):
    pass


def H(*parts):
    return hashlib.sha256(b"".join(parts)).digest()


def u32(x):
    return struct.pack(">I", x)


def u16(x):
    return struct.pack(">H", x)


def coef(s, i, w):
    return (s[(i * w) // 8] >> (8 - (w * (i % (8 // w)) + w))) & ((1 << w) - 1)


def checksum(q, w, ls):
    total = sum((1 << w) - 1 - coef(q, i, w) for i in range(N * 8 // w))
    return u16((total << ls) & 0xFFFF)


# --- verification (RFC 8554 4.6, 5.4.2, 6.3) --------------------------------

def ots_candidate(I, q, ots_type, sig, msg):
    """The LM-OTS public key a signature claims (Algorithm 4b)."""
    w, p, ls = OTS_TYPES[ots_type]
    if len(sig) != 4 + N + p * N or struct.unpack(">I", sig[:4])[0] != ots_type:
        raise SignatureError("LM-OTS signature malformed")
    C, y = sig[4:4 + N], sig[4 + N:]
    Q = H(I, u32(q), u16(D_MESG), C, msg)
    S = Q + checksum(Q, w, ls)
    z = []
    for i in range(p):
        tmp = y[i * N:(i + 1) * N]
        for j in range(coef(S, i, w), (1 << w) - 1):
            tmp = H(I, u32(q), u16(i), bytes([j]), tmp)
        z.append(tmp)
    return H(I, u32(q), u16(D_PBLC), *z)


def lms_verify(pub, msg, sig):
    if len(pub) != 56:
        return False
    lms_type, ots_type = struct.unpack(">II", pub[:8])
    I, T1 = pub[8:24], pub[24:56]
    if lms_type not in LMS_TYPES or ots_type not in OTS_TYPES or len(sig) < 8:
        return False
    h, (_, p, _) = LMS_TYPES[lms_type], OTS_TYPES[ots_type]
    q = struct.unpack(">I", sig[:4])[0]
    ots_len = 4 + N + p * N
    if len(sig) != 4 + ots_len + 4 + h * M or struct.unpack(">I", sig[4 + ots_len:8 + ots_len])[0] != lms_type:
        return False
    if q >= 1 << h:
        return False
    try:
        Kc = ots_candidate(I, q, ots_type, sig[4:4 + ots_len], msg)
    except SignatureError:
        return False
    path = sig[8 + ots_len:]
    node = (1 << h) + q
    tmp = H(I, u32(node), u16(D_LEAF), Kc)
    i = 0
    while node > 1:
        sib = path[i * M:(i + 1) * M]
        tmp = H(I, u32(node // 2), u16(D_INTR), sib, tmp) if node & 1 else H(I, u32(node // 2), u16(D_INTR), tmp, sib)
        node //= 2
        i += 1
    return tmp == T1


def lms_sig_len(sig, at):
    """Length of the LMS signature at sig[at:], from its own type fields."""
    ots_type = struct.unpack(">I", sig[at + 4:at + 8])[0]
    if ots_type not in OTS_TYPES:
        raise SignatureError("unknown LM-OTS type")
    ots_len = 4 + N + OTS_TYPES[ots_type][1] * N
    lms_type = struct.unpack(">I", sig[at + 4 + ots_len:at + 8 + ots_len])[0]
    if lms_type not in LMS_TYPES:
        raise SignatureError("unknown LMS type")
    return 4 + ots_len + 4 + LMS_TYPES[lms_type] * M


def hss_verify(pub, msg, sig):
    """RFC 8554 6.3: True if sig is an HSS signature of msg under pub."""
    try:
        if len(pub) != 60 or len(sig) < 4:
            return False
        L, nspk = struct.unpack(">I", pub[:4])[0], struct.unpack(">I", sig[:4])[0]
        if nspk + 1 != L or L > 8:
            return False
        key, at = pub[4:], 4
        for _ in range(nspk):
            n = lms_sig_len(sig, at)
            child = sig[at + n:at + n + 56]
            if len(child) != 56 or not lms_verify(key, child, sig[at:at + n]):
                return False
            key, at = child, at + n + 56
        n = lms_sig_len(sig, at)
        return at + n == len(sig) and lms_verify(key, msg, sig[at:])
    except (SignatureError, struct.error, IndexError):
        return False


# --- keys and signing (RFC 8554 Appendix A's seed derivation) -----------------

def _ots_private(I, q, seed, i):
    return H(I, u32(q), u16(i), b"\xff", seed)


def _ots_public(I, q, seed):
    w, p, _ = OTS_TYPES[OTS_TYPE]
    z = []
    for i in range(p):
        tmp = _ots_private(I, q, seed, i)
        for j in range((1 << w) - 1):
            tmp = H(I, u32(q), u16(i), bytes([j]), tmp)
        z.append(tmp)
    return H(I, u32(q), u16(D_PBLC), *z)


def _ots_sign(I, q, seed, msg):
    w, p, ls = OTS_TYPES[OTS_TYPE]
    C = os.urandom(N)
    Q = H(I, u32(q), u16(D_MESG), C, msg)
    S = Q + checksum(Q, w, ls)
    y = []
    for i in range(p):
        tmp = _ots_private(I, q, seed, i)
        for j in range(coef(S, i, w)):
            tmp = H(I, u32(q), u16(i), bytes([j]), tmp)
        y.append(tmp)
    return u32(OTS_TYPE) + C + b"".join(y)


def new_tree():
    """A fresh LMS tree: its identifier, seed and every node (1 .. 2^(h+1)-1)."""
    h = LMS_TYPES[LMS_TYPE]
    I, seed = os.urandom(16), os.urandom(32)
    nodes = [b""] * (2 << h)
    for q in range(1 << h):
        r = (1 << h) + q
        nodes[r] = H(I, u32(r), u16(D_LEAF), _ots_public(I, q, seed))
    for r in range((1 << h) - 1, 0, -1):
        nodes[r] = H(I, u32(r), u16(D_INTR), nodes[2 * r], nodes[2 * r + 1])
    return {"I": I.hex(), "seed": seed.hex(), "q": 0, "nodes": [n.hex() for n in nodes]}


def tree_public(t):
    return u32(LMS_TYPE) + u32(OTS_TYPE) + bytes.fromhex(t["I"]) + bytes.fromhex(t["nodes"][1])


def _lms_sign(t, msg):
    h = LMS_TYPES[LMS_TYPE]
    q = t["q"]
    if q >= 1 << h:
        raise SignatureError("tree exhausted")
    t["q"] = q + 1
    I, seed = bytes.fromhex(t["I"]), bytes.fromhex(t["seed"])
    r, path = (1 << h) + q, []
    while r > 1:
        path.append(bytes.fromhex(t["nodes"][r ^ 1]))
        r //= 2
    return u32(q) + _ots_sign(I, q, seed, msg) + u32(LMS_TYPE) + b"".join(path)


def keygen():
    """A new two-level private key (as a dict) and its 60-byte public key."""
    top, bottom = new_tree(), new_tree()
    state = {"levels": LEVELS, "top": top, "bottom": bottom}
    state["bottom_sig"] = _lms_sign(top, tree_public(bottom)).hex()
    return state, public_key(state)


def public_key(state):
    return u32(LEVELS) + tree_public(state["top"])


def _sign_state(state, msg):
    h = LMS_TYPES[LMS_TYPE]
    if state["bottom"]["q"] >= 1 << h:
        if state["top"]["q"] >= 1 << h:
            raise SignatureError("every one-time key of this signing key is spent: make a new one")
        state["bottom"] = new_tree()
        state["bottom_sig"] = _lms_sign(state["top"], tree_public(state["bottom"])).hex()
    child = tree_public(state["bottom"])
    return u32(LEVELS - 1) + bytes.fromhex(state["bottom_sig"]) + child + _lms_sign(state["bottom"], msg)


def sign(path, msg):
    """Signs msg with the key in path, spending one leaf: the advanced state
    is on disk before the signature is returned."""
    with open(path + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with open(path) as f:
            state = json.load(f)
        sig = _sign_state(state, msg)
        tmp = path + ".new"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(state, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return sig


def write_new_key(path):
    state, pub = keygen()
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(state, f)
    return pub


def read_public(path):
    with open(path) as f:
        return public_key(json.load(f))


def secrets(path):
    """The secret seeds of the key in path (for the test that the kernel
    image holds none of them)."""
    with open(path) as f:
        state = json.load(f)
    return [bytes.fromhex(state[t]["seed"]) for t in ("top", "bottom")]
