#!/usr/bin/env bash
# cpct serve over HTTPS (--tls-cert/--tls-key), with a CA and certificates
# made for this run (tests/net/make_test_certs.sh):
#   tls_serve.sh CPCT FIXTURES
# Flag and file errors are one line and exit 2; over TLS the server's limits
# hold (413, 431, 408 for a request begun and never finished), and a client
# that opens TLS and stalls mid-handshake is dropped by the read timeout.
set -euo pipefail
cpct=$1 fixtures=$2
here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$here/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
"$here/../net/make_test_certs.sh" "$work/certs"
certs=$work/certs

fail() { echo "FAIL: $*"; cat "$work/out" 2>/dev/null; exit 1; }

# refused REGEX ARGS...: cpct serve ARGS exits 2 with one line matching REGEX.
refused() {
  local regex=$1 code
  shift
  set +e
  timeout 20 "$cpct" serve --fixtures "$fixtures" --port 0 "$@" > "$work/out" 2>&1
  code=$?
  set -e
  [ "$code" = 2 ] || fail "exit $code, expected 2: cpct serve $*"
  [ "$(wc -l < "$work/out")" = 1 ] || fail "not one line: cpct serve $*"
  grep -Eq "$regex" "$work/out" || fail "no /$regex/: cpct serve $*"
  echo "ok: $(cat "$work/out")"
}

refused '^cpct: --tls-cert needs --tls-key' --tls-cert "$certs/server.pem"
refused '^cpct: --tls-key needs --tls-cert' --tls-key "$certs/server.key"
refused '^cpct: --tls-cert .*none.pem: cannot read it$' --tls-cert "$work/none.pem" --tls-key "$certs/server.key"
refused '^cpct: --tls-cert .*: not a PEM certificate' --tls-cert "$fixtures" --tls-key "$certs/server.key"
refused '^cpct: --tls-key .*: not a PEM private key' --tls-cert "$certs/server.pem" --tls-key "$certs/server.pem"
refused '^cpct: --tls-key .*other.key: not the private key of --tls-cert' --tls-cert "$certs/server.pem" --tls-key "$certs/other.key"

start_endpoint "$work/serve.out" "$work/serve.err" "$cpct" serve --fixtures "$fixtures" --port 0 \
  --tls-cert "$certs/server.pem" --tls-key "$certs/server.key" --read-timeout-ms 300 \
  --max-body-bytes 1000 --max-header-bytes 4096 || exit 1
url=$ENDPOINT_URL
port=${url##*:}

# The limits, over TLS.
status_of() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 20 --cacert "$certs/ca.pem" "$@" "$url/" || true
}
json=(-H 'Content-Type: application/x-amz-json-1.1' -H 'X-Amz-Target: CodePipeline_20150709.GetThirdPartyJobDetails')
got=$(status_of "${json[@]}" --data-binary '{}')
[ "$got" = 400 ] || fail "a small request over TLS got $got, expected 400 (ValidationException)"
got=$(status_of "${json[@]}" --data-binary "$(head -c 2000 /dev/zero | tr '\0' 'a')")
[ "$got" = 413 ] || fail "a body over --max-body-bytes got $got, expected 413"
got=$(status_of "${json[@]}" -H "X-Filler: $(head -c 5000 /dev/zero | tr '\0' 'a')" --data-binary '{}')
[ "$got" = 431 ] || fail "headers over --max-header-bytes got $got, expected 431"
echo "ok: 400, 413 and 431 over TLS"
line=$(python3 "$here/../net/tls_peers.py" slow-request "$port" "$certs/ca.pem")
case $line in "HTTP/1.1 408 "*) ;; *) fail "a request never finished got '$line', expected 408" ;; esac
echo "ok: a request begun over TLS and never finished: $line"

# A client that stalls mid-handshake is dropped by the read timeout.
line=$(python3 "$here/../net/tls_peers.py" stall "$port")
[ "$line" = dropped ] || fail "a client stalled mid-handshake: $line"
echo "ok: a client stalled mid-handshake is dropped"

# The server still serves after all that.
got=$(status_of "${json[@]}" --data-binary '{}')
[ "$got" = 400 ] || fail "after the hostile clients: $got"
echo "ok: still serving"
