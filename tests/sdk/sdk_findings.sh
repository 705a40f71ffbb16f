#!/usr/bin/env bash
# Checks a real SDK through its adapter with its known deviations recorded
# in BASELINE (cpct check client --baseline). The gate must pass (exit 0:
# nothing failed that the baseline does not record), every failure and
# warning must be a recorded one, and no recorded one may have gone: the
# record stays an honest account of the SDK.
#   sdk_findings.sh CPCT BASELINE ADAPTER_COMMAND [CPCT_ARGS...]
# CPCT_ARGS (--model FILE, --operations GLOB,...) go to cpct check client.
set -euo pipefail
cpct=$1 baseline=$2 adapter=$3
shift 3
cd "$(dirname "$0")/../.."
case "$adapter" in
  node*) [ -d adapters/js/node_modules ] || { echo "adapters/js/node_modules missing: run scripts/adapters-setup"; exit 77; } ;;
  *python3*) /usr/bin/python3 -c 'import botocore' 2>/dev/null || { echo "no botocore for /usr/bin/python3: run scripts/deps --tests"; exit 77; } ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
set +e
"$cpct" check client "$@" --adapter "$adapter" --seed 1 --cases 20 --timeout-ms 8000 \
  --baseline "$baseline" --report-dir "$work/report" > "$work/out" 2>&1
code=$?
set -e
[ "$code" = 0 ] || { echo "exit $code, expected 0 (only recorded deviations)"; cat "$work/out"; exit 1; }
python3 - "$work/report/results.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
new = [r["id"] + "=" + r["status"] for r in results["requirements"]
       if r["status"] in ("failed", "warning", "untested") and "baseline" not in r]
gone = results["baseline"]["gone"]
if new or gone:
    print("new:", new)
    print("gone:", gone)
    sys.exit(1)
print(results["baseline"]["recorded"], "known deviations, as recorded")
PY
