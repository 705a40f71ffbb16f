# shellcheck shell=bash
# build_quietly CMD...: runs a build command (ninja behind cmake --build) and
# turns its "[n/m] ..." lines into progress: one updating line on a terminal,
# a line at each quarter otherwise (logs, CI). Everything else (warnings,
# FAILED: and the compiler's errors) passes through as it is. Returns the
# command's exit status.
build_quietly() {
  local tty=0
  [ -t 1 ] && tty=1
  "$@" 2>&1 | awk -v tty="$tty" '
    function flush_line() { if (open) { printf "\n"; open = 0 } }
    match($0, /^\[[0-9]+\/[0-9]+\]/) {
      split(substr($0, 2, RLENGTH - 2), nm, "/")
      n = nm[1] + 0; m = nm[2] + 0
      if (tty) {
        printf "\r\033[Kbuilding: %d/%d", n, m; open = 1
      } else if (m > 0 && (n == m || int(4 * n / m) > quarter)) {
        quarter = int(4 * n / m)
        printf "building: %d/%d\n", n, m
      }
      fflush(); next
    }
    /^ninja: no work to do/ { print "building: up to date"; next }
    { flush_line(); print; fflush() }
    END { flush_line() }'
  return "${PIPESTATUS[0]}"
}
