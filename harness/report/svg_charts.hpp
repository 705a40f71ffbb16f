#pragma once
// The report's two charts as inline SVG (no script, no external file):
// verdicts by family as stacked bars, and the response latency histogram.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cpct::report {

struct FamilyVerdicts {
  std::string family;
  std::uint64_t passed = 0, failed = 0, warnings = 0, untested = 0;
  std::uint64_t total() const { return passed + failed + warnings + untested; }
};

/// One bar per family, each split by verdict in proportion to its size.
std::string verdicts_chart_svg(const std::vector<FamilyVerdicts>& families);

/// The "latency" member of results.json ({buckets: lower bounds in µs,
/// counts, p50, p99}); a labelled empty frame when it is absent or empty.
std::string latency_chart_svg(const nlohmann::json& latency);

}  // namespace cpct::report
