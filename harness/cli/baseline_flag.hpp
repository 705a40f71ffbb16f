#pragma once
// --baseline FILE: known deviations that a gate records instead of failing on.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "check/baseline.hpp"
#include "cli/command.hpp"
#include "model/requirements.hpp"

namespace cpct::cli {

/// Adds --baseline FILE (both checks).
CLI::Option* add_baseline_flag(CLI::App& app, std::optional<std::string>& path);

/// The baseline --baseline names, checked against the catalogue; nullopt
/// without the flag. A file that does not parse or names an unknown
/// requirement is a UsageError (exit 2, one line).
std::optional<check::Baseline> baseline_of(const std::optional<std::string>& path,
                                           const model::Catalogue& catalogue);

}  // namespace cpct::cli
