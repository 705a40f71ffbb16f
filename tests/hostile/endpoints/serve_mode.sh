#!/usr/bin/env bash
# One hostile client mode against cpct serve (hostile_client.py): the server
# holds (the mode says what that means), stays under a peak RSS, and ends on
# SIGTERM. ctest's TIMEOUT bounds the whole.
# Usage: serve_mode.sh CPCT MODE MAX_RSS_KB
set -euo pipefail
cpct=$1 mode=$2 max_rss_kb=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
timer= serve=
cleanup() {
  [ -n "$serve" ] && kill "$serve" 2>/dev/null || true
  [ -n "$timer" ] && kill "$timer" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL (serve $mode): $*"; exit 1; }

flags=(--port 0 --threads 2 --read-timeout-ms 1000 --idle-timeout-ms 5000)
mkfifo "$work/log"
if [ "$mode" = log-pipe ]; then
  # The log's reader takes one line and goes away, as `| head -1` does.
  head -c 1 <"$work/log" >/dev/null &
  /usr/bin/time -f %M -o "$work/rss" "$cpct" serve "${flags[@]}" --log \
    >"$work/out" 2>"$work/log" &
else
  cat <"$work/log" >"$work/err" &
  /usr/bin/time -f %M -o "$work/rss" "$cpct" serve "${flags[@]}" >"$work/out" 2>"$work/log" &
fi
timer=$!
for _ in $(seq 100); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|listening on http://127.0.0.1:||p' "$work/out")
[ -n "$port" ] || fail "cpct serve did not start"
serve=$(pgrep -P "$timer" -x cpct) || fail "no cpct process under time"

if [ "$mode" = sigterm ]; then
  python3 "$here/hostile_client.py" sigterm 127.0.0.1 "$port" "$serve" || fail "client mode failed"
  wait "$timer" || fail "cpct serve exited $? on SIGTERM"
else
  python3 "$here/hostile_client.py" "$mode" 127.0.0.1 "$port" || fail "client mode failed"
  kill -0 "$serve" 2>/dev/null || fail "cpct serve died"
  kill -TERM "$serve"
  wait "$timer" || fail "cpct serve exited $? on SIGTERM"
fi
timer= serve=
rss=$(tail -1 "$work/rss")
echo "serve $mode: peak RSS ${rss} KB"
[ "$rss" -lt "$max_rss_kb" ] || fail "peak RSS ${rss} KB over ${max_rss_kb} KB"
