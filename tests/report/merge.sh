#!/usr/bin/env bash
# `cpct report --merge`: shards 0/3, 1/3 and 2/3 of a plan, merged, give
# what the unsharded run gives (per-requirement verdicts, case counts, the
# failures kept, the baseline's gone entries, the exit code), against the
# reference endpoint with lifecycle sequences and against faulty endpoints
# (failures; a baseline); a missing shard is reported (exit 1); and every
# input that is not a shard of the same plan is refused with exit 2 and one
# line naming it and why.
#   merge.sh CPCT FAULTY_SERVE SOURCE_DIR
set -euo pipefail
cpct=$1 faulty=$2 src=$3
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$src/scripts/lib/endpoint.sh"
validate=(/usr/bin/python3 "$src/tests/report/validate_results.py" "$src/docs/results.schema.json")
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT

code_of() {  # code_of NAME COMMAND...: runs it, prints its exit code, output in NAME.log
  local name=$1 code=0
  shift
  "$@" > "$work/$name.log" 2> "$work/$name.err" || code=$?
  echo "$code"
}

# fresh: a freshly started endpoint ("${endpoint[@]}") for each run, so that
# no run sees the state an earlier one left (a stateful cpct serve).
fresh() {
  stop_endpoints
  ENDPOINT_PIDS=()
  start_endpoint "$work/endpoint.out" "$work/endpoint.err" "${endpoint[@]}" || exit 1
}

# differential NAME FLAGS...: the run whole and in three shards, then merged;
# both must agree.
differential() {
  local name=$1 whole merged i c
  shift
  fresh
  whole=$(code_of "$name-whole" "$cpct" check server --endpoint "$ENDPOINT_URL" "$@" \
    --report-dir "$work/$name-whole")
  [ "$whole" -le 1 ] || { echo "$name: whole run exit $whole"; cat "$work/$name-whole.err"; exit 1; }
  for i in 0 1 2; do
    fresh
    c=$(code_of "$name-$i" "$cpct" check server --endpoint "$ENDPOINT_URL" "$@" --shard "$i/3" \
      --report-dir "$work/$name-shard$i")
    [ "$c" -le 1 ] || { echo "$name: shard $i exit $c"; cat "$work/$name-$i.err"; exit 1; }
  done
  stop_endpoints
  merged=$(code_of "$name-merge" "$cpct" report --merge "$work/$name-merged" \
    "$work/$name-shard2" "$work/$name-shard0" "$work/$name-shard1")
  [ "$merged" = "$whole" ] || {
    echo "$name: merged exit $merged, the whole run's $whole"; cat "$work/$name-merge.err"; exit 1; }
  python3 - "$work" "$name" <<'PY'
import json, sys
w, name = sys.argv[1:]
load = lambda d: json.load(open(f"{w}/{name}-{d}/results.json"))
whole, merged = load("whole"), load("merged")
shards = [load(f"shard{i}") for i in range(3)]
key = lambda r: (r["status"], r["cases"], r["failedCases"],
                 [f["case"]["id"] for f in r["failures"]], "baseline" in r)
a = {r["id"]: key(r) for r in whole["requirements"]}
b = {r["id"]: key(r) for r in merged["requirements"]}
for k in a:
    if a[k] != b.get(k):
        sys.exit(f"{name}: {k}: whole {a[k]}, merged {b.get(k)}")
if list(a) != list(b):
    sys.exit(f"{name}: the merged requirements differ from the whole run's")
for m in ("requirements", "passed", "failed", "warnings", "untested", "cases", "recorded"):
    if whole["summary"].get(m) != merged["summary"].get(m):
        sys.exit(f"{name}: summary.{m}: whole {whole['summary'].get(m)}, merged {merged['summary'].get(m)}")
if sum(s["summary"]["cases"] for s in shards) != whole["summary"]["cases"]:
    sys.exit(f"{name}: the shards' cases do not add up to the whole run's")
if merged["shard"]["merged"] != [0, 1, 2] or merged["shard"]["missing"]:
    sys.exit(f"{name}: shard member {merged['shard']}")
if "--shard" in merged["rerun"]:
    sys.exit(f"{name}: the merged rerun still names a shard: {merged['rerun']}")
if "baseline" in whole:
    gone = lambda d: sorted(g["id"] for g in d["baseline"]["gone"])
    if gone(whole) != gone(merged):
        sys.exit(f"{name}: baseline gone: whole {gone(whole)}, merged {gone(merged)}")
    # An entry gone in some shard but seen failing in another must not be
    # gone merged: the union must have been judged, not the shards one by one.
    some = set().union(*(gone(s) for s in shards))
    if not some - set(gone(whole)):
        sys.exit(f"{name}: no entry is gone in one shard only: the baseline merge is not exercised")
if whole["summary"]["failed"] and not any(r["failures"] for r in merged["requirements"]):
    sys.exit(f"{name}: the merged failures lost their kept cases")
print(f"{name}: merged = whole ({whole['summary']['cases']} cases, "
      f"{whole['summary']['failed']} failed)")
PY
}

fixtures=$src/corpus/fixtures/example.json
lifecycle=$src/corpus/fixtures/lifecycle.json
common=(--operations GetThirdPartyJobDetails --seed 7 --cases 40)

