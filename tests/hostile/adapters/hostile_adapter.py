#!/usr/bin/env python3
"""A client adapter that misbehaves in one way, named by its argument.

Modes that behave well otherwise hand the work to the reference adapter
(REFERENCE, the second argument): it answers every case right, so the
verdict shows only what the misbehaviour breaks.
"""
import json
import os
import subprocess
import sys
import time
import urllib.parse

mode, reference = sys.argv[1], sys.argv[2]
secret = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
token = os.environ.get("AWS_SESSION_TOKEN", "")
pid_file = os.environ.get("HOSTILE_PID_FILE", "")


def lines():
    for line in sys.stdin:
        yield json.loads(line)


def reply(obj, raw=None):
    sys.stdout.write(raw if raw is not None else json.dumps(obj) + "\n")
    sys.stdout.flush()


def partly_encoded(s):
    """Some characters only %XX- or \\u-encoded, in mixed case: what a
    matcher of whole encoded forms misses."""
    out = []
    for n, c in enumerate(s):
        if n % 3 == 0:
            out.append("%%%02x" % ord(c))
        elif n % 5 == 0:
            out.append("\\u%04X" % ord(c))
        else:
            out.append(c)
    return "".join(out)


def echo_secrets():
    """Every form of the secrets, as a request to cpct's endpoint, in a reply."""
    forms = [secret, token, json.dumps(secret)[1:-1], urllib.parse.quote(token, safe=""),
             "".join("\\u%04x" % ord(c) for c in secret), partly_encoded(secret),
             partly_encoded(token), secret.replace("/", "%2f"), token.replace("/", "\\/")]
    import http.client
    url = urllib.parse.urlparse(os.environ["CPCT_ENDPOINT"])
    for case in lines():
        if case["id"] != "probe" and url.port:
            try:
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=2)
                conn.request("POST", "/?k=" + urllib.parse.quote(secret), body=" ".join(forms),
                             headers={"x-amz-security-token": token,
                                      "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/x, "
                                      "SignedHeaders=host, Signature=" + "ab" * 32,
                                      "X-Echo": secret, "Content-Type": "application/x-amz-json-1.1"})
                conn.getresponse().read()
            except OSError:
                pass
        reply({"id": case["id"], "error": {"code": "Echo " + " ".join(forms),
                                           "message": " ".join(forms)}})
        print("stderr:", *forms, file=sys.stderr, flush=True)


