#!/usr/bin/env bash
# A service that names its validation error differently (CloudWatch Logs:
# InvalidParameterException, profiles/logs.json). cpct serve with the profile
# is that service; checked with the profile it passes, checked without it
# every constraint violation is blamed on the error type.
#   profile_logs.sh CPCT
set -euo pipefail
cpct=$1
cd "$(dirname "$0")/../.."
model=/usr/lib/python3/dist-packages/botocore/data/logs/2014-03-28/service-2.json
[ -f "$model" ] || { echo "no botocore logs model: run scripts/deps --tests"; exit 77; }
work=$(mktemp -d)
"$cpct" serve --model "$model" --profile profiles/logs.json --threads 1 > "$work/serve.out" 2>&1 &
serve=$!
trap 'kill "$serve" 2>/dev/null || true; wait "$serve" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$work/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
check() {
  set +e
  "$cpct" check server --model "$model" --endpoint "$url" --seed 1 --cases 20 \
    --operations 'Describe*' "$@" > "$work/out" 2>&1
  echo $?
  set -e
}
[ "$(check --profile profiles/logs.json)" = 0 ] || { echo "with the profile: expected PASS"; cat "$work/out"; exit 1; }
[ "$(check --report-dir "$work/r")" = 1 ] || { echo "without the profile: expected FAIL"; cat "$work/out"; exit 1; }
python3 - "$work/r/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["requirements"]
failed = [x for x in r if x["status"] == "failed"]
blamed = lambda i: ".input." in i or i.endswith("request.null-member")
assert failed and all(blamed(x["id"]) for x in failed), [x["id"] for x in failed if not blamed(x["id"])]
detail = failed[0]["failures"][0]["detail"]
assert "expected HTTP 400 ValidationException" in detail and "InvalidParameterException" in detail, detail
print(len(failed), "input constraints blamed on the error type without the profile; PASS with it")
PY
