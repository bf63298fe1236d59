"""The host as the guest's Ethernet neighbour: QEMU's dgram netdev sends
each frame the guest transmits as one UDP datagram to this peer, and
takes each datagram the peer sends as a received frame. So the tests see
and make raw frames (ARP, pings, malformed headers) through real QEMU
networking, with no slirp in between."""
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "boot"))
import cases  # noqa: E402
from net_cases import free_udp_port  # noqa: E402
from qemu import Guest  # noqa: E402


class Peer:
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.qemu_port = free_udp_port()

    def netdev(self):
        return ["-netdev", f"dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port={self.qemu_port},"
                f"remote.type=inet,remote.host=127.0.0.1,remote.port={self.port}",
                "-device", "virtio-net-pci,netdev=n0"]

    def send(self, frame):
        self.sock.sendto(frame, ("127.0.0.1", self.qemu_port))

    def recv(self, timeout=5.0):
        """The next frame the guest sent, or None after timeout seconds."""
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(65536)
        except socket.timeout:
            return None

    def drain(self, timeout=0.2):
        n = 0
        while self.recv(timeout) is not None:
            n += 1
        return n

    def close(self):
        self.sock.close()


def ext_package(name):
    with open(os.path.join("build", "ext", name + ".ext"), "rb") as f:
        return f.read()


def boot(peer, exts=("echo", "netkv", "filter"), timeout=120):
    """Spinel from a GRUB ISO with the extensions as boot modules, its
    virtio-net device wired to peer."""
    iso = cases.build_iso("net-" + "-".join(exts), [(ext_package(e), f"ext {e}") for e in exts])
    return Guest(["-cdrom", iso] + peer.netdev(), timeout=timeout)
