#!/usr/bin/env bash
# Every results.json cpct writes fits docs/results.schema.json: a server
# check against cpct serve (a pass) and against a faulty endpoint with a
# baseline (failures, shrunk cases, baseline fields), a client check with the
# reference adapter, a worker check with the reference worker, and the
# published ones under reports/. The schema must also reject copies broken
# on purpose, or this test could not fail.
#   results_schema.sh CPCT FAULTY_SERVE ADAPTER WORKER SOURCE_DIR
set -euo pipefail
cpct=$1 faulty=$2 adapter=$3 worker=$4 src=$5
schema=$src/docs/results.schema.json
validate=(/usr/bin/python3 "$src/tests/report/validate_results.py" "$schema")
fixtures=$src/corpus/fixtures/example.json
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$src/scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT

expect() {  # expect CODE NAME COMMAND...: runs it, output in $work/NAME.log
  local code=$1 name=$2 got=0
  shift 2
  "$@" > "$work/$name.log" 2>&1 || got=$?
  [ "$got" = "$code" ] && return 0
  echo "$name: exit $got, expected $code"
  tail -5 "$work/$name.log"
  exit 1
}

start_endpoint "$work/serve.out" "$work/serve.err" "$cpct" serve --fixtures "$fixtures" --port 0
expect 0 server "$cpct" check server --endpoint "$ENDPOINT_URL" --fixtures "$fixtures" \
  --seed 1 --cases 30 --jobs 2 --report-dir "$work/server"

# A too-long nonce: MUST failures (the constraint, and every case whose answer
# is the known job's details), recorded by a baseline so the gate passes.
cat > "$work/baseline.json" <<'JSON'
{"baseline": [
  {"id": "GetThirdPartyJobDetails.output.jobDetails.nonce.length-max", "reason": "seeded defect"},
  {"id": "GetThirdPartyJobDetails.semantics.known-job", "reason": "answered with the long nonce"},
  {"id": "awsJson1_1.request.null-member", "reason": "answered with the long nonce"},
  {"id": "awsJson1_1.request.content-type-parameters", "reason": "answered with the long nonce"}]}
JSON
start_endpoint "$work/faulty.out" "$work/faulty.err" "$faulty" --defect nonce-too-long \
  --fixtures "$fixtures"
expect 0 faulty "$cpct" check server --endpoint "$ENDPOINT_URL" --fixtures "$fixtures" \
  --operations GetThirdPartyJobDetails --seed 1 --cases 30 --jobs 2 --baseline "$work/baseline.json" --report-dir "$work/faulty"
stop_endpoints

expect 0 client "$cpct" check client --adapter "$adapter" --seed 1 --cases 20 \
  --report-dir "$work/client"

type='{"category":"Build","owner":"ThirdParty","provider":"cpct-test","version":"1"}'
expect 0 worker "$cpct" check worker --worker "$worker" --action-type "$type" --seed 5 \
  --scenarios 0 --scenario jobs --scenario-ms 3000 --report-dir "$work/worker"

# The faulty run must hold what the pass lacks, or it checks nothing more.
/usr/bin/python3 - "$work/faulty/results.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
failed = [r for r in doc["requirements"] if r["status"] == "failed"]
if "baseline" not in doc or not failed or not failed[0]["failures"]:
    sys.exit("the faulty run has no baseline or no failure: it exercises nothing the pass does not")
PY

"${validate[@]}" --broken "$work/server/results.json" "$work/faulty/results.json" \
  "$work/client/results.json" "$work/worker/results.json"
"${validate[@]}" "$src"/reports/*/results.json
