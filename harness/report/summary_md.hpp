#pragma once
// summary.md, rendered from a results.json alone: verdict, counts by
// family, failures and warnings, the implementation profile (for CI job
// summaries and pull requests).
#include <string>

#include <nlohmann/json.hpp>

namespace cpct::report {

std::string summary_markdown(const nlohmann::json& doc);

/// True when a MUST requirement failed that no baseline records: the
/// verdict FAIL, exit 1.
bool must_failed(const nlohmann::json& doc);

}  // namespace cpct::report
