"""QEMU boot tests of the virtio-net driver: QEMU's user networking
(slirp) forwards a host UDP port to the guest's port 7. slirp first asks
who has 10.0.2.15 (ARP); the guest must answer before any UDP arrives.
`net` counts what the driver and the stub stack saw."""
import re
import socket
import time

NET_LINE = r"net: virtio-net at 00:(\w\w)\.0 \(device 0x(1000|1041), modern interface\), irq (\d+), MAC 52:54:00:12:34:56\n"
COUNTS = r"net: rx (\d+) frames \((\d+) ARP, (\d+) IPv4, (\d+) other\), tx (\d+) frames \((\d+) ARP replies\)\n"
DROPS = r"net: dropped (\d+) \(rx (\d+) unused, (\d+) short; tx (\d+) ring full, (\d+) too long\); (\d+) ring errors\n"


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
    m = g.command("net", COUNTS)
    d = g.expect(DROPS)
    rx, arp, ipv4, other, tx, replies = (int(x) for x in m.groups())
    return {"rx": rx, "arp": arp, "ipv4": ipv4, "other": other, "tx": tx, "replies": replies,
            "dropped": int(d[1]), "short": int(d[3]), "ring_errors": int(d[6])}


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
        c = wait_for(g, lambda c: c["replies"] >= 1 and c["ipv4"] >= 1, "slirp's ARP answered, then the datagram")
        assert c["arp"] >= 1 and c["tx"] == c["replies"], c
        before = c["rx"]
        sock.sendto(b"second", ("127.0.0.1", port))
        c = wait_for(g, lambda c: c["rx"] > before and c["ipv4"] >= 2, "the second datagram")
        assert c["short"] == 0 and c["ring_errors"] == 0, c
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
        wait_for(g, lambda c: c["ipv4"] >= 1, "the first datagram")
        for i in range(100):
            sock.sendto(b"datagram %d" % i, ("127.0.0.1", port))
            time.sleep(0.01)  # slirp drops what the guest has no buffer for yet
        c = wait_for(g, lambda c: c["ipv4"] >= 101, "100 more datagrams", seconds=20)
        assert c["rx"] == c["arp"] + c["ipv4"] + c["other"], c
        assert c["ring_errors"] == 0 and c["short"] == 0, c
        cases.halt(g)
    finally:
        sock.close()
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
        assert m[2] == "1041", m.group(0)
        sock.sendto(b"modern", ("127.0.0.1", port))
        wait_for(g, lambda c: c["replies"] >= 1 and c["ipv4"] >= 1, "ARP answered, then the datagram")
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


NET_TESTS = [test_net_virtio_arp_reply_and_udp_frames, test_net_ring_recycles_past_its_size,
             test_net_modern_only_device, test_net_without_device_keeps_running, test_net_other_nic_is_not_taken]
