#!/usr/bin/env bash
# Proof on an emulator nobody here wrote: moto's server routes only signed
# requests to CodePipeline. `cpct check server` must reach CodePipeline there
# (moto's log names the operation) and report what it finds (moto has no
# GetThirdPartyJobDetails: HTTP 500s, so exit 1 with no-5xx failed).
#   check_moto.sh CPCT FIXTURES
set -euo pipefail
cpct=$1 fixtures=$2
if ! command -v moto_server >/dev/null; then
  echo "moto_server is not installed (the image's default python3 ships it); skipping"
  exit 77
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" > "$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null || true; wait "$moto" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
set +e
AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
  "$cpct" check server --endpoint "http://127.0.0.1:$port" --fixtures "$fixtures" --seed 3 \
  --operations GetThirdPartyJobDetails \
  --cases 10 --jobs 2 --timeout-ms 10000 --report-dir "$work/report" > "$work/check.out" 2>&1
code=$?
set -e
cat "$work/check.out" | head -12
[ "$code" = 1 ] || { echo "exit $code, expected 1"; exit 1; }
grep -q "get_third_party_job_details" "$work/moto.log" ||
  { echo "moto never routed a request to CodePipeline's GetThirdPartyJobDetails"; tail -20 "$work/moto.log"; exit 1; }
python3 - "$work/report/results.json" <<'PY'
import json, sys
r = {x["id"]: x for x in json.load(open(sys.argv[1]))["requirements"]}
assert r["awsJson1_1.server.no-5xx"]["status"] == "failed", r["awsJson1_1.server.no-5xx"]
assert r["GetThirdPartyJobDetails.semantics.known-job"]["status"] == "failed"
print("moto: reached CodePipeline; no-5xx failed as expected")
PY
