#!/usr/bin/env python3
"""Hostile clients against a running cpct serve (tests/hostile/README.md).

Usage: hostile_client.py MODE HOST PORT [READ_TIMEOUT_MS]
Exits 0 when the server held (each mode says what that means), else 1 with
one line saying what it did instead.
"""
import socket
import sys
import threading
import time

TARGET = b"CodePipeline_20150709.GetThirdPartyJobDetails"
BODY = b'{"jobId":"nope","clientToken":"t"}'


def request(body=BODY, extra=b"", close=False):
    return (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
            b"X-Amz-Target: " + TARGET + b"\r\n" + extra +
            (b"Connection: close\r\n" if close else b"") +
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def connect(addr, timeout=10):
    return socket.create_connection(addr, timeout=timeout)


def status_of(sock, deadline=10):
    """The status of the first response on sock (reads its headers), or None."""
    sock.settimeout(deadline)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionError):
        return None
    if not data.startswith(b"HTTP/1.1 "):
        return None
    return int(data[9:12])


def fail(text):
    print("FAIL:", text)
    sys.exit(1)


def ok(status):
    """An answer: without fixtures cpct serve answers a mock 200, else a 4xx."""
    return status is not None and status < 500


def answered(addr):
    s = connect(addr)
    s.sendall(request(close=True))
    return status_of(s)


def keep_sending(sock, block, pause):
    try:
        while True:
            sock.sendall(block)
            time.sleep(pause)
    except OSError:
        pass


def expect_status_while_sending(addr, head, block, pause, want):
    """Sends head, then block after block; want the server to answer `want` and close."""
    s = connect(addr)
    s.sendall(head)
    threading.Thread(target=keep_sending, args=(s, block, pause), daemon=True).start()
    got = status_of(s, deadline=30)
    if got != want:
        fail("expected %s, got %s" % (want, got))
    print("answered", got)


CHUNKED = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
           b"X-Amz-Target: " + TARGET + b"\r\nTransfer-Encoding: chunked\r\n\r\n")


def chunk_extension(addr, _):
    expect_status_while_sending(addr, CHUNKED + b"2;x=", b"a" * 65536, 0, 413)


def trailer(addr, _):
    expect_status_while_sending(addr, CHUNKED + b"2\r\n{}\r\n0\r\nX-T: ", b"t" * 65536, 0, 431)


# One body byte per 4 KB sent: a chunk-size line of leading zeros (under the
# header cap). Sent as fast as the socket takes it, the body outlasts the
# read timeout many times over (its 1 MiB cap needs 4 GiB) while memory
# stays small, and a read's completion is always queued when the timer
# fires: a server that then reads on answers only at the body cap (413),
# not at the timeout (408).
SLOW_CHUNK = b"0" * 4000 + b"1\r\n \r\n"


def slow_body(addr, _):
    expect_status_while_sending(addr, CHUNKED, SLOW_CHUNK * 256, 0, 408)


def slowloris(addr, _):
    socks = []
    for _ in range(200):
        s = connect(addr)
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
        threading.Thread(target=keep_sending, args=(s, b"X", 0.5), daemon=True).start()
    got = answered(addr)
    if not ok(got):
        fail("a normal request during slowloris got %s" % got)
    late = [status_of(s, deadline=30) for s in socks[:20]]
    if any(x != 408 for x in late):
        fail("trickling connections got %s, expected 408" % late)
    print("answered %s during slowloris; tricklers got 408" % got)


def idle(addr, _):
    socks = [connect(addr) for _ in range(2000)]
    got = answered(addr)
    if not ok(got):
        fail("a request with 2000 idle connections got %s" % got)
    print("answered with 2000 idle connections:", got)
    del socks


def pipelined(addr, _):
    n = 10000
    s = connect(addr)
    data = request() * (n - 1) + request(close=True)
    threading.Thread(target=lambda: s.sendall(data), daemon=True).start()
    s.settimeout(30)
    got = b""
    while True:
        chunk = s.recv(1 << 20)
        if not chunk:
            break
        got += chunk
    count = got.count(b"HTTP/1.1 ")
    if count != n:
        fail("%d of %d pipelined requests answered" % (count, n))
    print("answered", count, "pipelined requests")


def nesting(addr, _):
    s = connect(addr)
    s.sendall(request(b"[" * 500_000 + b"]" * 500_000, close=True))
    got = status_of(s, deadline=30)
    if got != 400:
        fail("a 500k-deep body got %s" % got)
    print("nesting bomb answered", got)


def sigterm(addr, args):
    """40 connections sending requests one after another and 5 trickling a
    body; SIGTERM to the server (pid in args) meanwhile. Every request sent
    whole before the signal, and every trickled one, must get an answer."""
    import os
    import signal
    pid = int(args[0])
    term_at = [float("inf")]
    lost = []
    answered_count = [0]
    def worker():
        try:
            s = connect(addr)
            while True:
                s.sendall(request())
                sent_at = time.monotonic()
                if status_of(s) is None:
                    if sent_at < term_at[0] - 0.05:
                        lost.append(sent_at)
                    return
                answered_count[0] += 1
        except OSError:
            pass
    tricklers = []
    for _ in range(5):
        s = connect(addr)
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
        threading.Thread(target=keep_sending, args=(s, b" ", 0.01), daemon=True).start()
        tricklers.append(s)
    threads = [threading.Thread(target=worker) for _ in range(40)]
    for t in threads:
        t.start()
    time.sleep(1)
    term_at[0] = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    for t in threads:
        t.join(30)
    trickled = [status_of(s, deadline=30) for s in tricklers]
    print("answered %d requests, tricklers got %s" % (answered_count[0], trickled))
    if lost:
        fail("%d requests sent whole before SIGTERM got no answer" % len(lost))
    if any(x is None for x in trickled):
        fail("a trickled request got no answer")


def log_pipe(addr, _):
    for i in range(100):
        got = answered(addr)
        if not ok(got):
            fail("request %d after the log pipe closed got %s" % (i, got))
    print("answered 100 requests after the log pipe closed")


MODES = {f.__name__.replace("_", "-"): f for f in [
    chunk_extension, trailer, slow_body, slowloris, idle, pipelined, nesting,
    sigterm, log_pipe]}

if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] not in MODES:
        sys.exit("usage: hostile_client.py MODE HOST PORT (modes: %s)" % ", ".join(MODES))
    MODES[sys.argv[1]]((sys.argv[2], int(sys.argv[3])), sys.argv[4:])
