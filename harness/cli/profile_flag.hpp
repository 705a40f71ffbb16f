#pragma once
// --profile FILE: where a service differs from the protocol and its model.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "model/requirements.hpp"
#include "model/spec.hpp"
#include "protocol/profile.hpp"

namespace cpct::cli {

/// Adds --profile FILE (check server and cpct serve).
CLI::Option* add_profile_flag(CLI::App& app, std::optional<std::string>& path);

/// The profile --profile names, checked against the model and applied to
/// the catalogue; the empty profile (AWS's defaults) without the flag. A
/// file that does not parse or does not fit the model is a UsageError.
protocol::Profile profile_of(const std::optional<std::string>& path, const model::Spec& spec,
                             model::Catalogue& catalogue);

}  // namespace cpct::cli
