#!/usr/bin/env bash
# One hostile input file for one cpct command: the run ends (the test's
# timeout), under MAX_RSS_KB, with EXPECTED_EXIT and, for a setup error, one
# line on stderr matching REGEX (never a crash, never "internal error").
#   run_input.sh CPCT INPUT EXPECTED_EXIT MAX_RSS_KB REGEX -- CPCT_ARGS...
# In CPCT_ARGS, @FILE@ stands for the input's path. INPUT is one of:
# deep-fixtures, deep-model, recursive-model, wide-model, dev-zero,
# endless-fifo, fifo-no-writer, fifo-silent-writer.
set -euo pipefail
cpct=$1 input=$2 expected_exit=$3 max_rss=$4 regex=$5
shift 6
work=$(mktemp -d)
writer=
cleanup() {
  if [ -n "$writer" ]; then kill "$writer" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
file=$work/input.json
case $input in
  deep-fixtures)  # a value nested 100k deep inside a job's data
    python3 -c "import sys; d=100000; sys.stdout.write('{\"jobs\": [{\"clientToken\": \"t\", \"jobDetails\": {\"id\": \"j\", \"data\": {\"x\": ' + '[' * d + ']' * d + '}}}]}')" > "$file" ;;
  deep-model)  # 500k levels where shapes belong
    python3 -c "import sys; d=500000; sys.stdout.write('{\"metadata\": {}, \"shapes\": ' + '{\"a\": ' * d + '1' + '}' * d + '}')" > "$file" ;;
  recursive-model)  # a structure that is its own member, and a list of itself
    cat > "$file" <<'JSON'
{"metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Rec", "signingName": "rec",
  "serviceId": "Rec", "apiVersion": "2020-01-01", "signatureVersion": "v4"},
 "operations": {"Walk": {"name": "Walk", "http": {"method": "POST", "requestUri": "/"},
   "input": {"shape": "Node"}, "output": {"shape": "Node"}}},
 "shapes": {"Node": {"type": "structure", "members": {"next": {"shape": "Node"},
   "children": {"shape": "Nodes"}, "name": {"shape": "Name"}}},
   "Nodes": {"type": "list", "member": {"shape": "Node"}},
   "Name": {"type": "string", "max": 8}}}
JSON
    ;;
  wide-model)  # 40k shapes, 40k members
    python3 - "$file" <<'PY'
import json, sys
n = 40000
shapes = {f"S{i}": {"type": "string", "max": 10} for i in range(n)}
shapes["Big"] = {"type": "structure", "members": {f"m{i}": {"shape": f"S{i}"} for i in range(n)}}
model = {"metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Wide",
                      "signingName": "wide", "serviceId": "Wide", "apiVersion": "2020-01-01"},
         "operations": {"Op": {"name": "Op", "input": {"shape": "Big"}, "output": {"shape": "Big"}}},
         "shapes": shapes}
json.dump(model, open(sys.argv[1], "w"))
PY
    ;;
  dev-zero) file=/dev/zero ;;
  endless-fifo)
    mkfifo "$work/fifo"; file=$work/fifo
    yes '{"jobs": [' > "$file" 2>/dev/null & writer=$! ;;
  fifo-no-writer) mkfifo "$work/fifo"; file=$work/fifo ;;
  fifo-silent-writer)  # opens the FIFO and writes nothing for 60 s
    mkfifo "$work/fifo"; file=$work/fifo
    sleep 60 > "$file" & writer=$! ;;
  *) echo "unknown input $input"; exit 1 ;;
esac
args=()
for a in "$@"; do args+=("${a//@FILE@/$file}"); done
start=$(date +%s.%N)
set +e
/usr/bin/time -f %M -o "$work/rss" "$cpct" "${args[@]}" > "$work/out" 2> "$work/err"
code=$?
set -e
wall=$(echo "$(date +%s.%N) - $start" | bc)
rss=$(tail -1 "$work/rss")
fail() { echo "hostile input $input: $*"; echo "--- stderr"; head -c 2000 "$work/err"; exit 1; }
[ "$code" = "$expected_exit" ] || fail "exit $code, expected $expected_exit"
[ "$rss" -le "$max_rss" ] || fail "peak RSS $rss KB over $max_rss KB"
if [ "$expected_exit" = 2 ]; then
  [ "$(wc -l < "$work/err")" -le 1 ] || fail "more than one line on stderr"
  grep -Eq -- "$regex" "$work/err" || fail "stderr does not match '$regex'"
fi
grep -q "internal error" "$work/err" && fail "internal error"
echo "hostile input $input (${args[*]:0:2}): wall ${wall}s, peak RSS ${rss} KB (bound ${max_rss}), exit $code: $(head -c 200 "$work/err")"
