"""Ethernet, ARP, IPv4, ICMP and UDP written and read here, independently
of the kernel's builders and parsers (RFC 791, 792, 768, 826, and RFC
1071's checksum), for the host side of the network tests."""
import struct

GUEST_MAC = bytes.fromhex("525400123456")
HOST_MAC = bytes.fromhex("525400000002")
BROADCAST = b"\xff" * 6
GUEST_IP = bytes([10, 0, 2, 15])
HOST_IP = bytes([10, 0, 2, 2])


def csum(b, acc=0):
    if len(b) % 2:
        b += b"\0"
    s = acc + sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ether(payload, ethertype=0x0800, dst=GUEST_MAC, src=HOST_MAC):
    return dst + src + struct.pack("!H", ethertype) + payload


def arp(op, tpa=GUEST_IP, spa=HOST_IP, sha=HOST_MAC, tha=bytes(6)):
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + sha + spa + tha + tpa


def ipv4(proto, payload, src=HOST_IP, dst=GUEST_IP, options=b"", frag=0x4000, ident=1, ihl=None,
         total=None, good_csum=True):
    ihl = 5 + len(options) // 4 if ihl is None else ihl
    total = 20 + len(options) + len(payload) if total is None else total
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, total, ident, frag, 64, proto, 0, src, dst) + options
    c = csum(h) if good_csum else csum(h) ^ 0x5555
    return h[:10] + struct.pack("!H", c) + h[12:] + payload


def icmp_echo(ident, seq, data, typ=8):
    m = struct.pack("!BBHHH", typ, 0, 0, ident, seq) + data
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def udp(sport, dport, data, src=HOST_IP, dst=GUEST_IP, with_csum=True, good_csum=True):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    if with_csum:
        pseudo = src + dst + struct.pack("!BBH", 0, 17, len(u))
        c = csum(pseudo + u) or 0xFFFF
        u = u[:6] + struct.pack("!H", c if good_csum else c ^ 0x00FF) + u[8:]
    return u


def udp_frame(sport, dport, data, **kw):
    return ether(ipv4(17, udp(sport, dport, data)), **kw)


class Parsed:
    pass


def parse(frame):
    """A frame the guest sent, checked field by field: every checksum
    right, our addresses where they belong. Raises AssertionError."""
    p = Parsed()
    assert len(frame) >= 60, f"a frame of {len(frame)} bytes: not padded to the minimum"
    p.dst, p.src, p.type = frame[:6], frame[6:12], struct.unpack("!H", frame[12:14])[0]
    assert p.src == GUEST_MAC, p.src.hex()
    body = frame[14:]
    if p.type == 0x0806:
        htype, ptype, hlen, plen, p.op = struct.unpack("!HHBBH", body[:8])
        assert (htype, ptype, hlen, plen) == (1, 0x0800, 6, 4)
        p.sha, p.spa, p.tha, p.tpa = body[8:14], body[14:18], body[18:24], body[24:28]
        return p
    assert p.type == 0x0800, hex(p.type)
    vihl, _, total, _, frag, ttl, p.proto, _ = struct.unpack("!BBHHHBBH", body[:12])
    assert vihl == 0x45 and csum(body[:20]) == 0 and frag & 0x3FFF == 0 and ttl > 0
    p.ip_src, p.ip_dst = body[12:16], body[16:20]
    assert p.ip_src == GUEST_IP
    payload = body[20:total]
    if p.proto == 1:
        assert csum(payload) == 0, "ICMP checksum"
        p.icmp_type, code, _, p.ident, p.seq = struct.unpack("!BBHHH", payload[:8])
        assert code == 0
        p.data = payload[8:]
    else:
        assert p.proto == 17
        p.sport, p.dport, ulen, c = struct.unpack("!HHHH", payload[:8])
        assert ulen == len(payload) and c != 0, "UDP length and a checksum sent"
        pseudo = p.ip_src + p.ip_dst + struct.pack("!BBH", 0, 17, ulen)
        assert csum(pseudo + payload) == 0, "UDP checksum"
        p.data = payload[8:]
    return p
