"""QEMU boot tests of the virtio-net driver and the stack over it: QEMU's user networking
(slirp) forwards a host UDP port to the guest's port 7. slirp first asks
who has 10.0.2.15 (ARP); the guest must answer before any UDP arrives.
`net` counts what the driver and every layer saw, and how each frame ended."""
import re
import socket
import time

NET_LINE = r"net: virtio-net at 00:(\w\w)\.(\d) \(device 0x(1000|1041), modern interface\), irq (\d+), MAC 52:54:00:12:34:56\n"
DEVICE = (r"net: device rx (\d+) frames, tx (\d+); dropped rx (\d+) short, tx (\d+) ring full, (\d+) too long; "
          r"(\d+) ring errors\n")
STACK_RX = r"net: stack rx (\d+) frames: ARP (\d+), IPv4 (\d+) \(ICMP (\d+), UDP (\d+)\)\n"
STACK_TX = (r"net: stack tx (\d+) frames \((\d+) not sent\): ARP (\d+) replies, (\d+) requests; "
            r"ICMP (\d+) echo replies, (\d+) requests; UDP (\d+)\n")
# Up to what follows the reasons (the ARP cache or the prompt), so that
# the match waits for all of them.
OUTCOMES = r"net: delivered (\d+), dropped (\d+)\n((?:net:   dropped \d+: [^\n]*\n)*)(?=net: arp |spinel> )"


def free_udp_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def net_guest(port, extra=(), device="virtio-net-pci,netdev=n0"):
    import cases
    netdev = ["-netdev", f"user,id=n0,hostfwd=udp:127.0.0.1:{port}-:7", "-device", device]
    return cases.pvh(*netdev, *extra, timeout=60)


def counts(g):
    """`net`'s counters: the device's, each layer's, and every frame's
    outcome (delivered, or dropped by reason: "drops" maps each reason
    line to its count)."""
    d = [int(x) for x in g.command("net", DEVICE).groups()]
    rx = [int(x) for x in g.expect(STACK_RX).groups()]
    tx = [int(x) for x in g.expect(STACK_TX).groups()]
    o = g.expect(OUTCOMES)
    drops = {m[2]: int(m[1]) for m in re.finditer(r"net:   dropped (\d+): ([^\n]*)\n", o[3])}
    return {"dev_rx": d[0], "dev_tx": d[1], "short": d[2], "tx_full": d[3], "ring_errors": d[5],
            "rx": rx[0], "arp": rx[1], "ipv4": rx[2], "icmp": rx[3], "udp": rx[4],
            "tx": tx[0], "tx_refused": tx[1], "replies": tx[2], "arp_requests": tx[3], "echo_replies": tx[4],
            "echo_requests": tx[5], "udp_out": tx[6],
            "delivered": int(o[1]), "dropped": int(o[2]), "drops": drops}


def adds_up(c):
    """Every frame the stack took ended once: delivered, or dropped for a
    reason it names."""
    return c["rx"] == c["delivered"] + c["dropped"] == c["delivered"] + sum(c["drops"].values())


def wait_for(g, pred, what, seconds=10):
    """`net` until pred holds of its counts (slirp and the guest take turns)."""
    end = time.monotonic() + seconds
    while True:
        c = counts(g)
        if pred(c):
            return c
        assert time.monotonic() < end, f"{what}: net shows {c}"
        time.sleep(0.3)


def test_net_virtio_arp_reply_and_udp_frames():
    import cases
    port = free_udp_port()
    g = net_guest(port)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        g.expect(NET_LINE, "the boot line naming the device and its MAC")
        g.command("net", r"net: virtio-net at 00:\w\w\.0, irq \d+ \(0 interrupts, 0 not ours\), MAC 52:54:00:12:34:56, IP 10\.0\.2\.15\n")
        c = counts(g)
        assert c["rx"] == 0 and c["tx"] == 0, c
        sock.sendto(b"first", ("127.0.0.1", port))
        c = wait_for(g, lambda c: c["replies"] >= 1 and c["udp"] >= 1, "slirp's ARP answered, then the datagram")
        assert c["arp"] >= 1 and c["tx"] == c["replies"], c
        # Nothing serves port 7 without the echo extension: counted, by reason.
        assert c["drops"].get("no UDP endpoint") == c["udp"] and adds_up(c), c
        before = c["rx"]
        sock.sendto(b"second", ("127.0.0.1", port))
        c = wait_for(g, lambda c: c["rx"] > before and c["udp"] >= 2, "the second datagram")
        assert c["short"] == 0 and c["ring_errors"] == 0 and c["dev_rx"] == c["rx"] and adds_up(c), c
        cases.halt(g)
    finally:
        sock.close()
        g.kill()


