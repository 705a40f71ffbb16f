#!/usr/bin/env bash
# Builds cpct's fuzz targets the OSS-Fuzz / ClusterFuzzLite way. Their
# one-line .clusterfuzzlite/build.sh calls this; so does tests/fuzz.
# Reads the variables OSS-Fuzz sets: CC, CXX, CFLAGS, CXXFLAGS (sanitizer and
# coverage flags), LIB_FUZZING_ENGINE, OUT (where binaries, seed corpora and
# dictionaries go), WORK (scratch). SRC is where the sources were copied;
# this script finds the repository from its own path.
# Writes to $OUT: <target>, <target>_seed_corpus.zip, <target>.dict.
set -euo pipefail

: "${OUT:?OUT must name the output directory}"
: "${WORK:=$(mktemp -d)}"
: "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
: "${CC:=clang}"
: "${CXX:=clang++}"
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mapfile -t targets < <(grep -E '^[a-z0-9_]+$' "$repo/fuzz/targets.txt")
build="$WORK/cpct-fuzz-build"

# CXXFLAGS already carry the sanitizers and coverage flags: CPCT_FUZZ_SANITIZERS
# stays empty so they are not doubled.
CC="$CC" CXX="$CXX" cmake -S "$repo" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="${CFLAGS:-}" -DCMAKE_CXX_FLAGS="${CXXFLAGS:-}" \
  -DCPCT_BUILD_FUZZERS=ON -DCPCT_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DCPCT_FUZZ_SANITIZERS= \
  -DCPCT_BUILD_TESTS=OFF -DCPCT_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"

zip_dir() {  # zip_dir <dir> <archive>: files at the archive's root, as OSS-Fuzz expects
  local dir=$1 archive=$2
  rm -f "$archive"
  if command -v zip >/dev/null; then
    (cd "$dir" && zip -q -j "$archive" ./*)
  else
    (cd "$dir" && python3 -m zipfile -c "$archive" ./*)
  fi
}

mkdir -p "$OUT"
for t in "${targets[@]}"; do
  cp "$build/fuzz/$t" "$OUT/$t"
  cp "$build/fuzz/$t.dict" "$OUT/$t.dict"
  if compgen -G "$repo/corpus/$t/*" >/dev/null; then
    zip_dir "$repo/corpus/$t" "$OUT/${t}_seed_corpus.zip"
  fi
done
