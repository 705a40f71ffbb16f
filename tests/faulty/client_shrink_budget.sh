#!/usr/bin/env bash
# check client's --shrink-budget bounds the shrink candidates (adapter
# lines) of a whole run, and a failure it cut short says so, as check
# server words it; with room, a failure is shrunk. The faulty adapter that
# mangles non-ASCII text, behind tee, which records every line it is sent.
#   client_shrink_budget.sh CPCT FAULTY_ADAPTER
set -euo pipefail
cpct=$1 adapter=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {  # run NAME [flags...]: one check, its adapter lines in NAME.lines
  local name=$1
  shift
  : > "$work/$name.lines"
  "$cpct" check client --adapter "tee -a '$work/$name.lines' | '$adapter' --defect utf8-mangled" \
    --operations GetThirdPartyJobDetails --seed 5 --cases 30 --retries 0 --timeout-ms 4000 \
    --report-dir "$work/$name" "$@" > "$work/$name.check" 2>&1 || true
}
run none --shrink-budget 0
run small --shrink-budget 3
run default
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def load(name):
    results = json.load(open("%s/%s/results.json" % (work, name)))
    lines = sum(1 for _ in open("%s/%s.lines" % (work, name)))
    rid = "client.GetThirdPartyJobDetails.output.round-trip"
    req = next(r for r in results["requirements"] if r["id"] == rid)
    assert req["status"] == "failed", (name, req["status"])
    return req["failures"], lines
none, none_lines = load("none")
small, small_lines = load("small")
default, default_lines = load("default")
# The same seed sends the same cases: what more a run sent is its shrinks.
assert small_lines - none_lines == 3, "--shrink-budget 3 sent %d shrink lines" % (small_lines - none_lines)
assert default_lines - none_lines > 3, default_lines - none_lines
# Budget 0: each failure is the case itself, said not shrunk.
assert none and all("shrunkFrom" not in f and not f["case"]["name"].startswith("shrunk")
                    for f in none), none
assert all(f.get("notMinimal", "").startswith("not shrunk: the run's shrink budget ran out "
                                              "(--shrink-budget 0)") for f in none), none
# Budget 3: cut short, said so with the budget.
cut = [f for f in small if "notMinimal" in f]
assert cut and all("(--shrink-budget 3)" in f["notMinimal"] for f in cut), small
# With room: a failure shrunk, no budget note.
shrunk = [f for f in default if "shrunkFrom" in f]
assert shrunk and not any("--shrink-budget" in f.get("notMinimal", "") for f in default), default
print("shrink lines: 0, 3 and %d (default budget)" % (default_lines - none_lines))
PY
