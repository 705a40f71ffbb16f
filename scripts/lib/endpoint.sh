# shellcheck shell=bash
# Starts an endpoint (cpct serve, the faulty or mock endpoints) in the background
# and waits for its "listening on URL" line. Sourced by tests, scripts and benches.

ENDPOINT_PID=
ENDPOINT_URL=
ENDPOINT_PIDS=()

# start_endpoint OUT ERR COMMAND [ARGS...]: runs COMMAND with stdout in OUT and
# stderr in ERR. Sets ENDPOINT_PID (and adds it to ENDPOINT_PIDS) as soon as it
# runs, and ENDPOINT_URL once OUT has "listening on URL" (up to 100 x 0.05 s).
# If that never comes, prints "COMMAND... did not start:" and ERR to stderr and
# returns 1. Call it directly, not in $(...): it sets variables.
start_endpoint() {
  local out=$1 err=$2 _
  shift 2
  ENDPOINT_URL=
  "$@" > "$out" 2> "$err" &
  ENDPOINT_PID=$!
  ENDPOINT_PIDS+=("$ENDPOINT_PID")
  for _ in $(seq 1 100); do
    grep -q '^listening on ' "$out" 2>/dev/null && break
    kill -0 "$ENDPOINT_PID" 2>/dev/null || break  # it exited: no need to wait on
    sleep 0.05
  done
  ENDPOINT_URL=$(sed -n '/^listening on /{s///p;q;}' "$out" 2>/dev/null)
  [ -n "$ENDPOINT_URL" ] && return 0
  echo "$* did not start:" >&2
  cat "$err" >&2
  return 1
}

# stop_endpoints: kills and reaps every endpoint start_endpoint started (also
# one that did not start); meant for an EXIT trap.
stop_endpoints() {
  local pid
  for pid in "${ENDPOINT_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  ENDPOINT_PIDS=()
  ENDPOINT_PID=
}