def test_net_ring_recycles_past_its_size():
    """100 datagrams, three times the 32 receive buffers: each buffer goes
    back to the device after its frame is read, across the ring's wrap."""
    import cases
    port = free_udp_port()
    g = net_guest(port)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        g.expect(NET_LINE)
        sock.sendto(b"arp first", ("127.0.0.1", port))
        wait_for(g, lambda c: c["udp"] >= 1, "the first datagram")
        for i in range(100):
            sock.sendto(b"datagram %d" % i, ("127.0.0.1", port))
            time.sleep(0.01)  # slirp drops what the guest has no buffer for yet
        c = wait_for(g, lambda c: c["udp"] >= 101, "100 more datagrams", seconds=20)
        assert c["rx"] == c["arp"] + c["ipv4"] + c["drops"].get("no layer for the ethertype", 0), c
        assert adds_up(c) and c["drops"]["no UDP endpoint"] == c["udp"], c
        assert c["ring_errors"] == 0 and c["short"] == 0, c
        cases.halt(g)
    finally:
        sock.close()
        g.kill()


def test_net_ping_the_gateway():
    """The shell's ping: ARP for slirp's gateway, then echo requests it
    answers; an address nobody holds gets no ARP reply; bad usage."""
    import cases
    g = net_guest(free_udp_port())
    try:
        g.expect(NET_LINE)
        g.send("ping 10.0.2.2 3")
        for seq in (1, 2, 3):
            g.expect(rf"ping: reply from 10\.0\.2\.2: seq {seq}, 56 bytes, (under|about) \d+ ms\n")
        g.expect(r"ping: 10\.0\.2\.2: 3 sent, 3 received\n")
        c = counts(g)
        assert c["arp_requests"] == 1 and c["echo_requests"] == 3 and c["icmp"] == 3, c
        assert c["delivered"] == 4 and adds_up(c), c  # the ARP reply and three echo replies
        g.command("net", r"net: arp 10\.0\.2\.2 is 52:55:0a:00:02:02\n")
        g.command("ping 10.0.2.99 1", r"ping: 10\.0\.2\.99: no ARP reply within a second\n")
        g.command("ping 10.0.2", r"ping: usage: ping A\.B\.C\.D \[COUNT\]")
        g.command("ping 10.0.2.256", r"ping: usage")
        g.command("ping 10.0.2.2 0", r"ping: usage")
        cases.halt(g)
    finally:
        g.kill()


def test_net_modern_only_device():
    """disable-legacy=on: the device id is 0x1041 and only the modern
    interface exists (QEMU's default, transitional 0x1000, has both)."""
    import cases
    port = free_udp_port()
    g = net_guest(port, device="virtio-net-pci,netdev=n0,disable-legacy=on")
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        m = g.expect(NET_LINE)
        assert m[3] == "1041", m.group(0)
        sock.sendto(b"modern", ("127.0.0.1", port))
        wait_for(g, lambda c: c["replies"] >= 1 and c["udp"] >= 1, "ARP answered, then the datagram")
        cases.halt(g)
    finally:
        sock.close()
        g.kill()


def test_net_device_on_a_later_function():
    """A multi-function slot whose function 0 is an e1000: the driver
    looks at every function and takes the virtio-net at 05.1."""
    import cases
    port = free_udp_port()
    g = net_guest(port, extra=("-device", "e1000,netdev=n1,addr=5.0,multifunction=on", "-netdev", "user,id=n1"),
                  device="virtio-net-pci,netdev=n0,addr=5.1")
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        m = g.expect(NET_LINE)
        assert (m[1], m[2]) == ("05", "1"), m.group(0)
        sock.sendto(b"function 1", ("127.0.0.1", port))
        wait_for(g, lambda c: c["udp"] >= 1, "a datagram through the device at 05.1")
        cases.halt(g)
    finally:
        sock.close()
        g.kill()


def test_net_without_device_keeps_running():
    import cases
    g = cases.pvh("-nic", "none")
    try:
        g.expect(r"net: no virtio-net device\n")
        g.command("net", r"net: no virtio-net device\n")
        g.command("ticks", r"ticks: \d+ \(100 Hz\)")
        cases.halt(g)
    finally:
        g.kill()


def test_net_other_nic_is_not_taken():
    """QEMU's default NIC (an e1000, vendor 0x8086) is on the bus: not ours."""
    import cases
    g = cases.pvh("-nic", "user,model=e1000")
    try:
        g.expect(r"net: no virtio-net device\n")
        cases.halt(g)
    finally:
        g.kill()


NET_TESTS = [test_net_virtio_arp_reply_and_udp_frames, test_net_ring_recycles_past_its_size, test_net_ping_the_gateway,
             test_net_modern_only_device, test_net_device_on_a_later_function, test_net_without_device_keeps_running,
             test_net_other_nic_is_not_taken]
