#include "cli/baseline_flag.hpp"

namespace cpct::cli {

Flag baseline_flag() {
  return {"baseline", "FILE",
          "known deviations: {\"baseline\": [{\"id\", \"reason\"}]} or an earlier results.json; "
          "recorded failures do not fail the gate, and ones no longer found are listed "
          "(docs/baselines.md)"};
}

std::optional<check::Baseline> baseline_of(const Args& args, const model::Catalogue& catalogue) {
  const auto path = args.get("baseline");
  if (!path) return std::nullopt;
  try {
    return check::load_baseline(*path, catalogue);
  } catch (const check::BaselineError& e) {
    throw UsageError(e.what());
  }
}

}  // namespace cpct::cli
