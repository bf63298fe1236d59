"""Host-side tests of the protocol stack through real QEMU networking:
the host is the guest's Ethernet neighbour (peer.py), so it pings the
guest, talks to the echo, netkv and filter extensions, sends malformed
frames of every kind, and floods an endpoint; after each, `net`'s
counters must add up (received = delivered + dropped by reason)."""
import os
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frames as F  # noqa: E402
from peer import Peer, boot, ext_package  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "boot"))
import cases  # noqa: E402
from qemu import Guest  # noqa: E402
from net_cases import adds_up, counts  # noqa: E402

HOST_PORT = 40000


def started(g):
    g.expect(r"extensions: \d+ loaded, 0 refused")
    g.expect(r"Type 'help' for commands\.")


def ask(peer, frame, want, tries=3):
    """Sends frame until a frame pred accepts comes back: that, parsed."""
    for _ in range(tries):
        peer.send(frame)
        end = time.monotonic() + 2
        while time.monotonic() < end:
            raw = peer.recv(0.5)
            if raw is not None:
                p = F.parse(raw)
                if want(p):
                    return p
    raise AssertionError("no answer")


def udp_ask(peer, dport, data, sport=HOST_PORT):
    p = ask(peer, F.udp_frame(sport, dport, data),
            lambda p: p.type == 0x0800 and p.proto == 17 and p.dport == sport)
    assert p.sport == dport and p.ip_dst == F.HOST_IP and p.dst == F.HOST_MAC, vars(p)
    return p.data


def test_net_host_pings_the_guest():
    """ARP, then echo requests of every size up to a full frame, one with
    IPv4 options: each answered with the same identifier, sequence number
    and data, every checksum right (checked here, not by the kernel's code)."""
    peer = Peer()
    g = boot(peer, exts=())
    try:
        g.expect(r"Type 'help' for commands\.")
        r = ask(peer, F.ether(F.arp(1), 0x0806, dst=F.BROADCAST), lambda p: p.type == 0x0806)
        assert (r.op, r.sha, r.spa, r.tha, r.tpa, r.dst) == (2, F.GUEST_MAC, F.GUEST_IP, F.HOST_MAC, F.HOST_IP,
                                                             F.HOST_MAC), vars(r)
        sizes = [0, 1, 2, 55, 56, 57, 1000, 1471, 1472]
        for seq, n in enumerate(sizes):
            data = bytes((seq * 7 + i) & 255 for i in range(n))
            r = ask(peer, F.ether(F.ipv4(1, F.icmp_echo(0x4242, seq, data))),
                    lambda p: p.type == 0x0800 and p.proto == 1 and p.seq == seq)
            assert (r.icmp_type, r.ident, r.data, r.ip_dst) == (0, 0x4242, data, F.HOST_IP), (seq, n)
        opts = F.ether(F.ipv4(1, F.icmp_echo(7, 99, b"options"), options=b"\x01\x01\x01\x00"))
        r = ask(peer, opts, lambda p: p.type == 0x0800 and p.proto == 1 and p.seq == 99)
        assert r.data == b"options"
        c = counts(g)
        assert c["echo_replies"] == len(sizes) + 1 and c["replies"] == 1 and adds_up(c), c
        assert c["delivered"] == c["rx"], c
        cases.halt(g)
    finally:
        peer.close()
        g.kill()


def test_net_echo_kv_and_filter_extensions():
    """echo answers every payload size exactly; netkv's protocol, its
    malformed requests answered "err ..."; filter drops one source, and
    the drops are counted; the counters add up."""
    peer = Peer()
    g = boot(peer)
    try:
        started(g)
        for n in (0, 1, 7, 100, 1024, 1472):
            data = bytes((n + i) & 255 for i in range(n))
            assert udp_ask(peer, 7, data) == data, n
        kv = [(b"put alpha 1", b"ok"), (b"put beta two", b"ok"), (b"get alpha", b"value 1"),
              (b"put alpha 11", b"ok"), (b"get alpha", b"value 11"), (b"count", b"count 2"),
              (b"get gamma", b"err no such key"), (b"del beta", b"ok"), (b"count", b"count 1"),
              (b"", b"err empty request"), (b"fly away", b"err unknown verb"), (b"get", b"err missing key"),
              (b"put " + b"k" * 17 + b" v", b"err key too long"), (b"put k " + b"v" * 65, b"err value too long"),
              (b"put k\x01 v", b"err non-printable byte"), (b"put  k v", b"err bad separator")]
        for req, want in kv:
            got = udp_ask(peer, 7001, req)
            assert got == want, (req, got, want)
        g.command("filter 10.0.2.2", r"filter: dropping packets from 10\.0\.2\.2\n")
        before = counts(g)
        for i in range(5):
            peer.send(F.udp_frame(HOST_PORT, 7, b"blocked %d" % i))
        assert peer.recv(1.0) is None, "a filtered datagram was answered"
        c = counts(g)
        assert c["drops"].get("filtered", 0) - before["drops"].get("filtered", 0) == 5 and adds_up(c), c
        g.command("filter off", r"filter: off\n")
        assert udp_ask(peer, 7, b"again") == b"again"
        g.command("echo", r"echo: (\d+) datagrams, 0 replies refused\n")
        cases.halt(g)
    finally:
        peer.close()
        g.kill()


