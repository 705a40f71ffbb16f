#!/usr/bin/env bash
# Runs js_model_input.mjs (the JS adapter's model-driven input conversion)
# once the pinned SDK is installed.
#   js_model_input.sh KINESIS_MODEL DYNAMODB_MODEL
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d adapters/js/node_modules ] || { echo "adapters/js/node_modules missing: run scripts/adapters-setup"; exit 77; }
exec node tests/sdk/js_model_input.mjs "$@"
