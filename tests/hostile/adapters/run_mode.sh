#!/usr/bin/env bash
# Runs `cpct check client` against one hostile adapter mode and asserts:
# the run ends within BOUND seconds, peak RSS stays under MAX_RSS_KB, the
# exit code, the blamed requirement's status in results.json, no process
# the adapter started outlives the run, no raw control byte on the terminal
# or in summary.md / index.html, and no secret (in clear, JSON-escaped,
# \u-escaped or percent-encoded) in any file or stream cpct wrote, also
# after `cpct report DIR`.
#   run_mode.sh CPCT REFERENCE_ADAPTER MODE EXPECTED_EXIT BLAMED MAX_RSS_KB BOUND [FLAGS [term]]
# BLAMED "-": no requirement may fail. FLAGS: more cpct flags (one word
# list, later ones win). "term": SIGTERM to cpct after 3 s.
set -euo pipefail
cpct=$1 reference=$2 mode=$3 expected_exit=$4 blamed=$5 max_rss=$6 bound=$7 flags=${8:-}
term=${9:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AWS_SECRET_ACCESS_KEY='hostile/SECRET+key=0123456789abcdefXYZ'
export AWS_SESSION_TOKEN='hostile/TOKEN+session==ABCDEFGHIJ0123456789'
export HOSTILE_PID_FILE=$work/pids
# env-file: the adapter's environment, which the secret scan below reads too.
export HOSTILE_ENV_FILE=$work/adapter-env.json
# mock-*: what the adapter's hostile connections got from the mock endpoint.
export HOSTILE_OBS_FILE=$work/observed.json
: > "$HOSTILE_PID_FILE"
args=(check client --adapter "exec python3 $here/hostile_adapter.py $mode $reference" --seed 5
      --operations GetThirdPartyJobDetails --cases 20 --timeout-ms 5000 --retries 0
      --report-dir "$work/report")
# shellcheck disable=SC2206  # FLAGS is a word list on purpose
args+=($flags)
start=$(date +%s.%N)
set +e
if [ "$term" = term ]; then
  /usr/bin/time -f %M -o "$work/rss" timeout -s KILL "$bound" "$cpct" "${args[@]}" \
    > "$work/out" 2> "$work/err" &
  sleep 3
  # The cpct process itself: time's child is timeout, whose child is cpct.
  timeout_pid=$(pgrep -P $! || true)
  cpct_pid=$(pgrep -P "$timeout_pid" || true)
  [ -n "$cpct_pid" ] && kill -TERM "$cpct_pid"
  wait $!
  code=$?
else
  /usr/bin/time -f %M -o "$work/rss" timeout -s KILL "$bound" "$cpct" "${args[@]}" \
    > "$work/out" 2> "$work/err"
  code=$?
fi
set -e
wall=$(echo "$(date +%s.%N) - $start" | bc)
rss=$(tail -1 "$work/rss")
fail() { echo "hostile $mode: $*"; echo "--- stdout"; head -c 3000 "$work/out"; echo "--- stderr"; head -c 3000 "$work/err"; exit 1; }
[ "$code" = 137 ] && fail "killed at the bound of $bound s"
[ "$code" = "$expected_exit" ] || fail "exit $code, expected $expected_exit"
[ "$rss" -le "$max_rss" ] || fail "peak RSS $rss KB over $max_rss KB"
if [ "$term" = term ]; then
  grep -q "stopped by signal 15 after" "$work/err" || fail "no line saying the run was stopped"
fi
sleep 0.3
while read -r pid; do
  [ -z "$pid" ] && continue
  if [ -e "/proc/$pid" ] && ! grep -q ') Z' "/proc/$pid/stat" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    fail "process $pid the adapter started outlived the run"
  fi
done < "$HOSTILE_PID_FILE"
"$cpct" report "$work/report" > "$work/report.out" 2>&1 || fail "cpct report failed: $(cat "$work/report.out")"
verdict=$(python3 - "$work" "$blamed" "$mode" <<'PY'
import json, os, sys, urllib.parse
work, blamed, mode = sys.argv[1:4]
results = json.load(open(os.path.join(work, "report", "results.json")))
by_id = {r["id"]: r for r in results["requirements"]}
failed = sorted(r["id"] for r in results["requirements"] if r["status"] == "failed")
if blamed == "-":
    if failed:
        sys.exit("unexpected failures: " + ", ".join(failed))
elif by_id.get(blamed, {}).get("status") != "failed":
    sys.exit(f"{blamed} is {by_id.get(blamed, {}).get('status')}, expected failed; failed: {failed}")
forms = set()
for name in ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
    s = os.environ[name]
    partly = "".join("%%%02x" % ord(c) if n % 3 == 0 else
                     "\\u%04X" % ord(c) if n % 5 == 0 else c for n, c in enumerate(s))
    forms |= {s, json.dumps(s)[1:-1], urllib.parse.quote(s, safe=""), partly,
              s.replace("/", "%2f"), s.replace("/", "\\/"),
              urllib.parse.quote(s, safe="").lower(), "".join("\\u%04x" % ord(c) for c in s),
              s.replace("/", "\\/")}
forms.add("ab" * 32)  # the signature the adapter echoes
for root, _, files in os.walk(work):
    for f in files:
        if f in ("pids", "rss"):
            continue
        path = os.path.join(root, f)
        data = open(path, "rb").read().decode("utf-8", "replace")
        for form in forms:
            if form in data or form.lower() in data.lower():
                sys.exit(f"secret form {form!r} in {os.path.relpath(path, work)}")
        if f in ("out", "err", "report.out", "summary.md", "index.html"):
            for bad in ("\x1b", "\x00", "\x07", "\r", "\u009b"):
                if bad in data:
                    sys.exit(f"raw control {bad!r} in {os.path.relpath(path, work)}")
env_file = os.path.join(work, "adapter-env.json")
if mode == "env-file":
    env = json.load(open(env_file))
    # What the child needs stays; cpct's test credentials replace the user's.
    for name in ("PATH", "HOME", "CPCT_ENDPOINT"):
        if name not in env:
            sys.exit(f"{name} missing from the adapter's environment")
    if "AWS_SESSION_TOKEN" in env:
        sys.exit("AWS_SESSION_TOKEN reached the adapter")
# What the mock's caps guarantee, as the hostile connections saw it: a
# trickled request cut at --timeout-ms with 408; a pipelined flood that never
# reads its answers closed (256 recorded requests, the write's deadline).
wants = {"mock-slowloris": "HTTP/1.1 408", "mock-slow-body": "HTTP/1.1 408",
         "mock-pipelined": "closed"}
if mode in wants:
    seen = json.load(open(os.path.join(work, "observed.json")))
    wrong = [o for o in seen if not o["saw"].startswith(wants[mode])]
    if not seen or wrong:
        sys.exit(f"hostile connections saw {[o['saw'] for o in wrong] or 'nothing'}, "
                 f"expected {wants[mode]!r} on all {len(seen)}")
    # Cut by the request's own deadline (--timeout-ms 5000), not by the idle
    # close 60 s on (that one also answers 408): half-way is the line.
    late = [o["after_s"] for o in seen if o["after_s"] >= 30]
    if wants[mode].endswith("408") and late:
        sys.exit(f"the 408s came after {late} s: the mock's idle close, not --timeout-ms 5000")
    print(f"hostile connections: {wants[mode]} after {max(o['after_s'] for o in seen)} s; ", end="")
print(f"{len(failed)} failed: {' '.join(failed)[:200]}")
PY
) || fail "$verdict"
echo "hostile $mode: wall ${wall}s (bound ${bound}s), peak RSS ${rss} KB (bound ${max_rss}), exit $code, $verdict"
