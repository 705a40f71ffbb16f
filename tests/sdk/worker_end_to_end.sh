#!/usr/bin/env bash
# Runs a job worker (docs/worker.md) end to end against `cpct serve` with
# corpus/fixtures/lifecycle.json: first for the third-party action type
# Deploy/ThirdParty/Acme-Deployer/2, then for the custom one
# Build/Custom/Acme-Builder/1. Each time it waits (20 s at most) for the jobs
# to end as the fixtures' action configurations ask, sends SIGTERM and wants
# exit status 0 within 2 s; the worker's output must hold no secret of the
# fixtures and no client token.
#   worker_end_to_end.sh CPCT WORKER_COMMAND...   (the command runs in the repository root)
# Exit status: 0 passed, 1 failed, 77 skipped (node, the JS SDK or botocore missing).
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 CPCT WORKER_COMMAND..."; exit 1; }
cpct=$1
shift
case "$cpct" in /*) ;; */*) cpct=$PWD/$cpct ;; esac
cd "$(dirname "$0")/../.." || exit 1

case "$(basename "$1")" in
  node*)
    command -v "$1" > /dev/null || { echo "SKIP: no $1"; exit 77; }
    [ -d adapters/js/node_modules/@aws-sdk/client-codepipeline ] ||
      { echo "SKIP: adapters/js/node_modules missing: run scripts/adapters-setup"; exit 77; } ;;
  python*)
    "$1" -c 'import botocore' 2> /dev/null || { echo "SKIP: no botocore for $1: run scripts/deps --tests"; exit 77; } ;;
esac

ID1=a0000000-0000-4000-8000-000000000001 ID2=a0000000-0000-4000-8000-000000000002
ID3=a0000000-0000-4000-8000-000000000003 IDC=c0000000-0000-4000-8000-000000000001
TOKENS='{"11111111-1111-4111-8111-111111111111":"ct-acme-1","22222222-2222-4222-8222-222222222222":"ct-acme-2"}'
SECRETS=(lifecycle-secret-never-print-me lifecycle-session-never-print-me ASIALIFECYCLE0001 ct-acme-1 ct-acme-2)

work=$(mktemp -d)
server_pid='' worker_pid=''
cleanup() {
  [ -n "$worker_pid" ] && kill -KILL -- "-$worker_pid" 2> /dev/null  # its process group
  for pid in $worker_pid $server_pid; do
    kill -KILL "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null  # reaped here, bash does not report "Killed"
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 1" TERM INT HUP  # so that cleanup runs

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The worker's output of a phase, unless it holds a secret (then only which).
show_output() {
  local leaked
  leaked=$(grep -oF "${SECRETS[@]/#/-e}" "$work/$1".out "$work/$1".err | sort -u)
  if [ -n "$leaked" ]; then
    echo "(the worker's output is not shown: it holds secrets; file:secret)"
    echo "$leaked"
  else
    echo "--- worker stderr (last 30 lines)"
    tail -n 30 "$work/$1.err"
    [ -s "$work/$1.out" ] && { echo "--- worker stdout (last 10 lines)"; tail -n 10 "$work/$1.out"; }
  fi
}

fail() {
  echo "FAIL: $1"
  [ -n "${2:-}" ] && show_output "$2"
  exit 1
}

# "ID=Status/dispatches ..." for the jobs, in the order given.
jobs_state() {
  python3 -c '
import json, sys, urllib.request
jobs = {j["id"]: j for j in json.load(urllib.request.urlopen(sys.argv[1] + "/_cpct/jobs", timeout=2))["jobs"]}
print(" ".join("%s=%s/%s" % (i, jobs[i]["status"], jobs[i]["dispatches"]) if i in jobs else i + "=absent"
               for i in sys.argv[2:]))' "$url" "$ID1" "$ID2" "$ID3" "$IDC"
}

"$cpct" serve --fixtures corpus/fixtures/lifecycle.json --port 0 > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
url=''
for _ in $(seq 50); do
  url=$(sed -n '1s/^listening on //p' "$work/serve.out")
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2> /dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { echo "FAIL: cpct serve did not start"; cat "$work/serve.err"; exit 1; }

# run_phase NAME ACTION_TYPE_JSON EXPECTED_STATE
run_phase() {
  local name=$1 action_type=$2 expected=$3 state='' start took code
  shift 3
  start=$(now_ms)
  set -m  # the worker in a process group of its own, to end whatever it leaves behind
  env CPCT_ENDPOINT="$url" CPCT_ACTION_TYPE="$action_type" CPCT_CLIENT_TOKENS="$TOKENS" \
    AWS_ACCESS_KEY_ID=AKIDCPCTWORKERTEST AWS_SECRET_ACCESS_KEY=cpct-worker-test-secret \
    AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
    "$@" > "$work/$name.out" 2> "$work/$name.err" < /dev/null &
  worker_pid=$!
  set +m
  while :; do
    state=$(jobs_state) || fail "$name: GET $url/_cpct/jobs failed" "$name"
    [ "$state" = "$expected" ] && break
    kill -0 "$worker_pid" 2> /dev/null || {
      wait "$worker_pid"
      code=$?
      worker_pid=''
      fail "$name: the worker exited (status $code) before the jobs were done; jobs: $state" "$name"
    }
    [ $(($(now_ms) - start)) -lt 20000 ] ||
      fail "$name: the jobs were not done after 20 s
  expected: $expected
  got:      $state" "$name"
    sleep 0.1
  done
  took=$(($(now_ms) - start))

  start=$(now_ms)
  kill -TERM "$worker_pid" 2> /dev/null || fail "$name: the worker exited before SIGTERM" "$name"
  while kill -0 "$worker_pid" 2> /dev/null && [ $(($(now_ms) - start)) -lt 2000 ]; do sleep 0.02; done
  kill -0 "$worker_pid" 2> /dev/null && fail "$name: the worker was still running 2 s after SIGTERM" "$name"
  wait "$worker_pid"
  code=$?
  kill -KILL -- "-$worker_pid" 2> /dev/null
  worker_pid=''
  [ "$code" = 0 ] || fail "$name: exit status $code after SIGTERM (want 0)" "$name"
  echo "$name: jobs done in ${took} ms, exit 0 $(($(now_ms) - start)) ms after SIGTERM"

  for secret in "${SECRETS[@]}"; do
    for stream in err out; do
      grep -qF -- "$secret" "$work/$name.$stream" &&
        fail "$name: the worker's std$stream holds '$secret' (a fixture secret or a client token)"
    done
  done
  return 0
}

worker=("$@")
run_phase third-party '{"category":"Deploy","owner":"ThirdParty","provider":"Acme-Deployer","version":"2"}' \
  "$ID1=Succeeded/1 $ID2=Succeeded/2 $ID3=Failed/1 $IDC=Queued/0" "${worker[@]}"
run_phase custom '{"category":"Build","owner":"Custom","provider":"Acme-Builder","version":"1"}' \
  "$ID1=Succeeded/1 $ID2=Succeeded/2 $ID3=Failed/1 $IDC=Succeeded/1" "${worker[@]}"
echo "PASS: ${worker[*]}"
