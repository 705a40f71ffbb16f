#pragma once
// results.json (docs/contracts.md) from a check's Results, and the files
// `--report-dir` receives: results.json first, then everything rendered from
// it (report/render.hpp). Everything passed in is already redacted.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/results.hpp"
#include "report/run_info.hpp"

namespace cpct::report {

nlohmann::json results_json(const RunInfo& info, const check::Summary& summary,
                            const std::vector<check::RequirementResult>& results);

/// Per-family counts, as the terminal summary and summary.md show them.
struct FamilyCounts {
  std::string family;
  std::size_t requirements = 0, passed = 0, failed = 0, warnings = 0, untested = 0;
};
/// The implementation profile as results.json holds it: one entry per
/// question, each answer with its case count.
nlohmann::json profile_json(
    const std::map<std::string, std::map<std::string, std::size_t>>& profile);

std::vector<FamilyCounts> by_family(const std::vector<check::RequirementResult>& results);

/// Writes `doc` as `dir`/results.json (dir created if needed), then renders
/// the other files from the file as written. Throws std::runtime_error
/// naming the file on failure.
void write_results_dir(const std::string& dir, const nlohmann::json& doc);

/// results_json, then write_results_dir.
void write_reports(const std::string& dir, const RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results);

}  // namespace cpct::report
