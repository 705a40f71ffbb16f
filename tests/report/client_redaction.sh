#!/usr/bin/env bash
# A client run's reports show the response bytes of each failing case; the
# model's sensitive members (artifactCredentials) must be redacted in them
# as in the parsed body, although cpct drew those values itself and knows no
# list of secrets to hide. A client that drops artifactCredentials fails
# exactly the cases that carry them, so the kept failures hold some.
#   client_redaction.sh CPCT FAULTY_ADAPTER
set -euo pipefail
cpct=$1 adapter=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
set +e
"$cpct" check client --adapter "$adapter --defect credentials-dropped" --seed 5 --cases 60 \
  --timeout-ms 1500 --report-dir "$work/report" > "$work/out" 2>&1
code=$?
set -e
[ "$code" = 1 ] || { echo "exit $code, expected 1"; cat "$work/out"; exit 1; }
python3 - "$work/report" <<'PY'
import html, json, re, sys
marker = "*** Sensitive Data Redacted ***"
doc = json.load(open(sys.argv[1] + "/results.json"))
# The structure is sensitive as a whole: its value must be the marker.
key = r'"artifactCredentials":\s*("[^"]*"|[^"\s])'
values = [m.group(1) for r in doc["requirements"] for f in r["failures"]
          for m in re.finditer(key, f["case"].get("responseBytes", ""))]
if not values:
    sys.exit("no failing case's response bytes carry artifactCredentials: the test proves nothing")
clear = [v for v in values if v != f'"{marker}"']
if clear:
    sys.exit(f"{len(clear)} credential values in clear in responseBytes, e.g. {clear[0][:40]!r}")
page = html.unescape(open(sys.argv[1] + "/index.html").read())
clear = [v for v in re.findall(key, page) if v != f'"{marker}"']
if clear:
    sys.exit(f"{len(clear)} credential values in clear in index.html, e.g. {clear[0][:40]!r}")
print(f"ok: {len(values)} credential values in response bytes, all redacted")
PY
