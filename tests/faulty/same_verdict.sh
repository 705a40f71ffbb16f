#!/usr/bin/env bash
# The same seed gives the same cases and the same verdict, whatever --jobs
# and however the run is sharded: results.json's statuses and counts agree.
#   same_verdict.sh CPCT FAULTY_SERVE FIXTURES
set -euo pipefail
cpct=$1 faulty=$2 fixtures=$3
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$(dirname "$0")/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
start_endpoint "$work/out" "$work/err" "$faulty" --defect job-id-length-unchecked --fixtures "$fixtures" ||
  exit 1
url=$ENDPOINT_URL
run() { "$cpct" check server --endpoint "$url" --fixtures "$fixtures" --operations GetThirdPartyJobDetails --seed 11 --cases 80 "$@" > /dev/null || true; }
run --jobs 1 --report-dir "$work/j1"
run --jobs 6 --report-dir "$work/j6"
run --jobs 2 --shard 0/2 --report-dir "$work/s0"
run --jobs 3 --shard 1/2 --report-dir "$work/s1"
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
load = lambda d: {r["id"]: r for r in json.load(open(f"{w}/{d}/results.json"))["requirements"]}
key = lambda r: (r["status"], r["cases"], r["failedCases"], [f["case"]["id"] for f in r["failures"]])
j1, j6, s0, s1 = (load(d) for d in ("j1", "j6", "s0", "s1"))
assert {k: key(v) for k, v in j1.items()} == {k: key(v) for k, v in j6.items()}, "--jobs changed the verdict"
for k in j1:
    assert j1[k]["cases"] == s0[k]["cases"] + s1[k]["cases"], f"shards do not add up for {k}"
    assert (j1[k]["failedCases"] == s0[k]["failedCases"] + s1[k]["failedCases"]), k
assert j1["GetThirdPartyJobDetails.input.jobId.length-max"]["status"] == "failed"
print("same verdict for --jobs 1 and 6; shards 0/2 + 1/2 add up to the whole")
PY
