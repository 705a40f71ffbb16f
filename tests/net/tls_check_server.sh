#!/usr/bin/env bash
# cpct check server and the reference adapter over HTTPS, end to end, with a
# CA and certificates made for this run (make_test_certs.sh):
#   tls_check_server.sh CPCT REFERENCE_ADAPTER FIXTURES
# Against `cpct serve --tls-cert --tls-key`: trusted through --ca-file (a
# clean pass), untrusted (exit 2, one line naming the certificate problem),
# --insecure (a pass), a certificate for another host (exit 2 naming the
# host); the adapter through CPCT_CA_FILE. Against hostile TLS peers (one
# silent after the ClientHello, one answering it with bytes that are not
# TLS): the run ends within its bound with the transport blamed.
set -euo pipefail
cpct=$1 adapter=$2 fixtures=$3
here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$here/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
"$here/make_test_certs.sh" "$work/certs"
certs=$work/certs

fail() { echo "FAIL: $*"; echo "--- output:"; cat "$work/check.out"; exit 1; }

# check EXPECTED_EXIT ARGS...: cpct check server ARGS, output in check.out.
check() {
  local want=$1 code
  shift
  set +e
  "$cpct" check server "$@" > "$work/check.out" 2>&1
  code=$?
  set -e
  [ "$code" = "$want" ] || fail "exit $code, expected $want: cpct check server $*"
}

# One `cpct:` line and nothing else on stderr-and-stdout, matching REGEX.
one_line() {
  [ "$(wc -l < "$work/check.out")" = 1 ] || fail "not one line"
  grep -Eq "$1" "$work/check.out" || fail "the line does not match /$1/"
}

# status REQUIREMENT: its status in the run's results.json.
status() {
  python3 -c 'import json,sys; r={q["id"]:q["status"] for q in json.load(open(sys.argv[1]))["requirements"]}; print(r.get(sys.argv[2],"absent"))' \
    "$work/report/results.json" "$1"
}

start_endpoint "$work/serve.out" "$work/serve.err" "$cpct" serve --fixtures "$fixtures" \
  --port 0 --tls-cert "$certs/server.pem" --tls-key "$certs/server.key" || exit 1
url=$ENDPOINT_URL
case $url in https://127.0.0.1:*) ;; *) echo "FAIL: serve printed $url, not an https:// URL"; exit 1 ;; esac
port=${url##*:}
common=(--fixtures "$fixtures" --seed 7 --cases 40 --sequences 5 --timeout-ms 2000)

# (1) Trusted through --ca-file: the reference endpoint passes, lifecycle
# (its reset URL is https:// too) included.
check 0 --endpoint "$url" --ca-file "$certs/ca.pem" "${common[@]}" --report-dir "$work/report"
[ "$(status awsJson1_1.server.no-reset)" = passed ] || fail "no-reset is $(status awsJson1_1.server.no-reset)"
echo "ok: trusted through --ca-file, exit 0"

# (2) The system's trust store does not know the test CA: exit 2, one line.
check 2 --endpoint "$url" "${common[@]}"
one_line "^cpct: endpoint $url: TLS handshake with 127.0.0.1:$port failed: certificate verify failed: .*(self[- ]signed|local issuer)"
echo "ok: untrusted: $(cat "$work/check.out")"

# (3) --insecure: a pass, and it says so once.
check 0 --endpoint "$url" --insecure "${common[@]}" --report-dir "$work/unverified"
[ "$(grep -c '^cpct: --insecure' "$work/check.out")" = 1 ] || fail "the --insecure warning is not said exactly once"
# Its rerun line must reach the same endpoint the same way (and (1)'s must
# name --ca-file, not --insecure).
rerun() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rerun"])' "$1/results.json"; }
case " $(rerun "$work/unverified") " in *" --insecure "*) ;; *) fail "the rerun line lacks --insecure: $(rerun "$work/unverified")" ;; esac
case " $(rerun "$work/report") " in *" --insecure"*) fail "a --ca-file run's rerun line says --insecure" ;; *" --ca-file "*) ;; *) fail "the rerun line lacks --ca-file: $(rerun "$work/report")" ;; esac
echo "ok: --insecure, exit 0, and on the rerun line"

