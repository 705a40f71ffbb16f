#!/usr/bin/env bash
# Renders a real report (a faulty endpoint, one failing requirement) in
# headless Chromium and checks what a reader sees: the verdict, the
# requirement matrix, a failure's reproducer. Leaves a screenshot.
#   browser_check.sh CPCT FAULTY_SERVE FIXTURES SCREENSHOT
# Exit 77 (skipped) when Chromium is not installed.
set -euo pipefail
cpct=$1 faulty=$2 fixtures=$3 screenshot=$4
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "skipped: $chromium not found (scripts/deps --tests installs Debian's chromium)"
  exit 77
fi
# shellcheck source=SCRIPTDIR/../../scripts/lib/endpoint.sh
source "$(dirname "$0")/../../scripts/lib/endpoint.sh"
work=$(mktemp -d)
trap 'stop_endpoints; rm -rf "$work"' EXIT

start_endpoint "$work/server.out" "$work/server.err" \
  "$faulty" --defect nonce-too-long --fixtures "$fixtures" || exit 1
url=$ENDPOINT_URL
"$cpct" check server --endpoint "$url" --fixtures "$fixtures" --seed 1 --cases 40 \
  --report-dir "$work/report" > "$work/check.out" 2>&1 || true
[ -s "$work/report/index.html" ] || { echo "no index.html"; cat "$work/check.out"; exit 1; }

browse() {  # a fresh, empty profile each time; nothing reaches the network
  local profile
  profile=$(mktemp -d "$work/profile.XXXX")
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2> "$work/chromium.err"
}
browse --dump-dom "file://$work/report/index.html" > "$work/dom.html"
browse --screenshot="$screenshot" --window-size=1280,2000 "file://$work/report/index.html" > /dev/null
[ -s "$screenshot" ] || { echo "no screenshot"; cat "$work/chromium.err"; exit 1; }

python3 - "$work/dom.html" <<'PY'
import re, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    """Collects the text of elements by id or class, as the browser built them."""
    def __init__(self):
        super().__init__()
        self.stack, self.text, self.rows, self.scripts = [], {}, [], 0
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        keys = ["#" + attrs["id"]] if "id" in attrs else []
        keys += ["." + c for c in (attrs.get("class") or "").split()]
        if tag == "tr" and "class" in attrs:
            self.rows.append(attrs["class"])
        if tag == "script":
            self.scripts += 1
        if tag not in ("br", "meta", "link", "rect", "line", "img"):
            self.stack.append(keys)
    def handle_endtag(self, tag):
        if self.stack and tag not in ("br", "meta", "link", "rect", "line", "img"):
            self.stack.pop()
    def handle_data(self, data):
        for keys in self.stack:
            for k in keys:
                self.text[k] = self.text.get(k, "") + data

page = Page()
page.feed(open(sys.argv[1], encoding="utf-8").read())
def need(ok, what):
    if not ok:
        sys.exit("rendered page: " + what)
need("FAIL" in page.text.get("#verdict", ""), "no FAIL verdict")
need(re.search(r"\d+ MUST requirements? failed", page.text.get("#verdict", "")),
     "the verdict does not count failures")
need(len(page.rows) > 100, f"matrix has {len(page.rows)} rows")
need(page.rows.count("failed") >= 1, "the matrix shows no failed row")
need("GetThirdPartyJobDetails.output.jobDetails.nonce.length-max" in page.text.get("#matrix", ""),
     "the failing requirement is not in the matrix")
need(page.text.get(".reproduce", "").lstrip().startswith("curl -sS"), "no curl reproducer")
need("--seed 1" in page.text.get("#rerun", ""), "no rerun command")
need(page.scripts == 0, "the page has a script")
print("ok: verdict, %d matrix rows, reproducer, rerun" % len(page.rows))
PY