# 1. The reference endpoint, lifecycle sequences included (they are sharded
#    too: a whole run's sequences are the union of the shards').
endpoint=("$cpct" serve --fixtures "$lifecycle" --port 0)
# One connection: the fixtures queue jobs, so the order of the stateless
# cases is kept the same in every run.
differential reference --fixtures "$lifecycle" "${common[@]}" --jobs 1 --sequences 7

# 2. A faulty endpoint: MUST failures merge to the same failures and exit 1.
endpoint=("$faulty" --defect nonce-too-long --fixtures "$fixtures")
differential faulty --fixtures "$fixtures" "${common[@]}" --jobs 2

# 3. The same faulty endpoint with a baseline: null-member fails in one
#    shard's cases only, so it is "gone" in the other shards' files and must
#    not be gone merged; no-5xx is gone everywhere.
cat > "$work/baseline.json" <<'JSON'
{"baseline": [
  {"id": "GetThirdPartyJobDetails.output.jobDetails.nonce.length-max", "reason": "seeded defect"},
  {"id": "awsJson1_1.request.null-member", "reason": "answered with the long nonce"},
  {"id": "awsJson1_1.server.no-5xx", "reason": "a record that no longer fails"}]}
JSON
differential baseline --fixtures "$fixtures" "${common[@]}" --jobs 2 \
  --baseline "$work/baseline.json"
"${validate[@]}" "$work/reference-merged/results.json" "$work/faulty-merged/results.json" \
  "$work/baseline-merged/results.json" "$work/faulty-shard0/results.json" > "$work/schema.log" \
  || { cat "$work/schema.log"; exit 1; }

# 4. A missing shard is merged, reported, and is not a pass.
c=$(code_of missing "$cpct" report --merge "$work/partial" "$work/reference-shard0" "$work/reference-shard2")
[ "$c" = 1 ] && grep -q "shard(s) 1/3 missing" "$work/missing.err" \
  && python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["shard"]["missing"] != [1])' \
    "$work/partial/results.json" || { echo "a missing shard: exit $c"; cat "$work/missing.err"; exit 1; }
grep -q "missing 1 (their cases are untested)" "$work/partial/summary.md" \
  || { echo "summary.md does not say a shard is missing"; exit 1; }

# 5. Refusals: exit 2 and one line naming the file and why.
refuse() {  # refuse WHY-REGEX INPUT...
  local why=$1 c
  shift
  c=$(code_of refuse "$cpct" report --merge "$work/refused" "$@")
  [ "$c" = 2 ] && [ "$(wc -l < "$work/refuse.err")" = 1 ] && grep -Eq -- "$why" "$work/refuse.err" || {
    echo "refusal '$why': exit $c, stderr:"; cat "$work/refuse.err"; exit 1; }
}
edit() {  # edit NAME PYTHON-EXPR-ON-d: a copy of reference-shard1 with one change
  mkdir -p "$work/$1"
  python3 - "$work/reference-shard1/results.json" "$work/$1/results.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))
PY
}
s0=$work/reference-shard0
edit seed 'd["seed"] = 8'
refuse "seed/results.json: not a shard of the plan of .*: seed 8, not 7" "$s0" "$work/seed"
edit model 'd["model"]["apiVersion"] = "2099-01-01"'
refuse "model/results.json: .*: model " "$s0" "$work/model"
edit count 'd["shard"]["count"] = 4'
refuse "count/results.json: .*: shard count 4, not 3" "$s0" "$work/count"
edit cases 'd["shard"]["plan"]["cases"] = 41'
refuse "cases/results.json: .*: plan options" "$s0" "$work/cases"
edit ops 'd["target"]["operations"] = ["PollForJobs"]'
refuse "ops/results.json: .*: operations" "$s0" "$work/ops"
edit overlap 'd["shard"]["index"] = 0'
refuse "overlap/results.json: shard 0/3 is also in .*reference-shard0" "$s0" "$work/overlap"
edit shape 'd["requirements"][0]["status"] = "passd"'
refuse "shape/results.json: not a results.json of docs/results.schema.json's shape" "$s0" "$work/shape"
edit counts 'd["requirements"][0]["cases"] = -1'
refuse "counts/results.json: not a results.json of .*is not a count" "$s0" "$work/counts"
edit noshard 'd.pop("shard")'
refuse "noshard/results.json: not a shard" "$s0" "$work/noshard"
mkdir -p "$work/broken" && printf '{"tool": "cpct", ' > "$work/broken/results.json"
refuse "broken/results.json: not valid JSON" "$s0" "$work/broken"
mkdir -p "$work/empty"
refuse "empty/results.json: cannot open" "$s0" "$work/empty"
refuse "reference-shard0/results.json: named twice" "$s0" "$work/reference-shard1" "$s0/"
refuse "needs the shards' report directories"
c=$(code_of refuse "$cpct" report --merge "$s0" "$work/reference-shard1" "$s0")
[ "$c" = 2 ] && grep -q "reference-shard0/results.json: is also the output" "$work/refuse.err" || {
  echo "merging into an input: exit $c"; cat "$work/refuse.err"; exit 1; }
echo "ok: merges agree with whole runs; a missing shard and $(grep -c '^refuse "' "$0") refusals checked"
