#pragma once
// The files `--report-dir` receives: results.json (docs/contracts.md),
// junit.xml (one testcase per requirement), summary.md. Everything passed
// in is already redacted.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/results.hpp"
#include "report/run_info.hpp"

namespace cpct::report {

nlohmann::json results_json(const RunInfo& info, const check::Summary& summary,
                            const std::vector<check::RequirementResult>& results);

std::string junit_xml(const RunInfo& info, const std::vector<check::RequirementResult>& results);

std::string summary_markdown(const RunInfo& info, const check::Summary& summary,
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

/// Writes the three files into `dir` (created if needed). Throws
/// std::runtime_error naming the file on failure.
void write_reports(const std::string& dir, const RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results);

}  // namespace cpct::report
