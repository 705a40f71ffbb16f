#!/usr/bin/env bash
# The run's bound holds in the lifecycle phase too: cpct serve answers the
# stateless cases, but the reset before each lifecycle sequence goes to an
# endpoint that never answers, with a --timeout-ms far past the bound. The
# run must stop at --max-seconds (exit 1, results.json's "stopped"), not
# wait out the reset and end as a setup error (exit 2). With RESET=command
# the reset is a --reset-command that never ends (it runs under the same
# bound, its process group killed at it).
# Usage: lifecycle_bound.sh CPCT FIXTURES MAX_SECONDS [url|command]
set -euo pipefail
cpct=$1 fixtures=$2 max_seconds=$3 reset=${4:-url}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
serve= silent=
cleanup() {
  [ -n "$serve" ] && kill "$serve" 2>/dev/null || true
  [ -n "$silent" ] && kill "$silent" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL (lifecycle bound): $*"; tail -5 "$work/err" 2>/dev/null; exit 1; }

python3 "$here/hostile_endpoint.py" silent "$work/port" &
silent=$!
"$cpct" serve --port 0 --fixtures "$fixtures" >"$work/serve" 2>/dev/null &
serve=$!
for _ in $(seq 100); do
  [ -s "$work/port" ] && grep -q "listening on" "$work/serve" && break
  sleep 0.1
done
url=$(sed -n 's|listening on ||p' "$work/serve")
[ -n "$url" ] && [ -s "$work/port" ] || fail "endpoints did not start"

if [ "$reset" = command ]; then
  # It also starts a child that would keep running if only sh were killed.
  reset_flag=(--reset-command "sleep 600 & echo \$! > $work/child; wait")
else
  reset_flag=(--reset-url "http://127.0.0.1:$(cat "$work/port")/reset")
fi
status=0
/usr/bin/time -f %M -o "$work/rss" "$cpct" check server --endpoint "$url" --fixtures "$fixtures" \
  --seed 1 --cases 0 --timeout-ms 60000 --retries 0 --jobs 2 --max-seconds "$max_seconds" \
  "${reset_flag[@]}" --report-dir "$work/report" \
  >"$work/out" 2>"$work/err" || status=$?
echo "lifecycle bound: exit $status, peak RSS $(tail -1 "$work/rss") KB"
tail -2 "$work/err"
[ "$status" -eq 1 ] || fail "exit $status, expected 1 (stopped at the bound)"
grep -q "stopped at the run's bound (--max-seconds $max_seconds)" "$work/err" || fail "no stop line"
grep -q "^rerun: .* --max-seconds $max_seconds" "$work/out" || fail "rerun line lacks --max-seconds"
python3 - "$work/report/results.json" "$max_seconds" <<'PY' || fail "results.json"
import json, sys
r = json.load(open(sys.argv[1]))
stopped = r.get("stopped")
print("stopped:", stopped)
if not stopped or stopped["reason"] != "max-seconds" or stopped["bound_ms"] != int(sys.argv[2]) * 1000:
    sys.exit("stopped is %r" % (stopped,))
# The bound is counted from before the probe, and the run ended past it.
if stopped["after_ms"] < stopped["bound_ms"]:
    sys.exit("stopped after %d ms, before its %d ms bound" % (stopped["after_ms"], stopped["bound_ms"]))
PY
if [ "$reset" = command ]; then
  [ -s "$work/child" ] || fail "the reset command never ran"
  # Killed is enough: a zombie waits for whoever adopted it to reap it.
  child_state=$(ps -o stat= -p "$(cat "$work/child")" 2>/dev/null || true)
  case $child_state in "" | Z*) ;; *) fail "the reset command's child outlived the run ($child_state)" ;; esac
fi
