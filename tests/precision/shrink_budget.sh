#!/usr/bin/env bash
# --shrink-budget bounds the shrink requests of a whole run, and a
# reproducer it cut short says so; with room, shrinking still reaches the
# minimal case. The faulty endpoint that never checks jobId's length, behind
# proxy.py, which counts the requests.
#   shrink_budget.sh CPCT FAULTY_SERVE FIXTURES
set -euo pipefail
cpct=$1 faulty=$2 fixtures=$3
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$here/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
start_endpoint "$work/faulty.out" "$work/faulty.err" "$faulty" --defect job-id-length-unchecked \
  --fixtures "$fixtures" || exit 1
upstream=$ENDPOINT_URL

run() {  # run NAME [flags...]: one check through its own counting proxy
  local name=$1
  shift
  start_endpoint "$work/$name.out" "$work/$name.err" python3 "$here/proxy.py" record \
    "$work/$name.log" "$upstream" || exit 1
  "$cpct" check server --endpoint "$ENDPOINT_URL" --fixtures "$fixtures" \
    --operations GetThirdPartyJobDetails --seed 7 --cases 60 --retries 0 --jobs 2 \
    --report-dir "$work/$name" "$@" > "$work/$name.check" 2>&1 || true
}
run none --shrink-budget 0
run small --shrink-budget 5
run default

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def load(name):
    results = json.load(open("%s/%s/results.json" % (work, name)))
    requests = sum(1 for _ in open("%s/%s.log" % (work, name)))
    # The pre-flight probe, then one request per case, then the shrinks.
    return results, requests - 1 - results["summary"]["cases"]
none, none_shrinks = load("none")
small, small_shrinks = load("small")
default, default_shrinks = load("default")
assert none_shrinks == 0, "--shrink-budget 0 sent %d shrink requests" % none_shrinks
assert small_shrinks == 5, "--shrink-budget 5 sent %d shrink requests" % small_shrinks
assert 5 < default_shrinks <= 1000, default_shrinks
def failures(results, rid):
    return next(r for r in results["requirements"] if r["id"] == rid)["failures"]
rid = "GetThirdPartyJobDetails.input.jobId.length-max"
cut = [f for f in failures(small, rid) + failures(none, rid) if "notMinimal" in f]
assert cut and all("--shrink-budget" in f["notMinimal"] for f in cut), cut
assert any(f["notMinimal"].startswith("not shrunk") for f in failures(none, rid))
# With room: a minimal case, jobId one past its maximum (512), said minimal.
minimal = [f for f in failures(default, rid) if "shrunkFrom" in f and "notMinimal" not in f]
assert minimal, [f.get("notMinimal") for f in failures(default, rid)]
body = json.loads(minimal[0]["case"]["body"])
assert len(body["jobId"]) == 513, len(body["jobId"])
assert all(len(v) <= 1 for k, v in body.items() if k != "jobId" and isinstance(v, str)), body
html = open("%s/small/index.html" % work).read()
assert "shrink budget ran out" in html
print("shrink requests: 0, 5 and %d (default budget); minimal body %s" %
      (default_shrinks, {k: len(v) for k, v in body.items()}))
PY
