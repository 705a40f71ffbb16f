#!/usr/bin/env bash
# kinesalite 3.3.3 dies on ListShards with only NextToken
# (actions/listShards.js:12-13 looks a stream up by an undefined name;
# docs/emulators-findings.md). cpct must blame it on no-reset and say so.
#   listshards_crash.sh CPCT MODEL
set -euo pipefail
cpct=$1 model=$2
cd "$(dirname "$0")/../.."
[ -d tests/emulators/node_modules/kinesalite ] ||
  { echo "kinesalite missing: run scripts/emulators-setup"; exit 77; }
work=$(mktemp -d)
trap 'tests/emulators/emulator stop kinesalite "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
url=$(tests/emulators/emulator start kinesalite "$work")
set +e
AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing "$cpct" check server --model "$model" \
  --endpoint "$url" --seed 1 --cases 0 --jobs 1 --timeout-ms 5000 --operations ListShards \
  --report-dir "$work/report" > "$work/out" 2>&1
code=$?
set -e
[ "$code" = 1 ] || { echo "exit $code, expected 1"; cat "$work/out"; exit 1; }
python3 - "$work/report/results.json" <<'PY'
import json, sys
r = {x["id"]: x for x in json.load(open(sys.argv[1]))["requirements"]}
reset = r["awsJson1_1.server.no-reset"]
assert reset["status"] == "failed", reset["status"]
print("kinesalite's ListShards crash found: no-reset failed in", reset["failedCases"], "of", reset["cases"], "cases")
PY
