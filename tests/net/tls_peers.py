#!/usr/bin/env python3
"""Hostile TLS peers and clients for tls_check_server.sh and tests/server/tls_serve.sh.

  tls_peers.py silent        a server that accepts TCP and never answers the
                             ClientHello (prints "listening on https://...")
  tls_peers.py garbage       a server that answers the ClientHello with bytes
                             that are not TLS
  tls_peers.py stall PORT    a client that sends half a TLS record header and
                             waits: prints "dropped" once the server closes,
                             "not dropped" if it is still open after 60 s
  tls_peers.py slow-request PORT CA
                             a TLS client that sends half a request and waits:
                             prints the status line the server answers with
"""
import socket
import ssl
import sys
import threading


def serve(handle):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(f"listening on https://127.0.0.1:{listener.getsockname()[1]}", flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def silent(conn):
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass


def garbage(conn):
    try:
        conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}" * 64)
        while conn.recv(4096):
            pass
    except OSError:
        pass


def stall(port):
    conn = socket.create_connection(("127.0.0.1", port), timeout=60)
    conn.sendall(b"\x16\x03\x01")  # a handshake record header, cut short
    try:
        data = conn.recv(4096)
        print("dropped" if data == b"" else f"answered {data!r}")
    except socket.timeout:
        print("not dropped")
    except ConnectionResetError:
        print("dropped")


def slow_request(port, ca):
    context = ssl.create_default_context(cafile=ca)
    raw = socket.create_connection(("127.0.0.1", port), timeout=60)
    conn = context.wrap_socket(raw, server_hostname="127.0.0.1")
    conn.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        print("no answer")
        return
    print(data.split(b"\r\n")[0].decode("latin-1") if data else "closed")


def main():
    mode = sys.argv[1]
    if mode == "silent":
        serve(silent)
    elif mode == "garbage":
        serve(garbage)
    elif mode == "stall":
        stall(int(sys.argv[2]))
    elif mode == "slow-request":
        slow_request(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
