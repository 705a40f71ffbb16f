#!/usr/bin/env bash
# The `rerun:` line of `cpct check server` and the `rerun:` and `reproduce:`
# lines of `cpct check client` carry every flag that changes the verdict,
# with paths quoted so that pasting the line into sh gives back the very
# argument strings; and running the pasted line prints the same line again.
#   rerun_line.sh server CPCT FIXTURES MODEL
#   rerun_line.sh client CPCT FAULTY_ADAPTER MODEL
set -euo pipefail
mode=$1 cpct=$2
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$(dirname "$0")/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
mkdir -p "$work/a dir"
model="$work/a dir/m.json"
cp "$4" "$model"

fail() { echo "FAIL: $*"; echo "--- output:"; cat "$work/check.out"; exit 1; }

# The line after "PREFIX: " in FILE (the first one).
line_of() { sed -n "s/^ *$1: //p" "$2" | head -n 1; }

# The words sh makes of LINE with its leading `cpct` replaced by printf,
# one per line, compared to the expected words (the remaining arguments).
same_words() {
  local line=$1 got want
  shift
  case $line in "cpct "*) ;; *) fail "not a cpct command: $line" ;; esac
  got=$(sh -c "printf '%s\n' ${line#cpct }") || fail "sh cannot parse: $line"
  want=$(printf '%s\n' "$@")
  [ "$got" = "$want" ] || fail "sh reads
$got
expected
$want
from: $line"
}

# Runs LINE (cpct replaced by the binary) through sh; its output in $work/again.out.
run_line() {
  set +e
  sh -c "\"\$0\" ${1#cpct }" "$cpct" > "$work/again.out" 2>&1
  again=$?
  set -e
}

if [ "$mode" = server ]; then
  fixtures="$work/a dir/Bob's fixtures.json"  # a quote in a path
  cp "$3" "$fixtures"
  start_endpoint "$work/server.out" "$work/server.err" "$cpct" serve --fixtures "$fixtures" \
    --port 0 || exit 1
  url=$ENDPOINT_URL
  set +e
  "$cpct" check server --endpoint "$url" --fixtures "$fixtures" --seed 7 --cases 5 --jobs 3 \
    --model "$model" --timeout-ms 900 --region eu-west-1 --retries 0 \
    --report-dir "$work/report" > "$work/check.out" 2>&1
  code=$?
  set -e
  [ "$code" = 0 ] || fail "exit $code, expected 0 from the reference endpoint"
  rerun=$(line_of rerun "$work/check.out")
  [ -n "$rerun" ] || fail "no rerun line"
  for part in "--timeout-ms 900" "--region 'eu-west-1'" "--retries 0" "--seed 7" "--cases 5" \
    "--model '$model'"; do
    case $rerun in *" $part"*) ;; *) fail "rerun line lacks '$part': $rerun" ;; esac
  done
  case $rerun in *--jobs* | *--report-dir*) fail "rerun line carries --jobs or --report-dir" ;; esac
  same_words "$rerun" check server --endpoint "$url" --fixtures "$fixtures" --seed 7 --cases 5 \
    --timeout-ms 900 --region eu-west-1 --retries 0 --model "$model"
  run_line "$rerun"
  [ "$again" = 0 ] || { cat "$work/again.out"; fail "the rerun line exits $again"; }
  [ "$(line_of rerun "$work/again.out")" = "$rerun" ] ||
    { cat "$work/again.out"; fail "the rerun line's own rerun line differs"; }
  echo "ok: $rerun"

  # Defaults are left out; a shard is carried.
  "$cpct" check server --endpoint "$url" --fixtures "$fixtures" --seed 7 --cases 3 \
    --shard 1/2 > "$work/check.out" 2>&1 || fail "exit $?"
  rerun=$(line_of rerun "$work/check.out")
  same_words "$rerun" check server --endpoint "$url" --fixtures "$fixtures" --seed 7 --cases 3 \
    --shard 1/2
  echo "ok: $rerun"
else
  adapter="'$3' --defect wrong-target"
  set +e
  "$cpct" check client --adapter "$adapter" --seed 5 --cases 3 --timeout-ms 900 --retries 0 \
    --model "$model" > "$work/check.out" 2>&1
  code=$?
  set -e
  [ "$code" = 1 ] || fail "exit $code, expected 1 from the faulty adapter"
  words=(check client --adapter "$adapter" --seed 5 --cases 3 --timeout-ms 900 --retries 0
    --model "$model")
  rerun=$(line_of rerun "$work/check.out")
  same_words "$rerun" "${words[@]}"
  reproduce=$(line_of reproduce "$work/check.out")
  case $reproduce in *" --case c"[0-9]*) ;; *) fail "no --case in the reproducer: $reproduce" ;; esac
  same_words "$reproduce" "${words[@]}" --case "${reproduce##* --case }"
  # The reproducer runs that one case and prints itself as its rerun line.
  run_line "$reproduce"
  [ "$again" = 1 ] || { cat "$work/again.out"; fail "the reproducer exits $again, expected 1"; }
  [ "$(line_of rerun "$work/again.out")" = "$reproduce" ] ||
    { cat "$work/again.out"; fail "the reproducer's rerun line differs"; }
  echo "ok: $reproduce"
fi
