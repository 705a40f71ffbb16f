#pragma once
// --operations GLOB,...: which operations of the model a check covers.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "model/spec.hpp"

namespace cpct::cli {

/// Adds --operations GLOB,... (the server and client checks).
CLI::Option* add_operations_flag(CLI::App& app, std::string& globs);

/// The operations of `spec` that the comma-separated globs (`*`, `?`, as a
/// shell matches file names) select, in model order; every one when
/// `globs` is empty. A glob that selects nothing is a UsageError naming it
/// and a few of the model's operations.
std::vector<std::string> select_operations(const model::Spec& spec, const std::string& globs);

/// What a check covers of the operations `globs` selects.
struct CheckedOperations {
  std::vector<std::string> operations;  // selected, less those with an event-stream input
  nlohmann::json untested;              // target.untested: each event-stream input or output
};

/// select_operations, less the operations whose input is an event stream
/// (no JSON request can carry it); a UsageError when none is left.
CheckedOperations checked_operations(const model::Spec& spec, const std::string& globs);

}  // namespace cpct::cli
