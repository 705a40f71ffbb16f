#!/usr/bin/env bash
# Runs fuzz/ossfuzz.sh with OSS-Fuzz's variables and checks that $OUT gets,
# for every target, the binary, <target>_seed_corpus.zip and <target>.dict.
#   ossfuzz_test.sh REPO WORK_DIR
set -euo pipefail
repo=$1
work=$2
command -v clang >/dev/null && command -v clang++ >/dev/null || { echo "SKIP: clang not found"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$work"
flags="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
env CC=clang CXX=clang++ CFLAGS="$flags" CXXFLAGS="$flags" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
    OUT="$out" SRC="$(dirname "$repo")" WORK="$work" "$repo/fuzz/ossfuzz.sh"
status=0
mapfile -t targets < <(grep -E '^[a-z0-9_]+$' "$repo/fuzz/targets.txt")
[ ${#targets[@]} -gt 0 ] || { echo "no targets in $repo/fuzz/targets.txt"; exit 1; }
for t in "${targets[@]}"; do
  for f in "$t" "${t}_seed_corpus.zip" "$t.dict"; do
    [ -s "$out/$f" ] || { echo "missing or empty: \$OUT/$f"; status=1; }
  done
  [ -x "$out/$t" ] || { echo "not executable: \$OUT/$t"; status=1; }
  python3 -m zipfile -l "$out/${t}_seed_corpus.zip" >/dev/null || { echo "bad zip: $t"; status=1; }
  # The smoke run: the binary, from $OUT alone as on ClusterFuzz, replays
  # its seed corpus under ASan and fuzzes on for 2,000 runs; a broken
  # contract or a sanitizer report fails the test.
  seeds=$(mktemp -d -p "$out")
  python3 -m zipfile -e "$out/${t}_seed_corpus.zip" "$seeds" >/dev/null
  mkdir -p "$seeds.new"
  if ! (cd "$out" && ./"$t" -runs=2000 -seed=1 -dict="$t.dict" -artifact_prefix="$seeds.new/" \
          "$seeds.new" "$seeds" >"$seeds.log" 2>&1); then
    echo "smoke run failed: $t"; tail -30 "$seeds.log"; status=1
  fi
done
[ $status -eq 0 ] && echo "ok: \$OUT has binaries, seed corpora and dictionaries"
exit $status
