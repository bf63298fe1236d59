#!/usr/bin/env python3
"""load_socket.py DIR: the socket `make run` gives the kernel's load port.

DIR/load.sock, unless another QEMU already listens there (the socket
accepts a connection): then the first of DIR/load-2.sock .. load-9.sock
nobody listens on, and one line on stderr saying so and how to reach it
(extensions/spinel load --socket PATH). A socket file nobody listens on is
free: QEMU replaces it. Prints the path on stdout; exit 0, or 2 with one
line when every one is taken or DIR cannot be a directory."""
import os
import socket
import sys

TRIES = 9


def listening(path):
    """Whether something accepts a connection on path."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        try:
            s.connect(path)
            return True
        except OSError:
            return False


def candidates(directory):
    yield os.path.join(directory, "load.sock")
    for n in range(2, TRIES + 1):
        yield os.path.join(directory, f"load-{n}.sock")


def main(argv):
    if len(argv) != 1:
        print("usage: load_socket.py DIR", file=sys.stderr)
        return 2
    directory = argv[0]
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as e:
        print(f"load_socket.py: cannot use {directory} as a directory ({e.strerror or e})", file=sys.stderr)
        return 2
    default = os.path.join(directory, "load.sock")
    for path in candidates(directory):
        if not listening(path):
            if path != default:
                print(f"make run: another QEMU listens on {default}; this one's load port is {path}: "
                      f"extensions/spinel load --socket {path} PACKAGE", file=sys.stderr)
            print(path)
            return 0
    print(f"make run: {TRIES} QEMUs already listen on {directory}/load*.sock; halt one first", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
