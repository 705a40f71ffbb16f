#!/usr/bin/env bash
# One hostile mode against cpct check server: the run ends by itself within
# its bound (ctest's TIMEOUT is the bound plus a margin, not a speed test),
# exits 1, keeps its peak RSS under a stated figure and blames the right
# requirement in results.json; nothing escapes as an internal error.
# Usage: check_mode.sh CPCT MODE REQUIREMENT MAX_RSS_KB MAX_SECONDS [cpct flags...]
set -euo pipefail
cpct=$1 mode=$2 requirement=$3 max_rss_kb=$4 max_seconds=$5
shift 5
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# Secrets cpct signs with (the token travels in every request): no form of
# them may reach what cpct writes, whatever the endpoint echoes.
# HOSTILE_SESSION_TOKEN: another token (a short one, found as a whole token).
export AWS_SECRET_ACCESS_KEY='hostile/SECRET+key=0123456789abcdefXYZ'
export AWS_SESSION_TOKEN=${HOSTILE_SESSION_TOKEN:-'hostile/TOKEN+session==ABCDEFGHIJ0123456789'}

python3 "$here/hostile_endpoint.py" "$mode" "$work/port" &
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "hostile endpoint $mode did not start"; exit 1; }

status=0
/usr/bin/time -f %M -o "$work/rss" "$cpct" check server \
  --endpoint "http://127.0.0.1:$(cat "$work/port")" --seed 1 --cases 0 --operations GetThirdPartyJobDetails --timeout-ms 1000 \
  --retries 0 --jobs 8 --max-seconds "$max_seconds" --report-dir "$work/report" "$@" \
  >"$work/out" 2>"$work/err" || status=$?
rss=$(tail -1 "$work/rss")
echo "mode $mode: exit $status, peak RSS ${rss} KB"
tail -3 "$work/err"
fail() { echo "FAIL ($mode): $*"; exit 1; }
[ "$status" -eq 1 ] || fail "exit $status, expected 1"
[ "$rss" -lt "$max_rss_kb" ] || fail "peak RSS ${rss} KB over ${max_rss_kb} KB"
if grep -q "internal error" "$work/err"; then fail "internal error"; fi
# CPCT_EXPECT_STDERR: a line the run must print (the run bound's).
if [ -n "${CPCT_EXPECT_STDERR:-}" ] && ! grep -qE "$CPCT_EXPECT_STDERR" "$work/err"; then
  fail "stderr lacks /$CPCT_EXPECT_STDERR/"
fi
python3 - "$work" <<'PY' || fail "secret"
# Every file read with %XX, \uXXXX and \/ decoded wherever they occur, so
# a secret echoed with only some characters encoded is found too.
import os, re, sys, urllib.parse
work = sys.argv[1]
secrets = [os.environ[n].lower() for n in ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")]
def decoded(text):
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return urllib.parse.unquote(text.replace("\\/", "/"))
for root, _, files in os.walk(work):
    for f in files:
        if f in ("port", "rss"):
            continue
        data = decoded(open(os.path.join(root, f), "rb").read().decode("utf-8", "replace")).lower()
        for secret in secrets:
            # A short secret counts where it stands as a whole token (as
            # cpct redacts it): inside a longer word it is ordinary text.
            if (re.search(r"(?<![0-9a-z\x80-\U0010ffff])" + re.escape(secret) +
                          r"(?![0-9a-z\x80-\U0010ffff])", data) if len(secret) < 4
                    else secret in data):
                sys.exit(f"a secret in {os.path.relpath(os.path.join(root, f), work)}")
PY
# CPCT_EXPECT_STDOUT: a line of stdout (the rerun line's).
if [ -n "${CPCT_EXPECT_STDOUT:-}" ] && ! grep -qE "$CPCT_EXPECT_STDOUT" "$work/out"; then
  fail "stdout lacks /$CPCT_EXPECT_STDOUT/"
fi
python3 - "$work/report/results.json" "$requirement" "${CPCT_EXPECT_STOPPED:-}" <<'PY' || fail "verdict"
import json, sys
results = json.load(open(sys.argv[1]))
wanted = sys.argv[2]
failed = {r["id"]: r for r in results["requirements"] if r["status"] == "failed"}
print("failed:", ", ".join(sorted(failed)))
stopped = results.get("stopped")
if sys.argv[3] and (stopped or {}).get("reason") != sys.argv[3]:
    sys.exit("stopped is %r, expected reason %s" % (stopped, sys.argv[3]))
if not sys.argv[3] and stopped is not None:
    sys.exit("stopped is %r, expected null" % (stopped,))
if wanted == "-":
    if failed:
        sys.exit("expected no failure, got %s" % ", ".join(sorted(failed)))
    sys.exit(0)
if wanted not in failed:
    sys.exit("expected %s to fail" % wanted)
detail = failed[wanted]["failures"][0]["detail"]
print("blamed %s: %s" % (wanted, detail[:200]))
PY
