#!/usr/bin/env bash
# Runs js_model_input.mjs (the JS adapter's model-driven input conversion)
# once the pinned SDK is installed, then checks that cpct check client on a
# model with no pinned client is a setup error (exit 2) naming the reason.
#   js_model_input.sh CPCT KINESIS_MODEL DYNAMODB_MODEL
set -euo pipefail
cpct=$1
shift
cd "$(dirname "$0")/../.."
[ -d adapters/js/node_modules ] || { echo "adapters/js/node_modules missing: run scripts/adapters-setup"; exit 77; }
node tests/sdk/js_model_input.mjs "$@"
toy=tests/reference_client/toy/service-2.json
set +e
err=$("$cpct" check client --model "$toy" --adapter "node adapters/js/adapter.mjs --model $toy" 2>&1 >/dev/null)
code=$?
set -e
[ "$code" = 2 ] || { echo "cpct on a model with no pinned client: exit $code, expected 2: $err"; exit 1; }
case "$err" in
  *'no pinned SDK client for service "Toy"'*) echo "no pinned client: exit 2, as expected" ;;
  *) echo "cpct did not say why the adapter stopped: $err"; exit 1 ;;
esac
