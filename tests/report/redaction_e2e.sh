#!/usr/bin/env bash
# Planted secrets never leave cpct in clear: fixture credentials (and the
# signing key) go to an endpoint that echoes them in error messages, bodies
# and headers; every file the check writes, `cpct report`'s outputs, and
# cpct's stdout/stderr (check, and serve --log) must not contain them.
#   redaction_e2e.sh CPCT FAULTY_SERVE FIXTURES
# (--format json, the summary on stdout, is one of those outputs.)
set -euo pipefail
cpct=$1 faulty=$2 fixtures=$3
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$(dirname "$0")/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT

# Every planted value holds "PLANTED", so a truncated copy is caught too.
needle=PLANTED
export AWS_ACCESS_KEY_ID=AKIAEXAMPLESIGNER001
export AWS_SECRET_ACCESS_KEY=signing-PLANTED-secret-key

start() {  # start NAME COMMAND... -> sets url
  local name=$1
  shift
  start_endpoint "$work/$name.out" "$work/$name.err" "$@" || exit 1
  url=$ENDPOINT_URL
}

# 1. The leaking endpoint: failures carry the secrets in observed bodies.
start leaky "$faulty" --defect echo-secret --fixtures "$fixtures"
set +e
"$cpct" check server --endpoint "$url" --fixtures "$fixtures" --seed 3 --cases 40 --jobs 2 \
  --report-dir "$work/leaky-report" > "$work/check-leaky.out" 2> "$work/check-leaky.err"
code=$?
set -e
[ "$code" = 1 ] || { echo "check against echo-secret: exit $code, expected 1"; cat "$work/check-leaky.err"; exit 1; }
"$cpct" report "$work/leaky-report" > "$work/report.out" 2> "$work/report.err"
# The summary as JSON carries every failure's detail and reproducer whole.
set +e
"$cpct" check server --endpoint "$url" --fixtures "$fixtures" --seed 3 --cases 40 --jobs 2 \
  --format json > "$work/check-leaky-json.out" 2> "$work/check-leaky-json.err"
code=$?
set -e
[ "$code" = 1 ] || { echo "--format json against echo-secret: exit $code, expected 1"; exit 1; }
grep -q '"verdict":"FAIL"' "$work/check-leaky-json.out" || { echo "no JSON summary"; exit 1; }

# 2. The reference endpoint with its request log on.
start ref "$cpct" serve --fixtures "$fixtures" --port 0 --log
"$cpct" check server --endpoint "$url" --fixtures "$fixtures" --seed 3 --cases 40 --jobs 2 \
  --report-dir "$work/ref-report" > "$work/check-ref.out" 2> "$work/check-ref.err"
stop_endpoints

# The leak must have reached cpct, or the test proves nothing.
python3 - "$work/leaky-report/results.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
marker = "*** Sensitive Data Redacted ***"
observed = [f["observed"] for r in doc["requirements"] for f in r["failures"]]
if not any(marker in json.dumps(o) for o in observed):
    sys.exit("no redacted value in any observed response: the endpoint leaked nothing to hide")
PY
for f in index.html results.json results.sarif summary.md junit.xml; do
  [ -s "$work/leaky-report/$f" ] || { echo "missing $f"; exit 1; }
done

leaks=$(grep -rl -- "$needle" "$work/leaky-report" "$work/ref-report" "$work"/check-*.out \
          "$work"/check-*.err "$work"/report.* "$work"/ref.out "$work"/ref.err || true)
if [ -n "$leaks" ]; then
  echo "a planted secret appears in:"
  for f in $leaks; do echo "  $f: $(grep -o -m1 ".\{0,40\}$needle.\{0,40\}" "$f" | head -1)"; done
  exit 1
fi
grep -q 'status=' "$work/ref.err" || { echo "serve --log wrote no request lines"; exit 1; }
echo "ok: no planted secret in $(find "$work" -type f | wc -l) files"