def bad_frames():
    """(frame, reason) for every kind of bad input, reason as `net` names it."""
    good = F.udp_frame(HOST_PORT, 7, b"truncate me")
    # Not 0 bytes: QEMU's dgram netdev takes an empty datagram for the end of the connection.
    out = [(good[:n], "malformed (error 300)") for n in range(1, 14)]          # no Ethernet header
    out += [(good[:n], "malformed (error 320)") for n in range(14, 34)]        # no IPv4 header
    out += [(good[:n], "malformed (error 324)") for n in range(34, len(good))]  # total length past the frame
    udp_ok = F.udp(HOST_PORT, 7, b"x")
    out += [
        (F.ether(b"\x00" * 46, ethertype=0x05dc), "malformed (error 301)"),
        (F.ether(b"\x00" * 46, ethertype=0x86dd), "no layer for the ethertype"),
        (F.udp_frame(HOST_PORT, 7, b"x", dst=bytes.fromhex("525400999999")), "not ours"),
        (F.ether(F.ipv4(17, udp_ok, ihl=4)), "malformed (error 322)"),
        (F.ether(F.ipv4(17, udp_ok, total=19)), "malformed (error 323)"),
        (F.ether(F.ipv4(17, udp_ok, frag=0x2000)), "malformed (error 325)"),
        (F.ether(F.ipv4(17, udp_ok, frag=0x0010)), "malformed (error 325)"),
        (F.ether(F.ipv4(17, udp_ok, good_csum=False)), "malformed (error 326)"),
        (F.ether(F.ipv4(17, F.udp(HOST_PORT, 7, b"x", good_csum=False))), "malformed (error 343)"),
        (F.ether(F.ipv4(17, b"\x00" * 5)), "malformed (error 340)"),
        (F.ether(F.ipv4(6, b"\x00" * 20)), "no layer for the IP protocol"),
        (F.ether(F.ipv4(17, udp_ok, dst=bytes([10, 0, 2, 99]))), "not ours"),
        (F.ether(F.ipv4(1, F.icmp_echo(1, 1, b"x")[:2] + b"\x00\x00" + F.icmp_echo(1, 1, b"x")[4:])),
         "malformed (error 331)"),
        (F.ether(F.ipv4(1, F.icmp_echo(1, 1, b"x", typ=13))), "malformed (error 332)"),
        (F.ether(F.ipv4(1, F.icmp_echo(1, 1, b"x", typ=0))), "ICMP nobody waits for"),
        (F.udp_frame(HOST_PORT, 9999, b"nobody"), "no UDP endpoint"),
    ]
    # A broadcast flood: ARP requests for an address that is not ours.
    out += [(F.ether(F.arp(1, tpa=bytes([10, 0, 2, 3])), 0x0806, dst=F.BROADCAST), "ARP for another address")] * 200
    return out


def test_net_bad_frames_are_counted_by_reason():
    """Frames truncated at every length, wrong header lengths, bad
    checksums, fragments, unknown protocols, a broadcast flood: each is
    dropped and counted under its reason, nothing is answered, and the
    stack still answers after."""
    peer = Peer()
    g = boot(peer, exts=("echo",))
    try:
        started(g)
        assert udp_ask(peer, 7, b"before") == b"before"
        before = counts(g)
        bad = bad_frames()
        for frame, _ in bad:
            peer.send(frame)
            time.sleep(0.002)
        time.sleep(1)
        c = counts(g)
        want = {}
        for _, reason in bad:
            want[reason] = want.get(reason, 0) + 1
        got = {k: v - before["drops"].get(k, 0) for k, v in c["drops"].items()}
        got = {k: v for k, v in got.items() if v}
        assert got == want, f"drops by reason {got}, sent {want}"
        assert c["rx"] - before["rx"] == len(bad) and adds_up(c), c
        assert peer.drain() == 0, "a bad frame was answered"
        assert udp_ask(peer, 7, b"after") == b"after"
        cases.halt(g)
    finally:
        peer.close()
        g.kill()


