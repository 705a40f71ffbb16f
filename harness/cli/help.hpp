#pragma once
// --help pages and usage errors, both generated from the CLI11 definitions
// of the flags: one line per flag with its range, choices and default, and
// a usage error as one line that names the flag and points to --help.
#include <iosfwd>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace cpct::cli {

/// Renders `cpct COMMAND --help`: usage line, summary, flags, examples
/// (the app's footer).
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override;
};

/// `cpct --help`: every command and its summary.
void print_overview(std::ostream& out);

/// The one-line reason of a CLI11 parse error of `app` (without "cpct: "),
/// ending with a pointer to the command's --help.
std::string usage_message(const CLI::App& app, const CLI::Error& error);

}  // namespace cpct::cli
