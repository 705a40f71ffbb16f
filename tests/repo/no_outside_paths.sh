#!/usr/bin/env bash
# Nothing in the repository may need a file outside it: no reference to
# design notes kept elsewhere, to a machine's own paths, or to tracker issues
# a reader of the repository cannot see (docs/ holds the contracts).
#   no_outside_paths.sh SOURCE_DIR
set -euo pipefail
src=$1
self=tests/repo/no_outside_paths.sh
# Split so that this file does not match itself.
patterns=(
  "shared""/design" "\.\./shared/" "/work""/"
  "ARCHITECTURE""\.md" "AWS-FACTS""\.md" "STYLE""\.md"
  "\b[Ii]ssue"" #?[0-9]+"
)
regex=$(IFS='|'; echo "${patterns[*]}")

scan() {  # scan DIR: prints FILE:LINE:TEXT for every hit in DIR's text files
  local dir=$1
  if git -C "$dir" rev-parse --show-toplevel 2>/dev/null | grep -qx "$(cd "$dir" && pwd -P)"; then
    git -C "$dir" grep -nIE "$regex" -- . ":!$self" || true
  else
    (cd "$dir" && grep -rnIE "$regex" --exclude-dir=build --exclude-dir=node_modules \
       --exclude-dir=.git --exclude-dir=third_party . | grep -v "^\./$self:" || true)
  fi
}

# The scan must be able to fail: a planted reference is found.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '// see ../shared''/design/ARCHITECTURE''.md\n' > "$probe/planted.cpp"
[ -n "$(scan "$probe")" ] || { echo "no_outside_paths: the scan missed a planted reference"; exit 1; }

hits=$(scan "$src")
if [ -n "$hits" ]; then
  echo "files refer to paths outside the repository (point them to docs/ instead):"
  echo "$hits" | head -40
  exit 1
fi
echo "no file refers to a path outside the repository"