def test_net_unload_while_packets_arrive():
    """The host keeps sending to echo while the shell loads and unloads it
    200 times: every datagram is answered or dropped as "no UDP endpoint"
    (none lost, none answered twice), no frame leaks, and the reloaded
    echo answers."""
    import threading
    peer = Peer()
    g = boot(peer, exts=("echo",), timeout=300)
    stop = threading.Event()
    sent = [0]

    def flood():
        frame = F.udp_frame(HOST_PORT, 7, b"while unloading")
        while not stop.is_set():
            peer.send(frame)
            sent[0] += 1
            time.sleep(0.0005)

    try:
        started(g)
        g.command("ext unload echo", r"ext echo: unloaded\n")
        before = counts(g)
        t = threading.Thread(target=flood)
        t.start()
        try:
            m = g.command("ext cycle echo 200", r"ext cycle: (\d+) loads and unloads of echo; free frames (\d+) before, (\d+) after\n")
        finally:
            stop.set()
            t.join()
        assert m[1] == "200" and m[2] == m[3], m.group(0)
        answered = peer.drain(0.5)
        c = counts(g)
        udp = c["udp"] - before["udp"]
        no_port = c["drops"].get("no UDP endpoint", 0) - before["drops"].get("no UDP endpoint", 0)
        assert udp == sent[0] and c["udp_out"] - before["udp_out"] == answered, (udp, sent, answered, c)
        assert answered + no_port == udp and answered > 0 and no_port > 0 and adds_up(c), (answered, no_port, c)
        g.command("ext load echo", r"ext echo: loaded\n")
        assert udp_ask(peer, 7, b"back") == b"back"
        cases.halt(g)
    finally:
        stop.set()
        peer.close()
        g.kill()


FLOOD = int(os.environ.get("NET_FLOOD", "100000"))


def test_net_flood_every_packet_accounted():
    """FLOOD datagrams, at most WINDOW in flight: to echo, to a port
    nobody serves, and malformed. Every echo is answered, and the guest's
    counters add up to exactly what was sent."""
    window = 16
    peer = Peer()
    g = boot(peer, exts=("echo",), timeout=900)
    try:
        started(g)
        assert udp_ask(peer, 7, b"warm") == b"warm"
        before = counts(g)
        kinds = [F.udp_frame(HOST_PORT, 7, b"flood"), F.udp_frame(HOST_PORT, 9, b"nobody"),
                 F.ether(F.ipv4(17, F.udp(HOST_PORT, 7, b"x", good_csum=False)))]
        sent = [0, 0, 0]
        answered = in_flight = 0
        for i in range(FLOOD):
            k = 0 if i % 4 < 2 else i % 4 - 1
            peer.send(kinds[k])
            sent[k] += 1
            in_flight += k == 0
            while in_flight >= window:
                raw = peer.recv(5.0)
                assert raw is not None, f"echo stalled after {answered} replies"
                answered += 1
                in_flight -= 1
        while in_flight:
            raw = peer.recv(5.0)
            assert raw is not None, f"echo stalled after {answered} replies"
            answered += 1
            in_flight -= 1
        c = counts(g)
        assert answered == sent[0] and peer.drain() == 0, (answered, sent)
        d = {k: v - before["drops"].get(k, 0) for k, v in c["drops"].items()}
        assert c["rx"] - before["rx"] == FLOOD and adds_up(c), c
        assert c["delivered"] - before["delivered"] == sent[0], c
        assert d.get("no UDP endpoint") == sent[1] and d.get("malformed (error 343)") == sent[2], d
        cases.halt(g)
    finally:
        peer.close()
        g.kill()


def test_net_udp_ports_are_guarded():
    """An extension may not take a port another serves, nor port 0 or
    one past 65535: portthief, loaded after echo, is refused with
    SPINEL_ERR_TAKEN (18) and _INVALID (17); a free port it gets (0),
    once (_DUPLICATE, 2). echo still answers port 7; a datagram to 7007
    is delivered to portthief, which answers nothing; after its unload
    7007 has no endpoint again, and echo still answers."""
    import ext_cases
    peer = Peer()
    iso = cases.build_iso("net-portthief", [(ext_package("echo"), "ext echo"),
                                            (ext_cases.admitted_test_ext("portthief"), "ext portthief")])
    g = Guest(["-cdrom", iso] + peer.netdev(), timeout=120)
    try:
        for what, said in (("7 \\(echo's\\)", 18), ("0", 17), ("65536", 17), ("7007", 0), ("7007 again", 2)):
            g.expect(rf"portthief: install on {what}: {said}\r?\n")
        g.expect(r"extensions: 2 loaded, 0 refused")
        g.expect(r"Type 'help' for commands\.")
        assert udp_ask(peer, 7, b"still echo") == b"still echo"
        before = counts(g)
        peer.send(F.udp_frame(HOST_PORT, 7007, b"to the thief"))
        assert peer.recv(1.0) is None, "portthief's port answered"
        c = counts(g)
        assert c["delivered"] - before["delivered"] == 1 and c["udp_out"] == before["udp_out"] and adds_up(c), c
        g.command("ext unload portthief", r"ext portthief: unloaded")
        peer.send(F.udp_frame(HOST_PORT, 7007, b"nobody"))
        assert peer.recv(1.0) is None
        after = counts(g)
        no_port = "no UDP endpoint"
        assert after["drops"].get(no_port, 0) - c["drops"].get(no_port, 0) == 1 and adds_up(after), after
        assert udp_ask(peer, 7, b"after") == b"after"
        cases.halt(g)
    finally:
        peer.close()
        g.kill()


NET_HOST_TESTS = [test_net_host_pings_the_guest, test_net_echo_kv_and_filter_extensions,
                  test_net_bad_frames_are_counted_by_reason, test_net_unload_while_packets_arrive,
                  test_net_flood_every_packet_accounted, test_net_udp_ports_are_guarded]
