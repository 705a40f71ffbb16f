#!/usr/bin/env bash
# What a CI job gets from `cpct check server`: --quiet prints the verdict
# line alone; --format json one JSON object that agrees with results.json;
# --format markdown what summary.md holds; colour only on a terminal (or
# with --color always), never with NO_COLOR or --color never.
#   ci_output.sh CPCT FAULTY_SERVE FIXTURES
set -euo pipefail
cpct=$1 faulty=$2 fixtures=$3
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$(dirname "$0")/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; for f in "$work"/run.*; do echo "--- $f:"; cat "$f"; done; exit 1; }

start_endpoint "$work/good.out" "$work/good.err" "$cpct" serve --fixtures "$fixtures" --port 0 ||
  exit 1
good=$ENDPOINT_URL
# A MUST defect: the verdict is FAIL, exit 1.
start_endpoint "$work/bad.out" "$work/bad.err" "$faulty" --defect job-id-length-unchecked \
  --fixtures "$fixtures" || exit 1
bad=$ENDPOINT_URL
blamed=GetThirdPartyJobDetails.input.jobId.length-max

# run URL ARGS...: check server; stdout in run.out, stderr in run.err, exit in $code.
run() {
  local url=$1
  shift
  set +e
  "$cpct" check server --endpoint "$url" --fixtures "$fixtures" \
    --operations GetThirdPartyJobDetails --seed 7 --cases 20 --sequences 0 --timeout-ms 2000 \
    "$@" > "$work/run.out" 2> "$work/run.err"
  code=$?
  set -e
}
lines() { wc -l < "$1" | tr -d ' '; }
has_escape() { grep -q $'\x1b' "$@"; }

# --quiet: one line, the verdict; nothing on stderr; the exit code agrees.
run "$good" --quiet
[ "$code" = 0 ] || fail "--quiet against the reference endpoint exits $code"
[ "$(lines "$work/run.out")" = 1 ] || fail "--quiet printed more than one line"
grep -q '^PASS: [0-9]* passed, 0 failed' "$work/run.out" || fail "--quiet: no PASS line"
[ -s "$work/run.err" ] && fail "--quiet printed on stderr"
run "$bad" --quiet
[ "$code" = 1 ] || fail "--quiet against a faulty endpoint exits $code"
[ "$(lines "$work/run.out")" = 1 ] || fail "--quiet printed more than one line"
grep -q '^FAIL: ' "$work/run.out" || fail "--quiet: no FAIL line"
echo "ok: --quiet: $(cat "$work/run.out")"

# --format json: one line of JSON, the same counts as results.json.
run "$bad" --format json --report-dir "$work/report"
[ "$code" = 1 ] || fail "--format json exits $code"
[ "$(lines "$work/run.out")" = 1 ] || fail "--format json is not one line"
python3 - "$work/run.out" "$work/report/results.json" "$blamed" <<'PY' || fail "--format json"
import json, sys
doc = json.load(open(sys.argv[1]))
results = json.load(open(sys.argv[2]))
blamed = sys.argv[3]
assert doc["verdict"] == "FAIL", doc["verdict"]
for key in ("requirements", "passed", "failed", "warnings", "untested"):
    assert doc[key] == results["summary"][key], (key, doc[key], results["summary"][key])
assert doc["seed"] == 7, doc["seed"]
ids = [f["id"] for f in doc["failures"]]
assert blamed in ids, ids
failure = doc["failures"][ids.index(blamed)]
assert failure["reproduce"].startswith("cpct ") or "curl" in failure["reproduce"], failure
assert doc["rerun"].startswith("cpct check server --endpoint "), doc["rerun"]
assert doc["report"].endswith("/index.html"), doc["report"]
assert sum(f["requirements"] for f in doc["families"]) == doc["requirements"], doc["families"]
PY
echo "ok: --format json names $blamed and agrees with results.json"

# --format markdown: summary.md, on stdout.
run "$good" --format markdown --report-dir "$work/report-md"
[ "$code" = 0 ] || fail "--format markdown exits $code"
cmp -s "$work/run.out" "$work/report-md/summary.md" || fail "--format markdown differs from summary.md"
echo "ok: --format markdown is summary.md"

# Colour: none into a pipe, some when asked for.
run "$good"
has_escape "$work/run.out" "$work/run.err" && fail "escape codes into a pipe"
run "$good" --color always
has_escape "$work/run.out" || fail "--color always printed no escape code"
NO_COLOR=1 run "$good" --color always
has_escape "$work/run.out" || fail "--color always must win over NO_COLOR"
echo "ok: no colour into a pipe; --color always colours"

# On a terminal (script(1) gives one): colour unless NO_COLOR or --color never.
on_tty() {
  local cmd
  cmd=$(printf '%q ' "$cpct" check server --endpoint "$good" --fixtures "$fixtures" \
    --operations GetThirdPartyJobDetails --seed 7 --cases 5 --sequences 0 "$@")
  script -qec "$cmd" /dev/null > "$work/run.tty" 2>&1 || true
}
if ! command -v script > /dev/null || ! script -qec true /dev/null > /dev/null 2>&1; then
  echo "skip: no pseudo-terminal here (script); the terminal cases are untested"
  exit 0
fi
unset NO_COLOR
on_tty
grep -q 'PASS' "$work/run.tty" || fail "no summary on the terminal"
has_escape "$work/run.tty" || fail "no colour on a terminal"
NO_COLOR=1 on_tty
grep -q 'PASS' "$work/run.tty" || fail "no summary on the terminal"
has_escape "$work/run.tty" && fail "colour on a terminal despite NO_COLOR=1"
on_tty --color never
has_escape "$work/run.tty" && fail "colour on a terminal despite --color never"
NO_COLOR= on_tty
has_escape "$work/run.tty" || fail "an empty NO_COLOR must not turn colour off"
echo "ok: colour on a terminal, none with NO_COLOR=1 or --color never"
