#!/usr/bin/env bash
# The replies `cpct serve` makes outside the oracle (413 body too large, 431
# headers too large, 408 too slow) carry the model's content type: an
# awsJson1_0 model's endpoint answers application/x-amz-json-1.0 there too
# (AWS's JSON protocols answer in the protocol's own content type). A
# checker judging such an endpoint under awsJson1_0 would blame a 1.1 reply.
#   transport_errors_wire.sh CPCT SOURCE_DIR
set -euo pipefail
cpct=$1 src=$2
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$src/scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
model=$src/tests/reference_client/toy/service-2.json
start_endpoint "$work/serve.out" "$work/serve.err" "$cpct" serve --model "$model" --port 0 \
  --max-body-bytes 100 --max-header-bytes 2048 --read-timeout-ms 500 || exit 1
python3 - "${ENDPOINT_URL#http://}" <<'PY'
import socket, sys, json
host, port = sys.argv[1].split(":")
def exchange(raw, wait=False):
    s = socket.create_connection((host, int(port)), timeout=10)
    s.sendall(raw)
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    return status, headers, body
req = lambda extra, body: (b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Toy_20260101.GetWidget\r\n"
                           b"Content-Type: application/x-amz-json-1.0\r\n" + extra +
                           b"Content-Length: %d\r\n\r\n" % len(body) + body)
cases = {
    "413": req(b"", b"{" + b" " * 200 + b"}"),
    "431": req(b"X-Pad: " + b"a" * 4096 + b"\r\n", b"{}"),
    "408": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{",
}
for want, raw in cases.items():
    status, headers, body = exchange(raw)
    assert str(status) == want, f"expected {want}, got {status}"
    ctype = headers.get("content-type")
    assert ctype == "application/x-amz-json-1.0", f"{want}: Content-Type {ctype}"
    assert "__type" in json.loads(body), f"{want}: body {body!r}"
    print(f"ok: {want} in application/x-amz-json-1.0")
PY