# (4) A certificate for another host: exit 2 naming the host, for an IP
# literal and for a host name.
start_endpoint "$work/other.out" "$work/other.err" "$cpct" serve --fixtures "$fixtures" \
  --port 0 --tls-cert "$certs/other.pem" --tls-key "$certs/other.key" || exit 1
other=$ENDPOINT_URL
check 2 --endpoint "$other" --ca-file "$certs/ca.pem" "${common[@]}"
one_line "IP address mismatch \(the certificate is not for 127\.0\.0\.1\)"
echo "ok: wrong address: $(cat "$work/check.out")"
check 2 --endpoint "https://localhost:${other##*:}" --ca-file "$certs/ca.pem" "${common[@]}"
one_line "hostname mismatch \(the certificate is not for localhost\)"
echo "ok: wrong host name: $(cat "$work/check.out")"

# Bad TLS flags: one line, exit 2.
check 2 --endpoint "$url" --ca-file "$work/none.pem" "${common[@]}"
one_line "^cpct: --ca-file: CA file .*none.pem: cannot read it$"
check 2 --endpoint "$url" --ca-file "$fixtures" "${common[@]}"
one_line "^cpct: --ca-file: CA file .*: not a PEM file of certificates"
check 2 --endpoint "http://127.0.0.1:$port" --insecure "${common[@]}"
one_line "^cpct: --insecure is for an https:// endpoint"
echo "ok: bad TLS flags"

# (5) The reference adapter over HTTPS: trusted through CPCT_CA_FILE it gets
# the job's details; without it, a configuration-free certificate error.
job=$(python3 -c 'import json,sys; j=[j for j in json.load(open(sys.argv[1]))["jobs"] if j.get("kind")=="third-party"][0]; print(json.dumps({"id":"1","operation":"GetThirdPartyJobDetails","input":{"jobId":j["jobDetails"]["id"],"clientToken":j["clientToken"]}}))' "$fixtures")
answer=$(echo "$job" | CPCT_ENDPOINT=$url CPCT_CA_FILE=$certs/ca.pem "$adapter")
echo "$answer" | grep -q '"jobDetails"' || { echo "FAIL: adapter over https: $answer"; exit 1; }
echo "ok: adapter with CPCT_CA_FILE: ${answer:0:80}..."
answer=$(echo "$job" | CPCT_ENDPOINT=$url "$adapter")
echo "$answer" | grep -q 'certificate verify failed' || { echo "FAIL: adapter without the CA: $answer"; exit 1; }
echo "ok: adapter without the CA: ${answer:0:160}"
answer=$(echo "$job" | CPCT_ENDPOINT=$url CPCT_INSECURE=1 "$adapter")
echo "$answer" | grep -q '"jobDetails"' || { echo "FAIL: adapter with CPCT_INSECURE=1: $answer"; exit 1; }
echo "ok: adapter with CPCT_INSECURE=1"

# (6) Hostile TLS peers: the run ends within its bound, the transport blamed.
hostile=(--operations GetThirdPartyJobDetails --seed 7 --cases 0 --timeout-ms 300 --retries 0
  --max-seconds 10 --ca-file "$certs/ca.pem" --report-dir "$work/report")
start_endpoint "$work/silent.out" "$work/silent.err" python3 "$here/tls_peers.py" silent || exit 1
check 1 --endpoint "$ENDPOINT_URL" "${hostile[@]}"
[ "$(status awsJson1_1.server.no-hang)" = failed ] || fail "silent peer: no-hang is $(status awsJson1_1.server.no-hang)"
grep -q "no TLS handshake within 300 ms" "$work/report/results.json" || fail "silent peer: no handshake timeout recorded"
echo "ok: a peer silent after the ClientHello fails no-hang"
start_endpoint "$work/garbage.out" "$work/garbage.err" python3 "$here/tls_peers.py" garbage || exit 1
check 1 --endpoint "$ENDPOINT_URL" "${hostile[@]}"
[ "$(status awsJson1_1.server.no-reset)" = failed ] || fail "garbage peer: no-reset is $(status awsJson1_1.server.no-reset)"
grep -q "not a TLS handshake" "$work/report/results.json" || fail "garbage peer: no 'not a TLS handshake' recorded"
echo "ok: a peer answering with bytes that are not TLS fails no-reset"
