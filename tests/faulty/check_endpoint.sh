#!/usr/bin/env bash
# Starts an endpoint, runs `cpct check server` against it, and checks the
# verdict: the exit code and, in results.json, the blamed requirement.
#   check_endpoint.sh CPCT FIXTURES EXPECTED_EXIT BLAMED STATUS -- SERVER_COMMAND...
# BLAMED "-" with STATUS "clean": nothing may fail or warn. STATUS suffixes
# (a profile answer, a flaky failure): expected_status.py.
set -euo pipefail
cpct=$1 fixtures=$2 expected_exit=$3 blamed=$4 status=$5
shift 6
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$(dirname "$0")/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
start_endpoint "$work/server.out" "$work/server.err" "$@" || exit 1
url=$ENDPOINT_URL
set +e
"$cpct" check server --endpoint "$url" --fixtures "$fixtures" --operations GetThirdPartyJobDetails \
  --seed 7 --cases 60 --jobs 4 \
  --timeout-ms 700 --report-dir "$work/report" > "$work/check.out" 2>&1
code=$?
set -e
if [ "$code" != "$expected_exit" ]; then
  echo "exit $code, expected $expected_exit"; cat "$work/check.out"; exit 1
fi
python3 - "$work/report/results.json" "$blamed" "$status" "$(dirname "$0")" <<'PY'
import json, re, sys
sys.path.insert(0, sys.argv[4])
import expected_status
results, blamed, status = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
by_id = {r["id"]: r for r in results["requirements"]}
bad = [r["id"] + "=" + r["status"] for r in results["requirements"] if r["status"] in ("failed", "warning")]
status, want_flaky = expected_status.split(results, status)
if status == "clean":
    allowed = {"awsJson1_1.response.error-type-form"}  # legal alternatives may warn on the SHOULD form
    extra = [b for b in bad if b.split("=")[0] not in allowed]
    if extra:
        sys.exit("unexpected findings: " + ", ".join(extra))
else:
    got = by_id.get(blamed, {}).get("status")
    if got != status:
        sys.exit(f"{blamed} is {got}, expected {status}; findings: {', '.join(bad)}")
    failures = by_id[blamed]["failures"]
    # A curl command, or a numbered list of them (a lifecycle sequence).
    if not failures or not re.match(r"(\d+\. )?curl ", failures[0].get("reproduce", "")):
        sys.exit(f"{blamed} has no reproducer")
print("ok:", blamed, status, "| all findings:", ", ".join(bad) or "none")
PY
