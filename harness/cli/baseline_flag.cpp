#include "cli/baseline_flag.hpp"

namespace cpct::cli {

CLI::Option* add_baseline_flag(CLI::App& app, std::optional<std::string>& path) {
  return app
      .add_option("--baseline", path,
                  "known deviations: {\"baseline\": [{\"id\", \"reason\"}]} or an earlier "
                  "results.json; recorded failures do not fail the gate, and ones no longer found "
                  "are listed (docs/baselines.md)")
      ->type_name("FILE");
}

std::optional<check::Baseline> baseline_of(const std::optional<std::string>& path,
                                           const model::Catalogue& catalogue) {
  if (!path) return std::nullopt;
  try {
    return check::load_baseline(*path, catalogue);
  } catch (const check::BaselineError& e) {
    throw UsageError(e.what());
  }
}

}  // namespace cpct::cli
