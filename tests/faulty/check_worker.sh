#!/usr/bin/env bash
# `cpct check worker` against workers whose verdict is known: the exit code
# and, in results.json, the blamed requirement's status ("clean": nothing
# fails or warns).
#   check_worker.sh CPCT EXPECTED_EXIT BLAMED STATUS SCENARIO OWNER -- WORKER_COMMAND
set -euo pipefail
cpct=$1 expected_exit=$2 blamed=$3 status=$4 scenario=$5 owner=$6
shift 7
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LEAK_FILE=$work/leaked  # what a leaking worker printed: never in the report
: > "$LEAK_FILE"
type="{\"category\":\"Build\",\"owner\":\"$owner\",\"provider\":\"cpct-test\",\"version\":\"1\"}"
set +e
"$cpct" check worker --worker "$*" --action-type "$type" --seed 5 --scenarios 0 \
  --scenario "$scenario" --scenario-ms 3000 --report-dir "$work/report" > "$work/check.out" 2>&1
code=$?
set -e
if [ "$code" != "$expected_exit" ]; then
  echo "exit $code, expected $expected_exit"; cat "$work/check.out"; exit 1
fi
python3 - "$work/report/results.json" "$blamed" "$status" "$LEAK_FILE" <<'PY'
import glob, json, os, sys
results, blamed, status = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
leaked = [json.loads(line) for line in open(sys.argv[4]).read().splitlines() if line]
report = os.path.dirname(sys.argv[1])
for path in glob.glob(report + "/*"):
    text = open(path, errors="replace").read()
    for secret in leaked:
        forms = {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
        if any(form in text for form in forms if len(form) >= 4):
            sys.exit(f"{os.path.basename(path)} holds a secret the worker printed, in clear")
if leaked:
    print(len(leaked), "secrets the worker printed; none in the report")
by_id = {r["id"]: r for r in results["requirements"]}
bad = [r["id"] + "=" + r["status"] for r in results["requirements"] if r["status"] in ("failed", "warning")]
if status == "clean":
    if bad:
        sys.exit("unexpected findings: " + ", ".join(bad))
else:
    got = by_id.get(blamed, {}).get("status")
    if got != status:
        sys.exit(f"{blamed} is {got}, expected {status}; findings: {', '.join(bad)}")
    failure = by_id[blamed]["failures"][0]
    if "--scenario" not in failure.get("reproduce", "") or "timeline" not in failure["case"]:
        sys.exit(f"{blamed} has no reproducer or timeline")
print("ok:", blamed, status, "| all findings:", ", ".join(bad) or "none")
PY
