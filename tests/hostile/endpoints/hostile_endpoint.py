#!/usr/bin/env python3
"""An HTTP endpoint that misbehaves in one chosen way (tests/hostile/README.md).

Usage: hostile_endpoint.py MODE PORT_FILE
Listens on a free loopback port, writes it to PORT_FILE, and answers every
request on every connection as MODE says, until killed. Modes: see MODES.
"""
import os
import socket
import socketserver
import struct
import sys
import time

JSON = b"Content-Type: application/x-amz-json-1.1\r\n"


def read_request(sock):
    """Reads one request (headers and a Content-Length body); False at EOF."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return False
        rest += chunk
    return True


def send_forever(sock, block):
    while True:
        sock.sendall(block)


def ok(body, extra=b""):
    return (b"HTTP/1.1 200 OK\r\n" + JSON + extra +
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def silent(sock):
    while sock.recv(65536):
        pass


def trickle(sock):
    for byte in ok(b"{}"):
        sock.sendall(bytes([byte]))
        time.sleep(1)


def continue_flood(sock):
    send_forever(sock, b"HTTP/1.1 100 Continue\r\n\r\n" * 64)


def endless_body(sock):  # no length: the body runs to EOF, which never comes
    sock.sendall(b"HTTP/1.1 200 OK\r\n" + JSON + b"\r\n{\"a\":\"")
    send_forever(sock, b"a" * 65536)


def endless_chunks(sock):
    sock.sendall(b"HTTP/1.1 200 OK\r\n" + JSON + b"Transfer-Encoding: chunked\r\n\r\n")
    send_forever(sock, b"1000\r\n" + b"a" * 4096 + b"\r\n")


def endless_chunk_extension(sock):
    sock.sendall(b"HTTP/1.1 200 OK\r\n" + JSON + b"Transfer-Encoding: chunked\r\n\r\n2;x=")
    send_forever(sock, b"a" * 65536)


def many_chunk_extensions(sock):  # each line short, all of them long
    sock.sendall(b"HTTP/1.1 200 OK\r\n" + JSON + b"Transfer-Encoding: chunked\r\n\r\n")
    send_forever(sock, b"1;" + b"e" * 1000 + b"\r\n \r\n")


def endless_trailer(sock):
    sock.sendall(b"HTTP/1.1 200 OK\r\n" + JSON +
                 b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Trailer: ")
    send_forever(sock, b"t" * 65536)


def huge_length(sock):
    sock.sendall(b"HTTP/1.1 200 OK\r\n" + JSON + b"Content-Length: 99999999999\r\n\r\n{")
    silent(sock)


def reset_mid_body(sock):
    sock.sendall(b"HTTP/1.1 200 OK\r\n" + JSON + b"Content-Length: 100\r\n\r\n{\"jobDetails\"")
    time.sleep(0.05)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def garbage(sock):
    sock.sendall(os.urandom(512).replace(b"H", b"h"))
    sock.close()


def huge_header(sock):
    sock.sendall(b"HTTP/1.1 200 OK\r\n" + JSON)
    send_forever(sock, b"X-Pad: " + b"p" * 1000 + b"\r\n")


# 4M nested arrays: 8,000,000 bytes, under the 8 MiB response cap.
DEEP = b"[" * 4_000_000 + b"]" * 4_000_000
WIDE = b"{" + b",".join(b'"m%d":%d' % (i, i) for i in range(400_000)) + b"}"


def deep_json(sock):
    sock.sendall(ok(DEEP))


def wide_json(sock):
    sock.sendall(ok(WIDE))


def partly_encoded(s):
    """Some characters %XX- or \\u-escaped, in mixed case: an echo a
    matcher of whole encoded forms misses."""
    return "".join("%%%02x" % ord(c) if n % 3 == 0 else
                   "\\u%04X" % ord(c) if n % 5 == 0 else c for n, c in enumerate(s))


def echo_secrets(sock):
    # The session token cpct sends (and the secret key, which it never
    # sends), partly encoded, in a header and the body: a 400 for every case.
    token = partly_encoded(os.environ["AWS_SESSION_TOKEN"]).encode()
    secret = partly_encoded(os.environ["AWS_SECRET_ACCESS_KEY"]).encode()
    body = b'{"__type":"EchoException","message":"token ' + token + b" key " + secret + b'"}'
    sock.sendall(b"HTTP/1.1 400 Bad Request\r\n" + JSON + b"X-Echo: " + token + b"\r\n" +
                 b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def invalid_utf8(sock):
    sock.sendall(ok(b'{"message":"\xff\xfe\xc0\xaf"}', b"X-Amzn-Errortype: X\r\n"))


def redirect(sock):
    sock.sendall(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/\r\n"
                 b"Content-Length: 0\r\n\r\n")


MODES = {f.__name__.replace("_", "-"): f for f in [
    silent, trickle, continue_flood, endless_body, endless_chunks, endless_chunk_extension,
    many_chunk_extensions, endless_trailer, huge_length, reset_mid_body, garbage, huge_header,
    deep_json, wide_json, invalid_utf8, redirect, echo_secrets]}
# Modes that answer and may keep the connection for the next request.
KEEP = {"deep-json", "wide-json", "invalid-utf8", "redirect", "echo-secrets"}


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            while read_request(self.request):
                MODES[self.server.mode](self.request)
                if self.server.mode not in KEEP:
                    break
        except OSError:
            pass  # the checker gave up on us: that is the point


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in MODES:
        sys.exit("usage: hostile_endpoint.py MODE PORT_FILE (modes: %s)" % ", ".join(MODES))
    server = Server(("127.0.0.1", 0), Handler)
    server.mode = sys.argv[1]
    with open(sys.argv[2] + ".tmp", "w") as out:
        out.write(str(server.server_address[1]))
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    server.serve_forever()


if __name__ == "__main__":
    main()
