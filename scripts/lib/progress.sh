# shellcheck shell=bash
# build_quietly CMD...: runs a build command (ninja behind cmake --build) and
# turns its "[n/m] ..." lines into progress: one updating line on a terminal,
# a line at each quarter otherwise (logs, CI). Everything else (warnings,
# FAILED: and the compiler's errors) passes through as it is. Returns the
# command's exit status.
build_quietly() {
  local tty=0
  [ -t 1 ] && tty=1
  # A bash loop, not awk: Debian's mawk reads a pipe in blocks, so the
  # progress would show only at the end.
  "$@" 2>&1 | {
    open=0 quarter=0
    while IFS= read -r line || [ -n "$line" ]; do
      if [[ $line =~ ^\[([0-9]+)/([0-9]+)\] ]]; then
        n=${BASH_REMATCH[1]} m=${BASH_REMATCH[2]}
        if [ $tty -eq 1 ]; then
          printf '\r\033[Kbuilding: %d/%d' "$n" "$m"
          open=1
        elif [ "$m" -gt 0 ] && { [ "$n" -eq "$m" ] || [ $((4 * n / m)) -gt $quarter ]; }; then
          quarter=$((4 * n / m))
          printf 'building: %d/%d\n' "$n" "$m"
        fi
      elif [ "$line" = "ninja: no work to do." ]; then
        echo "building: up to date"
      else
        if [ $open -eq 1 ]; then printf '\n'; open=0; fi
        printf '%s\n' "$line"
      fi
    done
    if [ $open -eq 1 ]; then printf '\n'; fi
  }
  return "${PIPESTATUS[0]}"
}
