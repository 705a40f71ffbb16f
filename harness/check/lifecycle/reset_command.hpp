#pragma once
// --reset-command, run with sh -c under a deadline: a command that hangs
// must not outlast the exchange's timeout or the run's bound. Its output
// goes to stderr, so stdout stays the summary (--format json pipes it).
#include <chrono>
#include <string>

namespace cpct::check::lifecycle {

/// Runs `command` in its own process group; at `deadline` the group is
/// killed. True on exit status 0; else `why` says what happened.
bool run_reset_command(const std::string& command, std::chrono::steady_clock::time_point deadline,
                       std::string& why);

}  // namespace cpct::check::lifecycle
