#!/usr/bin/env bash
# Checks a real SDK through its adapter and compares what cpct finds with
# the SDK's known deviations, recorded in EXPECTED (one "id=status" a line).
# A new finding, or a recorded one that went away, fails the test: the
# record stays an honest account of the SDK.
#   sdk_findings.sh CPCT EXPECTED ADAPTER_COMMAND
set -euo pipefail
cpct=$1 expected=$2 adapter=$3
cd "$(dirname "$0")/../.."
case "$adapter" in
  node*) [ -d adapters/js/node_modules ] || { echo "adapters/js/node_modules missing: run scripts/adapters-setup"; exit 77; } ;;
  *python3*) /usr/bin/python3 -c 'import botocore' 2>/dev/null || { echo "no botocore for /usr/bin/python3: run scripts/deps"; exit 77; } ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
set +e
"$cpct" check client --adapter "$adapter" --seed 1 --cases 20 --timeout-ms 8000 \
  --report-dir "$work/report" > "$work/out" 2>&1
code=$?
set -e
[ "$code" = 0 ] || [ "$code" = 1 ] || { echo "exit $code"; cat "$work/out"; exit 1; }
python3 - "$work/report/results.json" "$expected" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
found = sorted(r["id"] + "=" + r["status"] for r in results["requirements"]
               if r["status"] in ("failed", "warning", "untested"))
expected = sorted(l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith("#"))
if found != expected:
    print("new:", sorted(set(found) - set(expected)))
    print("gone:", sorted(set(expected) - set(found)))
    sys.exit(1)
print(len(found), "known deviations, as recorded")
PY
