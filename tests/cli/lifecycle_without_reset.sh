#!/usr/bin/env bash
# `check server` on fixtures that queue jobs resets the endpoint before each
# lifecycle sequence; an endpoint it cannot reset is a setup error (exit 2,
# one line saying what to do), and --sequences 0 skips the lifecycle.
#   lifecycle_without_reset.sh CPCT LIFECYCLE_FIXTURES
set -euo pipefail
cpct=$1 fixtures=$2
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$(dirname "$0")/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
start_endpoint "$work/serve.out" "$work/serve.err" "$cpct" serve --fixtures "$fixtures" --port 0
set +e
"$cpct" check server --endpoint "$ENDPOINT_URL" --fixtures "$fixtures" --cases 0 \
  --reset-url "$ENDPOINT_URL/no-such-reset" > "$work/out" 2>&1
code=$?
set -e
[ "$code" = 2 ] || { cat "$work/out"; echo "exit $code, expected 2"; exit 1; }
grep -q "lifecycle: POST $ENDPOINT_URL/no-such-reset answered 404 .*--reset-url or --reset-command" \
  "$work/out" || { cat "$work/out"; echo "no readable reason"; exit 1; }
"$cpct" check server --endpoint "$ENDPOINT_URL" --fixtures "$fixtures" --cases 0 --sequences 0 \
  --reset-url "$ENDPOINT_URL/no-such-reset" > "$work/out" 2>&1 ||
  { cat "$work/out"; echo "--sequences 0 should skip the lifecycle"; exit 1; }
echo ok
