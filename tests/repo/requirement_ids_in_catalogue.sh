#!/usr/bin/env bash
# Requirement IDs are spelled in one place, harness/model/requirement_ids.cpp
# (and derived from shapes by shape_requirement_id): a checker that wrote an
# ID as a string literal could misspell it, and its check would be counted
# under no requirement. This scan fails on any ID-like literal elsewhere in
# harness/ (comments aside).
#   requirement_ids_in_catalogue.sh SOURCE_DIR
set -euo pipefail
src=$1
allowed=(model/requirement_ids.cpp)

# A string literal that starts like a requirement ID, of any family:
# client.* worker.* awsJson1_x.*, <Op>.semantics.*, <Op>.input|output.*,
# or the rest of one (request.*, server.*, .semantics.*, ...).
regex='"((client|worker|awsJson1_[01])\.([A-Za-z{]|")'
regex+='|[A-Za-z{}]*\.semantics\.'
regex+='|[A-Z][A-Za-z0-9]*\.(input|output)\.'
regex+='|\.(input|output)\.round-trip'
regex+='|(request|response|server|robustness|output)\.[a-z0-9-]+")'

scan() {  # scan HARNESS_DIR: prints FILE:LINE:TEXT for every ID literal outside the allowed files
  local dir=$1 exclude=()
  for f in "${allowed[@]}"; do exclude+=(":!$f"); done
  (cd "$dir" && grep -rnE --include='*.cpp' --include='*.hpp' "$regex" . || true) |
    sed 's|^\./||' |
    grep -vE "^($(IFS='|'; echo "${allowed[*]}")):" |
    # Comments may quote IDs: drop whole-line comments and trailing ones.
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' |
    sed -E 's|[[:space:]]//.*$||' | grep -E "$regex" || true
}

# The scan must be able to fail: an ID literal planted in a copy is found.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
cp -r "$src/harness" "$probe/harness"
printf 'const char* planted = "client.robustness.no-crahs";\n' >> "$probe/harness/check/server/judge.cpp"
printf 'auto p = id + ".semantics.known-job";\n' >> "$probe/harness/model/lifecycle/poll.cpp"
planted=$(scan "$probe/harness")
for want in check/server/judge.cpp model/lifecycle/poll.cpp; do
  grep -q "^$want:" <<<"$planted" ||
    { echo "requirement_ids_in_catalogue: the scan missed the ID planted in $want"; exit 1; }
done

hits=$(scan "$src/harness")
if [ -n "$hits" ]; then
  echo "requirement IDs written as literals outside harness/model/requirement_ids.cpp" \
       "(build them with model/requirement_ids.hpp):"
  echo "$hits" | head -40
  exit 1
fi
echo "every requirement ID in harness/ is built by model/requirement_ids.hpp"
