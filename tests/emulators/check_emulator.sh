#!/usr/bin/env bash
# A whole-service check of an emulator nobody here wrote, against its
# botocore model, with its known deviations in a baseline
# (tests/emulators/baselines/NAME.json; evidence in docs/emulators-findings.md)
# and the service's profile. The gate must pass (nothing found that the
# baseline does not record), and no recorded deviation may have gone.
#   check_emulator.sh CPCT NAME MODEL [PROFILE [CPCT_ARG...]]
# NAME is an emulator (kinesalite, dynalite) or moto-SERVICE (one service of
# moto's server, started fresh for the test); PROFILE may be "" for none.
set -euo pipefail
cpct=$1 name=$2 model=$3 profile=${4:-}
shift 3
[ $# -gt 0 ] && shift
emulator=${name%%-*}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
if [ "$emulator" != moto ]; then
  [ -d tests/emulators/node_modules/"$name" ] ||
    { echo "tests/emulators/node_modules/$name missing: run scripts/emulators-setup"; exit 77; }
fi
work=$(mktemp -d)
trap 'tests/emulators/emulator stop "$emulator" "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
set +e
url=$(tests/emulators/emulator start "$emulator" "$work")
code=$?
set -e
# 2: what the emulator needs is not installed (moto without its server extras).
[ "$code" = 2 ] && { echo "$emulator is not installed here; skipping"; exit 77; }
[ "$code" = 0 ] || exit 1
args=(check server --model "$model" --endpoint "$url" --seed 1 --jobs 2 --timeout-ms 20000
      --operations "$(cat "tests/emulators/operations/$name.txt")"
      --baseline "tests/emulators/baselines/$name.json" --report-dir "$work/report")
[ -n "$profile" ] && args+=(--profile "$profile")
args+=("$@")
set +e
AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing "$cpct" "${args[@]}" > "$work/out" 2>&1
code=$?
set -e
grep -E "^(PASS|FAIL)|^baseline" "$work/out" || true
[ "$code" = 0 ] || { echo "exit $code, expected 0 (only recorded deviations)"; cat "$work/out"; exit 1; }
python3 - "$work/report/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
gone = r["baseline"]["gone"]
assert not gone, f"recorded deviations no longer found: {gone}"
assert r["baseline"]["recorded"] > 0, "the emulator's recorded deviations were not found"
print(r["baseline"]["recorded"], "recorded deviations found again; nothing new")
PY
