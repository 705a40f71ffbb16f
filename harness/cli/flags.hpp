#pragma once
// Flags and checks that several commands share, defined once each. A
// command adds a flag with one call; its default is the variable's value
// (shown by --help from that same variable) unless said otherwise.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace cpct::cli {

template <typename T>
inline constexpr bool is_optional = false;
template <typename T>
inline constexpr bool is_optional<std::optional<T>> = true;

/// A whole number from `min` to `max`, written in decimal (CLI11's own
/// conversion would read 010 as octal, 0x10 as hex and wrap -1 into an
/// unsigned), checked with CLI::Range. --help shows "from MIN to MAX".
CLI::Validator whole_number(long long min, long long max);

/// One of `choices` (CLI::IsMember); --help shows "one of A, B, C".
CLI::Validator one_of(std::initializer_list<const char*> choices);

/// Not the empty string (a command to run, a directory).
CLI::Validator non_empty();

/// Adds a whole-number flag NAME N from `min` to `max` (whole_number);
/// its default is `value` as it stands (for an optional, say it with
/// ->default_str on the result).
template <typename T>
CLI::Option* add_number(CLI::App& app, const std::string& name, T& value, const std::string& help,
                        long long min, long long max) {
  CLI::Option* option =
      app.add_option(name, value, help)->type_name("N")->check(whole_number(min, max));
  if constexpr (!is_optional<T>) option->capture_default_str();
  return option;
}

/// --model FILE: a botocore-format model instead of the embedded one.
CLI::Option* add_model_flag(CLI::App& app, std::optional<std::string>& path);

/// --seed N: the plan's seed; random (and printed) when absent.
CLI::Option* add_seed_flag(CLI::App& app, std::optional<std::uint64_t>& seed, const char* what);
/// The seed --seed gave, or a random one.
std::uint64_t seed_or_random(const std::optional<std::uint64_t>& seed);

/// --retries N, shared by the server and client checks (default 2).
CLI::Option* add_retries_flag(CLI::App& app, std::size_t& retries);

/// --timeout-ms N: per-request (or per-case) timeout (default 5000).
CLI::Option* add_timeout_flag(CLI::App& app, long long& timeout_ms, const char* what);

/// --report-dir DIR: where a check writes its reports.
CLI::Option* add_report_dir_flag(CLI::App& app, std::optional<std::string>& dir);

/// The command that runs a check again to the same verdict: "cpct <command>"
/// and, in the order the command defines its flags, each flag of `used`
/// (name without dashes -> the value this run used) that the user gave or
/// whose value differs from the flag's default. A value of digits and '/'
/// only (seeds, counts, I/N) stays bare; a switch (--insecure) is written
/// alone when its value is "true"; any other is quoted with
/// check::shell_quote. Flags that do not change the verdict (--jobs,
/// --report-dir) are simply left out of `used`. Throws std::logic_error for
/// a name that is not one of the command's flags.
std::string rerun_command(const CLI::App& app, const std::map<std::string, std::string>& used);

/// "check server" for the app of `cpct check server`.
std::string command_path(const CLI::App& app);

}  // namespace cpct::cli
