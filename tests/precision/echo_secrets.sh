#!/usr/bin/env bash
# An endpoint that echoes each request (its body in a member and a header)
# on a model with a sensitive member (Secrets Manager's SecretString): every
# case fails somewhere and is shrunk, and no generated secret may appear in
# clear in any file of the report.
#   echo_secrets.sh CPCT SECRETSMANAGER_MODEL
set -euo pipefail
cpct=$1 model=$2
[ -f "$model" ] || { echo "no botocore secretsmanager model: run scripts/deps --tests"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$here/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT
start_endpoint "$work/echo.out" "$work/echo.err" python3 "$here/proxy.py" echo "$work/echo.log" ||
  exit 1
set +e
"$cpct" check server --model "$model" --endpoint "$ENDPOINT_URL" \
  --operations CreateSecret,PutSecretValue --seed 5 --cases 60 --retries 0 --jobs 2 \
  --report-dir "$work/report" > "$work/check.out" 2>&1
code=$?
set -e
[ "$code" = 1 ] || { echo "exit $code, expected 1"; cat "$work/check.out"; exit 1; }
python3 - "$model" "$work/echo.log" "$work/report" <<'PY'
import html, json, os, sys
model = json.load(open(sys.argv[1]))
shapes, prefix = model["shapes"], model["metadata"]["targetPrefix"] + "."

def walk(value, name, sensitive, secrets, plain):
    shape = shapes[name]
    sensitive = sensitive or shape.get("sensitive", False)
    kind = shape["type"]
    if kind == "structure" and isinstance(value, dict):
        for key, item in value.items():
            if key in shape["members"]:
                walk(item, shape["members"][key]["shape"], sensitive, secrets, plain)
            elif isinstance(item, str):
                plain.add(item)
    elif kind == "list" and isinstance(value, list):
        for item in value:
            walk(item, shape["member"]["shape"], sensitive, secrets, plain)
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            plain.add(key)
            walk(item, shape["value"]["shape"], sensitive, secrets, plain)
    elif isinstance(value, str):
        (secrets if sensitive else plain).add(value)

secrets, plain = set(), set()
for line in open(sys.argv[2]):
    request = json.loads(line)
    op = (request["target"] or "")[len(prefix):]
    if op not in model["operations"]:
        continue
    try:
        body = json.loads(request["body"])
    except ValueError:
        continue
    walk(body, model["operations"][op]["input"]["shape"], False, secrets, plain)
# The redactor leaves values under 4 characters (docs/report.md); a value
# also sent in a member that is not sensitive may show there.
secrets = {s for s in secrets if len(s) >= 4 and not any(s in p for p in plain)}
assert len(secrets) > 20, "too few generated secrets to judge: %d" % len(secrets)

results = json.load(open(os.path.join(sys.argv[3], "results.json")))
failures = [f for r in results["requirements"] for f in r["failures"]]
assert any("shrunkFrom" in f for f in failures), "no failure was shrunk"
echoed = [f for f in failures if "echo" in json.dumps(f.get("observed"))]
assert echoed, "no failure shows the echo: the test would judge nothing"

def forms(s):
    yield s
    yield json.dumps(s)[1:-1]
    yield json.dumps(s, ensure_ascii=False)[1:-1]
    yield html.escape(s)
    yield html.escape(json.dumps(s, ensure_ascii=False)[1:-1])

# A long secret's head alone must not show either (a body cut before it
# was redacted would show one).
heads = {s[:64] for s in secrets if len(s) >= 128 and not any(s[:64] in p for p in plain)}
leaks = []
for name in sorted(os.listdir(sys.argv[3])):
    text = open(os.path.join(sys.argv[3], name), encoding="utf-8", errors="replace").read()
    for s in secrets | heads:
        if any(f in text for f in forms(s)):
            leaks.append("%s: %r" % (name, s[:40]))
assert not leaks, "generated secrets in clear: " + "; ".join(leaks[:10])
print("%d generated secrets, %d failures (%d shrunk), none in clear in %s" %
      (len(secrets), len(failures), sum("shrunkFrom" in f for f in failures),
       ", ".join(sorted(os.listdir(sys.argv[3])))))
PY
