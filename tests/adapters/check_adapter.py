#!/usr/bin/python3
"""Drives one client adapter the way `cpct check client` does, against
`cpct serve`, and checks its answers against the fixtures.

    check_adapter.py CPCT FIXTURES SOURCE_DIR js|botocore

Lines go in one at a time, each answer awaited with a deadline, so an
adapter that does not flush per line fails here. Exit 77 (skip) when the
adapter's setup has not been run.
"""
import json
import os
import selectors
import socket
import subprocess
import sys
import time

cpct, fixtures_path, root, kind = sys.argv[1:5]

# The command lines adapters/README.md gives, run as cpct runs them: sh -c,
# from the source tree.
ADAPTERS = {
    "js": ("node adapters/js/adapter.mjs",
           os.path.join(root, "adapters/js/node_modules/@aws-sdk/client-codepipeline")),
    "botocore": ("/usr/bin/python3 adapters/botocore/adapter.py", None),
}
# Where the clients differ: botocore checks required members and minimum
# lengths itself before sending; the JavaScript SDK sends and lets the server
# answer. Both leave maximum lengths to the server.
CLIENT_SIDE = {"js": "ValidationException", "botocore": "ParamValidationError"}
TIMEOUT = {"js": "TimeoutError", "botocore": "ReadTimeoutError"}

command, node_modules = ADAPTERS[kind]
if node_modules and not os.path.isdir(node_modules):
    print("adapters/js/node_modules is missing: run scripts/adapters-setup; skipping")
    sys.exit(77)
if kind == "botocore" and subprocess.run(["/usr/bin/python3", "-c", "import botocore"]).returncode:
    print("/usr/bin/python3 cannot import botocore: run scripts/deps --tests; skipping")
    sys.exit(77)

failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


class Adapter:
    """The adapter process, fed and read one line at a time."""

    def __init__(self, endpoint, extra_env=None):
        env = dict(os.environ, CPCT_ENDPOINT=endpoint, AWS_ACCESS_KEY_ID="cpct-test-key",
                   AWS_SECRET_ACCESS_KEY="cpct-test-secret", AWS_REGION="us-east-1",
                   AWS_DEFAULT_REGION="us-east-1", **(extra_env or {}))
        self.proc = subprocess.Popen(["sh", "-c", command], cwd=root, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.proc.stdout, selectors.EVENT_READ)
        self.buffer = b""

    def ask(self, line, deadline_s=15):
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()
        end = time.monotonic() + deadline_s
        while b"\n" not in self.buffer:
            left = end - time.monotonic()
            if left <= 0 or not self.sel.select(left):
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buffer += chunk
        answer, self.buffer = self.buffer.split(b"\n", 1)
        try:
            return json.loads(answer)
        except ValueError:
            return {"unparseable": answer.decode(errors="replace")}

    def close(self):
        """Closes stdin; returns the exit code, anything left on stdout, and stderr."""
        try:
            rest, err = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rest, err = self.proc.communicate()
        return self.proc.returncode, self.buffer + rest, err.decode(errors="replace")


def request(id, job_id, token):
    return json.dumps({"id": id, "operation": "GetThirdPartyJobDetails",
                       "input": {"jobId": job_id, "clientToken": token}})


def error_code(answer):
    return (answer or {}).get("error", {}).get("code")


fixtures = json.load(open(fixtures_path, encoding="utf-8"))["jobs"]
third_party = [j for j in fixtures if j.get("kind", "third-party") == "third-party"]
custom = next(j for j in fixtures if j.get("kind") == "custom")
full, *others = sorted(third_party, key=lambda j: -len(json.dumps(j["jobDetails"])))

serve = subprocess.Popen([cpct, "serve", "--fixtures", fixtures_path, "--port", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
silent = socket.socket()  # accepts connections and never answers: the timeout case
try:
    first = serve.stdout.readline().strip()
    if not first.startswith("listening on http://"):
        sys.exit("cpct serve did not start: %r %s" % (first, serve.stderr.read()))
    endpoint = first.split()[-1]

    adapter = Adapter(endpoint)
    # (id, line, what the answer must be) in the order they are sent.
    cases = [
        ("c1", request("c1", full["jobDetails"]["id"], full["clientToken"]), full["jobDetails"]),
        ("c2", request("c2", "no-such-job", full["clientToken"]), "JobNotFoundException"),
        ("c3", request("c3", full["jobDetails"]["id"], "not-the-token"), "InvalidClientTokenException"),
        ("c4", request("c4", "j" * 513, full["clientToken"]), "ValidationException"),
        ("c5", request("c5", custom["jobDetails"]["id"], custom["clientToken"]), "InvalidJobException"),
        ("c6", request("c6", "", full["clientToken"]), CLIENT_SIDE[kind]),
        ("c7", json.dumps({"id": "c7", "operation": "GetThirdPartyJobDetails",
                           "input": {"jobId": full["jobDetails"]["id"]}}), CLIENT_SIDE[kind]),
        (None, "this is not JSON {", "AdapterError"),
        ("c8", json.dumps({"id": "c8", "operation": "NoSuchOperation", "input": {}}), "UnknownOperation"),
    ]
    cases += [("k%d" % i, request("k%d" % i, j["jobDetails"]["id"], j["clientToken"]), j["jobDetails"])
              for i, j in enumerate(others)]
    cases.append(("c9", request("c9", full["jobDetails"]["id"], full["clientToken"]), full["jobDetails"]))

    for id, line, expected in cases:
        answer = adapter.ask(line)
        what = "%s %s: " % (kind, id or "garbage line")
        if answer is None:
            check(False, what + "no answer line (adapter dead, hung or not flushing)")
            break
        check(answer.get("id") == id, what + "answer id %r" % answer.get("id"))
        if isinstance(expected, dict):
            check(answer.get("output") == {"jobDetails": expected},
                  what + "output.jobDetails equals the fixture's" +
                  ("" if "output" in answer else ", got %s" % json.dumps(answer)[:300]))
        else:
            check(error_code(answer) == expected,
                  what + "error %s (got %s)" % (expected, error_code(answer) or json.dumps(answer)[:300]))
    code, rest, err = adapter.close()
    check(code == 0, "%s: exits 0 at end of input (exit %s)" % (kind, code))
    check(rest.strip() == b"", "%s: no extra output lines (%r)" % (kind, rest[:200]))
    check("cpct-test-secret" not in err, "%s: stderr does not show the secret key" % kind)
    if err.strip():
        print("adapter stderr:\n" + err)

    # A server that never answers: the adapter reports its own timeout
    # (CPCT_TIMEOUT_MS) instead of hanging, and goes on.
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    adapter = Adapter("http://127.0.0.1:%d" % silent.getsockname()[1], {"CPCT_TIMEOUT_MS": "500"})
    started = time.monotonic()
    answer = adapter.ask(request("t1", "job", "token"), deadline_s=10)
    took = time.monotonic() - started
    check(error_code(answer) == TIMEOUT[kind] and took < 5,
          "%s t1: silent server gives %s in %.1fs (got %s)" % (kind, TIMEOUT[kind], took, answer))
    code, _, _ = adapter.close()
    check(code == 0, "%s: exits 0 after a timeout (exit %s)" % (kind, code))
finally:
    silent.close()
    serve.terminate()
    serve.wait(timeout=10)

print("%s adapter: %d failure(s)" % (kind, len(failures)))
sys.exit(1 if failures else 0)
