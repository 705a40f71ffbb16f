#!/usr/bin/env python3
"""A scripted endpoint for the precision tests (tests/precision/CMakeLists.txt).

Usage: proxy.py MODE LOG [UPSTREAM_URL] [STREAM_TARGET...]
Listens on a free loopback port, prints "listening on URL", and appends one
JSON line per request to LOG: {"method", "path", "target", "body"}. Modes:
  record          forwards every request to UPSTREAM_URL and relays its answer
  event-stream    as record, but a 200 answer to a STREAM_TARGET becomes an
                  event stream (application/vnd.amazon.eventstream, framed
                  bytes that are no JSON): a right answer cpct must accept
  stream-accepts  answers every request to a STREAM_TARGET with that 200
                  event stream, valid or not: a wrong endpoint
  echo            no upstream: 200 {"echo": BODY} and an X-Echo header with
                  the request body (an endpoint that reflects its input)
"""
import http.client
import json
import sys
import threading
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE, LOG = sys.argv[1], sys.argv[2]
UPSTREAM = urllib.parse.urlsplit(sys.argv[3]) if len(sys.argv) > 3 else None
STREAM_TARGETS = set(sys.argv[4:])
lock = threading.Lock()


def event_stream_body():
    """One event-stream message (prelude, CRCs) with a small header and payload."""
    name, value = b":event-type", b"SubscribeToShardEvent"
    headers = bytes([len(name)]) + name + b"\x07" + len(value).to_bytes(2, "big") + value
    payload = b'{"Records":[],"ContinuationSequenceNumber":"1","MillisBehindLatest":0}'
    total = 12 + len(headers) + len(payload) + 4
    prelude = total.to_bytes(4, "big") + len(headers).to_bytes(4, "big")
    prelude += zlib.crc32(prelude).to_bytes(4, "big")
    message = prelude + headers + payload
    return message + zlib.crc32(message).to_bytes(4, "big")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, headers, body):
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding", "date",
                                    "server"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        target = self.headers.get("X-Amz-Target")
        with lock, open(LOG, "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path, "target": target,
                                  "body": body.decode("utf-8", "replace")}) + "\n")
        stream = target in STREAM_TARGETS
        if MODE == "echo":
            text = body.decode("utf-8", "replace")
            headers = [("Content-Type", "application/x-amz-json-1.1")]
            if len(text) <= 2000:  # whole: an echo cut short is the endpoint's own leak
                headers.append(("X-Echo", "".join(c if " " <= c <= "~" else "?" for c in text)))
            self.answer(200, headers, json.dumps({"echo": text}).encode())
            return
        if MODE == "stream-accepts" and stream:
            self.answer(200, [("Content-Type", "application/vnd.amazon.eventstream")],
                        event_stream_body())
            return
        upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        upstream.close()
        if MODE == "event-stream" and stream and response.status == 200:
            self.answer(200, [("Content-Type", "application/vnd.amazon.eventstream")],
                        event_stream_body())
            return
        self.answer(response.status, response.getheaders(), data)

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
