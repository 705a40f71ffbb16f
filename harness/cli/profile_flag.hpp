#pragma once
// --profile FILE: where a service differs from the protocol and its model.
#include "cli/args.hpp"
#include "model/requirements.hpp"
#include "model/spec.hpp"
#include "protocol/profile.hpp"

namespace cpct::cli {

/// The --profile flag, shared by check server and cpct serve.
Flag profile_flag();

/// The profile --profile names, checked against the model and applied to
/// the catalogue; the empty profile (AWS's defaults) without the flag. A
/// file that does not parse or does not fit the model is a UsageError.
protocol::Profile profile_of(const Args& args, const model::Spec& spec,
                             model::Catalogue& catalogue);

}  // namespace cpct::cli
