#pragma once
// What every cpct subcommand declares: its words, a summary, examples, and
// a function that defines its flags on a CLI11 app (the one place each flag
// is defined: name, default, range, help) and returns what runs it.
#include <functional>
#include <stdexcept>
#include <vector>

namespace CLI {
class App;
}

namespace cpct::cli {

/// Exit codes shared by every subcommand (docs/contracts.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // a MUST requirement failed
inline constexpr int kExitUsage = 2;   // usage or setup error

/// A usage or setup error: main prints "cpct: <what>" and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Runs a command once its flags are parsed; returns the exit code.
using Run = std::function<int()>;

struct Command {
  const char* name;                   // "spec", "check server"
  const char* summary;                // one line for `cpct --help`
  std::vector<const char*> examples;  // whole command lines, under "Examples:" in --help
  /// Adds the command's flags (and positional argument) to `app`, bound to
  /// the options the returned Run reads.
  Run (*define)(CLI::App& app);
};

}  // namespace cpct::cli
