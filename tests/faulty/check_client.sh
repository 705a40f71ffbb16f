#!/usr/bin/env bash
# Runs `cpct check client` against an adapter and checks the verdict: the
# exit code and, in results.json, the blamed requirement's status.
#   check_client.sh CPCT EXPECTED_EXIT BLAMED STATUS [CPCT_ARGS...] -- ADAPTER_COMMAND...
# CPCT_ARGS (--model FILE, --operations ...) go to cpct check client;
# CPCT_CASE_TIMEOUT_MS sets its --timeout-ms (1500 by default).
# BLAMED "-" with STATUS "clean": nothing may fail or warn. STATUS suffixes
# (a profile answer, a flaky failure): expected_status.py.
set -euo pipefail
cpct=$1 expected_exit=$2 blamed=$3 status=$4
shift 4
extra=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do extra+=("$1"); shift; done
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
set +e
"$cpct" check client "${extra[@]}" --adapter "$*" --seed 5 --cases 30 --timeout-ms "${CPCT_CASE_TIMEOUT_MS:-1500}" \
  --report-dir "$work/report" > "$work/check.out" 2>&1
code=$?
set -e
if [ "$code" != "$expected_exit" ]; then
  echo "exit $code, expected $expected_exit"; cat "$work/check.out"; exit 1
fi
python3 - "$work/report/results.json" "$blamed" "$status" "$(dirname "$0")" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[4])
import expected_status
results, blamed, status = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
by_id = {r["id"]: r for r in results["requirements"]}
# One timed adapter call per case.
calls = sum(results.get("latency", {}).get("counts", []))
if calls != results["summary"]["cases"]:
    sys.exit(f"latency histogram holds {calls} adapter calls for {results['summary']['cases']} cases")
# The toy model's sensitive member `secret` never shows in clear: not as a
# member of any recorded value, not inside response bytes or lines as text.
MARK = "*** Sensitive Data Redacted ***"
def clear_secrets(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "secret" and v != MARK:
                yield v
            yield from clear_secrets(v)
    elif isinstance(value, list):
        for v in value:
            yield from clear_secrets(v)
    elif isinstance(value, str):
        for part in value.replace('\\"', '"').split('"secret":')[1:]:
            if not part.lstrip().startswith('"' + MARK + '"'):
                yield part[:40]
leaks = list(clear_secrets(results["requirements"]))
if leaks:
    sys.exit("a sensitive member in clear: " + repr(leaks[:3]))
bad = [r["id"] + "=" + r["status"] for r in results["requirements"] if r["status"] in ("failed", "warning")]
status, want_flaky = expected_status.split(results, status)
if status == "clean":
    if bad:
        sys.exit("unexpected findings: " + ", ".join(bad))
    untested = [r["id"] for r in results["requirements"] if r["status"] == "untested"]
    if untested:
        sys.exit("requirements no case exercised: " + ", ".join(untested))
else:
    got = by_id.get(blamed, {}).get("status")
    if got != status:
        sys.exit(f"{blamed} is {got}, expected {status}; findings: {', '.join(bad)}")
    if not by_id[blamed]["failures"][0].get("reproduce", "").startswith("cpct check client"):
        sys.exit(f"{blamed} has no reproducer")
    if want_flaky and not by_id[blamed]["failures"][0].get("flaky"):
        sys.exit(f"{blamed} is not reported as flaky: {by_id[blamed]['failures'][0]}")
print("ok:", blamed, status, "| all findings:", ", ".join(bad) or "none")
PY
