#!/usr/bin/env bash
# `cpct report DIR`: renders all four files from results.json; exit 2 with one clear line
# when the file is missing or is not cpct's.
#   cli_report.sh CPCT SAMPLE_RESULTS_JSON
set -euo pipefail
cpct=$1 sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
expect() {  # expect EXIT REGEX DIR
  set +e
  "$cpct" report "$3" > "$work/out" 2> "$work/err"
  local code=$?
  set -e
  [ "$code" = "$1" ] || { echo "cpct report $3: exit $code, expected $1"; cat "$work/err"; exit 1; }
  grep -Eq -- "$2" "$work/out" "$work/err" || { echo "no '$2' in:"; cat "$work/out" "$work/err"; exit 1; }
}
mkdir -p "$work/empty" "$work/other" "$work/broken" "$work/good"
expect 2 "empty/results.json: cannot open" "$work/empty"
echo '{"tool": "something-else"}' > "$work/other/results.json"
expect 2 "other/results.json: not a cpct results.json" "$work/other"
printf '{"tool": "cpct", ' > "$work/broken/results.json"
expect 2 "broken/results.json: not valid JSON at byte" "$work/broken"
cp "$sample" "$work/good/results.json"
expect 0 "report: .*index.html \(also junit.xml, summary.md, results.sarif\)" "$work/good"
for f in index.html results.sarif junit.xml summary.md; do
  [ -s "$work/good/$f" ] || { echo "$f missing"; exit 1; }
done
grep -q '<testsuites name="cpct"' "$work/good/junit.xml"
grep -q '^# cpct conformance: ' "$work/good/summary.md"
grep -q '"version": "2.1.0"' "$work/good/results.sarif"
grep -q '<!DOCTYPE html>' "$work/good/index.html"
set +e
"$cpct" report > "$work/out" 2> "$work/err"
code=$?
set -e
[ "$code" = 2 ] && grep -q "name the report directory" "$work/err" || { echo "no DIR: exit $code"; cat "$work/err"; exit 1; }
echo ok
