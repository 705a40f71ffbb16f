#!/usr/bin/env bash
# A default that --help shows is the default a run uses: --cases and
# --jobs of `cpct check server` (its start line says both) and --host of
# `cpct serve` (its listening line).
#   help_defaults.sh CPCT FIXTURES
set -euo pipefail
cpct=$1 fixtures=$2
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$(dirname "$0")/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# default_of COMMAND... FLAG: the "default: X" of FLAG in COMMAND's --help
# (its row may wrap).
default_of() {
  local flag=${*: -1}
  "$cpct" "${@:1:$#-1}" --help | tr '\n' ' ' | tr -s ' ' |
    sed -n "s/.* $flag [A-Z]* [^(]*([^)]*default: \([^;)]*\)).*/\1/p"
}
cases=$(default_of check server --cases)
jobs=$(default_of check server --jobs)
host=$(default_of serve --host)
[ -n "$cases" ] && [ -n "$jobs" ] && [ -n "$host" ] ||
  fail "--help shows no default for --cases ($cases), --jobs ($jobs) or --host ($host)"

start_endpoint "$work/serve.out" "$work/serve.err" "$cpct" serve --fixtures "$fixtures" --port 0 ||
  exit 1
case $ENDPOINT_URL in "http://$host:"*) ;; *) fail "serve listens on $ENDPOINT_URL, --help says $host" ;; esac
echo "ok: cpct serve listens on $host by default"

# start_line ARGS...: the first stderr line of a check server run.
start_line() {
  "$cpct" check server --endpoint "$ENDPOINT_URL" --fixtures "$fixtures" --seed 3 \
    --operations GetThirdPartyJobDetails --sequences 0 "$@" > /dev/null 2> "$work/check.err" ||
    fail "check server exits $?: $(cat "$work/check.err")"
  head -n 1 "$work/check.err"
}
line=$(start_line)
case $line in *" planned, $cases generated), seed 3, $jobs jobs") ;;
  *) fail "the run does not use --help's defaults (--cases $cases, --jobs $jobs): $line" ;; esac
# The line does say the values used: other values, other line.
line=$(start_line --cases 7 --jobs 2)
case $line in *" planned, 7 generated), seed 3, 2 jobs") ;; *) fail "the start line ignores --cases/--jobs: $line" ;; esac
echo "ok: check server uses --cases $cases and --jobs $jobs, as --help says"
