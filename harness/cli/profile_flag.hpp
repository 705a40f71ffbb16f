#pragma once
// --profile FILE: where a service differs from the protocol and its model.
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "model/requirements.hpp"
#include "model/spec.hpp"
#include "protocol/profile.hpp"

namespace cpct::cli {

/// Adds --profile FILE (check server, check client and cpct serve).
CLI::Option* add_profile_flag(CLI::App& app, std::optional<std::string>& path);

/// The profile --profile names, checked against the model and applied to
/// the catalogue; the empty profile (AWS's defaults) without the flag. A
/// file that does not parse or does not fit the model is a UsageError.
protocol::Profile profile_of(const std::optional<std::string>& path, const model::Spec& spec,
                             model::Catalogue& catalogue);

/// The model --model names (the embedded one without it), with the
/// profile's "unions" marked before it is imported. Errors as profile_of.
std::shared_ptr<const model::Spec> spec_of(const std::optional<std::string>& model_path,
                                           const std::optional<std::string>& profile_path);

}  // namespace cpct::cli
