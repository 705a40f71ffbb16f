#pragma once
// --baseline FILE: known deviations that a gate records instead of failing on.
#include <optional>

#include "check/baseline.hpp"
#include "cli/args.hpp"
#include "model/requirements.hpp"

namespace cpct::cli {

/// The --baseline flag, shared by both checks.
Flag baseline_flag();

/// The baseline --baseline names, checked against the catalogue; nullopt
/// without the flag. A file that does not parse or names an unknown
/// requirement is a UsageError (exit 2, one line).
std::optional<check::Baseline> baseline_of(const Args& args, const model::Catalogue& catalogue);

}  // namespace cpct::cli
