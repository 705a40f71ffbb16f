#!/usr/bin/env bash
# A service that names its validation error differently (CloudWatch Logs:
# InvalidParameterException, profiles/logs.json). cpct serve with the profile
# is that service; checked with the profile it passes, checked without it
# every constraint violation is blamed on the error type. With the profile,
# the sources of what the error answers cite the profile's entry, and the
# requirement it turns off (DescribeLogStreams.input.logGroupName.required)
# is neither sent nor reported: proxy.py counts the requests.
#   profile_logs.sh CPCT
set -euo pipefail
cpct=$1
cd "$(dirname "$0")/../.."
model=/usr/lib/python3/dist-packages/botocore/data/logs/2014-03-28/service-2.json
[ -f "$model" ] || { echo "no botocore logs model: run scripts/deps --tests"; exit 77; }
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source scripts/lib/endpoint.sh
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
start_endpoint "$work/serve.out" "$work/serve.err" "$cpct" serve --model "$model" \
  --profile profiles/logs.json --threads 1 --port 0 || exit 1
upstream=$ENDPOINT_URL
code=
check() {  # check LOG [flags...]: sets code; every request in LOG (not in $(...): it starts a proxy)
  local log=$1
  shift
  start_endpoint "$work/$log.out" "$work/$log.err" python3 tests/precision/proxy.py record \
    "$work/$log" "$upstream" || exit 1
  set +e
  "$cpct" check server --model "$model" --endpoint "$ENDPOINT_URL" --seed 1 --cases 20 \
    --operations 'Describe*' "$@" > "$work/out" 2>&1
  code=$?
  set -e
}
check with.log --profile profiles/logs.json --report-dir "$work/p"
[ "$code" = 0 ] ||
  { echo "with the profile: expected PASS"; cat "$work/out"; exit 1; }
grep -q "1 requirement off by the profile" "$work/out" || { echo "no line for the off requirement"; cat "$work/out"; exit 1; }
check without.log --report-dir "$work/r"
[ "$code" = 1 ] || { echo "without the profile: expected FAIL"; cat "$work/out"; exit 1; }
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
r = json.load(open(work + "/r/results.json"))["requirements"]
failed = [x for x in r if x["status"] == "failed"]
blamed = lambda i: ".input." in i or i.endswith("request.null-member")
assert failed and all(blamed(x["id"]) for x in failed), [x["id"] for x in failed if not blamed(x["id"])]
detail = failed[0]["failures"][0]["detail"]
assert "expected HTTP 400 ValidationException" in detail and "InvalidParameterException" in detail, detail
print(len(failed), "input constraints blamed on the error type without the profile; PASS with it")

# The requirement turned off: no request breaks it, and it is not reported.
off = "DescribeLogStreams.input.logGroupName.required"
def without_group(log):
    n = 0
    for line in open(work + "/" + log):
        request = json.loads(line)
        if request["target"] != "Logs_20140328.DescribeLogStreams":
            continue
        try:
            body = json.loads(request["body"])
        except ValueError:
            continue
        n += isinstance(body, dict) and "logGroupName" not in body
    return n
assert without_group("without.log") > 0, "without the profile, no case breaks " + off
assert without_group("with.log") == 0, "%d requests break %s though the profile turns it off" % (
    without_group("with.log"), off)
p = {x["id"]: x for x in json.load(open(work + "/p/results.json"))["requirements"]}
assert off not in p, "%s reported as %s" % (off, p[off]["status"])

# What the profile's validationErrorType changes cites its source first.
cite = "profile profiles/logs.json: validationErrorType InvalidParameterException: live CloudWatch"
for rid in ("DescribeLogStreams.input.limit.range-max", "awsJson1_1.response.validation-message"):
    assert p[rid]["sources"][0]["ref"].startswith(cite), (rid, p[rid]["sources"][0])
assert not p["awsJson1_1.response.content-type"]["sources"][0]["ref"].startswith("profile ")
plain = {x["id"]: x for x in json.load(open(work + "/r/results.json"))["requirements"]}
assert not any("validationErrorType" in s["ref"] for s in plain["DescribeLogStreams.input.limit.range-max"]["sources"])
assert "validationErrorType InvalidParameterException" in open(work + "/p/index.html").read()
print("the profile's off requirement: not sent, not reported; its validation error's source cited")
PY
