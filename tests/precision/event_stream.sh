#!/usr/bin/env bash
# An operation whose output is an event stream (Kinesis's SubscribeToShard):
# cpct serve behind proxy.py answers its successes as framed events. That is
# right, and must pass; an endpoint that answers every SubscribeToShard with
# events, valid or not, is wrong on the input and must be blamed there. The
# output is untested with its reason, in check server and check client.
#   event_stream.sh CPCT KINESIS_MODEL
set -euo pipefail
cpct=$1 model=$2
[ -f "$model" ] || { echo "no botocore kinesis model: run scripts/deps --tests"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$here/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
target=Kinesis_20131202.SubscribeToShard
start_endpoint "$work/serve.out" "$work/serve.err" "$cpct" serve --model "$model" --port 0 || exit 1
upstream=$ENDPOINT_URL

code=
check() {  # check MODE REPORT_DIR: sets code to cpct's exit code (not in $(...): it starts a proxy)
  start_endpoint "$work/$1.out" "$work/$1.err" python3 "$here/proxy.py" "$1" "$work/$1.log" \
    "$upstream" "$target" || exit 1
  set +e
  "$cpct" check server --model "$model" --endpoint "$ENDPOINT_URL" --operations SubscribeToShard \
    --seed 3 --cases 40 --retries 0 --report-dir "$2" > "$work/$1.check" 2>&1
  code=$?
  set -e
}
check event-stream "$work/right"
[ "$code" = 0 ] || { echo "event-stream answers: exit $code, expected 0"; cat "$work/event-stream.check"; exit 1; }
grep -q "untested: SubscribeToShard (event-stream output: not checked)" "$work/event-stream.check" ||
  { echo "stderr does not say the output is untested"; cat "$work/event-stream.check"; exit 1; }
check stream-accepts "$work/wrong"
[ "$code" = 1 ] || { echo "an endpoint accepting anything: exit $code, expected 1"; exit 1; }

python3 - "$work" "$target" <<'PY'
import json, sys
work, target = sys.argv[1], sys.argv[2]
right = json.load(open(work + "/right/results.json"))
wrong = json.load(open(work + "/wrong/results.json"))
want = [{"operation": "SubscribeToShard", "reason": "event-stream output: not checked"}]
assert right["target"].get("untested") == want, right["target"]
by_id = {r["id"]: r for r in right["requirements"]}
bad = [i for i, r in by_id.items() if r["status"] in ("failed", "warning")]
assert not bad, bad
outputs = [i for i in by_id if i.startswith("SubscribeToShard.output.")]
assert outputs and all(by_id[i]["status"] == "untested" for i in outputs), outputs
# Successes were sent as events, and the input was judged.
log = [json.loads(l) for l in open(work + "/event-stream.log")]
assert sum(1 for l in log if l["target"] == target) > 20
passed_inputs = [i for i, r in by_id.items() if ".input." in i and r["status"] == "passed"]
assert passed_inputs, "no input requirement judged"
failed = {r["id"] for r in wrong["requirements"] if r["status"] == "failed"}
assert any(i.startswith("SubscribeToShard.input.") for i in failed), failed
for form in ("awsJson1_1.response.content-type", "awsJson1_1.response.json-body"):
    assert form not in failed, "an event stream blamed on " + form
print("event stream: passes when right; %d input requirements blamed when wrong" %
      sum(1 for i in failed if ".input." in i))
PY

# check client: botocore reads SubscribeToShard's errors; its output untested.
if /usr/bin/python3 -c "import botocore" 2>/dev/null; then
  set +e
  "$cpct" check client --model "$model" --operations SubscribeToShard --seed 3 --cases 10 \
    --adapter "/usr/bin/python3 $here/../../adapters/botocore/adapter.py --model $model" \
    --report-dir "$work/client" > "$work/client.out" 2>&1
  set -e
  python3 - "$work/client/results.json" <<'PY' || { cat "$work/client.out"; exit 1; }
import json, sys
r = json.load(open(sys.argv[1]))
want = {"operation": "SubscribeToShard", "reason": "event-stream output: not checked"}
assert want in r["target"]["untested"], r["target"]
by_id = {x["id"]: x for x in r["requirements"]}
assert by_id["client.SubscribeToShard.output.round-trip"]["status"] == "untested"
crashed = [i for i, x in by_id.items() if i.startswith("client.robustness.") and x["status"] == "failed"]
assert not crashed, crashed
assert by_id["client.awsJson1_1.request.target"]["status"] == "passed"
print("check client: SubscribeToShard's errors judged, its output untested")
PY
fi