def proxy_to_reference():
    """A correct client: every case handed to the reference adapter."""
    proc = subprocess.Popen([reference], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for line in sys.stdin:
        proc.stdin.write(line)
        proc.stdin.flush()
        reply(None, raw=proc.stdout.readline())


def mock_address():
    url = urllib.parse.urlparse(os.environ["CPCT_ENDPOINT"])
    return url.hostname, url.port


class Watch:
    """What each hostile connection saw from the mock, settled once the mock
    answered it (the status line) or closed it: the test asserts these."""

    def __init__(self):
        import threading
        self.lock = threading.Lock()
        self.outcomes = []
        self.start = time.monotonic()
        self.settled = threading.Event()

    def add(self):
        with self.lock:
            self.outcomes.append(None)
            return len(self.outcomes) - 1

    def settle(self, n, what):
        with self.lock:
            if self.outcomes[n] is None:
                self.outcomes[n] = {"saw": what, "after_s": round(time.monotonic() - self.start, 2)}
            if all(self.outcomes):
                self.settled.set()
            self._write()

    def write(self):
        with self.lock:
            self._write()

    # Rewritten whole at every change (cpct may end the adapter at any
    # moment once its stdin closes): the file is always there and complete.
    def _write(self):
        path = os.environ.get("HOSTILE_OBS_FILE")
        if path:
            with open(path + ".tmp", "w") as f:
                json.dump([o or {"saw": "open"} for o in self.outcomes], f)
            os.replace(path + ".tmp", path)


def trickle(sock, block, pause, watch=None, n=None):
    import threading

    def run():
        try:
            while True:
                sock.sendall(block)
                time.sleep(pause)
        except OSError:
            if watch:
                watch.settle(n, "closed")
    threading.Thread(target=run, daemon=True).start()


def read_answer(sock, watch, n):
    """The mock's first bytes on this connection: its status line, or closed."""
    import threading

    def run():
        try:
            data = sock.recv(64)
        except OSError:
            data = b""
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        watch.settle(n, line if line else "closed")
    threading.Thread(target=run, daemon=True).start()


def hammer_mock(how):
    """Misbehaves toward cpct's mock endpoint beside a correct client:
    connections that trickle headers or a body, thousands held idle, or a
    pipelined flood never read; cpct must hold each to its caps. Each case
    waits up to a second for the hostile connections to settle, so a run
    lasts past the mock's read deadline."""
    import socket
    host, port = mock_address()
    held = []
    watch = Watch()
    head = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
            b"X-Amz-Target: CodePipeline_20150709.GetThirdPartyJobDetails\r\n")
    if how == "slowloris":
        for _ in range(12):
            s = socket.create_connection((host, port))
            s.sendall(head)
            trickle(s, b"X-Pad: p\r\n", 0.2)
            read_answer(s, watch, watch.add())
            held.append(s)
    elif how == "slow-body":
        for _ in range(12):
            s = socket.create_connection((host, port))
            s.sendall(head + b"Content-Length: 1000000\r\n\r\n")
            trickle(s, b" ", 0.05)
            read_answer(s, watch, watch.add())
            held.append(s)
    elif how == "idle":
        for _ in range(3000):
            try:
                held.append(socket.create_connection((host, port)))
            except OSError:
                break
    elif how == "pipelined":
        s = socket.create_connection((host, port))
        one = head + b"Content-Length: 2\r\n\r\n{}"
        trickle(s, one * 1000, 0, watch, watch.add())  # never reads an answer
        held.append(s)
    if not watch.outcomes:
        watch.settled.set()
    watch.write()
    proc = subprocess.Popen([reference], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for line in sys.stdin:
        watch.settled.wait(1.0)
        proc.stdin.write(line)
        proc.stdin.flush()
        reply(None, raw=proc.stdout.readline())
    watch.write()


if mode.startswith("mock-"):
    hammer_mock(mode[len("mock-"):])
elif mode == "env-file":
    # Its whole environment in a file cpct never reads; the test does: the
    # user's real secrets must not be there (cpct hands test credentials).
    with open(os.environ["HOSTILE_ENV_FILE"], "w") as f:
        json.dump(dict(os.environ), f)
    os.execv(reference, [reference])
elif mode == "env-stderr":
    # Its whole environment on stderr, then a correct client.
    for k, v in sorted(os.environ.items()):
        print(f"{k}={v}", file=sys.stderr)
    print(json.dumps(dict(os.environ)), file=sys.stderr, flush=True)
    os.execv(reference, [reference])
elif mode == "echo-secrets":
    echo_secrets()
elif mode == "never-reads":
    # Answers (wrongly) without ever reading stdin: cpct's writes fill the pipe.
    while True:
        reply({"id": "none", "output": {}})
        time.sleep(0.001)
elif mode == "stderr-flood":
    # 1 GiB on stderr before the first answer, then a correct client.
    block = b"e" * (1 << 20)
    for _ in range(1024):
        os.write(2, block)
    os.execv(reference, [reference])
elif mode == "control-bytes":
    # NUL, ESC, CR, BEL and C1 bytes, raw and JSON-escaped, in every reply.
    for case in lines():
        if case["id"] == "probe":
            reply({"id": "probe", "output": {}})
        elif int(case["id"][1:]) % 2:
            reply(None, raw='{"id": "%s", "error": {"code": "\x1b[2J\x1b]0;pwn\x07\x00\r\u009b"}}\n'
                  % case["id"])
        else:
            reply({"id": case["id"], "error": {"code": "\u001b[31mRED\u0000\r\u009b6n"}})
elif mode in ("setsid-child", "fork-keeps-stdout", "closes-stdout", "line-flood"):
    # Forty correct answers, then: a setsid()'d child left running; or exit
    # with a child holding stdout; or stdout closed with the process alive;
    # or one endless line (no newline, ever).
    proc = subprocess.Popen([reference], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for n, line in enumerate(sys.stdin):
        if n == 40:
            if mode == "line-flood":
                block = b"[" * (1 << 20)
                while True:
                    os.write(1, block)
            if mode == "closes-stdout":
                os.close(1)
                time.sleep(600)
            child = os.fork()
            if child == 0:
                if mode == "setsid-child":
                    os.setsid()
                with open(pid_file, "a") as f:
                    f.write(f"{os.getpid()}\n")
                time.sleep(600)
                os._exit(0)
            if mode == "fork-keeps-stdout":
                os._exit(0)
        proc.stdin.write(line)
        proc.stdin.flush()
        reply(None, raw=proc.stdout.readline())
elif mode == "slow":
    # Correct, but slowly: a run long enough to be stopped.
    proc = subprocess.Popen([reference], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    with open(pid_file, "a") as f:
        f.write(f"{os.getpid()}\n{proc.pid}\n")
    for line in sys.stdin:
        time.sleep(0.2)
        proc.stdin.write(line)
        proc.stdin.flush()
        reply(None, raw=proc.stdout.readline())
else:
    sys.exit("unknown mode " + mode)
