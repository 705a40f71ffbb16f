#pragma once
// Command-line parsing for cpct's subcommands. Each command declares its
// flags once, in a table that serves both parsing and --help.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

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

struct Flag {
  const char* name;        // without dashes: "fixtures"
  const char* value_name;  // "FILE"; nullptr for a switch
  const char* help;
  const char* default_value = nullptr;  // shown in --help
};

class Args;

struct Command {
  const char* name;     // "spec", "check server"
  const char* summary;  // one line for `cpct --help`
  const char* usage;    // the synopsis after "cpct <name>"
  std::vector<Flag> flags;
  int (*run)(const Args& args);
  const char* positional = nullptr;  // e.g. "FILE": one positional argument allowed
  bool many_positionals = false;     // any number of them (cpct report --merge OUT DIR...)
};

class Args {
 public:
  /// Parses argv after the command words. Throws UsageError.
  Args(const Command& command, const std::vector<std::string>& argv);

  bool has(const std::string& name) const;
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  /// An integer flag within [min, max]; `fallback` when absent.
  long long get_int(const std::string& name, long long fallback, long long min,
                    long long max) const;
  /// The first positional argument.
  const std::optional<std::string>& positional() const { return positional_; }
  /// Every positional argument, in order (one at most unless many_positionals).
  const std::vector<std::string>& positionals() const { return positionals_; }
  const Command& command() const { return command_; }

 private:
  const Command& command_;
  std::map<std::string, std::string> values_;
  std::optional<std::string> positional_;
  std::vector<std::string> positionals_;
};

/// The --help text of a command.
std::string help_text(const Command& command);

}  // namespace cpct::cli
